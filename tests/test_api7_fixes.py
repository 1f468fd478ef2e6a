"""The Python API under the inputs a pandas user passes (api7): each test fails without its fix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster


def test_backtest_start_as_a_float_is_told_to_be_an_int_or_a_time() -> None:
    # start=125.0 (from arithmetic on len(series)) was refused without saying why a float fails
    fc = Forecaster(horizon=12, ensemble=1, epochs=1, lookback=12)
    told = (
        "`start` must be a position in 1..132 (or -143..-12 from the end), or one of the "
        "series' times from 1949-02-01 to 1960-01-01 (the first step it forecasts), leaving a "
        "whole horizon (12) of the 144 points after it, got {}; `start` must be a position as "
        "an int{} or one of the series' times, not a float."
    )
    airline = load_dataset("airline")
    for start, shown, int_ in [(125.0, "125.0", " (start=125)"), (125.5, "125.5", "")]:
        with pytest.raises(ValueError) as e:
            fc.backtest(airline, start=start)
        assert str(e.value) == told.format(shown, int_)
    with pytest.raises(ValueError) as e:
        fc.backtest(airline, start=np.float64(400))
    assert str(e.value) == told.format(repr(np.float64(400)), "")
    # on an integer index, the label it would be is named too, as for an int
    labelled = pd.Series(airline.to_numpy(), index=pd.RangeIndex(100, 244))
    with pytest.raises(ValueError) as e:
        fc.backtest(labelled, start=125.0)
    assert str(e.value) == (
        "`start` must be a position in 1..132 (or -143..-12 from the end), leaving a whole "
        "horizon (12) of the 144 points after it, got 125.0; `start` must be a position as an "
        "int (start=125), not a float; `start` counts positions, not the index's labels "
        "(100 .. 243): the label 125 is at position 25."
    )
