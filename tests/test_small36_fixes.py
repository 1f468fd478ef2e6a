"""Fixes from helper small36 (left-overs of the session's reviews): each test fails without
its fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster
from lstmkit.text import SentimentPredictor

# ---- 2. any file of a saved model's folder is told that folder ---------------------------------


@pytest.fixture
def run_dir(fc_dir: Path, tmp_path: Path) -> Path:
    """A run folder as `lstmkit forecast --out run` writes it: model/ beside its outputs."""
    run = tmp_path / "run"
    shutil.copytree(fc_dir, run / "model")
    for name in ("forecast.csv", "training.png", "run.json"):
        (run / name).write_text("x")
    return run


def test_python_loaders_name_the_folder_of_any_of_its_files(run_dir: Path, clf_dir: Path) -> None:
    # 'models/tt/vocab.json' (a run's metrics.json, training.png) was "is a file, not a saved
    # model's folder." with no folder, where config.json was told the folder that holds it
    with pytest.raises(FileNotFoundError) as err:
        Forecaster.load(run_dir / "run.json")
    assert str(err.value) == (
        f"{str(run_dir / 'run.json')!r} is a file, not the folder of a saved model (config.json "
        f"and model.safetensors); load the folder that holds it, {str(run_dir)!r}."
    )
    with pytest.raises(FileNotFoundError) as err:
        SentimentPredictor.load(clf_dir / "vocab.json")
    assert str(err.value) == (
        f"{str(clf_dir / 'vocab.json')!r} is a file, not a saved model's folder; load the folder "
        f"that holds it, {str(clf_dir)!r}."
    )


@pytest.mark.parametrize(
    ("argv", "file"),
    [
        (["predict"], "training.png"),
        (["explain"], "vocab.json"),
        (["text", "predict"], "metrics.json"),
    ],
)
def test_the_commands_name_the_folder_of_any_of_its_files(
    run_dir: Path,
    clf_dir: Path,
    argv: list[str],
    file: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = run_dir if argv == ["predict"] else clf_dir
    extra = ["a film"] if argv == ["text", "predict"] else []
    assert main([*argv, str(folder / file), *extra]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(folder / file)!r} is a file, not a saved model's folder; give the folder "
        f"that holds it, {str(folder)!r}.\n"
    )


def test_a_file_beside_no_saved_model_is_told_no_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    assert main(["predict", str(notes)]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(notes)!r} is a file, not a saved model's folder.\n"
    )
