"""Fixes found reviewing the Darts / NeuralForecast user's changes (tests/test_darts_fixes.py):
their advice run as written, on the frames users build."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster

AIR = load_dataset("airline")
QUICK = {"hidden_size": 4, "epochs": 1, "ensemble": 1, "refit": False, "lookback": 12}


def test_a_fraction_start_names_the_position_darts_reads_it_as():
    # Darts' TimeSeries.get_index_at_point reads start=0.8 as int((len - 1) * 0.8), its first
    # forecast step: 114 of airline's 144 points; the hint said int(0.8 * 144) = 115, one
    # origin later than the Darts backtest it was to reproduce
    fc = Forecaster(horizon=6, **QUICK)
    for series, n, position in ((AIR, 144, 114), (AIR[:120], 120, 95)):
        with pytest.raises(ValueError) as err:
            fc.backtest(series, start=0.8)
        assert str(err.value).endswith(
            f"got 0.8; for a fraction of the series, as Darts' start=0.8, pass the position "
            f"Darts reads it as, int(0.8 * ({n} - 1)) = {position}."
        )
    # the position given: the first forecast step is the timestamp Darts starts at
    bt = fc.backtest(AIR, start=114, stride=100, statistical_baselines=False)
    assert bt.forecasts["timestamp"].iloc[0] == AIR.index[int((144 - 1) * 0.8)]
    assert bt.forecasts["timestamp"].iloc[0] == pd.Timestamp("1958-07-01")


def test_the_constant_target_warning_indexes_the_frame_by_its_own_column_names():
    # pd.DataFrame(np.column_stack([ids, y])) names its columns 0 and 1: the warning advised
    # series[['1', '0']] and series.drop(columns='0'), each a KeyError on that frame; and an
    # identifier such as 20240117 was shown as 2.02401e+07
    frame = pd.DataFrame(np.column_stack([np.full(len(AIR), 20240117.0), AIR]), index=AIR.index)
    fc = Forecaster(horizon=3, **QUICK)
    with pytest.warns(UserWarning) as record:
        fc.fit(frame)
    assert [str(w.message) for w in record] == [
        "the target, `series`' first column 0, holds one value (20240117) at all 144 points, "
        "while 1 varies: a DataFrame's first column is the target and the others its "
        "covariates, so the forecast is that value. To forecast 1, put it first, e.g. "
        "series[[1, 0]], or drop an identifier column: series.drop(columns=0)."
    ]
    # the advice runs on the frame as given, and fits without the warning
    assert frame[[1, 0]].columns.tolist() == [1, 0]
    fc.fit(frame[[1, 0]])
    fc.fit(frame.drop(columns=0))


def test_the_identifier_advice_drops_a_column_the_frame_has_beside_others():
    # a text identifier was advised series.drop(columns='0') for a frame whose columns are
    # 0 and 1 (a KeyError), and series.drop(columns='y') for a Series of one text, which a
    # Series' drop ignores (the same refusal again) and after which a frame has no column
    fc = Forecaster(horizon=3, **QUICK)
    frame = pd.DataFrame({0: "airline", 1: AIR.to_numpy()}, index=AIR.index)
    with pytest.raises(ValueError) as err:
        fc.fit(frame)
    assert str(err.value).endswith(
        "and 139 more (one value, 'airline', in every row, as a series' identifier: no "
        "measurement; drop the column, series.drop(columns=0))."
    )
    assert fc.fit(frame.drop(columns=0)).predict(3).index[0] == pd.Timestamp("1961-01-01")
    categories = (
        "and 139 more (categories, 'abc'?): give one column of 0 and 1 per category (pandas: "
        "pd.get_dummies(series, dtype=float))."
    )
    for alone in (pd.Series("abc", AIR.index, name="y"), pd.DataFrame({"y": "abc"}, AIR.index)):
        with pytest.raises(ValueError) as err:
            fc.fit(alone)
        assert str(err.value) == (
            "column 'y' has non-numeric values at 1949-01-01 ('abc'), 1949-02-01 ('abc'), "
            "1949-03-01 ('abc'), 1949-04-01 ('abc'), 1949-05-01 ('abc') " + categories
        )


def test_a_backtest_of_a_frame_whose_target_is_an_identifier_warns_as_fit_does():
    # fit warned of a numeric unique_id before 'y'; backtest (Darts' historical forecasts,
    # NeuralForecast's cross_validation) scored the id's forecasts of itself without a word
    numbered = pd.DataFrame({"unique_id": 7, "y": AIR.to_numpy()}, index=AIR.index)
    fc = Forecaster(horizon=3, **QUICK)
    with pytest.warns(UserWarning) as record:
        bt = fc.backtest(numbered, start=-3, statistical_baselines=False)
    assert [str(w.message) for w in record] == [
        "the target, `series`' first column 'unique_id', holds one value (7) at all 144 "
        "points, while 'y' varies: a DataFrame's first column is the target and the others "
        "its covariates, so the forecast is that value. To forecast 'y', put it first, e.g. "
        "series[['y', 'unique_id']], or drop an identifier column: "
        "series.drop(columns='unique_id')."
    ]
    np.testing.assert_allclose(bt.forecasts["forecast"], 7.0, rtol=1e-9)
    # the advice runs: the passengers are forecast, without a warning
    bt = fc.backtest(numbered[["y", "unique_id"]], start=-3, statistical_baselines=False)
    assert bt.forecasts["y_true"].tolist() == [461.0, 390.0, 432.0]
