"""Defects a user coming from Darts, NeuralForecast or Keras met in the Python API (py10), each
pinned by the test that found it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import to_frame
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


FILL = (
    "pass fill='ffill', 'bfill', 'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv "
    "(CLI: --fill), whose result Forecaster.fit and predict take"
)


def test_a_gap_refused_by_fit_names_the_python_fill_as_a_nan_does() -> None:
    # a gap was told "pass `fill` to read_csv or to_frame": neither the module nor the methods,
    # nor that fit takes the result, as a NaN's refusal said them
    series = pd.Series(np.arange(1.0, 41.0), DAYS)
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(series.drop(DAYS[10]))
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        f"2024-01-12 (usual step: 1 day); missing 2024-01-11; {FILL}, to insert the missing "
        "timestamps and fill their values."
    )
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(series.where(series != 11.0))
    assert str(caught.value) == (
        "values must not be missing (NaN), got NaN in column 'value' at 2024-01-11. Fill them "
        f"first: {FILL}."
    )
    filled = to_frame(series.drop(DAYS[10]), fill="interpolate")
    assert filled.attrs["inserted"] == 1
    assert filled.loc["2024-01-11"].iloc[0] == 11.0
