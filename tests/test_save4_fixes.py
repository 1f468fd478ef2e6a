"""Saving and loading, fourth pass: the frequencies of saves written under pandas < 2.2, the
configs ``io.save_model`` cannot write, folders holding ``model/config.json`` without
``run.json``, and ``--out`` folders holding a folder where a file goes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

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
