import math

import numpy as np
import pandas as pd
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
    with pytest.raises(ValueError, match=r"must have the same shape .*, got \(2,\) and \(3,\)\."):
        rmse([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="more than m=12 points, got 5"):
        mase([1.0], [1.0], np.ones(5), m=12)


def test_mase_is_nan_where_the_seasonal_naive_is_exact_but_for_rounding():
    # 100 + 10 sin(2 pi k / 24) repeats each day up to an ulp (mean seasonal error 6.1e-15):
    # a forecast off by 0.01 scored 1.6e12
    train = 100 + 10 * np.sin(2 * np.pi * np.arange(96) / 24)
    assert 0 < np.mean(np.abs(train[24:] - train[:-24])) < 1e-14
    assert math.isnan(mase([1.0], [1.01], train, m=24))
    assert math.isnan(mase([1.0], [1.01], np.full(30, 7.0), m=12))
    # a small seasonal change that is no rounding keeps its scale: 1e-7 around a million
    tiny = 1e6 + 1e-7 * (np.arange(30) // 12)
    assert mase([1.0], [1.01], tiny, m=12) == pytest.approx(0.01 / 1e-7, rel=1e-3)


def test_evaluate_keys():
    out = evaluate(Y, P, np.arange(1.0, 20.0), m=1)
    assert list(out) == ["rmse", "mae", "mape", "smape", "mase"]
    assert out["mase"] == pytest.approx(12.5)


@pytest.mark.parametrize("metric", [rmse, mae, mape, smape])
@pytest.mark.parametrize("where", ["y_true", "y_pred"])
def test_nan_in_either_input_makes_every_metric_nan(metric, where):
    t, p = np.array([1.0, 2.0]), np.array([1.5, 2.0])
    (t if where == "y_true" else p)[0] = np.nan
    assert math.isnan(metric(t, p))
    assert math.isnan(mase(t, p, [1.0, 2.0, 4.0]))


def test_smape_nan_propagates_but_zero_over_zero_counts_zero():
    assert math.isnan(smape([np.nan, np.nan], [1.0, 2.0]))
    assert math.isnan(smape([1.0, 2.0], [np.nan, np.nan]))
    assert math.isnan(smape([0.0, np.nan], [0.0, 1.0]))  # a 0/0 term does not hide the NaN
    assert smape([0.0, 1.0], [0.0, 3.0]) == pytest.approx(100 * (0 + 1.0) / 2)
    assert math.isnan(mase([1.0, 2.0], [1.0, 2.0], [1.0, np.nan, 3.0]))
    out = evaluate([1.0, np.nan], [1.0, 2.0], [1.0, 2.0, 4.0])
    assert all(math.isnan(v) for v in out.values())


def test_mase_takes_integral_floats_and_numpy_ints_as_m():
    train = [1.0, 2.0, 4.0, 7.0, 11.0]  # |lag-2 diffs| mean 5
    for m in (2.0, np.int64(2), np.float64(2.0)):
        assert mase([10.0, 20.0], [12.0, 17.0], train, m=m) == pytest.approx(0.5)
    assert evaluate([10.0, 20.0], [12.0, 17.0], train, m=2.0)["mase"] == pytest.approx(0.5)
    for bad in (2.5, 0, -1, math.nan, np.float64(1.5)):
        with pytest.raises(ValueError, match=rf"`m` must be an integer >= 1 .*, got {bad!s}\."):
            mase([1.0], [1.0], train, m=bad)
    # lib22: text is told the number it reads as
    for bad, shown in (("2", r"'2' \(a number, not text: 2\)"), (True, "True"), (None, "None")):
        with pytest.raises(TypeError, match=rf"`m` must be an integer \(.*\), got {shown}\."):
            mase([1.0], [1.0], train, m=bad)


def test_shapes_must_match_except_a_single_column():
    with pytest.raises(ValueError, match=r"same shape .*, got \(2, 3\) and \(6,\)\."):
        rmse(np.ones((2, 3)), np.ones(6))
    with pytest.raises(ValueError, match=r"same shape .*, got \(3, 2\) and \(2, 3\)\."):
        mae(np.ones((3, 2)), np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"same shape .*, got \(1, 3\) and \(3,\)\."):
        rmse(np.ones((1, 3)), np.ones(3))  # a row is not a column
    # A column [n, 1] (a one-column DataFrame, say) is a series of n points.
    assert rmse(Y[:, None], P) == rmse(Y, P[:, None]) == pytest.approx(rmse(Y, P))
    # Equal shapes keep their meaning: every point counts.
    assert mae(np.zeros((2, 3)), np.arange(6.0).reshape(2, 3)) == pytest.approx(2.5)


def test_pandas_inputs_with_different_indexes_are_refused():
    t = pd.Series([1.0, 2.0, 3.0], index=[0, 1, 2])
    p = pd.Series([2.0, 3.0, 4.0], index=[1, 2, 3])
    with pytest.raises(
        ValueError,
        match=r"`y_true` and `y_pred` must have the same index \(points are matched by position\)"
        r", got indexes that differ at position 0: 0 and 1; they share 2 of their 3 labels",
    ):
        rmse(t, p)
    months = pd.date_range("2020-01-01", periods=3, freq="MS")
    with pytest.raises(ValueError, match=r"position 2: Timestamp\('2020-03-01 00:00:00'\) and "):
        evaluate(t.set_axis(months), p.set_axis(months[:2].append(months[:1])), [1.0, 2.0])
    # Aligned, or one side an array (matched by position on purpose), they are scored.
    assert rmse(t.iloc[1:], p.iloc[:2]) == 0.0  # labels 1 and 2 on both sides
    assert math.isnan(rmse(t, p.reindex(t.index)))  # label 0 has no forecast
    assert rmse(t, p.to_numpy()) == pytest.approx(1.0)
    assert rmse(t.to_frame("y"), p.set_axis(t.index)) == pytest.approx(1.0)


def test_shapes_that_differ_name_the_forecast_column_or_the_selection_of_the_common_points():
    # a Darts user scores the whole series against a forecast (Darts intersects the spans), or
    # passes predict's frame: both got "must have the same shape ..., got (24,) and (6,)" only
    months = pd.date_range("2020-01-01", periods=24, freq="MS")
    y = pd.Series(np.arange(24.0), index=months)
    pred = pd.DataFrame(
        {"forecast": np.arange(6.0) + 18.5, "lower": 0.0, "upper": 30.0}, index=months[-6:]
    )
    with pytest.raises(ValueError) as err:
        rmse(y, pred["forecast"])
    assert str(err.value) == (
        "`y_true` and `y_pred` must have the same shape (a column [n, 1] counts as [n]), got "
        "(24,) and (6,); the 6 points of `y_pred` are all in `y_true`'s index: score them "
        "there, y_true.loc[y_pred.index] (nothing is aligned for you)."
    )
    assert rmse(y.loc[pred.index], pred["forecast"]) == pytest.approx(0.5)  # the advice runs
    with pytest.raises(
        ValueError,
        match=r"\(3,\) and \(6,\); the 3 points of `y_true` .*"
        r"there, y_pred\.loc\[y_true\.index\] \(nothing",
    ):
        mae(y[-6:-3], pred["forecast"])  # the first half of the horizon
    assert mae(y[-6:-3], pred["forecast"].loc[y[-6:-3].index]) == pytest.approx(0.5)
    with pytest.raises(ValueError) as err:
        evaluate(y[-6:], pred, y[:-6], m=12)
    assert str(err.value) == (
        "`y_true` and `y_pred` must have the same shape (a column [n, 1] counts as [n]), got "
        "(6,) and (6, 3); `y_pred` is a DataFrame of columns ['forecast', 'lower', 'upper']: "
        "pass its forecast, y_pred['forecast']."
    )
    # py37: the forecast first, mape(pred, y), was told to pass y_true['forecast'] where it
    # stood, which divides by the forecast: the truth goes first
    with pytest.raises(ValueError) as err:
        mape(pred, y[-6:])
    assert str(err.value) == (
        "`y_true` and `y_pred` must have the same shape (a column [n, 1] counts as [n]), got "
        "(6, 3) and (6,); `y_true` is a forecast, a DataFrame of columns ['forecast', 'lower', "
        "'upper']: the truth comes first (MAPE and MASE divide by it), so pass (y_pred, "
        "y_true['forecast'])."
    )
    assert mape(y[-6:], pred["forecast"]) != mape(pred["forecast"], y[-6:])
    # arrays, or indexes with no common points, keep the plain message
    with pytest.raises(ValueError, match=r"got \(24,\) and \(6,\)\.$"):
        rmse(y, pred["forecast"].to_numpy())
    with pytest.raises(ValueError, match=r"got \(3,\) and \(6,\)\.$"):
        rmse(y[:3], pred["forecast"])


def test_rmse_of_errors_past_1e154_is_finite_and_complex_inputs_are_refused():
    # the squares overflowed: rmse was inf, with a RuntimeWarning
    assert rmse(np.array([1e200, 2e200]), np.zeros(2)) == pytest.approx(math.sqrt(2.5) * 1e200)
    assert rmse([1.0, 2.0], [0.0, 0.0]) == math.sqrt(2.5)  # the plain sum, as before
    # below 1e-162 the squares vanished: a tiny series' forecast that is off scored RMSE 0
    # (backtest's summary of airline * 2**-1000 read 0.0)
    assert rmse(np.array([1e-200, 2e-200]), np.zeros(2)) == 1.5811388300841897e-200
    errors = np.array([1.0, -2.0, 3.5])
    for k in (-1000, -500, 500, 1000, 1021):  # in units of a power of two: exact
        assert rmse(errors * 2.0**k, np.zeros(3)) / 2.0**k == rmse(errors, np.zeros(3))
    # numpy dropped the imaginary part (ComplexWarning), so 1+1j against 1 scored 0
    for args in (([1 + 1j], [1.0]), ([1.0], np.array([1 + 0j]))):
        with pytest.raises(TypeError, match=r"^`y_(true|pred)` must hold real numbers"):
            rmse(*args)


def test_mase_of_series_side_by_side_scales_each_by_its_own_seasonal_naive():
    # y_train [n, k] was raveled row by row, so the differences at lag m mixed the series:
    # [1, 10, 2, 20, 3, 30] scaled both by 15.8, a MASE of 0.063 for 0.55
    train = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
    t, p = np.ones((2, 2)), np.zeros((2, 2))
    assert mase(t, p, train) == pytest.approx((1.0 / 1.0 + 1.0 / 10.0) / 2)
    assert mase(t, p, pd.DataFrame(train)) == pytest.approx(0.55)
    # a series the seasonal naive forecasts exactly makes the mean undefined, not the other's
    assert math.isnan(mase(t, p, np.array([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0]])))
    assert math.isnan(mase(t, p, np.array([[1.0, 7.0], [np.nan, 8.0], [3.0, 9.0]])))
    # one column is one series, as for y_true
    assert mase([3.0], [4.0], pd.DataFrame({"y": [1.0, 2.0, 3.0]})) == pytest.approx(1.0)


def test_mase_refuses_a_training_frame_with_its_covariates_for_one_series():
    # evaluate(test, forecast, train) with train the frame of the target and a covariate
    # interleaved the two: a MASE scaled by the covariate's jumps, silently
    train = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "x": [100.0, 0.0, 100.0, 0.0]})
    with pytest.raises(ValueError) as err:
        evaluate(pd.Series([5.0, 6.0]), pd.Series([5.5, 6.5]), train)
    assert str(err.value) == (
        "`y_train` of shape (4, 2) holds 2 series side by side, so `y_true` and `y_pred` must "
        "have 2 columns, one per series, got shape (2,); for one series, pass its column alone "
        "(the target's, not the covariates')."
    )
    assert evaluate([5.0, 6.0], [5.5, 6.5], train["y"])["mase"] == pytest.approx(0.5)
    with pytest.raises(ValueError) as err:
        mase([1.0], [1.0], np.ones((3, 2, 2)))
    assert str(err.value) == (
        "`y_train` must be one series [n] or series side by side [n, k], got shape (3, 2, 2)."
    )


