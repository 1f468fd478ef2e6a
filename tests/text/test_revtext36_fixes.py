"""revtext36: review of text36's label checks.

``SentimentPredictor.evaluate`` called a missing label (None, pandas' NaN of an empty cell) a
label the model does not know, 'nan', with drop_unknown advice alone, where train_classifier
tells it as missing with pandas' ``dropna``; ``lstmkit text train --test-csv`` refused a
class that no training text has with no next step.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.text import SentimentPredictor, Vocabulary
from lstmkit.text.classifier import TextClassifier


def _predictor() -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    model = TextClassifier(len(vocab), 4, 3, 2)
    return SentimentPredictor(model, vocab, ("negative", "positive"))


def test_evaluate_tells_a_missing_label_as_missing_with_a_fix_that_works() -> None:
    predictor = _predictor()
    frame = pd.DataFrame(
        {"review": ["a good film", "bad", "so bad"], "sentiment": ["positive", None, "negative"]}
    )
    with pytest.raises(ValueError) as err:
        predictor.evaluate(frame["review"], frame["sentiment"])
    # pandas 3 reads None into its str column as nan, pandas 2 keeps it
    missing = "None" if frame["sentiment"][1] is None else "nan"
    assert str(err.value) == (
        f"`labels` must hold a label for every text, got a missing label: {missing} at position "
        f"1 (positions counted from 0; {missing} is "
        + ("a missing value to pandas" if missing == "None" else "how pandas reads an empty cell")
        + ": drop those rows first, `df = df.dropna(subset=['review', 'sentiment'])`, or read "
        "the file with `read_labelled_csv`, which skips blank rows), or pass drop_unknown=True "
        "to leave their texts out."
    )
    # the advice, run: both ways score the two labelled texts
    df = frame.dropna(subset=["review", "sentiment"])
    scored = predictor.evaluate(df["review"], df["sentiment"])
    assert scored.labels == ["positive", "negative"] and scored.dropped == 0
    dropped = predictor.evaluate(frame["review"], frame["sentiment"], drop_unknown=True)
    assert dropped.labels == ["positive", "negative"] and dropped.dropped == 1


def test_evaluate_tells_missing_and_unknown_labels_apart() -> None:
    predictor = _predictor()
    texts = ["a good film", "bad", "so bad", "a film"]
    with pytest.raises(ValueError) as err:
        predictor.evaluate(texts, ["mixed", None, "negative", float("nan")])
    assert str(err.value) == (
        "`labels` holds labels the model does not know: 'mixed' at position 0 (its classes: "
        "'negative', 'positive', or their indices 0 to 1; positions counted from 0). Correct "
        "them, or pass drop_unknown=True to leave their texts out. `labels` must hold a label "
        "for every text, got missing labels: None at position 1, nan at position 3 (positions "
        "counted from 0; nan is how pandas reads an empty cell: drop those rows first, with "
        "pandas' `dropna`, or read the file with `read_labelled_csv`, which skips blank rows), "
        "or pass drop_unknown=True to leave their texts out."
    )
    with pytest.raises(ValueError) as err:  # a list's None: no pandas advice
        predictor.evaluate(texts[:2], ["positive", None])
    assert str(err.value) == (
        "`labels` must hold a label for every text, got a missing label: None at position 1 "
        "(positions counted from 0): drop those texts and labels first, or pass "
        "drop_unknown=True to leave their texts out."
    )
    labels = pd.Series(["positive", pd.NA, "negative"], dtype="string")
    with pytest.raises(ValueError, match=r"got a missing label: <NA> at position 1 \("):
        predictor.evaluate(texts[:3], labels)
    with pytest.raises(ValueError, match=r"got a missing label: nan at position 1 \("):
        predictor.evaluate(texts[:3], np.array(["positive", np.nan, "negative"], dtype=object))
