"""Defects the review of py10 found (interval hints, the fill, a wide frame's log), each pinned
by the test that found it."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster

TINY = {"horizon": 2, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}
TINY |= {"calendar": False, "progress": False}
DAYS = pd.date_range("2024-01-01", periods=40, freq="D")


def test_fill_guessed_as_an_argument_of_backtest_is_told_where_it_is() -> None:
    # backtest's gap refusal names the fill as fit's and predict's do, but backtest(fill=...)
    # got Python's bare "unexpected keyword argument 'fill'" (py10 told fit and predict only)
    with pytest.raises(TypeError) as caught:
        Forecaster(**TINY).backtest(pd.Series(np.arange(40.0), DAYS), fill="ffill")
    assert str(caught.value) == (
        "Forecaster.backtest() takes no argument `fill`: `fill` is an argument of "
        "lstmkit.data.to_frame and read_csv, whose result backtest takes: "
        "backtest(to_frame(series, fill='interpolate'))."
    )


def test_a_wide_frames_log_says_one_other_column_in_the_singular(caplog) -> None:
    # a frame of a target and one other column was told "its other columns, 'b', are
    # covariates (past inputs), not more targets"
    frame = pd.DataFrame({"a": np.arange(1.0, 41.0), "b": np.arange(40.0) % 7}, DAYS)
    with caplog.at_level(logging.INFO, logger="lstmkit"):
        Forecaster(**TINY).fit(frame)
    said = [r.getMessage() for r in caplog.records if "the first column" in r.getMessage()]
    assert said == [
        "fit: the target is 'a', the first column of `series`; its other column, 'b', is a "
        "covariate (a past input), not a second target: one Forecaster per target"
    ]
