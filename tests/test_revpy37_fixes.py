"""revpy37: a review of py37's commits; what was left over in the Forecaster and backtest."""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from lstmkit._remedies import cli_command
from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
VALUES = np.sin(np.arange(100.0)) + 5


def _year_refusal(name: str, advice: str) -> str:
    return (
        f"`series` column {name!r} (1901 … 2000, rising every row) holds the time, not a value "
        "to forecast, and it is the target (a DataFrame's first column; the others are "
        f"covariates); {advice}."
    )


@pytest.mark.parametrize("name", ["year", "Year", "date", "Unnamed: 0"])
def test_a_rising_time_column_as_the_target_is_refused_by_fit_backtest_and_predict(name) -> None:
    # pd.read_csv's years were forecast (1992.9, ...) without a word, where the windows'
    # reader (lstmkit.data.make_windows) refuses them as the target
    df = pd.DataFrame({name: range(1901, 2001), "v": VALUES})
    told = _year_refusal(name, f"make it the index, series = series.set_index({name!r})")
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(df)
    assert str(err.value) == told
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).backtest(df)
    assert str(err.value) == told
    fc = Forecaster(QUICK).fit(df.set_index(name))  # the advice, followed
    assert fc.predict(2).index.tolist() == [2001, 2002]
    with pytest.raises(ValueError) as err:
        fc.predict(2, series=df)
    assert str(err.value) == told


def test_a_time_column_beside_dates_is_told_to_be_dropped_and_a_value_column_first_fits() -> None:
    months = pd.date_range("1901-01", periods=100, freq="MS")
    df = pd.DataFrame({"year": range(1901, 2001), "v": VALUES}, index=months)
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(df)
    assert str(err.value) == _year_refusal("year", "drop it, series = series.drop(columns='year')")
    # not the target: a covariate, warned of with the same advice (fcleft38); a column of that
    # name that does not rise is a value
    with pytest.warns(UserWarning, match=r"drop it, series = series\.drop\(columns='year'\)\.$"):
        fc = Forecaster(QUICK).fit(df[["v", "year"]])
    assert len(fc.predict(2)) == 2
    falling = pd.DataFrame({"year": VALUES, "v": VALUES})
    assert len(Forecaster(QUICK).fit(falling).predict(2)) == 2


def test_backtest_says_once_why_a_level_has_no_coverage() -> None:
    # coverage NaN with 0 points in .calibration, without a word in Python (the command line
    # says "(too few validation errors)" in its table, and only there)
    y = pd.Series(np.sin(np.arange(60.0)) + 2, pd.date_range("2020-01", periods=60, freq="MS"))
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=0.5, val_size=4)
    told = (
        "backtest: the 90% level is not scored (coverage NaN, 0 points in .calibration): the "
        "model at origin 54 (2024-07-01) kept 4 validation errors per forecast step, and the 90% "
        "split-conformal interval needs at least 9; a larger `val_size` in the config "
        "(val_size=9, where the series has room for it) or levels of 0.8 or less score it."
    )
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        bt = Forecaster(config).backtest(y, levels=(0.9,))
    assert bt.calibration["points"].tolist() == [6, 0]
    assert [str(w.message) for w in seen] == [told]
    fitted = Forecaster(config).fit(y[:54])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        fitted.backtest(y, levels=(0.9,), retrain=False)
    assert [str(w.message) for w in seen] == [told]
    # the advice, followed: scored, without a word
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wider = Forecaster(replace(config, val_size=9))
        assert wider.backtest(y, levels=(0.9,)).calibration["points"].tolist() == [6, 6]
        assert Forecaster(config).backtest(y, levels=(0.8,)).calibration["points"].tolist() == [
            6,
            6,
        ]
    # on the command line its table says it
    token = cli_command.set("forecast")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            Forecaster(config).backtest(y, levels=(0.9,))
    finally:
        cli_command.reset(token)


RECURSIVE = ForecasterConfig(
    horizon=1, lookback=4, ensemble=1, epochs=1, strategy="recursive", interval=None
)


def test_a_weekly_horizon_past_2262_is_told_the_horizon_that_fits_on_pandas_2_too() -> None:
    # pandas 2 steps weeks (and business days) as a Timedelta, which overflowed before the
    # date did: predict(30000) met its bare "Cannot cast 210000 days 00:00:00 to unit='ns'
    # without overflow", the bisection too
    weeks = pd.Series(
        np.sin(np.arange(40.0)) + 2, pd.date_range("2255-01-07", periods=40, freq="W")
    )
    fc = Forecaster(RECURSIVE).fit(weeks)
    for horizon in (1000, 30000, 100000):
        with pytest.raises(ValueError) as err:
            fc.predict(horizon)
        assert str(err.value).startswith(f"`horizon` ({horizon}) runs past 2262-04-11")
        assert str(err.value).endswith("; forecast at most 339 steps (to 2262-04-06 00:00:00).")
    assert fc.predict(339).index[-1] == pd.Timestamp("2262-04-06")


