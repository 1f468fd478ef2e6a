"""leftfc36: forecasting left-overs (where numbers, file lines past quoted breaks, euro CSVs,
paths to paste)."""

from __future__ import annotations

import json
import shlex

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main


def _stores(tmp_path):
    rows = ["store,date,value"] + [
        f"{store},2020-01-{day:02d},{10 * k + day}"
        for k, store in enumerate(["1", "2", "10"])
        for day in range(1, 11)
    ]
    path = tmp_path / "stores.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("number", [1, np.int64(1), 10, np.int64(10)])
def test_where_takes_a_number_as_its_text(tmp_path, number) -> None:
    """A number in `where` was a TypeError ("both str"), where --where store=1 reads the rows
    of '1': it is its text, as pandas' df[df.store == 1] keeps the store it reads as 1."""
    frame = D.read_csv(_stores(tmp_path), "date", "value", where={"store": number})
    first = 0 if number == 1 else 20
    assert frame["value"].tolist() == [float(first + day) for day in range(1, 11)]


def test_where_tells_a_float_the_one_cell_to_pass(tmp_path, monkeypatch) -> None:
    _stores(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as e:
        D.read_csv("stores.csv", "date", "value", where={"store": 1.0})
    assert str(e.value) == (
        "no row of 'stores.csv' has store='1.0' (`where`); the column holds 1, 10, 2 (did you "
        "mean where={'store': '1'}?)."
    )
    assert D.series_names("stores.csv", "store", where={"store": np.int64(10)}) == ["10"]


def _below_a_break(tmp_path, dates) -> list[str]:
    """A CSV of ``dates`` whose third row's note is quoted over two lines, so that each row
    from the fourth on stands a line below pandas' count of it (row k + 2): its lines."""
    quoted = '"two\nlines"'
    rows = ["date,value,note"] + [
        f"{d},{k},{quoted if k == 2 else 'x'}" for k, d in enumerate(dates)
    ]
    text = "\n".join(rows) + "\n"
    (tmp_path / "b.csv").write_text(text, encoding="utf-8")
    return text.split("\n")


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        (
            "2020-01-1x",
            "column 'date' of 'b.csv' has unparsable dates at row 13 ('2020-01-1x'); expected "
            "dates like the first one ('%Y-%m-%d')",
        ),
        ("1949.8", "got '1949.8' (row 13), which is none of these."),
        # (a frame's row 9, its position, where the file's line is 12)
        ("9", "must rise by one constant step, got 8 then 10 (row 12); integer steps are read"),
    ],
)
def test_a_date_refusal_names_the_files_line_below_a_quoted_line_break(
    tmp_path, monkeypatch, bad, said
) -> None:
    """A date refusal named row k + 2, pandas' line, a line short below a quoted value
    holding a line break (row 12 of line 13); it names the file's line, as the "Expected N
    fields" refusal does."""
    if bad.startswith("2020"):
        dates = [f"2020-01-{d:02d}" for d in range(1, 21)]
    elif bad == "1949.8":
        dates = [f"{1949 + k / 12:.5f}" for k in range(20)]
    else:
        dates = [str(k) for k in range(20)]
        dates[9] = "10"
    dates[10] = bad
    assert _below_a_break(tmp_path, dates)[12] == f"{bad},10,x"  # the file's line 13
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as e:
        D.read_csv("b.csv", "date", "value")
    assert said in str(e.value)


