"""Fixes of tz20: naive stamps of a local clock across daylight saving, a zone's daily and
weekly midnights written in UTC, and a newer history at another time of day than a model's."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig


def _berlin_clock(start: str, periods: int) -> pd.Series:
    """Hours of Berlin's clock as a naive CSV writes them: one skipped or repeated at a change."""
    clock = pd.date_range(start, periods=periods, freq="h", tz="Europe/Berlin")
    return pd.Series(np.arange(periods, dtype=float), clock.tz_localize(None))


def test_naive_clock_across_spring_change_is_told_its_zone(tmp_path, csv_refusal):
    # advised a fill, which inserted 2021-03-28 02:00, an hour Berlin's clock never showed
    series = _berlin_clock("2021-03-27", 48)
    with pytest.raises(ValueError) as caught:
        D.to_frame(series)
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2021-03-28 03:00:00 (usual step: 1 hour); missing 2021-03-28 02:00:00, the hour a "
        "clock in Europe/Berlin skips when daylight saving starts: they look like the times of "
        "a local clock, regular only in its zone; read them in it: series.index = "
        "series.index.tz_localize('Europe/Berlin', ambiguous='infer') (or the zone's name, one "
        "that changes its clock at that hour)."
    )
    # the line given reads them as the hours they are
    series.index = series.index.tz_localize("Europe/Berlin", ambiguous="infer")
    frame = D.to_frame(series)
    assert frame.index.freqstr == "h" and len(frame) == 48
    # through the CLI, the line for a file's dates column
    csv = tmp_path / "hours.csv"
    pd.DataFrame({"month": series.index.tz_localize(None), "sales": 1.0}).to_csv(csv, index=False)
    assert csv_refusal(csv).endswith(
        "missing 2021-03-28 02:00:00, the hour a clock in Europe/Berlin skips when daylight "
        "saving starts: they look like the times of a local clock, regular only in its zone; "
        "read them in it: write them with their offsets, e.g. with pandas: "
        "dates.dt.tz_localize('Europe/Berlin', ambiguous='infer') (or the zone's name, one that "
        "changes its clock at that hour)."
    )


def test_naive_clock_across_autumn_change_is_told_its_zone():
    series = _berlin_clock("2021-10-30", 48)
    with pytest.raises(ValueError) as caught:
        D.to_frame(series)
    assert str(caught.value) == (
        "timestamps must be unique, got duplicates in `series`: 2021-10-31 02:00:00, the hour a "
        "clock in Europe/Berlin repeats when daylight saving ends: they look like the times of "
        "a local clock, regular only in its zone; read them in it: series.index = "
        "series.index.tz_localize('Europe/Berlin', ambiguous='infer') (or the zone's name, one "
        "that changes its clock at that hour)."
    )
    series.index = series.index.tz_localize("Europe/Berlin", ambiguous="infer")
    assert D.to_frame(series).index.freqstr == "h"


def test_naive_gaps_of_another_hour_keep_their_fill():
    # a gap beside the skipped hour, or a repeat of another hour, is no clock's change
    series = _berlin_clock("2021-03-27", 48)
    with pytest.raises(ValueError) as caught:
        D.to_frame(series.drop(series.index[10]))
    assert "missing 2021-03-27 10:00:00, 2021-03-28 02:00:00; pass fill=" in str(caught.value)
    assert "daylight" not in str(caught.value)
    hours = pd.Series(1.0, pd.date_range("2021-06-01", periods=30, freq="h"))
    with pytest.raises(ValueError) as caught:
        D.to_frame(hours.drop(hours.index[7]))
    assert str(caught.value).endswith(
        "missing 2021-06-01 07:00:00; pass fill='ffill', 'bfill', "
        "'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv (CLI: --fill), whose "
        "result Forecaster.fit, predict and backtest take, to insert the missing timestamps and "
        "fill their values."
    )
    twice = pd.concat([hours.iloc[:8], hours.iloc[7:]])
    with pytest.raises(ValueError) as caught:
        D.to_frame(twice)
    assert str(caught.value) == (
        "timestamps must be unique, got duplicates in `series`: 2021-06-01 07:00:00."
    )


