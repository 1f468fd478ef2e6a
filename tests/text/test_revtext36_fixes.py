"""revtext36: review of text36's label checks.

``SentimentPredictor.evaluate`` called a missing label (None, pandas' NaN of an empty cell) a
label the model does not know, 'nan', with drop_unknown advice alone, where train_classifier
tells it as missing with pandas' ``dropna``; ``lstmkit text train --test-csv`` refused a
class that no training text has with no next step.
"""

from __future__ import annotations

import json
from pathlib import Path

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
        "the file with `read_labelled_csv`, which skips blank rows "
        "and names the row of a text or label left empty), or pass drop_unknown=True "
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
        "pandas' `dropna`, or read the file with `read_labelled_csv`, which skips blank rows "
        "and names the row of a text or label left empty), "
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


def _rows(label: str, words: str, count: int) -> list[str]:
    return [f"a {words} film {k},{label}" for k in range(count)]


def test_text_train_says_what_to_do_with_a_test_class_no_training_text_has(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    undrawn_figures,
) -> None:
    # it said "holds labels no training text has: 'mixed' in rows 26..30" and stopped
    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    train = ["text,label", *_rows("positive", "good", 10), *_rows("negative", "bad", 10)]
    train += _rows("neutral", "plain", 10)
    extra = ["text,label", *_rows("positive", "fine", 13), *_rows("negative", "dull", 12)]
    extra += _rows("mixed", "odd", 5)
    Path("three.csv").write_text("\n".join(train) + "\n", "utf-8")
    Path("extra.csv").write_text("\n".join(extra) + "\n", "utf-8")
    argv = ["text", "train", "--text-col", "text", "--label-col", "label", "--embed-dim", "4"]
    argv += ["--hidden-size", "4", "--epochs", "1", "--batch-size", "8", "--no-progress", "--json"]
    assert main([*argv, "--csv", "three.csv", "--test-csv", "extra.csv", "--out", "m"]) == 2
    assert capsys.readouterr().err == (
        "error: column 'label' of 'extra.csv' holds labels no training text has: 'mixed' in "
        "rows 26, 27, 28, 29, 30 (the classes: 'negative', 'neutral', 'positive'; rows counted "
        "from 1 below the header). Remove those rows from 'extra.csv', or move them into "
        "'three.csv' to learn those classes too (5 texts or more of each, as 10 % of each class "
        "goes to dev).\n"
    )
    assert not Path("m").exists()
    # the advice, run: either way trains
    Path("removed.csv").write_text("\n".join(extra[:26]) + "\n", "utf-8")
    assert main([*argv, "--csv", "three.csv", "--test-csv", "removed.csv", "--out", "a"]) == 0
    assert sum(json.loads(capsys.readouterr().out)["split"].values()) == 30 + 25
    Path("moved.csv").write_text("\n".join(train + extra[26:]) + "\n", "utf-8")
    assert main([*argv, "--csv", "moved.csv", "--test-csv", "removed.csv", "--out", "b"]) == 0
    assert json.loads(capsys.readouterr().out)["labels"] == [
        "mixed",
        "negative",
        "neutral",
        "positive",
    ]
    # both files given: nothing is split off, so no count is asked; a slip is to be corrected
    Path("dev.csv").write_text("text,label\na good one,Positive\n", "utf-8")
    assert (
        main(
            [
                *argv,
                "--csv",
                "three.csv",
                "--dev-csv",
                "dev.csv",
                "--test-csv",
                "removed.csv",
                "--out",
                "c",
            ]
        )
        == 2
    )
    assert capsys.readouterr().err == (
        "error: column 'label' of 'dev.csv' holds labels no training text has: 'Positive' (did "
        "you mean 'positive'?) in row 1 (the classes: 'negative', 'neutral', 'positive'; rows "
        "counted from 1 below the header). Correct the names misspelt, remove those rows from "
        "'dev.csv', or move them into 'three.csv' to learn those classes too.\n"
    )


