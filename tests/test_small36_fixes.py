"""Fixes from helper small36 (left-overs of the session's reviews): each test fails without
its fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import torch

import lstmkit
from lstmkit.cli import main
from lstmkit.forecast import Forecaster
from lstmkit.nn import LSTM, LSTMCell
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


# ---- 3. summary's note of a tied weight names the module that holds it -------------------------


class _Seq2Seq(torch.nn.Module):
    """An encoder and a decoder cell (in a Sequential of its own) that share the recurrent
    weight: siblings, the decoder's row below the encoder's."""

    def __init__(self) -> None:
        super().__init__()
        self.enc = LSTM(1, 4)
        self.dec = torch.nn.Sequential(LSTMCell(1, 4))
        self.dec[0].weight_hh = self.enc.weight_hh_l0


def test_summary_names_the_sibling_a_weight_is_shared_with() -> None:
    # "weight_hh is shared with a module above, counted there": the row above, or a parent?
    s = lstmkit.summary(_Seq2Seq())
    assert s.notes == [
        "dec.0 (LSTMCell): its rows count the 112 weights and biases its gates use, the total 48 "
        "of its parameters: weight_hh is the same parameter as weight_hh_l0 of enc (LSTM), "
        "counted there."
    ]
    assert s.total == 112 + 48


def test_summary_of_a_cell_inside_a_layer_that_shares_its_weight() -> None:
    # the layer's total took the cell's parameters (160, with no reason given) and the cell's
    # note called all four of its tensors shared with a module above
    layer = LSTM(1, 4)
    layer.cell = LSTMCell(1, 4)
    layer.cell.weight_hh = layer.weight_hh_l0
    s = lstmkit.summary(layer)
    assert s.notes == [
        "cell (LSTMCell): its rows count the 112 weights and biases its gates use, the total 48 "
        "of its parameters: weight_hh is the same parameter as weight_hh_l0 of the model itself "
        "(LSTM), counted there."
    ]
    assert (s.total, sum(r["total"] for r in s.rows)) == (160, 224)
