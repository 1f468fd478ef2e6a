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


# --- 2. text for a text module's size ----------------------------------------------------------


def test_text_for_a_charlm_size_is_a_type_error_as_the_configs_say_it() -> None:
    # CharLM(vocab_size="20%") was a plain ValueError with no word of the text
    with pytest.raises(TypeError) as config:
        SentimentConfig(epochs="3")  # type: ignore[arg-type]
    assert (
        str(config.value) == "`epochs` must be a positive integer, got '3' (a number, not text: 3)."
    )
    with pytest.raises(TypeError) as info:
        CharLM(vocab_size="20%")  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)  # as it was, for code that catches that
    assert str(info.value) == f"`vocab_size` must be a positive integer, got '20%' {NO_PERCENT}."
    with pytest.raises(TypeError) as info:
        CharLM(vocab_size="0", dropout="20%")  # type: ignore[arg-type]
    assert str(info.value) == (
        "`vocab_size` must be a positive integer, got '0' (a number, not text: 0; but 0 would be "
        "refused too). `dropout` must be a number in [0, 1), got '20%' (a number, not text: 0.2 "
        "for 20 %)."
    )
    with pytest.raises(ValueError) as number:
        CharLM(vocab_size=0)
    assert type(number.value) is ValueError  # a number is still a ValueError
    assert str(number.value) == "`vocab_size` must be a positive integer, got 0."


def test_text_for_a_seq2seq_size_is_a_type_error_with_its_minimum() -> None:
    with pytest.raises(TypeError) as info:
        Seq2Seq("2", "20%")  # type: ignore[arg-type]
    assert str(info.value) == (
        "`source_vocab` must be an integer >= 2 (id 0 is padding), got '2' (a number, not text: "
        "2). `target_vocab` must be an integer >= 3 (ids 0, 1, 2 are <pad>, <bos>, <eos>), got "
        f"'20%' {NO_PERCENT}."
    )
    with pytest.raises(TypeError) as info:
        Seq2Seq("1", 3)  # type: ignore[arg-type]
    assert str(info.value) == (
        "`source_vocab` must be an integer >= 2 (id 0 is padding), got '1' (a number, not text: "
        "1; but 1 would be refused too)."
    )


# --- 4. "an integer" ---------------------------------------------------------------------------


def test_max_digits_and_the_text_counts_say_an_integer() -> None:
    # "`max_digits` must be an integer in 1..9": the project's word is "an integer"
    with pytest.raises(ValueError) as info:
        Seq2SeqConfig(max_digits=10)
    assert str(info.value) == "`max_digits` must be an integer in 1..9, got 10."
    from lstmkit.text import number_to_words

    with pytest.raises(TypeError) as info:
        number_to_words(4.0)  # type: ignore[arg-type]
    assert str(info.value) == "`n` must be an integer, got float 4.0."


# --- 5. a device index -------------------------------------------------------------------------


def test_a_config_takes_a_device_index_as_torch_does_and_stays_json() -> None:
    # ForecasterConfig(device=0) was refused though nn.LSTM(device=0) takes it
    from lstmkit._device import _accelerator_type

    kind = _accelerator_type()  # "cuda" where there is none
    config = ForecasterConfig(device=0)  # type: ignore[arg-type]
    assert config.device == f"{kind}:0"
    assert config == ForecasterConfig(device=f"{kind}:0")
    assert ForecasterConfig(**json.loads(json.dumps(asdict(config)))) == config
    assert ForecasterConfig(device=np.int64(1)).device == f"{kind}:1"  # type: ignore[arg-type]
    for text_config in (CharLMConfig, SentimentConfig, Seq2SeqConfig):
        assert text_config(device=0).device == f"{kind}:0"  # type: ignore[arg-type]


@pytest.mark.parametrize("index", [-1, 128])
def test_a_device_index_torch_cannot_hold_is_refused_saying_an_index(index: int) -> None:
    with pytest.raises(ValueError) as info:
        ForecasterConfig(device=index)  # type: ignore[arg-type]
    assert str(info.value) == (
        "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', ...) "
        f"or its index (0 to 127), got {index}."
    )
    with pytest.raises(ValueError, match=r"^`device` must name a torch device .*, got True\.$"):
        ForecasterConfig(device=True)  # type: ignore[arg-type]


# --- 6. an LRP target of another number type --------------------------------------------------


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        (Fraction(1), "Fraction Fraction(1, 1)"),
        (Decimal(1), "Decimal Decimal('1')"),
        ([Fraction(1), Fraction(2)], "list [Fraction(1, 1), Fraction(2, 1)]"),
    ],
)
def test_an_lrp_target_as_a_fraction_or_decimal_is_refused_as_a_float_is(
    target: object, shown: str
) -> None:
    from lstmkit.explain import lrp
    from lstmkit.text import TextClassifier

    torch.manual_seed(0)
    model = TextClassifier(vocab_size=10, embed_dim=4, hidden_size=4, num_classes=3).double()
    tokens = torch.tensor([[1, 2, 3], [4, 5, 6]])
    expected = (
        "`target` must be an integer output index, one integer per sequence, or None (the "
        "arg-max), got "
    )
    with pytest.raises(TypeError) as info:
        lrp(model, tokens, target=target)  # type: ignore[arg-type]
    assert str(info.value) == f"{expected}{shown}; non-integers are refused."
    with pytest.raises(TypeError) as info:
        lrp(model, tokens, target=1.0)  # type: ignore[arg-type]
    assert str(info.value) == f"{expected}float 1.0; non-integers are refused."
    assert lrp(model, tokens, target=1).relevance.shape[:2] == (2, 3)