def test_a_two_dimensional_array_of_texts_or_labels_is_refused_with_the_column_to_pass() -> None:
    # df[["review"]].to_numpy(), shape (n, 1): its rows were refused one by one as no str, and
    # as labels were named labels the model does not know, "['positive']", with drop_unknown
    from lstmkit.text.sentiment import class_figures, evaluate

    predictor = _predictor()
    texts = pd.DataFrame({"review": ["a good film", "bad"]})[["review"]].to_numpy()
    for run in (
        predictor.predict_many,
        predictor.explain_many,
        lambda t: predictor.evaluate(t, ["positive", "negative"]),
    ):
        with pytest.raises(TypeError) as err:
            run(texts)
        assert str(err.value) == (
            "`texts` must be a sequence of str, got a 2-d ndarray of shape (2, 1): iterating it "
            "gives its rows. Pass `texts.ravel()`."
        )
    # the advice, run
    assert [label for label, _ in predictor.predict_many(texts.ravel())] == [
        label for label, _ in predictor.predict_many(["a good film", "bad"])
    ]
    with pytest.raises(TypeError) as err:
        predictor.evaluate(["a good film", "bad"], np.array([["positive"], ["negative"]]))
    assert str(err.value) == (
        "`labels` must be a sequence of class indices or names, got a 2-d ndarray of shape "
        "(2, 1): iterating it gives its rows. Pass `labels.ravel()`."
    )
    with pytest.raises(TypeError) as err:
        predictor.predict_many(np.array([["a", "b"], ["c", "d"], ["e", "f"]]))
    assert str(err.value).endswith(
        "of shape (3, 2): iterating it gives its rows. Pass one column, `texts[:, 0]`."
    )
    with pytest.raises(TypeError) as err:
        evaluate(predictor.model, [[2], [3]], torch.tensor([[1], [0]]))
    assert str(err.value) == (
        "`labels` must be a sequence of class indices (ints), got a 2-d Tensor of shape (2, 1): "
        "iterating it gives its rows. Pass `labels.ravel()`."
    )
    labels = torch.tensor([[1], [0]])
    assert evaluate(predictor.model, [[2], [3]], labels.ravel()) == evaluate(
        predictor.model, [[2], [3]], [1, 0]
    )
    with pytest.raises(TypeError, match=r"got a 2-d ndarray of shape \(1, 2\)"):
        class_figures(predictor.model, [[2], [3]], np.array([[1, 0]]), ["n", "p"])
    # a padded 2-d tensor of id sequences is still read by its rows
    assert evaluate(predictor.model, torch.tensor([[2, 3], [3, 1]]), [1, 0]) in (0.0, 0.5, 1.0)


def test_the_label_and_sequence_checks_spell_out_their_input_only_to_refuse_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # text36's checks wrote the repr of every input they were given before looking at it:
    # evaluate of a million labels spent 1.3 s on it, of a million sequences 5 s and more
    import lstmkit.text.sentiment as sentiment

    predictor = _predictor()
    spelt: list[object] = []

    def counted(value: object) -> str:
        spelt.append(value)
        return "..."

    monkeypatch.setattr(sentiment, "typed_repr", counted)
    seqs, labels = [[2], [3], [4]], [0, 1, 1]
    sentiment.evaluate(predictor.model, seqs, labels)
    sentiment.class_figures(predictor.model, seqs, labels, ["neg", "pos"])
    predictor.evaluate(["a good film", "bad"], ["positive", "negative"])
    predictor.class_figures(["a good film", "bad"], [1, 0])
    assert spelt == []
    with pytest.raises(
        TypeError, match=r"^`labels` must be a sequence of class indices \(ints\), got \.\.\.\.$"
    ):
        sentiment.evaluate(predictor.model, seqs, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"got \.\.\.: a dict is read as its keys"):
        sentiment.evaluate(predictor.model, {0: [2]}, [0])  # type: ignore[arg-type]
    assert spelt == [5, {0: [2]}]


def test_train_classifier_says_what_to_do_with_a_test_class_no_training_text_has() -> None:
    # as text train's --test-csv (above): it stopped at the labels, with no next step
    from lstmkit.text.sentiment import SentimentConfig, train_classifier

    texts = [f"a good film {k}" for k in range(10)] + [f"a bad film {k}" for k in range(10)]
    labels = ["pos"] * 10 + ["neg"] * 10
    test_texts = ["a fine film", "a dull film"] + [f"an odd film {k}" for k in range(5)]
    test_labels = ["pos", "neg"] + ["mixed"] * 5
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, batch_size=8, progress=False)
    with pytest.raises(ValueError) as err:
        train_classifier(texts, labels, config, test=(test_texts, test_labels))
    assert str(err.value) == (
        "`test[1]` holds labels no training text has: 'mixed' at positions 2, 3, 4, 5, 6 (the "
        "classes: 'neg', 'pos'; positions are 0-based indices of `test[1]`). Leave those texts "
        "out of `test`, or move them into `texts` and `labels` to learn those classes too (5 or "
        "more of each, as 10 % of each class goes to dev)."
    )
    # the advice, run: either way trains
    left = train_classifier(texts, labels, config, test=(test_texts[:2], test_labels[:2]))
    assert left.metrics["split"]["test"] == 2
    moved = train_classifier(
        texts + test_texts[2:],
        labels + test_labels[2:],
        config,
        test=(test_texts[:2], test_labels[:2]),
    )
    assert moved.labels == ("mixed", "neg", "pos")
    with pytest.raises(ValueError) as err:  # a slip, with both sets given: no count asked
        train_classifier(texts, labels, config, dev=(["a"], ["Pos"]), test=(["b"], ["neg"]))
    assert str(err.value).endswith(
        "Correct the names misspelt, leave those texts out of `dev`, or move them into `texts` "
        "and `labels` to learn those classes too."
    )
