"""Leftovers of saving, loading and forecasting: what a refused save into another model's folder
would do, ``io.load_model`` of a run folder, and the one FutureWarning a saved period may hide."""

from __future__ import annotations

import json
import types
import warnings
from pathlib import Path

import pandas as pd
import pytest
import torch

from lstmkit import io
from lstmkit.text import _io


def _other_model(folder: Path, kind: str, *names: str) -> Path:
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"kind": kind}))
    for name in names:
        (folder / name).write_text("x")
    return folder


def _refusal(save, folder: Path) -> str:
    before = sorted(p.name for p in folder.iterdir())
    try:
        save(folder)
    except ValueError as err:
        assert sorted(p.name for p in folder.iterdir()) == before  # nothing written
        return str(err).replace(str(folder), "F")
    raise AssertionError("not refused")


def test_a_save_over_another_model_names_what_it_overwrites_and_what_it_leaves(tmp_path):
    # it said "would leave that model's files behind", but a Forecaster's folder holds no other
    # files: a kind-less save overwrites both, and leaves nothing
    forecaster = _other_model(tmp_path / "fc", "lstmkit.Forecaster", "model.safetensors")
    net = torch.nn.Linear(1, 1)
    assert _refusal(lambda f: io.save_model(net, f, {}), forecaster) == (
        "`path` 'F' already holds a saved model of kind 'lstmkit.Forecaster'; saving a model of "
        "no kind there would overwrite that model's config.json and model.safetensors. Choose "
        "another folder or delete that one first"
        ", or pass overwrite=True to replace it."
    )
    classifier = _other_model(
        tmp_path / "cl", "classifier", "model.safetensors", "vocab.json", "metrics.json"
    )
    assert _refusal(lambda f: _io.save_model(f, net, {}, "charlm"), classifier) == (
        "`out_dir` 'F' already holds a saved model of kind 'classifier'; saving a 'charlm' model "
        "there would overwrite that model's config.json and model.safetensors and leave "
        "metrics.json and vocab.json behind. Choose another folder or delete that one first"
        ", or pass overwrite=True to replace it."
    )
    # the extra files a text save writes are overwritten too, not said to be left behind
    assert _refusal(
        lambda f: _io.save_model(f, net, {}, "seq2seq", {"vocab.json": "[]"}), classifier
    ) == (
        "`out_dir` 'F' already holds a saved model of kind 'classifier'; saving a 'seq2seq' "
        "model there would overwrite that model's config.json, model.safetensors and vocab.json "
        "and leave metrics.json behind. Choose another folder or delete that one first"
        ", or pass overwrite=True to replace it."
    )
    many = _other_model(tmp_path / "many", "charlm", *(f"{n}.txt" for n in "abcdefg"))
    assert _refusal(lambda f: io.save_model(net, f, {"kind": "linear"}), many) == (
        "`path` 'F' already holds a saved model of kind 'charlm'; saving a 'linear' model there "
        "would overwrite that model's config.json and leave a.txt, b.txt, c.txt, d.txt and 3 "
        "more behind. Choose another folder or delete that one first"
        ", or pass overwrite=True to replace it."
    )


def test_load_model_reads_a_run_folders_model_as_the_other_loaders_do(tmp_path):
    # it said "no config.json in '.../run'", where Forecaster.load and the text loaders read
    # the run's model/
    run = tmp_path / "run"
    torch.manual_seed(0)
    saved = torch.nn.Linear(2, 1)
    io.save_model(saved, run / "model", {"kind": "linear"})
    (run / "run.json").write_text("{}")
    net = torch.nn.Linear(2, 1)
    assert io.load_model(net, str(run))["kind"] == "linear"
    assert torch.equal(net.weight, saved.weight) and torch.equal(net.bias, saved.bias)
    # a folder with a model in neither is still named as it was
    empty = tmp_path / "empty"
    (empty / "model").mkdir(parents=True)
    with pytest.raises(FileNotFoundError) as err:
        io.load_model(net, empty)
    assert str(err.value) == f"no config.json in {str(empty)!r}."


def test_a_saved_period_hides_pandas_business_day_warning_alone(monkeypatch):
    # it ignored every FutureWarning; only PeriodDtype[B]'s is lstmkit's to hide, as elsewhere
    from lstmkit import forecast

    assert forecast._is_period_freq("B")  # no warning, which the suite makes an error

    def period_dtype(freq: str) -> None:
        warnings.warn("'H' is deprecated, please use 'h' instead.", FutureWarning, stacklevel=2)

    monkeypatch.setattr(forecast, "pd", types.SimpleNamespace(PeriodDtype=period_dtype))
    with pytest.warns(FutureWarning, match=r"^'H' is deprecated, please use 'h' instead\.$"):
        assert forecast._is_period_freq("H")


@pytest.mark.skipif(
    int(pd.__version__.split(".")[0]) >= 3,
    reason="pandas 3 refuses 'H' (a ValueError), 2.2 deprecates it",
)
def test_pandas_own_deprecation_of_a_saved_period_is_not_hidden():
    from lstmkit import forecast

    with pytest.warns(FutureWarning, match="'H' is deprecated"):
        assert forecast._is_period_freq("H")
