"""Fixes found reviewing the day's changes to the command line (tests fail without their fix)."""

from __future__ import annotations

import pytest

from lstmkit.cli import main


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one line `lstmkit ARGV` writes on stderr when it refuses its flags (exit 2)."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # -vv is -v twice to argparse: only what is missing is said
        (["text", "train-lm", "-vv"], "the following arguments are required: --out"),
        (["predict", "-vv"], "the following arguments are required: model"),
        (["text", "spell", "-vv", "m"], "the following arguments are required: number"),
        # the misspelt corpus, not -vv with it as a value
        (
            ["text", "train-lm", "--out", "lm", "-vv", "shakespear"],
            "argument corpus: invalid choice: 'shakespear' (choose from 'shakespeare')",
        ),
    ],
)
def test_combined_short_flags_are_no_stray(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """`lstmkit text train-lm -vv` said "unrecognized arguments: -vv; the following arguments
    are required: --out", though argparse reads -vv as -v -v."""
    prog = " ".join(["lstmkit", *argv[: 2 if argv[0] == "text" else 1]])
    assert _error(argv, capsys) == f"error: {said} (`{prog} --help` lists the flags)\n"
