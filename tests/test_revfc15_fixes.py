"""Review of fc15: the reads and refusals that still went through pandas one column at a time."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit import forecast as F
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
DAYS = pd.date_range("2020-01-01", periods=12, freq="D")


class _Copies:
    """An ``attrs`` value that counts pandas' deep copies of it (one per column taken)."""

    made = 0

    def __deepcopy__(self, memo: dict) -> _Copies:
        type(self).made += 1
        return self


def _noted(frame: pd.DataFrame, **attrs: object) -> pd.DataFrame:
    frame.attrs = {"note": _Copies(), **attrs}
    _Copies.made = 0
    return frame


def _counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def test_to_frame_takes_only_the_columns_that_are_not_numpy_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 2,000 float columns: to_frame 1.2 s, its own output read again 60 s (1.5 s after fc15),
    # now 0.03 s; each column was a Series through every check by value
    frame = pd.DataFrame(np.arange(12.0 * 6).reshape(12, 6) + 0.5, index=DAYS)
    frame.columns = ["y", "a", "b", "c", "d", "e"]
    frame["b"] = frame["b"].round().astype("int64")
    frame["c"] = frame["c"].astype(object)  # numbers as objects: still read one by one
    frame["d"] = frame["d"].astype("float32")
    frame["e"] = pd.array(frame["e"], dtype="Float64")  # pandas' nullable: one by one
    taken = _counted(monkeypatch, D, "_python_values")
    periods = _counted(monkeypatch, D, "_are_periods")
    read = D.to_frame(frame)
    assert len(taken) == 2 and len(periods) == 2  # c and e (was 6 and 6)
    assert list(read.columns) == ["y", "a", "b", "c", "d", "e"]
    assert read.dtypes.tolist() == [np.dtype(float)] * 6
    assert read.to_numpy().tolist() == frame.astype(float).to_numpy().tolist()
    assert read.attrs == {"inserted": 0}


def test_refusals_of_many_columns_are_as_before() -> None:
    frame = pd.DataFrame(np.arange(12.0 * 3).reshape(12, 3), index=DAYS, columns=["y", "a", "b"])
    frame["a"] = frame["a"].astype(object)
    frame.iloc[3, 1] = np.nan
    frame.iloc[5, 2] = np.inf
    frame.iloc[6, 0] = -np.inf
    with pytest.raises(ValueError) as caught:
        D.to_frame(frame)
    assert str(caught.value) == (
        "values must be finite, got inf in column 'y' at 2020-01-07; column 'b' at 2020-01-06."
    )
    frame.iloc[5, 2] = frame.iloc[6, 0] = 1.0  # not .replace: pandas 2 warns of the object column
    frame.iloc[8, 2] = np.nan
    with pytest.raises(ValueError) as caught:
        D.to_frame(frame)
    assert str(caught.value).startswith(
        "values must not be missing (NaN), got NaN in column 'a' at 2020-01-04; "
        "column 'b' at 2020-01-09. Fill them first: pass "
    )


def test_the_hints_of_missing_values_read_the_frame_once() -> None:
    # each column was taken as a Series (its attrs deep-copied): a refusal of 2,000 columns
    # took a second
    names = ["y", "a", "b"] + [f"c{k}" for k in range(20)]
    values = pd.DataFrame(np.ones((6, 23)), index=DAYS[:6], columns=names)
    values.iloc[4:, 1] = np.nan
    values.iloc[:2, 2] = np.nan
    values.iloc[5, 2] = np.nan
    _noted(values)
    assert [(c, rows.tolist()) for c, rows in D._plan_ends(values)] == [
        ("a", list(DAYS[4:6])),
        ("b", [DAYS[5]]),
    ]
    assert D._covariates_end_hint(values) == (
        " The covariates 'a' (last 2) end before the series; the network reads them at every "
        "point, so fill them (covariates.ffill() carries each last value forward) or end the "
        "series and the covariates where the covariates end (series[:-2], covariates[:-2])."
    )
    assert D._ends_early(values) == (
        " Columns 'a' (at 2020-01-04) and 'b' (at 2020-01-05) end before the target 'y', which "
        "runs to 2020-01-06: a past covariate is read at every point of the series, so give its "
        "values there, fill them (fill='ffill' carries each last value forward; CLI: --fill "
        "ffill), or end the series at 2020-01-04 (drop the rows after it)."
    )
    assert D._unfilled(values, "ffill") == (
        "fill='ffill' left NaNs in column 'a' at the end (2020-01-05, 2020-01-06); column 'b' at "
        "2020-01-01, 2020-01-02, 2020-01-06: 'ffill' copies the previous value forward, so "
        "nothing before a column's first value is filled; try 'interpolate' or 'bfill'."
    )
    assert _Copies.made <= 12  # a few per call, was 23 or more per call (92 in all)


