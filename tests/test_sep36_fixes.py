"""sep36: the other separator's refusal on predict, explain and --series-col names every
option that reads the file, with the command line to paste."""

from __future__ import annotations

import contextlib
import io
import json
import shlex

import pandas as pd
import pytest

from lstmkit.cli import main

QUICK = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--interval", "0"]
QUICK += ["--no-progress", "--no-stat-baselines"]
FLAGS = "--sep ';' --date-format '%d.%m.%Y' --decimal ',' --thousands '.'"
PASTED = "--sep ';' --date-format %d.%m.%Y --decimal , --thousands ."


def _german(number: float) -> str:
    """``number`` as ``10.030,00``: '.' between thousands, ',' before the decimals."""
    return f"{number:,.2f}".translate({ord(","): ".", ord("."): ","})


def _months() -> pd.DatetimeIndex:
    return pd.date_range("2015-01-01", periods=48, freq="MS")


@pytest.fixture(scope="module")
def plain_run(tmp_path_factory, undrawn_figures_block):
    """A run folder fitted on ``date,value`` rows of the months of euro.csv."""
    folder = tmp_path_factory.mktemp("plain")
    rows = [f"{t:%Y-%m-%d},{10030 + 137.5 * k}" for k, t in enumerate(_months())]
    (folder / "plain.csv").write_text("date,value\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(folder / "plain.csv"), "--date-col", "date"]
    argv += ["--value-col", "value", *QUICK, "--out", str(folder / "run")]
    with contextlib.redirect_stdout(io.StringIO()), undrawn_figures_block():
        assert main(argv) == 0
    return folder / "run"


@pytest.fixture
def euro(tmp_path, monkeypatch):
    """euro.csv (``01.01.2015;10.030,00``) in the working folder."""
    rows = [f"{t:%d.%m.%Y};{_german(10030 + 137.5 * k)}" for k, t in enumerate(_months())]
    (tmp_path / "euro.csv").write_text("date;value\n" + "\n".join(rows) + "\n")
    monkeypatch.chdir(tmp_path)
    assert rows[0] == "01.01.2015;10.030,00"


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_a_saved_model_is_told_every_option_of_a_semicolon_file_at_once(
    plain_run, euro, command, capsys, undrawn_figures_block
) -> None:
    """predict (and explain) RUN --csv euro.csv said ``pass --sep ';'`` alone (its own check,
    before any re-read), then --date-format, --decimal and --thousands a run each."""
    argv = [command, str(plain_run), "--csv", "euro.csv"]
    assert main(argv) == 2
    line = shlex.join(["lstmkit", *argv]) + f" {PASTED}"
    assert capsys.readouterr().err == (
        "error: --csv 'euro.csv' has one column, 'date;value', whose name holds ';': the file "
        f"looks ';'-separated; pass {FLAGS}; this reads it: {line}\n"
    )
    with undrawn_figures_block():
        assert main([*shlex.split(line)[1:], *(["--json"] if command == "predict" else [])]) == 0
    out = capsys.readouterr().out
    if command == "predict":
        assert json.loads(out)["origin"] == "2018-12-01"  # the last of the 48 months
    else:
        assert "relevance in all" in out


def test_a_long_format_semicolon_file_is_told_every_option_at_once(
    tmp_path, monkeypatch, capsys, undrawn_figures_block
) -> None:
    """forecast --csv long.csv --series-col store (a ';' file of two series) was refused by
    its --series-col check, before any re-read, with ``pass --sep ';'`` alone."""
    rows = [
        f"{store};{t:%d.%m.%Y};{_german(10030 + 137.5 * k + 100 * i)}"
        for i, store in enumerate("ab")
        for k, t in enumerate(_months())
    ]
    (tmp_path / "long.csv").write_text("store;date;value\n" + "\n".join(rows) + "\n")
    monkeypatch.chdir(tmp_path)
    argv = ["forecast", "--csv", "long.csv", "--series-col", "store", "--date-col", "date"]
    argv += ["--value-col", "value", *QUICK, "--json"]
    assert main(argv) == 2
    line = shlex.join(["lstmkit", *argv]) + f" {PASTED}"
    assert capsys.readouterr().err == (
        "error: --series-col 'store' is not a column of 'long.csv'; available columns: "
        "['store;date;value'] (one column whose name holds ';': the file looks ';'-separated; "
        f"pass {FLAGS}); this reads it: {line}\n"
    )
    with undrawn_figures_block():
        assert main(shlex.split(line)[1:]) == 0
    assert capsys.readouterr().out.count('"n": 48') == 2


def test_a_saved_model_of_a_file_of_one_column_is_told_the_separator_alone(
    plain_run, tmp_path, monkeypatch, capsys
) -> None:
    """Where the re-read by ';' finds no option that reads the file (its values are words),
    the separator alone is told, with no line to paste."""
    (tmp_path / "words.csv").write_text(
        "date;value\n" + "".join(f"2020-01-{d:02d};x\n" for d in range(1, 21))
    )
    monkeypatch.chdir(tmp_path)
    assert main(["predict", str(plain_run), "--csv", "words.csv"]) == 2
    assert capsys.readouterr().err == (
        "error: --csv 'words.csv' has one column, 'date;value', whose name holds ';': the file "
        "looks ';'-separated; pass --sep ';'.\n"
    )
