"""The always-available baselines of :mod:`lstmkit.baselines`, value by value."""

import numpy as np
import pytest

from lstmkit.baselines import baseline_forecasts, naive, seasonal_naive

Y = np.array([3.0, 8.0, 1.0, 5.0, 9.0, 2.0, 7.0])


def test_naive_repeats_the_last_observation():
    assert naive(Y, horizon=3).tolist() == [7.0, 7.0, 7.0]


def test_seasonal_naive_repeats_the_last_season_past_one_season_ahead():
    # last season (m=3): 9, 2, 7; step h takes y[T + h - 3k] with the smallest k >= 1
    assert seasonal_naive(Y, horizon=7, m=3).tolist() == [9.0, 2.0, 7.0, 9.0, 2.0, 7.0, 9.0]
    assert seasonal_naive(Y, horizon=3, m=2).tolist() == [2.0, 7.0, 2.0]
    assert seasonal_naive(Y, horizon=2, m=1).tolist() == [7.0, 7.0]  # m=1 is the naive
    assert seasonal_naive(Y[:3], horizon=4, m=3).tolist() == [3.0, 8.0, 1.0, 3.0]  # m points


def test_seasonal_naive_refuses_fewer_points_than_a_season():
    with pytest.raises(ValueError) as err:
        seasonal_naive(Y, horizon=2, m=12)
    assert str(err.value) == "seasonal naive needs at least m=12 points, got 7."


def test_baseline_forecasts_use_the_season_given():
    out = baseline_forecasts(Y, horizon=4, m=3, statistical=False)
    assert {k: v.tolist() for k, v in out.items()} == {
        "naive": [7.0, 7.0, 7.0, 7.0],
        "seasonal_naive": [9.0, 2.0, 7.0, 9.0],
    }
