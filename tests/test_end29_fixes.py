"""end29: forecasting leftovers: history() and encoder_inputs() told the keyword meant, as
predict is; plot_forecast's and BacktestResult.plot's figsize advice in the user's own size;
number-like text refused by the metrics; explain_forecast's refusal a public exception; a
horizon of 0 in future_index's message; an index of dates with a None refused by future_index."""

from __future__ import annotations

import pytest

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster


@pytest.mark.parametrize("method", ["history", "encoder_inputs"])
@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({"seires": None}, "got unknown keyword argument(s) 'seires' (did you mean 'series'?)."),
        (
            {"covariate": None},
            "got unknown keyword argument(s) 'covariate' (did you mean 'covariates'?).",
        ),
        (
            {"zzz": 1},
            "got unknown keyword argument(s) 'zzz'; it takes series, covariates and "
            "future_covariates.",
        ),
        (
            {"past_covariates": None},
            "takes no argument `past_covariates`: Darts' past_covariates is `covariates` here "
            "(past inputs, read over the input window).",
        ),
        (
            {"lookback": 12},
            "takes no argument `lookback`: lookback is a field of ForecasterConfig, given to "
            "Forecaster(lookback=...).",
        ),
    ],
)
def test_history_and_encoder_inputs_tell_the_keyword_meant(method, kwargs, said) -> None:
    # Python's bare "Forecaster.history() got an unexpected keyword argument 'seires'", where
    # predict, fit and backtest said the one meant
    with pytest.raises(TypeError) as caught:
        getattr(Forecaster(horizon=3), method)(**kwargs)
    assert str(caught.value) == f"Forecaster.{method}() {said}"


@pytest.mark.parametrize("method", ["history", "encoder_inputs"])
def test_history_and_encoder_inputs_tell_fill_where_it_goes(method) -> None:
    with pytest.raises(TypeError) as caught:
        getattr(Forecaster(horizon=3), method)(load_dataset("airline"), fill="interpolate")
    assert str(caught.value) == (
        f"Forecaster.{method}() takes no argument `fill`: `fill` is an argument of "
        f"lstmkit.data.to_frame and read_csv, whose result {method} takes: "
        f"{method}(to_frame(series, fill='interpolate'))."
    )
