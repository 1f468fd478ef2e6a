"""Review of fc9: steps named as given under pandas 2 too, and resample advice that runs."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=3, lookback=6, epochs=1, ensemble=1, hidden_size=4)


@pytest.mark.parametrize(("freq", "days"), [("24h", "D"), ("1440min", "D"), ("48h", "2D")])
def test_whole_days_in_hours_or_minutes_are_forecast_named_as_given(freq, days):
    # pandas 2 kept the "D" of the index the forecast steps from (an equal freq is not
    # replaced), so the forecast was named "D" there, as before fc9; pandas 3 named it "24h"
    stamps = pd.date_range("2020-01-06 09:00", periods=40, freq=freq)
    y = pd.Series(100 + np.arange(40) % 7 + np.arange(40.0), index=stamps, name="y")
    model = Forecaster(QUICK).fit(y)
    assert model.state_["history"]["freq"] == days
    continued = pd.date_range(stamps[-1], periods=4, freq=freq)[1:]
    forecast = model.predict()
    assert forecast.index.equals(continued)
    assert forecast.index.freqstr == freq
    newer = model.predict(series=y.iloc[3:])  # a newer history, named as given too
    assert newer.index.freqstr == freq
    # the same steps named in days: the forecast named so, the same values
    in_days = y.iloc[3:].set_axis(pd.DatetimeIndex(y.index[3:].to_list(), freq=days))
    assert model.predict(series=in_days).index.freqstr == days
    assert model.predict(series=in_days)["forecast"].tolist() == newer["forecast"].tolist()


def _refused(y: pd.Series, future: pd.DataFrame) -> str:
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(y, future_covariates=future)
    return str(err.value)


def test_daily_steps_at_nine_beside_hourly_values_advise_no_resample_that_is_refused():
    # was 'e.g. future_covariates.resample("D").max()', whose bins are labelled at midnight:
    # fit then refused it, none of the series' steps at 09:00 covered
    stamps = pd.date_range("2020-01-06 09:00", periods=40, freq="D")
    y = pd.Series(np.arange(40.0) % 7 + np.arange(40.0), index=stamps, name="y")
    hours = pd.date_range("2020-01-06", periods=50 * 24, freq="h")
    hourly = pd.DataFrame({"x": np.arange(50 * 24.0)}, index=hours)
    assert _refused(y, hourly) == (
        "`future_covariates` must have one row per step of the series' 40 points, at the steps "
        "themselves, got 897 rows between the steps, the first 2020-01-06 10:00:00 (the "
        "series' frequency is D, theirs h): a forecast reads one value per step and would drop "
        "those unseen. Give the values at the series' own frequency (aggregated to its steps, "
        "e.g. future_covariates.resample(...).max() for a flag)."
    )
    with pytest.raises(ValueError, match=r"^`future_covariates` must cover the series' 40 poin"):
        Forecaster(QUICK).fit(y, future_covariates=hourly.resample("D").max())  # the advice


def test_business_hours_beside_half_hours_advise_no_resample_that_fails():
    # was 'e.g. future_covariates.resample("bh").max()', which pandas refuses with
    # "Values falls after last bin"
    stamps = pd.date_range("2020-01-06 09:00", periods=80, freq="bh")
    y = pd.Series(np.arange(80.0) % 8 + np.arange(80.0), index=stamps, name="y")
    halves = pd.date_range("2020-01-06", periods=30 * 48, freq="30min")
    fine = pd.DataFrame({"x": np.arange(30 * 48.0)}, index=halves)
    message = _refused(y, fine)
    assert message.endswith(
        "got 367 rows between the steps, the first 2020-01-06 09:30:00 (the series' frequency "
        "is bh, theirs 30min): a forecast reads one value per step and would drop those unseen. "
        "Give the values at the series' own frequency (aggregated to its steps, e.g. "
        "future_covariates.resample(...).max() for a flag)."
    )
    with pytest.raises(ValueError, match="Values falls after last bin"):
        fine.resample("bh").max()


def test_daily_periods_beside_monthly_ones_advise_no_resample_of_timestamps():
    # was 'e.g. future_covariates.resample("MS").max()', which a PeriodIndex refuses (pandas
    # 3: "for Period, please use 'M' instead of 'MS'"; pandas 2: "MS is not supported as
    # period frequency")
    months = pd.period_range("2020-01", periods=40, freq="M")
    y = pd.Series(100 + np.arange(40) % 12 + np.arange(40.0), index=months, name="y")
    days = pd.period_range("2020-01-01", periods=1500, freq="D")
    daily = pd.DataFrame({"x": np.arange(1500.0)}, index=days)
    assert _refused(y, daily) == (
        "`future_covariates` must have one row per step of the series' 40 points, at the steps "
        "themselves, got 1147 rows between the steps, the first 2020-01-02 (their PeriodIndex "
        "has frequency 'D'): a forecast reads one value per step and would drop those unseen. "
        "Give the values at the series' own frequency (aggregated to its steps, e.g. "
        "future_covariates.resample(...).max() for a flag)."
    )
    with pytest.raises(ValueError, match="MS"):
        daily.resample("MS").max()


def test_empty_cells_beside_thousands_separators_are_missing_values_filled():
    # fc9 rewrote the mask of the cells that are text (an empty cell is NaN, not a str) as a
    # comprehension; no test read an empty cell with --thousands, so reading every cell as
    # text ("'float' object has no attribute 'strip'") would have passed them all
    import io

    from lstmkit.data import read_csv

    text = "date;y\n2020-01-01;1,234.5\n2020-01-02;\n2020-01-03;-2,000\n"
    frame = read_csv(io.StringIO(text), "date", "y", sep=";", thousands=",", fill="ffill")
    assert frame["y"].tolist() == [1234.5, 1234.5, -2000.0]
    text = "date;y\n2020-01-01;1.234,5\n2020-01-02;\n2020-01-03;-2.000\n"
    frame = read_csv(
        io.StringIO(text), "date", "y", sep=";", decimal=",", thousands=".", fill="ffill"
    )
    assert frame["y"].tolist() == [1234.5, 1234.5, -2000.0]
