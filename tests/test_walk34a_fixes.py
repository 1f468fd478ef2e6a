"""Fixes of walk34a, a walk through the README's Set up, tour and Forecasting sections as a
student reads their own spreadsheet CSVs (tests fail without their fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.data import read_csv

# the first months of the airline series, as a spreadsheet writes them
_PASSENGERS = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118]


def _months(n: int) -> list[str]:
    return [f"{1949 + m // 12}-{m % 12 + 1:02d}" for m in range(n)]


def test_amounts_named_as_the_date_column_are_told_to_name_the_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--date-col Passengers --value-col Month`, the two columns swapped, was refused as an
    integer index that "must rise by one constant step, got 112 then 118 (row 1)", a step
    that rises, without the column of dates to name."""
    path = tmp_path / "air.csv"
    rows = [f"{m},{v}" for m, v in zip(_months(12), _PASSENGERS, strict=True)]
    path.write_text("Month,Passengers\n" + "\n".join(rows) + "\n", encoding="utf-8")
    argv = ["forecast", "--csv", str(path), "--date-col", "Passengers", "--value-col", "Month"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: column 'Passengers' of {str(path)!r} holds numbers from 104 to 148 in no "
        "order, not dates or steps: pass the column of dates as --date-col (its other "
        "columns: Month).\n"
    )
    with pytest.raises(ValueError) as err:
        read_csv(path, "Passengers", "Month")
    assert str(err.value) == (
        f"column 'Passengers' of {str(path)!r} holds numbers from 104 to 148 in no order, not "
        "dates or steps: pass the column of dates as date_col (CLI: --date-col) (its other "
        "columns: Month)."
    )


