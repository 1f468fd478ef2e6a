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

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")


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


def test_the_printed_backtest_rmse_is_the_mean_and_the_pooled_one_is_above_it(
    tmp_path: Path, capsys
) -> None:
    # README's "the mean 21.47, pooled 24.09" was pinned only by "pooled >= mean" of a library
    # backtest: here one CLI run gives both, the printed RMSE the mean of the origins' RMSEs in
    # its backtest.csv, the pooled RMSE of that file their quadratic mean, above it
    import re

    csv = tmp_path / "sales.csv"
    month = pd.date_range("2000-01-01", periods=48, freq="MS").strftime("%Y-%m-%d")
    sales = 100.0 + 10 * (np.arange(48) % 12) + np.arange(48.0) ** 1.5
    pd.DataFrame({"month": month, "sales": sales}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    tiny = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-progress"]
    out = tmp_path / "run"
    assert main([*argv, "--horizon", "3", "--backtest", "--out", str(out), *tiny]) == 0
    printed = capsys.readouterr().out
    assert "rolling-origin backtest (mean over 3 origins 3 steps apart" in printed
    table = printed.split("rolling-origin backtest")[1]
    shown = float(re.search(r"\nmodel\s+(\d+\.\d\d)\s", table)[1])
    f = pd.read_csv(out / "backtest.csv")
    err = (f["y_true"] - f["forecast"]) ** 2
    per_origin = np.sqrt(err.groupby(f["origin"]).mean())
    assert len(per_origin) == 3
    mean, pooled = per_origin.mean(), np.sqrt(err.mean())
    assert shown == round(mean, 2)
    assert pooled == pytest.approx(np.sqrt((per_origin**2).mean()), rel=1e-12)
    assert pooled > mean  # the origins' RMSEs differ: the quadratic mean is above
    readme = Path(__file__).parents[1] / "README.md"
    found = re.search(
        r"the mean (\d+\.\d+), pooled (\d+\.\d+)\)", " ".join(readme.read_text("utf-8").split())
    )
    assert found is not None and float(found[1]) < float(found[2])
