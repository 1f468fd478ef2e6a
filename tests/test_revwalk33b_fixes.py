"""revwalk33b: review of walk33b (fit(X, y) order refused, time zones of newer histories)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import forecast as F
from lstmkit.forecast import Forecaster

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 6, "hidden_size": 4, "seed": 0}


def test_a_frame_of_target_and_covariate_takes_one_more_named_covariate(
    target_temp_price: pd.DataFrame,
):
    # fit(df[["y", "temp"]], covariates=df["price"]), the docstring's "covariates adds more",
    # was refused as scikit-learn's fit(X, y); named, it is meant, and fits as the frame would
    df = target_temp_price
    fc = Forecaster(horizon=3, interval=None, **QUICK)
    assert "of y (covariates temp, price)" in repr(
        fc.fit(df[["y", "temp"]], covariates=df["price"])
    )
    arrays = fc.fit(df[["y", "temp"]].to_numpy(), covariates=df["price"].to_numpy())
    assert "of value (covariates x1, x0)" in repr(arrays)


def test_fit_x_y_by_position_is_refused_with_a_way_out_that_works_unnamed(
    target_temp_price: pd.DataFrame,
):
    # the way out for X's first column was fit(X.join(y)), which fails for an unnamed y
    # ("Other Series must have a name"); the named call works for every y
    df = target_temp_price
    X, y = df[["temp", "price"]], df["y"].rename(None)
    fc = Forecaster(horizon=3, interval=None, **QUICK)
    with pytest.raises(ValueError) as err:
        fc.fit(X, y)
    assert str(err.value) == (
        "`series` is the target (a frame's first column) and `covariates` past inputs beside "
        "it, got a `series` of 2 columns ['temp', 'price'] and 1-D `covariates` by position: "
        "scikit-learn's fit(X, y) order, which would forecast 'temp' from 'price' and "
        "`covariates`. Pass the target first, fit(y, covariates=X); or, to forecast X's first "
        "column from its others and y, name y: fit(X, covariates=y)."
    )
    assert "fitted on 40 points of temp (covariates price" in repr(fc.fit(X, covariates=y))


def test_a_newer_history_in_the_trained_zone_is_not_converted_to_compare_clocks(monkeypatch):
    # every predict(series=...) converted the whole index to compare clock times, twice: 50 ms
    # of a 200,000-point hourly predict's 300 ms, for the zone the model was fitted in
    hours = pd.date_range("2021-03-01", periods=24 * 40, freq="h", tz="Europe/Berlin")
    y = pd.Series(50 + 10 * np.sin(np.arange(len(hours)) * 2 * np.pi / 24), hours, name="y")
    fc = Forecaster(horizon=2, interval=None, **QUICK).fit(y[:480])
    assert len(fc.predict(series=y)) == 2  # daylight saving begins inside it

    def converted(*args, **kwargs):
        raise AssertionError("tz_convert called")

    monkeypatch.setattr(pd.DatetimeIndex, "tz_convert", converted)
    assert F._zone_problem(hours, "Europe/Berlin") is None


@pytest.mark.parametrize(
    ("horizon", "shown", "count"),
    [
        ([12], "[12]", 1),
        ((3,), "(3,)", 1),
        (np.array([2, 12]), "an array of shape (2,)", 2),
    ],
)
def test_a_horizon_of_steps_is_told_the_last_step_beside_their_count(horizon, shown, count):
    # sktime's fh=[12], step 12, was told "predict(len(y_test)) (1 here)" alone: one step
    months = pd.date_range("2020-01-01", periods=40, freq="MS")
    y = pd.Series(100 + np.random.default_rng(1).normal(0, 1, 40).cumsum(), months, name="y")
    fc = Forecaster(horizon=3, interval=None, **QUICK).fit(y)
    last = int(np.max(horizon))
    with pytest.raises(TypeError) as err:
        fc.predict(horizon)
    assert str(err.value) == (
        f"`horizon` must be a positive integer, got {shown}: the number of steps to forecast "
        f"after the series' end, not the test data or its times, predict(len(y_test)) "
        f"({count} here), nor a list of steps (sktime's fh), predict({last}) for steps 1 to "
        f"{last}; to forecast from a newer history, pass it as `series`, "
        "predict(h, series=newer)."
    )
    # the test part's counts, unsorted, and steps 1 to n are told the count alone
    for given in ([432, 390, 450], [1, 2, 3]):
        with pytest.raises(TypeError, match=r"\(3 here\); to forecast"):
            fc.predict(given)


def test_a_zone_without_a_name_is_still_compared_by_its_clock():
    # the trained zone is recognised by its name as written: a tzinfo without one (its
    # lstmkit name falls back to UTC) five hours ahead is no UTC history
    import datetime as dt

    class Plus5(dt.tzinfo):
        def utcoffset(self, when):
            return dt.timedelta(hours=5)

        def dst(self, when):
            return dt.timedelta(0)

        def tzname(self, when):
            return None

    hours = pd.date_range("2021-01-01", periods=3, freq="h", tz=Plus5())
    assert F._zone_name(hours.tz) == "UTC"
    assert F._zone_problem(hours, "UTC").startswith(
        "`series` must have timestamps in UTC like the training data's, got timestamps in "
    )
