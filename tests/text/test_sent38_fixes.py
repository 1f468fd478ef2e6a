"""README walk of "Text" and the later part of "Sentiment" (sent38): a teacher's own CSVs and
the Python API in a notebook."""

from __future__ import annotations

import io

import pandas as pd
import pytest
import torch

from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary

DROP_ROWS = (
    "(nan is how pandas reads an empty cell: drop those rows first, `df = "
    "df.dropna(subset=['review', 'rating'])`, or read the file with `read_labelled_csv`, which "
    "skips blank rows)."
)


@pytest.fixture
def predictor() -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    return SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))


def _frame() -> pd.DataFrame:
    # a spreadsheet's review left blank: pandas reads the empty cell as NaN
    return pd.read_csv(io.StringIO("review,rating\na good film,pos\n,neg\na bad film,neg\n"))


@pytest.mark.parametrize("method", ["predict_many", "predict_proba", "explain_many"])
def test_texts_with_pandas_empty_cell_told_dropna(
    predictor: SentimentPredictor, method: str
) -> None:
    # it was "`texts` must hold str only, got `texts[1]` float nan." with no word of the fix
    df = _frame()
    with pytest.raises(TypeError) as err:
        getattr(predictor, method)(df["review"])
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[1]` float nan (nan is how pandas reads an empty "
        "cell: leave those texts out first, `df['review'].dropna()`)."
    )
    # the advice works
    assert len(getattr(predictor, method)(df["review"].dropna())) == 2


def test_texts_missing_in_string_column_unnamed_series_and_list(
    predictor: SentimentPredictor,
) -> None:
    texts = pd.Series(["a good film", None], dtype="string")  # no name
    with pytest.raises(TypeError) as err:
        predictor.predict_many(texts)
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[1]` NAType <NA> (<NA> is how pandas reads an "
        "empty cell: leave those texts out first, `texts.dropna()`)."
    )
    with pytest.raises(TypeError) as err:
        predictor.predict_many(["a good film", float("nan")])  # df["review"].tolist()
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[1]` float nan (nan is how pandas reads an empty "
        "cell: leave those texts out first, `[t for t in texts if isinstance(t, str)]`)."
    )
    # a list's None is no pandas cell, an int no missing value: told as before
    with pytest.raises(TypeError) as err:
        predictor.predict_many(["a good film", None, 3])
    assert str(err.value) == "`texts` must hold str only, got `texts[1]` None, `texts[2]` int 3."


@pytest.mark.parametrize("method", ["evaluate", "class_figures"])
def test_labelled_texts_with_empty_cell_told_dropna_of_rows(
    predictor: SentimentPredictor, method: str
) -> None:
    df = _frame()
    with pytest.raises(TypeError) as err:
        getattr(predictor, method)(df["review"], df["rating"])
    assert str(err.value) == "`texts` must hold str only, got `texts[1]` float nan " + DROP_ROWS
    df = df.dropna(subset=["review", "rating"])
    assert getattr(predictor, method)(df["review"], df["rating"]) is not None
