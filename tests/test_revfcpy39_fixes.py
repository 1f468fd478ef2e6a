"""revfcpy39: the review of fcpy39's forecasting left-overs."""

import numpy as np
import pytest

from lstmkit.data import SeasonalDifferencer


def test_seasonal_transform_refuses_inf():
    # the README said SeasonalDifferencer refuses inf in transform's `x`: it gave [inf, -inf]
    with pytest.raises(ValueError) as err:
        SeasonalDifferencer(1).transform([1.0, np.inf, 3.0])
    assert str(err.value) == (
        "SeasonalDifferencer.transform got 1 infinite value in `x`, at position (1,) (inf), "
        "which would come out infinite. Replace or drop it first."
    )
    with pytest.raises(ValueError) as err:
        SeasonalDifferencer(1).transform(np.array([[1.0, 2.0], [3.0, -np.inf], [np.inf, 1.0]]))
    assert str(err.value) == (
        "SeasonalDifferencer.transform got 2 infinite values in `x`, the first at position "
        "(1, 1) (-inf), which would come out infinite. Replace or drop them first."
    )
    # NaN stays NaN
    got = SeasonalDifferencer(1).transform([1.0, np.nan, 4.0])
    assert np.isnan(got).all() and got.shape == (2,)


def test_memory_that_holds_no_step_is_said_so(recursive, fake_memory):
    # "forecast at most 0 steps" (and "the memory holds at most 0 steps") where not one fits
    fake_memory(47, None)
    told = (
        "`horizon` (1 step) needs at least 48 bytes for its forecast (48 bytes a step: the "
        "forecast, its interval's bounds, its timestamp and each of the 2 members' forecasts), "
        "more than this machine's memory (47 bytes), which holds not even one step: no "
        "forecast fits in it."
    )
    with pytest.raises(ValueError) as err:
        recursive.predict(1)  # the history known: the dates' advice
    assert str(err.value) == told
    assert recursive._horizon_problem(1) == told  # no history: the memory's count
    fake_memory(48, None)
    assert recursive._horizon_problem(1) is None
