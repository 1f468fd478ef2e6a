"""Review of cli23 (each test fails without its fix)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

# ---- 1. a negative count past int64 is shown as the configs show it ----------------------------

HUGE = "-1e+4300 (an int of 4301 digits)"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # the flags' own checks wrote the int whole: 4,301 digits failed in the message itself
        # ("Exceeds the limit (4300 digits) for integer string conversion"), 31 were shown whole
        # where `--epochs -1e30` (the config's check) says "-1e+30 (an int of 31 digits)"
        (["forecast", "airline", "--horizon", "-1e4300"], "--horizon must be a positive integer"),
        (["forecast", "airline", "--holdout", "-1e4300"], "--holdout must be >= 0"),
        (["forecast", "airline", "--threads", "-1e4300"], "--threads must be a positive integer"),
        (
            ["forecast", "airline", "--backtest", "--backtest-stride", "-1e4300"],
            "--backtest-stride must be >= 1 (steps between origins)",
        ),
        (
            ["forecast", "airline", "--backtest", "--backtest-origins", "-1e4300"],
            "--backtest-origins must be between 1 and 9 for this series",
        ),
        (["demo", "--steps", "-1e4300"], "--steps must be a positive integer"),
        (["explain", "m", "--top", "-1e4300"], "--top must be a positive integer"),
        (["explain", "m", "--threads", "-1e4300"], "--threads must be a positive integer"),
        (["text", "generate", "m", "--length", "-1e4300"], "--length must be an integer >= 0"),
        (["text", "generate", "m", "--top-k", "-1e4300"], "--top-k must be a positive integer"),
        (["text", "spell", "m", "3", "--beam", "-1e4300"], "--beam must be a positive integer"),
    ],
)
def test_a_huge_negative_count_is_shown_abridged(
    interval_refusal: Callable[[list[str]], str], tmp_path, monkeypatch, argv: list[str], said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert interval_refusal(argv) == f"error: {said}, got {HUGE}.\n"


def test_a_backtest_flag_without_backtest_shows_its_value_abridged(
    interval_refusal: Callable[[list[str]], str],
) -> None:
    assert interval_refusal(["forecast", "airline", "--backtest-stride", "-1e4300"]) == (
        f"error: --backtest-stride ({HUGE}) applies to the backtest; add --backtest.\n"
    )
    assert interval_refusal(["forecast", "airline", "--backtest-origins", "3"]) == (
        "error: --backtest-origins (3) applies to the backtest; add --backtest.\n"
    )


def test_every_flag_and_the_config_show_minus_1e30_alike(
    interval_refusal: Callable[[list[str]], str],
) -> None:
    """`--horizon -1e30` showed its 31 digits beside `--epochs -1e30`'s "-1e+30 (an int of 31
    digits)", in one message."""
    assert interval_refusal(["forecast", "airline", "--horizon", "-1e30", "--epochs", "-1e30"]) == (
        "error: --horizon must be a positive integer, got -1e+30 (an int of 31 digits). --epochs "
        "must be a positive integer, got -1e+30 (an int of 31 digits).\n"
    )
