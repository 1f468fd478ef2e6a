"""Fixes from the tidy5 pass: the text entry points check a seed as the rest of the library."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import SentimentConfig
from lstmkit.text.charlm import CharLM, CharVocab, generate
from lstmkit.text.labelled import stratified_split

_TOP = 2**63 - 1


def _said(name: str, seed: int, top: int = _TOP, extra: str = "") -> str:
    return f"{name} must be an integer in [0, {top}]{extra}, got {seed}."


def _generate(seed: int) -> str:
    vocab = CharVocab(list("ab"))
    return generate(CharLM(len(vocab), 2, 2, 1), vocab, "a", 1, seed=seed)


@pytest.mark.parametrize("seed", [-1, 2**63])
@pytest.mark.parametrize(
    ("call", "extra"),
    [
        (lambda s: stratified_split(["a"] * 5 + ["b"] * 5, seed=s), ""),
        (lambda s: SentimentConfig(seed=s), ""),
        (_generate, " or None"),  # said "`seed` must be in [0, ...] or None"
    ],
    ids=["stratified_split", "SentimentConfig", "generate"],
)
def test_text_entry_points_refuse_a_seed_in_one_form(call, extra: str, seed: int) -> None:
    # stratified_split said "[0, 2**63 - 1]", the configs the number itself
    with pytest.raises(ValueError) as err:
        call(seed)
    assert str(err.value) == _said("`seed`", seed, extra=extra)


def test_a_text_ensemble_says_why_its_top_is_lower() -> None:
    # said "in [0, 9223372036854775805]" with no word of the ensemble
    with pytest.raises(ValueError) as err:
        SentimentConfig(seed=_TOP, ensemble=3)
    assert str(err.value) == _said(
        "`seed`", _TOP, _TOP - 2, " with ensemble=3 (member k uses seed + k)"
    )


@pytest.mark.parametrize("seed", [-1, 2**63])
@pytest.mark.parametrize(
    "argv",
    [["text", "train", "sst2", "--out", "{tmp}/o"], ["text", "generate", "{tmp}/lm"]],
    ids=["train", "generate"],
)
def test_text_commands_refuse_a_seed_naming_the_flag(
    argv: list[str], seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    torch.manual_seed(0)
    argv = [word.format(tmp=tmp_path) for word in argv]
    assert main([*argv, "--seed", str(seed)]) == 2
    assert capsys.readouterr() == ("", f"error: {_said('--seed', seed)}\n")
