"""Today's Keras-user changes run as a user runs them: NaN named in batches of validation."""

from __future__ import annotations

import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from lstmkit.train import DivergedError, TrainConfig, fit


def _mse(model, batch):
    batch = (batch["x"], batch["y"]) if isinstance(batch, dict) else batch
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


def _columns():
    x = torch.arange(20.0).reshape(20, 1)
    nan = x.clone()
    nan[6, 0] = float("nan")  # the 3rd row of the 2nd batch of 4
    return x, nan


def test_nan_in_a_validation_loader_is_named():
    # a DataLoader (or a list of dict batches) as val_data: "Try a lower learning rate ... or
    # check the validation data", where tensor columns named the NaN's column and index
    x, nan = _columns()
    config = TrainConfig(epochs=2, batch_size=None, progress=False)
    torch.manual_seed(0)
    loader = DataLoader(TensorDataset(x, nan), batch_size=4)
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), _mse, (x, x), loader, config)
    assert str(err.value) == (
        "the validation loss became nan at epoch 1: `val_data` batch 2's entry 1 holds 1 NaN "
        "or infinite value, at index (2, 0); fill or drop it first "
        "(lstmkit.data.to_frame(..., fill=...))."
    )
    batches = [{"x": x[:4], "y": x[:4]}, {"x": nan[4:], "y": x[4:]}]
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), _mse, (x, x), batches, config)
    assert str(err.value) == (
        "the validation loss became nan at epoch 1: `val_data` batch 2's entry 'x' holds 1 NaN "
        "or infinite value, at index (2, 0); fill or drop it first "
        "(lstmkit.data.to_frame(..., fill=...))."
    )


def test_a_nan_validation_loss_from_clean_batches_still_blames_the_learning_rate():
    x, _ = _columns()
    config = TrainConfig(epochs=2, batch_size=None, progress=False)
    torch.manual_seed(0)

    def loss(model, batch):  # clean data, a NaN loss in evaluation only
        return _mse(model, batch) * (float("nan") if not model.training else 1.0)

    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), loss, (x, x), DataLoader(TensorDataset(x, x), 4), config)
    assert str(err.value).startswith("the validation loss became nan at epoch 1 (the training ")
    assert str(err.value).endswith(
        "Try a lower learning rate than `lr`=0.01, or check the validation data."
    )


def test_a_sparse_tensor_in_a_batch_keeps_the_diverged_error():
    # the search for NaN in the batch met torch's NotImplementedError ("Could not run
    # 'aten::ne.Scalar' with arguments from the 'SparseCPU' backend") in place of the
    # DivergedError a NaN loss gave before
    x, _ = _columns()
    batches = [(x.to_sparse(), x)]

    def loss(model, batch):
        return torch.mean((model(batch[0].to_dense()) - batch[1]) ** 2) * float("nan")

    torch.manual_seed(0)
    with pytest.raises(DivergedError) as err:
        fit(torch.nn.Linear(1, 1), loss, batches, None, TrainConfig(epochs=1, progress=False))
    assert str(err.value) == (
        "training diverged: the training loss became nan at epoch 1, batch 1, before any "
        "training step, so no lower `lr` (now 0.01) would avoid it: check the data's scale "
        "and `loss_fn` (the model's parameters are finite and at most 0.536444 in absolute "
        "value, not a diverged fit's)."
    )
