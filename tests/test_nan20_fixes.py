"""nan20: the forecasting reader's leftover refusals: a fill's leftovers, the target's empty
last rows and a plan's end named with their file; a plan out of order that lacks a step led by
that step; `lstmkit predict DIR` without data naming the model's training data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data
from lstmkit.cli import main

FFILL_START = (
    "'ffill' copies the previous value forward, so nothing before a column's first value is "
    "filled; try 'interpolate' or 'bfill'."
)


def _monthly(path: Path, **blank: list[int]) -> Path:
    """24 months of 'sales' and 'temp' at ``path``, the rows ``blank[col]`` of each empty."""
    frame = pd.DataFrame(
        {
            "month": pd.date_range("2020-01-01", periods=24, freq="MS").strftime("%Y-%m-%d"),
            "sales": 100.0 + np.arange(24),
            "temp": np.arange(24.0),
        }
    )
    for col, rows in blank.items():
        frame.loc[rows, col] = np.nan
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("col", ["sales", "temp"])
def test_a_fill_s_leftovers_name_the_file(tmp_path, capsys, col):
    # "--fill ffill left NaNs in column 'sales' at the start (2020-01-01)": no file named,
    # though the refusal of the same blank without --fill named it
    csv = _monthly(tmp_path / "gaps.csv", **{col: [0]})
    with pytest.raises(ValueError) as error:
        data.read_csv(csv, "month", ["sales", "temp"], fill="ffill")
    assert str(error.value) == (
        f"fill='ffill' left NaNs in column {col!r} of {str(csv)!r} at the start (2020-01-01): "
        + FFILL_START
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--covariate-cols", "temp", "--fill", "ffill"]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --fill ffill left NaNs in column {col!r} of {str(csv)!r} at the start "
        f"(2020-01-01): {FFILL_START}\n",
    )


def test_only_the_first_column_left_unfilled_names_the_file(tmp_path):
    csv = _monthly(tmp_path / "gaps.csv", sales=[0], temp=[0, 1])
    with pytest.raises(ValueError) as error:
        data.read_csv(csv, "month", ["sales", "temp"], fill="ffill")
    assert str(error.value).startswith(
        f"fill='ffill' left NaNs in column 'sales' of {str(csv)!r} at the start (2020-01-01); "
        "column 'temp' at the start (2020-01-01, 2020-02-01): "
    )


def test_the_target_s_empty_last_rows_name_the_file(tmp_path):
    # "'sales' (the target) has no value in its last 2 row(s)": which file's target, unsaid
    csv = _monthly(tmp_path / "tail.csv", sales=[5, 22, 23])
    with pytest.raises(ValueError) as error:
        data.read_csv(csv, "month", "sales", fill="ffill")
    assert str(error.value).startswith(
        f"'sales' (the target) of {str(csv)!r} has no value in its last 2 rows, 2021-11-01, "
        "2021-12-01, after its last value at 2021-10-01: that is not a gap, and fill='ffill' "
        "does not make it up"
    )


def test_a_plan_that_ends_early_names_the_file(tmp_path, capsys, promo_plan):
    # "got no value of 'promo' in its last 1 row(s)": the file was named without --fill only
    csv = promo_plan.write(tmp_path / "plan.csv", blank=[43])
    assert promo_plan.forecast(csv, "--fill", "ffill") == 2
    assert capsys.readouterr() == (
        "",
        "error: values known in advance (future covariates) must not end early, got no value "
        f"of 'promo' of {str(csv)!r} in its last row, 2021-02-13: that is not a gap, and "
        "--fill ffill does not make it up (a forecast would read a made-up plan there). Give "
        "their values, or forecast fewer steps (a smaller --horizon).\n",
    )


ROW_EACH = (
    "`future_covariates` has no row for 2021-02-11, in the 4 forecast steps, of which it must "
    "hold a row each, by its timestamp (2021-02-10 … 2021-02-13): add a row for 2021-02-11 "
    "with their values, or a fill makes their values up."
)


def test_a_plan_out_of_order_that_lacks_a_step_names_the_step_first(promo_plan):
    # "timestamps ... must be sorted ...; sort them first: future_covariates.sort_index(). The
    # missing timestamp(s) lie in ...": led by the order, the step was the missing timestamp
    # of a message that named none
    fc, promo = promo_plan.fitted()
    plan = promo.iloc[[40, 42, 43]].iloc[[1, 0, 2]]  # 02-12, 02-10, 02-13: no 02-11
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=plan)
    assert str(error.value) == (
        f"{ROW_EACH} Also, timestamps in `future_covariates` must be sorted in increasing "
        "order, got 2021-02-10 after 2021-02-12 (position 1); sort them first: "
        "future_covariates.sort_index()."
    )
    # a read row twice besides: both said after the step, the repeat of the read rows alone
    plan = promo.iloc[[1, 1, 40, 40, 42, 43]].iloc[[0, 1, 4, 2, 3, 5]]
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=plan)
    assert str(error.value) == (
        f"{ROW_EACH} Also, timestamps must be unique, got duplicates in `future_covariates`: "
        "2021-02-10. Also, timestamps in `future_covariates` must be sorted in increasing "
        "order, got 2021-02-10 after 2021-02-12 (position 3); sort them first: "
        "future_covariates.sort_index()."
    )
    # in order, a stamp twice where no step reads it: the step alone, as before
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=pd.concat([promo[:10], promo[9:41], promo[42:]]))
    assert str(error.value) == ROW_EACH
    # sorted, the plan is read; nothing but the order missing: said as before
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=promo.iloc[[41, 40, 42, 43]])
    assert str(error.value) == (
        "timestamps in `future_covariates` must be sorted in increasing order, got 2021-02-10 "
        "after 2021-02-11 (position 1); sort them first: future_covariates.sort_index()."
    )


def test_predict_without_data_names_the_model_s_training_data(tmp_path, capsys, edit_saved):
    # "the dataset None must be strictly positive ...": predict DIR reads the history saved
    # with the model, which an edit (or a damaged file) left negative
    from lstmkit import Forecaster

    days = pd.date_range("2021-01-01", periods=30, freq="D")
    sales = pd.Series(20.0 + np.arange(30) % 5, days, name="sales")
    quick = {"ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1, "hidden_size": 4}
    fc = Forecaster(horizon=2, calendar=False, interval=None, **quick).fit(sales)
    fc.save(tmp_path / "model")
    with edit_saved(tmp_path / "model") as saved:
        saved["state"]["history"]["values"][-1][0] = -5.0
    out = tmp_path / "out"
    assert main(["predict", str(tmp_path / "model"), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        "error: the model's training data must be strictly positive in the last 4 points the "
        "forecast reads: the model was fitted on the logarithm (transform='auto' on positive "
        "training data); got -5 at 2021-01-30.\n"
    )
    assert not out.exists()