def test_decimal_comma_amounts_named_as_the_date_column_name_the_column(tmp_path: Path) -> None:
    """The same with a decimal comma (`117,6` in a ';'-separated file): pandas 3 read the
    amounts as dates of the year 117 and failed with its own "Out of bounds nanosecond
    timestamp: 117-01-01 00:00:00", and pandas 2 gave a date format to pass."""
    path = tmp_path / "de.csv"
    rows = [f"{m};{v},6" for m, v in zip(_months(12), _PASSENGERS, strict=True)]
    path.write_text("Month;Passengers\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        read_csv(path, "Passengers", "Month", sep=";", decimal=",")
    assert str(err.value) == (
        f"column 'Passengers' of {str(path)!r} holds numbers from 104,6 to 148,6 in no order, "
        "not dates or steps: pass the column of dates as date_col (CLI: --date-col) (its "
        "other columns: Month)."
    )
    # in order, decimal years written with a comma (R's write.csv2) still read as months
    years = [f"{1949 + m / 12:.5f}".replace(".", ",") for m in range(12)]  # 1949,08333 ...
    path.write_text(
        "time;value\n" + "".join(f"{y};{m}\n" for m, y in enumerate(years)), encoding="utf-8"
    )
    frame = read_csv(path, "time", "value", sep=";", decimal=",")
    assert str(frame.index[0].date()) == "1949-01-01" and frame.index.freqstr == "MS"


def test_integer_steps_named_as_the_dates_beside_a_column_of_dates_are_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row-number column named as the dates (`--date-col id`, the dates in the second
    column) forecast steps 0 .. 47 without a word: no season, no calendar, MASE at m=1."""
    path = tmp_path / "second.csv"
    values = _PASSENGERS * 4
    rows = [f"{i},{m},{v}" for i, (m, v) in enumerate(zip(_months(48), values, strict=True))]
    path.write_text("id,Month,Passengers\n" + "\n".join(rows) + "\n", encoding="utf-8")
    fast = ["--epochs", "1", "--ensemble", "1", "--horizon", "3", "--json"]
    argv = ["forecast", "--csv", str(path), "--value-col", "Passengers", *fast]
    assert main([*argv, "--date-col", "id"]) == 0
    assert capsys.readouterr().err == (
        f"note: --date-col 'id' of {str(path)!r} holds integer steps (0 to 47), read without a "
        "calendar or season, while its column 'Month' holds dates (1949-01-01 to 1952-12-01): "
        "pass --date-col Month to forecast by them.\n"
    )
    # the advice, pasted: monthly dates, no note
    assert main([*argv, "--date-col", "Month"]) == 0
    assert '"season_length": 12' in capsys.readouterr().out
    # integer steps with no column of dates beside them are read as before, without a note
    path.write_text(
        "id,Passengers\n" + "".join(f"{i},{v}\n" for i, v in enumerate(values)), encoding="utf-8"
    )
    assert main([*argv, "--date-col", "id"]) == 0
    assert capsys.readouterr().err == ""


def test_a_model_folder_that_is_not_there_names_the_dataset_or_the_folder_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lstmkit predict airline` (a dataset where the folder goes) and `lstmkit predict
    runs/airlin` were told "model folder ... does not exist." alone."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs" / "airline").mkdir(parents=True)
    assert main(["predict", "airline"]) == 2
    assert capsys.readouterr().err == (
        "error: model folder 'airline' does not exist; 'airline' names a bundled dataset, not "
        "a saved model: `lstmkit forecast airline --out runs/airline` fits one and saves it in "
        "runs/airline, the folder to give.\n"
    )
    assert main(["predict", "milk_production"]) == 2  # the file's name: the dataset's own
    assert "`lstmkit forecast milk --out runs/milk`" in capsys.readouterr().err
    assert main(["predict", "runs/airlin"]) == 2
    assert capsys.readouterr().err == (
        "error: model folder 'runs/airlin' does not exist (did you mean 'runs/airline'?).\n"
    )
    assert main(["predict", "runs/sales"]) == 2
    assert capsys.readouterr().err == "error: model folder 'runs/sales' does not exist.\n"


def test_a_lookback_given_too_long_is_told_the_longest_that_fits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--lookback 200` on 144 months was told the 213 points it needs alone, where the
    default look-back is told the longest that fits."""
    path = tmp_path / "air.csv"
    rows = [
        f"{m},{v + i}" for i, (m, v) in enumerate(zip(_months(48), _PASSENGERS * 4, strict=True))
    ]
    path.write_text("Month,Passengers\n" + "\n".join(rows) + "\n", encoding="utf-8")
    argv = ["forecast", "--csv", str(path), "--date-col", "Month", "--value-col", "Passengers"]
    assert main([*argv, "--lookback", "40"]) == 2
    assert capsys.readouterr().err == (
        "error: fitting on the 36 points before the holdout (12, by default --horizon): the "
        "series is too short: lookback (40) + horizon (12) + differencing (0) + validation "
        "windows (1) need at least 53 points, got 36. Pass --lookback 23 (the longest that "
        "fits).\n"
    )
    assert main([*argv, "--lookback", "30", "--backtest", "--backtest-origins", "2"]) == 2
    assert capsys.readouterr().err.endswith(
        " Pass --lookback 11 (the longest that fits, at the first of the 2 backtest origins too).\n"
    )
    # the advice, pasted, fits
    fast = ["--epochs", "1", "--ensemble", "1", "--interval", "0", "--json"]
    assert main([*argv, "--lookback", "11", "--backtest", "--backtest-origins", "2", *fast]) == 0
    assert '"lookback": 11' in capsys.readouterr().out


def test_a_bundled_dataset_given_to_example_is_told_where_its_csv_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`lstmkit datasets --example airline`, for the CSV of the series the tour forecasts, was
    told "invalid choice: 'airline'" with the example files' names alone."""
    import lstmkit

    csv = Path(lstmkit.__file__).resolve().parent / "datasets" / "milk_production.csv"
    with pytest.raises(SystemExit) as done:
        main(["datasets", "--example", "Milk_Production.csv"])
    assert done.value.code == 2
    assert capsys.readouterr().err == (
        "error: argument --example: 'Milk_Production.csv' is a bundled dataset, not one of the "
        "README's example files (my, promo, eu, umsatz, umsatz_new, load, stores, newer); its "
        f"CSV is {str(csv)!r}, which `lstmkit forecast milk` reads (`lstmkit datasets --help` "
        "lists the flags)\n"
    )
    assert csv.read_text(encoding="utf-8").startswith("month,")
