"""Calendars and frequencies: multiples of a unit, weekly covariates in a zone, and an index of
date strings with a blank entry."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)


# --------------------------------------------------------------------------------------------
# Multiples of a unit read as the longer unit
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("freq", "season", "horizon"),
    [
        ("7D", 52, 13),  # weekly: was 1 and 12
        ("168h", 52, 13),
        ("14D", 26, 7),  # two weeks, as "2W": was 7 and 7
        ("24h", 7, 7),  # daily: was 1 and 12
        ("1440min", 7, 7),
        ("48h", 7, 4),  # two days, as "2D": was 24 and 24 (cal7: horizon 4 covers a week)
        ("3600s", 24, 24),  # was 1 and 12
        ("900s", 96, 96),  # a quarter-hour: was 1 and 12
        ("12MS", 1, 6),  # yearly: horizon was 12
        ("24MS", 1, 3),  # two years, as "2YS": was 12 and 12
    ],
)
def test_a_multiple_of_a_unit_has_the_season_and_horizon_of_the_longer_unit(
    freq: str, season: int, horizon: int
) -> None:
    index = pd.date_range("2020-01-06", periods=30, freq=freq)
    assert (D.season_length(index), D.default_horizon(index)) == (season, horizon)


@pytest.mark.parametrize(
    ("freq", "same"),
    [("24h", "D"), ("1440min", "D"), ("7D", "W-MON"), ("168h", "W-MON"), ("14D", "2W-MON")],
)
def test_a_multiple_of_a_unit_has_the_calendar_inputs_of_the_longer_unit(
    freq: str, same: str
) -> None:
    index = pd.date_range("2020-01-06", periods=120, freq=freq)
    other = pd.date_range("2020-01-06", periods=120, freq=same)
    mine = D.calendar_inputs(index, D.season_length(index))
    theirs = D.calendar_inputs(other, D.season_length(other))
    assert list(mine.columns) == ["season sin", "season cos"]
    np.testing.assert_array_equal(mine.to_numpy(), theirs.to_numpy())


def test_24_hour_steps_in_a_zone_without_daylight_saving_read_the_local_weekday() -> None:
    """Local midnights in Kolkata are 18:30 UTC the day before: the days since 1970, counted
    in UTC, put each a weekday early, where days read the local one."""
    hours = pd.date_range("2020-01-06", periods=14, freq="24h", tz="Asia/Kolkata")
    days = pd.date_range("2020-01-06", periods=14, freq="D", tz="Asia/Kolkata")
    np.testing.assert_array_equal(D.calendar_features(hours, 7), D.calendar_features(days, 7))


def test_weekly_data_as_7d_forecasts_a_quarter_with_a_season_of_52() -> None:
    """A ``7D`` series (``pd.date_range(freq="7D")``, ``asfreq("7D")``) was fitted with no
    season and a 12-week horizon, where the same weeks as ``W-MON`` got 52 and 13."""
    index = pd.date_range("2020-01-06", periods=120, freq="7D")
    y = pd.Series(np.sin(np.arange(120.0)), index=index, name="y")
    config = ForecasterConfig(horizon=None, lookback=4, ensemble=1, epochs=1, interval=None)
    fitted = Forecaster(config).fit(y)
    assert (fitted.config.horizon, fitted.state_["m"]) == (13, 52)
    assert fitted.predict().index[:2].tolist() == [
        pd.Timestamp("2022-04-25"),
        pd.Timestamp("2022-05-02"),
    ]


# --------------------------------------------------------------------------------------------
# Weekly covariates on another weekday, in a zone
# --------------------------------------------------------------------------------------------


def _weekly(tz: str | None, start: str) -> tuple[pd.Series, pd.DatetimeIndex]:
    sundays = pd.date_range(start, periods=12, freq="W-SUN", tz=tz)
    return pd.Series(np.arange(12.0) % 3, index=sundays, name="y"), sundays


def test_zoned_weekly_past_covariates_on_mondays_get_the_code_zone_less_ones_get() -> None:
    """In a zone, Monday covariates beside Sunday steps were told "stamp them as the series'
    steps" alone; now the code for either week, in calendar days, and that code fits."""
    y, sundays = _weekly("Asia/Kolkata", "2020-01-05")
    covariates = pd.DataFrame({"price": np.arange(12.0)}, index=sundays + pd.DateOffset(days=1))
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(y, covariates=covariates)
    assert str(err.value) == (
        "`covariates` must share the series' index; they differ first at row 0: 2020-01-06 "
        "00:00:00+05:30 against the series' 2020-01-05 00:00:00+05:30 (none of its timestamps "
        "is one of the steps: its frequency is W-MON, the series' W-SUN; stamp each value at "
        "the series' step whose week (Monday to Sunday) holds the first day of the value's: "
        "where a Monday starts its week, they are of the steps 2020-01-12 … 2020-03-29, not "
        "the series' 2020-01-05 … 2020-03-22: give the values of its steps; where it ends one "
        "(as pandas' W-MON reads it), covariates.index = covariates.index - "
        "pd.DateOffset(days=1) (2020-01-06 → 2020-01-05))."
    )
    covariates.index = covariates.index - pd.DateOffset(days=1)  # as advised
    ahead = Forecaster(QUICK).fit(y, covariates=covariates).predict().index
    assert ahead.equals(pd.date_range("2020-03-29", periods=2, freq="W-SUN", tz="Asia/Kolkata"))


