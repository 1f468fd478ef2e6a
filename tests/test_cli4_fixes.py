"""Command-line polish from a README walk-through, each pinned by the test that found it."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        (
            ["forecast", "-horizon", "3"],
            "unrecognized arguments: -horizon; did you mean --horizon for -horizon?",
            "forecast",
        ),
        (
            ["predict", "runs/airline", "-horizon=3"],
            "unrecognized arguments: -horizon=3; did you mean --horizon for -horizon=3?",
            "predict",
        ),
        (
            ["text", "train", "sst2", "-hepochs", "2"],
            "unrecognized arguments: -hepochs; did you mean --epochs for -hepochs?",
            "text train",
        ),
        (
            ["explain", "-verbose"],
            "unrecognized arguments: -verbose; did you mean --verbose for -verbose?",
            "explain",
        ),
        (
            ["demo", "-help"],
            "unrecognized arguments: -help; did you mean --help for -help?",
            "demo",
        ),
        # nothing it looks like: argparse's reading is all there is to say
        (
            ["forecast", "airline", "-vvz"],
            "argument -v/--verbose: ignored explicit argument 'z'",
            "forecast",
        ),
    ],
)
def test_a_long_flag_with_one_dash_gets_the_guess_alone(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit forecast -horizon 3` opened with argparse's "argument -h/--help: ignored
    explicit argument 'orizon'" before the guess: a flag the user never typed."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit {prog} --help` lists the flags)\n"
