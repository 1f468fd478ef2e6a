"""left34a: forecasting left-overs (backtest's fit(X, y) order, the CSV reader, configs)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 6, "hidden_size": 4, "seed": 0}


def _frame() -> pd.DataFrame:
    months = pd.date_range("2020-01-01", periods=40, freq="MS")
    rng = np.random.default_rng(1)
    return pd.DataFrame(
        {
            "y": 100 + rng.normal(0, 1, 40).cumsum(),
            "temp": rng.normal(size=40),
            "price": rng.normal(size=40),
        },
        index=months,
    )


# --- 1. backtest(X, y) ----------------------------------------------------------------------


def test_backtest_x_y_by_position_is_refused_as_fit_refuses_it():
    # backtest(X, y) fitted 'temp' from 'price' and y at every origin without a word, where
    # fit(X, y) was refused
    df = _frame()
    X, y = df[["temp", "price"]], df["y"]
    fc = Forecaster(horizon=3, interval=None, **QUICK)
    with pytest.raises(ValueError) as err:
        fc.backtest(X, y, statistical_baselines=False)
    assert str(err.value) == (
        "`series` is the target (a frame's first column) and `covariates` past inputs beside "
        "it, got a `series` of 2 columns ['temp', 'price'] and 1-D `covariates` by position: "
        "scikit-learn's backtest(X, y) order, which would forecast 'temp' from 'price' and "
        "'y'. Pass the target first, backtest(y, covariates=X); or, to forecast X's first "
        "column from its others and y, name y: backtest(X, covariates=y)."
    )
    with pytest.raises(ValueError, match=r"backtest\(X, y\) order, which would forecast `se"):
        fc.backtest(X.to_numpy(), y.to_numpy(), statistical_baselines=False)
    # both ways out run, each forecasting the target it says
    kept = {"start": -3, "statistical_baselines": False}
    assert fc.backtest(y, covariates=X, **kept).series.name == "y"
    assert fc.backtest(X, covariates=y, **kept).series.name == "temp"
