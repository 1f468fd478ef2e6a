"""fol20: a text seed or context told the number it reads as, TrainConfig's unknown keywords
named as ForecasterConfig's are, and the first-step divergence message's prefix and lead."""

import pandas as pd
import pytest

from lstmkit._checks import TextForNumberError
from lstmkit.forecast import Forecaster, ForecasterConfig, plot_forecast
from lstmkit.train import TrainConfig, seed_everything

SEED = "`seed` must be an integer in [0, 9223372036854775807], got {}."
ENSEMBLE = (
    "`seed` must be an integer in [0, 9223372036854775803] with ensemble=5 (member k uses "
    "seed + k), got '0' (a number, not text: 0)."
)


@pytest.mark.parametrize(
    ("given", "told"),
    [
        ("0", "'0' (a number, not text: 0)"),
        ("-1", "'-1' (a number, not text: -1; but -1 would be refused too)"),
        ("1.5", "'1.5' (a number, not text: 1.5; but 1.5 would be refused too)"),
    ],
)
def test_a_text_seed_is_told_the_number_it_reads_as(given, told) -> None:
    # seed_everything("0") was a bare ValueError "... got '0'." where TrainConfig(seed="0")
    # said "(a number, not text: 0)"
    with pytest.raises(TextForNumberError) as info:
        seed_everything(given)
    assert str(info.value) == SEED.format(told)
    assert isinstance(info.value, TypeError) and isinstance(info.value, ValueError)
    with pytest.raises(TextForNumberError) as config:
        TrainConfig(seed=given)
    assert str(config.value) == str(info.value)


def test_a_seed_that_is_no_text_keeps_its_value_error() -> None:
    with pytest.raises(ValueError) as info:
        seed_everything(1.5)
    assert type(info.value) is ValueError and str(info.value) == SEED.format("1.5")


def test_the_forecasters_text_seed_says_the_same() -> None:
    for make in (ForecasterConfig, Forecaster):
        with pytest.raises(TextForNumberError) as info:
            make(seed="0")
        assert str(info.value) == ENSEMBLE


def test_a_text_context_is_told_the_number_it_reads_as(tmp_path) -> None:
    # plot_forecast(..., context="24") was a bare ValueError "... got '24'."
    index = pd.period_range("2000-01", periods=12, freq="M")
    history = pd.Series(range(12), index=index, dtype=float)
    forecast = pd.DataFrame({"forecast": [12.0, 13.0]}, index=index[-2:] + 2)
    path = tmp_path / "f.png"
    with pytest.raises(TextForNumberError) as info:
        plot_forecast(history, forecast, context="24", path=path)
    assert str(info.value) == (
        "`context` must be a positive integer or None, got '24' (a number, not text: 24)."
    )
    with pytest.raises(TextForNumberError) as zero:
        plot_forecast(history, forecast, context="0", path=path)
    assert str(zero.value) == (
        "`context` must be a positive integer or None, got '0' (a number, not text: 0; but 0 "
        "would be refused too)."
    )
    assert not path.exists()
    with pytest.raises(ValueError) as number:  # a number keeps its ValueError
        plot_forecast(history, forecast, context=0)
    assert type(number.value) is ValueError


@pytest.mark.parametrize(
    ("given", "told"),
    [
        ({"n_epochs": 3}, "'n_epochs' (Darts' n_epochs is 'epochs' here)"),
        ({"epoch": 3}, "'epoch' (did you mean 'epochs'?)"),
        ({"epochs": 3, "epoch": 4}, "'epoch' ('epoch' is close to 'epochs', which is given too)"),
        (
            {"learning_rate": 0.1, "patiance": 3},
            "'learning_rate', 'patiance' (Keras' and NeuralForecast's learning_rate is 'lr' "
            "here; did you mean 'patience' for 'patiance'?)",
        ),
        ({"xyz": 1}, "'xyz'"),
    ],
)
def test_train_configs_unknown_keywords_are_named(given, told) -> None:
    # TrainConfig(n_epochs=3) was Python's bare "TrainConfig.__init__() got an unexpected
    # keyword argument 'n_epochs'"
    with pytest.raises(TypeError) as info:
        TrainConfig(**given)
    assert str(info.value) == f"TrainConfig() got unknown keyword argument(s) {told}."


def test_train_config_keeps_its_defaults_equality_and_device_refusal() -> None:
    assert TrainConfig() == TrainConfig(epochs=200, lr=0.01) == TrainConfig(200)
    assert repr(TrainConfig(seed=3)).endswith("seed=3, restore_best=True, progress=None)")
    with pytest.raises(TypeError, match=r"^TrainConfig\(\) takes no `device`, got 'cpu': "):
        TrainConfig(device="cpu", n_epochs=3)
