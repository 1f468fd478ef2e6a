"""Forecasting left-overs (fc35): a per-call "no interval", undated and yearly series' steps
and axes, zone-naive dates for a zoned model, and CSV refusals said for the route taken."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster

TINY = {"horizon": 2, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}
TINY |= {"calendar": False, "progress": False}
DAYS = pd.date_range("2024-01-01", periods=40, freq="D")


@pytest.fixture(scope="module")
def banded() -> Forecaster:
    """A tiny direct Forecaster with the default 80 % interval."""
    return Forecaster(**TINY).fit(pd.Series(np.arange(1.0, 41.0), DAYS))


@pytest.mark.parametrize("off", [0, 0.0, False, np.False_, np.float32(0)])
def test_predict_interval_0_or_false_switches_the_models_interval_off_for_one_call(
    banded, off
) -> None:
    # before: None is the model's interval, and 0 and False were refused ("... got 0 (for no
    # interval, read the `forecast` column alone)"), where `lstmkit predict --interval 0` gives
    # none
    default = banded.predict(2)
    assert default.attrs == {"interval": 0.8}
    assert default[["lower", "upper"]].notna().all().all()
    none = banded.predict(2, interval=off)
    assert list(none.columns) == ["forecast", "lower", "upper"]
    assert none.attrs == {}
    assert none[["lower", "upper"]].isna().all().all()
    np.testing.assert_array_equal(none["forecast"], default["forecast"])
    assert banded.predict(2).attrs == {"interval": 0.8}  # the model's own is unchanged


def test_a_zero_in_a_list_is_told_interval_0(banded) -> None:
    with pytest.raises(ValueError) as err:
        banded.predict(2, interval=[0])
    assert str(err.value) == (
        "`interval` must be a number strictly between 0 and 1, e.g. 0.8, got [0] (one level, "
        "not a list; interval=0 for no interval)."
    )
