"""fol20: a text seed or context told the number it reads as, TrainConfig's unknown keywords
named as ForecasterConfig's are, and the first-step divergence message's prefix and lead."""

import pandas as pd
import pytest
import torch

from lstmkit._checks import TextForNumberError
from lstmkit.forecast import Forecaster, ForecasterConfig, plot_forecast
from lstmkit.train import DivergedError, TrainConfig, check_loss, fit, seed_everything

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
    plural = "s" if len(given) - ("epochs" in given) > 1 else ""
    assert str(info.value) == f"TrainConfig() got unknown keyword argument{plural} {told}."


def test_train_config_keeps_its_defaults_equality_and_device_refusal() -> None:
    assert TrainConfig() == TrainConfig(epochs=200, lr=0.01) == TrainConfig(200)
    assert repr(TrainConfig(seed=3)).endswith("seed=3, restore_best=True, progress=None)")
    with pytest.raises(TypeError, match=r"^TrainConfig\(\) takes no `device`, got 'cpu': "):
        TrainConfig(device="cpu", n_epochs=3)


LEAD = (
    "training diverged: the training loss became nan at epoch 1, batch 1, before any training "
    "step, so no lower `lr` (now 0.01) would avoid it: "
)


def test_the_first_step_message_has_the_prefix_and_leads_with_the_loss() -> None:
    # a new model whose loss_fn gave NaN was told its weights "reach 0.536444 ... where that
    # is far beyond a new model's", without check_loss's "training diverged: "
    torch.manual_seed(0)
    net = torch.nn.Linear(1, 1)
    x = torch.ones(4, 1)
    config = TrainConfig(epochs=1, batch_size=None, progress=False)
    with pytest.raises(DivergedError) as info:
        fit(net, lambda m, b: (m(b[0]) - b[1]).pow(2).mean() * float("nan"), (x, x), None, config)
    assert str(info.value) == LEAD + (
        "check the data's scale and `loss_fn` (the model's parameters are finite and at most "
        "0.536444 in absolute value, not a diverged fit's)."
    )
    with pytest.raises(DivergedError) as checked:
        check_loss(float("nan"), "epoch 1, batch 1", 0.01, untrained=net)
    assert str(checked.value) == LEAD + (
        "check the data (the model's parameters are finite and at most 0.536444 in absolute "
        "value, not a diverged fit's)."
    )


@pytest.mark.parametrize(
    ("weight", "told"),
    [
        (
            1000.0,
            "check the data (the model's parameters are finite and at most 1000 in "
            "absolute value, not a diverged fit's).",
        ),
        (
            1001.0,
            "the model's parameters reach 1001 in absolute value, far beyond a new "
            "model's, as a diverged fit leaves them: make the model anew (or load finite "
            "weights); else check the data.",
        ),
    ],
)
def test_only_weights_past_a_thousand_are_called_a_diverged_fits(weight, told) -> None:
    net = torch.nn.Linear(1, 1)
    with torch.no_grad():
        net.weight.fill_(weight)
        net.bias.fill_(0.5)
    with pytest.raises(DivergedError) as info:
        check_loss(float("nan"), "epoch 1, batch 1", 0.01, untrained=net)
    assert str(info.value) == LEAD + told
