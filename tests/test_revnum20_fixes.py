"""Review of num20 (integer flags, device indexes, LRP targets of other number types): the
neighbouring inputs it left out, each told as the ones it fixed are."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import torch

from lstmkit.forecast import ForecasterConfig

# --- --windows-per-epoch, an integer flag that takes words too --------------------------------


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        # "got '1.5'." alone, where --epochs 1.5 says "(not whole)"
        ("1.5", " (not whole)"),
        ("nan", " (not a number)"),
        ("1e5000", " (too large)"),
        ("0", ""),  # whole: refused for its sign alone, with no "(not whole)"
        ("-3", ""),
        ("x", ""),
    ],
)
def test_windows_per_epoch_tells_why_a_number_is_no_count(
    flags_refusal: Callable[[list[str]], str], value: str, hint: str
) -> None:
    said = flags_refusal(["forecast", "airline", "--windows-per-epoch", value])
    assert said == (
        "error: --windows-per-epoch must be a positive integer, 'auto' or 'all', got "
        f"{value!r}{hint}.\n"
    )


# --- an LRP target of Fractions or Decimals beside ints, nested, or empty ---------------------


EXPECTED = (
    "`target` must be an integer output index, one integer per sequence, or None (the arg-max), "
    "got "
)


@pytest.fixture(scope="module")
def classifier() -> torch.nn.Module:
    from lstmkit.text import TextClassifier

    torch.manual_seed(0)
    return TextClassifier(vocab_size=10, embed_dim=4, hidden_size=4, num_classes=3).double()


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        # beside an int, the Fraction lost the word "non-integers are refused"
        ([1, Fraction(2)], "list [1, Fraction(2, 1)]"),
        ((Decimal(0), 1), "tuple (Decimal('0'), 1)"),
        ([[Fraction(1)]], "list [[Fraction(1, 1)]]"),
        (np.array([Fraction(1)], dtype=object), "ndarray array([Fraction(1, 1)], dtype=object)"),
    ],
)
def test_an_lrp_target_with_a_fraction_among_ints_is_told_non_integers_are_refused(
    classifier: torch.nn.Module, target: object, shown: str
) -> None:
    from lstmkit.explain import lrp

    with pytest.raises(TypeError) as info:
        lrp(classifier, torch.tensor([[1, 2, 3], [4, 5, 6]]), target=target)  # type: ignore[arg-type]
    assert str(info.value) == f"{EXPECTED}{shown}; non-integers are refused."


def test_an_lrp_target_of_text_and_numbers_has_no_word_of_non_integers(
    classifier: torch.nn.Module,
) -> None:
    from lstmkit.explain import lrp

    with pytest.raises(TypeError) as info:
        lrp(classifier, torch.tensor([[1, 2, 3], [4, 5, 6]]), target=[Fraction(1), "a"])  # type: ignore[arg-type]
    assert str(info.value) == f"{EXPECTED}list [Fraction(1, 1), 'a']."


def test_an_empty_lrp_target_is_told_its_count_not_refused_as_a_float(
    classifier: torch.nn.Module,
) -> None:
    from lstmkit.explain import lrp

    # torch reads [] as a float tensor: "got list []; non-integers are refused."
    with pytest.raises(ValueError) as info:
        lrp(classifier, torch.tensor([[1, 2, 3], [4, 5, 6]]), target=[])
    assert str(info.value) == (
        "`target` must be an integer or one index per sequence (2), got 0 values."
    )
    with pytest.raises(TypeError) as typed:  # a float tensor of nothing is still a float one
        lrp(classifier, torch.tensor([[1, 2, 3], [4, 5, 6]]), target=torch.tensor([]))
    assert (
        str(typed.value) == f"{EXPECTED}tensor([]) (dtype torch.float32); non-integers are refused."
    )


# --- a device index as text (the command line's --device 0) -----------------------------------


def test_a_device_index_as_text_is_told_how_torch_writes_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from lstmkit._device import _accelerator_type
    from lstmkit.cli import main

    kind = _accelerator_type()  # "cuda" where there is none, "mps" on a Mac
    # ForecasterConfig(device=0) is taken, and `--device 0` was refused with no word of an index
    start = "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', ...)"
    with pytest.raises(ValueError) as info:
        ForecasterConfig(device="0")
    assert str(info.value) == f"{start}, got '0': an index is written after its type, '{kind}:0'."
    assert main(["forecast", "airline", "--device", "01"]) == 2
    assert capsys.readouterr().err == (
        f"error: --device must name a torch device that computes ('cpu', 'cuda', 'cuda:1', "
        f"'mps', ...), got '01': an index is written after its type, '{kind}:1'.\n"
    )
    with pytest.raises(ValueError) as info:  # no index torch holds: no such advice
        ForecasterConfig(device="128")
    assert str(info.value) == f"{start}, got '128'."


# --- "an integer" in the text and explain counts num20 left saying "an int" -------------------


def test_the_text_and_explain_counts_say_an_integer() -> None:
    # num20 moved max_digits and generate's counts to "an integer"; these still said "an int"
    from lstmkit.text import TextClassifier, Vocabulary, pad_batch

    with pytest.raises(TypeError) as info:
        Vocabulary.build(["a film"], min_freq="2")  # type: ignore[arg-type]
    assert str(info.value) == "`min_freq` must be an integer, got '2'."
    with pytest.raises(TypeError) as info:
        pad_batch([[1]], 1.0)  # type: ignore[arg-type]
    assert str(info.value) == "`pad_id` must be an integer, got 1.0."
    with pytest.raises(ValueError) as info:
        TextClassifier(10, 4, 4, 2, padding_idx=12)
    assert str(info.value) == "`padding_idx` must be an integer in [0, 10) or None, got 12."
