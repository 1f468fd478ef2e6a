"""Fixes of the textprep session: the text training's preparation and the predictor's checks."""

from __future__ import annotations

import re

import pytest
import torch

from lstmkit.text.sentiment import _label_mask
from lstmkit.text.vocab import Vocabulary


def test_encode_reads_an_iterator_of_tokens_once():
    # an iterator was consumed by the check of its tokens and encoded as []
    vocab = Vocabulary(["a", "b"])
    assert vocab.encode(iter(["a", "b", "<pad>", "z"])) == [2, 3, 1, 1]
    assert vocab.encode(("b", "<pad>", "<unk>")) == [3, 1, 1]


def test_encode_names_the_first_token_that_is_not_a_str():
    vocab = Vocabulary(["a"])
    message = "`text` must be a str or a sequence of str tokens, got int 7 at position 2."
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        vocab.encode(["a", "a", 7, None])


def test_build_counts_as_before():
    vocab = Vocabulary.build([["b", "a"], "a c", ("a", "b", "<pad>")], min_freq=2)
    assert vocab.itos == ["<pad>", "<unk>", "a", "b"]


def test_label_mask_of_single_classes_and_of_sets():
    assert _label_mask([1, 0, 2, 1], 3).tolist() == [
        [False, True, False],
        [True, False, False],
        [False, False, True],
        [False, True, False],
    ]
    assert _label_mask([[0, 2], [1]], 3).tolist() == [[True, False, True], [False, True, False]]
    assert _label_mask([], 2).shape == torch.Size([0, 2])
