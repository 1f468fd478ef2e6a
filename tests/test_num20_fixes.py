"""Numbers and config values said in one wording: integer flags refused as the decimal flags are,
text for a text module's size a TypeError, "an integer" for every count, a device index taken by
the configs, and an LRP ``target`` given as a Fraction or Decimal refused as 1.0 is."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.forecast import ForecasterConfig
from lstmkit.text import CharLM, CharLMConfig, SentimentConfig, Seq2Seq, Seq2SeqConfig

NO_PERCENT = "(a percentage is no number here)"


# --- 1. integer flags ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # argparse's "argument --horizon: invalid int value: '20%'" named no number
        (
            ["forecast", "airline", "--horizon", "20%"],
            f"--horizon must be an integer, got '20%' {NO_PERCENT}",
        ),
        (
            ["forecast", "airline", "--epochs", "1.5"],
            "--epochs must be an integer, got '1.5' (not whole)",
        ),
        (["forecast", "airline", "--lookback", "x"], "--lookback must be an integer, got 'x'"),
        (
            ["forecast", "airline", "--seed", "nan"],
            "--seed must be an integer, got 'nan' (not a number)",
        ),
        (
            ["forecast", "airline", "--holdout", "10%"],
            "--holdout must be an integer, got '10%' (a count of points, not a percentage)",
        ),
        (
            ["forecast", "airline", "--windows-per-epoch", "20%"],
            "--windows-per-epoch must be a positive integer, 'auto' or 'all', got '20%' "
            + NO_PERCENT,
        ),
        (
            ["text", "train-lm", "shakespeare", "--out", "o", "--bptt", "20%"],
            f"--bptt must be an integer, got '20%' {NO_PERCENT}",
        ),
        (
            ["text", "train", "sst2", "--out", "o", "--epochs", "2.5"],
            "--epochs must be an integer, got '2.5' (not whole)",
        ),
        (["explain", "m", "--top", "20%"], f"--top must be an integer, got '20%' {NO_PERCENT}"),
        (["demo", "--steps", "2.5"], "--steps must be an integer, got '2.5' (not whole)"),
    ],
)
def test_an_integer_flag_is_refused_as_a_decimal_flag_is(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    assert flags_refusal(argv) == f"error: {said}.\n"


def test_the_integer_and_decimal_flags_refuse_a_percentage_in_one_shape(
    flags_refusal: Callable[[list[str]], str],
    interval_refusal: Callable[[list[str]], str],
    tmp_path: Path,
) -> None:
    out = tmp_path / "run"
    decimal = interval_refusal(["forecast", "airline", "--lr", "20%", "--out", str(out)])
    integer = flags_refusal(["forecast", "airline", "--horizon", "20%", "--out", str(out)])
    assert decimal == f"error: --lr must be a positive finite number, got '20%' {NO_PERCENT}.\n"
    assert integer == decimal.replace("--lr", "--horizon").replace(
        "a positive finite number", "an integer"
    )
    assert not out.exists()  # nothing written on refusal
