"""Fixes found driving the command line from shell scripts: ``--out`` folders and exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lstmkit.cli import CLIError, main, refuse_other_output
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig


def _explained(folder: Path, *names: str) -> list[str]:
    """``folder`` holding an earlier ``lstmkit explain --out``'s files; their names, sorted."""
    folder.mkdir()
    for name in names:
        (folder / name).write_text("{}")
    return sorted(os.listdir(folder))


def _mixes(out: Path, found: str, command: str) -> str:
    return (
        f"error: --out {str(out)!r} holds an explanation ({found}; `lstmkit explain` writes "
        f"them); `{command}` would mix its files with it. Choose another folder.\n"
    )


def test_forecast_and_predict_refuse_a_folder_holding_an_explanation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # they wrote their files beside the explanation's, so the folder held two runs
    config = ForecasterConfig(horizon=3, ensemble=1, epochs=1, hidden_size=4, progress=False)
    Forecaster(config).fit(load_dataset("airline")).save(tmp_path / "model")
    out = tmp_path / "why"
    before = _explained(out, "explanation.json", "relevance.csv", "relevance.png")
    argv = ["forecast", "airline", "--epochs", "1", "--ensemble", "1", "--out", str(out)]
    assert main(argv) == 2
    found = "relevance.png, relevance.csv, explanation.json"
    assert capsys.readouterr() == ("", _mixes(out, found, "lstmkit forecast"))
    assert main(["predict", str(tmp_path / "model"), "--out", str(out)]) == 2
    assert capsys.readouterr() == ("", _mixes(out, found, "lstmkit predict"))
    assert sorted(os.listdir(out)) == before


def test_text_training_refuses_a_folder_holding_a_sentence_explanation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "why"
    before = _explained(out, "explanation-1.html", "relevance-1.json", "relevance-2.json")
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("abcd" * 50)
    argv = ["text", "train-lm", "--file", str(corpus), "--max-steps", "1", "--out", str(out)]
    assert main(argv) == 2
    found = "explanation-1.html, relevance-1.json, relevance-2.json"
    assert capsys.readouterr() == ("", _mixes(out, found, "lstmkit text train-lm"))
    assert sorted(os.listdir(out)) == before


def test_explain_still_replaces_its_own_files_and_nothing_else_is_an_explanation(
    tmp_path: Path,
) -> None:
    _explained(tmp_path / "why", "explanation.html", "relevance.json")
    refuse_other_output(tmp_path / "why", "lstmkit explain", ("explanation",))
    _explained(tmp_path / "mine", "relevance.txt", "explanation-x.html", "notes.json")
    refuse_other_output(tmp_path / "mine", "lstmkit forecast", ("forecast run",))
    with pytest.raises(CLIError) as err:
        refuse_other_output(tmp_path / "why", "lstmkit forecast", ("forecast run",))
    assert str(err.value) == _mixes(
        tmp_path / "why", "explanation.html, relevance.json", "lstmkit forecast"
    ).removeprefix("error: ").removesuffix("\n")
