"""Forecasting leftovers: future_index went on by 1 after integers stepping by 2 (49, 50 where
predict gave 50, 52) and failed on an empty DatetimeIndex (a bare IndexError) or gave
positions after an empty PeriodIndex; Tokyo's business days in UTC with a Saturday worked were
said to fall on "Sundays to Thursdays" (its UTC stamp is a Friday), and "(..., a Saturday and
1 more)" read as one more Saturday; a container's memory reader returned cgroup v1's "no
limit" (9223372036854771712) as a limit; ``lstmkit demo`` read the machine's memory alone."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}


# ---- 1. future_index after integers stepping by 2 ---------------------------------------------


@pytest.mark.parametrize(
    "index",
    [pd.Index(np.arange(0, 50, 2)), pd.Index(np.arange(0.0, 50.0, 2.0))],
    ids=["integers", "whole-floats"],
)
def test_future_index_goes_on_by_the_step_predict_goes_on_by(index):
    # RangeIndex(start=49, stop=51, step=1), where predict gave 50 and 52
    series = pd.Series(np.sin(np.arange(25) / 3) * 10 + 50, index=index)
    steps = D.future_index(index, 2)
    assert repr(steps) == "RangeIndex(start=50, stop=54, step=2)"
    assert steps.equals(Forecaster(horizon=2, **QUICK).fit(series).predict(2).index)


def test_future_index_after_one_label_or_uneven_integers_goes_on_by_one():
    assert repr(D.future_index(pd.Index([7]), 2)) == "RangeIndex(start=8, stop=10, step=1)"
    uneven = pd.Index([0, 1, 5])  # fit refuses it; its next labels stay by 1
    assert repr(D.future_index(uneven, 2)) == "RangeIndex(start=6, stop=8, step=1)"
    down = pd.RangeIndex(10, 0, -2)  # a RangeIndex keeps its own step, as before
    assert repr(D.future_index(down, 2)) == "RangeIndex(start=0, stop=-4, step=-2)"


# ---- 2. future_index after an empty index of dates ---------------------------------------------


@pytest.mark.parametrize(
    "index",
    [pd.DatetimeIndex([]), pd.DatetimeIndex([], tz="UTC"), pd.PeriodIndex([], freq="M")],
    ids=["datetime", "datetime-tz", "period"],
)
def test_future_index_refuses_an_empty_index_of_dates(index):
    # DatetimeIndex: "index -1 is out of bounds for axis 0 with size 0"; PeriodIndex:
    # RangeIndex(start=0, stop=2, step=1), positions where periods were meant
    kind = type(index).__name__
    with pytest.raises(ValueError) as err:
        D.future_index(index, 2)
    assert str(err.value) == (
        f"`index` must hold at least one label to go on from, got an empty {kind}."
    )
    with pytest.raises(ValueError) as err:  # both problems at once
        D.future_index(index, -1)
    assert str(err.value) == (
        "`horizon` must be a positive integer, got -1; `index` must hold at least one label "
        f"to go on from, got an empty {kind}."
    )
    with pytest.raises(TypeError) as err:  # a wrong type alone, as a TypeError
        D.future_index(index, None)
    assert str(err.value) == "`horizon` must be a positive integer, got None."
    assert repr(D.future_index(pd.Index([], dtype=int), 2)) == (
        "RangeIndex(start=0, stop=2, step=1)"  # positions from 0, as before
    )


# ---- 3. Tokyo's business days in UTC with weekend days worked ---------------------------------


def _tokyo(*worked: str) -> pd.Series:
    days = pd.date_range("2021-01-04", periods=60, freq="B", tz="Asia/Tokyo")
    days = days.append(pd.DatetimeIndex([pd.Timestamp(d, tz="Asia/Tokyo") for d in worked]))
    days = days.sort_values().tz_convert("UTC")
    return pd.Series(np.arange(len(days)) + 10.0, index=pd.DatetimeIndex(days, freq=None))


REFUSAL = (
    "timestamps in `series` must be regularly spaced (no gaps), got business days of a time "
    "zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, {utc} "
    "(2021-01-03 15:00:00+00:00 first, for 2021-01-04), whose steps are irregular there and "
    "no filled day mends. Read them on their zone's clock, where they are 'B' steps but for "
    "{off}: series.index = series.index.tz_convert('+09:00') (or the zone's name)."
)


def test_tokyo_business_days_with_weekend_days_worked_name_their_days_in_utc_truly():
    # "Sundays to Thursdays" where a worked Saturday's stamp is a Friday in UTC, a Sunday's a
    # Saturday; "(...; 2021-02-13, a Saturday and 1 more)" read as one more Saturday
    saturdays = [f"2021-{d}" for d in ("01-16", "01-23", "01-30", "02-06", "02-13", "02-20")]
    with pytest.raises(ValueError) as err:
        D.to_frame(_tokyo(*saturdays))
    assert str(err.value) == REFUSAL.format(
        utc="Sundays to Thursdays and 6 Fridays",
        off="6 weekend days among them (2021-01-16, a Saturday; 2021-01-23, a Saturday; "
        "2021-01-30, a Saturday; 2021-02-06, a Saturday; 2021-02-13, a Saturday; and 1 more "
        "weekend day)",
    )
    with pytest.raises(ValueError) as err:
        D.to_frame(_tokyo("2021-01-16", "2021-01-24"))
    assert str(err.value) == REFUSAL.format(
        utc="Sundays to Thursdays, 1 Friday and 1 Saturday",
        off="2 weekend days among them (2021-01-16, a Saturday; 2021-01-24, a Sunday)",
    )
