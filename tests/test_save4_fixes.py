"""Saving and loading, fourth pass: the frequencies of saves written under pandas < 2.2, the
configs ``io.save_model`` cannot write, folders holding ``model/config.json`` without
``run.json``, and ``--out`` folders holding a folder where a file goes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit import io
from lstmkit.forecast import _OLD_OFFSETS, _OLD_PERIODS, Forecaster, _current_alias

# ---- 1. frequency aliases pandas 2.2 renamed, in a save pandas < 2.2 wrote --------------------


def _fitted(index: pd.Index) -> Forecaster:
    y = pd.Series(np.linspace(1.0, 2.0, len(index)), index=index)
    return Forecaster(
        horizon=2, lookback=4, season_length=1, ensemble=1, epochs=1, hidden_size=2, progress=False
    ).fit(y)


def _as_old_pandas_saved(folder: Path, entry: str, alias: str) -> None:
    """Rewrite the saved ``state.history[entry]`` as pandas < 2.2 named it."""
    file = folder / "config.json"
    saved = json.loads(file.read_text())
    saved["state"]["history"][entry] = alias
    file.write_text(json.dumps(saved))


@pytest.mark.parametrize(
    ("freq", "old"),
    [("h", "H"), ("15min", "15T"), ("ME", "M"), ("QE-DEC", "Q-DEC"), ("YE-DEC", "A-DEC")],
)
def test_a_save_holding_a_frequency_alias_pandas_renamed_loads_without_a_warning(
    tmp_path, freq, old
):
    # pandas 2.2 warned "'H' is deprecated" at every load (an error under -W error), pandas 3
    # refused the save: "state.history does not give the end of the training data (Invalid
    # frequency: H ...)"
    fitted = _fitted(pd.date_range("2001-01-31", periods=30, freq=freq))
    fitted.save(tmp_path)
    _as_old_pandas_saved(tmp_path, "freq", old)
    loaded = Forecaster.load(tmp_path)
    assert loaded.state_["history"]["freq"] == fitted.state_["history"]["freq"] == freq
    pd.testing.assert_frame_equal(loaded.predict(), fitted.predict())


@pytest.mark.parametrize(("freq", "old"), [("Y-DEC", "A-DEC"), ("h", "H")])
def test_a_save_holding_a_period_alias_pandas_renamed_loads_without_a_warning(tmp_path, freq, old):
    # pandas 3 refused it: "state.history.period must be null or the frequency of a PeriodIndex"
    fitted = _fitted(pd.period_range("2001", periods=30, freq=freq))
    fitted.save(tmp_path)
    _as_old_pandas_saved(tmp_path, "period", old)
    loaded = Forecaster.load(tmp_path)
    assert loaded.state_["history"]["period"] == fitted.state_["history"]["period"] == freq
    pd.testing.assert_frame_equal(loaded.predict(), fitted.predict())


def test_old_aliases_are_renamed_with_their_multiple_and_anchor_and_nothing_else():
    old = ["H", "2H", "15T", "S", "L", "U", "N", "M", "BM", "SM-15", "BQ-NOV", "BA-DEC", "AS-JAN"]
    assert [_current_alias(f, _OLD_OFFSETS) for f in old] == [
        *["h", "2h", "15min", "s", "ms", "us", "ns", "ME", "BME", "SME-15", "BQE-NOV"],
        *["BYE-DEC", "YS-JAN"],
    ]
    # pandas >= 2.2's own (month starts "MS" are no seconds), and periods' M, Q and Y
    kept = ["h", "ms", "MS", "QS-JAN", "W-SUN", "D", "B", "C", "BMS", "SMS-15", "YE-DEC", None, 3]
    assert [_current_alias(f, _OLD_OFFSETS) for f in kept] == kept
    assert [_current_alias(f, _OLD_PERIODS) for f in ["M", "Q-DEC", "A-DEC", "H", "Y"]] == [
        *["M", "Q-DEC", "Y-DEC", "h", "Y"]
    ]


# ---- 2. configs io.save_model cannot write ---------------------------------------------------


def _refused(tmp_path: Path, config: object, kind: type[Exception] = TypeError) -> str:
    """What ``io.save_model`` refuses ``config`` with, having written nothing."""
    with pytest.raises(kind) as err:
        io.save_model(torch.nn.Linear(1, 1), tmp_path / "m", config)
    assert list(tmp_path.iterdir()) == []
    return str(err.value)


def test_a_config_that_holds_itself_is_refused_naming_where(tmp_path):
    # it escaped as json's bare "ValueError: Circular reference detected"
    config: dict = {"kind": "mine", "layers": [1, 2]}
    config["self"] = config
    assert _refused(tmp_path, config, ValueError) == (
        "`config` must be JSON-serialisable, but config['self'] is config itself (a circular "
        "reference)."
    )
    inner: list = []
    inner.append(inner)
    assert _refused(tmp_path, {"shared": [], "loop": {"a": inner}}, ValueError) == (
        "`config` must be JSON-serialisable, but config['loop']['a'][0] is config['loop']['a'] "
        "itself (a circular reference)."
    )


def test_a_config_nested_deeper_than_json_writes_is_refused(tmp_path):
    # a bare RecursionError
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    assert _refused(tmp_path, {"deep": deep}, ValueError) == (
        "`config` must be JSON-serialisable, but it is nested 5002 levels deep, more than json "
        "can write (it stops at Python's recursion limit)."
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Path("/x"), f"{Path('/x')!r} (pathlib.{type(Path('/x')).__name__})"),
        (torch.tensor(1.0), "tensor(1.) (torch.Tensor)"),
        (np.arange(2), "array([0, 1]) (numpy.ndarray)"),
        (np.datetime64("2001-01-01"), "np.datetime64('2001-01-01') (numpy.datetime64)"),
        ("x" * 100, None),
    ],
    ids=["path", "tensor", "array", "datetime64", "long"],
)
def test_a_config_value_json_cannot_write_is_refused_naming_where(tmp_path, value, shown):
    # "Object of type PosixPath is not JSON serializable", which said neither where nor what
    if shown is None:  # a str is written; a long repr is cut
        value, shown = {"x" * 100}, "{'" + "x" * 55 + "... (set)"
    assert _refused(tmp_path, {"kind": "mine", "a": [0, {"b": value}]}) == (
        "`config` must be JSON-serialisable (dict, list, str, int, float, bool, None), but "
        f"config['a'][1]['b'] is {shown}."
    )


def test_a_config_key_json_cannot_write_and_a_config_that_is_no_dict_are_refused(tmp_path):
    assert _refused(tmp_path, {"a": {(1, 2): 3}}) == (
        "`config` must be JSON-serialisable (dict, list, str, int, float, bool, None), but "
        "config['a'] has the key (1, 2) (tuple); a key must be str, int, float, bool or None (or a "
        "numpy bool, integer or float)."
    )
    # it read "`config` must be JSON-serialisable: 'list' object is not a mapping"
    assert _refused(tmp_path, [("kind", "mine")]) == "`config` must be a dict, got list."


def test_numpy_scalars_in_a_config_are_saved_as_the_numbers_they_equal(tmp_path):
    # refused: "Object of type float32 is not JSON serializable"
    config = {"lr": np.float32(0.5), "n": np.int64(3), "ok": np.bool_(True), "x": [np.uint8(7)]}
    io.save_model(torch.nn.Linear(1, 1), tmp_path, config)
    saved = io.load_model(torch.nn.Linear(1, 1), tmp_path)
    assert {k: saved[k] for k in config} == {"lr": 0.5, "n": 3, "ok": True, "x": [7]}
    assert [type(saved[k]) for k in config] == [float, int, bool, list]
    # a shared list, no loop, is written twice
    shared = [1]
    io.save_model(torch.nn.Linear(1, 1), tmp_path, {"a": shared, "b": shared})
    assert io.load_config(tmp_path)["b"] == [1]
