"""lefttext36: text left-overs of this session's reviews.

``class_figures`` (the predictor's and the module's) refused a missing label as 'got nan at
position 1', no class index nor name, with no fix, where ``SentimentPredictor.evaluate`` tells
it as missing with pandas' ``dropna``.
"""

from __future__ import annotations

import pandas as pd
import pytest
import torch

from lstmkit.text import SentimentPredictor, Vocabulary
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import class_figures


def _predictor() -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    model = TextClassifier(len(vocab), 4, 3, 2)
    return SentimentPredictor(model, vocab, ("negative", "positive"))


DROPNA = (
    "(positions counted from 0; nan is how pandas reads an empty cell: drop those rows first, "
    "{drop}, or read the file with `read_labelled_csv`, which skips blank rows)"
)


def test_class_figures_tell_a_missing_label_as_evaluate_does() -> None:
    predictor = _predictor()
    frame = pd.DataFrame(
        {"review": ["a good film", "bad", "so bad"], "sentiment": ["positive", None, "negative"]}
    )
    frame.loc[1, "sentiment"] = float("nan")  # an empty cell (pandas 2 kept None as None)
    told = (
        "`labels` must hold a label for every text, got a missing label: nan at position 1 "
        + DROPNA.format(drop="`df = df.dropna(subset=['review', 'sentiment'])`")
    )
    with pytest.raises(ValueError) as err:
        predictor.class_figures(frame["review"], frame["sentiment"])
    assert str(err.value) == told + "."
    with pytest.raises(ValueError) as err:  # the same words, and drop_unknown beside
        predictor.evaluate(frame["review"], frame["sentiment"])
    assert str(err.value) == told + ", or pass drop_unknown=True to leave their texts out."
    df = frame.dropna(subset=["review", "sentiment"])  # the advice, run
    assert predictor.class_figures(df["review"], df["sentiment"])["confusion"] == (
        predictor.evaluate(df["review"], df["sentiment"]).confusion
    )
    ids = [[1], [2], [3]]
    with pytest.raises(ValueError) as err:  # ids have no column: pandas' dropna, unnamed
        class_figures(predictor.model, ids, frame["sentiment"], predictor.labels)
    assert str(err.value) == (
        "`labels` must hold a label for every sequence, got a missing label: nan at position 1 "
        + DROPNA.format(drop="with pandas' `dropna`")
        + "."
    )


def test_class_figures_tell_missing_labels_beside_wrong_ones() -> None:
    predictor = _predictor()
    with pytest.raises(ValueError) as err:
        class_figures(predictor.model, [[1], [2], [3]], [None, 5, pd.NA], predictor.labels)
    assert str(err.value) == (
        "`labels` must be class indices in [0, 2) or class names ('negative', 'positive'), got "
        "5 at position 1. `labels` must hold a label for every sequence, got missing labels: "
        "None at position 0, <NA> at position 2 (positions counted from 0; <NA> is how pandas "
        "reads an empty cell: drop those rows first, with pandas' `dropna`, or read the file "
        "with `read_labelled_csv`, which skips blank rows)."
    )
    with pytest.raises(ValueError) as err:  # a list's None: no pandas advice
        predictor.class_figures(["a good film", "bad"], ["positive", None])
    assert str(err.value) == (
        "`labels` must hold a label for every text, got a missing label: None at position 1 "
        "(positions counted from 0): drop those texts and labels first."
    )
