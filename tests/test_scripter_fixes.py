"""Fixes found driving the command line from shell scripts: ``--out`` folders and exit codes."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest
import torch

import lstmkit.cli.explain
from lstmkit.cli import CLIError, main, refuse_other_output
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.text import TextClassifier, Vocabulary
from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier


def _explained(folder: Path, *names: str) -> list[str]:
    """``folder`` holding an earlier ``lstmkit explain --out``'s files; their names, sorted (its
    records lstmkit's: a "{}" is a file of the user's, out25)."""
    from lstmkit.io import versions

    folder.mkdir()
    for name in names:
        (folder / name).write_text(json.dumps({"versions": versions()}))
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


@pytest.fixture(scope="module")
def forecaster_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = ForecasterConfig(horizon=3, ensemble=1, epochs=1, hidden_size=4, progress=False)
    out = tmp_path_factory.mktemp("forecaster") / "model"
    Forecaster(config).fit(load_dataset("airline")).save(out)
    return out


@pytest.fixture(scope="module")
def classifier_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    model = TextClassifier(len(vocab), 4, 3, 2).eval()
    out = tmp_path_factory.mktemp("classifier")
    save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), out)
    return out


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_explain_of_a_forecaster_that_fails_part_way_leaves_the_earlier_one(
    forecaster_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # its relevance.png was written, then the disk was full: the new plot stood beside the
    # relevance.csv and explanation.json of the earlier explanation (another step)
    out = tmp_path / "why"
    _explained(out, "explanation.json", "relevance.csv", "relevance.png")
    before = _contents(out)
    monkeypatch.setattr(pd.DataFrame, "to_csv", _no_space)
    assert main(["explain", str(forecaster_dir), "--step", "2", "--json", "--out", str(out)]) == 1
    assert capsys.readouterr() == (
        "",
        f"error: --out {str(out)!r} cannot be written: No space left on device.\n",
    )
    assert _contents(out) == before
    # a folder made for the run is removed
    assert main(["explain", str(forecaster_dir), "--out", str(tmp_path / "new")]) == 1
    assert sorted(os.listdir(tmp_path)) == ["why"]


def test_explain_of_sentences_that_fails_part_way_leaves_the_earlier_ones(
    classifier_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "why"
    texts = ["--text", "a good film", "--text", "a bad film", "--text", "good"]
    assert main(["explain", str(classifier_dir), *texts, "--out", str(out)]) == 0
    before = _contents(out)
    assert len(before) == 7  # three pairs and relevance.png
    capsys.readouterr()
    written = []

    def second_fails(path: Path, record: dict[str, object]) -> None:
        if written:
            _no_space()
        written.append(path)
        path.write_text("{}")

    monkeypatch.setattr(lstmkit.cli.explain, "_write_json", second_fails)
    assert main(["explain", str(classifier_dir), *texts[:4], "--out", str(out)]) == 1
    assert capsys.readouterr() == (
        "",
        f"error: --out {str(out)!r} cannot be written: No space left on device.\n",
    )
    assert _contents(out) == before  # neither a new pair beside the old nor the third removed
    monkeypatch.undo()
    assert main(["explain", str(classifier_dir), *texts[:4], "--out", str(out)]) == 0
    assert sorted(os.listdir(out)) == [
        "explanation-1.html",
        "explanation-2.html",
        "relevance-1.json",
        "relevance-2.json",
        "relevance.png",
    ]


def test_demo_refuses_a_plot_where_nothing_can_be_created_before_training(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # it trained, printed the gates, then failed writing the figure with exit code 1
    def refused(**kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", refused)
    plot = tmp_path / "figures" / "gates.png"
    assert main(["demo", "--plot", str(plot)]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --plot's folder {str(plot.parent)!r} cannot be written: creating anything in "
        f"{str(tmp_path)!r} fails (Permission denied).\n",
    )
    assert os.listdir(tmp_path) == []


def test_series_summary_has_the_same_columns_with_holdout_0() -> None:
    # they were left out, so a script reading summary.csv's model_rmse failed on those runs
    from lstmkit.cli import _forecast_run as R

    result = {"n": 40, "holdout": 0, "metrics": {}, "baselines_skipped": ["AutoETS", "AutoTheta"]}
    methods = ("model", "naive", "seasonal_naive", "AutoARIMA")  # all but the skipped ones
    assert R._series_rows("shop", ["a"], [result]) == [
        {"shop": "a", "n": 40, "holdout": 0}
        | {f"{m}_{k}": None for m in methods for k in ("rmse", "mase")}
    ]
    # a scored run keeps its own methods, as before
    scores = {"rmse": 2.0, "mase": 0.5}
    result |= {"holdout": 3, "metrics": {"model": scores}}
    assert R._series_rows("shop", ["a"], [result]) == [
        {"shop": "a", "n": 40, "holdout": 3, "model_rmse": 2.0, "model_mase": 0.5}
    ]
