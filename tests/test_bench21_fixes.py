"""bench21: benchmarks/forecast_accuracy.py's tutorial part said predict's warning of a test
month far outside the training series once per forecast (36 UserWarnings); it now counts them
and says them in one line under its table, passing any other warning on."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest


class _Warning:
    """Stands in for Forecaster: warns as predict does where the history's last point is past
    400 passengers (the test years), and once of something else; forecasts the last point."""

    def __init__(self, config) -> None:
        self.config = config

    def fit(self, y):
        return self

    def predict(self, horizon, series):
        last = float(series.iloc[-1])
        if last > 400:
            warnings.warn(
                f"`series` lies far outside the training series as the network reads it: "
                f"its last 1 points ... span {last:.3g}",
                UserWarning,
                stacklevel=2,
            )
        if len(series) == 100:
            warnings.warn("something else", UserWarning, stacklevel=2)
        return pd.DataFrame({"forecast": [last]})


def test_tutorial_counts_the_far_outside_warnings_and_says_them_once(bench_script, monkeypatch):
    fa = bench_script("forecast_accuracy")
    monkeypatch.setattr(fa, "Forecaster", _Warning)
    monkeypatch.setattr(
        fa, "TUTORIAL_VARIANTS", {"min-max scaler (fit on train only), no differencing": {}}
    )
    with pytest.warns(UserWarning) as record:
        tut = fa.tutorial((0, 100))
    # only the other warning comes through, once per seed
    assert [str(w.message) for w in record] == ["something else", "something else"]
    y = fa.load_dataset("airline").to_numpy()
    far = int((y[95:-1] > 400).sum())  # the histories y[:t] of t = 96 … 143 that end past 400
    assert far == 25
    r = tut["min-max scaler (fit on train only), no differencing"]
    assert r["far_outside"] == [25, 25]
    assert r["forecasts"] == [48, 48]
    assert fa.far_outside_note(tut) == (
        "predict warned that `series` lies far outside the training series in 50 of the 96 "
        "one-step forecasts with no differencing (the test years lie above the training range, "
        "as the scaler is fitted on the training part only): expected here, so said once."
    )


def test_far_outside_note_names_each_variant_that_warned_and_none_without_warnings(bench_script):
    fa = bench_script("forecast_accuracy")
    tut = {
        "min-max scaler (fit on train only), no differencing": {
            "far_outside": [13, 0, 26],
            "forecasts": [48, 48, 48],
        },
        "min-max scaler + first differences": {"far_outside": [0, 0, 0], "forecasts": [48] * 3},
        "min-max scaler + first differences + month sin/cos": {
            "far_outside": [1, 0, 0],
            "forecasts": [48] * 3,
        },
    }
    assert fa.far_outside_note(tut) == (
        "predict warned that `series` lies far outside the training series in 39 of the 144 "
        "one-step forecasts with no differencing; 1 of the 144 one-step forecasts with min-max "
        "scaler + first differences + month sin/cos (the test years lie above the training "
        "range, as the scaler is fitted on the training part only): expected here, so said once."
    )
    for r in tut.values():
        r["far_outside"] = [0, 0, 0]
    assert fa.far_outside_note(tut) is None
