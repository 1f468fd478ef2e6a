"""Fixes from the review of the save/load branch (85e0934..0a5f5b8)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lstmkit import __version__, io
from lstmkit.cli import model_subdir
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.text import SentimentPredictor, load_charlm, load_seq2seq
from lstmkit.text.seq2seq import saved_max_digits


def test_one_model_subdir_rule_for_forecaster_load_the_text_loaders_and_the_cli(
    tmp_path, monkeypatch
):
    # Forecaster.load had a third copy of the rule of lstmkit.cli.model_subdir and
    # lstmkit.text._io.read_config: a run folder is read through its model/, by every loader
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
    # the text loaders take the rule once, through text._io.model_folder (read_config reads
    # the folder it is given: io5 removed its second copy of the rule)
    loaders = (
        Forecaster.load,
        load_charlm,
        load_seq2seq,
        saved_max_digits,
        SentimentPredictor.load,
    )
    for load in loaders:
        try:
            load(tmp_path / "none")
        except (FileNotFoundError, ValueError):
            pass
    assert model_subdir(tmp_path) == tmp_path
    assert seen == [tmp_path / "none"] * len(loaders) + [tmp_path]


@pytest.fixture(scope="module")
def saved_forecaster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fc") / "m"
    config = ForecasterConfig(horizon=4, hidden_size=4, epochs=1, ensemble=1, progress=False)
    Forecaster(config).fit(load_dataset("airline")[:-12]).save(folder)
    return folder


def _newer_copy(saved: Path, to: Path, entries: str, name: str, value: object) -> Path:
    """``saved`` copied to ``to``, its config.json as lstmkit 99.1.0 writes it, with
    ``config[entries][name] = value``."""
    shutil.copytree(saved, to)
    config = json.loads((to / "config.json").read_text())
    config["versions"]["lstmkit"] = "99.1.0"
    config[entries][name] = value
    (to / "config.json").write_text(json.dumps(config))
    return to


NEWER = (
    f"; it was saved by lstmkit 99.1.0, newer than this one ({__version__}): upgrade lstmkit to "
    "load it."
)


def test_a_forecaster_value_of_a_newer_lstmkit_is_named_with_its_version(
    saved_forecaster, tmp_path
):
    # the text loaders said so of any value their model refused (CharLM's), Forecaster.load
    # of none: a cell or scaling a newer lstmkit added read as a damaged file
    folder = _newer_copy(saved_forecaster, tmp_path / "a", "config", "cell", "xlstm")
    with pytest.raises(ValueError) as err:
        Forecaster.load(folder)
    assert str(err.value) == (
        f"{str(folder / 'config.json')!r} does not describe a usable Forecaster: its config: "
        "`cell` must be one of ('lstm', 'gru', 'peephole'), got 'xlstm'" + NEWER
    )
    folder = _newer_copy(saved_forecaster, tmp_path / "b", "state", "scaling", "robust")
    with pytest.raises(ValueError) as err:
        Forecaster.load(folder)
    assert str(err.value) == (
        f"{str(folder / 'config.json')!r} does not describe a usable Forecaster: state.scaling "
        "must be 'window', 'standard' or 'minmax', got 'robust'" + NEWER
    )
