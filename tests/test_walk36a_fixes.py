"""walk36a: the README's Accuracy section walked on an AVX-512 machine (benchmarks/
forecast_accuracy.py)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np

import lstmkit.backtest as B


def test_backtest_seconds_per_seed_leave_out_the_statistical_baselines(bench_script, monkeypatch):
    """The first seed's backtest also fits AutoARIMA/AutoETS/AutoTheta at every origin; its
    time was in the model's seconds per seed (a third of it in each seed's), where the holdout
    table times the model alone. Here the model takes 0.01 s and the first seed's baselines
    0.6 s: the time per seed was at least 0.2 s."""
    bench = bench_script("forecast_accuracy")
    monkeypatch.setattr(bench, "load_dataset", lambda name: np.arange(48.0))
    called = []

    def slow_baselines(y, horizon, m, statistical=True):
        called.append(statistical)
        if statistical:
            time.sleep(0.6)
        return {}

    monkeypatch.setattr(B, "baseline_forecasts", slow_baselines)

    class Model:
        def __init__(self, cfg):
            self.cfg = cfg

        def backtest(self, y, *, statistical_baselines, **kwargs):
            time.sleep(0.01)
            B.baseline_forecasts(y, 12, 12, statistical=statistical_baselines)  # as it does
            summary = {"model": {"rmse": 1.0, "mape": 2.0, "mase": 0.5, "coverage": 0.75}}
            if statistical_baselines:
                summary["AutoARIMA"] = {"rmse": 3.0, "mape": 4.0, "mase": 1.5}
            nominal = [0.5, 0.8, 0.9]
            cal = {"nominal": nominal, "coverage": [0.5, 0.75, 0.875]}
            return SimpleNamespace(summary=summary, calibration=cal)

    monkeypatch.setattr(bench, "Forecaster", Model)
    rows = bench.backtest_table(["airline"], (0, 100, 200))
    assert called == [True, False, False]
    assert B.baseline_forecasts is slow_baselines  # put back after the table
    assert [r["method"] for r in rows] == ["lstmkit Forecaster", "AutoARIMA"]
    assert rows[0]["rmse"] == [1.0, 1.0, 1.0] and rows[1]["rmse"] == [3.0]
    assert rows[0]["coverage"] == [0.75, 0.75, 0.75]
    assert 0.01 <= rows[0]["seconds"] < 0.1
    assert rows[1]["seconds"] is None
