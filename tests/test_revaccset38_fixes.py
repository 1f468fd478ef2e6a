"""revaccset38: a review of acc38's and setup38's walks (benchmarks/forecast_accuracy.py, README
"Forecasting → Accuracy" and "Set up")."""

from __future__ import annotations

from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def test_forecast_accuracy_growth_window_finds_where_a_range_ends(bench_script):
    """The growth grid ran from -10 % to +30 %, and a range that reached +30 % said "or more":
    the README's example, seasonal naive's pattern on airline's last 24 months against
    AutoTheta (58.7), read "+5.3 % to +30.0 % or more", where it beats AutoTheta up to +31.8 %
    only. The grid runs from -50 % to +100 %, which that range and the bundled series' others
    end inside; an end at the grid's still says "or less"/"or more"."""
    from lstmkit.baselines import seasonal_naive
    from lstmkit.data import load_dataset

    bench = bench_script("forecast_accuracy")
    assert (bench.GROWTH_GRID[0], bench.GROWTH_GRID[-1], len(bench.GROWTH_GRID)) == (
        -0.5,
        1.0,
        1501,
    )
    y = load_dataset("airline").to_numpy(dtype=float).ravel()
    truth = y[-24:]
    seasonal = seasonal_naive(y[:-24], 24, 12)
    # a stand-in for AutoTheta: a forecast whose RMSE is AutoTheta's, 58.7
    forecasts = {("airline", 24): {"seasonal_naive": seasonal, "AutoTheta": truth + 58.7}}
    forecasts["airline", 24]["lstmkit Forecaster"] = seasonal
    row = bench.growth_window(forecasts, ["airline"], [24])[1]
    assert (row["method"], row["target"]) == ("seasonal_naive", "AutoTheta 58.7")
    assert (row["window"], row["open"]) == ((0.053, 0.318), (False, False))
    assert bench.window_words(row) == "+5.3% … +31.8%"
    # +31.9 % loses to AutoTheta: the range ends there, not at the old grid's +30 %
    rmse = float(np.sqrt(np.mean((seasonal * 1.319 - truth) ** 2)))
    assert 58.7 * 1.001 < rmse < 59.0
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    assert "(g from −50 % to +100 % by 0.1 %:" in readme
    assert "seasonal naive's pattern beats AutoTheta from +5.3 % to +31.8 % only" in readme
    # a target that every g on the grid beats: both ends are the grid's
    forecasts = {("airline", 24): {"lstmkit Forecaster": seasonal, "AutoTheta": 3 * truth}}
    row = bench.growth_window(forecasts, ["airline"], [24])[0]
    assert (row["window"], row["open"]) == ((-0.5, 1.0), (True, True))
    assert bench.window_words(row) == "-50.0% or less … +100.0% or more"
