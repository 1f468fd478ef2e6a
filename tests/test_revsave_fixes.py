"""Fixes from the review of the save/load branch (85e0934..0a5f5b8)."""

from __future__ import annotations

from pathlib import Path

from lstmkit import io
from lstmkit.cli import model_subdir
from lstmkit.forecast import Forecaster
from lstmkit.text._io import read_config


def test_one_model_subdir_rule_for_forecaster_load_the_text_loaders_and_the_cli(
    tmp_path, monkeypatch
):
    # Forecaster.load had a third copy of the rule of lstmkit.cli.model_subdir and
    # lstmkit.text._io.read_config: a run folder is read through its model/
    run = tmp_path / "run"
    (run / "model").mkdir(parents=True)
    (run / "model" / "config.json").write_text("{}")
    assert io.model_subdir(run) == run / "model" and model_subdir(run) == run / "model"
    assert io.model_subdir(run / "model") == run / "model"
    (run / "config.json").write_text("{}")  # a model of its own: read as it is
    assert io.model_subdir(run) == run
    seen: list[Path] = []

    def subdir(path: Path) -> Path:
        seen.append(path)
        return path

    monkeypatch.setattr(io, "model_subdir", subdir)
    (tmp_path / "none").mkdir()
    for load in (Forecaster.load, lambda path: read_config(path, "charlm")):
        try:
            load(tmp_path / "none")
        except (FileNotFoundError, ValueError):
            pass
    assert model_subdir(tmp_path) == tmp_path
    assert seen == [tmp_path / "none", tmp_path / "none", tmp_path]
