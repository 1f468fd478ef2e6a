"""revleft35b: review of left35b's refusals of the text classifier's labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import evaluate


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["neg", "pos"]),
        pd.Series(["neg", "pos"], index=[4, 9]),
        pd.Series(["neg", "pos"], dtype="category"),
        pd.Series(["neg", "pos"], dtype="string"),
    ],
    ids=["numpy-str", "series", "category", "string"],
)
def test_sentiment_evaluate_refuses_class_names_in_an_array_or_a_column(labels: object) -> None:
    # an array or a pandas column has a dtype: it was let through as numbers, and failed in
    # torch's words ("too many dimensions 'str'", "can't convert np.ndarray of type numpy.str_")
    model = TextClassifier(8, 3, 2, 2).eval()
    with pytest.raises(ValueError) as err:
        evaluate(model, [[1], [2]], labels)
    assert str(err.value) == (
        "`labels` must be class indices (ints), got class names: 'neg' at position 0, 'pos' "
        "at position 1; `class_figures(model, sequences, labels, names)['accuracy']` scores "
        "names, and SentimentPredictor.evaluate(texts, labels) texts."
    )


def test_sentiment_evaluate_takes_an_int_column_with_an_index_of_its_own() -> None:
    # a filtered or sorted column was read by index label: "could not determine the shape of
    # object type 'Series'"
    model = TextClassifier(8, 3, 2, 2).eval()
    said = [int(model(torch.tensor([[k]]), torch.tensor([1])).argmax()) for k in (1, 2)]
    for indices in (
        pd.Series(said, index=[4, 9]),
        pd.Series(said, index=[1, 0]),
        pd.Series(said, dtype="category"),
        pd.Series(said, index=[4, 9], dtype="Int64"),
    ):
        assert evaluate(model, [[1], [2]], indices) == 1.0
    assert evaluate(model, [[1], [2]], pd.Series([1 - said[0], said[1]], index=[1, 0])) == 0.5
