"""Fixes of left39 in forecasting: the baselines' durations, the CLI's fill notes and seps."""

import numpy as np
import pytest

from lstmkit._checks import TextForNumberError
from lstmkit.baselines import baseline_forecasts, naive, seasonal_naive

STEPS = (
    "a count of the data's own steps, not a duration: 12 for a year of monthly data, 7 for a "
    "week of daily data"
)


@pytest.mark.parametrize(
    ("call", "told"),
    [
        (lambda y: naive(y, "3m"), f"`horizon` must be a positive integer, got '3m' ({STEPS})."),
        (
            lambda y: seasonal_naive(y, "2 days", 12),
            f"`horizon` must be a positive integer, got '2 days' ({STEPS}).",
        ),
        (
            lambda y: seasonal_naive(y, 3, "1y"),
            f"`m` must be an integer (the seasonal period), got '1y' ({STEPS}).",
        ),
        (
            lambda y: baseline_forecasts(y, 3, "1y", statistical=False),
            f"`m` must be an integer (the seasonal period), got '1y' ({STEPS}).",
        ),
        (
            lambda y: naive(y[:0], "3m"),
            "`y` must be a series [T] of at least one point, got shape (0,); `horizon` must be "
            f"a positive integer, got '3m' ({STEPS}).",
        ),
    ],
)
def test_a_baselines_duration_is_told_it_counts_the_datas_steps(call, told: str) -> None:
    # told "must be a positive integer, got '3m'" alone, where predict and backtest say that
    # it counts the data's own steps
    with pytest.raises(TextForNumberError) as err:
        call(np.arange(1.0, 30.0))
    assert str(err.value) == told
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)


def test_a_baselines_count_as_text_is_told_as_before() -> None:
    with pytest.raises(TextForNumberError) as err:
        naive(np.arange(1.0, 30.0), "3")
    assert (
        str(err.value) == "`horizon` must be a positive integer, got '3' (a number, not text: 3)."
    )
    with pytest.raises(TextForNumberError) as err:
        seasonal_naive(np.arange(1.0, 30.0), 3, "12")
    assert str(err.value) == (
        "`m` must be an integer (the seasonal period), got '12' (a number, not text: 12)."
    )