def _month_ends(hours: int, periods: int) -> pd.Series:
    index = pd.date_range("2019-01-31", periods=periods, freq="ME", tz="UTC")
    index = pd.DatetimeIndex(index + pd.Timedelta(hours=hours), freq=None)  # as a CSV reads
    return pd.Series(100.0 + np.arange(periods) % 12, index)


def test_newer_history_at_another_time_of_day_is_refused():
    # a model fitted on month ends at 12:00 UTC read ones at 15:00 with no word, and
    # labelled its forecast 2022-01-31 15:00
    config = ForecasterConfig(horizon=2, lookback=6, ensemble=1, epochs=1, interval=None)
    model = Forecaster(config).fit(_month_ends(12, 30))
    with pytest.raises(ValueError) as caught:
        model.predict(2, series=_month_ends(15, 36))
    assert str(caught.value) == (
        "`series` must have the training data's time of day, 12:00 (its last step: "
        "2021-06-30 12:00:00+00:00), got 15:00 (first 2019-01-31 15:00:00+00:00); its steps "
        "would be read as the trained ones and a forecast labelled at 15:00. Move them to the "
        "trained time: series.index = series.index.normalize() + pd.Timedelta('12:00:00')."
    )
    # the line given reads them at the trained time
    series = _month_ends(15, 36)
    series.index = series.index.normalize() + pd.Timedelta("12:00:00")
    assert [str(t) for t in model.predict(2, series=series).index] == [
        "2022-01-31 12:00:00+00:00",
        "2022-02-28 12:00:00+00:00",
    ]


def test_newer_daily_history_off_midnight_is_refused_with_normalize():
    config = ForecasterConfig(horizon=2, lookback=6, ensemble=1, epochs=1, interval=None)
    days = pd.Series(np.arange(40.0) % 7, pd.date_range("2021-01-01", periods=40, freq="D"))
    model = Forecaster(config).fit(days)
    with pytest.raises(ValueError) as caught:
        model.predict(2, series=days.set_axis(days.index + pd.Timedelta(hours=9)))
    assert str(caught.value) == (
        "`series` must have the training data's time of day, 00:00 (its last step: 2021-02-09), "
        "got 09:00 (first 2021-01-01 09:00:00); its steps would be read as the trained ones "
        "and a forecast labelled at 09:00. Move them to the trained time: series.index = "
        "series.index.normalize()."
    )
    # hourly steps lie at every time of day: not told
    hours = pd.Series(np.arange(60.0) % 24, pd.date_range("2021-01-01", periods=60, freq="h"))
    hourly = Forecaster(config).fit(hours)
    assert len(hourly.predict(2, series=hours.iloc[5:])) == 2


def _tokyo_days_in_utc(freq: str, periods: int) -> pd.Series:
    index = pd.date_range("2021-01-04", periods=periods, freq=freq, tz="Asia/Tokyo")
    # no freq, as a CSV reads them
    utc = pd.DatetimeIndex(index.tz_convert("UTC"), freq=None)
    return pd.Series(np.arange(periods) % 7 + 1.0, utc)


@pytest.mark.parametrize(
    ("freq", "steps", "first", "day"),
    [
        ("D", "daily steps", "2021-01-03 15:00:00+00:00", "2021-01-03 for 2021-01-04"),
        (
            "W-MON",
            "weekly steps on Sundays",
            "2021-01-03 15:00:00+00:00",
            "2021-01-03 for 2021-01-04",
        ),
    ],
)
def test_zone_s_days_in_utc_are_noted_with_their_clock(freq, steps, first, day):
    # read silently as steps at 15:00 UTC, the forecast labelled (and the weekday read) the
    # day before Tokyo's; a note, as readings at 15:00 UTC are as often meant
    series = _tokyo_days_in_utc(freq, 30)
    with pytest.warns(UserWarning) as caught:
        frame = D.to_frame(series)
    assert [str(w.message) for w in caught] == [
        f"timestamps in `series` are {steps} at 15:00 in UTC ({first} first), the midnights of "
        "a time zone at UTC+09:00: if they are its days, the forecast is labelled, and the "
        f"calendar inputs read, the day before ({day}); read them on their zone's clock: "
        "series.index = series.index.tz_convert('+09:00') (or the zone's name). Steps at 15:00 "
        "UTC meant: nothing to change."
    ]
    assert frame.index.equals(series.index)  # read as they were
    # the line given reads them at the zone's midnights, with no note
    series.index = series.index.tz_convert("+09:00")
    assert str(D.to_frame(series).index[0]) == "2021-01-04 00:00:00+09:00"