def test_zoned_weekly_future_covariates_across_daylight_saving_get_calendar_days() -> None:
    """Across the change to summer time, ``pd.Timedelta(days=6)`` would stamp the values at
    23:00 or 01:00: the code adds calendar days, and the advised move fits."""
    y, sundays = _weekly("Europe/Berlin", "2020-02-02")
    mondays = pd.date_range("2020-02-03", periods=14, freq="W-MON", tz="Europe/Berlin")
    future = pd.DataFrame({"price": np.arange(14.0)}, index=mondays)
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(y, future_covariates=future)
    assert str(err.value) == (
        "`future_covariates` must cover the series' 12 points, 12 steps from 2020-02-02 to "
        "2020-04-19, got values from 2020-02-03 to 2020-05-04: 12 of those steps are missing, "
        "the first 2020-02-02 (none of its timestamps is one of the steps: its frequency is "
        "W-MON, the series' W-SUN; stamp each value at the series' step whose week (Monday to "
        "Sunday) holds the first day of the value's: where a Monday starts its week, "
        "future_covariates.index = future_covariates.index + pd.DateOffset(days=6) "
        "(2020-02-03 → 2020-02-09); where it ends one (as pandas' W-MON reads it), "
        "future_covariates.index = future_covariates.index - pd.DateOffset(days=1) "
        "(2020-02-03 → 2020-02-02))."
    )
    future.index = future.index - pd.DateOffset(days=1)  # as advised
    assert future.index[:12].equals(sundays)
    fitted = Forecaster(QUICK).fit(y, future_covariates=future)
    ahead = fitted.predict(future_covariates=future).index
    assert ahead.equals(pd.date_range("2020-04-26", periods=2, freq="W-SUN", tz="Europe/Berlin"))


def test_zone_less_weekly_covariates_keep_their_timedelta_code() -> None:
    y, _ = _weekly(None, "2020-01-05")
    mondays = pd.date_range("2020-01-06", periods=14, freq="W-MON")
    future = pd.DataFrame({"price": np.arange(14.0)}, index=mondays)
    with pytest.raises(ValueError, match=r"index \+ pd\.Timedelta\(days=6\) \(2020-01-06 →"):
        Forecaster(QUICK).fit(y, future_covariates=future)


# --------------------------------------------------------------------------------------------
# An index of date strings with an entry that is no date
# --------------------------------------------------------------------------------------------

MONTHS = [f"{2018 + k // 12}-{k % 12 + 1:02d}-01" for k in range(36)]


def _months_with(entry: object, at: int = 5) -> pd.Series:
    stamps = list(MONTHS)
    stamps[at] = entry
    return pd.Series(np.arange(36.0) % 4, index=pd.Index(stamps, dtype=object), name="y")


