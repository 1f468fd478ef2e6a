"""walk31a: README's tour and "Forecasting" walked by a newcomer: a column name a letter off
(`--value-col sale`, `--covariate-cols prices`, `--series-col stor`) asked about the column
meant, as a name in another case and `text train --text-col` were; columns joined by commas
(`--covariate-cols price,promo`) told to be given apart, where 'price,promo' was asked "did you
mean 'price'?"; and `predict`/`explain --date-col` worded as `forecast --date-col` is."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.data import load_dataset, read_csv
from lstmkit.forecast import Forecaster

TINY = dict(horizon=3, lookback=6, ensemble=1, epochs=1, seed=0, progress=False)


@pytest.fixture
def my_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    rows = [f"1960-{m:02d},{6000 + 100 * m},{20 + m / 100:.2f}" for m in range(1, 13)]
    path = tmp_path / "my.csv"
    path.write_text("month,sales,price\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (
            ["--value-col", "sale"],
            "--value-col 'sale' is not a column of 'my.csv'; available columns: ['month', "
            "'sales', 'price'] (did you mean 'sales'?).",
        ),
        (
            ["--value-col", "sales", "--covariate-cols", "prices"],
            "--covariate-cols 'prices' is not a column of 'my.csv'; available columns: "
            "['month', 'sales', 'price'] (did you mean 'price'?).",
        ),
        (
            ["--value-col", "sale", "--covariate-cols", "prices"],
            "--value-col 'sale' and --covariate-cols 'prices' are not columns of 'my.csv'; "
            "available columns: ['month', 'sales', 'price'] (did you mean 'sales' for 'sale', "
            "'price' for 'prices'?).",
        ),
        (  # another case, as before
            ["--value-col", "Sales"],
            "--value-col 'Sales' is not a column of 'my.csv'; available columns: ['month', "
            "'sales', 'price'] (did you mean 'sales'?).",
        ),
        (  # was: (did you mean 'price'?)
            ["--value-col", "sales", "--covariate-cols", "price,month"],
            "--covariate-cols 'price,month' is not a column of 'my.csv'; available columns: "
            "['month', 'sales', 'price'] ('price,month' joins the columns 'price' and 'month' "
            "with commas; give them as separate words: price month).",
        ),
        (  # nothing alike: no guess
            ["--value-col", "umsatz"],
            "--value-col 'umsatz' is not a column of 'my.csv'; available columns: ['month', "
            "'sales', 'price'].",
        ),
    ],
)
def test_forecast_column_slips_are_asked_about(my_csv, capsys, flags, said) -> None:
    argv = ["forecast", "--csv", "my.csv", "--date-col", "month", *flags, "--out", "run"]
    assert main(argv) == 2
    assert capsys.readouterr().err == f"error: {said}\n"
    assert not (my_csv.parent / "run").exists()


def test_series_col_and_where_slips_are_asked_about(my_csv, capsys) -> None:
    path = my_csv.parent / "stores.csv"
    path.write_text("store,month,sales\nA,1949-01,112\nA,1949-02,118\n", encoding="utf-8")
    for flag, given in (("--series-col", "stor"), ("--where", "stor=A")):
        argv = ["forecast", "--csv", "stores.csv", "--date-col", "month", "--value-col", "sales"]
        assert main([*argv, flag, given]) == 2
        assert capsys.readouterr().err == (
            f"error: {flag} 'stor' is not a column of 'stores.csv'; available columns: "
            "['store', 'month', 'sales'] (did you mean 'store'?).\n"
        )


def test_read_csv_asks_about_slips_and_joined_names(my_csv) -> None:
    with pytest.raises(ValueError) as err:
        read_csv(my_csv, "month", ["sale", "prices"])
    assert str(err.value) == (
        f"columns ['sale', 'prices'] not found in {str(my_csv)!r}; available columns: "
        "['month', 'sales', 'price'] (did you mean 'sales' for 'sale', 'price' for 'prices'?)."
    )
    with pytest.raises(ValueError) as err:
        read_csv(my_csv, "month", "sales, price")
    assert str(err.value) == (
        f"column ['sales, price'] not found in {str(my_csv)!r}; available columns: "
        "['month', 'sales', 'price'] ('sales, price' joins the columns 'sales' and 'price' "
        "with commas; pass a list, ['sales', 'price'])."
    )


@pytest.fixture(scope="module")
def saved_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("walk31a") / "model"
    Forecaster(**TINY).fit(load_dataset("airline")[:60]).save(folder)
    return folder


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_predict_and_explain_date_col_worded_as_forecast(
    saved_model, tmp_path, monkeypatch, capsys, command
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newer.csv").write_text("month,value\n1949-01,112\n1949-02,118\n")
    argv = [command, str(saved_model), "--csv", "newer.csv", "--date-col"]
    assert main([*argv, "Month"]) == 2
    # was: --date-col 'Month' is not a column of --csv 'newer.csv' (its columns: month, value).
    assert capsys.readouterr().err == (
        "error: --date-col 'Month' is not a column of 'newer.csv'; available columns: "
        "['month', 'value'] (did you mean 'month'?).\n"
    )
    assert main([*argv, "day"]) == 2
    assert capsys.readouterr().err == (
        "error: --date-col 'day' is not a column of 'newer.csv'; available columns: "
        "['month', 'value'].\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.csv"]
