"""Review of cal7: models saved before half months, custom business days and business hours
had a season read their calendar as they were trained; business hours in a zone read the
wall clock across a change of daylight saving time; half months and business hours in words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=3, lookback=4, ensemble=1, epochs=1, interval=None)


def _series(index: pd.DatetimeIndex) -> pd.Series:
    return pd.Series(3 + np.sin(np.arange(len(index), dtype=float)), index=index, name="y")


@pytest.mark.parametrize(
    ("start", "freq", "season", "tz"),
    [
        ("2020-01-01", "SMS", 24, None),
        ("2020-01-15", "SME", 24, None),
        ("2020-01-06", "C", 5, None),
        ("2020-03-16 09:00", "bh", 8, "Europe/Berlin"),  # in UTC, across a change of DST
    ],
)
def test_a_model_saved_before_with_a_season_given_reads_the_steps_it_was_trained_on(
    tmp_path: Path, start: str, freq: str, season: int, tz: str | None, edit_saved
) -> None:
    """Before cal7 these frequencies had no season; a season_length given then trained the
    calendar on the time since 1970 in steps of the smallest gap (13 days for half months, a
    day for C, an hour in UTC for business hours), which cal7's counted steps changed: the
    loaded model forecast otherwise."""
    y = _series(pd.date_range(start, periods=120, freq=freq, tz=tz))
    fitted = Forecaster(replace(TINY, season_length=season)).fit(y)
    fitted.save(tmp_path / "m")
    with edit_saved(tmp_path / "m") as saved:  # as cal6 wrote it
        assert saved["state"].pop("steps") == "counted"
    older = Forecaster.load(tmp_path / "m")
    assert older.state_["steps"] == "elapsed"
    future = older.predict().index
    ns = future.as_unit("ns").asi8
    angle = 2 * np.pi * (ns // np.diff(ns).min() % season) / season
    expected = np.column_stack([np.sin(angle), np.cos(angle)])
    np.testing.assert_array_equal(older._calendar(future), expected)
    assert not np.array_equal(fitted._calendar(future), expected)


def test_business_hours_in_a_zone_read_the_wall_clock_across_daylight_saving() -> None:
    """Counted in UTC, 9 o'clock was 8 hours modulo 8 (position 0) before Berlin's clocks
    went forward on 26 March 2000 and 7 after, the position of 4 pm before."""
    index = pd.date_range("2000-03-23 09:00", periods=40, freq="bh", tz="Europe/Berlin")
    assert D._local(index).hour.tolist() == list(range(9, 17)) * 5
    assert (D._steps(index) % 8).tolist() == [1, 2, 3, 4, 5, 6, 7, 0] * 5


@pytest.mark.parametrize(
    ("start", "freq", "words"),
    [
        ("2000-01-01", "SMS", "half-monthly"),
        ("2000-01-15", "2SME", "every 2 half months"),
        ("2000-01-03 09:00", "bh", "hourly in business hours"),
        ("2000-01-03 09:00", "2bh", "every 2 business hours"),
    ],
)
def test_half_months_and_business_hours_in_words(start: str, freq: str, words: str) -> None:
    index = pd.date_range(start, periods=10, freq=freq)
    assert D._frequency_words(index) == words  # was "of frequency 'SMS-15'"


@pytest.mark.parametrize(
    ("freq", "season", "horizon"),
    [
        ("5QS", 4, 4),  # six years would be 5 steps: a season at most (README's table)
        ("8D", 7, 7),  # 13 weeks would be 12 steps
        ("9D", 7, 7),  # 11
    ],
)
def test_a_default_horizon_is_at_most_a_season(freq: str, season: int, horizon: int) -> None:
    """No test of cal7 failed without the cap of the default horizon at a season."""
    index = pd.date_range("2000-01-02", periods=30, freq=freq)
    assert (D.season_length(index), D.default_horizon(index)) == (season, horizon)


def test_the_first_two_days_of_each_month_are_days_with_gaps_not_half_months() -> None:
    """cal7 read them as half months "SMS-2" (season 24); they are refused as before, with
    the daily steps' gaps to fill. The 1st and the 10th stay half months."""
    days = pd.date_range("2020-01-01", "2020-12-31")
    index = days[days.day.isin([1, 2])]
    with pytest.raises(ValueError) as refused:
        D.to_frame(pd.Series(np.arange(len(index), dtype=float), index=index))
    assert str(refused.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2020-02-01, 2020-03-01, 2020-04-01, 2020-05-01, 2020-06-01 and 6 more (usual step: 1 "
        "day); missing 2020-01-03, 2020-01-04, 2020-01-05, 2020-01-06, 2020-01-07 and 308 "
        "more; pass fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take, to insert the missing "
        "timestamps and fill their values."
    )
    tenths = days[days.day.isin([1, 10])]
    frame = D.to_frame(pd.Series(np.arange(len(tenths), dtype=float), index=tenths))
    assert frame.index.freqstr == "SMS-10"


@pytest.mark.parametrize("weekmask", ["Mon Tue Wed Thu", "1111000", [1, 1, 1, 1, 0, 0, 0]])
def test_a_weekmask_of_ones_and_zeros_counts_its_days(weekmask: object) -> None:
    """A weekmask written "1111000" counted one day (its words), so its season was 52 as
    weekly data; a list of 0 and 1 failed with "'list' object has no attribute 'split'"."""
    freq = pd.offsets.CustomBusinessDay(weekmask=weekmask)
    index = pd.date_range("2024-01-01", periods=30, freq=freq)
    assert (D.season_length(index), D.default_horizon(index)) == (4, 4)
    assert (D._steps(index) % 4)[:5].tolist() == [1, 2, 3, 0, 1]  # Monday to Thursday, Monday


def test_business_hours_of_one_step_or_across_a_night_keep_their_hour() -> None:
    """Counted in steps of the smallest gap, one step at 1 pm (a horizon of 1: no gap) was
    at the place of 4 pm (0), and 3 pm then 9 am in 2bh, 18 hours apart, at 1 and 2."""
    one = pd.date_range("2024-01-08 13:00", periods=1, freq="bh")
    day = pd.date_range("2024-01-08 09:00", periods=8, freq="bh")
    np.testing.assert_array_equal(D.calendar_features(one, 8), D.calendar_features(day, 8)[4:5])
    night = pd.date_range("2024-01-05 15:00", periods=2, freq="2bh")  # Friday, Monday
    assert (D._local(night).hour.tolist(), (D._steps(night) % 4).tolist()) == ([15, 9], [3, 0])
