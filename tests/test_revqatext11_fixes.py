"""Review of qatext11 (a dev/test class told the class it looks like, long texts warned of, a
CSV given to ``text predict --file``): what a student with their own data still met."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import train_classifier
from lstmkit.text.labelled import read_labelled_csv


def test_a_dev_class_missing_from_training_is_not_told_the_opposite_one(tmp_path: Path) -> None:
    # difflib's 0.75 likeness told 'unhappy' it meant 'happy' and 'very negative' 'negative' (a
    # class missing from training, not a slip), '10' '1'; '1.0' (pandas' 1 after a gap) had no
    # guess, and 'POSITIVE' got one of the two classes it could be
    with pytest.raises(ValueError) as err:
        train_classifier(
            ["good"] * 5 + ["bad"] * 5 + ["so so"] * 5,
            ["happy"] * 5 + ["negative"] * 5 + ["very positive"] * 5,
            dev=(["a"] * 4, ["unhappy", "very negative", "negatve", "very_positive"]),
        )
    assert str(err.value) == (
        "`dev[1]` holds labels no training text has: 'negatve' (did you mean 'negative'?) at "
        "position 2, 'unhappy' at position 0, 'very negative' at position 1, 'very_positive' "
        "(did you mean 'very positive'?) at position 3 (the classes: 'happy', 'negative', "
        "'very positive'; positions are 0-based indices of `dev[1]`). "
        "Correct the names misspelt, leave those texts out of `dev`, or move them into "
        "`texts` and `labels` to learn those classes too (5 or more of each, as 10 % of "
        "each class goes to test)."  # revtext36: what to do
    )
    path = tmp_path / "dev.csv"
    path.write_text("text,label\ngood,1.0\nbad,10\nok,POSITIVE\n", "utf-8")
    qd = repr(str(path))  # as given, quoted
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label", classes=["1", "2", "Positive", "positive"])
    assert str(err.value) == (
        f"column 'label' of {qd} holds labels no training text has: '1.0' (did you mean "
        "'1'?) in row 1, '10' in row 2, 'POSITIVE' (did you mean 'Positive' or 'positive'?) in "
        "row 3 (the classes: '1', '2', 'Positive', 'positive'; rows counted from 1 below the "
        "header)."
    )


def test_a_one_column_csv_given_to_predict_file_is_not_said_to_hold_labels(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a CSV of texts alone (a header, then one text a line) was told "a row's other fields (its
    # label) are part of its text", which it has none of; its header is still a sentence
    path = tmp_path / "texts.csv"
    path.write_text("review\na fine film\n", "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    assert capsys.readouterr().err == (
        f"note: --file {str(path)!r} is read one sentence per line, each line whole: its line 1 "
        "('review') is a sentence too. To classify a column, write its texts alone, one per "
        "line (pandas: Path('texts.txt').write_text('\\n'.join(pd.read_csv("
        f"{str(path)!r})['review'].dropna()))), and give that file.\n"
    )
    # a TSV's fields are told of by its tab, not a comma
    path = tmp_path / "texts.tsv"
    path.write_text("review, in short\tlabel\na fine film\tup\n", "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    assert "('review, in short\\tlabel') is a sentence too, and a row's other fields" in (
        capsys.readouterr().err
    )
    path = tmp_path / "plain.tsv"
    path.write_text("review, in short\na fine film\n", "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    assert "('review, in short') is a sentence too. To classify" in capsys.readouterr().err


def test_an_imbalanced_test_set_is_scored_beside_its_largest_class_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], imbalanced_reviews: list[str]
) -> None:
    # 45 'pos' and 5 'neg' reviews: test accuracy 0.8333 was printed alone, and it is what always
    # saying 'pos' scores; per-class figures were only to be worked out from the JSON confusion
    argv = imbalanced_reviews
    assert main([*argv, "--out", str(tmp_path / "m")]) == 0
    assert capsys.readouterr().out.splitlines()[1:3] == [
        "  classes neg, pos; examples: train 38, dev 6, test 6",
        "  test recall per class: neg 0.0000, pos 1.0000; balanced accuracy 0.5000, macro-F1 "
        "0.4545; pos alone would score 0.8333",
    ]
    assert main([*argv, "--out", str(tmp_path / "j"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["test"] == {
        "accuracy": 5 / 6,
        "confusion": [[0, 1], [0, 5]],
        "recall": {"neg": 0.0, "pos": 1.0},
        "balanced_accuracy": 0.5,
        "macro_f1": (0 + 10 / 11) / 2,  # neg: none right; pos: 2 TP / (5 true + 6 said)
        "majority": {"label": "pos", "accuracy": 5 / 6},
    }


def test_class_figures_are_scikit_learns() -> None:
    from lstmkit.text.sentiment import _class_figures

    # a class never tested but predicted counts in macro-F1 (as 0), not in balanced accuracy
    confusion = [[3, 1, 0], [2, 2, 1], [0, 0, 0]]
    figures = _class_figures(confusion, ["a", "b", "c"])
    assert figures == {
        "recall": {"a": 0.75, "b": 0.4},
        "balanced_accuracy": (0.75 + 0.4) / 2,
        "macro_f1": (2 * 3 / (4 + 5) + 2 * 2 / (5 + 3) + 0) / 3,
        "majority": {"label": "b", "accuracy": 5 / 9},
        "imbalanced": True,  # 'c' has no test example
    }
    assert _class_figures([[0, 0], [0, 0]], ["a", "b"]) == {}
    assert _class_figures([[4, 0], [1, 1]], ["a", "b"])["imbalanced"] is True
    assert _class_figures([[2, 0], [0, 1]], ["a", "b"])["imbalanced"] is False  # 2 and 1


def test_training_png_of_a_classifier_stops_its_y_axis_at_an_accuracy_of_1() -> None:
    # every check at 1.0 drew the axis up to 1.055, above any accuracy there can be
    from types import SimpleNamespace

    from lstmkit.text.sentiment import SentimentResult
    from lstmkit.train import plot_checks

    runs = [{"history": [[10, 1.0], [20, 1.0]], "seed": 0, "best_step": 10}]
    fig = SentimentResult.plot_training(SimpleNamespace(metrics={"members": runs}))
    low, high = fig.axes[0].get_ylim()
    assert (low, high) == (pytest.approx(0.945), 1.0)
    assert fig.axes[0].get_lines()[1].get_clip_on() is False  # the kept check's whole circle
    # inside the limits, and without them, matplotlib's own scale
    fig = plot_checks([[(1, 0.7), (2, 0.8)]], ylabel="a", higher_is_better=True, limits=(0, 1))
    assert fig.axes[0].get_ylim() == pytest.approx((0.695, 0.805))
    fig = plot_checks([[(1, 1.0), (2, 1.0)]], ylabel="loss", higher_is_better=False)
    assert fig.axes[0].get_ylim() == pytest.approx((0.945, 1.055))


def test_a_text_model_given_to_lstmkit_predict_is_told_what_runs_it(
    clf_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a student's classifier given to `lstmkit predict` was named by its kind alone
    assert main(["predict", str(clf_dir)]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(clf_dir)!r} holds a sentiment classifier (kind 'classifier'), which "
        "`lstmkit text predict` runs (lstmkit.text.SentimentPredictor.load in Python), not a "
        "forecaster (kind 'lstmkit.Forecaster').\n"
    )
