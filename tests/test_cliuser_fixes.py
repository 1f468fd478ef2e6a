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


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--date-col", "Month", "--value-col", "sales"], "--date-col 'Month' is not a column"),
        (
            ["--date-col", "month", "--value-col", "revenue", "--covariate-cols", "price", "cost"],
            "--value-col 'revenue' and --covariate-cols 'cost' are not columns",
        ),
        (
            ["--date-col", "month", "--value-col", "sales", "--future-cols", "holiday"],
            "--future-cols 'holiday' is not a column",
        ),
        (
            ["--date-col", "month", "--value-col", "sales", "--where", "store=A"],
            "--where 'store' is not a column",
        ),
        (
            ["--date-col", "month", "--value-col", "sales", "--series-col", "store"],
            "--series-col 'store' is not a column",
        ),
    ],
)
def test_a_column_the_file_lacks_is_refused_naming_its_flag(
    shop_csv, tmp_path, capsys, flags, said
):
    # "column(s) ['Month'] not found in shop.csv" named no flag
    out = tmp_path / "run"
    assert main(["forecast", "--csv", str(shop_csv), *flags, "--out", str(out)]) == 2
    hint = " (did you mean 'month'?)" if "Month" in flags else ""
    assert capsys.readouterr() == (
        "",
        f"error: {said} of {str(shop_csv)!r}; available columns: ['month', 'sales', 'price', "
        f"'promo']{hint}.\n",
    )
    assert not out.exists()


def test_explain_names_the_flag_of_a_column_the_file_lacks(shop_csv, tmp_path, capsys):
    from lstmkit.forecast import Forecaster

    frame = pd.read_csv(shop_csv, index_col="month", parse_dates=True).asfreq("MS")
    model = tmp_path / "model"
    fitted = Forecaster(horizon=2, ensemble=1, epochs=1, lookback=4, season_length=1)
    fitted.fit(frame["sales"]).save(model)
    argv = ["explain", str(model), "--csv", str(shop_csv), "--date-col", "month"]
    assert main([*argv, "--value-col", "Sales", "--out", str(tmp_path / "why")]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --value-col 'Sales' is not a column of {str(shop_csv)!r}; available columns: "
        "['month', "
        "'sales', 'price', 'promo'] (did you mean 'sales'?).\n",
    )
    assert not (tmp_path / "why").exists()


@pytest.mark.parametrize(("flags", "season"), [([], 7), (["--season-length", "5"], 5)])
def test_the_metrics_table_says_the_season_of_mase(tmp_path, capsys, flags, season):
    # MASE's seasonal lag (7 inferred for daily data) was said only in run.json
    days = pd.date_range("2021-01-01", periods=60, freq="D").strftime("%Y-%m-%d")
    csv = tmp_path / "visits.csv"
    pd.DataFrame({"day": days, "visits": 10.0 + np.arange(60) % 7}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "visits"]
    quick = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
    assert main([*argv, *quick, *flags, "--backtest", "--backtest-origins", "1"]) == 0
    headers = [line for line in capsys.readouterr().out.splitlines() if "sMAPE" in line]
    assert headers == 2 * [f"method          RMSE  MAE   MAPE %  sMAPE %  MASE (m={season})"]
