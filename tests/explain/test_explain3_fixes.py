"""Fixes of the explain3 pass: lrp explains the class the model's output shows on a near tie,
deletion_curve compares the inputs within the sequences' lengths only, lrp_seq2seq refuses a
PReLU of several slopes in its head, and lrp reads an old weight_norm embedding as its next
call computes it."""

from __future__ import annotations

import re

import pytest
import torch

from lstmkit.explain import deletion_curve, lrp
from lstmkit.text import TextClassifier

# -- 2. deletion_curve and the padding ----------------------------------------------------------


def test_deletion_curve_accepts_inputs_that_differ_only_in_the_padding() -> None:
    """They were refused: "`explanation` explains other inputs than `inputs`: they differ at 1
    of 8 steps, (sequence, step) (1, 3), ..." where step 3 of sequence 1 is padding the model
    never reads."""
    torch.manual_seed(0)
    model = TextClassifier(12, 5, 4, 3).eval()
    tokens = torch.tensor([[3, 4, 5, 6], [7, 2, 0, 0]])
    ex = lrp(model, tokens, lengths=[4, 2])
    repadded = tokens.clone()
    repadded[1, 2:] = torch.tensor([9, 1])
    expected = deletion_curve(model, tokens, ex, steps=2)
    assert torch.equal(deletion_curve(model, repadded, ex, steps=2), expected)
    changed = tokens.clone()
    changed[1, 1] = 9  # within the length: still refused, in the same words
    message = (
        "`explanation` explains other inputs than `inputs`: they differ at 1 of 8 steps, "
        "(sequence, step) (1, 1), and its relevance ranks the steps of those; pass the inputs "
        "it explains, or explain these."
    )
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        deletion_curve(model, changed, ex, steps=2)
