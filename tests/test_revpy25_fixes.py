"""Review revpy25 of py25: a week of other days written in UTC, and the days a fill inserts."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

DAYS = pd.date_range("2021-01-04", "2021-03-28", freq="D")


def _refused(index: pd.DatetimeIndex) -> str:
    series = pd.Series(np.arange(len(index), dtype=float), index=index)
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    return str(err.value)


def test_a_three_day_week_of_tokyo_in_utc_is_no_business_days_sundays_to_thursdays():
    # "got business days of a time zone ... in UTC, Sundays to Thursdays": neither was true
    utc = DAYS[DAYS.day_of_week.isin([0, 2, 4])].tz_localize("Asia/Tokyo").tz_convert("UTC")
    assert _refused(utc) == (
        "timestamps in `series` must be regularly spaced (no gaps), got days of a 3-day week "
        "of a time zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, "
        "Tuesdays, Thursdays and Sundays (2021-01-03 15:00:00+00:00 first, for 2021-01-04), "
        "whose steps are irregular there and no filled day mends. Read them on their zone's "
        "clock, where they are days of a 3-day week, Mondays, Wednesdays and Fridays: "
        "series.index = series.index.tz_convert('+09:00') (or the zone's name)."
    )


def test_a_six_day_week_of_tokyo_in_utc_is_told_as_sundays_to_fridays():
    # "business days ..., Sundays to Thursdays and 12 Fridays": every Friday, of a 6-day week
    utc = DAYS[DAYS.day_of_week < 6].tz_localize("Asia/Tokyo").tz_convert("UTC")
    assert (
        "got days of a 6-day week of a time zone at UTC+09:00 written in UTC: at 15:00 on the "
        "day before each in UTC, Sundays to Fridays (2021-01-03"
    ) in _refused(utc)


def test_business_days_with_a_saturday_in_utc_keep_their_words():
    local = DAYS[DAYS.day_of_week < 5].append(pd.DatetimeIndex(["2021-01-16"])).sort_values()
    utc = local.tz_localize("Asia/Tokyo").tz_convert("UTC")
    assert (
        "got business days of a time zone at UTC+09:00 written in UTC: at 15:00 on the day "
        "before each in UTC, Sundays to Thursdays and 1 Friday ("
    ) in _refused(utc)


def test_the_days_a_fill_would_insert_are_said_once_with_every():
    # "every Tuesday, Thursday, Saturday and every Sunday"; "every Friday, Saturday and every
    # Sunday"; a 2-day week was "Saturdays to Sundays"
    assert "a fill would insert every Tuesday, Thursday, Saturday and Sunday, values made up." in (
        _refused(DAYS[DAYS.day_of_week.isin([0, 2, 4])])
    )
    assert "a fill would insert every Friday, Saturday and Sunday, values made up." in (
        _refused(DAYS[DAYS.day_of_week < 4])
    )
    assert "got days of a 2-day week, Saturdays and Sundays, which" in (
        _refused(DAYS[DAYS.day_of_week >= 5])
    )


@pytest.mark.parametrize(
    ("years", "expected", "freq"),
    [
        # went on by days after their month starts: ['1949-02-02', '1949-02-03']
        ([1949.0, 1949 + 1 / 12], ["1949-03-01", "1949-04-01"], "MS"),
        ([1949 + 1 / 12], ["1949-03-01", "1949-04-01"], "MS"),  # a month, as 1 after an integer
        ([1949.0, 1949.25], ["1949-07-01", "1949-10-01"], "3MS"),  # was ['1949-04-02', ...]
    ],
)
def test_future_index_after_fewer_than_three_decimal_years_goes_on_by_their_step(
    years, expected, freq
):
    after = D.future_index(pd.Index(years, name="t"), 2)
    assert after.equals(pd.DatetimeIndex(expected)) and after.freqstr == freq
    assert after.name == "t"


@pytest.mark.parametrize("years", [[1949.25, 1949.0], [1949.0, 1949 + 1 / 12, 1949.25]])
def test_future_index_after_decimal_years_without_a_step_keeps_the_positions(years):
    # days after month starts ('1949-04-02', '1949-04-03'): the positions, as before py25
    after = D.future_index(pd.Index(years), 2)
    assert after.equals(pd.RangeIndex(len(years), len(years) + 2))
