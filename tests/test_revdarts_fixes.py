"""Fixes found reviewing the Darts / NeuralForecast user's changes (tests/test_darts_fixes.py):
their advice run as written, on the frames users build."""

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
