"""Forecasting data leftovers: future_index after decimal years (1949.0833...) gave the
positions 24, 25 where predict gives month starts, and after timestamps without a frequency
went on by days; business days with a Saturday worked, and days of a 6-day week, on their own
clock were told to fill every weekend day (every Sunday) as daily gaps, and Tokyo's 6-day week
written in UTC (its Saturdays more than one weekend day in ten) got that gap advice in UTC;
``BacktestResult.plot`` of a series indexed by text showed bare positions where plot_forecast
names the ticks by the labels."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D
from lstmkit.forecast import plot_forecast

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}
# without an interval: no warning of too few validation errors at a backtest's origins
EXACT = {**QUICK, "interval": None}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ---- 1. future_index after decimal years and timestamps without a frequency -----------------


@pytest.mark.parametrize(
    ("per", "steps", "freq"),
    [
        (12, ["1951-01-01", "1951-02-01"], "MS"),
        (4, ["1955-01-01", "1955-04-01"], "QS-JAN"),
        (2, ["1961-01-01", "1961-07-01"], "2QS-JAN"),
    ],
    ids=["months", "quarters", "half-years"],
)
def test_future_index_after_decimal_years_gives_what_predict_gives(per, steps, freq):
    # RangeIndex(start=24, stop=26, step=1, name='t'): positions, where predict gave dates
    index = pd.Index(1949 + np.arange(24) / per, name="t")
    series = pd.Series(np.sin(np.arange(24) / 3) * 10 + 50, index=index)
    ahead = D.future_index(index, 2)
    assert list(ahead.strftime("%Y-%m-%d")) == steps
    assert ahead.freqstr == freq and ahead.name == "t"
    assert ahead.equals(Forecaster(horizon=2, **QUICK).fit(series).predict(2).index)


def test_future_index_after_float32_decimal_years_reads_them_as_to_frame_does():
    index = pd.Index((1949 + np.arange(24) / 12).astype(np.float32))
    assert list(D.future_index(index, 1).strftime("%Y-%m-%d")) == ["1951-01-01"]
    # mid-year stamps (no grid of R's time()) and whole years stay numbers, as before
    assert repr(D.future_index(pd.Index([1949.5, 1950.5, 1951.5]), 2)) == (
        "RangeIndex(start=3, stop=5, step=1)"
    )
    assert repr(D.future_index(pd.Index([1949.0, 1950.0, 1951.0]), 2)) == (
        "RangeIndex(start=1952, stop=1954, step=1)"
    )


def test_future_index_after_stamps_without_a_frequency_goes_on_by_theirs():
    # ['2020-03-02', '2020-03-03'] (freq='D'): pd.date_range's default step
    months = pd.DatetimeIndex(["2020-01-01", "2020-02-01", "2020-03-01"])
    assert months.freq is None
    ahead = D.future_index(months, 2)
    assert list(ahead.strftime("%Y-%m-%d")) == ["2020-04-01", "2020-05-01"]
    assert ahead.freqstr == "MS"
    series = pd.Series(
        np.arange(24.0) + 10,
        index=pd.DatetimeIndex(pd.date_range("2020-01-01", periods=24, freq="MS").to_numpy()),
    )
    assert series.index.freq is None
    predicted = Forecaster(horizon=2, **QUICK).fit(series).predict(2).index
    assert D.future_index(series.index, 2).equals(predicted)


# ---- 2. business days with a weekend day worked, on their own clock -------------------------


def _days(*worked: str, tz: str | None = "Asia/Tokyo", drop: tuple[str, ...] = ()) -> pd.Series:
    days = pd.date_range("2021-01-04", periods=60, freq="B", tz=tz)
    days = days.append(pd.DatetimeIndex([pd.Timestamp(d, tz=tz) for d in worked])).sort_values()
    days = days[~days.isin([pd.Timestamp(d, tz=tz) for d in drop])]
    return pd.Series(np.arange(len(days)) + 10.0, index=pd.DatetimeIndex(days, freq=None))


SATURDAY = (
    "timestamps in `series` must be regularly spaced (no gaps), got business days, Mondays to "
    "Fridays, but for {but}, which are no 'B' steps; a fill would insert the weekend days not "
    "worked, values made up. {drop}: series = series[series.index.day_of_week < 5]{rest}."
)


@pytest.mark.parametrize("tz", ["Asia/Tokyo", None], ids=["zone", "naive"])
def test_business_days_with_a_saturday_worked_on_their_clock_are_told_to_drop_it(tz):
    # "... (usual step: 1 day); missing 2021-01-09, 2021-01-10, 2021-01-17, ...; pass
    # fill='ffill', ... to insert the missing timestamps": every weekend day made up
    with pytest.raises(ValueError) as err:
        D.to_frame(_days("2021-01-16", tz=tz))
    assert str(err.value) == SATURDAY.format(
        but="1 weekend day among them (2021-01-16, a Saturday)",
        drop="Drop it (or add its value to another day's)",
        rest="",
    )
    # what the UTC refusal says to do, then its advice here: read on the zone's clock
    utc = _days("2021-01-16", "2021-01-24").tz_convert("UTC")
    with pytest.raises(ValueError) as err:
        D.to_frame(utc.tz_convert("+09:00"))
    assert str(err.value) == SATURDAY.format(
        but="2 weekend days among them (2021-01-16, a Saturday; 2021-01-24, a Sunday)",
        drop="Drop them (or add their values to another day's)",
        rest="",
    )
    # the advice followed: read as the business days they are
    kept = utc.tz_convert("+09:00")
    kept = kept[kept.index.day_of_week < 5]
    assert D.to_frame(kept).index.freqstr == "B"


def test_business_days_with_a_saturday_worked_and_a_holiday_are_told_both():
    with pytest.raises(ValueError) as err:
        D.to_frame(_days("2021-01-16", drop=("2021-02-11",)))
    assert str(err.value) == SATURDAY.format(
        but="1 day missing (2021-02-11) and 1 weekend day among them (2021-01-16, a Saturday)",
        drop="Drop it (or add its value to another day's)",
        rest="; 2021-02-11 is no business day here (a holiday?): the fill inserts it as a "
        "business day, values made up; to step over it, give the index business hours of one "
        "hour at midnight, whose days and holidays lstmkit keeps (a custom business day's it "
        "cannot: 'C' reads back without them): series.index = "
        "pd.DatetimeIndex(series.index.to_numpy(), "
        "freq=pd.offsets.CustomBusinessHour(start='00:00', end='01:00', "
        "holidays=['2021-02-11'])), with season_length=5 for its week",
    )


def test_business_days_with_a_saturday_worked_on_the_command_line(tmp_path, csv_refusal):
    days = _days("2021-01-16", tz=None).index
    csv = tmp_path / "sales.csv"
    pd.DataFrame({"month": days.strftime("%Y-%m-%d"), "sales": np.arange(len(days))}).to_csv(
        csv, index=False
    )
    # (the CLI's wording, "--fill would insert", is checked by the fixture)
    assert csv_refusal(csv) == (
        f"timestamps in {str(csv)!r} must be regularly spaced (no gaps), got business days, "
        "Mondays to Fridays, but for 1 weekend day among them (2021-01-16, a Saturday), which "
        "are no 'B' steps; a fill would insert the weekend days not worked, values made up. "
        "Drop its row from the file (or add its value to another day's)."
    )


def test_a_file_s_holidays_are_told_the_python_that_indexes_its_series(tmp_path):
    # "'/tmp/.../sales.csv'.index = pd.DatetimeIndex('/tmp/.../sales.csv'.index.to_numpy(), ..."
    days = _days(tz=None, drop=("2021-02-11",)).index
    csv = tmp_path / "sales.csv"
    pd.DataFrame({"month": days.strftime("%Y-%m-%d"), "sales": np.arange(len(days))}).to_csv(
        csv, index=False
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "month", "sales")
    # (then "series.index = ...", a series read_csv never returned: test_data26_fixes)
    assert str(err.value).endswith(
        "to step over it, give the index business hours of one hour at midnight, whose days "
        "and holidays lstmkit keeps (a custom business day's it cannot: 'C' reads back without "
        f"them): frame = pd.read_csv({str(csv)!r}, index_col='month', parse_dates=True); "
        "frame.index = pd.DatetimeIndex(frame.index.to_numpy(), "
        "freq=pd.offsets.CustomBusinessHour(start='00:00', end='01:00', "
        "holidays=['2021-02-11'])), with season_length=5 for its week."
    )


# ---- 3. a 6-day week, on its own clock and in UTC ------------------------------------------


def _six_days(tz: str | None = "Asia/Tokyo", drop: tuple[str, ...] = ()) -> pd.Series:
    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    days = pd.date_range("2021-01-04", periods=72, freq=week, tz=tz)
    days = days[~days.isin([pd.Timestamp(d, tz=tz) for d in drop])]
    return pd.Series(np.arange(len(days)) + 10.0, index=pd.DatetimeIndex(days, freq=None))


SIX = (
    "timestamps in `series` must be regularly spaced (no gaps), got days of a 6-day week, "
    "Mondays to Saturdays{but}, which no frequency of pandas' days steps through ('B' is "
    "Mondays to Fridays); a fill would insert every Sunday, values made up. Give the index "
    "business hours of one hour at midnight on those days, whose days and holidays lstmkit "
    "keeps (a custom business day's it cannot: 'C' reads back without them): series.index = "
    "pd.DatetimeIndex(series.index.to_numpy(), freq=pd.offsets.CustomBusinessHour("
    "start='00:00', end='01:00', weekmask='Mon Tue Wed Thu Fri Sat'{holidays})), with "
    "season_length=6 for its week."
)


def test_a_six_day_week_is_given_its_index_not_a_fill_of_every_sunday():
    # "... (usual step: 1 day); missing 2021-01-10, 2021-01-17, ...; pass fill=...": Sundays
    with pytest.raises(ValueError) as err:
        D.to_frame(_six_days(tz=None))
    assert str(err.value) == SIX.format(but="", holidays="")
    with pytest.raises(ValueError) as err:
        D.to_frame(_six_days(drop=("2021-02-11",)))
    assert str(err.value) == SIX.format(
        but=", but for 1 day missing (2021-02-11)", holidays=", holidays=['2021-02-11']"
    )
    # the advice followed: its days, its holiday stepped over, and forecast after them
    series = _six_days(tz=None, drop=("2021-02-11",))
    series.index = pd.DatetimeIndex(
        series.index.to_numpy(),
        freq=pd.offsets.CustomBusinessHour(
            start="00:00", end="01:00", weekmask="Mon Tue Wed Thu Fri Sat", holidays=["2021-02-11"]
        ),
    )
    ahead = Forecaster(horizon=2, **QUICK).fit(series).predict(2).index
    assert f"{series.index[-1]:%a %Y-%m-%d}" == "Sat 2021-03-27"
    assert list(ahead.strftime("%a %Y-%m-%d")) == ["Mon 2021-03-29", "Tue 2021-03-30"]


def test_a_six_day_week_in_utc_is_told_to_go_on_its_zone_s_clock():
    # Saturdays more than one weekend day in ten: the gap advice in UTC, "missing 2021-01-09
    # 15:00:00+00:00, ...; pass fill=...", which inserted Saturdays in UTC (Sundays there)
    with pytest.raises(ValueError) as err:
        D.to_frame(_six_days().tz_convert("UTC"))
    assert str(err.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got days of a 6-day week "
        "of a time zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, "
        "Sundays to Fridays (2021-01-03 15:00:00+00:00 first, for "
        "2021-01-04), whose steps are irregular there and no filled day mends. Read them on "
        "their zone's clock, where they are days of a 6-day week, Mondays to Saturdays: "
        "series.index = series.index.tz_convert('+09:00') (or the zone's name)."
    )
    # on it, the index to give
    with pytest.raises(ValueError) as err:
        D.to_frame(_six_days().tz_convert("UTC").tz_convert("+09:00"))
    assert str(err.value) == SIX.format(but="", holidays="")


def test_saturdays_worked_in_most_weeks_in_utc_are_a_six_day_week_with_holidays():
    # 7 of 11 Saturdays (more than one weekend day in ten): the gap advice in UTC before
    saturdays = pd.date_range("2021-01-09", periods=7, freq="W-SAT").strftime("%Y-%m-%d")
    with pytest.raises(ValueError) as err:
        D.to_frame(_days(*saturdays).tz_convert("UTC"))
    assert str(err.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got days of a 6-day week "
        "of a time zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, "
        "Sundays to Fridays (2021-01-03 15:00:00+00:00 first, for "
        "2021-01-04), whose steps are irregular there and no filled day mends. Read them on "
        "their zone's clock, where they are days of a 6-day week, Mondays to Saturdays, but "
        "for 4 days missing (2021-02-27, 2021-03-06, 2021-03-13, 2021-03-20): series.index = "
        "series.index.tz_convert('+09:00') (or the zone's name)."
    )
    # 6 of 11 are business days' weekend days worked, as before (test_fix24a_fixes)


# ---- 4. BacktestResult.plot after a series indexed by text ----------------------------------


def test_backtest_plot_names_a_text_series_ticks_as_plot_forecast_does():
    weeks = pd.Series(
        np.sin(np.arange(24) / 3) * 10 + 50, index=[f"w{i:02d}" for i in range(24)], name="load"
    )
    bt = Forecaster(horizon=2, **EXACT).backtest(weeks, start=18, stride=2)
    assert bt.labels == list(weeks.index)
    fig = bt.plot()
    fig.draw_without_rendering()
    # ['−5', '0', '5', '10', '15', '20', '25']: bare positions
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["", "w00", "w04", "w08", "w12", "w16", "w20", "w23 +1", "w23 +5"]
    forecast = Forecaster(horizon=2, **QUICK).fit(weeks).predict(2)
    drawn = plot_forecast(weeks, forecast)
    drawn.draw_without_rendering()
    assert [t.get_text() for t in drawn.axes[0].get_xticklabels()] == ticks
    # numbers and dates keep their own ticks: no labels kept
    numbered = Forecaster(horizon=2, **EXACT).backtest(weeks.reset_index(drop=True), start=18)
    assert numbered.labels is None
