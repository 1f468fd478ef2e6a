"""left35b: labels of the text classifier's public routes.

``SentimentPredictor.class_figures``, ``class_figures`` and ``fit_classifier`` read an int
label as a class index even where the model's classes are integers written as text (ratings
'1' to '5'): a pandas int64 column of ratings was scored shifted by one, without a word, where
``SentimentPredictor.evaluate`` refused it. And pandas Series given as texts and labels were
paired by position: a sorted or filtered one scored and trained each text against another
row's label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
import torch

from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import (
    SentimentConfig,
    _label_mask,
    class_figures,
    fit_classifier,
)

RATINGS = ("1", "2", "3", "4", "5")
CROSSED = (
    "must be class names (str) where the model's classes are integers written as text "
    "('1', '2', '3', '4', '5'): an int is taken as a class index, and 1 at position 0 indexes "
    "'2', 5 at position 1 indexes no class, 3 at position 2 indexes '4'. "
)


def test_class_figures_refuses_ints_that_index_one_class_and_name_another(
    constant_predictor: Callable[..., Any],
) -> None:
    # the constant predictor says '2' (index 1) of every text: ratings [1, 5, 3] read as
    # indices scored 1 as '2', right, with nothing said
    predictor = constant_predictor(RATINGS)
    texts = ["one", "two", "three"]
    for labels in ([1, 5, 3], pd.Series([1, 5, 3]), pd.Series([1, 5, 3]).to_numpy()):
        with pytest.raises(ValueError) as err:
            predictor.class_figures(texts, labels)
        assert str(err.value) == (
            f"`labels` {CROSSED}Pass `[str(v) for v in labels]` (a pandas column: "
            "`.astype(str)`) to name them, or, where they are class indices, "
            "`[predictor.labels[k] for k in labels]`."
        )
    figures = predictor.class_figures(texts, pd.Series([1, 5, 3]).astype(str))
    assert figures["accuracy"] == 0.0
    assert figures["recall"] == {"1": 0.0, "3": 0.0, "5": 0.0}
    # indices that no class's name contradicts, and names, are taken as before
    assert predictor.class_figures(texts, [0, 0, 0])["confusion"][0] == [0, 3, 0, 0, 0]
    assert constant_predictor(("0", "1")).class_figures(["one"], [1])["accuracy"] == 1.0
    assert constant_predictor(("neg", "pos")).class_figures(["one"], [1])["accuracy"] == 1.0


def test_the_id_routes_refuse_them_too_and_training_still_passes_indices() -> None:
    model = TextClassifier(8, 3, 2, 5)
    with pytest.raises(ValueError) as err:
        class_figures(model, [[1], [2], [3]], [1, 5, 3], list(RATINGS))
    assert str(err.value) == (
        f"`labels` {CROSSED}Pass `[str(v) for v in labels]` (a pandas column: "
        "`.astype(str)`) to name them, or, where they are class indices, "
        "`[names[k] for k in labels]`."
    )
    config = SentimentConfig(batch_size=2, epochs=1, progress=False)
    train = ([[2, 3], [4, 5]], _label_mask([0, 4], 5))
    with pytest.raises(ValueError) as err:
        fit_classifier(model, train, ([[1], [2], [3]], [1, 5, 3]), config, names=RATINGS)
    assert str(err.value) == (
        f"`dev[1]` {CROSSED}Pass `[str(v) for v in dev[1]]` (a pandas column: "
        "`.astype(str)`) to name them, or, where they are class indices, "
        "`[names[k] for k in dev[1]]`."
    )
    # names as dev labels: converted to indices, then measured on the internal index path
    # (index 0 is '1' there, not refused as an int that names another class)
    torch.manual_seed(0)
    fit = fit_classifier(model, train, ([[2, 3], [4, 5]], ["1", "5"]), config, names=RATINGS)
    # the rows are the true classes: '1' is row 0 and '5' row 4, whatever the model says
    assert [sum(row) for row in fit["dev"]["confusion"]] == [1, 0, 0, 0, 1]
    assert fit["dev"]["recall"].keys() == {"1", "5"}
