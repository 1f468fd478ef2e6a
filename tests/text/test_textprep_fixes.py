"""Fixes of the textprep session: the text training's preparation and the predictor's checks."""

from __future__ import annotations

import re

import pytest
import torch

from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import SentimentPredictor, _label_mask
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


def _predictor() -> SentimentPredictor:
    return SentimentPredictor(TextClassifier(3, 2, 2, 2), Vocabulary(["a"]), ("n", "p"))


def test_predictor_names_every_misfit_in_one_error_the_first_five_and_a_count():
    predictor = _predictor()
    texts = ["a", None, 3, "a", b"a", 1.5, 2, [1], 0]
    message = (
        "`texts` must hold str only, got `texts[1]` None, `texts[2]` int 3, "
        "`texts[4]` bytes b'a', `texts[5]` float 1.5, `texts[6]` int 2 and 2 more."
    )
    for method in (predictor.predict_proba, predictor.predict_many, predictor.explain_many):
        with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
            method(texts)
    with pytest.raises(TypeError, match=r"^`texts` must be a sequence of str, got int\.$"):
        predictor.predict_many(3)
    empty = ["", "a", " ", "\t", "a", "", "\n", "  ", "a"]
    message = (
        "every text must contain a token, got none in `texts[0]` '', `texts[2]` ' ', "
        "`texts[3]` '\\t', `texts[5]` '', `texts[6]` '\\n' and 1 more."
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        predictor.predict_proba(empty)
