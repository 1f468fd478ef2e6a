"""Defects found reviewing the lefttext change (text output, alphabets), each pinned by a test."""

from __future__ import annotations

import collections.abc
import io
import json
import re
import sys
import typing
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import (
    CharLM,
    CharLMConfig,
    CharVocab,
    SentimentConfig,
    SentimentPredictor,
    TextClassifier,
    Vocabulary,
    load_charlm,
    save_charlm,
    save_classifier,
)
from lstmkit.text.charlm import CharLMResult
from lstmkit.text.sentiment import SentimentResult

NOTE = (
    "note: characters that stdout's encoding (ascii) cannot write are printed as Python's "
    "backslash escapes (\\ud800, \\xe9); --json holds them exactly.\n"
)


def _even_classifier(folder: Path) -> None:
    """A classifier whose weights are all zero: every text is 0.500 each, relevance 0."""
    model = TextClassifier(len(vocab := Vocabulary.build(["a good café", "a bad film"])), 4, 3, 2)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.zero_()
    save_classifier(SentimentResult(model.eval(), vocab, SentimentConfig()), folder)


def _ascii_stdout(monkeypatch: pytest.MonkeyPatch) -> io.TextIOWrapper:
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    return stdout


def test_text_predict_on_an_ascii_stdout_prints_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # it was "error: 'ascii' codec can't encode character '\xe9' ..." (exit 2): only generate's
    # and the other _emit commands' output was made writable, not text predict's sentence blocks
    _even_classifier(tmp_path / "clf")
    stdout = _ascii_stdout(monkeypatch)
    assert main(["text", "predict", str(tmp_path / "clf"), "a café", "naïve film"]) == 0
    stdout.flush()
    assert stdout.buffer.getvalue().decode() == (
        "> a caf\\xe9\nnegative\n        negative: 0.500\n        positive: 0.500\n\n"
        "> na\\xefve film\nnegative\n        negative: 0.500\n        positive: 0.500\n"
        "not in the vocabulary (read as <unk>): na\\xefve\n"
    )
    assert capsys.readouterr().err == NOTE  # once for the command, not once per sentence


def test_explain_on_a_text_on_an_ascii_stdout_prints_escapes_after_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # it wrote --out's files, then failed as "error: 'ascii' codec can't encode ..." (exit 2)
    _even_classifier(tmp_path / "clf")
    out = tmp_path / "out"
    stdout = _ascii_stdout(monkeypatch)
    assert main(["explain", str(tmp_path / "clf"), "--text", "a café", "--out", str(out)]) == 0
    stdout.flush()
    assert stdout.buffer.getvalue().decode() == (
        "predicted: negative (p = 0.500)\nexplained: negative, score 0.0000, method lrp\n"
        "a(+0.000) caf\\xe9(+0.000)\ntop 2 contributions:\n    0  a                    +0.0000\n"
        "    1  caf\\xe9              +0.0000\n"  # padded by the escape's 7 columns
        "relevance in all: tokens +0.0000 + initial state +0.0000 = +0.0000, score 0.0000; the "
        "biases hold the rest (pass --bias-factor 1 to conserve it)\n"
        f"wrote {out / 'explanation.html'}, {out / 'relevance.json'} and "
        f"{out / 'relevance.png'}\n"
    )
    assert capsys.readouterr().err == NOTE


@pytest.mark.parametrize(("chars", "shown"), [(None, "None"), (5, "int 5")])
def test_an_alphabet_that_is_not_iterable_is_refused_by_name(chars, shown) -> None:
    # it was list()'s "'NoneType' object is not iterable", which named no argument
    with pytest.raises(TypeError) as err:
        CharVocab(chars)
    assert str(err.value) == (
        f"`chars` must be an iterable of single characters (str), got {shown}."
    )


def test_an_alphabet_with_lone_surrogates_of_both_halves_loads_as_saved(tmp_path: Path) -> None:
    # saved as the string "a\ud800\udc00", which JSON reads back as "a𐀀": the model saved, then
    # would not load ("its alphabet has 2 characters but its model 3")
    chars = ["a", "\ud800", "\udc00"]
    save_charlm(CharLMResult(CharLM(3, 2, 2, 1), CharVocab(chars), CharLMConfig()), tmp_path / "lm")
    assert load_charlm(tmp_path / "lm")[1].chars == chars
    assert json.loads((tmp_path / "lm" / "config.json").read_text())["chars"] == chars
    # an alphabet that reads back from its string is saved as one, as before
    save_charlm(
        CharLMResult(CharLM(3, 2, 2, 1), CharVocab(["\ud800", "a", "é"]), CharLMConfig()),
        tmp_path / "other",
    )
    assert json.loads((tmp_path / "other" / "config.json").read_text())["chars"] == "\ud800aé"
    assert load_charlm(tmp_path / "other")[1].chars == ["\ud800", "a", "é"]


def test_an_alphabet_given_as_a_set_is_sorted_so_its_ids_hold_in_every_run() -> None:
    # a set's order follows the salted str hashes: CharVocab(set(text)) gave other ids in
    # every process, so a vocabulary built again did not fit the model trained with the first
    chars = [chr(c) for c in range(ord("A"), ord("A") + 60)]
    assert CharVocab(set(chars)).chars == chars
    assert CharVocab(frozenset("cab")).chars == ["a", "b", "c"]
    assert CharVocab("cab").chars == ["c", "a", "b"]  # a sequence keeps its order, as before


def test_the_alphabet_is_annotated_as_the_iterable_it_is_read_as() -> None:
    # annotated Sequence[str]: a type checker refused the generator and set it takes
    hints = typing.get_type_hints(CharVocab.__init__)
    assert hints["chars"] == collections.abc.Iterable[str]


def _predictor() -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    return SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))


def test_a_target_of_bytes_is_refused_as_one_value_not_as_several_classes() -> None:
    # b"pos" was read as a sequence of classes: "got bytes: one class for the text." (and,
    # from explain_many, the advice to call explain on each text)
    predictor = _predictor()
    expected = (
        "`target` must be a class index, one of the labels ('neg', 'pos') or None, got bytes "
        "b'pos'."
    )
    with pytest.raises(TypeError, match=f"^{re.escape(expected)}$"):
        predictor.explain("a good film", b"pos")
    with pytest.raises(TypeError, match=f"^{re.escape(expected)}$"):
        predictor.explain_many(["a good film"], b"pos")