@pytest.mark.parametrize("entry", ["", "  ", None])
def test_an_empty_entry_among_date_strings_is_refused_by_its_position(entry: object) -> None:
    """``series.to_frame()`` of dates as text with one blank was fitted as the positions
    0 .. 35, without a calendar or a season."""
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(_months_with(entry).to_frame())
    assert str(err.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates "
        "as strings ('2018-01-01' … '2020-12-01') with no date at position 5 (empty), which "
        "would be read as the positions 0 .. 35, without a calendar or a season; give it its "
        "date, or drop that row, then convert it: series.index = pd.to_datetime(series.index), "
        "or pd.read_csv(..., index_col=..., parse_dates=True)."
    )


def test_several_entries_that_are_no_dates_are_listed_unparsable_and_empty() -> None:
    stamps = list(MONTHS)
    stamps[0], stamps[9], stamps[-1] = "", "2018-10-01x", ""
    y = pd.Series(np.arange(36.0), index=pd.Index(stamps, dtype=object), name="y")
    with pytest.raises(ValueError) as err:
        D.to_frame(y)
    assert str(err.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates "
        "as strings ('2018-02-01' … '2020-11-01') with unparsable dates at positions 0 (empty), "
        "9 ('2018-10-01x'), 35 (empty), which would be read as the positions 0 .. 35, without "
        "a calendar or a season; give each its date, or drop those rows, then convert it: "
        "series.index = pd.to_datetime(series.index), or pd.read_csv(..., index_col=..., "
        "parse_dates=True)."
    )


def test_labels_and_numbers_among_dates_stay_positions() -> None:
    labels = pd.Series([1.0, 2.0, 3.0], index=["north", "2020-01-01", "south"])
    assert D.to_frame(labels).index.equals(pd.RangeIndex(3))
    years = _months_with("1950")  # a number among dates: a step's label, as before
    assert D.to_frame(years).index.equals(pd.RangeIndex(36))


def _berlin_days(blank: int | None) -> pd.Series:
    """Six days as text across the change to summer time (+01:00, then +02:00)."""
    stamps = [t.isoformat() for t in pd.date_range("2020-03-27", periods=6, tz="Europe/Berlin")]
    if blank is not None:
        stamps[blank] = ""
    return pd.Series(np.arange(6.0), index=pd.Index(stamps, dtype=object), name="y")


def test_an_empty_entry_among_dates_with_two_utc_offsets_is_named() -> None:
    with pytest.raises(ValueError) as err:
        D.to_frame(_berlin_days(2), name="y")
    assert str(err.value) == (
        "`y` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates as "
        "strings ('2020-03-27T00:00:00+01:00' … '2020-04-01T00:00:00+02:00') with no date at "
        "position 2 (empty), which would be read as the positions 0 .. 5, without a calendar "
        "or a season; give it its date, or drop that row, then convert it: y.index = "
        "pd.to_datetime(y.index, utc=True).tz_convert(zone), with zone their time zone (they "
        "hold the UTC offsets +01:00, +02:00, which pd.to_datetime reads together only into "
        "UTC)."
    )


def test_dates_as_text_with_two_utc_offsets_are_refused_as_dates_not_by_pandas() -> None:
    """They failed with pandas' "Mixed timezones detected. Pass utc=True in to_datetime",
    from inside lstmkit's check."""
    with pytest.raises(ValueError) as err:
        D.to_frame(_berlin_days(None), name="y")
    assert str(err.value) == (
        "`y` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of strings "
        "('2020-03-27T00:00:00+01:00' … '2020-04-01T00:00:00+02:00'), which would be read as "
        "the positions 0 .. 5, without a calendar or a season; convert it first: y.index = "
        "pd.to_datetime(y.index, utc=True).tz_convert(zone), with zone their time zone (they "
        "hold the UTC offsets +01:00, +02:00, which pd.to_datetime reads together only into "
        "UTC)."
    )
