"""Review of text14: ``class_figures`` checks its labels and names (a label -1 was counted as
the last class), takes class names as labels and texts through a predictor, and figures of no
sequences are what its docstring says."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import TextClassifier
from lstmkit.text.sentiment import class_figures

SAYS_B = [0.0, 1.0, 0.0]
IDS = [[1], [2], [3], [4]]


def test_class_figures_refuse_labels_outside_the_classes(
    says: Callable[[list[float]], TextClassifier],
) -> None:
    # -1 was counted as the last class ('c', recall 0.0 there), 5 was "IndexError: index 5 is
    # out of bounds for dimension 0 with size 3"
    with pytest.raises(ValueError) as err:
        class_figures(says(SAYS_B), IDS, [0, -1, np.int64(5), "z"], ["a", "b", "c"])
    assert str(err.value) == (
        "`labels` must be class indices in [0, 3) or class names ('a', 'b', 'c'), got -1 at "
        "position 1, np.int64(5) at position 2, 'z' at position 3."
    )


def test_class_figures_refuse_names_that_do_not_fit_the_model(
    says: Callable[[list[float]], TextClassifier],
) -> None:
    # two names of a three-class model gave a 2 x 2 confusion of the classes named; a name
    # twice merged its recalls; one str was read as its letters
    with pytest.raises(ValueError) as err:
        class_figures(says(SAYS_B), IDS, [0, 1, 1, 0], ["a", "a"])
    assert str(err.value) == (
        "`names` must name each class once, got 'a' twice. `names` must hold one name per class "
        "of the model (3), got 2."
    )
    with pytest.raises(TypeError) as err:
        class_figures(says(SAYS_B), IDS, [0, 1, 1, 0], "abc")
    assert str(err.value) == "`names` must be a sequence of class names, got str 'abc'."


def test_class_figures_take_class_names_as_labels(
    says: Callable[[list[float]], TextClassifier],
) -> None:
    # "ValueError: too many dimensions 'str'" for the labels a user holds
    by_name = class_figures(says(SAYS_B), IDS, ["b", "b", "a", "c"], ["a", "b", "c"])
    assert by_name == class_figures(says(SAYS_B), IDS, [1, 1, 0, 2], ["a", "b", "c"])
    assert by_name["recall"] == {"a": 0.0, "b": 1.0, "c": 0.0}
    assert by_name["accuracy"] == 0.5
    as_tensor = class_figures(says(SAYS_B), IDS, torch.tensor([1, 1, 0, 2]), ["a", "b", "c"])
    assert as_tensor == by_name


def test_class_figures_of_no_sequences_are_accuracy_and_confusion(
    says: Callable[[list[float]], TextClassifier],
) -> None:
    # the docstring said so; it was "torch.cat(): expected a non-empty list of Tensors"
    assert class_figures(says(SAYS_B), [], [], ["a", "b", "c"]) == {
        "accuracy": 0.0,
        "confusion": [[0, 0, 0], [0, 0, 0], [0, 0, 0]],
    }


def test_fit_classifier_refuses_names_before_it_trains(
    monkeypatch: pytest.MonkeyPatch, says: Callable[[list[float]], TextClassifier]
) -> None:
    # names that do not fit the model were found by the figures after the whole training
    from lstmkit.text import SentimentConfig, sentiment

    def trained(*args: object) -> None:
        raise AssertionError("trained")

    monkeypatch.setattr(sentiment, "_fit_classifier", trained)
    train = ([[1], [2]], sentiment._label_mask([0, 1], 3))
    with pytest.raises(ValueError) as err:
        sentiment.fit_classifier(
            says(SAYS_B), train, (IDS, [0, 1, 2, 1]), SentimentConfig(), names=["neg", "pos"]
        )
    assert str(err.value) == (
        "`names` must hold one name per class of the model (3), got 2. `dev[1]` must be class "
        "indices in [0, 2) or class names ('neg', 'pos'), got 2 at position 2."
    )


def test_a_predictor_gives_the_class_figures_of_texts() -> None:
    # the figures of raw texts took encoding each by hand with text_tokens, and class indices
    from lstmkit.text import SentimentPredictor, Vocabulary
    from lstmkit.text.labelled import text_tokens

    texts = ["A good film.", "a BAD film", "a film", "good"]
    vocab = Vocabulary.build(["a good film", "a bad film"])
    model = TextClassifier(len(vocab), 4, 3, 2)
    predictor = SentimentPredictor(model, vocab, ("negative", "positive"))
    figures = predictor.class_figures(texts, ["positive", "negative", "negative", "positive"])
    ids = [vocab.encode(text_tokens(t)) for t in texts]
    assert figures == class_figures(model, ids, [1, 0, 0, 1], ["negative", "positive"])
    said = [label for label, _ in predictor.predict_many(texts)]
    assert (
        figures["accuracy"]
        == sum(
            s == y
            for s, y in zip(said, ["positive", "negative", "negative", "positive"], strict=True)
        )
        / 4
    )
    with pytest.raises(ValueError) as err:
        predictor.class_figures(texts, ["positive", "negative", "neg"])
    assert str(err.value) == (
        "`labels` must be class indices in [0, 2) or class names ('negative', 'positive'), "
        "got 'neg' at position 2."
    )


def test_a_series_with_its_own_index_is_named_by_iloc() -> None:
    # `dev[0][1]` of a Series indexed 40, 12, 7, 3 reads the index label 1 (a KeyError), not
    # the empty text at position 1
    pd = pytest.importorskip("pandas")
    from lstmkit.text import train_classifier

    texts = [f"a fine film {k}" for k in range(5)] + [f"a dull film {k}" for k in range(5)]
    labels = ["positive"] * 5 + ["negative"] * 5
    index = [40, 12, 7, 3]
    dev_texts = pd.Series(["a film", "", "  ", "ok"], index=index)
    dev_labels = pd.Series(["positive", "negative", "", "positive"], index=index)
    with pytest.raises(ValueError) as err:
        train_classifier(texts, labels, dev=(dev_texts, dev_labels))
    assert str(err.value) == (
        "every text must contain a token, got none in `dev[0].iloc[1]` '', `dev[0].iloc[2]` "
        "'  '. Every label must be a non-empty class name, got `dev[1].iloc[2]` ''."
    )
    assert dev_texts.iloc[1] == "" and dev_labels.iloc[2] == ""
    with pytest.raises(TypeError) as err:
        train_classifier(pd.Series(texts, index=range(10, 20)).replace("a dull film 4", 4), labels)
    assert str(err.value) == (
        "`texts` must hold str only, got `texts.iloc[9]` int 4 (to read numbers as text, pass "
        "`[str(v) for v in texts]`)."
    )
    # a default index: positions, as a list's
    with pytest.raises(ValueError, match=r"got none in `dev\[0\]\[1\]` ''"):
        train_classifier(texts, labels, dev=(pd.Series(["a film", ""]), ["positive"] * 2))


FINE = [
    (0, "a dull , lifeless mess"),
    (1, "a weak film"),
    (1, "flat and slow"),
    (1, "a poor film"),
    (2, "a film"),
    (3, "a good film"),
    (4, "a great and moving film"),
]


def test_an_imbalanced_sst5_test_set_prints_the_class_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # SST runs printed the accuracy alone, where a --csv run's test set of the same balance
    # (the largest class at least twice the smallest) adds the recall line
    sst = tmp_path / "data" / "sst"
    sst.mkdir(parents=True)
    for split in ("train", "dev", "test"):
        (sst / f"stsa.fine.{split}").write_text("".join(f"{y} {s}\n" for y, s in FINE))
    out = tmp_path / "sst5"
    argv = ["text", "train", "sst5", "--data-dir", str(tmp_path / "data"), "--no-phrases"]
    argv += ["--no-neutral-words", "--embed-dim", "4", "--hidden-size", "3", "--batch-size", "2"]
    assert main([*argv, "--epochs", "1", "--no-progress", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    m = json.loads((out / "metrics.json").read_text())
    recall = ", ".join(f"{c} {r:.4f}" for c, r in m["test_recall"].items())
    assert lines[1] == (
        f"  test recall per class: {recall}; balanced accuracy "
        f"{m['test_balanced_accuracy']:.4f}, macro-F1 {m['test_macro_f1']:.4f}; negative alone "
        "would score 0.4286"
    )
    assert list(m["test_recall"]) == [
        "very negative",
        "negative",
        "neutral",
        "positive",
        "very positive",
    ]
    assert lines[0].startswith("sst5: dev accuracy ") and lines[-1] == f"saved to {out}"
