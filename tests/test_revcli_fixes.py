"""Fixes found reviewing the command line's did-you-mean of today (tests fail without them)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        # the guess named a --jsn that the list before it left out
        (
            ["--jsn", "forecast", "--epocs", "3", "airline"],
            "unrecognized arguments: --jsn --epocs 3; did you mean `lstmkit forecast --epochs 3 "
            "airline --json`?",
            "forecast",
        ),
        # and without a guess, the flag before the command's name went unsaid
        (
            ["--zz", "text", "--yy", "spell", "--foo", "1", "x"],
            "unrecognized arguments: --zz --yy --foo 1",
            "text spell",
        ),
    ],
)
def test_a_stray_before_the_command_is_named_where_a_later_one_fed_a_positional(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit --jsn forecast --epocs 3 airline` said "unrecognized arguments: --epocs 3;
    did you mean `lstmkit forecast --json` for --jsn, --epochs for --epocs?": the 3 went to
    the dataset, and the flags before the command's name were dropped from the list."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit {prog} --help` lists the flags)\n"
