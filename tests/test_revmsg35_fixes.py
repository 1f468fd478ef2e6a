"""Fixes of revmsg35 (review of msg35): counts of one said in the singular (the warning of
predict_proba at the user's line: tests/test_msg35_fixes.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster
from lstmkit.text import read_labelled_csv


def _days(freq: str, n: int = 40) -> pd.DatetimeIndex:
    return pd.date_range("2020-01-01", periods=n, freq=freq)


@pytest.fixture(scope="module")
def every_other_day() -> tuple[Forecaster, pd.DatetimeIndex]:
    """A tiny Forecaster (horizon 3) of a series every 2 days with a future covariate 'x'."""
    days = _days("2D")
    y = pd.Series(100 + np.arange(40) % 7 + np.arange(40.0), index=days, name="y")
    x = pd.Series(np.arange(40) % 2.0, index=days, name="x")
    quick = {"lookback": 6, "epochs": 1, "ensemble": 1, "hidden_size": 4}
    return Forecaster(horizon=3, **quick).fit(y, future_covariates=x), days


@pytest.mark.parametrize(("between", "said"), [(1, "it"), (2, "those")])
def test_one_row_between_the_steps_is_dropped_as_it(every_other_day, between, said) -> None:
    """revmsg35: 'got 1 row between the steps, 2020-03-22 ...: would drop those unseen'."""
    fc, days = every_other_day
    daily = pd.date_range(days[-1] + pd.Timedelta("2D"), periods=2 * between + 1, freq="D")
    plan = pd.Series(np.arange(len(daily)) % 2.0, index=daily, name="x")
    with pytest.raises(ValueError) as err:
        fc.predict(horizon=between + 1, future_covariates=plan)
    first = "2020-03-22" if between == 1 else "the first 2020-03-22"
    assert str(err.value) == (
        f"`future_covariates` must have one row per step of the {between + 1} forecast steps, "
        f"at the steps themselves, got {between} row{'s' if between > 1 else ''} between the "
        f"steps, {first} (the series' frequency is 2D, theirs D): a forecast reads one value "
        f"per step and would drop {said} unseen. Give the values at the series' own frequency "
        "(aggregated to its steps, e.g. future_covariates.resample(...).max() for a flag)."
    )


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (2, "1 of those steps is missing, 2020-03-25"),
        (1, "2 of those steps are missing, the first 2020-03-23"),
    ],
)
def test_one_step_missing_from_the_plan_is_said_as_one(every_other_day, given, said) -> None:
    """revmsg35: '1 of those steps are missing, the first 2020-03-25'."""
    fc, days = every_other_day
    plan = pd.Series(np.zeros(given + 1), pd.date_range(days[-1], periods=given + 1, freq="2D"))
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=plan.rename("x"))
    last = "2020-03-21" if given == 1 else "2020-03-23"
    assert str(err.value) == (
        "`future_covariates` must cover the 3 forecast steps, 3 steps from 2020-03-21 to "
        f"2020-03-25, got values from 2020-03-19 to {last}: {said}."
    )


@pytest.mark.parametrize(
    ("body", "said", "them"),
    [
        ("text,label\n ,pos\na good film,neg\n", "got none in row 1", "it"),
        ("text,label\n ,pos\n,neg\n", "got none in rows 1, 2", "them"),
        (
            "text,label\n ,pos\na good film,\n",
            "got none in row 1; {label} got an empty one in row 2",
            "them",
        ),
    ],
)
def test_empty_cells_of_one_row_are_told_to_fill_it_in(tmp_path, body, said, them) -> None:
    """revmsg35: the empty text of one row was told 'fill them in or remove them' (a row
    empty in both cells is a blank line, skipped)."""
    path = tmp_path / "reviews.csv"
    path.write_text(body)
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    text = f"column 'text' of {str(path)!r} must hold a text with a token in every row"
    label = f"column 'label' of {str(path)!r} must hold a label in every row,"
    assert str(err.value) == (
        f"{text}, {said.format(label=label)} (rows counted from 1 below the header); "
        f"fill {them} in or remove {them}."
    )


PLAN_AT = "in the plan of --future-cols promo, the rows after the target's last value (2021-02-09)"


@pytest.mark.parametrize(
    ("drop", "blank", "said"),
    [
        (
            [41],
            [],
            "lacked 2021-02-11 {at}; --fill ffill inserted it and made up its values, "
            "which the forecast reads: add that row to give the plan.",
        ),
        (
            [41, 42],
            [],
            "lacked 2021-02-11, 2021-02-12 {at}; --fill ffill inserted them and made "
            "up their values, which the forecast reads: add those rows to give the plan.",
        ),
        (
            [],
            [41],
            "left empty promo at 2021-02-11 {at}; --fill ffill made up that value, which "
            "the forecast reads: give it there to give the plan.",
        ),
        (
            [],
            [41, 42],
            "left empty promo at 2021-02-11, 2021-02-12 {at}; --fill ffill made up "
            "those values, which the forecast reads: give them there to give the plan.",
        ),
    ],
)
def test_a_plan_row_or_value_made_up_is_said_as_one(
    tmp_path, capsys, promo_plan, drop, blank, said, undrawn_figures
) -> None:
    """revmsg35: one row the fill inserted into the plan was told 'inserted them and made up
    their values ... add those rows', one value 'made up those values ... give them there'."""
    csv = promo_plan.write(tmp_path / "plan.csv", drop=drop, blank=blank)
    assert promo_plan.forecast(csv, "--fill", "ffill", "--out", str(tmp_path / "run")) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if "in the plan of" in line]
    assert notes == [f"note: {str(csv)!r} {said.format(at=PLAN_AT)}"]