def test_filled_in_window_makes_each_gaps_mask_and_times_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(0)
    index = pd.date_range("2020-01-01", periods=60, freq="D")
    frame = pd.DataFrame(rng.normal(size=(60, 5)) + 100, index=index, columns=[*"yabcd"])
    frame["y"] = np.sin(np.arange(60) / 3) + 10
    fc = Forecaster(TINY).fit(frame.iloc[:50])
    gappy = frame.copy()
    gappy.iloc[55, 1:4] = np.nan
    gappy.iloc[57, 4] = np.nan
    newer = D.to_frame(gappy, fill="zero")
    times = _counted(monkeypatch, F, "_times")
    made = fc._filled_in_window(fc._history(newer), (), newer.attrs["filled"])
    # one gap row shared by a, b and c, another in d: two (was one per column, 0.6 s of a
    # predict of 2,000 filled covariates)
    assert len(times) == 2
    assert {k: (v[0].nonzero()[0].tolist(), v[1], v[2]) for k, v in made.items()} == {
        1: ([3], "'a'", ["2020-02-25"]),
        2: ([3], "'b'", ["2020-02-25"]),
        3: ([3], "'c'", ["2020-02-25"]),
        4: ([5], "'d'", ["2020-02-27"]),
    }


def test_a_future_covariate_equal_to_the_target_is_checked_without_a_copy_per_column() -> None:
    target = np.arange(10.0)
    plan = {f"fut:a{k}": target * 2 for k in range(20)}
    frame = pd.DataFrame({"y": target, "cov:x": target + 1, **plan, "fut:y": target})
    _noted(frame, future=21)
    with pytest.raises(ValueError) as caught:
        Forecaster._check_not_the_target(frame)
    assert str(caught.value).startswith(
        "`future_covariates` must be known in advance, not the target, got 'y', equal to 'y' "
        "at all of the series' 10 points: each forecast step would read the value it forecasts."
    )
    assert _Copies.made <= 3  # was one more per future covariate (24)
    frame.attrs["future"] = 20
    Forecaster._check_not_the_target(frame.iloc[:, :-1])  # the plans alone: no refusal


def test_a_constant_target_looks_at_the_others_without_a_copy_per_column() -> None:
    flat = {f"c{k}": [2.0] * 8 for k in range(20)}
    series = pd.DataFrame({"id": [7.0] * 8, "a": [1.0] * 8, "b": np.arange(8.0), **flat})
    frame = _noted(series.copy())
    with pytest.warns(UserWarning) as caught:
        F._warn_constant_target(frame, series)
    assert "series[['b', 'id', 'a', 'c0', 'c1', " in str(caught[0].message)
    assert _Copies.made <= 3  # was one more per column (24)


def test_numbers_checks_columns_by_dtype() -> None:
    frame = _noted(pd.DataFrame(np.ones((4, 30))))
    assert D._numbers(frame, "x").tolist() == np.ones((4, 30)).tolist()
    assert _Copies.made <= 2  # was two more per column (62)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError) as caught:
            D._numbers(pd.DataFrame({0: [1.0, 2.0], 1: ["a", "2"]}), "x")
    assert str(caught.value) == (
        "`x` must hold numbers, got text in column '1' (first 'a'); select the columns of numbers."
    )