def test_mape_divides_by_the_size_of_a_negative_truth():
    # |e| / |y|: a forecast of -1 for a truth of -2 is 50 % off, not -50 %
    assert mape([-2.0, 4.0], [-1.0, 5.0]) == pytest.approx(100 * (0.5 + 0.25) / 2)
    assert mape([2.0, 4.0], [0.0, 4.0]) == 50.0  # a zero forecast is defined: 100 % off


def test_mase_scale_is_the_mean_not_the_median_of_the_naive_errors():
    train = np.array([0.0, 1.0, 3.0, 7.0])  # |lag-1 diffs| 1, 2, 4: mean 7/3 (median 2)
    assert mase([10.0], [17.0], train) == pytest.approx(7.0 / (7.0 / 3.0))
    # the mean of the errors, not their median: (1 + 1 + 7) / 3 over 7/3
    assert mase([1.0, 1.0, 1.0], [0.0, 2.0, 8.0], train) == pytest.approx(3.0 / (7.0 / 3.0))


def test_mase_needs_more_than_m_training_points():
    # m points have no seasonal difference at all (a mean of nothing)
    with pytest.raises(ValueError) as err:
        mase([1.0], [2.0], [1.0, 2.0, 3.0], m=3)
    assert str(err.value) == "`y_train` must have more than m=3 points, got 3."
    assert mase([1.0], [2.0], [1.0, 2.0, 3.0, 5.0], m=3) == pytest.approx(1.0 / 4.0)


