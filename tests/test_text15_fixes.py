"""Text, a fresh user's pass (text15): a pandas Series' index read once where train_classifier
names a dev label by it, and a labelled CSV whose text and label columns were given the
other way round told so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, labelled, read_labelled_csv, sentiment, train_classifier

TEXTS = [f"a fine film {k}" for k in range(5)] + [f"a dull film {k}" for k in range(5)]
LABELS = ["positive"] * 5 + ["negative"] * 5


def test_a_dev_series_index_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # its index was turned into a list three times (twice to subscript `.iloc`, once to name
    # the unknown label by it); the message is what it was
    dev_labels = pd.Series(["positive", "negatve"], index=[12, 3])
    read = []
    real = labelled.index_labels

    def counted(values: object) -> list[object] | None:
        read.append(values is dev_labels)
        return real(values)

    monkeypatch.setattr(labelled, "index_labels", counted)
    monkeypatch.setattr(sentiment, "index_labels", counted)
    with pytest.raises(ValueError) as info:
        train_classifier(
            TEXTS, LABELS, SentimentConfig(progress=False), dev=(["a film", "so so"], dev_labels)
        )
    assert read.count(True) == 1
    assert str(info.value) == (
        "`dev[1]` holds labels no training text has: 'negatve' (did you mean 'negative'?) at "
        "index label 3 (the classes: 'negative', 'positive'; index labels are those of the "
        "Series `dev[1]`, for `.loc`). "
        "Correct the names misspelt, leave those texts out of `dev`, or move them into "
        "`texts` and `labels` to learn those classes too (5 or more of each, as 10 % of "
        "each class goes to test)."  # revtext36: what to do
    )


def _reviews(path: Path) -> Path:
    rows = ["review,rating"]
    for k in range(10):
        rows += [f'"a good film {k}",5', f'"a bad film {k}",1']
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


def test_swapped_text_and_label_columns_are_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --text-col rating --label-col review was refused as 20 classes of one review each, too
    # small to split, with no word of the columns
    csv = _reviews(tmp_path / "reviews.csv")
    q = repr(str(csv))  # as given, quoted
    small = (
        f"column 'review' of {q} must hold at least 5 examples of each class, so that "
        "10 % of each (rounded) goes to dev and to test, got 1 of 'a bad film 0', 1 of 'a bad "
        "film 1', 1 of 'a bad film 2', 1 of 'a bad film 3', 1 of 'a bad film 4' and 15 more "
        "classes: add texts of those classes or leave their rows out. "
    )
    with pytest.raises(ValueError) as info:
        read_labelled_csv(csv, "rating", "review", training=True, held_out=("dev", "test"))
    assert str(info.value) == small + (
        "`text_col` 'rating' holds numbers alone and `label_col` 'review' a different value "
        "in 20 of its 20 rows: the two columns look swapped; give `text_col` 'review' and "
        "`label_col` 'rating'."
    )
    out = tmp_path / "runs" / "swapped"
    argv = ["text", "train", "--csv", str(csv), "--text-col", "rating", "--label-col", "review"]
    assert main([*argv, "--out", str(out), "--no-progress"]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: {small}--text-col 'rating' holds numbers alone and --label-col 'review' a "
        "different value in 20 of its 20 rows: the two columns look swapped; give --text-col "
        "'review' and --label-col 'rating'.\n",
    )
    assert not out.exists()
    # the columns the right way round read as before: two classes, numbers as names
    texts, labels = read_labelled_csv(csv, "review", "rating", training=True)
    assert (texts[:2], sorted(set(labels))) == (["a good film 0", "a bad film 0"], ["1", "5"])


def test_texts_and_labels_passed_the_other_way_round_are_told() -> None:
    # train_classifier(ratings, reviews) was refused only as 10 classes too small to split
    reviews = pd.Series([f"good film {k}" for k in range(10)])
    ratings = pd.Series(["5", "1"] * 5)
    with pytest.raises(ValueError) as info:
        train_classifier(ratings, reviews, SentimentConfig(progress=False))
    assert str(info.value) == (
        "`labels` must hold at least 5 examples of each class, so that 10 % of each (rounded) "
        "goes to dev and to test, got 1 of 'good film 0', 1 of 'good film 1', 1 of 'good film "
        "2', 1 of 'good film 3', 1 of 'good film 4' and 5 more classes"
        ": add texts of those classes or leave their rows out. `texts` holds numbers "
        "alone and `labels` a different value in 10 of its 10 places: the two look swapped; "
        "pass the texts first, train_classifier(texts, labels)."
    )
