"""revlefttext36: an empty label ('' or spaces) told as missing on every Python route, as
``lstmkit text evaluate`` calls it empty, and ``--drop-unknown``'s note counting the rows of
an empty label apart from those of a label the model does not know."""

from __future__ import annotations

import pandas as pd
import pytest
import torch

from lstmkit.text import SentimentPredictor, Vocabulary
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import class_figures

DROP = "(positions counted from 0): drop those {}s and labels first"


def _predictor() -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    model = TextClassifier(len(vocab), 4, 3, 2)
    return SentimentPredictor(model, vocab, ("negative", "positive"))


@pytest.mark.parametrize("blank", ["", "  "])
def test_an_empty_label_is_told_as_missing_on_every_python_route(blank: str) -> None:
    # evaluate called '' a label the model does not know, class_figures 'got ' ' at position
    # 1' as no class name, where text evaluate calls a file's empty label empty
    predictor = _predictor()
    told = (
        f"`labels` must hold a label for every text, got a missing label: {blank!r} at "
        f"position 1 " + DROP.format("text")
    )
    with pytest.raises(ValueError) as err:
        predictor.evaluate(["one", "two"], ["positive", blank])
    assert str(err.value) == told + ", or pass drop_unknown=True to leave their texts out."
    with pytest.raises(ValueError) as err:  # a pandas column alike
        predictor.evaluate(pd.Series(["one", "two"]), pd.Series(["positive", blank]))
    assert str(err.value) == told + ", or pass drop_unknown=True to leave their texts out."
    with pytest.raises(ValueError) as err:
        predictor.class_figures(["one", "two"], ["positive", blank])
    assert str(err.value) == told + "."
    with pytest.raises(ValueError) as err:
        class_figures(predictor.model, [[1], [2]], ["positive", blank], predictor.labels)
    assert str(err.value) == (
        f"`labels` must hold a label for every sequence, got a missing label: {blank!r} at "
        f"position 1 " + DROP.format("sequence") + "."
    )
    scored = predictor.evaluate(["one", "two"], ["positive", blank], drop_unknown=True)
    assert (scored.dropped, scored.texts) == (1, ["one"])
    # beside an unknown one: each told as what it is
    with pytest.raises(ValueError) as err:
        predictor.evaluate(["one", "two", "three"], ["mixed", blank, "positive"])
    assert str(err.value) == (
        "`labels` holds labels the model does not know: 'mixed' at position 0 (its classes: "
        "'negative', 'positive', or their indices 0 to 1; positions counted from 0). Correct "
        "them, or pass drop_unknown=True to leave their texts out. " + told + ", or pass "
        "drop_unknown=True to leave their texts out."
    )
