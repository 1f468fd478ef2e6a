"""Defects an analyst met explaining forecasts of their own data (``lstmkit explain`` on a
forecaster, ``explain_forecast``, gate traces of its networks), each pinned by the test that
found it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit
from lstmkit.explain import explain, lrp
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 2, "calendar": False}


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    """A tiny Forecaster on 40 weekly points of a sales column."""
    index = pd.date_range("2024-01-07", periods=40, freq="W-SUN")
    sales = pd.Series(100 + np.sin(np.arange(40) / 3) * 10, index=index, name="sales")
    return Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(sales)


EXPLAIN = (
    "`model` must be a torch.nn.Module, got Forecaster: explain its forecast with "
    "lstmkit.explain.explain_forecast(fc), the relevance of each lag and covariate over its "
    "ensemble (its networks are `fc.members_`)."
)
TRACE = (
    "`model` must be a torch.nn.Module, got Forecaster: its networks are `members_`, one "
    "ForecastNet per ensemble member; trace them around a forecast, "
    "`with lstmkit.trace(fc.members_) as tr: fc.predict()`"
)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda fc: lrp(fc, torch.zeros(1, 4, 1)), EXPLAIN),
        (lambda fc: explain(fc, torch.zeros(1, 4, 1), 0, method="gradxinput"), EXPLAIN),
        (lambda fc: lstmkit.trace(fc).__enter__(), TRACE + "."),
        (
            lambda fc: lstmkit.summary(fc),
            "`model` must be a torch.nn.Module, got Forecaster: its networks are `members_`, "
            "one ForecastNet per ensemble member: `lstmkit.summary(fc.members_[0])` shows one.",
        ),
    ],
)
def test_a_forecaster_where_a_module_goes_is_told_its_networks(fitted, call, message) -> None:
    # was "`model` must be a torch.nn.Module, got Forecaster." (trace, summary), and for the
    # explanations "... the explanations read its layers (its embedding; ...)": neither named
    # explain_forecast nor where the Forecaster keeps its networks
    with pytest.raises(TypeError) as caught:
        call(fitted)
    assert str(caught.value) == message


def test_the_advice_to_trace_members_works_and_an_unfitted_one_is_told_to_fit(fitted) -> None:
    with lstmkit.trace(fitted.members_) as tr:
        fitted.predict()
    assert list(tr) == ["0/encoder/l0"]
    assert tuple(tr["0/encoder/l0"]["f"].shape) == (1, 4, 2)  # one window of 4 lags, 2 units
    with pytest.raises(TypeError) as caught:
        lstmkit.trace(Forecaster()).__enter__()
    assert str(caught.value) == (
        TRACE + ", once it is fitted (its `members_` are None before `fit`)."
    )
    with pytest.raises(TypeError, match=r"builtin_function_or_method: the explanations read"):
        lrp(len, torch.zeros(1, 4, 1))  # anything else: as before
