"""Saving and loading, io5: the depth a config is refused at, the wording for a folder whose
model is in its ``model/`` without ``run.json``, one place for the ``model/`` rule of the text
loaders, and numpy keys in a config."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit import io
from lstmkit.cli import CLIError, refuse_other_output
from lstmkit.text import _io as text_io


def _refused(tmp_path: Path, config: dict, kind: type[Exception] = TypeError) -> str:
    with pytest.raises(kind) as err:
        io.save_model(torch.nn.Linear(1, 1), tmp_path / "m", config)
    assert not (tmp_path / "m").exists()  # nothing written
    return str(err.value)


# ---- 1. a config nested deeper than json writes: the depth it has, not a limit it misses -----


def test_a_config_too_deep_for_json_is_refused_saying_how_deep_it_is(tmp_path):
    # it said "nested deeper than the 1000 levels" of a config 995 levels deep: json's calls
    # share Python's recursion limit with those that led to the save
    deep: dict = {}
    for _ in range(19_999):  # far deeper than json writes
        deep = {"a": deep}
    assert _refused(tmp_path, deep, ValueError) == (
        "`config` must be JSON-serialisable, but it is nested 20000 levels deep, more than json "
        "can write (it stops at Python's recursion limit)."
    )


def test_a_json_file_too_deep_to_read_is_refused_without_a_depth_it_may_not_have(tmp_path):
    # read_json said "nested deeper than 1000 levels" of a file 995 levels deep (the parser's
    # limit is shared with the calls on the way, and on Python 3.12+ is another one)
    file = tmp_path / "deep.json"
    file.write_text("[" * 100_000)
    with pytest.raises(ValueError) as err:
        io.read_json(file)
    assert str(err.value) == f"{str(file)!r} is not usable JSON (nested too deep to read)."


def test_the_depth_counts_lists_and_tuples_and_each_loop_once():
    assert io._depth({"a": [({},)], "b": 1}) == 4
    loop: list = []
    loop.append(loop)
    assert io._depth({"a": loop, "b": [[[]]]}) == 4


# ---- 2. a folder whose model is in model/, with or without run.json -------------------------


@pytest.fixture
def model_only(tmp_path: Path) -> Path:
    """A folder holding a saved model in its ``model/`` and no ``run.json``."""
    folder = tmp_path / "f"
    io.save_model(torch.nn.Linear(1, 1), folder / "model", {"kind": "linear"})
    return folder


def test_saving_into_a_folder_whose_model_is_in_model_without_run_json_says_what_it_holds(
    model_only,
):
    # it called it "a run folder ... (as `lstmkit forecast --out` writes it)": there is no run
    inner = model_only / "model"
    with pytest.raises(ValueError) as err:
        io.save_model(torch.nn.Linear(1, 1), model_only, {"kind": "linear"})
    assert str(err.value) == (
        f"`path` {str(model_only)!r} holds no config.json but a saved model in {str(inner)!r}; "
        f"a model saved there would be loaded from {str(model_only)!r} instead of that one. "
        f"Save into {str(inner)!r} to replace that model, or choose another folder."
    )
    assert sorted(p.name for p in model_only.iterdir()) == ["model"]  # nothing written


def test_an_out_holding_model_or_run_json_alone_is_named_by_what_it_holds(model_only):
    # both read "a `lstmkit forecast` run (run.json, model/)", naming what was not there
    with pytest.raises(CLIError) as err:
        refuse_other_output(model_only, "lstmkit explain")
    assert str(err.value) == (
        f"--out {str(model_only)!r} holds a saved model in its model/ (as `lstmkit forecast` "
        "writes one); `lstmkit explain` would mix its files with it. Choose another folder."
    )
    (model_only / "run.json").write_text('{"versions": {"lstmkit": "0.1.0"}}')  # lstmkit's
    with pytest.raises(CLIError) as err:
        refuse_other_output(model_only, "lstmkit explain")
    assert str(err.value) == (
        f"--out {str(model_only)!r} holds a `lstmkit forecast` run (run.json, model/); "
        "`lstmkit explain` would mix its files with it. Choose another folder."
    )


# ---- 3. one place for the model/ rule of the text loaders ------------------------------------


def test_read_config_reads_the_folder_it_is_given(model_only, monkeypatch):
    # it took the model/ rule a second time, after the loaders had (text._io.model_folder)
    seen: list[Path] = []
    monkeypatch.setattr(io, "model_subdir", lambda path: seen.append(path) or path)
    with pytest.raises(FileNotFoundError) as err:
        text_io.read_config(model_only, "charlm")
    assert str(err.value) == (
        f"{str(model_only)!r} is not a saved lstmkit charlm model: missing config.json, "
        "model.safetensors."
    )
    assert seen == []
    assert text_io.model_folder(model_only) == model_only and seen == [model_only]


# ---- 4. numpy keys, converted as numpy values are ---------------------------------------------


def test_numpy_bool_integer_and_float_keys_are_written_as_the_python_ones(tmp_path):
    # np.int64, np.bool_ and np.float32 keys were refused, np.float64 and np.str_ ones written
    config = {
        "kind": "mine",
        "counts": {np.int64(3): np.float32(0.5), np.uint8(4): 1, np.float64(0.25): 2},
        "flags": [{np.bool_(True): "on"}, ({np.float32(1.5): None},)],
        np.str_("name"): "x",
    }
    io.save_model(torch.nn.Linear(1, 1), tmp_path / "m", config)
    saved = json.loads((tmp_path / "m" / "config.json").read_text())
    del saved["versions"]
    assert saved == {
        "kind": "mine",
        "counts": {"3": 0.5, "4": 1, "0.25": 2},
        "flags": [{"true": "on"}, [{"1.5": None}]],
        "name": "x",
    }


def test_a_loop_under_a_numpy_key_and_a_numpy_key_json_cannot_write_are_still_named(tmp_path):
    config: dict = {"kind": "mine", "a": {}}
    config["a"][np.int64(1)] = config["a"]
    assert _refused(tmp_path, config, ValueError) == (
        "`config` must be JSON-serialisable, but config['a'][1] is config['a'] itself "
        "(a circular reference)."
    )
    stamp = np.datetime64("2020-01-01", "ns")
    assert _refused(tmp_path, {"kind": "mine", "a": {stamp: 1}}) == (
        "`config` must be JSON-serialisable (dict, list, str, int, float, bool, None), but "
        "config['a'] has the key np.datetime64('2020-01-01T00:00:00.000000000') "
        "(numpy.datetime64); a key must be str, int, float, bool or None (or a numpy bool, "
        "integer or float)."
    )
