"""The classic Keras airline tutorial rebuilt from lstmkit's pieces: its users' first mistakes."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.data import split_windows
from lstmkit.train import DivergedError, TrainConfig, fit


def _mse(model, batch):
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


def _windows_with_a_nan():
    """look_back=1 windows of a line whose 4th point is missing (NaN), as float32 tensors."""
    values = np.arange(20.0)
    values[3] = np.nan
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
        "or infinite value(s), the first at index (3, 0); fill or drop them first "
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
        "or infinite value(s), the first at index (3, 0); fill or drop them first "
        "(lstmkit.data.to_frame(..., fill=...))."
    )
    batches = [(x[8:], y[8:]), (x[:2], torch.tensor([[np.inf], [0.0]]))]
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), loss, batches, None, config)
    assert str(err.value) == (
        "the training loss became inf at epoch 1, batch 2: that batch's entry 1 holds 1 NaN "
        "or infinite value(s), the first at index (0, 0); fill or drop them first "
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
        "infinite value(s), the first at index (3, 0); fill or drop them first "
        "(lstmkit.data.to_frame(..., fill=...))."
    )


def test_a_nan_loss_from_clean_data_still_blames_the_learning_rate():
    x, y = _windows_with_a_nan()
    x, y = x[5:], y[5:]  # clean
    torch.manual_seed(0)
    config = TrainConfig(epochs=2, batch_size=None, progress=False)
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), lambda m, b: _mse(m, b) * np.nan, (x, y), None, config)
    assert str(err.value) == (
        "training diverged: the training loss became nan at epoch 1, batch 1. Try a lower "
        "learning rate than `lr`=0.01."
    )
