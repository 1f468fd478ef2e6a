"""Fixes of the revexplain4 review: the names a forecast explanation shows where a covariate is
named like another input (a calendar input, a seq2seq decoder's ``constant``)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster

_QUICK = {"horizon": 2, "lookback": 4, "epochs": 1, "ensemble": 1, "interval": None}


def _explained(strategy: str, past: str, future: str) -> tuple[list[str], list[str] | None]:
    """``features`` and ``future_features`` of a Forecaster fitted on 38 days with one past
    covariate named ``past`` and one future covariate named ``future``."""
    t = np.arange(40)
    index = pd.date_range("2020-01-06", periods=40, freq="D")
    y = pd.Series(50 + 10 * np.sin(t / 4), index, name="y")
    covariates = pd.DataFrame({past: np.cos(t / 3)}, index)[:38]
    plan = pd.DataFrame({future: (t % 7 == 0) * 1.0}, index)
    fc = Forecaster(strategy=strategy, **_QUICK).fit(
        y[:38], covariates=covariates, future_covariates=plan
    )
    method = "lrp" if strategy == "seq2seq" else "gradxinput"
    ex = explain_forecast(fc, step=1, method=method, future_covariates=plan)
    return ex.features, ex.future_features


@pytest.mark.parametrize(
    ("strategy", "features", "future_features"),
    [
        (
            "seq2seq",
            ["y", "cov:constant", "fut:season sin", "season sin", "season cos"],
            ["constant", "season sin", "season cos", "fut:season sin"],
        ),
        # no decoder: the past covariate's name `constant` is no other input's
        ("direct", ["y", "constant", "fut:season sin", "season sin", "season cos"], None),
    ],
)
def test_a_covariate_named_like_a_calendar_or_decoder_input_keeps_the_models_name(
    strategy: str, features: list[str], future_features: list[str] | None
) -> None:
    """Documented only for a past and a future covariate of one name: a future covariate
    'season sin' beside the calendar's, and a past one 'constant' beside a seq2seq decoder's,
    keep cov: and fut:, and every input has a name of its own."""
    assert _explained(strategy, "constant", "season sin") == (features, future_features)
