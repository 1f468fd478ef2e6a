"""Fixes found reviewing the command line's flag handling (tests fail without their fix)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["text", "train-lm", "--out", "lm", "--jsn", "1"],
            "unrecognized arguments: --jsn 1; did you mean --json (it takes no value)?",
        ),
        (
            ["text", "train-lm", "--jsn", "1"],
            "unrecognized arguments: --jsn 1 (did you mean --json (it takes no value)?); the "
            "following arguments are required: --out",
        ),
    ],
)
def test_a_misspelt_no_value_flag_whose_word_a_positional_refused_is_named(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`lstmkit text train-lm --out lm --jsn 1` said only "argument corpus: invalid choice:
    '1'": the word after a flag that looks misspelt from one taking no value was taken for the
    positional it seemed, also where that positional refused it, so --jsn went unnamed."""
    expected = f"error: {said} (`lstmkit text train-lm --help` lists the flags)\n"
    assert flags_refusal(argv) == expected