def _euro(tmp_path):
    """euro.csv: ``01.01.2015;10.030,00``, day-first dates, '.' between thousands, ','
    before the decimals."""
    german = {ord(","): ".", ord("."): ","}
    rows = [
        f"{t:%d.%m.%Y};{f'{10030 + 137.5 * k + 900 * (k % 12 == 11):,.2f}'.translate(german)}"
        for k, t in enumerate(pd.date_range("2015-01-01", periods=48, freq="MS"))
    ]
    (tmp_path / "euro.csv").write_text("date;value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return rows


def test_a_semicolon_file_is_told_every_option_that_reads_it_at_once(
    tmp_path, monkeypatch, capsys
) -> None:
    """euro.csv took four runs: told --sep, then --date-format, then --decimal and
    --thousands; the first refusal names them all, and the command line to paste, which
    reads it."""
    assert _euro(tmp_path)[0] == "01.01.2015;10.030,00"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as e:
        D.read_csv("euro.csv", "date", "value")
    assert str(e.value) == (
        "columns ['date', 'value'] not found in 'euro.csv'; available columns: ['date;value'] "
        "(one column whose name holds ';': the file looks ';'-separated; pass sep=';', "
        "date_format='%d.%m.%Y', decimal=',', thousands='.' (CLI: --sep ';' --date-format "
        "'%d.%m.%Y' --decimal ',' --thousands '.'))."
    )
    argv = ["forecast", "--csv", "euro.csv", "--date-col", "date", "--value-col", "value"]
    argv += ["--epochs", "1", "--ensemble", "1", "--interval", "0", "--no-progress", "--json"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    line = (
        "lstmkit forecast --csv euro.csv --date-col date --value-col value --epochs 1 --ensemble 1 "
        "--interval 0 --no-progress --json --sep ';' --date-format %d.%m.%Y --decimal , "
        "--thousands ."
    )
    assert err == (
        "error: --date-col 'date' and --value-col 'value' are not columns of 'euro.csv'; "
        "available columns: ['date;value'] (one column whose name holds ';': the file looks "
        "';'-separated; pass --sep ';' --date-format '%d.%m.%Y' --decimal ',' --thousands "
        f"'.'); this reads it: {line}\n"
    )
    assert main(shlex.split(line)[1:]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == 48


def test_a_semicolon_file_that_reads_by_it_alone_is_told_the_separator_alone(
    tmp_path, monkeypatch
) -> None:
    (tmp_path / "semi.csv").write_text(
        "date;value\n" + "".join(f"2020-01-{d:02d};{d}\n" for d in range(1, 21))
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as e:
        D.read_csv("semi.csv", "date", "value")
    assert str(e.value).endswith("the file looks ';'-separated; pass sep=';' (CLI: --sep ';')).")
    assert e.value.read_options == {"sep": ";"}


def test_a_path_to_pass_is_quoted_as_the_shell_reads_it_on_the_command_line(
    tmp_path, capsys
) -> None:
    """A path a message gives to pass was a str's repr on the command line too: pasted into a
    shell, "it's a.csv" in double quotes is read, but 'x\\\\y.csv' names a file of two
    backslashes; the command line is told the path as the shell reads it (shlex.quote), the
    Python caller its repr, and the path given is named as given (repr) by both."""
    path = tmp_path / "it's a.csv"
    url = f"file://{path}"
    argv = ["forecast", "--csv", url, "--date-col", "date", "--value-col", "y"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: --csv must be a file's path, not a URL, got {url!r}; pass the path, "
        f"{shlex.quote(str(path))}.\n"
    )
    assert shlex.split(err.rsplit(", ", 1)[1].removesuffix(".\n")) == [str(path)]
    with pytest.raises(FileNotFoundError) as e:
        D.read_csv(url, "date", "y")
    assert str(e.value).endswith(f"; pass the path, {str(path)!r}.")
    # a folder that holds one CSV: its path to pass, a Python value here
    inside = tmp_path / "d" / "x\\y.csv"
    inside.parent.mkdir()
    inside.write_text("date,y\n2020-01-01,1\n", encoding="utf-8")
    with pytest.raises(IsADirectoryError) as e:
        D.read_csv(tmp_path / "d", "date", "y")
    assert str(e.value).endswith(f"it holds {inside.name}: pass {str(inside)!r}.")
    assert repr(str(inside)).endswith("x\\\\y.csv'")


def test_fit_given_where_is_told_where_it_goes() -> None:
    """fit(df, where={'store': 1}) was "unknown keyword argument 'where'; it takes series,
    covariates and future_covariates", which said nothing of read_csv's `where`."""
    from lstmkit import Forecaster

    with pytest.raises(TypeError) as e:
        Forecaster().fit(pd.Series(np.arange(30.0)), where={"store": 1})
    assert str(e.value) == (
        "Forecaster.fit() takes no argument `where`: `where` is lstmkit.data.read_csv's, which "
        "reads the rows of one series of a long-format file (read_csv(path, 'date', 'sales', "
        "where={'store': '1'})); filter a frame before fit (df[df['store'] == 1])."
    )
