"""Fixes of left35c: messages of one forecast step said of one (``Forecaster._ahead``'s
``where``), and the columns a file lacks named after their flag once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster


def _refusal(fc: Forecaster, horizon: int, plan: object) -> str:
    with pytest.raises(ValueError) as err:
        fc.predict(horizon=horizon, future_covariates=plan)
    return str(err.value)


@pytest.mark.parametrize(
    ("horizon", "said"),
    [
        (1, "1 row, that of the forecast step (2020-03-21)"),
        (3, "3 rows, one per step of the 3 forecast steps (2020-03-21 … 2020-03-25)"),
    ],
)
def test_an_array_of_the_wrong_length_is_told_of_one_step_as_one(
    every_other_day, horizon, said
) -> None:
    """left35c: 'must have 1 rows, one per step of the 1 forecast steps (X … X)'."""
    fc, _ = every_other_day
    assert _refusal(fc, horizon, np.zeros((horizon + 1, 1))) == (
        f"`future_covariates` as an array must have {said}, got shape ({horizon + 1}, 1)."
    )


@pytest.mark.parametrize(
    ("horizon", "said"),
    [
        (1, "the forecast step, 2020-03-21, got values from 2020-03-17 to 2020-03-19."),
        (
            3,
            "the 3 forecast steps, 3 steps from 2020-03-21 to 2020-03-25, got values from "
            "2020-03-17 to 2020-03-19: 3 of those steps are missing, the first 2020-03-21.",
        ),
    ],
)
def test_a_plan_that_misses_the_one_step_says_it_once(every_other_day, horizon, said) -> None:
    """left35c: 'must cover the 1 forecast steps, 1 steps from X to X, ...: 1 of those steps
    is missing, X'."""
    fc, days = every_other_day
    before = pd.date_range(days[-1] - pd.Timedelta("2D"), periods=2, freq="2D")
    plan = pd.Series(np.zeros(2), index=before, name="x")
    assert _refusal(fc, horizon, plan) == f"`future_covariates` must cover {said}"


@pytest.mark.parametrize(
    ("horizon", "said"),
    [(1, "at the forecast step"), (3, "at every step of the 3 forecast steps")],
)
def test_a_nan_at_the_one_step_is_told_at_the_step(every_other_day, horizon, said) -> None:
    """left35c: 'must hold a value at every step of the 1 forecast steps'."""
    fc, days = every_other_day
    steps = pd.date_range(days[-1], periods=horizon + 2, freq="2D")
    plan = pd.Series([0.0] * horizon + [np.nan, 0.0], index=steps, name="x")
    last = steps[horizon].strftime("%Y-%m-%d")
    assert _refusal(fc, horizon, plan) == (
        f"`future_covariates` must hold a value {said}, got NaN in column 'x' at {last}; "
        "fill it (lstmkit.data.to_frame(..., fill='ffill')) or give the value."
    )


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--covariate-cols", "z", "w"], "--covariate-cols 'z' and 'w' are not columns"),
        (
            ["--value-col", "q", "--covariate-cols", "z", "w", "v"],
            "--value-col 'q' and --covariate-cols 'z', 'w' and 'v' are not columns",
        ),
        (
            ["--value-col", "q", "--covariate-cols", "z", "--future-cols", "a", "b"],
            "--value-col 'q', --covariate-cols 'z', and --future-cols 'a' and 'b' are not columns",
        ),
        (
            ["--value-col", "q", "--covariate-cols", "z"],
            "--value-col 'q' and --covariate-cols 'z' are not columns",
        ),  # one column per flag, as before
        (["--covariate-cols", "z"], "--covariate-cols 'z' is not a column"),
    ],
)
def test_absent_columns_name_each_flag_once(tmp_path, monkeypatch, capsys, flags, said) -> None:
    """left35c: "--covariate-cols 'z' and --covariate-cols 'w' are not columns of 'f.csv'"."""
    monkeypatch.chdir(tmp_path)
    rows = [f"1960-{m:02d},{6000 + 100 * m},{m % 3}" for m in range(1, 13)]
    Path("f.csv").write_text("month,sales,price\n" + "\n".join(rows) + "\n", encoding="utf-8")
    argv = ["forecast", "--csv", "f.csv", "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, *flags, "--out", "run"]) == 2
    assert capsys.readouterr().err == (
        f"error: {said} of 'f.csv'; available columns: ['month', 'sales', 'price'].\n"
    )
    assert not Path("run").exists()
