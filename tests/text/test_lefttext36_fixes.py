"""lefttext36: text left-overs of this session's reviews.

``class_figures`` (the predictor's and the module's) refused a missing label as 'got nan at
position 1', no class index nor name, with no fix, where ``SentimentPredictor.evaluate`` tells
it as missing with pandas' ``dropna``. ``lstmkit text evaluate --drop-unknown`` refused a row
of an empty label, which ``evaluate(..., drop_unknown=True)`` leaves out.
"""

from __future__ import annotations

import json
from pathlib import Path

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
    "{drop}, or read the file with `read_labelled_csv`, which skips blank rows "
    "and names the row of a text or label left empty)"
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
        "with `read_labelled_csv`, which skips blank rows "
        "and names the row of a text or label left empty)."
    )
    with pytest.raises(ValueError) as err:  # a list's None: no pandas advice
        predictor.class_figures(["a good film", "bad"], ["positive", None])
    assert str(err.value) == (
        "`labels` must hold a label for every text, got a missing label: None at position 1 "
        "(positions counted from 0): drop those texts and labels first."
    )


def test_text_evaluate_drop_unknown_leaves_an_empty_label_out_as_python_does(
    tmp_path: Path, constant_run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an empty cell, a quoted one and one of spaces: refused with --drop-unknown too, where
    # SentimentPredictor.evaluate(..., drop_unknown=True) leaves a missing label out
    from lstmkit.cli import main

    run = constant_run
    path = tmp_path / "new.csv"
    path.write_text(
        'review,sentiment\none two,positive\nthree,\nfour,""\nfive,  \none five,negative\n'
        "two,mixed\n",
        encoding="utf-8",
    )
    argv = ["text", "evaluate", str(run), "--csv", str(path), "--text-col", "review"]
    argv += ["--label-col", "sentiment", "--no-progress"]
    assert main([*argv, "--drop-unknown", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["dropped"] == 4 and printed["texts"] == 2
    assert printed["confusion"] == [[0, 1], [0, 1]]
    frame = pd.read_csv(path)  # Python's route: the same rows scored, the same count dropped
    predictor = SentimentPredictor.load(run)
    scored = predictor.evaluate(frame["review"], frame["sentiment"], drop_unknown=True)
    assert (scored.dropped, scored.confusion) == (4, [[0, 1], [0, 1]])
    assert main(argv) == 2  # without it: the rows named, --drop-unknown told
    q = repr(str(path))
    assert capsys.readouterr().err == (
        f"error: column 'sentiment' of {q} must hold a label in every row, got an empty one in "
        f"rows 2, 3, 4 (rows counted from 1 below the header); fill them in or remove them. "
        f"Column 'sentiment' of {q} holds labels the model does not know: 'mixed' in row 6 (its "
        "classes: 'negative', 'positive'). Correct them, or give --drop-unknown to leave their "
        "rows out, and those of an empty label.\n"
    )
    path.write_text("review,sentiment\none two,positive\nthree,\n", encoding="utf-8")
    assert main(argv) == 2
    assert capsys.readouterr().err.endswith(
        "fill it in or remove it. --drop-unknown leaves the rows of an empty label out.\n"
    )
    path.write_text("review,sentiment\none two,\nthree, \n", encoding="utf-8")
    assert main([*argv, "--drop-unknown"]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'sentiment' of {q} holds none of the model's classes ('negative', "
        "'positive'): every label is empty; --drop-unknown leaves no row to score.\n"
    )


def test_a_dataframe_of_no_column_is_told_no_column_it_lacks() -> None:
    # `df['text']` was suggested of a DataFrame of no column (pd.DataFrame(), or one whose
    # columns were all dropped), a column it does not have
    predictor = _predictor()
    with pytest.raises(TypeError) as err:
        predictor.predict_many(pd.DataFrame())
    assert str(err.value) == (
        "`texts` must be a sequence of str, got a DataFrame of shape (0, 0), columns []: "
        "iterating it gives its column names, and it has none. Pass one column of a DataFrame "
        "that holds the texts, or a list."
    )
    with pytest.raises(TypeError) as err:
        predictor.evaluate(["a good film"], pd.DataFrame(index=[0]))
    assert str(err.value) == (
        "`labels` must be a sequence of class indices or names, got a DataFrame of shape (1, "
        "0), columns []: iterating it gives its column names, and it has none. Pass one column "
        "of a DataFrame that holds the labels, or a list."
    )
    with pytest.raises(TypeError) as err:  # a column it has, named
        predictor.predict_many(pd.DataFrame({"review": []}))
    assert str(err.value).endswith("Pass one column, `df['review']`.")


def test_text_evaluate_counts_of_ten_thousand_and_more_have_thousands_separators(
    tmp_path: Path, constant_run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 'rows 1, 2, 3, 4, 5 and 10000 more', '10005 rows left out' and '10006 texts', where the
    # other commands write 10,000
    from lstmkit.cli import main

    run = constant_run
    path = tmp_path / "new.csv"
    path.write_text("review,sentiment\n" + "one two,mixed\n" * 10_005 + "three,positive\n")
    argv = ["text", "evaluate", str(run), "--csv", str(path), "--text-col", "review"]
    argv += ["--label-col", "sentiment", "--no-progress"]
    assert main(argv) == 2
    assert (
        "holds labels the model does not know: 'mixed' in rows 1, 2, 3, 4, 5 and 10,000 more "
        "(its classes:"
    ) in capsys.readouterr().err
    assert main([*argv, "--drop-unknown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        f"{str(path)!r}: 1 text, accuracy 1.0000, macro-F1 1.0000",
        "  10,005 rows left out: their labels are none of the model's classes (--drop-unknown)",
    ]
    path.write_text("review,sentiment\n" + "one two,positive\n" * 10_000)
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith(f"{str(path)!r}: 10,000 texts, accuracy 1.0000")
    predictor = SentimentPredictor.load(run)
    with pytest.raises(ValueError) as err:  # Python's words alike
        predictor.evaluate(["one"] * 10_000, ["positive"] * 9_999)
    assert str(err.value) == "`labels` must hold one label per text (10,000), got 9,999."