def test_mase_scale_of_exactly_four_ulps_of_the_largest_value_is_exact():
    # the bound is inclusive: 1 - 2**-50 beside 1 differ by 4 eps of the series' largest value
    train = [1.0, 1.0 - 4 * np.finfo(float).eps]
    assert np.mean(np.abs(np.diff(train))) == 4 * np.finfo(float).eps * 1.0
    assert math.isnan(mase([1.0], [1.0], train))
    assert mase([1.0], [1.0], [1.0, 1.0 - 8 * np.finfo(float).eps]) == 0.0  # 8 eps: a scale


def test_evaluate_gives_each_metric_its_own_value():
    out = evaluate([-2.0, 4.0], [-1.0, 5.0], [0.0, 2.0, 0.0, 2.0], m=2)
    assert out["mape"] == pytest.approx(100 * (0.5 + 0.25) / 2)
    assert out["smape"] == pytest.approx(100 * (2 / 3 + 2 / 9) / 2)
    assert math.isnan(out["mase"])  # m=2 is exact on [0, 2, 0, 2]; m=1 would scale by 2
    assert evaluate([-2.0, 4.0], [-1.0, 5.0], [0.0, 2.0, 0.0, 2.0])["mase"] == 0.5


def test_mase_of_series_side_by_side_keeps_each_series_errors():
    # rows are time steps: series 0 is off by 1 and 3, series 1 by 10 and 30 (row-major)
    train = np.array([[0.0, 0.0], [1.0, 10.0], [2.0, 20.0]])  # scales 1 and 10
    t = np.array([[1.0, 10.0], [3.0, 30.0]])
    assert mase(t, np.zeros((2, 2)), train) == pytest.approx((2.0 / 1.0 + 20.0 / 10.0) / 2)
    p = np.array([[0.0, 0.0], [0.0, 30.0]])  # series 0 off by 1 and 3, series 1 by 10 and 0
    assert mase(t, p, train) == pytest.approx((2.0 / 1.0 + 5.0 / 10.0) / 2)


def test_mase_of_series_side_by_side_refuses_another_number_of_columns():
    train = np.ones((3, 2)) * [[1.0], [2.0], [3.0]]
    with pytest.raises(ValueError) as err:
        mase(np.ones((2, 3)), np.zeros((2, 3)), train)
    assert str(err.value) == (
        "`y_train` of shape (3, 2) holds 2 series side by side, so `y_true` and `y_pred` must "
        "have 2 columns, one per series, got shape (2, 3); for one series, pass its column "
        "alone (the target's, not the covariates')."
    )


def test_indexes_that_differ_by_a_missing_label_name_its_position():
    t = pd.Series([1.0, 2.0, 3.0], index=[0.0, 1.0, np.nan])
    p = pd.Series([1.0, 2.0, 3.0], index=[0.0, 1.0, 2.0])
    with pytest.raises(
        ValueError, match=r"differ at position 2: nan and 2\.0; they share 2 of their 3 labels,"
    ):
        rmse(t, p)
    # two missing labels at the same place match
    assert rmse(t, p.set_axis([0.0, 1.0, np.nan])) == 0.0
