"""Fixes of the revcal19 review: stamps in UTC at an hour that is no zone's midnight, and a
model fitted on a zone's month starts in UTC before they were refused."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D


def _month_ends_in_utc(hours: int, minutes: int) -> pd.Series:
    index = pd.date_range("2019-01-31", periods=24, freq="ME", tz="UTC")
    index = index + pd.Timedelta(hours=hours, minutes=minutes)
    return pd.Series(np.arange(24.0), index)


@pytest.mark.parametrize(("hours", "minutes"), [(23, 45), (22, 30), (20, 15), (13, 15)])
def test_month_ends_in_utc_at_no_zone_s_midnight_read_as_ends(hours, minutes):
    # refused as "the midnights of a time zone at UTC+00:15" (+01:30, +03:45, +10:45): none is
    series = _month_ends_in_utc(hours, minutes)
    frame = D.to_frame(series)
    assert frame.index.equals(series.index) and frame.index.freqstr == "ME"


@pytest.mark.parametrize(
    ("hours", "minutes", "zone"),
    [(23, 0, "+01:00"), (18, 30, "+05:30"), (18, 15, "+05:45"), (15, 15, "+08:45")],
)
def test_month_ends_in_utc_at_a_zone_s_midnight_still_told(hours, minutes, zone):
    with pytest.raises(ValueError, match=rf"at UTC\{zone} written in UTC pass for 'ME' steps"):
        D.to_frame(_month_ends_in_utc(hours, minutes))
