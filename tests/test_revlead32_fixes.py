"""Review of lead32: the target named by its label, as its covariates are; a future lag checked
against every step a seq2seq forecast reads, past its fitted horizon too."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}


def test_the_target_is_named_by_its_label_beside_a_future_covariate_equal_to_it():
    # "got column 5, equal to '7'": the covariate by its label, the target by its text
    y = D.load_dataset("airline")
    for series in (y.rename(7), y.to_frame(7)):
        with pytest.raises(ValueError) as err:
            Forecaster(**QUICK, horizon=12).fit(series, future_covariates=y.to_frame(5))
        assert str(err.value).startswith(
            "`future_covariates` must be known in advance, not the target, got column 5, "
            "equal to column 7 at all of the series' 144 points: each forecast step would "
            "read the value it forecasts."
        )
    with pytest.raises(ValueError) as err:  # a name stays quoted
        Forecaster(**QUICK, horizon=12).fit(
            y.rename("y"), future_covariates=pd.DataFrame({5: y.to_numpy()}, y.index)
        )
    assert str(err.value).startswith(
        "`future_covariates` must be known in advance, not the target, got column 5, equal "
        "to 'y' at all"
    )


def test_a_future_lag_is_checked_against_a_seq2seq_forecast_past_its_fitted_horizon():
    # the lag was checked against min(h, fitted horizon): predict(20) of a model fitted for 12
    # read a 15-step lag at steps 16 to 20, the series' own after the origin, without a word
    y = D.load_dataset("airline")
    idx = pd.date_range(y.index[0], periods=156, freq="MS")
    plan = pd.DataFrame({"x": np.random.default_rng(0).normal(size=156).round(2)}, idx)
    fc = Forecaster(**QUICK, horizon=12, strategy="seq2seq").fit(y[:-24], future_covariates=plan)
    lag = y.shift(15).bfill().rename("x").to_frame()
    with pytest.warns(UserWarning, match="lies far outside the training series"):
        assert fc.predict(12, series=y[:-20], future_covariates=lag).shape == (12, 3)
    with pytest.raises(ValueError) as err:
        fc.predict(20, series=y[:-20], future_covariates=lag)
    assert str(err.value) == (
        "`future_covariates` must be known in advance, not the series' future, got 'x', the "
        "series 15 steps behind: cov[t] == series[t-15] at all 109 points t >= 15, so its "
        "values at forecast steps 16 to 20 (horizon 20) are the series' own after the "
        "forecast's origin. The fitted network would read those values, which no one has when "
        "a forecast is made: its forecasts and backtest scores would mean nothing. Give the "
        "values known in advance, as fit was given them."
    )
