"""Reading users' files (inputs3) for ``lstmkit text``: CSV files of no data rows refused
before the column flags are asked for, every refusal of a file named by its flag and path, and
empty files told what was expected (each test fails without its fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main


@pytest.mark.parametrize("body", ["text,label\n", "text,label\n,\n,\n"])
@pytest.mark.parametrize("flags", [[], ["--text-col", "text"]])
def test_text_train_refuses_a_csv_of_no_rows_before_asking_for_its_column_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, flags: list[str]
) -> None:
    csv = tmp_path / "films.csv"
    csv.write_text(body)
    assert main(["text", "train", "--csv", str(csv), *flags, "--out", str(tmp_path / "o")]) == 2
    below = " (the 2 row(s) below it are empty in every field)" if ",\n" in body else ""
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r} has a header row (text, label) but no data rows{below}; "
        "expected one row per labelled text.\n"
    )


def test_text_train_names_the_flag_of_a_csv_whose_rows_are_all_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # its columns given: "CSV file 'films.csv' has a header row ...", as the library names it
    csv = tmp_path / "films.csv"
    csv.write_text("text,label\n,\n")
    argv = ["text", "train", "--csv", str(csv), "--text-col", "text", "--label-col", "label"]
    assert main([*argv, "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r} has a header row (text, label) but no data rows (the 1 "
        "row(s) below it are empty in every field); expected one row per labelled text.\n"
    )


def test_text_train_names_each_csv_it_cannot_read_by_its_flag_and_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # "CSV file 'dev.csv' must be UTF-8 text, ...", where an empty one was named by its flag
    monkeypatch.chdir(tmp_path)
    rows = "".join(f"film {k},{'pos' if k % 2 else 'neg'}\n" for k in range(20))
    Path("train.csv").write_text("text,label\n" + rows)
    Path("dev.csv").write_bytes(("text,label\n" + rows).encode("utf-16"))
    Path("test.csv").write_bytes(("text,label\n" + rows).replace("film 3", "film\x00 3").encode())
    argv = ["text", "train", "--csv", "train.csv", "--dev-csv", "dev.csv"]
    argv += ["--test-csv", "test.csv", "--text-col", "text", "--label-col", "label"]
    assert main([*argv, "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        "error: --dev-csv 'dev.csv' must be UTF-8 text, got UTF-16 (it begins with UTF-16's "
        'byte-order mark 0xff 0xfe, as Excel saves "Unicode Text" and "CSV UTF-16"); save '
        'the file as UTF-8 (Excel: Save As, "CSV UTF-8 (Comma delimited)"; Notepad: Save As, '
        "Encoding UTF-8). --test-csv 'test.csv' must be UTF-8 text, got a NUL byte (0x00) at "
        "line 5, column 5, in text that is otherwise UTF-8; delete it.\n"
    )
