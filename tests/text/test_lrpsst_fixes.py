"""Fixes from reproducing Arras et al. (2017) on SST: the predictor's LRP options."""

from __future__ import annotations

import pytest
import torch

from lstmkit.explain import lrp
from lstmkit.text import SentimentPredictor, TextClassifier
from lstmkit.text.vocab import Vocabulary


def _predictor() -> SentimentPredictor:
    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film", "not good at all"])
    model = TextClassifier(len(vocab), 6, 5, 2).eval()
    return SentimentPredictor(model, vocab, ("negative", "positive"))


def test_explain_takes_eps_and_bias_factor_as_lrp_does() -> None:
    """`predictor.explain` ran LRP at eps=1e-3, bias_factor=0 with no way to change either: a
    researcher could not get relevances that sum to the score (Arras et al.'s delta = 1), nor
    the larger eps that keeps a long text's relevances from amplifying, without dropping to
    `lrp` and encoding the text by hand."""
    predictor = _predictor()
    text = "not a good film at all"
    ids = torch.tensor([predictor.vocab.encode(text)])
    for eps, bias_factor in ((1e-3, 0.0), (0.1, 1.0)):
        ex = lrp(predictor.model, ids, target=1, eps=eps, bias_factor=bias_factor)
        got = predictor.explain(text, "positive", eps=eps, bias_factor=bias_factor)
        assert [t for t, _ in got] == ["not", "a", "good", "film", "at", "all"]
        assert [r for _, r in got] == pytest.approx(ex.relevance[0].tolist(), abs=1e-12)
        many = predictor.explain_many([text], 1, eps=eps, bias_factor=bias_factor)
        assert many == [got]
    relevance = [r for _, r in predictor.explain(text, 1, eps=0.1, bias_factor=1.0)]
    assert sum(relevance) + float(ex.initial_state[0]) == pytest.approx(
        float(ex.score[0]), abs=1e-12
    )
    # the default stays the one before: eps=1e-3, bias_factor=0
    assert predictor.explain(text, 1) == predictor.explain(text, 1, eps=1e-3, bias_factor=0.0)
    assert predictor.explain(text, 1) != predictor.explain(text, 1, bias_factor=1.0)


def test_explain_refuses_bad_lrp_options_by_name() -> None:
    predictor = _predictor()
    with pytest.raises(ValueError) as info:
        predictor.explain("a good film", eps=0.0)
    assert str(info.value) == "`eps` must be a positive finite number, got 0.0."
    with pytest.raises(ValueError) as info:
        predictor.explain_many(["a good film"], bias_factor=2)
    assert str(info.value) == (
        "`bias_factor` must be a number in [0, 1] (the share of each bias handed down: 0 keeps "
        "it, 1 conserves relevance exactly), got 2."
    )