def test_a_period_index_past_2262_is_told_in_its_periods() -> None:
    # it was named by the timestamps the periods are read as: "from 2243-04-01 00:00:00 ...
    # (to 2262-04-01 00:00:00)" for monthly periods
    months = pd.Series(
        np.sin(np.arange(40.0)) + 2, pd.period_range("2240-01", periods=40, freq="M")
    )
    fc = Forecaster(RECURSIVE).fit(months)
    with pytest.raises(ValueError) as err:
        fc.predict(300)
    told = str(err.value)
    assert told.startswith(
        "`horizon` (300) runs past 2262-04-11, the last date pandas timestamps reach (a "
        "PeriodIndex's periods are read as timestamps); the forecast from 2243-04"
    )
    assert told.endswith("; forecast at most 228 steps (to 2262-04).")
    assert " would end at 2268-04;" in told or pd.__version__ < "3"  # pandas 2 cannot make it
    assert fc.predict(228).index[-1] == pd.Period("2262-04", "M")


@pytest.mark.parametrize(
    ("name", "value", "told"),
    [
        (
            "decoder_layers",
            2,
            "NeuralForecast's decoder_layers has no counterpart here: one linear layer maps the "
            "encoder's state to the forecast (strategy='seq2seq' adds a recurrent decoder of the "
            "encoder's num_layers)",
        ),
        (
            "recurrent",
            True,
            "NeuralForecast's recurrent=True is strategy='recursive' here (its default, "
            "recurrent=False, strategy='direct')",
        ),
    ],
)
def test_neuralforecast_lstms_decoder_layers_and_recurrent_are_told_their_counterpart(
    name, value, told
) -> None:
    # decoder_hidden_size was told it has no counterpart, its sibling decoder_layers (the
    # LSTM's default 2) nothing, nor recurrent=True, NeuralForecast's recursive forecast
    with pytest.raises(TypeError) as err:
        ForecasterConfig(**{name: value})
    assert str(err.value) == f"ForecasterConfig() got unknown keyword argument {name!r} ({told})."
    with pytest.raises(TypeError) as err:
        Forecaster(**{name: value})
    assert str(err.value) == (
        f"Forecaster() got unknown keyword argument {name!r} ({told}); they set fields of "
        "ForecasterConfig."
    )
    assert ForecasterConfig(strategy="recursive").strategy == "recursive"


def test_plot_forecast_reads_history_and_truth_arrays_alike() -> None:
    # the truth's array was read apart from the history's (the same lines twice): a masked
    # truth drew its hidden values, dates were drawn as nanoseconds since 1970 (1.6e18), and a
    # 2-D truth was flattened (2 columns of 2 rows: "at most 2 values, got 4") where the
    # history's first column is drawn
    from lstmkit.forecast import plot_forecast

    history = pd.Series([1.0, 2.0, 3.0], pd.date_range("2023-02", periods=3, freq="MS"))
    forecast = pd.DataFrame(
        {"forecast": [2.0, 2.5]}, index=pd.date_range("2023-05", periods=2, freq="MS")
    )
    masked = np.ma.masked_array([999.0, 2.4], [True, False])
    drawn = plot_forecast(history, forecast, masked).axes[0].lines[1].get_ydata()
    np.testing.assert_array_equal(drawn, [3.0, np.nan, 2.4])  # from the history's last point
    drawn = plot_forecast(history, forecast, np.array([[2.1, 9.0], [2.4, 9.0]]))
    np.testing.assert_array_equal(drawn.axes[0].lines[1].get_ydata(), [3.0, 2.1, 2.4])
    drawn = plot_forecast(np.ma.masked_array([999.0, 2.0, 3.0], [True, False, False]), forecast)
    np.testing.assert_array_equal(drawn.axes[0].lines[0].get_ydata(), [np.nan, 2.0, 3.0])
    dates = pd.date_range("2023-05", periods=2, freq="MS")
    with pytest.raises(TypeError) as err:
        plot_forecast(history, forecast, dates)
    assert str(err.value) == (
        "`truth` must be a pandas Series or DataFrame, an array of numbers or None, got dates, "
        "which would be drawn as nanoseconds since 1970: pass the values measured at those "
        "times."
    )
    with pytest.raises(TypeError) as err:
        plot_forecast(pd.to_timedelta([1, 2, 3], "h").to_numpy(), forecast)
    assert str(err.value) == (
        "`history` must be a pandas Series or DataFrame or an array of numbers, got durations, "
        "which would be drawn as nanoseconds: pass them as numbers, durations / "
        "pd.Timedelta(hours=1) for hours."
    )
    # None among numbers is a missing value, as before
    drawn = plot_forecast(history, forecast, [None, 2.4]).axes[0].lines[1].get_ydata()
    np.testing.assert_array_equal(drawn, [3.0, np.nan, 2.4])


def test_the_horizon_that_fits_is_found_building_a_few_times_its_steps(monkeypatch) -> None:
    # the bisection started from the horizon: predict(10**6) of monthly data built 500,000
    # months first (seconds on pandas 3) to find the 2,868 that fit
    import lstmkit.forecast as F

    built: list[int] = []
    real = F.D.future_index

    def future_index(index, steps):
        built.append(steps)
        return real(index, steps)

    monkeypatch.setattr(F.D, "future_index", future_index)
    months = pd.date_range("2020-01-01", periods=40, freq="MS")
    assert F._steps_before_the_last_date(months, 10**6) == 2868
    assert max(built) == 1  # each count's last step computed from the first (fcleft38)
    built.clear()
    assert F._steps_before_the_last_date(months, 3000) == 2868  # a horizon just past them
    assert max(built) == 1
    seconds = pd.date_range("2020-01-01", periods=40, freq="s")
    assert F._steps_before_the_last_date(seconds, 10**12) is None  # billions fit: not said
