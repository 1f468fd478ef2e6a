"""revlefttext36: an empty label ('' or spaces) told as missing on every Python route, as
``lstmkit text evaluate`` calls it empty, and ``--drop-unknown``'s note counting the rows of
an empty label apart from those of a label the model does not know."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import torch

from lstmkit.text import SentimentPredictor, Vocabulary
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import class_figures

DROP = "(positions counted from 0): drop those {}s and labels first"


def _predictor() -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    model = TextClassifier(len(vocab), 4, 3, 2)
    return SentimentPredictor(model, vocab, ("negative", "positive"))


@pytest.mark.parametrize("blank", ["", "  "])
def test_an_empty_label_is_told_as_missing_on_every_python_route(blank: str) -> None:
    # evaluate called '' a label the model does not know, class_figures 'got ' ' at position
    # 1' as no class name, where text evaluate calls a file's empty label empty
    predictor = _predictor()
    told = (
        f"`labels` must hold a label for every text, got a missing label: {blank!r} at "
        f"position 1 " + DROP.format("text")
    )
    with pytest.raises(ValueError) as err:
        predictor.evaluate(["one", "two"], ["positive", blank])
    assert str(err.value) == told + ", or pass drop_unknown=True to leave their texts out."
    with pytest.raises(ValueError) as err:  # a pandas column alike
        predictor.evaluate(pd.Series(["one", "two"]), pd.Series(["positive", blank]))
    assert str(err.value) == told + ", or pass drop_unknown=True to leave their texts out."
    with pytest.raises(ValueError) as err:
        predictor.class_figures(["one", "two"], ["positive", blank])
    assert str(err.value) == told + "."
    with pytest.raises(ValueError) as err:
        class_figures(predictor.model, [[1], [2]], ["positive", blank], predictor.labels)
    assert str(err.value) == (
        f"`labels` must hold a label for every sequence, got a missing label: {blank!r} at "
        f"position 1 " + DROP.format("sequence") + "."
    )
    scored = predictor.evaluate(["one", "two"], ["positive", blank], drop_unknown=True)
    assert (scored.dropped, scored.texts) == (1, ["one"])
    # beside an unknown one: each told as what it is
    with pytest.raises(ValueError) as err:
        predictor.evaluate(["one", "two", "three"], ["mixed", blank, "positive"])
    assert str(err.value) == (
        "`labels` holds labels the model does not know: 'mixed' at position 0 (its classes: "
        "'negative', 'positive', or their indices 0 to 1; positions counted from 0). Correct "
        "them, or pass drop_unknown=True to leave their texts out. " + told + ", or pass "
        "drop_unknown=True to leave their texts out."
    )


def test_text_evaluate_drop_unknown_counts_empty_labels_apart(
    tmp_path: Path, constant_run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the note said of blank rows 'their labels are none of the model's classes'
    from lstmkit.cli import main

    run = constant_run
    path = tmp_path / "new.csv"
    path.write_bytes(  # CRLF, an empty cell, a quoted one, one of spaces, one unknown
        b'review,sentiment\r\none two,positive\r\nthree,\r\nfour,""\r\nfive,  \r\n'
        b"one five,negative\r\ntwo,mixed\r\n"
    )
    argv = ["text", "evaluate", str(run), "--csv", str(path), "--text-col", "review"]
    argv += ["--label-col", "sentiment", "--no-progress", "--drop-unknown"]
    out = tmp_path / "out"
    assert main([*argv, "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == (
        "  4 rows left out: 3 of an empty label, 1 whose label is none of the model's classes "
        "(--drop-unknown)"
    )
    assert json.loads((out / "evaluation.json").read_text())["dropped"] == 4
    assert (out / "predictions.csv").read_text().splitlines() == [
        "text,label,predicted,probability",
        "one two,positive,positive,0.731059",
        "one five,negative,positive,0.731059",
    ]
    path.write_text("review,sentiment\none two,positive\nthree,\nfour, \n", encoding="utf-8")
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "  2 rows left out: their labels are empty (--drop-unknown)"
    )
    path.write_text("review,sentiment\none two,positive\nthree,\nfour,x\nfive,y\n")
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "  3 rows left out: 1 of an empty label, 2 whose labels are none of the model's classes "
        "(--drop-unknown)"
    )
    path.write_text("review,sentiment\none two,positive\nthree,x\n")
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "  1 row left out: its label is none of the model's classes (--drop-unknown)"
    )
