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
