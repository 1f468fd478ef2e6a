"""Business hours, bh11: a newer history checked against the trained hours as a series' own
are read (at once, on our grid, nights too) rather than by pandas stamp by stamp."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit._checks import typed_path
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)


def _series(index: pd.DatetimeIndex) -> pd.Series:
    return pd.Series(np.sin(np.arange(len(index)) / 3), index=pd.DatetimeIndex(index, freq=None))


@pytest.mark.parametrize("tz", [None, "Europe/Berlin", "America/New_York"])
@pytest.mark.parametrize(("opens", "hours"), [(8, 8), (22, 8), (18, 12)])
@pytest.mark.parametrize("mask", ["1111110", "1000000", "1010101"])
def test_newer_stamps_on_the_trained_hours_agree_with_a_grid_built_hour_by_hour(
    mask: str, opens: int, hours: int, tz: str | None, brute_hours: Callable[..., pd.DatetimeIndex]
) -> None:
    trained = pd.offsets.CustomBusinessHour(
        weekmask=mask, start=f"{opens:02d}:00", end=f"{(opens + hours) % 24:02d}:00"
    )
    first = pd.Timestamp("2024-03-27")  # across Europe's change to summer time on the 31st
    grid = brute_hours(first, first + pd.Timedelta(days=15), opens, hours, mask)
    cases = {"from an opening": grid[:40], "from within one": grid[hours - 2 : hours + 38]}
    cases |= {"a gap": grid[:40].delete(9), "a day shifted": grid[:30] + pd.Timedelta(days=1)}
    verdicts = {}
    for name, stamps in cases.items():
        zoned = stamps if tz is None else stamps.tz_localize(tz, nonexistent="NaT")
        zoned = pd.DatetimeIndex(zoned.dropna(), freq=None)
        local = D._local(zoned)
        held = brute_hours(local[0], local[-1], opens, hours, mask)
        verdicts[name] = (D._on_business_hours(zoned, trained), held.equals(local))
    assert {name: ours for name, (ours, _) in verdicts.items()} == {
        name: truth for name, (_, truth) in verdicts.items()
    }


def _mon_to_sat_nights() -> Forecaster:
    nights = pd.offsets.CustomBusinessHour(weekmask="1111110", start="22:00", end="06:00")
    fc = Forecaster(TINY).fit(_series(pd.date_range("2024-01-01 22:00", periods=144, freq=nights)))
    assert fc._state()["history"]["weekmask"] == "1111110"
    return fc


def test_a_newer_history_of_nights_from_after_midnight_is_read_on_the_trained_nights() -> None:
    fc = _mon_to_sat_nights()
    nights = pd.offsets.CustomBusinessHour(weekmask="1111110", start="22:00", end="06:00")
    # Wednesday 0:00 (Tuesday's night) to Sunday 5:00 (Saturday's): read alone as every day's
    # nights; pandas' check of them against Monday to Saturday's said no, and the model refused
    # them as "cbh 22:00-06:00 Mon,...,Sun"
    newer = pd.date_range("2024-01-10 00:00", "2024-01-14 05:00", freq=nights)
    assert len(newer) == 38
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ahead = fc.predict(2, series=_series(newer)).index
    assert list(ahead.strftime("%a %d %H:%M")) == ["Mon 15 22:00", "Mon 15 23:00"]


def test_a_newer_history_on_fewer_days_is_refused_without_pandas_check_stamp_by_stamp(
    pandas_checks: list[int],
) -> None:
    every_day = pd.offsets.CustomBusinessHour(weekmask="1111111", start="08:00", end="16:00")
    fc = Forecaster(TINY).fit(
        _series(pd.date_range("2024-01-01 08:00", periods=96, freq=every_day))
    )
    newer = pd.date_range(
        "2024-01-01 08:00", periods=2_000, freq=pd.offsets.BusinessHour(start="08:00", end="16:00")
    )
    pandas_checks.clear()
    with pytest.raises(ValueError) as refused:
        fc.predict(2, series=_series(newer))
    assert str(refused.value) == (
        "`series` must have the training data's frequency (cbh 08:00-16:00 "
        "Mon,Tue,Wed,Thu,Fri,Sat,Sun), got bh 08:00-16:00."
    )
    assert len(newer) not in pandas_checks  # was checked against every day's hours, 0.8 s per 20k


def _every_hour_open(first: str, last: str, opens: int, hours: int, mask: str) -> pd.DatetimeIndex:
    """The hours (wall clock) of openings at ``opens`` o'clock of ``hours`` hours on the days of
    ``mask``, from ``first`` to ``last``: each hour told by the day and time it opened."""
    every = pd.date_range(first, last, freq="h")
    opened = every - pd.Timedelta(hours=opens)
    on_day = np.array([mask[day] == "1" for day in opened.day_of_week])
    return every[on_day & (opened.hour < hours)]


@pytest.mark.parametrize("mask", ["1111100", "1111110", "1000001"])
@pytest.mark.parametrize(("opens", "hours"), [(22, 8), (20, 10), (9, 8)])
@pytest.mark.parametrize("n", [2, 3])
def test_steps_of_several_business_hours_go_on_and_back_as_the_hours_do(
    n: int, opens: int, hours: int, mask: str
) -> None:
    from lstmkit.backtest import _index_before

    freq = pd.offsets.CustomBusinessHour(
        n=n, weekmask=mask, start=f"{opens:02d}:00", end=f"{(opens + hours) % 24:02d}:00"
    )
    every = _every_hour_open("2024-01-01", "2024-06-30", opens, hours, mask)
    wrong = []
    for last in range(len(every) // 2, len(every) // 2 + 3 * hours):  # from each hour of a night
        stamps = D._with_business_hours(pd.DatetimeIndex(every[last - 8 * n : last + 1 : n]), freq)
        ahead, behind = D.future_index(stamps, 13), _index_before(stamps, 13)
        if not ahead.equals(every[last + n : last + 14 * n : n]):
            wrong.append(f"after {stamps[-1]}: {len(ahead)}")
        if not behind.equals(every[last - 21 * n : last - 8 * n : n]):
            wrong.append(f"before {stamps[0]}: {len(behind)}")
    assert wrong == []


def test_a_forecast_of_two_business_hours_over_a_weekend_night_has_its_steps() -> None:
    nights = pd.offsets.CustomBusinessHour(n=2, weekmask="1111100", start="22:00", end="06:00")
    y = pd.Series(
        np.sin(np.arange(66) / 3), index=pd.date_range("2024-01-01 22:00", periods=66, freq=nights)
    )
    config = ForecasterConfig(horizon=13, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
    # pd.date_range gave 37 stamps for 13 after Wednesday 0:00: "Length of values (13) does not
    # match length of index (37)"
    forecast = Forecaster(config).fit(y).predict(13)
    assert y.index[-1] == pd.Timestamp("2024-01-24 00:00")
    assert list(forecast.index.strftime("%a %H:%M")[9:]) == [
        "Fri 04:00",
        "Fri 22:00",
        "Sat 00:00",
        "Sat 02:00",
    ]
    assert forecast.index.freq == nights


def test_hours_open_on_mondays_only_are_read_as_such() -> None:
    mondays = pd.offsets.CustomBusinessHour(weekmask="Mon", start="09:00", end="17:00")
    stamps = pd.DatetimeIndex(
        pd.date_range("2024-01-01 09:00", periods=24, freq=mondays), freq=None
    )
    y = pd.Series(np.sin(np.arange(24) / 3), index=stamps, name="y")
    # was refused as Monday-to-Friday business hours with gaps: "missing 2024-01-02 09:00:00,
    # ... and 63 more; pass fill=..." (a fill of four days of every week)
    with pytest.warns(UserWarning, match=r"read as closed on Tuesday, .* open on Monday;"):
        read = D.to_frame(y).index  # the days read said (tests/test_revbh11_fixes.py)
    assert (read.freq.weekmask, read.freq.start, read.freq.end) == (
        "1000000",
        (pd.Timestamp("09:00").time(),),
        (pd.Timestamp("17:00").time(),),
    )
    with pytest.warns(UserWarning, match=r"read as closed on Tuesday, .* open on Monday;"):
        fc = Forecaster(TINY).fit(y)
    assert fc._state()["history"]["weekmask"] == "1000000"
    assert list(fc.predict(2).index.strftime("%a %d %H:%M")) == ["Mon 22 09:00", "Mon 22 10:00"]


def test_a_weekday_missing_once_is_still_a_gap_of_monday_to_friday() -> None:
    every = pd.date_range("2024-01-01 09:00", periods=8 * 15, freq=pd.offsets.BusinessHour())
    stamps = pd.DatetimeIndex(every[every.normalize() != "2024-01-10"], freq=None)  # a Wednesday
    with pytest.raises(ValueError) as refused:
        D.to_frame(pd.Series(1.0, index=stamps, name="y"))
    assert "(usual step: 1 business hour); missing 2024-01-10 09:00:00, " in str(refused.value)
    assert "and 3 more; pass fill=" in str(refused.value)


def _zoned_csv(path: Path, stamps: pd.DatetimeIndex) -> Path:
    """``stamps`` written with their UTC offsets (``2024-03-31 03:00:00+02:00``), one value
    each."""
    pd.DataFrame({"date": stamps.astype(str), "y": np.arange(len(stamps)) % 24.0}).to_csv(
        path, index=False
    )
    return path


def test_offsets_changed_by_daylight_saving_are_read_in_utc_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hours = pd.date_range("2024-03-29", periods=96, freq="h", tz="Europe/Berlin")
    csv = _zoned_csv(tmp_path / "hours.csv", hours)
    assert "2024-03-31 01:00:00+01:00,1.0\n2024-03-31 03:00:00+02:00,2.0" in csv.read_text()
    read = D.read_csv(csv, "date", ["y"])
    assert str(read.index.tz) == "UTC" and read.index.freqstr == "h"
    assert read.attrs["utc_offsets"] == ["+01:00", "+02:00"]
    days = D.read_csv(_zoned_csv(tmp_path / "days.csv", hours.normalize().unique()), "date", ["y"])
    assert days.index.tz is None and days.index.freqstr == "D"  # their dates, not 23:00 UTC
    assert "utc_offsets" not in days.attrs
    flags = ["--date-col", "date", "--value-col", "y", "--epochs", "1", "--ensemble", "1"]
    flags += ["--horizon", "2", "--lookback", "8", "--interval", "0", "--hidden-size", "4"]
    flags += ["--no-refit", "--no-stat-baselines", "--out", str(tmp_path / "out")]
    assert main(["forecast", "--csv", str(csv), *flags]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == (
        f"note: the dates of {typed_path(csv)} have the UTC offsets +01:00, +02:00 (a change "
        "of daylight saving), which no one offset holds: they were read in UTC, and the "
        "forecast's timestamps are in UTC (+00:00) too; convert them to the zone they were "
        "written in to read them on its clock."
    )
    assert "2024-04-01 21:00:00+00:00" in captured.out  # 23:00 in Berlin


@pytest.mark.parametrize(("mask", "name"), [("1111100", "2bh"), ("1111111", "2cbh")])
def test_stamps_of_two_business_hours_over_nights_are_read_as_such(mask: str, name: str) -> None:
    nights = pd.offsets.CustomBusinessHour(n=2, weekmask=mask, start="22:00", end="06:00")
    y = _series(pd.date_range("2024-01-01 22:00", periods=66, freq=nights)).rename("y")
    # were refused as two-hourly with gaps: "missing 2024-01-02 06:00:00, ... pass fill=..."
    # (a fill of every day hour)
    read = D.to_frame(y).index.freq
    assert (read.freqstr, read.n, read.start, read.end) == (
        name,
        2,
        (pd.Timestamp("22:00").time(),),
        (pd.Timestamp("06:00").time(),),
    )
    config = ForecasterConfig(horizon=4, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
    ahead = Forecaster(config).fit(y).predict(4).index
    assert ahead.equals(pd.date_range(y.index[-1], periods=5, freq=nights)[1:])
