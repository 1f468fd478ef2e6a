"""Small defects left by earlier reviews: stray flags, a closed stderr, serial dates."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from lstmkit import data as D
from lstmkit.__main__ import run
from lstmkit.cli import main


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # the 1 went to model_dir, so argparse missed the number
        (["text", "spell", "--foo", "1"], "unrecognized arguments: --foo 1"),
        # a misspelt required flag: argparse missed --out
        (["text", "train-seq2seq", "numbers", "--outt", "lm"], "unrecognized arguments: --outt lm"),
        # every stray flag, not the first only
        (
            ["text", "train-lm", "--out", "lm", "--epochs", "1", "--bar", "2"],
            "unrecognized arguments: --epochs 1 --bar 2",
        ),
        # the values went to the positionals: x is no stray, --foo and --bar are
        (
            ["text", "spell", "--foo", "1", "--bar", "2", "x"],
            "unrecognized arguments: --foo 1 --bar 2",
        ),
        (["forecast", "--foo", "1", "airline"], "unrecognized arguments: --foo 1"),
        # a stray flag that fed no positional: named, and argparse's own message after it
        (
            ["text", "spell", "m", "--foo"],
            "unrecognized arguments: --foo; the following arguments are required: number",
        ),
        (["fooo", "--epochs", "1"], "argument COMMAND: invalid choice: 'fooo' (choose from"),
    ],
)
def test_every_stray_flag_is_named_whatever_argparse_missed(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`text spell --foo 1` said "the following arguments are required: number": only an
    "invalid choice" was traced to the flag the command lacks, and only the first such flag."""
    err = flags_refusal(argv)
    command = argv[:2] if argv[0] == "text" else argv[:1] if argv[0] == "forecast" else []
    prog = " ".join(["lstmkit", *command])
    assert err.startswith(f"error: {said}")
    lists = "commands" if said.startswith("argument COMMAND") else "flags"
    assert err.endswith(f" (`{prog} --help` lists the {lists})\n") and err.count("\n") == 1


def test_an_error_goes_nowhere_when_stderr_is_closed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    """`lstmkit forecast --csv missing.csv 2>&-` wrote its `error:` line to stdout (``print``
    to a ``sys.stderr`` of None writes there), into the output a pipe reads."""
    done = subprocess.run(
        ["sh", "-c", 'exec "$0" -m lstmkit forecast --csv missing.csv 2>&-', sys.executable],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout) == (2, "")
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["forecast", "--csv", "missing.csv"]) == 2
    assert capsys.readouterr().out == ""
    assert sys.stderr is None  # as it was
    monkeypatch.setattr("lstmkit.cli.main", lambda: sys.exit("stopped"))
    assert run() == 1
    assert capsys.readouterr().out == ""


def _read_dates(tmp_path, dates: list[str]) -> str:
    path = tmp_path / "sales.csv"
    path.write_text("d,v\n" + "".join(f"{d},{k}\n" for k, d in enumerate(dates)))
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "v")
    return str(err.value)


def test_amounts_named_as_the_date_column_are_no_serial_dates(tmp_path) -> None:
    """A column of amounts given as the date column, each number in the serial dates' range
    (29221 to 80000) but in no order, was told "they look like the serial numbers a spreadsheet
    stores dates as": a date column's rows are in order."""
    told = _read_dates(tmp_path, ["45000.5", "30000.25", "79000.5", "45001.5"])
    assert told == (
        f"column 'd' of {str(tmp_path / 'sales.csv')!r} has unparsable dates at row 2 "
        "('45000.5'), row 3 ('30000.25'), row 4 ('79000.5'), row 5 ('45001.5'); no date format "
        "is inferred from '45000.5': from 30000.25 to 79000.5 and in no order, they are no "
        "spreadsheet's serial dates: pass the column of dates as date_col (CLI: --date-col), or "
        "pass date_format (CLI: --date-format), a strftime format such as '%Y-%m-%d'."
    )
    # whole numbers among them: numbers still, not a mix of date formats
    told = _read_dates(tmp_path, ["45000.5", "120.25", "98000", "45001"])
    assert told == (
        f"column 'd' of {str(tmp_path / 'sales.csv')!r} has numbers for dates, such as '45000.5' "
        "(row 2), '98000' (row 4), '45001' (row 5); from 120.25 to 98000 and in no order, they "
        "are no spreadsheet's serial dates: pass the column of dates as date_col (CLI: "
        "--date-col), or pass date_format (CLI: --date-format), a strftime format such as "
        "'%Y-%m-%d'."
    )
    # whole numbers alone: amounts too, without the serial dates' advice (walk34a: they were
    # refused as integer steps that "must rise by one constant step")
    told = _read_dates(tmp_path, ["45000", "30000", "79000", "45003"])
    assert told == (
        f"column 'd' of {str(tmp_path / 'sales.csv')!r} holds numbers from 30000 to 79000 in "
        "no order, not dates or steps: pass the column of dates as date_col (CLI: --date-col) "
        "(its other columns: v)."
    )
    # in order (here newest first), they are still named as serial date-times
    told = _read_dates(tmp_path, ["45003.5", "45002.5", "45001.5", "45000.5"])
    assert told.endswith(
        "; no date format is inferred from '45003.5': they look like the serial numbers a "
        "spreadsheet stores dates and times as (45003.5 is 2023-03-18 12:00): format the column "
        "as dates with times in the spreadsheet and save the CSV again."
    )
