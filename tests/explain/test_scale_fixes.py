"""Costs that grew with the data: a --file of 20,000 sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import labelled


@pytest.mark.parametrize(
    "command",
    [["text", "predict", "MODEL"], ["text", "predict", "MODEL", "--explain"], ["explain", "MODEL"]],
)
def test_a_file_of_sentences_is_tokenised_once_per_distinct_sentence(
    classifier_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    # The check, the prediction (and explanation) and the output each tokenised every
    # sentence again: four or five times, most of `text predict --file` on 20,000 lines.
    sentences = ["a good film", "Not GOOD at all!", "a bad film", "a good film"]
    file = tmp_path / "sentences.txt"
    file.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    tokenised: list[str] = []
    tokenize = labelled.ptb_tokenize

    def counted(text: str) -> list[str]:
        tokenised.append(text)
        return tokenize(text)

    monkeypatch.setattr(labelled, "ptb_tokenize", counted)
    argv = [str(classifier_dir) if a == "MODEL" else a for a in command]
    assert main([*argv, "--file", str(file), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(tokenised) == ["a bad film", "a good film", "not good at all!"]
    assert [r["tokens"] for r in records] == [
        ["a", "good", "film"],
        ["not", "good", "at", "all", "!"],
        ["a", "bad", "film"],
        ["a", "good", "film"],
    ]
    assert [r["unknown"] for r in records] == [[], ["!"], [], []]
