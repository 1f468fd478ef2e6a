"""Fixes found reviewing the command line's flag handling (each test fails without its fix)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        # a cluster before the command's name, whose long flag is the command's: no guess before
        (
            ["-vjson", "forecast", "airline"],
            "argument -v/--verbose: ignored explicit argument 'json'; did you mean `lstmkit "
            "forecast -v --json` for -vjson?",
            "",
        ),
        (
            ["-horizon", "3", "forecast", "airline"],
            "argument -h/--help: ignored explicit argument 'orizon'; did you mean `lstmkit "
            "forecast --horizon` for -horizon?",
            "",
        ),
        (
            ["-vhorizon", "3", "forecast", "airline"],
            "argument -h/--help: ignored explicit argument 'orizon'; did you mean `lstmkit "
            "forecast -v --horizon` for -vhorizon?",
            "",
        ),
        (
            ["text", "-vjson", "train", "sst2", "--out", "x"],
            "argument -v/--verbose: ignored explicit argument 'json'; did you mean `lstmkit "
            "text train -v --json` for -vjson?",
            " text",
        ),
        # a flag of the parser that refused the word comes first, as before
        (
            ["-verbose", "forecast", "airline"],
            "argument -v/--verbose: ignored explicit argument 'erbose'; did you mean --verbose "
            "for -verbose?",
            "",
        ),
    ],
)
def test_a_one_dash_word_before_the_command_is_guessed_among_the_commands_flags(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    # `lstmkit -json forecast airline` got "`lstmkit forecast --json` for -json", -vjson nothing
    assert flags_refusal(argv) == f"error: {said} (`lstmkit{prog} --help` lists the flags)\n"
