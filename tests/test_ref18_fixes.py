"""ref18: behaviour leftovers: ForecasterConfig told Darts' and NeuralForecast's names as
Forecaster tells them, a blank in both a plan column's history and its plan named in both,
a monthly series with one stamp some hours off, and a float64 ``val_data`` of a float32
network refused before any training."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit import Forecaster, ForecasterConfig
from lstmkit.cli import main
from lstmkit.train import TrainConfig, fit


def test_forecaster_config_tells_darts_names_as_forecaster_does():
    # ForecasterConfig(n_epochs=...) got Python's bare "unexpected keyword argument"
    for make, tail in (
        (ForecasterConfig, "."),
        (Forecaster, "; they set fields of ForecasterConfig."),
    ):
        with pytest.raises(TypeError) as err:
            make(n_epochs=3, input_size=12)
        assert str(err.value) == (
            f"{make.__name__}() got unknown keyword arguments 'n_epochs', 'input_size' "
            "(Darts' n_epochs is 'epochs' here; NeuralForecast's input_size is 'lookback' here)"
            + tail
        )
    # a keyword no library names so is told the field it is closest to (fcl19: it kept
    # Python's bare "unexpected keyword argument"), and replace() still works
    with pytest.raises(TypeError, match=r"^ForecasterConfig\(\) got unknown keyword argument "):
        ForecasterConfig(horizn=3)
    assert ForecasterConfig(epochs=3).epochs == 3


def test_a_blank_in_both_the_history_and_the_plan_names_both(
    tmp_path, capsys, promo_plan, undrawn_figures
):
    # the history's blank (2021-01-11) alone was named; the plan's came up on the next run
    csv = promo_plan.write(tmp_path / "both.csv", blank=[10, 41])
    history = (
        "error: values must not be missing (NaN), got NaN in column 'promo' "
        f"of {str(csv)!r} at 2021-01-11. "
        "Fill them first: pass --fill ffill, bfill, interpolate or zero."
    )
    plan = (
        " The plan of {}, the rows after the target's last value (2021-02-09), leaves "
        "a value empty too (promo at 2021-02-11): give it there, or --fill makes it up."
    )
    assert promo_plan.forecast(csv) == 2
    assert capsys.readouterr().err.strip() == history + plan.format("--future-cols promo")
    # the history's blank alone, and a plan that only ends early (2021-02-12), keep their words
    assert promo_plan.forecast(promo_plan.write(tmp_path / "one.csv", blank=[10, 43])) == 2
    assert capsys.readouterr().err.strip() == history.replace("both.csv", "one.csv")
    # predict reads the plan by name, and says so
    run = tmp_path / "run"
    assert promo_plan.forecast(promo_plan.write(tmp_path / "plan.csv"), "--out", str(run)) == 0
    capsys.readouterr()
    assert main(["predict", str(run), "--csv", str(csv)]) == 2
    by_name = "the model's future covariates promo (read by name)"
    assert capsys.readouterr().err.strip() == history + plan.format(by_name)


def test_one_monthly_stamp_hours_off_is_refused_as_month_starts_off_are():
    # pandas infers "MS" from the dates alone: 1955-06-01 03:00 was read as monthly, kept its
    # hour, and a forecast from a last stamp so stepped to 1956-01-01 03:00 on
    from lstmkit.data import to_frame

    months = pd.date_range("1950-01-01", periods=72, freq="MS")
    for k in (65, 71):
        stamps = months.to_series()
        stamps.iloc[k] += pd.Timedelta(hours=3)
        series = pd.Series(np.arange(72.0), pd.DatetimeIndex(stamps.to_numpy()))
        with pytest.raises(ValueError) as err:
            to_frame(series)
        at = months[k].strftime("%Y-%m-%d")
        assert str(err.value) == (
            "timestamps in `series` must be regularly spaced, got 1 of 72 off a month's start by "
            f"up to 3 hours ({at} 03:00:00 for {at}): month starts written on another clock "
            "(midnights of a time zone written in UTC, say) pass for 'MS' steps, as pandas reads "
            "their dates alone, but keep their hours. Move them to the month's start: "
            "series.index = (series.index + pd.Timedelta(hours=12))"
            ".to_period('M').to_timestamp()."
        )
    # month ends are told their move; every stamp at one hour is regular, and stays read so
    ends = pd.date_range("1950-01-31", periods=24, freq="ME").to_series()
    ends.iloc[5] += pd.Timedelta(hours=3)
    with pytest.raises(ValueError, match=r"got 1 of 24 off a month's end by up to 3 hours "):
        to_frame(pd.Series(np.arange(24.0), pd.DatetimeIndex(ends.to_numpy())))
    at_three = months + pd.Timedelta(hours=3)
    frame = to_frame(pd.Series(np.arange(72.0), at_three))
    assert frame.index.equals(at_three) and frame.index.freqstr == "MS"


def _mse(model, batch):
    x, y = batch
    return torch.nn.functional.mse_loss(model(x), y)


def test_a_float64_val_data_is_refused_before_any_training():
    # told only after the first epoch had trained the model on `train_data`
    x = torch.linspace(0, 1, 40, dtype=torch.float64).reshape(10, 4)
    y = x[:, -1:]
    refusal = (
        "{} dtype torch.float64 but the model's parameters have dtype torch.float32: convert "
        "the data (`X.float()` for each tensor X, or torch.tensor(array, dtype=torch.float32) "
        "from numpy) or the model (`model.double()`)."
    )
    said = ("`val_data` columns 0 and 1 have", "`val_data`'s batch entries 0 and 1 have")
    for val, words in (((x, y), said[0]), ([(x, y)], said[1])):
        torch.manual_seed(0)
        net = torch.nn.Linear(4, 1)
        before = {k: v.clone() for k, v in net.state_dict().items()}
        with pytest.raises(TypeError) as err:
            fit(net, _mse, (x.float(), y.float()), val, TrainConfig(epochs=2, progress=False))
        assert str(err.value) == refusal.format(words)
        assert "mat1 and mat2" in str(err.value.__cause__)  # torch's own, chained
        assert all(torch.equal(before[k], v) for k, v in net.state_dict().items())
        assert net.training  # the probe gives the model its mode back
    # a loss that converts the batch itself trains, and float64 training data is told first
    net = torch.nn.Linear(4, 1)
    history = fit(
        net,
        lambda m, b: _mse(m, (b[0].float(), b[1].float())),
        (x.float(), y.float()),
        (x, y),
        TrainConfig(epochs=2, progress=False),
    )
    assert len(history.val_loss) == 2
    with pytest.raises(TypeError) as err:
        fit(net, _mse, (x, y), (x, y), TrainConfig(epochs=2, progress=False))
    assert str(err.value) == refusal.format("`train_data` columns 0 and 1 have")
