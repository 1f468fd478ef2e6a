"""Fixes of the revens6 review (of ens6: --csv named by the path given, stdin archives): one
test (or a few) per fix."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

_FAST = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-refit", "--holdout", "0"]
_FAST += ["--interval", "0", "--no-stat-baselines", "--no-progress"]

# -- 1. predict's note of how it read --csv names the file by the path given, as ens6 made
# every other message of forecast, predict and explain do -----------------------------------


def test_predicts_note_of_the_runs_flags_names_the_csv_by_its_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    undrawn_figures,
) -> None:
    # "note: read sales.csv as the run did" beside "'data/sales.csv' holds 2 of them" in the
    # same command: the note named the base name
    months = pd.date_range("2015-01-01", periods=36, freq="MS")
    sales = np.round(100 + 10 * np.sin(np.arange(36) * np.pi / 6) + np.arange(36), 2)
    (tmp_path / "data").mkdir()
    text = "date;sales\n" + "".join(
        f"{d:%Y-%m-%d};{v}\n" for d, v in zip(months, sales, strict=True)
    )
    (tmp_path / "data" / "sales.csv").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["--csv", "data/sales.csv", "--value-col", "sales", "--date-col", "date"]
    assert main(["forecast", *argv, "--sep", ";", *_FAST, "--out", "run"]) == 0
    capsys.readouterr()
    assert main(["predict", "run", "--csv", "data/sales.csv", "--out", "p"]) == 0
    assert capsys.readouterr().err == "note: read 'data/sales.csv' as the run did: --sep ';'\n"


# -- 2. text train names its --csv file by its name in every message, as its policy is --------


def test_text_train_names_the_csv_alike_in_the_columns_listed_and_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # "--csv needs --label-col ('data/r.csv' has ...)" beside "column 'rating' of r.csv ..."
    # of the same file in the same command: ens6's path went into text train's list too; both
    # name it by its path as given, as forecast does (txt20)
    (tmp_path / "data").mkdir()
    rows = "".join(f"film {k} good,up\nfilm {k} bad,down\n" for k in range(10))
    (tmp_path / "data" / "r.csv").write_text("review,rating\n" + rows + "film x,\n")
    monkeypatch.chdir(tmp_path)
    argv = ["text", "train", "--csv", "data/r.csv", "--text-col", "review", "--out", "o"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --csv needs --label-col ('data/r.csv' has the columns review, rating).\n"
    )
    assert main([*argv, "--label-col", "rating"]) == 2
    assert capsys.readouterr().err == (
        "error: column 'rating' of 'data/r.csv' must hold a label in every row, got an empty "
        "one in row 21 (rows counted from 1 below the header); fill it in or remove it.\n"
    )


# -- 3. an archive of several files on stdin, or a workbook, is not told to be named .zip ----


_LINES = b"a great film\nan awful film\n"


def _tar_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name in names:
            member = tarfile.TarInfo(name)
            member.size = len(_LINES)
            archive.addfile(member, io.BytesIO(_LINES))
    return buffer.getvalue()


def _zip_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, _LINES)
    return buffer.getvalue()


@pytest.mark.parametrize("command", [["text", "predict"], ["explain"]], ids=["predict", "explain"])
@pytest.mark.parametrize(
    ("packed", "said"),
    [
        (
            _tar_of("a.txt", "b.txt"),
            "is an archive of several files ('a.txt', 'b.txt'), where one, the text, is read; "
            "unpack the one you mean and pass it.",
        ),
        (
            _zip_of("a.txt", "b.txt"),
            "is an archive of several files ('a.txt', 'b.txt'), where one, the text, is read; "
            "unpack the one you mean and pass it.",
        ),
        (  # an .xlsx: refused as a plain-named file of it is, not told to be named .zip
            _zip_of("[Content_Types].xml", "xl/workbook.xml"),
            "must be UTF-8 text, got a NUL byte (0x00) on line 1 (byte 6 of the line), which "
            "text does not hold (not a text file?); save the file as UTF-8.",
        ),
        (  # its old wording told it to be named .tar.gz, which refused it as several files
            gzip.compress(_tar_of("a.txt", "b.txt")),
            "is an archive of several files ('a.txt', 'b.txt'), where one, the text, is read; "
            "unpack the one you mean and pass it.",
        ),
    ],
    ids=["tar", "zip", "workbook", "tar.gz"],
)
def test_an_archive_of_several_files_on_stdin_is_told_what_it_holds(
    command: list[str],
    packed: bytes,
    said: str,
    clf_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "is a tar archive, not plain text; unpack its file into the pipe, or pass the archive by
    # its name (ending .tar), which is unpacked": named so, it was refused as several files;
    # io10: read as --csv - reads it (a copy named by the archive its bytes begin as), refused
    # as a file of that name is
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(packed)))
    assert main([*command, str(clf_dir), "--file", "-"]) == 2
    assert capsys.readouterr().err == f"error: --file '<stdin>' {said}\n"


# -- 4. a --where that no row matches names the file one way, with --future-cols or not -------


@pytest.mark.parametrize("future", [[], ["--future-cols", "promo", "--horizon", "1"]])
def test_a_where_no_row_matches_names_the_csv_alike_with_future_cols_or_not(
    future: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # with --future-cols, the rows after the target's last value were looked for first, and
    # their refusal named 'data/fut.csv' where the series' own read named fut.csv (names7:
    # both name the path given)
    rows = "".join(f"{2020 + m // 12}-{m % 12 + 1:02d}-01,{m},{m % 2},a\n" for m in range(24))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "fut.csv").write_text(
        "month,sales,promo,store\n" + rows + "2022-01-01,,1,a\n"
    )
    monkeypatch.chdir(tmp_path)
    argv = ["forecast", "--csv", "data/fut.csv", "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, *future, "--where", "store=z", "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        "error: no row of 'data/fut.csv' has store='z' (--where); the column holds a.\n"
    )
