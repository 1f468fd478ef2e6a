"""Fixes found by a newcomer forecasting their own CSV files from the command line only,
following README's forecasting sections."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main


@pytest.fixture
def shop_csv(tmp_path: Path) -> Path:
    """Two years of monthly sales with a price and a promotion column."""
    months = pd.date_range("2020-01-01", periods=24, freq="MS").strftime("%Y-%m")
    steps = np.arange(24)
    frame = pd.DataFrame(
        {"month": months, "sales": 100.0 + steps % 12, "price": 5.0 + steps % 3, "promo": steps % 2}
    )
    csv = tmp_path / "shop.csv"
    frame.to_csv(csv, index=False)
    return csv


@pytest.mark.parametrize(
    ("flags", "clash"),
    [
        (["--value-col", "sales", "--covariate-cols", "sales"], "--covariate-cols"),
        (["--value-col", "month"], "--value-col"),
        (["--value-col", "sales", "--covariate-cols", "price", "price"], "--covariate-cols"),
    ],
)
def test_a_column_two_flags_name_is_refused_naming_the_flags(
    shop_csv, tmp_path, capsys, flags, clash
):
    # read_csv's "each column may be named once among the date, value and covariate columns;
    # ['sales'] is named more than once." named no flag
    out = tmp_path / "run"
    argv = ["forecast", "--csv", str(shop_csv), "--date-col", "month", *flags, "--out", str(out)]
    assert main(argv) == 2
    got = {
        "--covariate-cols": "sales, named by --value-col too",
        "--value-col": "month, named by --date-col too",
    }
    if "price" in flags:
        got["--covariate-cols"] = "price, named twice by --covariate-cols"
    assert capsys.readouterr() == (
        "",
        f"error: {clash} must name columns that no other flag names, got {got[clash]}. A column "
        "is the date, the target, a past covariate (--covariate-cols) or one known in advance "
        "(--future-cols), once.\n",
    )
    assert not out.exists()
