"""ref20a: refactors that keep messages byte-identical, guarded by exact-message tests
(they pass before and after each refactor)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

FILE = "`a.csv`"
IDX = pd.date_range("2021-01-01", periods=4, freq="D")


def _raised(call, *args, **kwargs) -> str:
    with pytest.raises(ValueError) as info:
        call(*args, **kwargs)
    return str(info.value)


def test_of_file_names_the_first_column_only():
    # data._of: " of {file}" with the first column named (or the target), none without a file
    v = pd.DataFrame({"y": [1.0, np.nan, 3.0, 4.0], "x": [np.nan, 2.0, np.nan, 4.0]}, index=IDX)
    assert D._columns_at(v, v.isna().to_numpy(), FILE) == [
        "column 'y' of `a.csv` at 2021-01-02",
        "column 'x' at 2021-01-01, 2021-01-03",
    ]
    assert D._columns_at(v, v.isna().to_numpy(), None)[0] == "column 'y' at 2021-01-02"
    assert D._unfilled(v, "ffill", file=FILE) == (
        "fill='ffill' left NaNs in column 'y' of `a.csv` at 2021-01-02; column 'x' at "
        "2021-01-01, 2021-01-03: 'ffill' copies the previous value forward, so nothing before "
        "a column's first value is filled; try 'interpolate' or 'bfill'."
    )
    plan = pd.DataFrame(
        {"y": [1.0, 2, 3, 4], "a": [1.0, 2, np.nan, np.nan], "b": [1.0, 2, 3, np.nan]}, index=IDX
    )
    assert _raised(D._check_plan_end, plan, "ffill", file=FILE).startswith(
        "values known in advance (future covariates) must not end early, got no value of "
        "'a' of `a.csv` in its last 2 rows, 2021-01-03, 2021-01-04; 'b' in its last row, "
        "2021-01-04: that is not a gap"
    )
    target = pd.DataFrame({"y": [1.0, 2.0, np.nan, np.nan]}, index=IDX)
    assert _raised(D._check_target_end, target, "ffill", file=FILE).startswith(
        "'y' (the target) of `a.csv` has no value in its last 2 rows, 2021-01-03, 2021-01-04,"
    )
    assert _raised(D._check_target_end, target, "ffill").startswith("'y' (the target) has no value")
    text = pd.DataFrame({"y": ["1", "b", "3", "4"], "x": ["q", "2", "3", "4"]}, index=IDX)
    assert _raised(D._check_values, text, None, csv=True, file=FILE) == (
        "column 'y' of `a.csv` has non-numeric values at 2021-01-02 ('b'); column 'x' has "
        "non-numeric values at 2021-01-01 ('q')."
    )
