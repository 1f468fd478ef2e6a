"""Values a Python user passes to the Forecaster, the metrics and the scalers: leftovers."""

from __future__ import annotations

import datetime

import numpy as np
import pytest
import torch

from lstmkit.data import StandardScaler
from lstmkit.metrics import mase, rmse


@pytest.mark.parametrize("dtype", ["float8_e4m3fn", "float8_e5m2"])
def test_float8_tensors_are_widened_exactly_as_bfloat16(dtype):
    # numpy lacks float8 as it lacks bfloat16: "numpy cannot read as floats (Got unsupported
    # ScalarType Float8_e4m3fn)"; every float8 value is a float32 one
    y_pred = torch.tensor([1.0, 2.0, 0.5]).to(getattr(torch, dtype))
    assert rmse([1.0, 2.0, 0.5], y_pred) == 0.0
    scaled = StandardScaler().fit(y_pred).transform(y_pred)
    np.testing.assert_allclose(scaled, np.array([-1, 5, -4]) / 6 / np.sqrt(7 / 18), rtol=1e-15)


def test_a_list_of_numpy_dates_is_refused_as_an_array_of_them():
    # scored as days since 1970 (rmse 18276.0...), where an array of the same dates was refused
    dates = [np.datetime64("2020-01-01"), np.datetime64("2020-02-01")]
    for metric in (lambda: rmse(dates, [1.0, 2.0]), lambda: mase([1.0], [2.0], y_train=dates)):
        with pytest.raises(ValueError) as err:
            metric()
        name = str(err.value).split("`")[1]
        assert str(err.value) == (
            f"`{name}` must hold values only, got dates (datetime64[D]); keep the dates apart, "
            "as a pandas index, and pass the values."
        )
    with pytest.raises(TypeError) as err:  # durations: read as counts of hours
        rmse((np.timedelta64(2, "h"),), [2.0])
    assert str(err.value) == (
        "`y_true` must hold numbers, got durations (timedelta64[h]); give them in a unit, "
        "e.g. y_true / np.timedelta64(1, 'h') for hours."
    )


def test_a_list_of_python_dates_is_refused_as_dates():
    # was "got list that numpy cannot read as floats (float() argument must be ... not
    # 'datetime.date')"
    with pytest.raises(ValueError) as err:
        rmse([datetime.date(2020, 1, 1), datetime.date(2020, 3, 1)], [1.0, 2.0])
    assert str(err.value) == (
        "`y_true` must hold values only, got dates ('2020-01-01' … '2020-03-01'); keep the "
        "dates apart, as a pandas index, and pass the values."
    )
