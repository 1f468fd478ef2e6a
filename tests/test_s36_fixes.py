"""Fixes of the session's own last read (tests fail without their fix)."""

from __future__ import annotations

import pytest

from lstmkit.cli import main


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # the stray flag fed no positional here, and --out is missing whatever it fed
        (
            ["text", "train-lm", "shakespeare", "--foo", "1"],
            "unrecognized arguments: --foo 1; the following arguments are required: --out",
        ),
        # a misspelt required flag: both the misspelling and the flag it missed
        (
            ["text", "train-seq2seq", "numbers", "--outt", "lm"],
            "unrecognized arguments: --outt lm; the following arguments are required: --out",
        ),
        # a missing positional may be the strays' doing (their value took its place): not named
        (["text", "spell", "--foo", "1"], "unrecognized arguments: --foo 1"),
    ],
)
def test_a_stray_flag_does_not_hide_a_missing_required_flag(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """`text train-lm shakespeare --foo 1` without --out said only that --foo 1 is unknown:
    the rewrite of argparse's "required" error for a stray flag dropped the flag still
    missing."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    prog = " ".join(["lstmkit", *argv[:2]])
    assert captured.out == ""
    assert captured.err == f"error: {said} (`{prog} --help` lists the flags)\n"
