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
    below = " (the 2 rows below it are empty in every field)" if ",\n" in body else ""
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
        f"error: --csv {str(csv)!r} has a header row (text, label) but no data rows (the "
        "row below it is empty in every field); expected one row per labelled text.\n"
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
        'byte-order mark 0xff 0xfe, as Excel saves "Unicode Text" and "CSV UTF-16" and Windows '
        "PowerShell 5's `>` writes); save the file as UTF-8 (Excel: Save As, \"CSV UTF-8 (Comma "
        'delimited)"; Notepad: Save As, Encoding UTF-8; PowerShell: `| Out-File -Encoding utf8 '
        "FILE` in place of `> FILE`). --test-csv 'test.csv' must be UTF-8 text, got a NUL byte "
        "(0x00) at line 5, column 5, in text that is otherwise UTF-8; delete it.\n"
    )


def test_read_corpus_says_what_an_empty_file_was_expected_to_hold(tmp_path: Path) -> None:
    # "'notes.txt' is empty.", no word of what it is read for
    from lstmkit.text.charlm import read_corpus

    path = tmp_path / "notes.txt"
    path.write_bytes(b"\xef\xbb\xbf")  # a byte-order mark alone, as Notepad saves nothing
    with pytest.raises(ValueError) as info:
        read_corpus(path)
    assert str(info.value) == (
        f"{str(path)!r} is empty; expected the text to train a character model on."
    )


def test_read_sentences_says_an_empty_file_is_empty_and_what_it_was_expected_to_hold(
    tmp_path: Path,
) -> None:
    # an empty file "holds no sentence (every line is blank)": it has no line
    from lstmkit.cli import CLIError, read_sentences

    path = tmp_path / "films.txt"
    path.write_bytes(b"")
    with pytest.raises(CLIError) as info:
        read_sentences(str(path))
    assert str(info.value) == f"--file {str(path)!r} is empty; expected one sentence per line."


@pytest.mark.parametrize(
    ("task", "split", "name", "expected"),
    [
        ("sst5", "dev", "stsa.fine.dev", "its label (0 to 4), a space, then the sentence"),
        (
            "sst2",
            "phrases",
            "glue_sst2_train_phrases.tsv",
            "the phrase, a tab, then its label (0 or 1), below the header row",
        ),
    ],
)
def test_an_sst_file_of_no_examples_says_what_a_line_holds(
    tmp_path: Path, task: str, split: str, name: str, expected: str
) -> None:
    # "{path}: the file holds no examples.", where its malformed lines say what they expected
    from lstmkit.text.sst import load_sst

    (tmp_path / "sst").mkdir()
    path = tmp_path / "sst" / name
    path.write_text("sentence\tlabel\n" if split == "phrases" else "\n")
    with pytest.raises(ValueError) as info:
        load_sst(task, split, tmp_path)
    assert (
        str(info.value) == f"{path}: the file holds no examples; expected one per line: {expected}."
    )


def test_text_train_refuses_dev_and_test_files_of_no_rows_before_asking_for_column_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # "--csv needs --label-col (train.csv has the columns text, label)", then, once given,
    # that the other files hold no rows
    monkeypatch.chdir(tmp_path)
    Path("train.csv").write_text("text,label\n" + "a film,pos\n" * 10)
    Path("dev.csv").write_text("text,label\n")
    Path("test.csv").write_text("")
    argv = ["text", "train", "--csv", "train.csv", "--dev-csv", "dev.csv", "--test-csv"]
    assert main([*argv, "test.csv", "--text-col", "text", "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        "error: --dev-csv 'dev.csv' has a header row (text, label) but no data rows; expected "
        "one row per labelled text. --test-csv 'test.csv' is empty; expected a header row "
        "naming the columns, then one row per labelled text.\n"
    )
