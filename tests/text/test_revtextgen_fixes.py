"""Fixes from a review of the text fixes of the same day (fit_seq2seq's pair checks)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch

from lstmkit.text import Seq2SeqConfig
from lstmkit.text.seq2seq import Seq2Seq, fit_seq2seq

CONFIG = Seq2SeqConfig(epochs=1, batch_size=4, embed_dim=4, hidden_size=6, progress=False)
WHY = "(0, 1, 2 are <pad>, <bos>, <eos>, which teacher forcing adds)"


def _model() -> Seq2Seq:
    torch.manual_seed(0)
    return Seq2Seq(source_vocab=11, target_vocab=6, embed_dim=4, hidden_size=6)


def test_fit_seq2seq_counts_one_more_bad_pair_in_the_singular() -> None:
    # "(and 1 more pairs)", in the check that came with "1 number" and "1 step"
    with pytest.raises(ValueError) as err:
        fit_seq2seq(_model(), [([1], [3, 40]), ([2], [4, 2])], CONFIG)
    assert str(err.value) == (
        f"each pair's target must hold int ids in [3, 6) {WHY}, got [3, 40] in `pairs[0]` (and 1 "
        "more pair)."
    )
    with pytest.raises(ValueError) as err:
        fit_seq2seq(_model(), [([0], [3]), ([], [4]), ([11], [5])], CONFIG)
    assert str(err.value) == (
        "each pair's source must be non-empty with int ids in [1, 11) (0 is padding), got [0] in "
        "`pairs[0]` (and 2 more pairs)."
    )


@pytest.mark.parametrize("array", [torch.tensor, np.array])
def test_fit_seq2seq_trains_pairs_given_as_the_rows_of_an_array(array: Callable[..., Any]) -> None:
    """A copy task's pairs of shape [N, 2, T] (source and target of one length) trained as
    the same pairs in a list before the check came, which refused each as "no pair"."""
    listed = [([1, 2], [3, 4]), ([3, 1], [5, 4])]
    expected = fit_seq2seq(_model(), listed, CONFIG)["loss"]
    assert expected == pytest.approx(1.952828, abs=1e-6)
    assert fit_seq2seq(_model(), array(listed), CONFIG)["loss"] == expected
    assert fit_seq2seq(_model(), [array(p) for p in listed], CONFIG)["loss"] == expected
    with pytest.raises(TypeError, match=r"^`pairs\[0\]` must be a \(source ids, target ids\) pair"):
        fit_seq2seq(_model(), array([[[1], [3], [4]]]), CONFIG)
