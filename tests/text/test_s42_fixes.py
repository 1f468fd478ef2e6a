"""Fixes of the session's own last read (fit_seq2seq given its sources and targets apart)."""

from __future__ import annotations

import pytest
import torch

from lstmkit.text import Seq2SeqConfig
from lstmkit.text.seq2seq import Seq2Seq, fit_seq2seq

CONFIG = Seq2SeqConfig(epochs=1, batch_size=4, embed_dim=4, hidden_size=6, progress=False)


def _model() -> Seq2Seq:
    torch.manual_seed(0)
    return Seq2Seq(source_vocab=11, target_vocab=60, embed_dim=4, hidden_size=6)


def test_sources_and_targets_given_apart_are_named_so_in_a_short_message() -> None:
    # fit_seq2seq(model, (sources, targets)): pairs[0] was every source, written out whole
    # (11,041 characters for 1,000 pairs, about 250 KB for the 20,000 numbers)
    sources = [[1 + k % 10, 2] for k in range(1000)]
    targets = [[3 + k % 50] for k in range(1000)]
    with pytest.raises(TypeError) as err:
        fit_seq2seq(_model(), (sources, targets), CONFIG)
    assert str(err.value) == (
        "`pairs[0]` must be a (source ids, target ids) pair, got list [[1, 2], [2, 2], [3, 2], "
        "[4, 2], [5, 2], [6, 2], ...]; `pairs` looks like (sources, targets): pass "
        "list(zip(sources, targets))."
    )
    pairs = list(zip(sources, targets, strict=True))
    assert fit_seq2seq(_model(), pairs[:8], CONFIG)["steps"] == 2  # as the message says


def test_a_pair_of_three_rows_is_still_no_pair_and_not_taken_for_sources_and_targets() -> None:
    with pytest.raises(TypeError) as err:
        fit_seq2seq(_model(), torch.tensor([[[1], [3], [4]]]), CONFIG)
    assert str(err.value) == (
        "`pairs[0]` must be a (source ids, target ids) pair, got Tensor [[1], [3], [4]]."
    )
