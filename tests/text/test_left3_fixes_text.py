"""Small defects of the text side left by earlier reviews, each pinned by its test."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import (
    SentimentConfig,
    SentimentPredictor,
    TextClassifier,
    Vocabulary,
    save_classifier,
)
from lstmkit.text.sentiment import SentimentResult


def _even_classifier(folder: Path) -> None:
    """A classifier whose weights are all zero: every text is 0.500 each, relevance 0."""
    model = TextClassifier(len(vocab := Vocabulary.build(["a good café", "a bad film"])), 4, 3, 2)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.zero_()
    save_classifier(SentimentResult(model.eval(), vocab, SentimentConfig()), folder)


def test_text_predict_pads_escaped_tokens_by_their_escapes_on_an_ascii_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "café" was padded to 16 columns as 4, then printed as the 7 of caf\xe9: 3 out of line
    _even_classifier(tmp_path / "clf")
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["text", "predict", str(tmp_path / "clf"), "a café", "--explain"]) == 0
    stdout.flush()
    lines = stdout.buffer.getvalue().decode().splitlines()
    assert lines[-3:] == [
        " " * 17 + "a +0.000",
        " " * 11 + "caf\\xe9 +0.000",
        # fin28: their sum, as explain prints it
        "relevance in all: tokens +0.0000 + initial state +0.0000 = +0.0000, score 0.0000; the "
        "biases hold the rest (pass --bias-factor 1 to conserve it)",
    ]


def _seeded_predictor() -> SentimentPredictor:
    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    return SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))


@pytest.mark.parametrize("target", [torch.tensor(1), np.array(1), np.int64(1)])
def test_explain_takes_a_zero_d_integer_tensor_as_a_class_index(target) -> None:
    # explain(text, target=logits.argmax()) was refused: "got Tensor tensor(1)."
    predictor = _seeded_predictor()
    expected = predictor.explain("a good film", target=1)
    assert expected != predictor.explain("a good film", target=0)  # the target tells
    assert predictor.explain("a good film", target=target) == expected
    assert predictor.explain_many(["a good film"], target=target) == [expected]


@pytest.mark.parametrize("target", [torch.tensor(True), np.array(True), torch.tensor(1.0)])
def test_explain_still_refuses_a_zero_d_bool_or_float_tensor(target) -> None:
    with pytest.raises(TypeError) as info:
        _seeded_predictor().explain("a good film", target=target)
    assert str(info.value) == (
        "`target` must be a class index, one of the labels ('neg', 'pos') or None, "
        f"got {type(target).__name__} {target!r}."
    )


def test_explain_pads_by_the_escapes_of_a_stdout_that_writes_them_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PYTHONIOENCODING=ascii:backslashreplace: the stream escapes café itself, 3 columns wider
    _even_classifier(tmp_path / "clf")
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["explain", str(tmp_path / "clf"), "--text", "a café"]) == 0
    stdout.flush()
    lines = stdout.buffer.getvalue().decode().splitlines()
    assert lines[-3:] == [
        "    0  a" + " " * 20 + "+0.0000",
        "    1  caf\\xe9" + " " * 14 + "+0.0000",
        # lrpcli28: their sum
        "relevance in all: tokens +0.0000 + initial state +0.0000 = +0.0000, score 0.0000; the "
        "biases hold the rest (pass --bias-factor 1 to conserve it)",
    ]
