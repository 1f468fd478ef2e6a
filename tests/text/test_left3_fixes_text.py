"""Small defects of the text side left by earlier reviews, each pinned by its test."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, TextClassifier, Vocabulary, save_classifier
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
    assert lines[-2:] == [" " * 17 + "a +0.000", " " * 11 + "caf\\xe9 +0.000"]
