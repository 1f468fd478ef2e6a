"""Fixes of left34c: one row a fill cannot make up said in the singular; a float tensor
holding a whole size told int(x)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit import data as D
from lstmkit.nn import LSTM

MONTHS = pd.date_range("2022-01-01", periods=4, freq="MS")


def test_one_row_a_fill_cannot_make_up_is_said_in_the_singular() -> None:
    """left34c: fill='ffill' said "in its last 1 row(s), 2022-04-01" of the target and of a
    plan that ends early, and "Drop those rows (if they are" of one row."""
    frame = pd.DataFrame({"sales": [10.0, 11.0, 12.0, np.nan], "promo": 1.0}, index=MONTHS)
    with pytest.raises(ValueError) as err:
        D.to_frame(frame, fill="ffill")
    assert str(err.value) == (
        "'sales' (the target) has no value in its last row, 2022-04-01, after its last value at "
        "2022-03-01: that is not a gap, and fill='ffill' does not make it up (a forecast would "
        "start from made-up values, a holdout be scored against them). Drop that row (if it is "
        "the future to forecast: the forecast starts after the last row, and covariates are past "
        "inputs, whose future values it does not need; values known ahead, a promotion plan say, "
        "go to Forecaster's future_covariates, CLI --future-cols, which read those rows)."
    )
    frame["sales"] = [10.0, 11.0, np.nan, np.nan]
    plural = r"its last 2 rows, 2022-03-01, 2022-04-01, after.*Drop those rows \(if they are"
    with pytest.raises(ValueError, match=plural):
        D.to_frame(frame, fill="ffill")
    frame["sales"] = 10.0
    frame["promo"] = [1.0, 0.0, np.nan, np.nan]
    frame["price"] = [5.0, 5.0, 5.0, np.nan]
    with pytest.raises(ValueError) as err:
        D._check_values(frame[["promo", "price"]], "ffill", name="future_covariates")
    assert str(err.value).startswith(
        "values known in advance (future covariates) must not end early, got no value of "
        "'promo' in its last 2 rows, 2022-03-01, 2022-04-01; 'price' in its last row, "
        "2022-04-01: that is not a gap"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"hidden_size": torch.tensor(4.0)},
            "`hidden_size` must be a positive integer, got Tensor tensor(4.) (a whole number as "
            "a float: pass int(x)).",
        ),
        (
            {"num_layers": torch.tensor(2.0)},
            "`num_layers` must be a positive integer, got Tensor tensor(2.) (a whole number as "
            "a float: pass int(x)).",
        ),
        (
            {"hidden_size": np.array(4.0)},
            "`hidden_size` must be a positive integer, got ndarray array(4.) (a whole number as "
            "a float: pass int(x)).",
        ),
        (
            {"proj_size": torch.tensor(2.0)},
            "`proj_size` must be an integer, got Tensor tensor(2.) (a whole number as a float: "
            "pass int(x)).",
        ),
        # where int(x) would be refused too: no hint (tensor(-2) was told int(x))
        (
            {"hidden_size": torch.tensor(-4.0)},
            "`hidden_size` must be a positive integer, got Tensor tensor(-4.).",
        ),
        (
            {"hidden_size": torch.tensor(-2)},
            "`hidden_size` must be a positive integer, got Tensor tensor(-2).",
        ),
        (
            {"proj_size": torch.tensor(4.0)},
            "`proj_size` must be an integer, got Tensor tensor(4.).",
        ),
        ({"proj_size": torch.tensor(9)}, "`proj_size` must be an integer, got Tensor tensor(9)."),
    ],
)
def test_a_float_tensor_holding_a_whole_size_is_told_int_x(kwargs, message) -> None:
    """left34c: LSTM(3, torch.tensor(4.0)) was told nothing, where LSTM(3, 4.0) is told int(x)."""
    args = {"input_size": 3, "hidden_size": 4} | kwargs
    with pytest.raises(TypeError) as err:
        LSTM(**args)
    assert str(err.value) == message
    fixed = args | {k: int(v) for k, v in kwargs.items()}
    if "int(x)" in message:  # told where int(x) is taken, and only there
        assert isinstance(LSTM(**fixed), LSTM)
    else:
        with pytest.raises(ValueError):
            LSTM(**fixed)
