"""Fixes from a fresh user's pass over README's "From Python" and "By hand" forecasting
sections: edge cases a Keras or Darts user tries next with the same objects."""

from __future__ import annotations

import inspect
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster
from lstmkit.nn import LSTM
from lstmkit.train import TrainConfig, fit, seed_everything

AIR = load_dataset("airline")
TINY = {"horizon": 3, "ensemble": 1, "epochs": 2, "lookback": 12, "hidden_size": 4}
TINY |= {"refit": False, "seed": 0, "progress": False}


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    return Forecaster(**TINY).fit(AIR[:60])


def test_backtest_without_retraining_names_the_earliest_origin_that_mase_accepts(
    fitted: Forecaster,
) -> None:
    # it said "the first origin can be position 12 at the earliest", and start=12 was then
    # refused: MASE needs more than one season (m=12) of points before each origin
    with pytest.raises(ValueError) as err:
        fitted.backtest(AIR[:60], start=1, stride=3, retrain=False)
    assert str(err.value) == (
        "the first origin (position 1, 1949-02-01) leaves 1 point before it: the fitted model "
        "reads lookback (12) + differencing (0) = 12 points to forecast from, so with "
        "retrain=False the first origin can be position 13 at the earliest (and MASE more than "
        "one season, m=12, before it); pass a later `start`: start=13 (1950-02-01) is the "
        "earliest that runs, 15 origins 3 steps apart (the last at position 55); start=15 "
        "(1950-04-01) runs as many, the last at position 57, the last whole horizon."
    )
    with pytest.warns(UserWarning, match="in-sample"):  # the earliest origin runs
        bt = fitted.backtest(AIR[:60], start=13, stride=47, retrain=False)
    assert list(bt.forecasts["origin"].unique()) == [AIR.index[13]]


@pytest.mark.parametrize(
    ("removed", "kept"),
    [("model.safetensors", "config.json"), ("config.json", "model.safetensors")],
)
def test_load_of_a_folder_missing_one_of_the_two_files_says_what_to_do(
    fitted: Forecaster, tmp_path: Path, removed: str, kept: str
) -> None:
    # it said "no model.safetensors in 'DIR'." alone, as for an empty folder
    fitted.save(tmp_path / "m")
    (tmp_path / "m" / removed).unlink()
    with pytest.raises(FileNotFoundError) as err:
        Forecaster.load(tmp_path / "m")
    assert str(err.value) == (
        f"no {removed} in {str(tmp_path / 'm')!r}, only its {kept}: a saved model is both "
        f"files, which save writes together; put the {removed} saved with it back beside it, "
        "or save the model again."
    )
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == [kept]  # nothing written


@pytest.mark.parametrize(
    ("name", "value", "shown"), [("device", "cpu", "'cpu'"), ("accelerator", "gpu", "'cuda'")]
)
def test_trainconfig_refuses_a_device_saying_that_training_follows_the_model(
    name: str, value: str, shown: str
) -> None:
    # it said "TrainConfig.__init__() got an unexpected keyword argument 'device'"
    with pytest.raises(TypeError) as err:
        TrainConfig(epochs=2, **{name: value})
    assert str(err.value) == (
        f"TrainConfig() takes no `{name}`, got {value!r}: fit trains where the model's "
        "parameters are and moves the batches there; move the model first (net.to("
        f"{shown})), or make its layers there (LSTM(1, 16, device={shown}))."
    )


def test_trainconfig_keeps_its_signature_and_copies_after_the_device_check() -> None:
    assert list(inspect.signature(TrainConfig).parameters)[:3] == ["epochs", "lr", "batch_size"]
    config = TrainConfig(3, lr=0.1)
    assert pickle.loads(pickle.dumps(config)) == config
    assert replace(config, seed=4) == TrainConfig(epochs=3, lr=0.1, seed=4)


def test_the_by_hand_network_trains_on_a_device_given_as_a_string() -> None:
    seed_everything(0)
    lstm = LSTM(1, 4, batch_first=True, device="cpu")
    x, y = torch.linspace(0, 1, 40).reshape(10, 4, 1), torch.linspace(0, 1, 10)[:, None]

    def loss(model: LSTM, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
        return torch.mean((model(batch[0])[0][:, -1, :1] - batch[1]) ** 2)

    history = fit(lstm, loss, (x, y), (x, y), TrainConfig(epochs=3, progress=False))
    assert history.epochs_run == 3
    assert lstm.weight_ih_l0.device == torch.device("cpu")
