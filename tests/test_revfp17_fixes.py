"""Fixes from a review of fp17 (earliest backtest origin, half-saved model folders, a device
refused by TrainConfig) and the items it left: ``fit(device=)``, float64 data for a float32
network, the earliest ``start`` that runs, ``lag`` named by SeasonalDifferencer."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.data import SeasonalDifferencer, load_dataset
from lstmkit.forecast import Forecaster
from lstmkit.train import TrainConfig, fit

AIR = load_dataset("airline")
ONE_EPOCH = TrainConfig(epochs=1, progress=False)


def _mse(model: torch.nn.Module, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


@pytest.mark.parametrize(("name", "value"), [("device", "cuda"), ("devices", 1)])
def test_fit_refuses_a_device_as_trainconfig_does(name: str, value: object) -> None:
    # fit(net, ..., device="cuda") said "fit() got an unexpected keyword argument 'device'",
    # and Lightning's `devices` did so to TrainConfig too
    x = torch.zeros(4, 2)
    with pytest.raises(TypeError) as err:
        fit(torch.nn.Linear(2, 1), _mse, (x, x[:, :1]), **{name: value})
    assert str(err.value) == (
        f"fit() takes no `{name}`, got {value!r}: fit trains where the model's parameters are "
        "and moves the batches there; move the model first (net.to('cuda')), or make its "
        "layers there (LSTM(1, 16, device='cuda'))."
    )
    with pytest.raises(TypeError, match=rf"^TrainConfig\(\) takes no `{name}`, got "):
        TrainConfig(**{name: value})
    assert list(inspect.signature(fit).parameters)[:3] == ["model", "loss_fn", "train_data"]


def test_a_subclass_of_trainconfig_shows_its_own_fields() -> None:
    # TrainConfig.__signature__ (set for the __new__ that refused a device) was inherited:
    # a subclass's signature lacked its own fields, in help() and editors
    @dataclass(frozen=True)
    class Mine(TrainConfig):
        warmup: int = 0

    assert list(inspect.signature(Mine).parameters)[-2:] == ["progress", "warmup"]
    assert Mine(epochs=3, warmup=2).warmup == 2
    assert "__new__" not in vars(TrainConfig) and "__signature__" not in vars(TrainConfig)


def test_fit_names_the_data_whose_dtype_the_network_does_not_take() -> None:
    # numpy's float64 windows fed to a float32 network whose first layer is torch's said
    # "mat1 and mat2 must have the same dtype, but got Double and Float" alone
    x = torch.linspace(0, 1, 40, dtype=torch.float64).reshape(10, 4)
    y = x[:, -1:].float()
    with pytest.raises(TypeError) as err:
        fit(torch.nn.Linear(4, 1), _mse, (x, y), config=ONE_EPOCH)
    assert str(err.value) == (
        "`train_data` column 0 has dtype torch.float64 but the model's parameters have dtype "
        "torch.float32: convert the data (`X.float()` for each tensor X, or "
        "torch.tensor(array, dtype=torch.float32) from numpy) or the model (`model.double()`)."
    )
    assert "mat1 and mat2" in str(err.value.__cause__)  # torch's own, chained
    with pytest.raises(TypeError) as err:  # validation batches, and a batch list
        fit(torch.nn.Linear(4, 1), _mse, (x.float(), y), [(x, y)], ONE_EPOCH)
    assert str(err.value).startswith(
        "`val_data`'s batch entry 0 has dtype torch.float64 but the model's parameters have "
        "dtype torch.float32: "
    )
    with pytest.raises(RuntimeError, match="shapes cannot be multiplied"):  # not a dtype's
        fit(torch.nn.Linear(3, 1), _mse, (x.float(), x), config=ONE_EPOCH)


def test_a_retrained_backtest_names_the_earliest_start_that_runs() -> None:
    # "pass a later `start`: start=18 fits" where 16 ran: the advised start is the one whose
    # origins reach the series' end, which the message did not say
    forecaster = Forecaster(
        horizon=3,
        lookback=12,
        hidden_size=4,
        ensemble=1,
        epochs=1,
        refit=False,
        progress=False,
        interval=None,
    )
    with pytest.raises(ValueError) as err:
        forecaster.backtest(AIR[:30], start=1, stride=3, statistical_baselines=False)
    assert str(err.value).endswith(
        "need at least 16 points, got 1; pass a later `start`: start=16 (1950-05-01) is the "
        "earliest that runs, 4 origins 3 steps apart (the last at position 25); start=18 "
        "(1950-07-01) runs as many, the last at position 27, the last whole horizon."
    )
    result = forecaster.backtest(AIR[:30], start=16, stride=3, statistical_baselines=False)
    assert [AIR.index.get_loc(o) for o in result.forecasts["origin"].unique()] == [16, 19, 22, 25]


def test_seasonal_differencer_names_lag_in_its_refusal_of_a_short_history() -> None:
    # "`history` needs at least 12 values, got 5" did not say where the 12 came from
    with pytest.raises(ValueError) as err:
        SeasonalDifferencer(12).inverse_transform(np.zeros(3), history=np.arange(5.0))
    assert str(err.value) == (
        "`history` must hold at least `lag` (12) values, the last ones before the forecast, got 5."
    )


@pytest.mark.parametrize("inside", ["", "model"])
def test_predict_of_a_folder_holding_the_weights_alone_says_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], inside: str
) -> None:
    # `lstmkit predict DIR` said "'DIR' is not a saved lstmkit model (no config.json in it or
    # in its model/ subfolder)", as for an empty folder, where Forecaster.load named the half
    folder = tmp_path / inside
    folder.mkdir(exist_ok=True)
    (folder / "model.safetensors").write_bytes(b"")
    assert main(["predict", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: no config.json in {str(folder)!r}, only its model.safetensors: a saved model "
        "is both files, which save writes together; put the config.json saved with it back "
        "beside it, or save the model again.\n"
    )
    with pytest.raises(FileNotFoundError) as err:  # and Forecaster.load of that run folder
        Forecaster.load(tmp_path)
    assert str(err.value) == (
        f"no config.json in {str(folder)!r}, only its model.safetensors: a saved model is both "
        "files, which save writes together; put the config.json saved with it back beside it, "
        "or save the model again."
    )
