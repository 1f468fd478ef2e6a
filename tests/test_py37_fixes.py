"""py37: a README walk of "From Python" as a user moving a pipeline from Darts and
NeuralForecast: a Darts TimeSeries passed where a pandas object goes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.baselines import naive
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.metrics import mase, rmse

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
Y = pd.Series(np.sin(np.arange(40.0)) + 2, pd.date_range("2020-01", periods=40, freq="MS"))


class TimeSeries:
    """Stands in for darts.TimeSeries (not installed): what the checks read is its type."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def __len__(self) -> int:
        return len(self._series)


TimeSeries.__module__ = "darts.timeseries"


def _hint(name: str) -> str:
    return (
        f"a Darts TimeSeries; pass its pandas form, {name}.to_series() (one component) or "
        f"{name}.to_dataframe() (several, as columns), pd_series() and pd_dataframe() before "
        "Darts 0.34."
    )


def _pandas_or_numpy(name: str) -> str:
    return f"`{name}` must be a pandas Series/DataFrame or a numpy array, got " + _hint(name)


def test_a_darts_timeseries_is_told_its_pandas_form_by_fit_predict_and_backtest() -> None:
    # they were told "... or a numpy array, got TimeSeries." and nothing of how to pass it
    ts = TimeSeries(Y)
    with pytest.raises(TypeError) as err:
        Forecaster(QUICK).fit(ts)
    assert str(err.value) == _pandas_or_numpy("series")
    with pytest.raises(TypeError) as err:
        Forecaster(QUICK).fit(Y, covariates=ts)
    assert str(err.value) == _pandas_or_numpy("covariates")
    with pytest.raises(TypeError) as err:
        Forecaster(QUICK).fit(Y, future_covariates=ts)
    assert str(err.value) == _pandas_or_numpy("future_covariates")
    with pytest.raises(TypeError) as err:
        Forecaster(QUICK).backtest(ts)
    assert str(err.value) == _pandas_or_numpy("series")
    fc = Forecaster(QUICK).fit(Y)
    with pytest.raises(TypeError) as err:
        fc.predict(2, series=ts)
    assert str(err.value) == _pandas_or_numpy("series")
    with pytest.raises(TypeError) as err:
        fc.residuals(ts)
    assert str(err.value) == _pandas_or_numpy("series")


def test_a_darts_timeseries_is_told_its_pandas_form_by_the_metrics_and_baselines() -> None:
    ts = TimeSeries(Y)
    numbers = "must be an array of numbers (numpy, pandas, a list or a tensor), got "
    with pytest.raises(TypeError) as err:
        rmse(ts, Y)
    assert str(err.value) == "`y_true` " + numbers + _hint("y_true")
    with pytest.raises(TypeError) as err:
        mase(Y[-2:], Y[-2:], ts, 12)
    assert str(err.value) == "`y_train` " + numbers + _hint("y_train")
    with pytest.raises(TypeError) as err:
        naive(ts, 2)
    assert str(err.value) == "`y` " + numbers + _hint("y")
    # another class of that name is not Darts': told its type as before
    other = type("TimeSeries", (), {})()
    with pytest.raises(TypeError) as err:
        Forecaster(QUICK).fit(other)
    assert str(err.value) == (
        "`series` must be a pandas Series/DataFrame or a numpy array, got TimeSeries."
    )


def test_a_horizon_past_the_last_pandas_date_is_told_the_horizon_that_fits() -> None:
    # it was told where the forecast would end, not how many steps end in time
    config = ForecasterConfig(horizon=1, lookback=4, ensemble=1, epochs=1, strategy="recursive")
    fc = Forecaster(config).fit(Y)  # months up to 2023-04-01
    with pytest.raises(ValueError) as err:
        fc.predict(3000)
    assert str(err.value).startswith(
        "`horizon` (3000) runs past 2262-04-11, the last date pandas timestamps reach; the "
        "forecast from 2023-04-01 00:00:00"
    )
    # pandas 3 names the end it computed, pandas 2 cannot make it
    assert str(err.value).endswith("; forecast at most 2,868 steps (to 2262-04-01 00:00:00).")
    assert fc.predict(2868).index[-1] == pd.Timestamp("2262-04-01")


@pytest.mark.parametrize(
    ("truth", "got"),
    [(object(), "object"), ({"a": 1.0}, "dict"), ("abc", "str"), (5.0, "float")],
)
def test_plot_forecast_refuses_a_truth_that_is_no_numbers_naming_it(truth, got) -> None:
    # an object or a dict met numpy's "float() argument must be a string or a real number",
    # text its "could not convert string to float", and a number was drawn as one point
    from lstmkit.forecast import plot_forecast

    forecast = pd.DataFrame(
        {"forecast": [2.0, 2.5]}, index=pd.date_range("2023-05", periods=2, freq="MS")
    )
    with pytest.raises(TypeError) as err:
        plot_forecast(Y, forecast, truth)
    assert str(err.value) == (
        f"`truth` must be a pandas Series or DataFrame, an array of numbers or None, got {got}."
    )
    with pytest.raises(TypeError) as err:
        plot_forecast(Y, forecast, TimeSeries(Y[-2:]))
    assert str(err.value) == (
        "`truth` must be a pandas Series or DataFrame, an array of numbers or None, got "
        + _hint("truth")
    )
    with pytest.raises(TypeError) as err:
        plot_forecast(TimeSeries(Y), forecast)
    assert str(err.value) == (
        "`history` must be a pandas Series or DataFrame or an array of numbers, got "
        + _hint("history")
    )
    assert len(plot_forecast(Y, forecast, [2.1, 2.4]).axes[0].lines) == 3  # a list is drawn
