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
