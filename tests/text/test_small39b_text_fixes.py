"""``text train``'s files of other separators than their names give: advice that runs."""

from __future__ import annotations

import io
from pathlib import Path

from lstmkit.cli import main

ROWS = [f"a good film {k},pos\na dull film {k},neg\n" for k in range(10)]
TINY = ["--epochs", "1", "--hidden-size", "4", "--embed-dim", "4", "--no-progress", "--json"]


def test_files_whose_names_give_other_separators_are_told_to_be_renamed(
    tmp_path, monkeypatch, capsys
) -> None:
    # a.tsv of commas was told "pass --sep ','" and d.csv of tabs "pass --sep tab", each of
    # which reads every file and so refused the other one
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.tsv").write_text("text,label\n" + "".join(ROWS))
    dev = "".join(ROWS).replace("film", "show").replace(",", "\t")
    (tmp_path / "d.csv").write_text("text\tlabel\n" + dev)
    flags = ["--text-col", "text", "--label-col", "label", "--out", "run", *TINY]
    assert main(["text", "train", "--csv", "a.tsv", "--dev-csv", "d.csv", *flags]) == 2
    assert capsys.readouterr().err == (
        "error: --text-col 'text' and --label-col 'label' are not columns of 'a.tsv'; available "
        "columns: ['text,label'] (one column whose name holds ',': read with a tab, as a file "
        "named .tsv is without --sep, the file looks ','-separated; --sep ',' would read every "
        "file with it, and by it 'd.csv' is one column: rename 'a.tsv' to 'a.csv', which is "
        "read with a comma without --sep, and give --csv a.csv (mv a.tsv a.csv)). --text-col "
        "'text' and --label-col 'label' are not columns of 'd.csv'; available columns: "
        "['text\\tlabel'] (one column whose name holds '\\t': the file looks '\\t'-separated; "
        "--sep tab would read every file with it, and by it 'a.tsv' is one column: rename "
        "'d.csv' to 'd.tsv', which is read with a tab without --sep, and give --dev-csv d.tsv "
        "(mv d.csv d.tsv)).\n"
    )
    # the advice, run: each file read by its new name's separator
    (tmp_path / "a.tsv").rename(tmp_path / "a.csv")
    (tmp_path / "d.csv").rename(tmp_path / "d.tsv")
    assert main(["text", "train", "--csv", "a.csv", "--dev-csv", "d.tsv", *flags]) == 0


def test_a_sep_that_reads_every_file_is_still_advised(tmp_path, monkeypatch, capsys) -> None:
    # a.tsv and d.csv both of commas: --sep ',' reads both, as the advice says
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.tsv").write_text("text,label\n" + "".join(ROWS))
    (tmp_path / "d.csv").write_text("text,label\n" + "".join(ROWS).replace("film", "show"))
    argv = ["text", "train", "--csv", "a.tsv", "--dev-csv", "d.csv", "--out", "run", *TINY]
    assert main([*argv, "--text-col", "text", "--label-col", "label"]) == 2
    assert capsys.readouterr().err.endswith("the file looks ','-separated; pass --sep ',').\n")


def test_the_name_that_gives_a_separator() -> None:
    from lstmkit.cli.text import _named_for

    assert _named_for(Path("x/reviews.TSV.gz"), ",") == "reviews.csv.gz"
    assert _named_for(Path("dev.txt"), "\t") == "dev.tsv"
    assert _named_for(Path("dev.csv"), "|") is None


def test_the_readme_says_a_file_is_renamed_where_a_sep_would_refuse_another() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    readme = " ".join(readme.split())
    assert (
        "where the `--sep` a file's refusal would name reads another file of the run as one "
        "column, as `--csv a.tsv` of commas beside `--dev-csv d.csv` of tabs, it says to "
        "rename the file to the name that gives its separator instead, `mv a.tsv a.csv` and "
        "`--csv a.csv`)"
    ) in readme


def test_standard_input_is_not_told_to_be_renamed(tmp_path, monkeypatch, capsys) -> None:
    # standard input, copied to a temporary file as it is read, was told to rename that file
    monkeypatch.chdir(tmp_path)
    raw = io.BytesIO(("text\tlabel\n" + "".join(ROWS).replace(",", "\t")).encode())
    raw.name = "<stdin>"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))
    (tmp_path / "c.tsv").write_text("text,label\n" + "".join(ROWS).replace("film", "show"))
    argv = ["text", "train", "--csv", "-", "--dev-csv", "c.tsv", "--out", "run", *TINY]
    assert main([*argv, "--text-col", "text", "--label-col", "label"]) == 2
    assert capsys.readouterr().err == (
        "error: --text-col 'text' and --label-col 'label' are not columns of '<stdin>'; "
        "available columns: ['text\\tlabel'] (one column whose name holds '\\t': the file "
        "looks '\\t'-separated; pass --sep tab). --text-col 'text' and --label-col 'label' are "
        "not columns of 'c.tsv'; available columns: ['text,label'] (one column whose name "
        "holds ',': read with a tab, as a file named .tsv is without --sep, the file looks "
        "','-separated; --sep ',' would read every file with it, and by it '<stdin>' is one "
        "column: rename 'c.tsv' to 'c.csv', which is read with a comma without --sep, and "
        "give --dev-csv c.csv (mv c.tsv c.csv)).\n"
    )
