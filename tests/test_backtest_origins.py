"""The backtest's first origin is checked against the model each origin trains: one with the
config's horizon when the backtest asks for fewer steps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig


def test_a_shorter_backtest_horizon_checks_the_first_origin_with_the_trained_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each origin's model is trained for ``max(config.horizon, horizon)`` = 8 steps, so the
    first origin needs lookback 4 + 8 + 1 validation window = 13 points before it, not 6."""

    def no_fit(*args: object, **kwargs: object) -> None:
        raise AssertionError("trained")

    monkeypatch.setattr(Forecaster, "fit", no_fit)
    days = pd.Series(10 + np.arange(40.0) % 5, pd.date_range("2015-01-04", periods=40, freq="D"))
    cfg = ForecasterConfig(horizon=8, lookback=4, season_length=1, epochs=1, ensemble=1)
    with pytest.raises(ValueError) as err:
        Forecaster(cfg).backtest(days, horizon=1, start=12)
    assert str(err.value) == (
        "the first origin (position 12, 2015-01-16) leaves 12 points before it: the series is "
        "too short: lookback (4) + horizon (8) + differencing (0) + validation windows (1) need "
        "at least 13 points, got 12; pass a later `start`: start=13 (2015-01-17) fits, 27 "
        "origins 1 step apart."
    )
    with pytest.raises(AssertionError, match="trained"):  # 13 points: checked, then trained
        Forecaster(cfg).backtest(days, horizon=1, start=13)


def test_a_horizon_as_long_as_the_series_leaves_no_origin() -> None:
    """The last origin is ``n - horizon`` and the first possible one 1: ``horizon = n`` leaves
    none, ``horizon = n - 1`` one (position 1)."""
    days = pd.Series(10 + np.arange(40.0) % 5, pd.date_range("2015-01-04", periods=40, freq="D"))
    fc = Forecaster(ForecasterConfig(horizon=8, lookback=4, season_length=1))
    for start in (None, 1):
        with pytest.raises(ValueError) as err:
            fc.backtest(days, horizon=40, start=start)
        assert str(err.value) == "`horizon` (40) leaves no origin in a series of 40 points."
    with pytest.raises(ValueError, match=r"^the first origin \(position 1, 2015-01-05\) leaves 1"):
        fc.backtest(days, horizon=39, start=1)
