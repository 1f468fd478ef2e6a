"""A long-format file whose series share no timestamp, read with a fill: the fill bridged one
store's last month and the next one's first without a word (lser16 left it); now the reading
warns, naming the series column, and reads on as asked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D


def _stores(path: Path) -> Path:
    """Store A 1949-1950 and store B 1960-1961, monthly, in long format."""
    a = pd.date_range("1949-01-01", periods=24, freq="MS")
    b = pd.date_range("1960-01-01", periods=24, freq="MS")
    pd.DataFrame(
        {
            "store": ["A"] * 24 + ["B"] * 24,
            "month": [*a.strftime("%Y-%m-%d"), *b.strftime("%Y-%m-%d")],
            "sales": np.arange(48.0),
        }
    ).to_csv(path, index=False)
    return path


def test_a_fill_between_series_that_share_no_timestamp_is_warned(tmp_path: Path) -> None:
    csv = _stores(tmp_path / "stores.csv")
    with pytest.warns(UserWarning) as caught:
        frame = D.read_csv(csv, date_col="month", value_cols=["sales"], fill="ffill")
    assert [str(w.message) for w in caught] == [
        "The file looks like 2 series in long format, one per value of 'store' (A, B): read "
        "one with where={'store': 'A'} (CLI: --where store=A). As one series, the fill makes "
        "up the 108 points between them."
    ]
    assert len(frame) == 156  # read on as asked: 48 rows and the 108 made up


def test_a_fill_of_one_series_gap_warns_of_no_series(tmp_path: Path, recwarn) -> None:
    # the same gap with no column that changes at it: filled as before, nothing said
    csv = _stores(tmp_path / "stores.csv")
    pd.read_csv(csv).drop(columns="store").to_csv(csv, index=False)
    frame = D.read_csv(csv, date_col="month", value_cols=["sales"], fill="ffill")
    assert len(frame) == 156
    assert [str(w.message) for w in recwarn] == []
