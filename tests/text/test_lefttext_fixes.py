"""Small defects of the text models and their command line, each pinned by a test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lstmkit.text import CharLM, CharLMConfig, CharVocab, load_charlm, save_charlm
from lstmkit.text.charlm import CharLMResult


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


def test_a_saved_empty_alphabet_names_the_config_entry(tmp_path: Path) -> None:
    folder = tmp_path / "lm"
    save_charlm(CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), CharLMConfig()), folder)
    config = json.loads((folder / "config.json").read_text())
    config["chars"] = ""
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ValueError) as err:
        load_charlm(folder)
    assert str(err.value) == (
        f"{str(folder / 'config.json')!r} does not describe a usable character language model: "
        "its entry 'chars' must be the alphabet as a non-empty string, got ''."
    )
