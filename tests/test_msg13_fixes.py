"""msg13: message leftovers of forecasting (level hints, the --series-col lines' counts, the
retrain wording said once, a tie for the lowest RMSE). Each test failed before its fix."""

import numpy as np
import pytest

from lstmkit.cli import _forecast_run as R
from lstmkit.forecast import Forecaster


def test_the_series_lines_write_every_count_with_thousands_separators(capsys) -> None:
    # before: "on 5000 of 5000 series (holdout RMSE; 1000 not compared, ... (1,000 in all))",
    # two formats for the counts of one line
    rows = [
        {"shop": f"s{k}", "n": 40, "holdout": 3, "model_rmse": 1.0, "model_mase": 1.0}
        | {"seasonal_naive_rmse": 2.0 if k % 6 else None, "seasonal_naive_mase": None}
        for k in range(6_000)
    ]
    R._print_series_summary("shop", rows, None)
    out = capsys.readouterr().out.splitlines()
    assert out[3] == "6,000 series, one per value of 'shop':"
    assert out[-1] == (
        "the model beats seasonal naive on 5,000 of 5,000 series (holdout RMSE; 1,000 not "
        "compared, without both RMSEs: s0, s6, s12, s18, s24, ... (1,000 in all))"
    )


@pytest.mark.parametrize("retrain", [2, 0.5], ids=["Darts' every 2nd", "a share"])
def test_a_retrain_at_some_origins_is_told_what_true_and_false_do_alike(retrain) -> None:
    # before: Darts' retrain=2 (or a callable) ended "or none is (False)", a share of the
    # origins "or none is (False, this fitted model forecasting at each)": two wordings
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(np.arange(40.0), retrain=retrain)
    assert str(err.value).endswith(
        " has no counterpart here: every origin is fitted (True) or none is (False, this "
        "fitted model forecasting at each)."
    )


def test_the_lowest_rmse_of_a_tie_names_every_method_tied(capsys) -> None:
    # before: a constant series, every method at 0.00, read "naive", the first of them
    rows = [
        {"shop": "flat", "n": 40, "holdout": 3, "model_rmse": 0.5, "model_mase": 0.5}
        | {"naive_rmse": 0.0, "naive_mase": 0.0, "seasonal_naive_rmse": 0.0}
        | {"seasonal_naive_mase": 0.0},
        {"shop": "b", "n": 40, "holdout": 3, "model_rmse": 1.25, "model_mase": 0.5}
        | {"naive_rmse": 1.5, "naive_mase": 1.0, "seasonal_naive_rmse": 1.75}
        | {"seasonal_naive_mase": 1.5},
    ]
    R._print_series_summary("shop", rows, None)
    table = [line.rstrip() for line in capsys.readouterr().out.splitlines()[5:9]]
    assert table == [
        "shop  n   model RMSE  model MASE  s. naive RMSE  s. naive MASE  lowest RMSE",
        "----  --  ----------  ----------  -------------  -------------  ----------------------",
        "flat  40  0.50        0.500       0.00           0.000          naive = seasonal_naive",
        "b     40  1.25        0.500       1.75           1.500          model",
    ]


_LEVELS = "every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got "


@pytest.mark.parametrize(
    ("levels", "said"),
    [
        (
            (0,),
            "0 (no coverage to score; leave it out, the config's interval is scored without it)",
        ),
        (
            ("1",),
            "'1' (a number, not text; 100 % is no interval: its bounds would be infinite; "
            "e.g. 0.99)",
        ),
        (
            ("5,5",),
            "'5,5' (a number with a decimal point, not text, and a fraction: 0.055 for 5.5 %, "
            "or 0.945 for a 94.5 % interval)",
        ),
        (
            ("0",),
            "'0' (a number, not text; no coverage to score; leave it out, the config's "
            "interval is scored without it)",
        ),
    ],
    ids=["0", "'1'", "'5,5'", "'0'"],
)
def test_backtest_levels_are_each_told_their_numbers_hint(levels, said) -> None:
    # before: "got 0." and "got '1'." and "got '5,5'." with no word of what they are
    with pytest.raises(ValueError) as err:
        Forecaster(horizon=3).backtest(np.arange(40.0), levels=levels)
    assert str(err.value) == f"{_LEVELS}{said}."


_INTERVAL = "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got "


@pytest.mark.parametrize(
    ("interval", "said"),
    [
        (
            "1",
            "'1' (a number, not text; 100 % is no interval: its bounds would be infinite; "
            "e.g. 0.99)",
        ),
        (
            "100%",
            "'100%' (a number, not text; 100 % is no interval: its bounds would be infinite; "
            "e.g. 0.99)",
        ),
        ("0", "'0' (a number, not text; None for no interval)"),
        (
            "97,5",
            "'97,5' (a number with a decimal point, not text, and a fraction: 0.975 for 97.5 %)",
        ),
        ("80,95", "'80,95'"),  # two levels or 80.95 %: still no guess
        (
            [[0.9, 0.8]],
            "[[0.9, 0.8]] (one level per call: 0.9, then 0.8; backtest(levels=(0.9, 0.8)) "
            "scores several at once)",
        ),
    ],
    ids=["'1'", "'100%'", "'0'", "'97,5'", "'80,95'", "[[0.9, 0.8]]"],
)
def test_an_interval_as_text_or_nested_is_told_its_numbers_hint(interval, said) -> None:
    # before: '1', '100%' and '0' got no hint, '97,5' none of its decimal comma, and
    # [[0.9, 0.8]] "(one level, not a list; one level per call: ...)"
    with pytest.raises(ValueError) as err:
        Forecaster(horizon=3, interval=interval)
    assert str(err.value) == f"{_INTERVAL}{said}."


def test_the_command_lines_decimal_comma_before_one_digit_is_told_the_point() -> None:
    # before: --interval 5,5 got "got '5,5'" alone, as "80,95" (two levels or one) still does
    from lstmkit._checks import text_level_hint

    assert text_level_hint("5,5") == (
        " (a decimal point and a fraction: 0.055 for 5.5 %, or 0.945 for a 94.5 % interval)"
    )
    assert text_level_hint("80,95") == ""
