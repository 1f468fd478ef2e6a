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
    train_classifier,
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
    # indices whose name is their class, and names, are taken as before; 0 of '1' to '5'
    # (no class's name) is refused since text36, as the other ints are
    with pytest.raises(ValueError, match="0 at position 0 indexes '1' and names no class"):
        predictor.class_figures(texts, [0, 0, 0])
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


def test_series_with_different_indexes_are_refused_naming_both(
    constant_predictor: Callable[..., Any],
) -> None:
    predictor = constant_predictor(("a", "b", "c"))
    texts = pd.Series(["one", "two", "three"], index=[10, 11, 12])
    labels = pd.Series(["c", "a", "b"], index=[10, 11, 12]).sort_values()  # index 11, 12, 10
    by_index = (
        "`texts` and `labels` must have the same index where both are pandas Series (they "
        "are paired by position, not by index), got indexes that differ first at position 0: "
        "10 in `texts`, 11 in `labels`. Pair them by index with `labels.loc[texts.index]`, "
        "or, where their positions already match, drop both indexes with "
        "`.reset_index(drop=True)`."
    )
    for route in (predictor.evaluate, predictor.class_figures):
        with pytest.raises(ValueError) as err:
            route(texts, labels)
        assert str(err.value) == by_index
    # the advice pairs 'one' with 'c', as the rows were; the same index in the same order,
    # a list beside a Series, and a default index on both pass as before
    assert predictor.evaluate(texts, labels.loc[texts.index]).labels == ["c", "a", "b"]
    assert predictor.evaluate(texts, labels.sort_index()).labels == ["c", "a", "b"]
    assert predictor.evaluate(texts, list(labels)).labels == ["a", "b", "c"]
    # a filter of each (other rows kept): no pairing by index; positions only
    with pytest.raises(ValueError) as err:
        predictor.evaluate(texts[texts != "two"], pd.Series(["c", "b"], index=[10, 13]))
    assert str(err.value) == (
        "`texts` and `labels` must have the same index where both are pandas Series (they "
        "are paired by position, not by index), got indexes that differ first at position 1: "
        "12 in `texts`, 13 in `labels`. Where their positions match, drop both indexes with "
        "`.reset_index(drop=True)`."
    )


def test_train_classifier_refuses_series_with_different_indexes() -> None:
    frame = pd.DataFrame(
        {"review": [f"a good film {k}" for k in range(6)] + [f"a bad film {k}" for k in range(6)]}
    )
    frame["sentiment"] = ["pos"] * 6 + ["neg"] * 6
    config = SentimentConfig(embed_dim=2, hidden_size=2, epochs=1, progress=False)
    shuffled = frame["sentiment"].sample(frac=1, random_state=0)
    with pytest.raises(ValueError) as err:
        train_classifier(frame["review"], shuffled, config)
    first = next(k for k, i in enumerate(shuffled.index) if i != k)
    assert str(err.value) == (
        "`texts` and `labels` must have the same index where both are pandas Series (they are "
        f"paired by position, not by index), got indexes that differ first at position {first}: "
        f"{first} in `texts`, {shuffled.index[first]} in `labels`. Pair them by index with "
        "`labels.loc[texts.index]`, or, where their positions already match, drop both "
        "indexes with `.reset_index(drop=True)`."
    )
    with pytest.raises(ValueError) as err:
        train_classifier(
            frame["review"], frame["sentiment"], config, dev=(frame["review"][:4], shuffled[:4])
        )
    # its first 4 labels are not those of its first 4 texts: pairing by index cannot be offered
    assert str(err.value) == (
        "`dev[0]` and `dev[1]` must have the same index where both are pandas Series (they are "
        "paired by position, not by index), got indexes that differ first at position 0: 0 in "
        f"`dev[0]`, {shuffled.index[0]} in `dev[1]`. Where their positions match, drop both "
        "indexes with `.reset_index(drop=True)`."
    )


def test_sentiment_evaluate_refuses_class_names_with_what_takes_them() -> None:
    # "too many dimensions 'str'", torch's words, where a name was given for an index
    from lstmkit.text.sentiment import evaluate

    torch.manual_seed(0)  # the weights too, so that `said` is the same in every test order
    model = TextClassifier(8, 3, 2, 3).eval()  # no dropout: `said` below is what it says
    with pytest.raises(ValueError) as err:
        evaluate(model, [[1], [2], [3]], ["neg", 1, " pos"])
    assert str(err.value) == (
        "`labels` must be class indices (ints), got class names: 'neg' at position 0, ' pos' "
        "at position 2; `class_figures(model, sequences, labels, names)['accuracy']` scores "
        "names, and SentimentPredictor.evaluate(texts, labels) texts."
    )
    # indices as before, in a list, an array or a tensor (one that is no class: left35e)
    torch.manual_seed(0)
    said = [int(model(torch.tensor([[k]]), torch.tensor([1])).argmax()) for k in (1, 2)]
    for labels in (said, torch.tensor(said), torch.tensor(said).numpy()):
        assert evaluate(model, [[1], [2]], labels) == 1.0
    # a miss that is a class (1 - said[1] was -1 where said[1] is class 2, refused since left35e)
    assert evaluate(model, [[1], [2]], [said[0], (said[1] + 1) % 3]) == 0.5
