"""Wording fixes of helper pol33: each message as the user reads it."""

from __future__ import annotations

from lstmkit.cli import main

SPLIT = "month,y\n2020-01-01,1,5\n2020-02-01,2\n2020-03-01,3,25\n"


def test_a_sep_given_as_comma_is_not_called_the_default(tmp_path, capsys):
    csv = tmp_path / "split.csv"
    csv.write_text(SPLIT)
    told = (
        f", and a row of {str(csv)!r} has more fields (3) than its header (2): an unquoted "
        "decimal mark that is the separator splits its number into two fields (1,5 read as 1 "
        "and 5); pass the file's separator with --sep (';' for many European spreadsheets), or "
        'quote each value that holds the mark ("1,5").\n'
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y"]
    argv += ["--decimal", ",", "--out", str(tmp_path / "run")]
    assert main([*argv, "--sep", ","]) == 2
    assert capsys.readouterr().err == "error: --sep and --decimal are both ','" + told
    assert main(argv) == 2  # left at its default: said so
    assert capsys.readouterr().err == (
        "error: --sep and --decimal are both ',' (',' is --sep's default)" + told
    )
    assert not (tmp_path / "run").exists()
