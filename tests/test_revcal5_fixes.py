"""Review of cal5: weeks named 7D or W-MON, models saved with 24-hour steps, and dates as text
with two UTC offsets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)


def _mondays(freq: str) -> pd.Series:
    index = pd.date_range("2020-01-06", periods=40, freq=freq)
    return pd.Series(np.sin(np.arange(40.0)), index=index, name="y")


@pytest.mark.parametrize(("fitted", "given"), [("7D", "W-MON"), ("W-MON", "7D")])
def test_weeks_as_7d_and_as_w_mon_are_one_frequency_for_a_newer_history(
    fitted: str, given: str
) -> None:
    """A model fitted on ``pd.date_range(freq="7D")`` refused the same Mondays read from a
    file (pandas infers W-MON) as "the training data's frequency (7D), got W-MON"."""
    model = Forecaster(QUICK).fit(_mondays(fitted))
    same = model.predict(series=_mondays(fitted))
    other = model.predict(series=_mondays(given))
    np.testing.assert_array_equal(other.to_numpy(), same.to_numpy())
    assert other.index.tolist() == same.index.tolist()


def test_7d_on_another_weekday_than_w_mon_stays_another_frequency() -> None:
    model = Forecaster(QUICK).fit(_mondays("W-MON"))
    sundays = pd.Series(np.zeros(40), index=pd.date_range("2020-01-05", periods=40, freq="7D"))
    with pytest.raises(ValueError) as err:
        model.predict(series=sundays)
    assert str(err.value) == (
        "`series` must have the training data's frequency (W-MON), got 7D on Sundays."
    )


def test_a_model_saved_with_24_hour_steps_keeps_its_weekday_count() -> None:
    """Saved before "24h" read as "D" (or before a fixed zone's did), a model with a season
    of 7 was trained on the days since 1970 counted in UTC; calendar_features now reads the
    local weekday of such steps, which moved every input of its forecasts a weekday."""
    index = pd.date_range("2020-01-06", periods=40, freq="24h", tz="Asia/Kolkata")
    y = pd.Series(np.sin(np.arange(40.0)), index=index, name="y")
    model = Forecaster(ForecasterConfig(**{**QUICK.__dict__, "season_length": 7})).fit(y)
    model.state_["history"]["freq"] = "24h"  # as such a model was saved
    utc_days = (index.as_unit("ns").asi8 // (86_400 * 10**9)) % 7
    angle = 2.0 * np.pi * utc_days / 7
    expected = np.column_stack([np.sin(angle), np.cos(angle)])
    np.testing.assert_allclose(model._calendar(index)[:, :2], expected, atol=1e-12)
    days = pd.DatetimeIndex(index, freq="D")  # a newer history read as days: the same count
    np.testing.assert_allclose(model._calendar(days)[:, :2], expected, atol=1e-12)


def _berlin_text(n: int = 40) -> list[str]:
    return [t.isoformat() for t in pd.date_range("2020-03-20", periods=n, tz="Europe/Berlin")]


def test_dates_as_text_with_two_utc_offsets_are_told_the_conversion_that_reads_them() -> None:
    """``pd.to_datetime(y.index)``, advised before, fails on two offsets ("Mixed timezones
    detected"), and read_csv's parse_dates leaves them as text."""
    y = pd.Series(np.arange(40.0), index=pd.Index(_berlin_text(), dtype=object), name="y")
    with pytest.raises(ValueError) as err:
        D.to_frame(y, name="y")
    assert str(err.value) == (
        "`y` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of strings "
        "('2020-03-20T00:00:00+01:00' … '2020-04-28T00:00:00+02:00'), which would be read as "
        "the positions 0 .. 39, without a calendar or a season; convert it first: y.index = "
        "pd.to_datetime(y.index, utc=True).tz_convert(zone), with zone their time zone (they "
        "hold the UTC offsets +01:00, +02:00, which pd.to_datetime reads together only into "
        "UTC)."
    )
    zone = "Europe/Berlin"
    y.index = pd.to_datetime(y.index, utc=True).tz_convert(zone)  # as advised
    assert D.to_frame(y, name="y").index.freqstr == "D"


def test_a_blank_among_dates_with_two_utc_offsets_is_told_the_utc_conversion() -> None:
    stamps = _berlin_text()
    stamps[3] = ""
    y = pd.Series(np.arange(40.0), index=pd.Index(stamps, dtype=object), name="y")
    with pytest.raises(
        ValueError, match=r"then convert it: y\.index = pd\.to_datetime\(y\.index, "
    ):
        D.to_frame(y, name="y")


def test_a_column_of_dates_with_two_utc_offsets_is_told_the_utc_conversion() -> None:
    frame = pd.DataFrame({"when": _berlin_text(), "y": np.arange(40.0)})
    with pytest.raises(ValueError) as err:
        D.to_frame(frame, name="df")
    assert str(err.value) == (
        "`df` must hold values only, with the dates as its index, got a column of dates, "
        "'when' ('2020-03-20T00:00:00+01:00' … '2020-04-28T00:00:00+02:00'); make it the "
        "index: df = df.set_index('when'), then df.index = pd.to_datetime(df.index, "
        "utc=True).tz_convert(zone), with zone their time zone (they hold the UTC offsets "
        "+01:00, +02:00, which pd.to_datetime reads together only into UTC)."
    )


def test_dates_as_text_with_one_utc_offset_keep_the_plain_conversion() -> None:
    stamps = [t.isoformat() for t in pd.date_range("2020-01-01", periods=20, tz="Asia/Tokyo")]
    y = pd.Series(np.arange(20.0), index=pd.Index(stamps, dtype=object), name="y")
    with pytest.raises(
        ValueError, match=r"y\.index = pd\.to_datetime\(y\.index\), or pd\.read_csv"
    ):
        D.to_frame(y, name="y")


@pytest.mark.parametrize("kind", ["date", "Timestamp"])
def test_a_none_among_date_objects_is_refused_by_its_position(kind: str) -> None:
    """Date strings with a blank were refused by position; ``datetime.date`` objects (or
    Timestamps kept as objects) with a None were still read as the positions 0 .. 35."""
    stamps = pd.date_range("2018-01-01", periods=36, freq="MS")
    items: list[object] = [t.date() if kind == "date" else t for t in stamps]
    items[5] = None
    y = pd.Series(np.arange(36.0), index=pd.Index(items, dtype=object), name="y")
    first, last = (repr(items[k]) for k in (0, -1))
    with pytest.raises(ValueError) as err:
        D.to_frame(y, name="y")
    assert str(err.value) == (
        "`y` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates as "
        f"date objects ({first} … {last}) with no date at position 5 (empty), which would be "
        "read as the positions 0 .. 35, without a calendar or a season; give it its date, or "
        "drop that row, then convert it: y.index = pd.to_datetime(y.index)."
    )
    y.index = pd.to_datetime(y.index)  # as advised: the missing one named in turn
    with pytest.raises(ValueError, match=r"got NaT \(a missing timestamp\) at position 5 "):
        D.to_frame(y, name="y")


def test_objects_that_are_not_all_dates_stay_positions() -> None:
    items: list[object] = [pd.Timestamp("2020-01-01"), "north", None, 3]
    y = pd.Series(np.arange(4.0), index=pd.Index(items, dtype=object), name="y")
    assert D.to_frame(y, name="y").index.equals(pd.RangeIndex(4))


@pytest.mark.parametrize("at", [(3, 9), (30, 33)])
def test_two_unparsable_entries_among_dates_are_refused_wherever_they_are(
    at: tuple[int, int],
) -> None:
    """Two among the first 20 entries (the few read first) left the index as positions 0 ..
    35, where the same two later were refused."""
    stamps = [f"{2018 + k // 12}-{k % 12 + 1:02d}-01" for k in range(36)]
    for k in at:
        stamps[k] = "n/a"
    y = pd.Series(np.arange(36.0), index=pd.Index(stamps, dtype=object), name="y")
    with pytest.raises(ValueError) as err:
        D.to_frame(y, name="y")
    assert str(err.value) == (
        "`y` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates as "
        f"strings ('2018-01-01' … '2020-12-01') with unparsable dates at positions {at[0]} "
        f"('n/a'), {at[1]} ('n/a'), which would be read as the positions 0 .. 35, without a "
        "calendar or a season; give each its date, or drop those rows, then convert it: "
        "y.index = pd.to_datetime(y.index), or pd.read_csv(..., index_col=..., "
        "parse_dates=True)."
    )


def test_an_empty_entry_among_iso_weeks_is_refused_by_its_position() -> None:
    """ISO weeks, which pandas does not read as dates, were told apart from labels by the few
    read first, so a blank among them left the index as positions 0 .. 39."""
    weeks = [f"2020-W{k + 1:02d}" for k in range(40)]
    weeks[4] = ""
    y = pd.Series(np.arange(40.0), index=pd.Index(weeks, dtype=object), name="y")
    with pytest.raises(ValueError) as err:
        D.to_frame(y, name="y")
    assert str(err.value) == (
        "`y` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates as "
        "strings ('2020-W01' … '2020-W40') with no date at position 4 (empty), which would be "
        "read as the positions 0 .. 39, without a calendar or a season; give it its date, or "
        'drop that row, then convert it: y.index = pd.to_datetime(y.index + "-1", '
        'format="%G-W%V-%u") (each week\'s Monday).'
    )


def test_day_first_dates_over_several_years_are_no_utc_offsets() -> None:
    """'01-02-2015' ends like an offset, -2015: years are not told the UTC conversion."""
    stamps = [f"01-{m:02d}-{y}" for y in (2015, 2016, 2017) for m in range(1, 13)]
    y = pd.Series(np.arange(36.0), index=pd.Index(stamps, dtype=object), name="y")
    with pytest.raises(
        ValueError, match=r"y\.index = pd\.to_datetime\(y\.index\), or pd\.read_csv"
    ):
        D.to_frame(y, name="y")


def test_zoned_weekly_covariates_moved_onto_a_skipped_midnight_get_no_code() -> None:
    """São Paulo skipped the midnight of 2018-11-04: moving the Mondays a day back lands on
    it. pandas 2 raised pytz's NonExistentTimeError there, which the ValueError caught around
    the move did not catch, so the refusal itself failed."""
    zone = "America/Sao_Paulo"
    sundays = pd.date_range("2018-07-01", periods=16, freq="W-SUN", tz=zone)
    y = pd.Series(np.arange(16.0) % 3, index=sundays, name="y")
    mondays = pd.date_range("2018-07-02", periods=20, freq="W-MON", tz=zone)
    future = pd.DataFrame({"price": np.arange(20.0)}, index=mondays)
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(y, future_covariates=future)
    assert str(err.value) == (
        "`future_covariates` must cover the series' 16 points, 16 steps from 2018-07-01 to "
        "2018-10-14, got values from 2018-07-02 to 2018-11-12: 16 of those steps are missing, "
        "the first 2018-07-01 (none of its timestamps is one of the steps: its frequency is "
        "W-MON, the series' W-SUN; stamp them as the series' steps)."
    )
