"""What a new user tripped over on real files and command lines, each pinned."""

import pytest

from lstmkit import data as D
from lstmkit.cli import main

# --- thousands separators outside groups of three digits ---------------------------------------


def test_a_decimal_comma_read_with_thousands_comma_is_refused_not_read_100_times_larger(
    tmp_path, capsys
):
    # `--thousands ,` on "10084,44" dropped the comma and read 1008444, a hundred times the
    # value, and forecast it without a word
    path = tmp_path / "umsatz.csv"
    path.write_text("Monat;Umsatz\n2020-01-01;10084,44\n2020-02-01;12,5\n2020-03-01;3\n")
    argv = ["forecast", "--csv", str(path), "--sep", ";", "--date-col", "Monat"]
    argv += ["--value-col", "Umsatz", "--thousands", ","]
    assert main([*argv, "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'Umsatz' of {str(path)!r} has non-numeric values at 2020-01-01 "
        "('10084,44'), 2020-02-01 "
        "('12,5') (--thousands ',' stands between groups of three digits, as in 1,234,567, not so "
        "in '10084,44': a decimal comma? pass --decimal ',' instead).\n"
    )
    assert not (tmp_path / "x").exists()


def test_thousands_read_groups_of_three_and_indias_and_refuse_other_places(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        'd,y\n2020-01-01,"1,234,567.5"\n2020-02-01,"12,34,567"\n2020-03-01,"-1,000"\n'
        "2020-04-01,999\n"
    )
    frame = D.read_csv(path, "d", "y", thousands=",")
    assert frame["y"].tolist() == [1234567.5, 1234567.0, -1000.0, 999.0]
    path.write_text('d;y\n2020-01-01;1.234,5\n2020-02-01;"1,23,4"\n2020-03-01;3\n')
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", sep=";", thousands=",")
    # one value is no decimal comma: no advice about one
    assert str(err.value) == (
        f"column 'y' of {str(path)!r} has non-numeric values at 2020-01-01 ('1.234,5'), "
        "2020-02-01 ('1,23,4') "
        "(thousands=',' (CLI: --thousands ',') stands between groups of three digits, as in "
        "1,234,567, not so in '1.234,5')."
    )
    path.write_text("d;y\n2020-01-01;1.234,5\n2020-02-01;2,5\n2020-03-01;3\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", sep=";", thousands=",")
    assert str(err.value).endswith(
        "a decimal comma? pass decimal=',', thousands='.' (CLI: --decimal ',' --thousands '.') "
        "instead)."
    )


def test_spaces_between_thousands_stand_between_groups_of_three_too(tmp_path):
    path = tmp_path / "fr.csv"
    path.write_text("d;y\n2020-01-01;1\u00a0000,5\n2020-02-01; 2 000 \n2020-03-01;1 2\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", sep=";", decimal=",", thousands=" ")
    assert str(err.value) == (
        f"column 'y' of {str(path)!r} has non-numeric values at 2020-03-01 ('1 2') (thousands=' ' "
        "(CLI: "
        "--thousands ' ') stands between groups of three digits, as in 1 234 567, not so in "
        "'1 2')."
    )


# --- --series-col naming a column read otherwise ------------------------------------------------


@pytest.mark.parametrize(
    ("col", "extra", "read"),
    [
        ("sales", [], "values"),
        ("month", [], "dates"),
        ("price", ["--covariate-cols", "price"], "values"),
        ("price", ["--future-cols", "price"], "values"),
    ],
)
def test_series_col_naming_the_date_or_a_value_column_is_refused_by_its_own_flag(
    tmp_path, capsys, col, extra, read
):
    # it was refused after reading the file as "series sales=100.5: --where selects rows by
    # columns other than the date and value columns", naming --where, a flag not given
    path = tmp_path / "s.csv"
    path.write_text("month,sales,price\n2020-01-01,100.5,1\n2020-02-01,101,2\n2020-03-01,99,3\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, *extra, "--series-col", col, "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == (
        "error: --series-col tells the series apart by a column other than the date and value "
        f"columns, got {col!r}, which is read as {read}.\n"
    )
    assert not (tmp_path / "x").exists()


# --- --decimal , on values with a '.' ---------------------------------------------------------


def test_decimal_comma_on_values_with_a_point_names_the_flag_that_reads_them(tmp_path, capsys):
    # both were refused as non-numeric with no word of what to pass, where the README promises
    # the --thousands or --decimal that reads them
    path = tmp_path / "eu.csv"
    path.write_text("Monat;Umsatz\n2020-01-01;1.099,5\n2020-02-01;993,8\n2020-03-01;1.200\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "Monat", "Umsatz", sep=";", decimal=",")
    assert str(err.value) == (
        f"column 'Umsatz' of {str(path)!r} has non-numeric values at 2020-01-01 ('1.099,5'), "
        "2020-03-01 ('1.200') "
        "(numbers with '.' between thousands, '1.099,5' for 1099.5?): pass thousands='.' (CLI: "
        "--thousands '.')."
    )
    path = tmp_path / "points.csv"
    path.write_text("d,y\n2020-01-01,100.84\n2020-02-01,7\n2020-03-01,-2.5\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "d", "--value-col", "y"]
    assert main([*argv, "--decimal", ",", "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'y' of {str(path)!r} has non-numeric values at 2020-01-01 ('100.84'), "
        "2020-03-01 ('-2.5') "
        "(numbers with a decimal point, '100.84'?): leave out --decimal ','.\n"
    )
    assert not (tmp_path / "x").exists()
    # the decimal comma in the column's other values: not to be left out
    path.write_text('d,y\n2020-01-01,100.84\n2020-02-01,"7,5"\n2020-03-01,3\n')
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", decimal=",")
    assert (
        str(err.value)
        == f"column 'y' of {str(path)!r} has non-numeric values at 2020-01-01 ('100.84')."
    )
    # a value wrong otherwise too: no advice
    path.write_text("d,y\n2020-01-01,100.84\n2020-02-01,7\n2020-03-01,abc\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", decimal=",")
    assert str(err.value) == (
        f"column 'y' of {str(path)!r} has non-numeric values at 2020-01-01 ('100.84'), 2020-03-01 "
        "('abc')."
    )


# --- row numbers after blank lines -------------------------------------------------------------


def test_rows_named_in_messages_are_the_files_lines_also_after_blank_lines(tmp_path, capsys):
    # pandas skips blank lines, and a row after one was named by the line before it: 'foo' on
    # line 6 was "row 5", a blank line in an editor
    path = tmp_path / "s.csv"
    path.write_text("month,sales\n2015-01-01,1\n\n2015-02-01,2\n2015-03-01,3\nfoo,3\n\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "month", "--value-col", "sales"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: column 'month' of {str(tmp_path / 's.csv')!r} has unparsable dates at row 6 "
        "('foo'); the last row holds words, no date, as a note or a summary row under the data "
        "does: delete it from the file.\n"
    )
    path.write_text("month,sales\n2015-01-01,1\n\n\n2015-02-01,2\n,3\n2015-03-01,4\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "month", "sales")
    assert str(err.value) == (
        f"column 'month' of {str(tmp_path / 's.csv')!r} has no date at row 6 (empty); every row "
        "needs its timestamp: give it, or delete the row."
    )
    path.write_text("month,sales\n\n2015-01-01,1\n\n2015-02-01,2\n\n2015-03-01,4\n\n")
    assert D.read_csv(path, "month", "sales")["sales"].tolist() == [1.0, 2.0, 4.0]


# --- predict and explain name the --csv, not the library's `series` ----------------------------


@pytest.fixture
def saved_forecaster(tmp_path):
    """A tiny monthly Forecaster saved to tmp_path/model, fitted on the logarithm."""
    import numpy as np
    import pandas as pd

    from lstmkit.forecast import Forecaster

    stamps = pd.date_range("2020-01-01", periods=30, freq="MS")
    y = pd.Series(10 + np.arange(30.0) % 6, index=stamps, name="sales")
    fields = {"horizon": 3, "lookback": 6, "epochs": 1, "ensemble": 1, "hidden_size": 4}
    Forecaster(**fields, progress=False).fit(y).save(tmp_path / "model")
    return tmp_path / "model"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "2022-01-01,1\n2022-02-01,2\n2022-03-01,3\n2022-04-01,4\n",
            "needs at least 6 points (lookback + differencing) to forecast from, got 4.",
        ),
        (
            "".join(f"2022-01-{d:02d},{d}\n" for d in range(1, 11)),
            "must have the training data's frequency (MS), got D.",
        ),
    ],
)
def test_predict_and_explain_name_the_csv_a_newer_history_came_from(
    saved_forecaster, tmp_path, capsys, rows, message
):
    # they said "error: `series` needs at least 6 points ...", the library's argument
    path = tmp_path / "newer.csv"
    path.write_text("month,sales\n" + rows)
    csv = ["--csv", str(path), "--date-col", "month", "--value-col", "sales"]
    assert main(["predict", str(saved_forecaster), *csv, "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == f"error: --csv {str(path)!r} {message}\n"
    assert not (tmp_path / "x").exists()
    assert main(["explain", str(saved_forecaster), *csv]) == 2
    assert capsys.readouterr().err == f"error: --csv {str(path)!r} {message}\n"


def test_series_col_says_which_rows_belong_to_no_series(tmp_path, capsys, monkeypatch):
    # rows with an empty series cell were left out without a word
    from lstmkit.cli import _forecast_run as R

    # no fit: the note comes before (a run's result: what the series' table reads of it)
    monkeypatch.setattr(R, "_execute", lambda run: {"season_length": 12})
    monkeypatch.setattr(R, "_series_rows", lambda col, names, results: [])
    monkeypatch.setattr(R, "_print_series_summary", lambda *args: None)
    rows = [f"{s},2020-{m:02d}-01,{m}" for s in ("A", "", "B") for m in range(1, 13)]
    rows[17] = " ,2020-06-01,6"  # a space is no name either
    path = tmp_path / "stores.csv"
    path.write_text("store,month,sales\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--series-col", "store", "--date-col", "month"]
    argv += ["--value-col", "sales", "--horizon", "2", "--lookback", "2", "--season-length", "1"]
    assert main(argv) == 0
    assert capsys.readouterr().err == (
        f"note: 12 rows of {str(path)!r} have no 'store' (lines 14, 15, 16, 17, 18 and 7 "
        "more): they belong to no series and are not forecast.\n"
    )
    path.write_text("store,month,sales\n" + "\n".join(rows[:12] + rows[24:]) + "\n")
    assert main(argv) == 0
    assert capsys.readouterr().err == ""


# --- --csv from a pipe or standard input ----------------------------------------------------------


def test_a_pipe_or_standard_input_as_csv_is_named_as_such(tmp_path, capsys, monkeypatch):
    # `cat sales.csv | lstmkit forecast --csv /dev/stdin ...` said "--csv file not found"
    import os
    import threading

    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe")
    tail = ["--date-col", "d", "--value-col", "y", "--out", "x"]
    # read once, as "-" (standard input) is (files9; io11: tests/test_io11_fixes.py)
    writer = threading.Thread(target=lambda: open("pipe", "wb").close(), daemon=True)
    writer.start()
    assert main(["forecast", "--csv", "pipe", *tail]) == 2
    writer.join()
    assert capsys.readouterr().err == (
        "error: --csv 'pipe' is empty; expected a header row naming the columns, then one row "
        "per timestamp.\n"
    )
    assert not (tmp_path / "x").exists()
    # io10: train-lm's --file reads a pipe once, as --file - (tests/test_io10_fixes.py)
    writer = threading.Thread(target=lambda: open("pipe", "wb").close(), daemon=True)
    writer.start()
    assert main(["text", "train-lm", "--file", "pipe", "--out", "x"]) == 2
    writer.join()
    assert capsys.readouterr().err == (
        "error: --file 'pipe' is empty; expected the text to train a character model on.\n"
    )
    # a file named "-" is a file, named as the shell names it beside standard input's "-"
    (tmp_path / "-").write_text("d,y\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n")
    assert main(["forecast", "--csv", "./-", *tail[:4], "--horizon", "5"]) == 2
    assert capsys.readouterr().err.startswith("error: the series is too short")


# --- a --date-format written as spreadsheets write formats ---------------------------------------


@pytest.mark.parametrize(
    ("fmt", "said"),
    [
        ("dd.mm.yyyy", ", which has no strftime directive (%d, %m, %Y, ...)"),
        ("%d.%m.%Y %H", ""),
    ],
)
def test_a_date_format_that_reads_no_date_gets_the_one_that_reads_them_all(
    tmp_path, capsys, fmt, said
):
    # "expected dates in date_format='dd.mm.yyyy'" said nothing of the % it lacks, nor of
    # a format that reads the file
    path = tmp_path / "eu.csv"
    path.write_text("d,y\n01.01.2020,1\n02.01.2020,2\n13.01.2020,3\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "d", "--value-col", "y"]
    assert main([*argv, "--date-format", fmt, "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'd' of {str(tmp_path / 'eu.csv')!r} has unparsable dates at row 2 "
        "('01.01.2020'), row 3 ('02.01.2020'), row 4 ('13.01.2020'); expected dates in "
        f"--date-format '{fmt}'{said}; --date-format '%d.%m.%Y' reads every one.\n"
    )
    assert not (tmp_path / "x").exists()


def test_a_date_format_that_reads_some_dates_blames_the_others():
    import pandas as pd

    frame = pd.DataFrame({"d": ["2020-01-01", "2020-02-01", "2020-03-01", "2020-4-1x"]})
    with pytest.raises(ValueError) as err:
        D._parse_dates(frame["d"], "d", "s.csv", "%Y-%m-%d")
    assert str(err.value) == (
        "column 'd' of s.csv has unparsable dates at row 5 ('2020-4-1x'); expected dates in "
        "date_format='%Y-%m-%d'."
    )


# --- explain --csv reads the model's date column by default --------------------------------------


def test_explain_reads_the_models_date_column_where_the_file_has_it(tmp_path, capsys):
    # it read the first column as the dates: a file with them second was refused for the
    # target's "unparsable dates", a long-format one for its series column's "date formats"
    import json

    import numpy as np
    import pandas as pd

    from lstmkit.forecast import Forecaster

    stamps = pd.date_range("2020-01-01", periods=30, freq="MS", name="month")
    y = pd.Series(10 + np.arange(30.0) % 6, index=stamps, name="sales")
    fields = {"horizon": 3, "lookback": 6, "epochs": 1, "ensemble": 1, "hidden_size": 4}
    Forecaster(**fields, progress=False).fit(y).save(tmp_path / "model")
    rows = "".join(f"{v},{t:%Y-%m-%d}\n" for t, v in y.items())
    (tmp_path / "second.csv").write_text("sales,month\n" + rows)
    argv = ["explain", str(tmp_path / "model"), "--json", "--csv"]
    assert main([*argv, str(tmp_path / "second.csv")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["origin"][:10], record["lags"]) == ("2022-06-01", 6)
    long = "".join(f"{s},{t:%Y-%m-%d},{v}\n" for s in "AB" for t, v in y.items())
    (tmp_path / "long.csv").write_text("store,month,sales\n" + long)
    assert main([*argv, str(tmp_path / "long.csv")]) == 2
    assert capsys.readouterr().err.startswith(
        f"error: timestamps must be unique, got duplicates in {str(tmp_path / 'long.csv')!r}: "
        "2020-01-01, "
    )
