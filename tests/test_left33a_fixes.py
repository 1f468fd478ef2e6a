"""left33a: forecasting/data leftovers.

(a) A future covariate lagged by fewer steps than the horizon was told to lag it by the
horizon (``series.shift(100)``) where the lagged series, ``n - horizon`` points, is too short
to fit; (b) ``predict(interval=np.float32(0.9))`` and ``ForecasterConfig(lr=np.float32(...))``
were refused ("give a Python number"); (c) a scaler's ``feature`` and the windows'
``target_col`` given as a whole float lacked the counts' "pass int(x)" hint; (d) the scalers'
``fit(X, y)`` (a scikit-learn Pipeline's) failed in Python's own TypeError; (e) the README's
``--clip=-1%`` read as a flag of every command, ``lstmkit forecast`` too; (f)
``lstmkit.trace(fc)`` on a Forecaster was refused only as its block was entered.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit
from lstmkit import Forecaster, ForecasterConfig
from lstmkit.cli import build_parser
from lstmkit.data import MinMaxScaler, StandardScaler, make_windows

ROOT = Path(__file__).resolve().parents[1]
TINY = {"ensemble": 1, "epochs": 1, "progress": False}

# ---- (a) the lag of the horizon advised only where the lagged series fits ------------------

_LEAD = (
    "`future_covariates` must be known in advance, not the series' future, got 'airline', the "
    "series 1 step behind: cov[t] == series[t-1] at all 143 points t >= 1, so its values at "
    "forecast steps 2 to {h} (horizon {h}) are the series' own after the forecast's origin. A "
    "forecast would need those values, which no one has when it is made. Pass 'airline' as a "
    "past covariate (`covariates`, --covariate-cols), read up to the origin"
)


@pytest.fixture(scope="module")
def airline() -> pd.Series:
    return lstmkit.load_dataset("airline")


def test_a_lag_of_the_horizon_too_long_to_fit_is_not_advised(airline) -> None:
    # shift(100) of 144 points leaves 44, and horizon 100 needs at least 113: it was advised
    fc = Forecaster(ForecasterConfig(horizon=100, **TINY))
    with pytest.raises(ValueError) as err:
        fc.fit(airline, future_covariates=airline.shift(1).bfill())
    assert str(err.value) == _LEAD.format(h=100) + "."
    assert fc.length_problem(144 - 100, 12) is not None


def test_a_lag_of_the_horizon_that_fits_is_still_advised(airline) -> None:
    fc = Forecaster(ForecasterConfig(horizon=60, **TINY))
    with pytest.raises(ValueError) as err:
        fc.fit(airline, future_covariates=airline.shift(1).bfill())
    assert str(err.value) == (
        _LEAD.format(h=60) + ", or lag it by at least the horizon, 60 steps (series.shift(60))."
    )
    assert fc.length_problem(144 - 60, 12) is None


@pytest.mark.parametrize(("horizon", "advised"), [(40, True), (50, False)])
def test_a_refitting_backtest_advises_the_lag_only_where_its_last_origin_fits(
    airline, horizon, advised
) -> None:
    # shift(50) leaves 94 points, whose last origin (44 points) is too short for horizon 50
    fc = Forecaster(ForecasterConfig(horizon=horizon, **TINY))
    with pytest.raises(ValueError) as err:
        fc.backtest(airline, future_covariates=airline.shift(1).bfill(), retrain=True)
    lag = f", or lag it by at least the horizon, {horizon} steps (series.shift({horizon}))"
    assert str(err.value) == _LEAD.format(h=horizon) + lag * advised + "."
