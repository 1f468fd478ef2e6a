"""Frequencies named as the user gave them, and seasons of uncommon steps (freq10)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

_TINY = {"epochs": 1, "ensemble": 1, "hidden_size": 4}


def _weekly_in_hours(n: int) -> pd.Series:
    stamps = pd.date_range("2020-01-06 09:00", periods=n, freq="168h")
    return pd.Series(100 + np.arange(n) % 5 + np.arange(float(n)), index=stamps, name="y")


@pytest.fixture(scope="module")
def weekly_model() -> tuple[Forecaster, pd.Series]:
    y = _weekly_in_hours(60)
    config = ForecasterConfig(horizon=2, lookback=4, interval=None, **_TINY)
    return Forecaster(config).fit(y.iloc[:-2]), y  # newer data to backtest on


def test_what_a_168_hour_model_returns_names_its_steps_168h(weekly_model):
    # fc9 named the forecast "168h"; the history, the inputs, the residuals and a backtest's
    # series still said "7D", the days the model reasons in
    model, y = weekly_model
    assert model.state_["history"]["freq"] == "7D"
    assert model.history().index.freqstr == "168h"
    assert model.history(y).index.freqstr == "168h"
    assert model.encoder_inputs().index.freqstr == "168h"
    assert model.encoder_inputs(y).index.freqstr == "168h"
    assert model.residuals(y).index.freqstr == "168h"
    result = model.backtest(y, retrain=False, statistical_baselines=False, start=-2)
    assert result.series.index.freqstr == "168h"
    # the same stamps and values as before (lookback + season of them), only named as given
    assert model.history().index.equals(pd.DatetimeIndex(y.index[2:-2]))
    assert model.history(y)["y"].tolist() == y.tolist()
    # given "7D", "7D" is said
    days = y.asfreq("7D")
    assert model.history(days).index.freqstr == "7D"
    assert model.predict(series=days).index.freqstr == "7D"


def test_covariate_refusals_name_the_steps_as_given():
    # were "(7D; the covariates' is D)" and "(the series' frequency is 7D, theirs D)" for
    # 168-hour steps beside covariates every 24 hours
    y = _weekly_in_hours(20)
    daily = pd.DataFrame(
        {"x": np.arange(140.0)}, index=pd.date_range("2020-01-06 09:00", periods=140, freq="24h")
    )
    config = ForecasterConfig(horizon=2, lookback=4, **_TINY)
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(y, daily)
    assert str(err.value).startswith(
        "`covariates` must have the series' 20 points, got 140: 114 of them lie between the "
        "series' steps, at times its frequency (168h; the covariates' is 24h) skips "
        "(2020-01-07 09:00:00 … 2020-05-17 09:00:00), and 6 of them come after the series' end"
    )
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(y, future_covariates=daily)
    assert str(err.value) == (
        "`future_covariates` must have one row per step of the series' 20 points, at the steps "
        "themselves, got 76 row(s) between the steps, the first 2020-01-07 09:00:00 (the "
        "series' frequency is 168h, theirs 24h): a forecast reads one value per step and would "
        "drop those unseen. Give the values at the series' own frequency (aggregated to its "
        "steps, e.g. future_covariates.resample(...).max() for a flag)."
    )
