"""revmsg25: the review of msg25's one policy for numbers in messages.

1. None reads "got None" in every refusal of a type, as the sizes' does since msg25 (it was
   "got NoneType None", which said it twice: ``implementation=None``, ``by=None``, ...).
2. A level refused for its value shows numpy's whole float as Python's (``95``, not ``95.0``).
3. ``nn.summary`` refuses a float in a shape as it refuses one alone (a ValueError).
4. A float16 count is refused without numpy's overflow warning; a ``np.timedelta64`` (which
   numpy registers as an integer) is refused, not failed on in ``int()``.
"""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit import nn
from lstmkit._checks import as_int, choice_error, typed_repr
from lstmkit.forecast import ForecasterConfig
from lstmkit.metrics import mase
from lstmkit.nn.summary import summary

_CHOICES = "('auto', 'fused', 'explicit')"
_SHAPE = "`input_size` must be an integer or a sequence of integers (the shape of one sample)"

# ---- 1. None ------------------------------------------------------------------------------


def test_none_refused_for_its_type_reads_got_none() -> None:
    assert typed_repr(None) == "None"
    with pytest.raises(TypeError) as err:
        nn.LSTM(5, 4, implementation=None)
    assert str(err.value) == f"`implementation` must be a str, one of {_CHOICES}, got None."
    error = choice_error(None, "by", ("value", "magnitude"), "'value' or 'magnitude'")
    assert str(error) == "`by` must be a str, 'value' or 'magnitude', got None."
    with pytest.raises(TypeError) as err:
        nn.LSTM(5, 4, dropout=None)
    assert str(err.value) == "`dropout` must be a float, got None."


# ---- 2. a level's whole numpy float -------------------------------------------------------

_LEVEL = "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got"


@pytest.mark.parametrize("value", [150.0, np.float64(150.0), np.float32(150.0), np.int64(150)])
def test_a_level_refused_for_its_value_shows_the_number_alike(value) -> None:
    # np.float32(150.0) said "got 150.0" where 150.0 and np.float64(150.0) say "got 150"
    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=value)
    assert str(err.value) == f"{_LEVEL} 150."


def test_a_percentage_level_of_numpy_is_told_its_fraction_alike() -> None:
    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=np.float32(95.0))
    assert str(err.value) == f"{_LEVEL} 95 (a fraction: 0.95 for 95 %)."


# ---- 3. summary's float in a shape ---------------------------------------------------------


@pytest.mark.parametrize(
    ("input_size", "shown"),
    [
        ((np.float64(5.0),), "(np.float64(5.0),)"),
        ((5, 2.5), "(5, 2.5)"),
        ([np.float32(3.0), 4], "[np.float32(3.0), 4]"),
        (np.float64(5.0), "np.float64(5.0) (a whole number as a float: pass int(x))"),
    ],
)
def test_summary_refuses_a_float_in_a_shape_as_one_alone(input_size, shown) -> None:
    # (5.0,) was a TypeError where 5.0 alone is a ValueError
    with pytest.raises(ValueError) as err:
        summary(nn.LSTM(5, 4), input_size=input_size)
    assert str(err.value) == f"{_SHAPE}, got {shown}."


def test_summary_still_refuses_what_is_no_number_for_its_type() -> None:
    for input_size, shown in (((True, 5), "(True, 5)"), ((5, "a"), "(5, 'a')")):
        with pytest.raises(TypeError) as err:
            summary(nn.LSTM(5, 4), input_size=input_size)
        assert str(err.value) == f"{_SHAPE}, got {shown}."


# ---- 4. float16 and timedelta64 -----------------------------------------------------------


def test_a_float16_count_is_refused_without_an_overflow_warning() -> None:
    # "RuntimeWarning: overflow encountered in cast" (2**63-1 cast to float16), an error here
    with pytest.raises(ValueError) as err:
        nn.LSTM(np.float16(5.0), 4)
    assert str(err.value) == (
        "`input_size` must be a positive integer, got np.float16(5.0) "
        "(a whole number as a float: pass int(x))."
    )
    with pytest.raises(ValueError) as err:
        summary(nn.LSTM(5, 4), input_size=np.float16(2.0))
    assert str(err.value) == (
        f"{_SHAPE}, got np.float16(2.0) (a whole number as a float: pass int(x))."
    )


def test_a_timedelta_is_no_count() -> None:
    # each failed: "int() argument must be a string, a bytes-like object or a real number,
    # not 'datetime.timedelta'" (mase: "float() argument ..."), naming no argument
    days = np.timedelta64(3, "D")
    assert as_int(days) is None
    assert as_int(np.timedelta64(3)) is None  # it was 3: horizon=np.timedelta64(3) was taken
    with pytest.raises(ValueError) as err:
        ForecasterConfig(horizon=days)
    assert str(err.value) == (
        "`horizon` must be a positive integer or None, got np.timedelta64(3,'D')."
    )
    with pytest.raises(TypeError) as err:
        nn.LSTM(5, days)
    assert str(err.value) == "`hidden_size` must be a positive integer, got np.timedelta64(3,'D')."
    series = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    with pytest.raises(TypeError) as err:
        mase(series, series, series, m=days)
    shown = "np.timedelta64(3,'D')"
    assert str(err.value) == f"`m` must be an integer (the seasonal period), got {shown}."
