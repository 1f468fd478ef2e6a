"""Forecasting data leftovers: ``future_index`` after one or two timestamps without a
frequency, or after irregular ones, went on by days (pd.date_range's default) where
``Forecaster.fit`` refuses a series so indexed; a fill of a 6-day week (or of business days
with a weekend day worked) inserted every Sunday (every weekend day) without a word of the
week; ``read_csv``'s advice named a ``series`` it never returned."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}


# ---- 1. future_index refuses what fit refuses ----------------------------------------------


@pytest.mark.parametrize("n", [1, 2])
def test_future_index_after_too_few_timestamps_without_a_frequency_is_refused_as_fit_does(n):
    # ['2020-03-02', '2020-03-03'] after two month starts: by days
    index = pd.DatetimeIndex(["2020-01-01", "2020-02-01"][:n])
    with pytest.raises(ValueError) as err:
        D.future_index(index, 2)
    assert str(err.value) == (
        f"`index` needs at least 3 timestamps (as fit's `series` does) or a frequency set, got "
        f"{n} without one; e.g. pd.DatetimeIndex(index, freq='MS')."
    )
    with pytest.raises(ValueError) as err:
        Forecaster(horizon=2, **QUICK).fit(pd.Series(np.arange(float(n)), index=index))
    assert str(err.value) == f"`series` needs at least 3 timestamps, got {n}."
    # the advice followed: what predict gives after month starts
    ahead = D.future_index(pd.DatetimeIndex(index, freq="MS"), 2)
    after = {1: ["2020-02-01", "2020-03-01"], 2: ["2020-03-01", "2020-04-01"]}[n]
    assert list(ahead.strftime("%Y-%m-%d")) == after


def test_future_index_after_irregular_timestamps_is_refused_in_fit_s_words():
    # DatetimeIndex(['2021-03-01', '2021-03-02'], freq='D') after days with gaps
    days = pd.date_range("2021-01-01", periods=60, freq="D")
    days = days.delete([10, 11, 30])
    series = pd.Series(np.arange(len(days)) + 10.0, index=days)
    with pytest.raises(ValueError) as fit:
        Forecaster(horizon=2, **QUICK).fit(series)
    with pytest.raises(ValueError) as err:
        D.future_index(days, 2)
    assert str(err.value) == str(fit.value).replace("`series`", "`index`")
    assert str(err.value) == (
        "timestamps in `index` must be regularly spaced (no gaps), got irregular steps before "
        "2021-01-13, 2021-02-01 (usual step: 1 day); missing 2021-01-11, 2021-01-12, "
        "2021-01-31; pass fill='ffill', 'bfill', 'interpolate' or 'zero' to "
        "lstmkit.data.to_frame or read_csv (CLI: --fill), whose result Forecaster.fit, predict "
        "and backtest take, to insert the missing timestamps and fill their values."
    )
