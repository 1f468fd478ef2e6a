"""Fixes of the review of the tidy5 and explain5 merges: one test (or a few) per fix."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.text import SentimentConfig

_TOP = 2**63 - 1

# -- 1. a text ensemble counted by a numpy integer leaves room for each member's seed ----------


@pytest.mark.parametrize("ensemble", [3, np.int64(3)], ids=["int", "np.int64"])
def test_a_numpy_ensemble_size_lowers_the_seeds_top_as_an_int_does(ensemble) -> None:
    # np.int64(3) took the seed 2**63 - 1, whose members 2 and 3 draw 2**63 and 2**63 + 1,
    # more than torch's generators take
    with pytest.raises(ValueError) as err:
        SentimentConfig(seed=_TOP, ensemble=ensemble)
    assert str(err.value) == (
        f"`seed` must be an integer in [0, {_TOP - 2}] with ensemble=3 (member k uses seed + k), "
        f"got {_TOP}."
    )
    assert SentimentConfig(seed=_TOP - 2, ensemble=ensemble).ensemble == 3


# -- 2. (a guard of the merge) an ensemble's batch explains the classes shown on a tie ---------


class _NoBar:
    def update(self, n: int) -> None:
        pass


@pytest.mark.parametrize("method", ["lrp", "gradxinput", "ig", "occlusion", "sensitivity"])
def test_an_ensembles_tie_explains_the_classes_shown(method: str, tied_classifier) -> None:
    """On "a good film" an ensemble's logits' arg-max is "positive", the probabilities'
    "negative": its batch is explained for the classes shown, as one model's is (the prediction
    runs first for both: test_ens6_fixes)."""
    from lstmkit.text import ClassifierEnsemble
    from lstmkit.text.sentiment import SentimentPredictor

    model, vocab = tied_classifier
    labels = ("negative", "positive")
    one = SentimentPredictor(model, vocab, labels)
    ensemble = SentimentPredictor(ClassifierEnsemble([model, model]).eval(), vocab, labels)
    texts = ["a good film", "a bad film", "a good film"]
    ids = [vocab.encode(one.tokens(t)) for t in texts]
    found = {}
    for name, predictor in (("one", one), ("ensemble", ensemble)):
        for target in (None, 0):
            batches = predictor._explained_batches(ids, target, 64, _NoBar(), method)
            [(positions, ex, output)] = list(batches)
            assert positions == [0, 1, 2]
            assert ex.target.tolist() == [0, 0, 0]
            assert torch.softmax(output, dim=-1)[0].tolist() == [0.5, 0.5]
            found[name, target] = ex.relevance
    torch.testing.assert_close(found["ensemble", None], found["ensemble", 0], rtol=0, atol=0)
    torch.testing.assert_close(found["ensemble", None], found["one", None])
    if method == "lrp":  # explain_many, LRP's: the shown class's relevances, as asked for it
        assert ensemble.explain_many(texts) == ensemble.explain_many(texts, "negative")
