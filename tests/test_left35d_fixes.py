"""Fixes of left35d: one NaN of a future covariate said of one, evaluate's labels of any
iterable, and the figures' folder advice normalised."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster


@pytest.fixture(scope="module")
def every_other_day() -> tuple[Forecaster, pd.DatetimeIndex]:
    """A tiny Forecaster (horizon 3) of a series every 2 days with a future covariate 'x'."""
    days = pd.date_range("2020-01-01", periods=40, freq="2D")
    y = pd.Series(100 + np.arange(40) % 7 + np.arange(40.0), index=days, name="y")
    x = pd.Series(np.arange(40) % 2.0, index=days, name="x")
    quick = {"lookback": 6, "epochs": 1, "ensemble": 1, "hidden_size": 4}
    return Forecaster(horizon=3, **quick).fit(y, future_covariates=x), days


@pytest.mark.parametrize(
    ("horizon", "nan_at", "said"),
    [
        (
            1,
            [0],
            "at the forecast step, got NaN in column 'x' at 2020-03-21; fill it "
            "(lstmkit.data.to_frame(..., fill='ffill')) or give the value.",
        ),
        (
            3,
            [1],
            "at every step of the 3 forecast steps, got NaN in column 'x' at 2020-03-23; "
            "fill it (lstmkit.data.to_frame(..., fill='ffill')) or give the value.",
        ),
        (
            3,
            [0, 1],
            "at every step of the 3 forecast steps, got NaN in column 'x' at "
            "2020-03-21 and 1 more; fill them (lstmkit.data.to_frame(..., fill='ffill')) or give "
            "the values.",
        ),
    ],
)
def test_one_nan_of_the_plan_is_told_to_fill_it(every_other_day, horizon, nan_at, said) -> None:
    """left35d: one NaN cell was told 'fill them (...) or give the values'."""
    fc, days = every_other_day
    steps = pd.date_range(days[-1] + pd.Timedelta("2D"), periods=horizon + 1, freq="2D")
    plan = pd.Series(np.zeros(horizon + 1), index=steps, name="x")
    plan.iloc[nan_at] = np.nan
    with pytest.raises(ValueError) as err:
        fc.predict(horizon=horizon, future_covariates=plan)
    assert str(err.value) == f"`future_covariates` must hold a value {said}"
