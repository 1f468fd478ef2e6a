"""Review of freq10: saves from before it, and what its new readings missed (revfreq10)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig

_TINY = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "interval": None, "seed": 0}


def _positions(model: Forecaster, index: pd.DatetimeIndex) -> list[int]:
    """The season positions that ``model``'s calendar columns give ``index``."""
    cal = pd.DataFrame(model._calendar(index), columns=model.state_["calendar"])
    angle = np.arctan2(cal["season sin"], cal["season cos"]) % (2 * np.pi)
    return np.rint(angle / (2 * np.pi) * model.state_["m"]).astype(int).tolist()


def test_a_3bh_model_saved_before_freq10_keeps_its_calendar_positions(tmp_path, edit_saved):
    # freq10 counted "3bh" in business hours since 1970; a model saved before, with a
    # season_length given, had been trained on the wall clock's hours // 3 and forecast other
    # numbers after the upgrade without a word (3.2068 -> 3.2094 for the first step)
    idx = pd.date_range("2024-01-01 09:00", periods=60, freq="3bh")
    y = pd.Series(np.sin(np.arange(60) / 3.0) + np.arange(60) / 50, index=idx, name="y")
    config = ForecasterConfig(horizon=3, lookback=6, season_length=8, **_TINY)
    model = Forecaster(config).fit(y)
    assert model.state_["steps"] == "business"
    first = idx[:4]  # Monday 9:00, 12:00, 15:00, Tuesday 11:00
    # 14087 weekdays of 8 business hours from 1970 to 2024: 112696 // 3 = 37565, 5 modulo 8
    assert _positions(model, first) == [5, 6, 7, 0]
    model.save(tmp_path / "m")
    edit_saved(tmp_path / "m", lambda saved: saved["state"].update(steps="counted"))
    old = Forecaster.load(tmp_path / "m")
    # the wall clock's hours since 1970 (19723 days to 2024) // 3, modulo 8: 9:00 and the next
    # day's 11:00 alike
    assert _positions(old, first) == [3, 4, 5, 3]
    assert not np.allclose(old.predict().iloc[:, 0], model.predict().iloc[:, 0])
    # business hours that divide the day ("2bh") are counted as they were
    two = pd.date_range("2024-01-01 09:00", periods=4, freq="2bh")
    assert not D._business_hours_counted(two)


def test_a_save_of_business_hour_steps_is_refused_by_an_unknown_steps_entry(tmp_path, edit_saved):
    idx = pd.date_range("2020-01-01", periods=40, freq="MS")
    y = pd.Series(np.arange(40.0), index=idx, name="y")
    model = Forecaster(ForecasterConfig(horizon=2, lookback=4, **_TINY)).fit(y)
    assert model.state_["steps"] == "counted"  # "business" for "3bh" only: older versions read it
    model.save(tmp_path / "m")
    edit_saved(tmp_path / "m", lambda saved: saved["state"].update(steps="hours"))
    with pytest.raises(ValueError) as err:
        Forecaster.load(tmp_path / "m")
    assert "state.steps must be 'counted', 'elapsed' or 'business', got 'hours'" in str(err.value)
