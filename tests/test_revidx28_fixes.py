"""Review of idx28's forecasting-data advice: read_csv's advice for a ``where`` kept its
columns, which to_frame then read as covariates (text: refused); "Europe/Berlin's say" for
Paris's stamps in UTC did not say why Berlin; a zone of daylight saving found by a 6-day week
in UTC was named as the first of every zone in order of name, on one platform a link kept
for old data ('America/Ensenada' for Los Angeles)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

CBH6 = (
    "pd.offsets.CustomBusinessHour(start='00:00', end='01:00', weekmask='Mon Tue Wed Thu Fri "
    "Sat', holidays=['2021-02-11'])"
)
WEEK6 = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")


def test_read_csv_s_advice_for_where_drops_its_columns_so_to_frame_reads_the_values(tmp_path):
    # "frame = frame[frame['store'].str.strip() == 'A']; ...": to_frame(frame) then refused
    # "column 'store' has non-numeric values ..."; a numeric `region` would have been a covariate
    every = pd.date_range("2021-01-04", periods=72, freq=WEEK6)
    days = every[every != "2021-02-11"]  # (a Thursday of store A)
    table = pd.DataFrame(
        {
            "day": days.append(every).strftime("%Y-%m-%d"),
            "store": ["A"] * 71 + ["B"] * 72,
            "region": [" 7"] * 143,
            "sales": np.arange(143.0),
        }
    )
    csv = tmp_path / "my sales é.csv"
    table.to_csv(csv, index=False)
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "day", "sales", where={"store": "A", "region": "7"})
    advice = str(err.value).split("reads back without them): ")[1].split(", with season")[0]
    assert advice == (
        f"frame = pd.read_csv({str(csv)!r}, index_col='day', parse_dates=True, "
        "dtype={'store': str, 'region': str}); "
        "frame = frame[frame['store'].str.strip() == 'A'].drop(columns='store'); "
        "frame = frame[frame['region'].str.strip() == '7'].drop(columns='region'); "
        f"frame.index = pd.DatetimeIndex(frame.index.to_numpy(), freq={CBH6})"
    )
    run: dict[str, object] = {"pd": pd}
    exec(advice, run)
    frame = D.to_frame(run["frame"])
    assert (list(frame.columns), len(frame), frame.index.freqstr) == (["sales"], 71, "cbh")


def _in_utc(days: pd.DatetimeIndex, zone: str) -> pd.Series:
    """A series on the midnights of ``days`` in ``zone``, its stamps written in UTC."""
    stamps = pd.DatetimeIndex(days.tz_localize(zone).tz_convert("UTC"), freq=None)
    return pd.Series(np.arange(len(days)) + 1.0, index=stamps)


def _six_days_in_utc(zone: str) -> pd.Series:
    return _in_utc(pd.date_range("2021-01-04", periods=150, freq=WEEK6), zone)


def test_paris_s_six_day_week_in_utc_is_told_why_it_is_berlin_s_clock():
    # "of a time zone, Europe/Berlin's say, written in UTC": why Berlin, for Paris's data?
    with pytest.raises(ValueError) as err:
        D.to_frame(_six_days_in_utc("Europe/Paris"))
    assert str(err.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got days of a 6-day week of "
        "a time zone on Europe/Berlin's clock (stamps in UTC tell the clock, not the zone), "
        "written in UTC: at 23:00 or 22:00 on the day before each in UTC, Sundays to Fridays "
        "(2021-01-03 23:00:00+00:00 first, for 2021-01-04), whose steps are irregular there and "
        "no filled day mends. Read them on their zone's clock, where they are days of a 6-day "
        "week, Mondays to Saturdays: series.index = series.index.tz_convert('Europe/Berlin') "
        "(or the zone's name)."
    )


@pytest.mark.parametrize(
    ("zone", "at"),
    [
        ("America/Los_Angeles", "08:00 or 07:00"),  # (was 'America/Ensenada', a link)
        ("America/Halifax", "04:00 or 03:00"),  # (was 'America/Glace_Bay')
        ("America/Mexico_City", "06:00 or 05:00"),  # (was 'America/Bahia_Banderas')
    ],
)
def test_a_zone_s_six_day_week_in_utc_is_told_its_rule_s_usual_zone_on_every_platform(zone, at):
    # by name alone, the first zone on that clock: a link that one tzdata holds, another not
    with pytest.raises(ValueError) as err:
        D.to_frame(_six_days_in_utc(zone))
    said = str(err.value)
    assert said.split("got ")[1].split(" in UTC, ")[0] == (
        f"days of a 6-day week of a time zone on {zone}'s clock (stamps in UTC tell the clock, "
        f"not the zone), written in UTC: at {at} on the same day"
    )
    assert said.endswith(f"series.index = series.index.tz_convert({zone!r}) (or the zone's name).")


def test_london_s_six_day_week_in_utc_at_00_00_or_23_00_is_told_its_zone():
    # its midnights are at 00:00 UTC, and 23:00 the day before in summer: 23 hours apart, not
    # the one of Paris's 23:00 or 22:00, so "got irregular steps before 2021-01-11, ...;
    # missing 2021-01-10, ...", with no word of the zone nor a way on
    series = _six_days_in_utc("Europe/London")
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert str(err.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got days of a 6-day week of "
        "a time zone on Europe/London's clock (stamps in UTC tell the clock, not the zone), "
        "written in UTC: at 00:00 on the same day or 23:00 on the day before in UTC, Mondays to "
        "Saturdays and 13 Sundays (2021-01-04 first, for 2021-01-04), whose steps are irregular "
        "there and no filled day mends. Read them on their zone's clock, where they are days of "
        "a 6-day week, Mondays to Saturdays: series.index = "
        "series.index.tz_convert('Europe/London') (or the zone's name)."
    )
    series.index = series.index.tz_convert("Europe/London")  # then the week's advice
    with pytest.raises(ValueError) as week:
        D.to_frame(series)
    advice = str(week.value).split("reads back without them): ")[1].split(", with season")[0]
    run: dict[str, object] = {"pd": pd, "series": series}
    exec(advice, run)
    assert [str(t) for t in D.future_index(series.index, 2)] == [
        "2021-06-28 00:00:00+01:00",
        "2021-06-29 00:00:00+01:00",
    ]


def test_auckland_s_six_day_week_in_utc_is_still_told_the_day_before():
    # its midnights are at 11:00 or 12:00 UTC, before noon, yet on the day before
    with pytest.raises(ValueError) as err:
        D.to_frame(_six_days_in_utc("Pacific/Auckland"))
    assert (
        str(err.value)
        .split(" (2021-01-03")[0]
        .endswith(
            "written in UTC: at 11:00 or 12:00 on the day before each in UTC, Sundays to Fridays"
        )
    )


def test_london_s_business_days_in_utc_are_told_their_zone_then_their_gap():
    days = pd.bdate_range("2021-01-04", periods=150).delete([30])  # (2021-02-15 missing)
    series = _in_utc(days, "Europe/London")
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert (
        str(err.value)
        .split(" (2021-01-04 first")[0]
        .endswith(
            "got business days of a time zone on Europe/London's clock (stamps in UTC tell the "
            "clock, not the zone), written in UTC: at 00:00 on the same day or 23:00 on the day "
            "before in UTC, Mondays to Fridays and 18 Sundays"
        )
    )
    series.index = series.index.tz_convert("Europe/London")
    with pytest.raises(ValueError, match=r"missing 2021-02-15; pass fill="):
        D.to_frame(series)


@pytest.mark.parametrize(
    ("index", "said"),
    [
        # an IndexError ("index 0 is out of bounds for axis 0 with size 0")
        (
            pd.DatetimeIndex(["2021-01-01", "2021-01-02", "2021-01-03", None]),
            "at position 3 (after 2021-01-03); give it its date, or drop that row",
        ),
        # "must be sorted in increasing order, got 2021-01-03 after NaT (position 2)"
        (
            pd.DatetimeIndex(["2021-01-01", None, "2021-01-03", "2021-01-04"]),
            "at position 1 (after 2021-01-01 and before 2021-01-03); give it its date, or drop "
            "that row",
        ),
        # went on as PeriodIndex(['2021-04', '2021-05'])
        (
            pd.PeriodIndex(["2021-01", None, "2021-03"], freq="M"),
            "at position 1 (after 2021-01 and before 2021-03); give it its date, or drop that row",
        ),
        # pandas' "start and end must not be NaT"
        (
            pd.PeriodIndex(["2021-01", None, None], freq="M"),
            "at position 1 (after 2021-01); 2 in all, at positions 1, 2; give each its date, or "
            "drop those rows",
        ),
    ],
)
def test_future_index_refuses_nat_as_fit_does_with_the_index_s_own_python(index, said):
    with pytest.raises(ValueError) as err:
        D.future_index(index, 2)
    assert str(err.value) == (
        f"timestamps in `index` must all be given, got NaT (a missing timestamp) {said}: "
        "index[index.notna()]."
    )
    with pytest.raises(ValueError) as fit:  # fit's words, for a series
        D.to_frame(pd.Series(np.arange(len(index)) + 1.0, index=index))
    assert str(fit.value) == (
        f"timestamps in `series` must all be given, got NaT (a missing timestamp) {said}: "
        "series[series.index.notna()]."
    )
