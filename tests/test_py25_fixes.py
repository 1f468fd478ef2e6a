"""Forecasting data leftovers: future_index after decimal years (1949.0833...) gave the
positions 24, 25 where predict gives month starts, and after timestamps without a frequency
went on by days."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}


# ---- 1. future_index after decimal years and timestamps without a frequency -----------------


@pytest.mark.parametrize(
    ("per", "steps", "freq"),
    [
        (12, ["1951-01-01", "1951-02-01"], "MS"),
        (4, ["1955-01-01", "1955-04-01"], "QS-JAN"),
        (2, ["1961-01-01", "1961-07-01"], "2QS-JAN"),
    ],
    ids=["months", "quarters", "half-years"],
)
def test_future_index_after_decimal_years_gives_what_predict_gives(per, steps, freq):
    # RangeIndex(start=24, stop=26, step=1, name='t'): positions, where predict gave dates
    index = pd.Index(1949 + np.arange(24) / per, name="t")
    series = pd.Series(np.sin(np.arange(24) / 3) * 10 + 50, index=index)
    ahead = D.future_index(index, 2)
    assert list(ahead.strftime("%Y-%m-%d")) == steps
    assert ahead.freqstr == freq and ahead.name == "t"
    assert ahead.equals(Forecaster(horizon=2, **QUICK).fit(series).predict(2).index)


def test_future_index_after_float32_decimal_years_reads_them_as_to_frame_does():
    index = pd.Index((1949 + np.arange(24) / 12).astype(np.float32))
    assert list(D.future_index(index, 1).strftime("%Y-%m-%d")) == ["1951-01-01"]
    # mid-year stamps (no grid of R's time()) and whole years stay numbers, as before
    assert repr(D.future_index(pd.Index([1949.5, 1950.5, 1951.5]), 2)) == (
        "RangeIndex(start=3, stop=5, step=1)"
    )
    assert repr(D.future_index(pd.Index([1949.0, 1950.0, 1951.0]), 2)) == (
        "RangeIndex(start=1952, stop=1954, step=1)"
    )


def test_future_index_after_stamps_without_a_frequency_goes_on_by_theirs():
    # ['2020-03-02', '2020-03-03'] (freq='D'): pd.date_range's default step
    months = pd.DatetimeIndex(["2020-01-01", "2020-02-01", "2020-03-01"])
    assert months.freq is None
    ahead = D.future_index(months, 2)
    assert list(ahead.strftime("%Y-%m-%d")) == ["2020-04-01", "2020-05-01"]
    assert ahead.freqstr == "MS"
    series = pd.Series(
        np.arange(24.0) + 10,
        index=pd.DatetimeIndex(pd.date_range("2020-01-01", periods=24, freq="MS").to_numpy()),
    )
    assert series.index.freq is None
    predicted = Forecaster(horizon=2, **QUICK).fit(series).predict(2).index
    assert D.future_index(series.index, 2).equals(predicted)
