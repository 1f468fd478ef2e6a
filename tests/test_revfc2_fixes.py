"""Defects a review of --series-col's warnings, explain's and predict's time labels, and the
-v log found, each pinned by the test that found it."""

from __future__ import annotations

import json
import logging
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig

# the smallest run that reads, fits and forecasts a series
TINY = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
TINY += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--no-refit"]
TINY += ["--horizon", "2", "--json", "--interval", "0"]
SMALL = {"horizon": 2, "lookback": 4, "ensemble": 1, "epochs": 1, "hidden_size": 2}


def test_warnings_of_one_series_that_differ_in_a_quoted_name_are_each_shown(
    tmp_path, capsys
) -> None:
    # the warnings of the series were grouped by their text with every number as '#', so
    # "the future covariate 'p2' is constant (1)" was "'p1' is constant (0)" and went unsaid
    rows = [
        f"{s},2021-01-{k + 1:02d},{20 + k % 5 if k < 16 else ''},0,1" for s in "ab" for k in range(18)
    ]
    path = tmp_path / "plan.csv"
    path.write_text("store,day,sales,p1,p2\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--future-cols", "p1", "p2", "--series-col", "store", *TINY]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: the future covariate {name!r} is constant ({value}) over the training part "
        "(12 points; refit=False leaves out the validation part): the networks cannot learn "
        "what it does, so its values at the forecast steps change the forecast through "
        "untrained weights (direct: not at all). Fit on a span where it varies, or leave it "
        "out. (Warned of 2 of the 2 series of --series-col store; shown once.)"
        for name, value in (("p1", 0), ("p2", 1))
    ]