def test_zone_s_days_in_a_csv_noted_once_with_the_dates_line(tmp_path):
    csv = tmp_path / "days.csv"
    series = _tokyo_days_in_utc("D", 40)
    days = pd.DataFrame({"day": series.index.astype(str), "visits": series.to_numpy()})
    days.to_csv(csv, index=False)
    with pytest.warns(UserWarning) as caught:
        frame = D.read_csv(csv, "day", "visits")
    assert [str(w.message) for w in caught] == [
        f"timestamps in {str(csv)!r} are daily steps at 15:00 in UTC (2021-01-03 15:00:00+00:00 "
        "first), the midnights of a time zone at UTC+09:00: if they are its days, the forecast "
        "is labelled, and the calendar inputs read, the day before (2021-01-03 for "
        "2021-01-04); read them on their zone's clock: write them with their zone's offset, "
        "e.g. with pandas: dates.dt.tz_convert('+09:00'). Steps at 15:00 UTC meant: nothing to "
        "change."
    ]
    # not again where a fit reads the frame read (filterwarnings=error), nor at its forecast
    config = ForecasterConfig(horizon=2, lookback=7, ensemble=1, epochs=1, interval=None)
    forecast = Forecaster(config).fit(frame).predict(2, series=frame)
    assert str(forecast.index[0]) == "2021-02-12 15:00:00+00:00"
    # the line given, on the file's dates, reads Tokyo's midnights, with no note
    days["day"] = pd.to_datetime(days["day"]).dt.tz_convert("+09:00")
    days.to_csv(csv, index=False)
    assert str(D.read_csv(csv, "day", "visits").index[0]) == "2021-01-04 00:00:00+09:00"


@pytest.mark.parametrize(
    "index",
    [
        pd.date_range("2021-01-01", periods=30, freq="D", tz="UTC"),  # UTC's midnights
        pd.date_range("2021-01-01 15:00", periods=30, freq="D"),  # naive: as written
        pd.date_range("2021-01-01 12:00", periods=30, freq="D", tz="UTC"),  # noon: a day's middle
        pd.date_range("2021-01-01 15:20", periods=30, freq="D", tz="UTC"),  # no zone's offset
        pd.date_range("2021-01-01 15:00", periods=30, freq="h", tz="UTC"),  # hours
    ],
)
def test_other_days_read_without_a_note(index):
    series = pd.Series(np.arange(30.0), pd.DatetimeIndex(index, freq=None))
    assert D.to_frame(series).index.equals(series.index)  # filterwarnings=error: no note


def test_newer_csv_at_another_time_of_day_is_told_the_dates_line(tmp_path, capsys):
    from lstmkit.cli import main

    config = ForecasterConfig(horizon=2, lookback=6, ensemble=1, epochs=1, interval=None)
    Forecaster(config).fit(_month_ends(12, 30)).save(tmp_path / "model")
    newer = _month_ends(15, 36)
    csv = tmp_path / "newer.csv"
    months = pd.DataFrame({"month": newer.index.astype(str), "sales": newer.to_numpy()})
    months.to_csv(csv, index=False)
    argv = ["predict", str(tmp_path / "model"), "--csv", str(csv)]
    argv += ["--date-col", "month", "--value-col", "sales"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r} must have the training data's time of day, 12:00 (its last "
        "step: 2021-06-30 12:00:00+00:00), got 15:00 (first 2019-01-31 15:00:00+00:00); its "
        "steps would be read as the trained ones and a forecast labelled at 15:00. Move them to "
        "the trained time: write the file's dates so, e.g. with pandas: dates.dt.normalize() + "
        "pd.Timedelta('12:00:00').\n"
    )
    # the line given, on the file's dates
    months["month"] = pd.to_datetime(months["month"]).dt.normalize() + pd.Timedelta("12:00:00")
    months.to_csv(csv, index=False)
    assert main([*argv, "--json"]) == 0
    assert '"2022-01-31T12:00:00+00:00"' in capsys.readouterr().out
