"""Fixes of the review of the session's commits (tests fail without their fix)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # the misspelt flag's value went to the positional, refused as its choice
        (
            ["text", "train-lm", "--outt", "lm", "shakespeare"],
            "unrecognized arguments: --outt lm (did you mean --out?); "
            "the following arguments are required: --out",
        ),
        (
            ["text", "train-seq2seq", "--outt", "lm"],
            "unrecognized arguments: --outt lm (did you mean --out?); "
            "the following arguments are required: --out",
        ),
        (
            ["text", "train", "--foo", "1"],
            "unrecognized arguments: --foo 1; the following arguments are required: --out",
        ),
        # given, also abbreviated or with its value after "=": not named
        (["text", "train-lm", "--ou=lm", "--foo", "1"], "unrecognized arguments: --foo 1"),
        (["text", "train-lm", "--foo", "1", "--out", "lm"], "unrecognized arguments: --foo 1"),
    ],
)
def test_a_stray_value_refused_as_a_choice_keeps_the_missing_required_flag(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`text train-lm --outt lm shakespeare` said only that --outt lm is unknown: argparse
    refuses 'lm' as the corpus before it looks for --out, so the rewrite had no "required"
    error to keep it from."""
    prog = " ".join(["lstmkit", *argv[:2]])
    assert flags_refusal(argv) == f"error: {said} (`{prog} --help` lists the flags)\n"
