"""Forecasting internals that cost per column or per origin (fc15): same values, less work."""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit import forecast as F
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)


def test_user_names_of_many_columns_count_once() -> None:
    # users.count per name: 20,000 covariates took seconds (2,000: 60 ms), now milliseconds
    columns = ["y"] + [f"cov:c{k}" for k in range(20_000)] + ["cov:y"]
    start = time.perf_counter()
    names = F._user_names(columns)
    assert time.perf_counter() - start < 1.0
    assert names[:3] == ["y", "c0", "c1"]
    assert names[-1] == "cov:y"  # beside the target y: kept
    assert F._user_names(["y", "cov:y", "x", "cov:x", "cov:z"]) == ["y", "cov:y", "x", "cov:x", "z"]


def test_filled_covariates_far_outside_name_the_columns_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(0)
    index = pd.date_range("2020-01-01", periods=60, freq="D")
    frame = pd.DataFrame(rng.normal(size=(60, 4)) + 100, index=index, columns=["y", "a", "b", "c"])
    frame["y"] = np.sin(np.arange(60) / 3) + 10
    fc = Forecaster(TINY).fit(frame.iloc[:50])
    gappy = frame.copy()
    gappy.iloc[55, 1:] = np.nan
    newer = D.to_frame(gappy, fill="zero")  # zeros, far below the covariates' 100
    calls = []
    named = F._user_names
    monkeypatch.setattr(F, "_user_names", lambda columns: calls.append(1) or named(columns))
    with pytest.warns(UserWarning) as caught:
        fc.predict(2, series=newer)
    said = str(caught[-1].message)
    assert "'a' at 2020-02-25; 'b' at 2020-02-25; 'c' at 2020-02-25" in said
    assert "the values out that far are the ones fill='zero' made up" in said
    # _check_newer names both sides once; the window's made-up values name them once (was
    # once per filled column: minutes for 2,000 of them)
    assert len(calls) == 3
    history = fc._history(newer)
    calls.clear()
    made = fc._filled_in_window(history, (), newer.attrs["filled"])
    assert sorted(made) == [1, 2, 3] and [made[k][1] for k in (1, 2, 3)] == ["'a'", "'b'", "'c'"]
    assert made[1][0].tolist() == [False] * 3 + [True] + [False] * 4  # rows 52..59, 55 made up
    assert len(calls) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fc._filled_in_window(fc._history(frame), ()) == {}


