"""Fixes of left35d: one NaN of a future covariate said of one, evaluate's labels of any
iterable, and the figures' folder advice normalised."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit._figures import figure_file
from lstmkit.text import TextClassifier, sentiment


@pytest.mark.parametrize(
    ("horizon", "nan_at", "said"),
    [
        (
            1,
            [0],
            "at the forecast step, got NaN in column 'x' at 2020-03-21; fill it "
            "(lstmkit.data.to_frame(..., fill='ffill')) or give the value.",
        ),
        (
            3,
            [1],
            "at every step of the 3 forecast steps, got NaN in column 'x' at 2020-03-23; "
            "fill it (lstmkit.data.to_frame(..., fill='ffill')) or give the value.",
        ),
        (
            3,
            [0, 1],
            "at every step of the 3 forecast steps, got NaN in column 'x' at "
            "2020-03-21 and 1 more; fill them (lstmkit.data.to_frame(..., fill='ffill')) or give "
            "the values.",
        ),
    ],
)
def test_one_nan_of_the_plan_is_told_to_fill_it(every_other_day, horizon, nan_at, said) -> None:
    """left35d: one NaN cell was told 'fill them (...) or give the values'."""
    fc, days = every_other_day
    steps = pd.date_range(days[-1] + pd.Timedelta("2D"), periods=horizon + 1, freq="2D")
    plan = pd.Series(np.zeros(horizon + 1), index=steps, name="x")
    plan.iloc[nan_at] = np.nan
    with pytest.raises(ValueError) as err:
        fc.predict(horizon=horizon, future_covariates=plan)
    assert str(err.value) == f"`future_covariates` must hold a value {said}"


@pytest.fixture(scope="module")
def classifier_and_ids():
    """A tiny TextClassifier, three id sequences and the classes it predicts for them."""
    torch.manual_seed(0)
    model = TextClassifier(10, 4, 3, 2).eval()
    ids = [[1, 2], [3], [4, 5]]
    with torch.no_grad():
        predicted = [int(model(torch.tensor([s]), torch.tensor([len(s)])).argmax()) for s in ids]
    return model, ids, predicted


@pytest.mark.parametrize("wrap", [lambda v: (x for x in v), iter, lambda v: map(int, v)])
def test_evaluate_takes_labels_and_sequences_of_any_iterable(classifier_and_ids, wrap) -> None:
    """left35d: a generator of labels failed, "object of type 'generator' has no len()"."""
    model, ids, predicted = classifier_and_ids
    labels = [*predicted[:2], 1 - predicted[2]]  # two hits, one miss
    assert sentiment.evaluate(model, ids, wrap(labels)) == pytest.approx(2 / 3)
    assert sentiment.evaluate(model, (s for s in ids), wrap(labels)) == pytest.approx(2 / 3)


def test_evaluate_reads_a_generator_of_labels_once_for_its_checks(classifier_and_ids) -> None:
    model, ids, _ = classifier_and_ids
    with pytest.raises(ValueError) as err:
        sentiment.evaluate(model, ids, (y for y in [0, 1]))
    assert str(err.value) == "`labels` must have one entry per sequence (3), got 2."
    with pytest.raises(ValueError) as err:
        sentiment.evaluate(model, ids, (y for y in [0, "pos", 1]))
    assert str(err.value) == (
        "`labels` must be class indices (ints), got class names: 'pos' at position 1; "
        "`class_figures(model, sequences, labels, names)['accuracy']` scores names, and "
        "SentimentPredictor.evaluate(texts, labels) texts."
    )


@pytest.mark.parametrize(("labels", "said"), [(5, "int 5"), (None, "None")])
def test_evaluate_refuses_labels_that_are_no_iterable_by_name(
    classifier_and_ids, labels, said
) -> None:
    """They failed in Python's words, "'int' object is not iterable"."""
    model, ids, _ = classifier_and_ids
    with pytest.raises(TypeError) as err:
        sentiment.evaluate(model, ids, labels)
    assert str(err.value) == f"`labels` must be a sequence of class indices (ints), got {said}."


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("new/..", "got 'new/..', a folder's name"),
        ("a/b/../..", "got 'a/b/../..', a folder's name"),
        ("figs/..", "got the existing folder 'figs/..'"),
    ],
)
def test_the_folder_advice_is_given_without_dot_dot(tmp_path, monkeypatch, path, said) -> None:
    """left35d: 'new/..' was told to write into it with e.g. 'new/../figure.png'."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "figs").mkdir()
    with pytest.raises(ValueError) as err:
        figure_file(path)
    assert str(err.value) == (
        f"`path` must name a file, {said}; write into it with e.g. 'figure.png'."
    )


def test_the_folder_advice_keeps_the_folder_named_after_dot_dot(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "figs").mkdir()
    with pytest.raises(ValueError) as err:
        figure_file("figs/../figs")
    assert str(err.value) == (
        "`path` must name a file, got the existing folder 'figs/../figs'; write into it with "
        "e.g. 'figs/figure.png'."
    )


def test_the_folder_advice_keeps_dot_dot_after_a_link(tmp_path, monkeypatch) -> None:
    """'link/..' is the parent of the folder the link points to, not the current one."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "deep" / "er")
    with pytest.raises(ValueError) as err:
        figure_file("link/..")
    assert str(err.value) == (
        "`path` must name a file, got the existing folder 'link/..'; write into it with e.g. "
        "'link/../figure.png'."
    )


@pytest.mark.parametrize("path", ["new/..", "a/b/../.."])
def test_a_path_object_ending_with_dot_dot_is_a_folders_name(tmp_path, monkeypatch, path) -> None:
    """revlast35: Path('new/..') (pathlib keeps its '..') of a folder not yet made was taken
    as the file 'new/.png', where the str was refused as a folder's name."""
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as err:
        figure_file(Path(path))
    assert str(err.value) == (
        f"`path` must name a file, got {path!r}, a folder's name; write into it with e.g. "
        "'figure.png'."
    )


@pytest.mark.parametrize(
    "wrap",
    [
        torch.tensor,
        np.array,  # (floats, even whole ones, are refused as class_figures refuses them: left35e)
        lambda v: pd.Series(v, index=[12, 10, 11]),  # read in order, not by the index
        lambda v: pd.Series(pd.Categorical(v)),
    ],
)
def test_evaluate_keeps_columns_of_labels_as_they_are(classifier_and_ids, wrap) -> None:
    """revlast35: the labels that are collections (a tensor, an array, a pandas column) are
    not read into a list, and score as the list does."""
    model, ids, predicted = classifier_and_ids
    labels = [*predicted[:2], 1 - predicted[2]]
    assert sentiment.evaluate(model, ids, wrap(labels)) == pytest.approx(2 / 3)
    assert sentiment.evaluate(model, tuple(map(tuple, ids)), wrap(labels)) == pytest.approx(2 / 3)
