"""Fixes from the second review of the day's merged changes (text)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.text import Seq2SeqConfig
from lstmkit.text.seq2seq import Seq2Seq, fit_seq2seq

CONFIG = Seq2SeqConfig(epochs=1, batch_size=4, embed_dim=4, hidden_size=6, progress=False)


def test_a_dict_of_two_pairs_is_refused_with_the_pairs_message_not_a_key_error() -> None:
    # the check for (sources, targets) given apart read pairs[0] of a dict: KeyError: 0
    torch.manual_seed(0)
    model = Seq2Seq(source_vocab=11, target_vocab=60, embed_dim=4, hidden_size=6)
    with pytest.raises(TypeError) as err:
        fit_seq2seq(model, {(1, 2): (3, 4), (5, 6): (7, 8)}, CONFIG)
    assert str(err.value) == (
        "`pairs[0]` must be a (source ids, target ids) pair, got tuple (1, 2)."
    )


def test_a_numpy_scalar_for_a_pair_is_shown_as_numpy_2_writes_it_on_numpy_1_too() -> None:
    # the shortened repr wrote np.int64(5) as "5" on numpy 1: "got int64 5"
    torch.manual_seed(0)
    model = Seq2Seq(source_vocab=11, target_vocab=60, embed_dim=4, hidden_size=6)
    with pytest.raises(TypeError) as err:
        fit_seq2seq(model, [np.int64(5)], CONFIG)
    assert str(err.value) == (
        "`pairs[0]` must be a (source ids, target ids) pair, got np.int64(5)."
    )
