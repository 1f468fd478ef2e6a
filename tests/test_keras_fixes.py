"""The classic Keras airline tutorial rebuilt from lstmkit's pieces: its users' first mistakes."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.data import split_windows
from lstmkit.metrics import mae, mape, mase, rmse, smape
from lstmkit.train import DivergedError, TrainConfig, fit


def _mse(model, batch):
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


def _windows_with_a_nan():
    """look_back=1 windows of a line whose 4th point is missing (NaN), as float32 tensors."""
    values = np.arange(20.0)
    values[3] = np.nan
    with pytest.warns(UserWarning, match=r"^`values` hold 1 NaN \(the first at index 3\)"):
        part = split_windows(values, lookback=1, horizon=1).train
    return tuple(torch.as_tensor(a, dtype=torch.float32).reshape(len(a), -1) for a in part[:2])


def test_nan_in_the_training_data_is_named_not_blamed_on_the_learning_rate():
    # "training diverged ... Try a lower learning rate" sent the user to lower `lr` forever
    x, y = _windows_with_a_nan()  # x [19, 1]: the NaN at row 3, and the target of row 2
    torch.manual_seed(0)
    config = TrainConfig(epochs=3, batch_size=None, progress=False)
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), _mse, (x, y), None, config)
    assert str(err.value) == (
        "the training loss became nan at epoch 1, batch 1: `train_data` column 0 holds 1 NaN "
        "or infinite value, at index (3, 0); fill or drop it first "
        "(lstmkit.data.to_frame(..., fill=...))."
    )


def test_nan_in_a_batch_of_a_loader_is_named():
    x, y = _windows_with_a_nan()

    def loss(model, batch):  # tuples and dicts alike
        batch = (batch["x"], batch["y"]) if isinstance(batch, dict) else batch
        return _mse(model, batch)

    torch.manual_seed(0)
    config = TrainConfig(epochs=1, progress=False)
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), loss, [{"x": x[:8], "y": y[:8]}], None, config)
    assert str(err.value) == (
        "the training loss became nan at epoch 1, batch 1: that batch's entry 'x' holds 1 NaN "
        "or infinite value, at index (3, 0); fill or drop it first "
        "(lstmkit.data.to_frame(..., fill=...))."
    )
    batches = [(x[8:], y[8:]), (x[:2], torch.tensor([[np.inf], [0.0]]))]
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), loss, batches, None, config)
    assert str(err.value) == (
        "the training loss became inf at epoch 1, batch 2: that batch's entry 1 holds 1 NaN "
        "or infinite value, at index (0, 0); fill or drop it first "
        "(lstmkit.data.to_frame(..., fill=...))."
    )


def test_nan_in_the_validation_data_is_named():
    x, y = _windows_with_a_nan()
    torch.manual_seed(0)
    config = TrainConfig(epochs=2, batch_size=None, progress=False)
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), _mse, (x[5:], y[5:]), (x, y), config)
    assert str(err.value) == (
        "the validation loss became nan at epoch 1: `val_data` column 0 holds 1 NaN or "
        "infinite value, at index (3, 0); fill or drop it first "
        "(lstmkit.data.to_frame(..., fill=...))."
    )


def test_a_nan_loss_from_clean_data_at_the_first_batch_blames_the_loss_not_the_weights():
    """A clean batch whose `loss_fn` gives NaN before any step: neither `lr` (no step has
    acted) nor the new model's ordinary weights are blamed; the data's scale and `loss_fn`
    are told first (fol20: it was told its weights were "far beyond a new model's")."""
    x, y = _windows_with_a_nan()
    x, y = x[5:], y[5:]  # clean
    torch.manual_seed(0)
    config = TrainConfig(epochs=2, batch_size=None, progress=False)
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), lambda m, b: _mse(m, b) * np.nan, (x, y), None, config)
    assert str(err.value) == (
        "training diverged: the training loss became nan at epoch 1, batch 1, before any "
        "training step, so no lower `lr` (now 0.01) would avoid it: check the data's scale "
        "and `loss_fn` (the model's parameters are finite and at most 0.536444 in absolute "
        "value, not a diverged fit's)."
    )


@pytest.mark.parametrize("metric", [rmse, mae, mape, smape])
def test_metrics_name_a_tensor_that_requires_grad(metric):
    # rmse(y_test, net(X_test)) outside torch.no_grad(): torch's bare RuntimeError before
    y_true = torch.ones(3)
    y_pred = torch.ones(3, requires_grad=True)
    with pytest.raises(ValueError) as err:
        metric(y_true, y_pred)
    assert str(err.value) == (
        "`y_pred` must be an array of numbers, got a tensor that requires grad (a network's "
        "output outside torch.no_grad()), which numpy cannot read; pass y_pred.detach(), or "
        "compute it under torch.no_grad()."
    )
    assert metric(y_true, y_pred.detach()) == 0.0


def test_metrics_read_bfloat16_and_name_text():
    # a network's output under torch.autocast("cpu"): numpy has no bfloat16 ("Got unsupported
    # ScalarType BFloat16"), read as the scalers read it
    y_pred = torch.tensor([1.0, 2.0, 2.0], dtype=torch.bfloat16)
    assert rmse(np.zeros(3), y_pred) == 3**0.5
    with pytest.raises(ValueError) as err:
        rmse(["1", "x"], [1.0, 2.0])
    assert str(err.value) == (
        "`y_true` must be an array of numbers, got list that numpy cannot read as floats "
        "(could not convert string to float: 'x')."
    )


def test_mase_names_y_train():
    y_train = torch.arange(5.0, requires_grad=True)
    with pytest.raises(ValueError) as err:
        mase([1.0], [2.0], y_train=y_train)
    assert str(err.value) == (
        "`y_train` must be an array of numbers, got a tensor that requires grad (a network's "
        "output outside torch.no_grad()), which numpy cannot read; pass y_train.detach(), or "
        "compute it under torch.no_grad()."
    )
    assert mase([1.0], [2.0], y_train=y_train.detach()) == 1.0
    with pytest.raises(TypeError) as err:
        mase([1.0], [2.0], y_train=np.arange(5.0) * 1j)
    assert str(err.value) == "`y_train` must hold real numbers, got complex values."


def test_an_empty_validation_part_says_pass_none():
    # the README's fit(..., tensors(split.val), ...) after split_windows(..., test=0.33) alone:
    # "validation data yielded no batches." said neither which data nor what to do
    split = split_windows(np.arange(30.0), lookback=1, horizon=1, test=0.33)
    train, val = (tuple(torch.as_tensor(a, dtype=torch.float32) for a in w[:2]) for w in split[:2])
    with pytest.raises(ValueError) as err:
        fit(torch.nn.Flatten(0), _mse, train, val, TrainConfig(epochs=1, progress=False))
    assert str(err.value) == (
        "`val_data` must hold at least one sample, got tensors of shapes [0, 1, 1], [0, 1]; pass "
        "val_data=None to train without validation (a part of split_windows with no windows, "
        "as val=0 gives, has none)."
    )
