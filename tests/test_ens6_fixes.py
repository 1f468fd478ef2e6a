"""Fixes of the ens6 session (explanations and messages): one test (or a few) per fix."""

from __future__ import annotations

import copy

import pytest
import torch

# -- 1. an ensemble's tie costs no second explanation: its prediction runs first ---------------


class _NoBar:
    def update(self, n: int) -> None:
        pass


@pytest.mark.parametrize(
    ("method", "calls"),
    [("lrp", [2, 2]), ("gradxinput", [2, 2, 2, 2]), ("occlusion", [2, 2, 2, 6, 2, 6])],
)
def test_an_ensembles_tied_batch_is_explained_once(method: str, calls: int, tied_classifier):
    """On "a good film" the logits' arg-max is "positive", the probabilities' "negative": the
    ensemble's batch was explained for the first, then again for the second (lrp: the member
    called 4 times, gradxinput 8, occlusion 16). Its prediction (each member once) now names
    the class before the one explanation: LRP checks the members against it, running none."""
    from lstmkit.text import ClassifierEnsemble
    from lstmkit.text.sentiment import SentimentPredictor

    model, vocab = tied_classifier
    members = [model, copy.deepcopy(model)]  # two modules: each member's output recorded
    predictor = SentimentPredictor(
        ClassifierEnsemble(members).eval(), vocab, ("negative", "positive")
    )
    ids = [vocab.encode(predictor.tokens(t)) for t in ["a good film", "a bad film"]]
    seen = []  # the rows of each member's call
    handles = [m.register_forward_pre_hook(lambda _m, a: seen.append(len(a[0]))) for m in members]
    try:
        [(positions, ex, output)] = list(
            predictor._explained_batches(ids, None, 64, _NoBar(), method)
        )
    finally:
        for handle in handles:
            handle.remove()
    assert seen == calls
    assert positions == [0, 1]
    assert ex.target.tolist() == [0, 0]
    assert torch.softmax(output, dim=-1)[0].tolist() == [0.5, 0.5]
