"""revmsg12: review of msg12 (numpy scalars named once, interval hints, retrain wording, the
--series-col lines naming the series not compared). Each test failed before its fix."""

import time
from fractions import Fraction

import numpy as np
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

_HEAD = "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got "


@pytest.mark.parametrize(
    ("interval", "said"),
    [
        (Fraction(5), "Fraction(5, 1) (a fraction: 0.05 for 5 %, or 0.95 for a 95 % interval)"),
        (Fraction(50), "Fraction(50, 1) (a fraction: 0.5 for 50 %)"),
        (
            [Fraction(5), Fraction(95)],
            "[Fraction(5, 1), Fraction(95, 1)] (in percent, the quantiles 0.05 and 0.95 bound "
            "the central interval 0.9)",
        ),
        ([Fraction(9, 10)], "[Fraction(9, 10)] (one level, not a list: 0.9)"),
    ],
    ids=["5", "50", "[5, 95]", "[9/10]"],
)
def test_a_fraction_for_the_interval_is_told_its_hint(interval, said) -> None:
    # before: Fraction(5) (new with msg12's low-percent hint) and Fraction(50) raised
    # "TypeError: unsupported format string passed to Fraction.__format__" from the message
    # itself; [5, 95] as Fractions said "(in percent, )", [9/10] "(one level, not a list)"
    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=interval)
    assert str(err.value) == _HEAD + said + "."


@pytest.mark.parametrize(
    ("interval", "said"),
    [
        ([[0.9]], "[[0.9]] (one level, not a nested list: 0.9)"),
        (
            [[1]],
            "[[1]] (one level, not a nested list; 100 % is no interval: its bounds would be "
            "infinite; e.g. 0.99)",
        ),
    ],
    ids=["[[0.9]]", "[[1]]"],
)
def test_a_nested_list_of_one_level_says_not_a_list_once(interval, said) -> None:
    # before: "(one level, not a list; one level, not a list: 0.9)"
    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=interval)
    assert str(err.value) == _HEAD + said + "."


@pytest.mark.parametrize(
    ("interval", "said"),
    [
        (
            "5",
            "'5' (a number, not text, and a fraction: 0.05 for 5 %, or 0.95 for a 95 % interval)",
        ),
    ],
    ids=["5"],
)
def test_a_low_percentage_as_text_gets_the_hint_the_number_gets(interval, said) -> None:
    # before: interval="5" said "got '5'." alone, where 5 and --interval 5 got the fraction
    # and the 95 % reading
    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=interval)
    assert str(err.value) == _HEAD + said + "."


@pytest.mark.parametrize(
    ("retrain", "said"),
    [
        (1.0, "got float 1.0; retrain=1.0 (a fit at every origin) is retrain=True here."),
        (
            np.float64(0.0),
            "got np.float64(0.0); retrain=0.0 (no fit at any origin) is retrain=False here.",
        ),
        (
            1.5,
            "got float 1.5; True fits afresh at every origin, False forecasts with this fitted "
            "model at each.",
        ),
    ],
    ids=["1.0", "np0.0", "1.5"],
)
def test_retrain_as_a_float_is_a_share_only_between_0_and_1(retrain, said) -> None:
    # before: 1.0, 0.0 and 1.5 were each "a share of the origins has no counterpart here",
    # where 1.0 (all of them) is True and 0.0 (none) False, and 1.5 is no share
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(np.arange(40.0), retrain=retrain)
    assert str(err.value) == f"`retrain` must be True or False, {said}"


def test_the_series_lines_are_counted_in_one_pass(capsys) -> None:
    # before: each series was looked for among the compared ones, 14 s for 20,000 series per
    # line (holdout and backtest), after every fit was done
    from lstmkit.cli import _forecast_run as R

    rows = [
        {"shop": f"s{k}", "model_rmse": 1.0, "seasonal_naive_rmse": 2.0 if k % 2 else None}
        for k in range(20_000)
    ]
    start = time.perf_counter()
    wins, paired, left = R._series_beaten(rows, "shop", "model_rmse", "seasonal_naive_rmse")
    assert time.perf_counter() - start < 1.0
    assert (wins, paired) == (10_000, 10_000)
    assert left == (
        "; 10,000 not compared, without both RMSEs: s0, s2, s4, s6, s8, ... (10,000 in all)"
    )


def test_a_list_holding_an_array_of_levels_is_told_not_a_crash() -> None:
    # before: "ValueError: The truth value of an array with more than one element is
    # ambiguous" from the message's own check for Darts' median
    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=[np.array([0.9, 0.8])])
    assert str(err.value) == (
        _HEAD + "[array([0.9, 0.8])] (one level per call: 0.9, then 0.8; "
        "backtest(levels=(0.9, 0.8)) scores several at once)."
    )
