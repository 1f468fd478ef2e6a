"""Defects of the text side found reviewing the left3 change, each pinned by its test."""

from __future__ import annotations

import re

import pytest
import torch

from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary


@pytest.mark.parametrize("several", [False, True])
def test_a_zero_d_tensor_on_the_meta_device_is_refused_by_name(several: bool) -> None:
    # its value cannot be read: operator.index raised "Tensor.item() cannot be called on meta
    # tensors", a RuntimeError that named no argument
    vocab = Vocabulary.build(["a good film", "a bad film"])
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))
    target = torch.tensor(1, device="meta")
    expected = (
        "`target` must be a class index, one of the labels ('neg', 'pos') or None, got Tensor "
        "tensor(..., device='meta', size=(), dtype=torch.int64)."
    )
    with pytest.raises(TypeError, match=re.escape(expected) + "$"):
        if several:
            predictor.explain_many(["a good film"], target=target)
        else:
            predictor.explain("a good film", target=target)
