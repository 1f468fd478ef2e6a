"""Fixes of the cal19 pass: month, quarter and year starts of a zone east of UTC written in
UTC, and README's Forecasting sections on CSV input, dates, zones and frequencies."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")


def _starts_in_utc(zone: str, freq: str, periods: int = 24) -> pd.Series:
    """``periods`` starts (``freq``) of ``zone`` from 2019-01-01, written in UTC."""
    index = pd.date_range("2019-01-01", periods=periods, freq=freq, tz=zone).tz_convert("UTC")
    return pd.Series(np.arange(float(periods)), index)


def test_berlin_year_starts_in_utc_are_told_their_zone():
    # read silently as 'YE-DEC' at 23:00: a forecast labelled 2043-12-31 23:00 for 2044
    series = _starts_in_utc("Europe/Berlin", "YS")
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value) == (
        "timestamps in `series` must be on the clock of the years they stand for, got every "
        "one 1 hour before a year's start in UTC (2018-12-31 23:00:00+00:00 for 2019-01-01): "
        "the midnights of a time zone at UTC+01:00 written in UTC pass for 'YE-DEC' steps, "
        "year ends at 23:00, and label a forecast so. Read them on their zone's clock: "
        "series.index = series.index.tz_convert('+01:00') (or the zone's name); or, for year "
        "ends at 23:00 meant, drop the zone: series.index = series.index.tz_localize(None)."
    )
    for zone in ("+01:00", "Europe/Berlin"):
        frame = D.to_frame(series.tz_convert(zone))
        assert (
            frame.index.freqstr == "YS-JAN" and str(frame.index[0]) == "2019-01-01 00:00:00+01:00"
        )
    ends = D.to_frame(series.tz_localize(None))  # the other line: ends at 23:00, as they were
    assert ends.index.freqstr == "YE-DEC" and str(ends.index[-1]) == "2041-12-31 23:00:00"


@pytest.mark.parametrize(
    ("freq", "unit", "read", "starts"),
    [("MS", "month", "ME", "MS"), ("QS", "quarter", "QE-DEC", "QS-JAN")],
)
def test_tokyo_starts_in_utc_are_told_their_zone(freq, unit, read, starts):
    # read silently as month (quarter) ends at 15:00, the day before the starts meant
    series = _starts_in_utc("Asia/Tokyo", freq)
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value) == (
        f"timestamps in `series` must be on the clock of the {unit}s they stand for, got every "
        f"one 9 hours before a {unit}'s start in UTC (2018-12-31 15:00:00+00:00 for "
        "2019-01-01): the midnights of a time zone at UTC+09:00 written in UTC pass for "
        f"{read!r} steps, {unit} ends at 15:00, and label a forecast so. Read them on their "
        "zone's clock: series.index = series.index.tz_convert('+09:00') (or the zone's name); "
        f"or, for {unit} ends at 15:00 meant, drop the zone: series.index = "
        "series.index.tz_localize(None)."
    )
    assert D.to_frame(series.tz_convert("+09:00")).index.freqstr == starts
    assert D.to_frame(series.tz_convert("Asia/Tokyo")).index.freqstr == starts


def test_india_month_starts_in_utc_name_their_half_hour():
    series = _starts_in_utc("Asia/Kolkata", "MS")
    with pytest.raises(
        ValueError, match=r"one 5 hours 30 minutes before .* at UTC\+05:30 written in "
    ):
        D.to_frame(series)
    assert D.to_frame(series.tz_convert("+05:30")).index.freqstr == "MS"


@pytest.mark.parametrize(
    ("stamps", "freq"),
    [
        # naive month ends at 23:00 (test_cal17_fixes pins them): what they say
        (pd.date_range("2019-01-31", periods=24, freq="ME") + pd.Timedelta(hours=23), "ME"),
        # in UTC at a time no zone's midnight is (the day's last second), at noon or before
        (
            pd.date_range("2019-01-31", periods=24, freq="ME", tz="UTC") + pd.Timedelta(hours=12),
            "ME",
        ),
        (
            pd.date_range("2019-01-31", periods=24, freq="ME", tz="UTC")
            + pd.Timedelta(hours=23, minutes=59, seconds=59),
            "ME",
        ),
        (
            pd.date_range("2019-01-31", periods=24, freq="ME", tz="UTC") + pd.Timedelta(hours=6),
            "ME",
        ),
        # on the wall clock of a zone, year ends at 23:00 are that zone's
        (
            pd.date_range("2019-12-31", periods=6, freq="YE", tz="Europe/Berlin")
            + pd.Timedelta(hours=23),
            "YE-DEC",
        ),
        # month starts at 15:00 UTC (New York's are irregular, 04:00 and 05:00)
        (
            pd.date_range("2019-01-01", periods=24, freq="MS", tz="UTC") + pd.Timedelta(hours=15),
            "MS",
        ),
        # business month ends at 23:00 in UTC: not the hours before any start
        (
            pd.date_range("2019-01-31", periods=24, freq="BME", tz="UTC") + pd.Timedelta(hours=23),
            "BME",
        ),
    ],
)
def test_stamps_no_zone_s_starts_read_as_before(stamps, freq):
    index = pd.DatetimeIndex(list(stamps))
    frame = D.to_frame(pd.Series(np.arange(float(len(index))), index))
    assert frame.index.equals(index) and frame.index.freqstr == freq


def test_tokyo_month_starts_in_utc_in_a_csv(tmp_path, csv_refusal):
    # the forecast's table read "2021-09-30 15:00:00+00:00" for Tokyo's October
    from lstmkit.cli import main

    series = _starts_in_utc("Asia/Tokyo", "MS", 36)
    csv = tmp_path / "sales.csv"
    dates = series.index.strftime("%Y-%m-%dT%H:%M:%SZ")
    pd.DataFrame({"month": dates, "sales": series.to_numpy()}).to_csv(csv, index=False)
    assert csv_refusal(csv) == (
        f"timestamps in {str(csv)!r} must be on the clock of the months they stand for, got "
        "every one 9 hours before a month's start in UTC (2018-12-31 15:00:00+00:00 for "
        "2019-01-01): the midnights of a time zone at UTC+09:00 written in UTC pass for 'ME' "
        "steps, month ends at 15:00, and label a forecast so. Read them on their zone's "
        "clock: write them with their zone's offset (2019-01-01T00:00:00+09:00), e.g. with "
        "pandas: dates.dt.tz_convert('+09:00'); or, for month ends at 15:00 meant, without "
        "one: dates.dt.tz_localize(None)."
    )
    # the line, run on the file's dates, reads as the month starts
    frame = pd.read_csv(csv)
    frame["month"] = pd.to_datetime(frame["month"]).dt.tz_convert("+09:00")
    frame.to_csv(csv, index=False)
    read = D.read_csv(csv, "month", "sales")
    assert read.index.freqstr == "MS" and str(read.index[0]) == "2019-01-01 00:00:00+09:00"
    out = tmp_path / "run"
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--horizon", "2", "--epochs", "1", "--out", str(out)]) == 0
    # (the 2 held-out months forecast again, then on)
    assert pd.read_csv(out / "forecast.csv").iloc[:, 0].tolist() == [
        "2021-11-01 00:00:00+09:00",
        "2021-12-01 00:00:00+09:00",
    ]
