"""Defects a second reading of revfc2's and revread2's fixes found, each pinned by the test
that found it."""

from __future__ import annotations

import calendar
import logging
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

# the smallest run that reads, fits and forecasts a series
TINY = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
TINY += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--no-refit"]
TINY += ["--horizon", "2", "--json", "--interval", "0"]
SMALL = {"horizon": 2, "lookback": 4, "ensemble": 1, "epochs": 1, "hidden_size": 2}


def _business_days() -> tuple[Forecaster, pd.Series]:
    """A model of 28 business days (a PeriodIndex of "B") and the 30 days of its series."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # the user's own index warns too
        days = pd.period_range("2020-01-01", periods=30, freq="B")
        y = pd.Series(10.0 + np.arange(30) % 5, index=days, name="y")
        config = ForecasterConfig(**SMALL, refit=False, interval=None, progress=False)
        return Forecaster(config).fit(y.iloc[:28]), y


def _made_periods(caught: list[warnings.WarningMessage]) -> list[str]:
    """The warnings of pandas that a Period of business days was made."""
    return [str(w.message) for w in caught if "Period with BDay freq" in str(w.message)]


def test_a_backtest_refusal_names_business_days_without_making_periods_of_them() -> None:
    # backtest's messages made a Period[B] of each time they named: pandas' FutureWarning
    # "Period with BDay freq is deprecated" came from lstmkit/backtest.py with the refusal
    # (and, under -W error, in place of it), as data's and explain's labels did before revfc2
    model, y = _business_days()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError) as err:
            model.backtest(y, start=29, horizon=2, retrain=False, statistical_baselines=False)
    assert str(err.value) == (
        "`start` must be a position in 1..28 (or -29..-2 from the end), or one of the series' "
        "times from 2020-01-02 to 2020-02-10 (the first step it forecasts), leaving a whole "
        "horizon (2) of the 30 points after it, got 29."
    )
    assert _made_periods(caught) == []


def test_the_backtest_log_names_a_business_day_origin_as_its_date(caplog) -> None:
    # the -v log's origin was a Period[B], made with pandas' FutureWarning
    model, y = _business_days()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with caplog.at_level(logging.INFO, logger="lstmkit.backtest"):
            model.backtest(y, start=28, horizon=2, retrain=False, statistical_baselines=False)
    (line,) = caplog.messages
    assert re.fullmatch(
        re.escape("backtest origin 2020-02-10 (28 points before it): RMSE ") + r".*", line
    )
    assert _made_periods(caught) == []


def test_years_and_weeks_written_two_ways_are_not_called_numbers(tmp_path) -> None:
    # revread2's serial advice for a column of mixed shapes took the week advice too: "has
    # numbers for dates, such as '2021-W01' (row 2), '2021 W03' (row 4)", of no numbers (and
    # before it, "mixes date formats ...; pass date_format", which no format reads)
    path = tmp_path / "weeks.csv"
    path.write_text("week,y\n2021-W01,1\n2021-W02,2\n2021 W03,3\n2021-W04,4\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "week", "y")
    assert str(err.value) == (
        f"column 'week' of {str(tmp_path / 'weeks.csv')!r} mixes date formats: it starts like "
        "'2021-W01', but 1 value is written otherwise, such as '2021 W03' (row 4); they look "
        "like years and week numbers ('2021-W01' for week 1 of 2021?), which no date format "
        "reads: write ISO weeks as 2021-W01 (each read as its week's Monday), or write the date "
        "each week starts."
    )


def test_a_warning_each_series_quotes_its_own_date_of_is_said_once(tmp_path, capsys) -> None:
    # revfc2 kept apart warnings that differ in what they quote, so that two constant future
    # covariates of one series stay two; but the two-digit years' warning quotes each series'
    # own first date ('Jan-49', 'Mar-49'): stores that opened at different times got it once
    # per series again, 50 times for 50 series
    rows = [
        f"{store},{month}-{year},{20 + k % 5}"
        for store, first in (("a", 0), ("b", 2), ("c", 4))
        for k, (month, year) in enumerate(
            (calendar.month_abbr[1 + (first + j) % 12], 49 + (first + j) // 12) for j in range(16)
        )
    ]
    path = tmp_path / "months.csv"
    path.write_text("store,month,sales\n" + "\n".join(rows) + "\n", encoding="utf-8")
    argv = ["forecast", "--csv", str(path), "--date-col", "month", "--value-col", "sales"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--series-col", "store", *TINY]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: column 'month' of {str(tmp_path / 'months.csv')!r} writes its years with two "
        "digits, and 16 of its dates would lie in the future, from 'Jan-49' (row 2) on: they are "
        "read a century earlier, 'Jan-49' as 1949-01-01. Write four-digit years to read them "
        "otherwise. (Warned of 3 of the 3 series of --series-col store, this of store=a; shown "
        "once.)"
    ]