@pytest.mark.parametrize(
    ("drop", "flags", "said"),
    [
        # the first 1 of those rows; the first 1 of them
        (
            [],
            ("1", "1"),
            "has 4 rows {after}the 1 held-out point (--holdout 1) and none of "
            "those rows; pass --holdout 0 to forecast the first of them.",
        ),
        (
            [],
            ("1", "2"),
            "has 4 rows {after}the 1 held-out point (--holdout 1) and the first "
            "of those rows; pass --holdout 0 to forecast the first 2 of them.",
        ),
        (
            [],
            ("1", "3"),
            "has 4 rows {after}the 1 held-out point (--holdout 1) and the first 2 "
            "of those rows; pass --holdout 0 to forecast the first 3 of them.",
        ),
        # a plan of one row: 'none of those rows ... forecast those rows'
        (
            [41, 42, 43],
            ("1", "1"),
            "has 1 row {after}the 1 held-out point (--holdout 1) and "
            "not that row; pass --holdout 0 to forecast it.",
        ),
        # --holdout 0 alone forecast 2 steps, refused: the plan holds 1
        (
            [41, 42, 43],
            ("2", "2"),
            "has 1 row {after}the 2 held-out points (--holdout 2) and "
            "not that row; pass --holdout 0 --horizon 1 to forecast it.",
        ),
        (
            [42, 43],
            ("3", "3"),
            "has 2 rows {after}the 3 held-out points (--holdout 3) and "
            "none of those rows; pass --holdout 0 --horizon 2 to forecast those rows.",
        ),
    ],
)
def test_a_plan_left_unread_is_counted_as_one(
    tmp_path, capsys, promo_plan, drop, flags, said, undrawn_figures
):
    """revmsg35: 'covers ... and the first 1 of those rows', 'pass --holdout 0 to forecast the
    first 1 of them'; and the advice, run, was refused where the plan is shorter than the
    holdout ('holds 1 of them'): it gives the plan's length as --horizon."""
    csv = promo_plan.write(tmp_path / "plan.csv", drop=drop)
    holdout, horizon = flags
    more = ("--holdout", holdout, "--horizon", horizon, "--out", str(tmp_path / "run"))
    assert promo_plan.forecast(csv, *more) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if "held-out" in line]
    after = "after the target's last value (the plan of --future-cols); this run's forecast covers "
    assert notes == [f"note: {str(csv)!r} {said.format(after=after)}"]
    if "--horizon" in said:  # the advice runs
        advice = said.split("pass ")[1].split(" to forecast")[0].split()
        assert promo_plan.forecast(csv, *advice, "--out", str(tmp_path / "advised")) == 0


def test_a_backtest_of_one_origin_is_shown_as_one() -> None:
    """revmsg35: 'BacktestResult: 1 origin (2020-02-08 … 2020-02-08), 2 steps each; the mean
    over the origins:' and '.forecasts: 1 rows'."""
    from lstmkit.backtest import BacktestResult

    day = pd.Timestamp("2020-02-08")
    one = pd.DataFrame({"origin": [day], "timestamp": [day], "forecast": [1.0]})
    foot = "(.forecasts: {}; .metrics: per origin; .summary: this table as a dict; "
    result = BacktestResult(one, pd.DataFrame(), {"model": {"rmse": 1.5}})
    assert repr(result).splitlines()[::3] == [
        "BacktestResult: 1 origin (2020-02-08), 1 step; its metrics:",
        foot.format("1 row") + ".calibration; .plot())",
    ]
    two = pd.concat([one, one.assign(origin=day + pd.Timedelta("1D"))], ignore_index=True)
    result = BacktestResult(two, pd.DataFrame(), {"model": {"rmse": 1.5}})
    assert repr(result).splitlines()[::3] == [
        "BacktestResult: 2 origins (2020-02-08 … 2020-02-09), 1 step each; the mean over the "
        "origins:",
        foot.format("2 rows") + ".calibration; .plot())",
    ]
