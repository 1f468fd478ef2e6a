"""Small defects left by earlier reviews: stray flags, a closed stderr, serial dates."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lstmkit.__main__ import run
from lstmkit.cli import main


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


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
        # a stray flag that fed no positional leaves argparse's own message
        (["text", "spell", "m", "--foo"], "the following arguments are required: number"),
        (["fooo", "--epochs", "1"], "argument COMMAND: invalid choice: 'fooo' (choose from"),
    ],
)
def test_every_stray_flag_is_named_whatever_argparse_missed(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """`text spell --foo 1` said "the following arguments are required: number": only an
    "invalid choice" was traced to the flag the command lacks, and only the first such flag."""
    err = _error(argv, capsys)
    command = argv[:2] if argv[0] == "text" else argv[:1] if argv[0] == "forecast" else []
    prog = " ".join(["lstmkit", *command])
    assert err.startswith(f"error: {said}")
    assert err.endswith(f" (`{prog} --help` lists the flags)\n") and err.count("\n") == 1


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
