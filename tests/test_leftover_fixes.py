"""Input-handling leftovers of earlier reviews: the metrics' inputs and packed CSV files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.metrics import evaluate, mae, mase, rmse

_NO_ARRAY = "`{}` must be an array of numbers (numpy, pandas, a list or a tensor), got {}."


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        ({0: 1.0, 1: 2.0}, "dict"),
        ({1.0, 2.0}, "set"),
        (frozenset({1.0, 2.0}), "frozenset"),
        ((v for v in (1.0, 2.0)), "generator"),
    ],
)
def test_a_dict_or_a_set_is_a_wrong_type(given, kind):
    # ValueError "... got dict that numpy cannot read as floats (float() argument must be a
    # string or a real number, not 'dict')", where complex values and a wrong `m` are
    # TypeErrors; a set has no order to pair its points by
    with pytest.raises(TypeError) as err:
        rmse([1.0, 2.0], given)
    assert str(err.value) == _NO_ARRAY.format("y_pred", kind)
    with pytest.raises(TypeError) as err:
        mase([1.0], [2.0], y_train=given)
    assert str(err.value) == _NO_ARRAY.format("y_train", kind)
    with pytest.raises(TypeError) as err:  # the scalers read values alike
        D.StandardScaler().fit(given)
    assert str(err.value) == _NO_ARRAY.format("x", kind)
    # text in a list is a value numpy cannot read: a ValueError still
    with pytest.raises(ValueError, match=r"^`y_true` must be an array of numbers, got list "):
        mae(["1", "x"], [1.0, 2.0])


_DATES = (
    "`{}` must hold values only, got dates ({}); keep the dates apart, as a pandas index, and "
    "pass the values."
)


@pytest.mark.parametrize(
    "dates",
    [
        pd.Series(pd.date_range("2020-01-01", periods=2, unit="ns")),
        pd.Series(pd.date_range("2020-01-01", periods=2, unit="ns", tz="UTC")),
        pd.date_range("2020-01-01", periods=2, unit="ns"),
        np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[ns]"),
    ],
)
def test_dates_are_not_scored_as_numbers(dates):
    # scored as nanoseconds since 1970: rmse came out 1577880000591374.2, without a word
    with pytest.raises(ValueError) as err:
        rmse(dates, [1.0, 2.0])
    assert str(err.value) == _DATES.format("y_true", dates.dtype)
    with pytest.raises(ValueError) as err:
        evaluate([1.0, 2.0], [1.0, 2.0], y_train=dates)
    assert str(err.value) == _DATES.format("y_train", dates.dtype)


def test_durations_and_frames_of_dates_are_refused_by_name():
    hours = pd.Series(pd.to_timedelta([1, 2], unit="h"))
    with pytest.raises(TypeError) as err:
        rmse([1.0, 2.0], hours)
    assert str(err.value) == (
        "`y_pred` must hold numbers, got durations (first Timedelta('0 days 01:00:00')); give "
        "them in a unit, e.g. y_pred.dt.total_seconds() / 3600 for hours."
    )
    frame = pd.DataFrame({"month": pd.date_range("2020-01-01", periods=2, freq="MS")})
    with pytest.raises(ValueError, match=r"^`y_true` must hold values only, .* 'month' \("):
        rmse(frame, [1.0, 2.0])
    # the values themselves, with the dates as their index, are scored
    values = pd.Series([1.0, 3.0], index=frame["month"])
    assert rmse(values, values - 1.0) == 1.0
