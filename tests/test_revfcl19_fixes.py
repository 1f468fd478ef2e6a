"""revfcl19: review of fcl19 (a plan's gap told per step, unread rows' gaps accepted): periods
named as periods in every refusal of their timestamps, a fill that fills a gap of periods, and
no row per step asked of a plan stamped otherwise than the steps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import lstmkit.data as D
from lstmkit import Forecaster

FILL = (
    "pass fill='ffill', 'bfill', 'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv "
    "(CLI: --fill), whose result Forecaster.fit, predict and backtest take, to insert the missing "
    "timestamps and fill their values."
)
QUICK = {"ensemble": 1, "epochs": 2, "lookback": 6, "season_length": 1, "hidden_size": 4}


@pytest.mark.parametrize(
    ("freq", "before", "missing", "twice", "after"),
    [
        ("M", "2015-06", "2015-05", "2015-03", "2015-02 after 2015-03"),
        ("Q", "2016Q2", "2016Q1", "2015Q3", "2015Q2 after 2015Q3"),
        ("Y", "2020", "2019", "2017", "2016 after 2017"),
    ],
)
def test_a_period_index_is_refused_naming_its_periods(freq, before, missing, twice, after):
    # a gap, a repeat or a row out of order of a PeriodIndex was named by the date its period
    # starts ("missing 2015-05-01"), beside notes that name the periods ("add a row for 2015-05")
    periods = pd.period_range("2015-01", periods=8, freq=freq)
    y = pd.Series(np.arange(8.0), periods, name="y")
    usual = {"M": "1 month", "Q": "1 quarter", "Y": "1 year"}[freq]
    for given, said in (
        (
            y.drop(periods[4]),
            "timestamps in `series` must be regularly spaced (no gaps), got irregular steps "
            f"before {before} (usual step: {usual}); missing {missing}; {FILL}",
        ),
        (
            pd.concat([y[:3], y[2:]]),
            f"timestamps must be unique, got duplicates in `series`: {twice}.",
        ),
        (
            y.iloc[[0, 2, 1, *range(3, 8)]],
            f"timestamps in `series` must be sorted in increasing order, got {after} "
            "(position 2); sort them first: series.sort_index().",
        ),
    ):
        with pytest.raises(ValueError) as error:
            D.to_frame(given)
        assert str(error.value) == said


@pytest.mark.parametrize("freq", ["M", "Q", "W", "D"])
def test_a_fill_fills_a_gap_of_periods(freq):
    # fill= was advised for a gap of a PeriodIndex, then inserted nothing and said the same gap
    periods = pd.period_range("2015-01", periods=8, freq=freq)
    y = pd.Series(np.arange(8.0), periods, name="y")
    frame = D.to_frame(y.drop(periods[4]), fill="ffill")
    assert frame["y"].tolist() == [0.0, 1.0, 2.0, 3.0, 3.0, 5.0, 6.0, 7.0]
    assert frame.index.equals(periods.to_timestamp())  # values; pandas 2.2 names QS-JAN QS-OCT
    assert (frame.attrs["inserted"], frame.attrs["period"]) == (1, periods.freqstr)
    assert frame.attrs["filled"] == {"y": [4]}


def test_a_plan_stamped_otherwise_than_the_steps_is_asked_no_row_per_step():
    # month-end steps, a plan of monthly periods with a gap in rows no step reads: told to
    # "add a row for 2019-01-31, 2019-02-28, 2019-03-31", which the periods already held
    months = pd.period_range("2015-01", periods=52, freq="M")
    ends = pd.date_range("2015-01-31", periods=52, freq="ME")
    promo = (np.arange(52) % 3 == 0).astype(float)
    sales = pd.Series(100 + 10 * np.sin(np.arange(48) / 2) + 5 * promo[:48], ends[:48])
    fc = Forecaster(horizon=4, calendar=False, interval=None, **QUICK)
    fc.fit(sales.rename("sales"), future_covariates=pd.Series(promo[:48], ends[:48], name="p"))
    plan = pd.Series(promo, months, name="p")
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=plan.drop(months[5]))
    assert str(error.value) == (
        "timestamps in `future_covariates` must be regularly spaced (no gaps), got irregular "
        f"steps before 2015-07 (usual step: 1 month); missing 2015-06; {FILL}"
    )
    with pytest.raises(ValueError) as error:  # without the gap: what to do about the stamps
        fc.predict(future_covariates=plan)
    assert str(error.value).endswith(
        "(none of its timestamps is one of the steps: its frequency is M, the series' ME; stamp "
        "them as the series' steps, e.g. future_covariates.index = "
        "future_covariates.index.to_timestamp(how='end').normalize())."
    )


def test_a_gap_in_unread_rows_leaves_where_a_plan_ends_as_it_was(promo_plan):
    # fcl19 read a plan with a gap in its past without its rows after the last step: a column
    # blank at the last steps with values after them was told "where its values end"
    fc, promo = promo_plan.fitted()
    days = promo.index
    plan = pd.concat([promo, pd.Series([1.0, 0.0], pd.date_range("2021-02-14", periods=2))])
    plan[days[42:44]] = np.nan
    said = (
        "`future_covariates` must hold a value at every step of the 4 forecast steps, got NaN in "
        "column 'promo' at 2021-02-12 and 1 more; fill them (lstmkit.data.to_frame(..., "
        "fill='ffill')) or give the values."
    )
    for given in (plan, plan.drop(days[5])):
        with pytest.raises(ValueError) as error:
            fc.predict(future_covariates=given.rename("promo"))
        assert str(error.value) == said
    # text in a row no step reads hides no inf of a step
    text = promo.astype(object)
    text[days[3]], text[days[41]] = "x", np.inf
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=text.drop(days[5]))
    assert str(error.value) == (
        "`future_covariates` must be finite at every step of the 4 forecast steps, got inf in "
        "column 'promo' at 2021-02-11."
    )
