"""A save into a folder holding no ``config.json`` (no saved model) but files of the names it
writes overwrote them without a word (a user's metrics.json, a plot, another program's
model.safetensors); every saver and ``--out`` now refuses it naming them, before any work."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit import io
from lstmkit.cli import main

STOPPED = (
    "(yours or another program's, or left by a save of lstmkit's stopped before it wrote "
    "config.json, which it writes last)"
)


def _held(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_save_model_refuses_a_folder_with_its_files_but_no_config_json(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"not lstmkit's")
    (tmp_path / "notes.txt").write_text("mine")
    before = _held(tmp_path)
    with pytest.raises(ValueError) as err:
        io.save_model(torch.nn.Linear(2, 3), tmp_path, {"kind": "charlm"})
    assert str(err.value) == (
        f"`path` {str(tmp_path)!r} holds model.safetensors but no config.json, so no saved "
        f"model {STOPPED}; saving a 'charlm' model there would overwrite it. Choose another "
        "folder or delete it first"
        ", or pass overwrite=True to replace it."
    )
    assert _held(tmp_path) == before  # nothing written
    # a file of another name is no obstacle, and a save of lstmkit's is saved over again
    (tmp_path / "model.safetensors").unlink()
    io.save_model(torch.nn.Linear(2, 3), tmp_path, {"kind": "charlm"})
    io.save_model(torch.nn.Linear(2, 3), tmp_path, {"kind": "charlm"})
    assert sorted(_held(tmp_path)) == ["config.json", "model.safetensors", "notes.txt"]


def test_save_classifier_names_every_file_it_would_overwrite(tmp_path):
    from lstmkit.text.sentiment import SentimentConfig, save_classifier, train_classifier

    texts = [f"film {k} was {w}" for k in range(6) for w in ("great", "awful")]
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, batch_size=4, progress=False)
    result = train_classifier(texts, ["up", "down"] * 6, config, name="films")
    (tmp_path / "metrics.json").write_text('{"mine": 1}')
    (tmp_path / "vocab.json").write_text("[]")
    with pytest.raises(ValueError) as err:
        save_classifier(result, tmp_path)
    assert str(err.value) == (
        f"`out_dir` {str(tmp_path)!r} holds metrics.json and vocab.json but no config.json, so "
        f"no saved model {STOPPED}; saving a 'classifier' model there would overwrite them. "
        "Choose another folder or delete them first"
        ", or pass overwrite=True to replace them."
    )
    assert _held(tmp_path) == {"metrics.json": b'{"mine": 1}', "vocab.json": b"[]"}


def test_forecaster_save_refuses_and_saves_over_its_own_folder(tmp_path):
    from lstmkit.forecast import Forecaster

    fc = Forecaster(epochs=1, horizon=2, lookback=4, seed=0).fit(np.arange(60.0))
    (tmp_path / "model.safetensors").write_bytes(b"x")
    with pytest.raises(ValueError) as err:
        fc.save(tmp_path)
    assert str(err.value) == (
        f"`path` {str(tmp_path)!r} holds model.safetensors but no config.json, so no saved "
        f"model {STOPPED}; saving a 'lstmkit.Forecaster' model there would overwrite it. "
        "Choose another folder or delete it first"
        ", or pass overwrite=True to replace it."
    )
    assert _held(tmp_path) == {"model.safetensors": b"x"}
    (tmp_path / "model.safetensors").unlink()
    fc.save(tmp_path)
    fc.save(tmp_path)  # its own folder: config.json marks it
    assert Forecaster.load(tmp_path).predict().equals(fc.predict())


def test_a_save_renames_config_json_last(tmp_path, monkeypatch):
    # a save stopped between its renames leaves the others without config.json, which the
    # refusal then says may be so; config.json went second of three before
    order = []
    replace = os.replace

    def recorded(src, dst):
        order.append(Path(dst).name)
        return replace(src, dst)

    monkeypatch.setattr(io.os, "replace", recorded)
    io.save_model(torch.nn.Linear(2, 3), tmp_path, {"kind": "x"}, {"vocab.json": "[]"})
    assert order == ["model.safetensors", "vocab.json", "config.json"]


def test_the_cli_moves_config_json_and_run_json_last(tmp_path, monkeypatch):
    from lstmkit import cli

    order = []
    replace = os.replace

    def recorded(src, dst):
        order.append(Path(dst).name)
        return replace(src, dst)

    monkeypatch.setattr(cli.os, "replace", recorded)
    with cli.written_together(tmp_path) as stage:
        for name in ("run.json", "config.json", "forecast.csv", "training.png"):
            (stage / name).write_text(name)
    assert order == ["forecast.csv", "training.png", "config.json", "run.json"]


def test_text_train_out_refuses_before_training(tmp_path, capsys):
    (tmp_path / "training.png").write_bytes(b"my plot")
    assert main(["text", "train", "sst2", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds training.png but no config.json, so no saved "
        f"model {STOPPED}; saving a 'classifier' model there would overwrite it. Choose "
        "another folder or delete it first"
        ", or pass --overwrite to replace it.\n"
    )
    assert _held(tmp_path) == {"training.png": b"my plot"}


def test_forecast_out_refuses_a_folder_of_its_file_names_without_run_json(tmp_path, capsys):
    (tmp_path / "training.png").write_bytes(b"my plot")
    (tmp_path / "backtest.csv").write_text("a,b\n")
    assert main(["forecast", "airline", "--out", str(tmp_path)]) == 2
    # a run without --backtest deletes backtest.csv (out25: "overwrite", "replace" said)
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds backtest.csv and training.png but no run.json, "
        "so no forecast run (yours or another program's, or left by a save of lstmkit's "
        "stopped before it wrote run.json, which it writes last); `lstmkit forecast` would "
        "overwrite or delete them. Choose another folder or delete them first"
        ", or pass --overwrite to overwrite or delete them.\n"
    )
    assert _held(tmp_path) == {"backtest.csv": b"a,b\n", "training.png": b"my plot"}


def test_forecast_out_refuses_a_model_folder_of_others_files(tmp_path, capsys):
    # a run's record: lstmkit's (out25: a "{}" is a file of the user's)
    (tmp_path / "run.json").write_text(json.dumps({"versions": io.versions()}))
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "model.safetensors").write_bytes(b"x")
    assert main(["forecast", "airline", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path / 'model')!r} holds model.safetensors but no config.json, "
        f"so no saved model {STOPPED}; saving a 'lstmkit.Forecaster' model there would delete "
        "it with the rest of that folder. Choose another folder or delete it first"
        ", or pass --overwrite to replace it.\n"
    )
