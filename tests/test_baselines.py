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


@pytest.mark.parametrize(
    ("y", "horizon", "message"),
    [
        ([], 3, "`y` must be a series [T] of at least one point, got shape (0,)."),  # IndexError
        (Y, -1, "`horizon` must be a positive integer, got -1."),  # numpy's negative dimensions
        (Y, 0, "`horizon` must be a positive integer, got 0."),
        (
            Y,
            2.0,
            "`horizon` must be a positive integer, got 2.0 (a whole number as a float: pass "
            "int(x)).",
        ),
        (
            np.c_[Y, Y],
            -2,  # True, a wrong type, is a TypeError (test_revlib23_fixes)
            "`y` must be a series [T] of at least one point, got shape (7, 2); `horizon` must "
            "be a positive integer, got -2.",
        ),
    ],
)
def test_naive_and_seasonal_naive_refuse_a_bad_series_or_horizon(y, horizon, message):
    with pytest.raises(ValueError) as err:
        naive(y, horizon)
    assert str(err.value) == message
    with pytest.raises(ValueError) as err:
        seasonal_naive(y, horizon, 3)
    assert str(err.value) == message


def test_seasonal_naive_reads_m_as_mase_does():
    # m=0 or -4 gave the naive forecast silently; 12.0 (which mase takes) failed in slicing
    assert seasonal_naive(Y, horizon=3, m=np.int64(3)).tolist() == [9.0, 2.0, 7.0]
    assert seasonal_naive(Y, horizon=3, m=3.0).tolist() == [9.0, 2.0, 7.0]
    for m in (0, -4, 2.5):
        with pytest.raises(ValueError) as err:
            seasonal_naive(Y, horizon=3, m=m)
        assert str(err.value) == f"`m` must be an integer >= 1 (the seasonal period), got {m!r}."
    with pytest.raises(TypeError) as err:
        seasonal_naive(Y, horizon=3, m=None)
    assert str(err.value) == "`m` must be an integer (the seasonal period), got None."


def test_baseline_forecasts_use_the_season_given():
    out = baseline_forecasts(Y, horizon=4, m=3, statistical=False)
    assert {k: v.tolist() for k, v in out.items()} == {
        "naive": [7.0, 7.0, 7.0, 7.0],
        "seasonal_naive": [9.0, 2.0, 7.0, 9.0],
    }
