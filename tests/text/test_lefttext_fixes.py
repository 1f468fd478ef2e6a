"""Small defects of the text models and their command line, each pinned by a test."""

from __future__ import annotations

import argparse
import inspect
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import torch

from lstmkit.cli import build_parser, main
from lstmkit.text import (
    CharLM,
    CharLMConfig,
    CharVocab,
    SentimentPredictor,
    TextClassifier,
    Vocabulary,
    save_charlm,
)
from lstmkit.text.charlm import CharLMResult, generate


@pytest.mark.parametrize("chars", [[], "", (), iter([])])
def test_an_empty_alphabet_is_refused(chars) -> None:
    # it was CharVocab(size=0, chars=''), which encoded only '' and fitted no model
    with pytest.raises(
        ValueError, match=re.escape("`chars` must hold at least one character, got none.")
    ):
        CharVocab(chars)


def test_an_alphabet_from_a_generator_is_read_once() -> None:
    # the first check used the generator up: the alphabet was empty
    assert CharVocab(c for c in "ba").chars == ["b", "a"]


def test_the_alphabet_of_an_empty_text_is_refused() -> None:
    with pytest.raises(
        ValueError, match=re.escape("`text` must hold at least one character, got ''.")
    ):
        CharVocab.from_text("")


def _surrogate_lm(folder: Path) -> None:
    """A char LM whose alphabet holds a lone surrogate, which it always generates next."""
    lm = CharLM(3, 2, 2, 1)
    with torch.no_grad():
        lm.head.weight.zero_()
        lm.head.bias.copy_(torch.tensor([0.0, 0.0, 5.0]))
    save_charlm(CharLMResult(lm, CharVocab(["a", "b", "\ud800"]), CharLMConfig()), folder)


def test_generated_text_stdout_cannot_encode_is_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it was "error: 'utf-8' codec can't encode character '\ud800' ..." (exit 2), the text lost
    _surrogate_lm(tmp_path / "lm")
    argv = ["text", "generate", str(tmp_path / "lm"), "--prompt", "ab", "--length", "3"]
    assert main([*argv, "--temperature", "0", "--seed", "0"]) == 0
    out, err = capsys.readouterr()
    assert out == "ab\\ud800\\ud800\\ud800\n"
    assert err == (
        "note: characters that stdout's encoding (utf-8) cannot write are printed as Python's "
        "backslash escapes (\\ud800, \\xe9); --json holds them exactly.\n"
    )
    assert main([*argv, "--temperature", "0", "--seed", "0", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == {"text": "ab\ud800\ud800\ud800", "seed": 0} and err == ""


def test_generated_text_on_an_ascii_stdout_is_printed_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lm"
    save_charlm(CharLMResult(CharLM(2, 2, 2, 1), CharVocab(["é", "—"]), CharLMConfig()), folder)
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    argv = ["text", "generate", str(folder), "--prompt", "é—", "--length", "0", "--seed", "0"]
    assert main(argv) == 0
    stdout.flush()
    assert stdout.buffer.getvalue() == b"\\xe9\\u2014\n"
    assert capsys.readouterr().err == (
        "note: characters that stdout's encoding (ascii) cannot write are printed as Python's "
        "backslash escapes (\\ud800, \\xe9); --json holds them exactly.\n"
    )


def _predictor() -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    return SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))


EXPECTED = "`target` must be a class index, one of the labels ('neg', 'pos') or None, got "


@pytest.mark.parametrize(
    ("target", "explain", "explain_many"),
    [
        # explain(target=1.5) advised "one class for every text (for a class per text, call
        # `explain` on each)", which fits neither one text nor a float
        (1.5, "float 1.5.", "float 1.5."),
        # a 0-d integer tensor is a class index (logits.argmax()); a float one is none
        (torch.tensor(1.0), "Tensor tensor(1.).", "Tensor tensor(1.)."),
        (
            [0, 1],
            "list: one class for the text.",
            "list: one class for every text (for a class per text, call `explain` on each).",
        ),
    ],
)
def test_a_target_that_is_no_class_is_refused_with_advice_for_the_caller(
    target, explain: str, explain_many: str
) -> None:
    predictor = _predictor()
    with pytest.raises(TypeError) as err:
        predictor.explain("a good film", target)
    assert str(err.value) == EXPECTED + explain
    with pytest.raises(TypeError) as err:
        predictor.explain_many(["a good film"], target)
    assert str(err.value) == EXPECTED + explain_many
    # a class by index or label, as before
    assert predictor.explain("a good film", 1) == predictor.explain("a good film", "pos")


def test_both_temperature_defaults_are_stated_where_each_is_met() -> None:
    # the CLI's 0.8 and Python's 1.0 differ by design; neither help nor docstring said so
    generate_cli = next(
        command
        for name, command in _commands(build_parser(["text"])).items()
        if name == "lstmkit text generate"
    )
    (flag,) = [a for a in generate_cli._actions if "--temperature" in a.option_strings]
    assert flag.default == 0.8
    assert flag.help == (
        "divides the logits: lower is more conservative, 0 is greedy (default: 0.8; generate() "
        "in Python defaults to 1.0, the model's own distribution)"
    )
    assert inspect.signature(generate).parameters["temperature"].default == 1.0
    assert (
        "The\n            default ``1.0`` samples the model's own distribution; ``lstmkit text "
        "generate``\n            defaults to ``0.8`` (``--temperature``), a little more "
        "conservative."
    ) in (generate.__doc__ or "")


def _commands(parser: argparse.ArgumentParser, name: str = "lstmkit") -> dict[str, Any]:
    """Every command's parser under ``parser``, by its full name (``lstmkit text generate``)."""
    found = {name: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub, child in action.choices.items():
                found |= _commands(child, f"{name} {sub}")
    return found
