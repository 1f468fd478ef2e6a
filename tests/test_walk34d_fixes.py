"""Fixes from a walk through the README's "Text" and "Sentiment" sections (walk34d)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lstmkit.cli import main

# ---- the text commands name a sentence one way ---------------------------------------------

_BLOWN = (
    "LRP relevances blew up through the long sequence: {which}, of 31 tokens, has a relevance "
    "of magnitude 1.53e+08 for a score of 0.6421 (more than 1e+06 times it), amplified step "
    "by step at eps=0.001, so they say little about its tokens; pass --eps 0.1, which keeps "
    "long texts' relevances near the score."
)


@pytest.fixture
def amplifier_dir(tmp_path: Path, amplifying_predictor: Any) -> Path:
    from lstmkit.text import SentimentConfig
    from lstmkit.text.sentiment import SentimentResult, save_classifier

    predictor = amplifying_predictor()
    config = SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False)
    save_classifier(SentimentResult(predictor.model, predictor.vocab, config), tmp_path / "m")
    return tmp_path / "m"


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_a_blown_up_sentence_is_named_as_its_refusal_names_it(
    amplifier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the warning said "text 2 of 31 tokens" where an empty one was refused as
    # "sentence 2 (argument text)" (text predict) or "sentence 2 (--text)" (explain)
    long = "the " + " ".join(["word"] * 30)
    model = str(amplifier_dir)
    cases = {
        ("text", "predict", model, "--explain", "word", long): (
            "1 of the 2 sentences' ",
            "sentence 2 (argument text)",
        ),
        ("text", "predict", model, "--explain", long): ("the ", "the sentence (argument text)"),
        ("explain", model, "--text", "word", "--text", long): (
            "1 of the 2 sentences' ",
            "sentence 2 (--text)",
        ),
        ("explain", model, "--text", long): ("the ", "the sentence (--text)"),
    }
    for argv, (some, which) in cases.items():
        assert main(list(argv)) == 0
        blown = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
        assert blown == [f"warning: {some}" + _BLOWN.format(which=which)], argv


def test_explain_refuses_one_empty_sentence_as_text_predict_does(
    amplifier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # explain said "--text must contain ...", text predict "the sentence (argument text) ..."
    assert main(["explain", str(amplifier_dir), "--text", " "]) == 2
    assert capsys.readouterr().err == (
        "error: the sentence (--text) must contain at least one token, got ' '.\n"
    )
    assert main(["text", "predict", str(amplifier_dir), " "]) == 2
    assert capsys.readouterr().err == (
        "error: the sentence (argument text) must contain at least one token, got ' '.\n"
    )