def test_a_restamping_to_the_nearest_steps_looks_for_no_shift(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps = pd.date_range("2024-01-01", periods=10, freq="D")
    given = pd.date_range("2024-01-03 01:00", periods=4, freq="D")
    shifts = []
    shift = F._time_shift
    monkeypatch.setattr(F, "_time_shift", lambda *a: shifts.append(1) or shift(*a))
    assert F._no_step_hit(given, steps) == (
        " (none of its timestamps is one of the steps, though its frequency is the series', D; "
        "stamp them as the series' steps, e.g. future_covariates.index = "
        "future_covariates.index.normalize())"
    )
    assert shifts == []  # was computed, then thrown away
    late = pd.date_range("2024-01-02 23:00", periods=4, freq="D")  # normalize moves 23 hours
    assert F._no_step_hit(late, steps).endswith(
        "they are stamped 1 hour before them (2024-01-02 23:00:00 beside 2024-01-03); shift "
        "them onto the steps, future_covariates.index = future_covariates.index + "
        "pd.Timedelta(hours=1))"
    )
    assert shifts == [1]


def test_a_newer_history_of_another_step_reads_the_saved_step_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    y = pd.Series(np.sin(np.arange(40) / 3) + 10, index=pd.date_range("2024-01-01", periods=40))
    fc = Forecaster(TINY).fit(y)
    read = []
    saved = F._saved_freq
    monkeypatch.setattr(F, "_saved_freq", lambda h: read.append(1) or saved(h))
    hourly = pd.Series(y.to_numpy(), index=pd.date_range("2024-01-01", periods=40, freq="h"))
    newer = D.to_frame(hourly)
    with pytest.raises(ValueError) as caught:
        fc._check_newer(newer, hourly)
    assert str(caught.value) == "`series` must have the training data's frequency (D), got h."
    assert len(read) == 1  # was twice here (three times where the names agree)


def test_held_hint_says_what_to_pass_for_each_wanted_type() -> None:
    import torch

    from lstmkit._checks import _held_hint

    held = [torch.tensor(True), np.array(3), torch.tensor(0.5), np.float64(2.0), [1], torch.ones(2)]
    said = {
        wanted.__name__: [_held_hint(value, wanted) for value in held]
        for wanted in (bool, int, float)
    }
    # a pure restatement (its nested ternaries as plain ifs): the same hint for each
    assert said == {
        "bool": [" (give a Python bool: bool(x))", "", "", "", "", ""],
        "int": ["", " (give a Python int: int(x))", "", "", "", ""],
        "float": [
            "",
            " (give a Python number: float(x))",
            " (give a Python number: float(x))",
            *("", "", ""),
        ],
    }


@pytest.mark.parametrize(
    ("n", "said"),
    [
        (1, "before 2024-01-05 16:00:00 (usual step: 1 business hour); missing 2024-01-05 15:00"),
        # steps of two hours on the trained holidays' grid: every other hour is no gap
        (2, "before 2024-01-11 15:00:00 (usual step: 2 business hours); missing 2024-01-11 13:00"),
    ],
)
def test_a_gap_on_trained_holidays_builds_their_grid_once(
    monkeypatch: pytest.MonkeyPatch, n: int, said: str
) -> None:
    hours = pd.offsets.CustomBusinessHour(n=n, holidays=["2024-01-12", "2024-01-03"])
    index = pd.date_range("2024-01-01 09:00", periods=40, freq=hours)
    gap = pd.Series(np.arange(40.0), index=pd.DatetimeIndex(index, freq=None)).drop(index[30])
    built = []
    grid = D._trained_holidays_grid
    monkeypatch.setattr(D, "_trained_holidays_grid", lambda i: built.append(1) or grid(i))
    with D._days_trained(hours), pytest.raises(ValueError) as caught:
        D.to_frame(gap)
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps "
        f"{said}:00; insert the missing timestamps on the model's hours, its holidays skipped, "
        "and fill their values: series.asfreq(forecaster.history().index.freq).ffill() (a "
        "fill= of lstmkit.data.to_frame or read_csv inserts the holidays too; CLI: --fill)."
    )
    assert len(built) == 1  # was twice: for the steps, then for the remedy


def test_with_business_hours_pins_or_refuses_as_pandas() -> None:
    hours = pd.offsets.CustomBusinessHour(holidays=["2024-01-03"])
    index = pd.DatetimeIndex(pd.date_range("2024-01-01 09:00", periods=20, freq=hours), freq=None)
    assert D._with_business_hours(index, hours).freq == hours
    with pytest.raises(ValueError, match="does not conform to passed frequency"):
        D._with_business_hours(index.delete(5), hours)
    days = pd.DatetimeIndex(pd.date_range("2024-01-01", periods=5), freq=None)
    assert D._with_business_hours(days, pd.offsets.Day()).freqstr == "D"


class _Copies:
    """An ``attrs`` value that counts pandas' deep copies of it."""

    made = 0

    def __deepcopy__(self, memo: dict) -> _Copies:
        type(self).made += 1
        return self


def test_to_frame_copies_the_callers_attrs_once_not_per_column() -> None:
    index = pd.date_range("2020-01-01", periods=12, freq="D")
    frame = pd.DataFrame(np.arange(12.0 * 40).reshape(12, 40) + 1, index=index)
    frame.attrs = {"note": _Copies(), "inserted": 2}
    _Copies.made = 0
    read = D.to_frame(frame)
    # was deep-copied with every column the checks took (a fill's positions by column: 500
    # columns read in 16 s, now 0.4 s); and since cal17 not even once, as the frame is built
    # without them (tests/test_cal17_fixes.py::test_to_frame_copies_no_attrs_of_the_data)
    assert _Copies.made == 0
    assert read.attrs == {"inserted": 2}  # as before: the count carried, nothing else
    assert read.to_numpy().tolist() == frame.to_numpy().tolist()
    assert set(frame.attrs) == {"note", "inserted"}  # the caller's frame untouched
