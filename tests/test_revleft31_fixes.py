"""Fixes of the review revleft31 (of the branch left31)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import baselines, metrics
from lstmkit.forecast import Forecaster

NUMBERS = [f"{v}.0".encode() for v in range(40)]  # b'0.0', b'1.0', ...


def _refusal(call) -> str:
    with pytest.raises(ValueError) as caught:
        call()
    return str(caught.value)


def _fc() -> Forecaster:
    return Forecaster(epochs=1, horizon=2, lookback=4, ensemble=1, interval=None)


@pytest.mark.parametrize("given", [pd.Series(NUMBERS), np.array(NUMBERS)])
def test_fit_predict_and_backtest_refuse_bytes_that_read_as_numbers_as_the_metrics_do(
    given,
) -> None:
    # b'1', b'2' were read as numbers by fit, where rmse and the baselines refused them
    said = "`series` must hold numbers, got text (first b'0.0'); convert it first: "
    said += "pd.to_numeric(series)."
    assert _refusal(lambda: _fc().fit(given)) == said
    fitted = _fc().fit(np.arange(40.0))
    assert _refusal(lambda: fitted.predict(series=given)) == said
    backtest = lambda: _fc().backtest(given, start=30, statistical_baselines=False)  # noqa: E731
    assert _refusal(backtest) == said
    assert _refusal(lambda: _fc().fit(np.arange(40.0), covariates=pd.DataFrame({"c": given}))) == (
        "`covariates` must hold numbers, got text (first b'0.0'); convert it first: "
        "covariates.apply(pd.to_numeric)."
    )
    # the rule they follow
    assert _refusal(lambda: metrics.rmse(given, np.arange(40.0))).startswith(
        "`y_true` must hold numbers, got text (first b'0.0')"
    )
    assert _refusal(lambda: baselines.naive(given, 2)).startswith(
        "`y` must hold numbers, got text (first b'0.0')"
    )
    # converted as told, it runs
    assert len(_fc().fit(pd.to_numeric(pd.Series(given))).predict()) == 2
