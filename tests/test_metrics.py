import math

import numpy as np
import pytest

from lstmkit.metrics import evaluate, mae, mape, mase, rmse, smape

Y = np.array([100.0, 200.0, 300.0, 400.0])
P = np.array([110.0, 190.0, 330.0, 400.0])


def test_closed_forms():
    # errors: -10, 10, -30, 0
    assert rmse(Y, P) == pytest.approx(math.sqrt((100 + 100 + 900) / 4))
    assert mae(Y, P) == pytest.approx(50 / 4)
    assert mape(Y, P) == pytest.approx(100 * (0.1 + 0.05 + 0.1 + 0) / 4)
    assert smape(Y, P) == pytest.approx(100 * (20 / 210 + 20 / 390 + 60 / 630 + 0) / 4)


def test_mase_scales_by_in_sample_seasonal_naive():
    train = np.array([1.0, 2.0, 4.0, 7.0, 11.0])  # |lag-2 diffs| = 3, 5, 7 -> mean 5
    assert mase([10.0, 20.0], [12.0, 17.0], train, m=2) == pytest.approx(2.5 / 5)
    # m=1: mean |diff| = (1 + 2 + 3 + 4) / 4 = 2.5
    assert mase([10.0], [12.0], train, m=1) == pytest.approx(2.0 / 2.5)


def test_mase_of_seasonal_naive_on_periodic_trend_is_one():
    t = np.arange(48, dtype=float)
    y = t + 10 * np.sin(2 * np.pi * t / 12)
    train, test = y[:36], y[36:]
    pred = train[-12:]
    assert mase(test, pred, train, m=12) == pytest.approx(1.0)


def test_edge_cases():
    assert math.isnan(mape([0.0, 1.0], [1.0, 1.0]))
    assert smape([0.0], [0.0]) == 0.0
    assert smape([1.0], [-1.0]) == pytest.approx(200.0)
    with pytest.raises(ValueError, match="same number of points, got 2 and 3"):
        rmse([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="more than m=12 points, got 5"):
        mase([1.0], [1.0], np.ones(5), m=12)


def test_evaluate_keys():
    out = evaluate(Y, P, np.arange(1.0, 20.0), m=1)
    assert list(out) == ["rmse", "mae", "mape", "smape", "mase"]
    assert out["mase"] == pytest.approx(12.5)
