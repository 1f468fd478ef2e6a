"""Review of user28b: series that only look like windows, the windows diagnosis of train.fit
and scikit-learn's split keywords in lstmkit.data."""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit.forecast import Forecaster


def _lagged(values: np.ndarray, lag: int) -> np.ndarray:
    """``values`` beside a lag-``lag`` copy of it as a covariate (the first rows dropped)."""
    return np.column_stack([values[lag:], values[:-lag]])


@pytest.mark.parametrize(
    "series",
    [
        # a series that repeats every 2 (or 12) steps beside its lag 1 (or 11): that lag is
        # also its lead 1, so its rows were each "the row before it one step on"
        _lagged(np.tile([10.0, 20.0], 30), 1),
        _lagged(np.tile([3.0, 6.0, 2.0, 5.0, 1.0, 4.0, 0.0, 3.0, 6.0, 2.0, 5.0, 1.0], 5), 11),
        # counts that stop after the first, beside a flag never set
        np.column_stack([np.r_[5.0, np.zeros(47)], np.zeros(48)]),
    ],
    ids=["period-2-lag-1", "period-12-lag-11", "flat-after-one-beside-zeros"],
)
def test_series_whose_columns_only_look_like_windows_are_fitted(series: np.ndarray) -> None:
    # each was refused: "`series` must be a series [T, F], got ... windows of 2 steps"
    fc = Forecaster(horizon=1, lookback=4, epochs=1, ensemble=1)
    assert fc.fit(series).predict(1).shape == (1, 3)


def test_a_short_stretch_of_flags_is_no_windows_at_predict() -> None:
    # 0/1 flags repeat by chance: 4 recent rows of a target and a flag were read as windows
    # (in about 1 of 10 such stretches) and predict refused them
    flags = np.random.default_rng(3).integers(0, 2, size=(40, 2)).astype(float)
    recent = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    fc = Forecaster(horizon=1, lookback=4, epochs=1, ensemble=1).fit(flags)
    assert fc.predict(1, series=recent).shape == (1, 3)
