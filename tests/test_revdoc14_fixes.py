"""Review of doc14 (the By hand refusals): what its new messages did on the neighbouring inputs."""

from __future__ import annotations

import re

import numpy as np
import pytest

from lstmkit.data import (
    MinMaxScaler,
    SeasonalDifferencer,
    StandardScaler,
    make_windows,
    split_windows,
    time_split,
)


@pytest.mark.parametrize(("size", "shown"), [(float("nan"), "nan"), (float("inf"), "inf")])
def test_time_split_refuses_a_nan_or_infinite_size_with_its_own_message(size, shown) -> None:
    # doc14's "a count is an int" hint called int() on them first: "cannot convert float NaN
    # to integer", and an OverflowError for inf
    with pytest.raises(ValueError) as caught:
        time_split(100, test=size)
    assert str(caught.value) == f"`test` as a fraction must be in [0, 1), got {shown}."


def test_time_split_offers_a_count_only_where_one_would_fit() -> None:
    # test=1e20 was told "a count is an int: test=100000000000000000000"
    with pytest.raises(ValueError) as caught:
        time_split(100, test=1e20)
    assert str(caught.value) == "`test` as a fraction must be in [0, 1), got 1e+20."
    with pytest.raises(ValueError) as caught:
        time_split(100, val=12.0)
    assert str(caught.value) == (
        "`val` as a fraction must be in [0, 1), got 12.0; a count is an int: val=12."
    )


def test_time_split_of_a_zero_dimensional_array_names_it() -> None:
    # np.array(5) has __len__: doc14's len(n) raised "len() of unsized object"
    with pytest.raises(TypeError) as caught:
        time_split(np.array(5))
    assert str(caught.value) == "`n` must be an integer (the number of points), got array(5)."


def test_time_split_of_one_value_says_one_value() -> None:
    with pytest.raises(TypeError) as caught:
        time_split([7.0])
    assert str(caught.value) == (
        "`n` must be an integer (the number of points), got 1 value (a list); pass their "
        "number: time_split(len(values), ...)."
    )


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
@pytest.mark.parametrize(("given", "shown"), [(None, "None"), (5.0, "5.0")])
def test_a_scaler_fitted_on_none_or_a_number_names_it(scaler, given, shown) -> None:
    # was "got shape ()", a shape the user never gave
    with pytest.raises(ValueError) as caught:
        scaler().fit(given)
    assert str(caught.value) == (
        f"{scaler.__name__}.fit needs a non-empty [T] or [T, F] array (at least one point and "
        f"one feature), got {shown}."
    )
    assert not re.search(r"shape \(\)", str(caught.value))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: make_windows(np.arange(30.0), "12", 1),
            "`lookback` must be a positive integer, got '12' (a number, not text: 12).",
        ),
        (
            lambda: make_windows(np.arange(30.0), 12, None),
            "`horizon` must be a positive integer, got None.",
        ),
        (
            lambda: SeasonalDifferencer("12"),
            "`lag` must be a positive integer, got '12' (a number, not text: 12).",
        ),
        (
            lambda: split_windows(np.arange(30.0), 6, 1, stride=True),
            "`stride` must be a positive integer, got True.",
        ),
    ],
    ids=["make_windows", "horizon None", "SeasonalDifferencer", "split_windows"],
)
def test_an_integer_argument_given_as_text_or_a_bool_is_a_type_error(make, message) -> None:
    # '12' was a ValueError, as 0 is: house style has a wrong type a TypeError
    with pytest.raises(TypeError) as caught:
        make()
    assert str(caught.value) == message


def test_a_number_that_is_no_positive_integer_stays_a_value_error() -> None:
    with pytest.raises(ValueError) as caught:
        make_windows(np.arange(30.0), 12.0, 1)
    assert str(caught.value) == (
        "`lookback` must be a positive integer, got 12.0 (a whole number as a float: pass int(x))."
    )


def test_forecast_help_says_what_window_scaling_does(capsys) -> None:
    # --scaling said "fitted on the training part only", which leaves out what the default
    # `window` does: a level of each window's own
    from lstmkit.cli import main

    with pytest.raises(SystemExit):
        main(["forecast", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "--scaling {window,standard,minmax} window: each input window less the mean of its last "
        "season, over one scale from the training windows; standard, minmax: one scaler fitted "
        "on the training part (default: window)"
    ) in text
