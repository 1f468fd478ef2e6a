"""lser16: forecasting leftovers: a long-format file whose series share no timestamp said to
hold several series before its gap, one predicate for the seasonal anchor's fallback, and
the README's backtest figures (the CLI's mean beside the pooled one) pinned by one run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main


def _stores(path: Path, second: str = "1960-01-01") -> Path:
    """Two stores in long format, 24 months each: A from 1949, B from ``second``."""
    a = pd.date_range("1949-01-01", periods=24, freq="MS")
    b = pd.date_range(second, periods=24, freq="MS")
    frame = pd.DataFrame(
        {
            "store": ["A"] * 24 + ["B"] * 24,
            "month": [*a.strftime("%Y-%m-%d"), *b.strftime("%Y-%m-%d")],
            "sales": np.arange(48.0),
        }
    )
    frame.to_csv(path, index=False)
    return path


def test_series_that_share_no_timestamp_are_said_before_their_gap(tmp_path: Path, capsys) -> None:
    # --value-col alone on store A 1949-1950 and store B from 1960 met only "must be regularly
    # spaced (no gaps) ... pass --fill": nothing said the file holds two series
    csv = _stores(tmp_path / "stores.csv")
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "error: The file looks like 2 series in long format, one per value of 'store' (A, B): "
        "read one with --where store=A, or forecast each with --series-col store. As one "
        f"series, timestamps in {str(csv)!r} must be regularly spaced (no gaps), got irregular "
        "steps before 1960-01-01"
    )
    assert not (tmp_path / "out").exists()
    # the library says it too, with where=
    with pytest.raises(
        ValueError, match=r"^The file looks like 2 series .* where=\{'store': 'A'\}"
    ):
        D.read_csv(csv, date_col="month", value_cols=["sales"])


def test_a_column_that_changes_within_a_regular_run_names_no_series(tmp_path: Path) -> None:
    # a year column changes every 12 steps of one month, not only at the gap: no series hint
    csv = tmp_path / "years.csv"
    month = [
        *pd.date_range("1949-01-01", periods=24, freq="MS"),
        *pd.date_range("1960-01-01", periods=24, freq="MS"),
    ]
    pd.DataFrame(
        {
            "year": [m.year for m in month],
            "month": [m.strftime("%Y-%m-%d") for m in month],
            "sales": np.arange(48.0),
        }
    ).to_csv(csv, index=False)
    with pytest.raises(ValueError, match=r"^timestamps in .* must be regularly spaced"):
        D.read_csv(csv, date_col="month", value_cols=["sales"])


@pytest.mark.parametrize(
    ("anchor", "m", "lookback", "reads"),
    [
        ("season", 12, 12, True),
        ("smooth", 12, 24, True),
        ("season", 12, 6, False),
        ("smooth", 4, 3, False),
        ("season", 1, 6, None),
        ("level", 12, 6, None),
        ("level", 12, 24, None),
    ],
)
def test_one_predicate_says_where_the_seasonal_anchor_falls_back(anchor, m, lookback, reads):
    # _anchors and fit's INFO log each wrote "a seasonal anchor, m > 1, window (not) shorter
    # than m"; one predicate now: True reads the season, False is the fallback fit logs
    from lstmkit import forecast as F

    assert F._reads_a_season(anchor, m, lookback) is reads
