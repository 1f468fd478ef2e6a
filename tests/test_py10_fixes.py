"""Defects a user coming from Darts, NeuralForecast or Keras met in the Python API (py10), each
pinned by the test that found it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster

TINY = {"horizon": 2, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}
TINY |= {"calendar": False, "progress": False}
DAYS = pd.date_range("2024-01-01", periods=40, freq="D")


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    return Forecaster(**TINY).fit(pd.Series(np.arange(1.0, 41.0), DAYS))


@pytest.mark.parametrize(
    ("interval", "hint"),
    [
        ([90], " (one level, not a list, and a fraction: 0.9 for 90 %)"),
        ([0.9], " (one level, not a list: 0.9)"),
        (90, " (a fraction: 0.9 for 90 %)"),
        ((0.9, 0.1), " (the quantiles 0.1 and 0.9 bound the central interval 0.8)"),
        ("90%", " (a number, not text: 0.9 for 90 %)"),
        ("0.9", " (a number, not text: 0.9)"),
        ([0.05, 0.95, 0.5], " (the quantiles 0.05 and 0.95 bound the central interval 0.9)"),
        ([80, 95], " (fractions, one level per call: 0.8 for 80 %, 0.95 for 95 %)"),
    ],
    ids=["[90]", "[0.9]", "90", "reversed", "'90%'", "'0.9'", "unsorted", "[80, 95]"],
)
def test_an_interval_in_another_librarys_form_is_told_the_number_to_pass(
    fitted, interval, hint
) -> None:
    # [90], "90%", [0.9] got no hint; the reversed (0.9, 0.1) and the unsorted
    # [0.05, 0.95, 0.5] were told "one level per call", though they bound one central interval
    with pytest.raises(ValueError) as caught:
        fitted.predict(2, interval=interval)
    assert str(caught.value) == (
        f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, got {interval!r}{hint}."
    )

