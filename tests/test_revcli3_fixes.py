"""Forecasting with user data: defects found reviewing the cli3 branch, each pinned by the test
that found it."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import CLIError, far_outside_of_source


def test_an_error_after_a_warning_the_filters_escalate_is_the_one_raised() -> None:
    # under -W error (this suite's filter), the warning re-emitted before the error was raised
    # in its place: a UserWarning's traceback, the refusal lost as its context
    refusal = CLIError("--method='lrp' does not explain this model.")
    with pytest.raises(CLIError) as err:
        with far_outside_of_source("--csv new.csv"):
            warnings.warn("`series` lies far outside the training series as ...", stacklevel=1)
            raise refusal
    assert err.value is refusal
    with pytest.raises(UserWarning, match=r"^--csv new\.csv lies far outside"):
        with far_outside_of_source("--csv new.csv"):  # without an error: raised, as before
            warnings.warn("`series` lies far outside the training series as ...", stacklevel=1)


@pytest.fixture(scope="module")
def sundays_with_plan():
    """A tiny Forecaster of weekly data on Sundays with a future covariate, and its weeks."""
    from lstmkit.forecast import Forecaster, ForecasterConfig

    sundays = pd.date_range("2020-01-05", periods=42, freq="W-SUN")
    y = pd.Series(np.arange(40.0) % 5, index=sundays[:40], name="y")
    plan = pd.DataFrame({"price": np.arange(42.0)}, index=sundays)
    config = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
    )
    return Forecaster(config).fit(y, future_covariates=plan), plan


def test_weekly_future_covariates_at_noon_of_the_steps_days_are_told_to_normalize(
    sundays_with_plan,
) -> None:
    # the two-way weekly hint took Sundays at noon for another weekday: "where a Sunday starts
    # its week, ... - pd.Timedelta(days=0)", or a week earlier, neither of which is a step
    fc, plan = sundays_with_plan
    noon = plan.set_axis(plan.index + pd.Timedelta(hours=12))
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=noon)
    assert str(err.value) == (
        "`future_covariates` must cover the 2 forecast steps, 2 steps from 2020-10-11 to "
        "2020-10-18, got values from 2020-01-05 12:00:00 to 2020-10-18 12:00:00: 2 of those "
        "steps are missing, the first 2020-10-11 (none of its timestamps is one of the steps, "
        "though its frequency is the series', W-SUN; stamp them as the series' steps, e.g. "
        "future_covariates.index = future_covariates.index.normalize())."
    )


def test_weekly_future_covariates_on_monday_noons_are_told_code_that_gives_steps(
    sundays_with_plan,
) -> None:
    # the two-way hint's whole days kept the time of day: Sunday noons, no step either
    import re

    fc, plan = sundays_with_plan
    given = plan.set_axis(plan.index + pd.Timedelta(days=1, hours=12))
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=given)
    codes = re.findall(
        r"future_covariates\.index = (future_covariates\.index[^ ]+)\)", str(err.value)
    )
    assert codes == [
        ".to_period('W-SUN').to_timestamp(how='end').normalize()".join(
            ["future_covariates.index", ""]
        )
    ]
    future_covariates = given.copy()
    future_covariates.index = eval(codes[0], {"future_covariates": future_covariates})
    assert fc.predict(future_covariates=future_covariates)["forecast"].notna().all()


def test_business_day_periods_beside_weekly_steps_are_refused_without_a_future_warning(
    sundays_with_plan,
) -> None:
    # the hint's restamping of the user's periods of business days made them again, and
    # pandas' FutureWarning (PeriodDtype[B]) came in place of the refusal under -W error
    fc, _ = sundays_with_plan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # the user's own index warns
        days = pd.period_range("2020-01-06", periods=300, freq="B")
    given = pd.DataFrame({"price": np.arange(300.0)}, index=days)
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=given)
    assert str(err.value) == (
        "`future_covariates` must cover the 2 forecast steps, 2 steps from 2020-10-11 to "
        "2020-10-18, got values from 2020-01-06 to 2021-02-26: 2 of those steps are missing, "
        "the first 2020-10-11 (none of its timestamps is one of the steps: its frequency is B, "
        "the series' W-SUN; stamp them as the series' steps)."
    )


_BOOL_TARGET = (
    "`series` must hold numbers to forecast in its target column 'flag', got booleans "
    "(True/False, read as 1 and 0): forecast a number, such as how often it is True per week "
    "(target.astype(float).resample('W').mean()); a flag known in advance (a holiday) is a "
    "covariate (covariates= or future_covariates=), read as 1 and 0."
)


def test_a_target_of_booleans_as_objects_is_refused_by_name() -> None:
    # True/False as Python objects (a bool column made object by a concat, .astype(object))
    # were forecast as 0 and 1
    from lstmkit.forecast import Forecaster, ForecasterConfig

    days = pd.date_range("2020-01-01", periods=40, freq="D")
    flags = pd.Series(list(np.arange(40) % 3 == 0), days, name="flag", dtype=object)
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(flags)
    assert str(err.value) == _BOOL_TARGET


@pytest.mark.parametrize("dtype", [int, float, "uint8", "Int64", "Float64", object, "str"], ids=str)
def test_a_target_of_zeros_and_ones_is_forecast(dtype) -> None:
    from lstmkit.forecast import Forecaster, ForecasterConfig

    days = pd.date_range("2020-01-01", periods=40, freq="D")
    y = pd.Series(np.arange(40) % 2, days, name="y").astype(dtype)
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
    if dtype == "str":  # '0' and '1' are text, refused as the metrics refuse it (left31)
        with pytest.raises(ValueError) as err:
            Forecaster(config).fit(y)
        assert str(err.value) == (
            "`series` must hold numbers, got text (first '0'); convert it first: "
            "pd.to_numeric(series)."
        )
        y = pd.to_numeric(y)
    assert len(Forecaster(config).fit(y).predict()) == 2


def test_a_backtest_of_business_day_periods_scores_its_origins_without_a_future_warning():
    # pandas 2.2 made the origins' PeriodDtype[B] again where the metrics were laid out on a
    # grid of origins and methods (MultiIndex.from_product): its FutureWarning failed the
    # backtest under -W error with the lowest supported pandas
    from lstmkit.forecast import Forecaster, ForecasterConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # the user's own index warns
        days = pd.period_range("2020-01-01", periods=44, freq="B")
        y = pd.Series(10 + np.arange(44.0) % 5, index=days, name="y")
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2)
    bt = Forecaster(config).fit(y[:36]).backtest(y, start=36, horizon=2, retrain=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # the user's reading of them warns
        assert bt.metrics["origin"].drop_duplicates().tolist() == list(days[36:43:2])


def test_forecasts_from_origins_leave_grad_on_between_them() -> None:
    # a backtest's forecasts (retrain=False) came from a generator that yielded inside
    # torch.no_grad(): the caller's code ran without grad, and an error mid-way left it off
    # while its traceback lived (the next fit: "`loss_fn` must return a tensor computed from
    # the model's parameters, got one that does not require grad")
    import torch

    from lstmkit.forecast import Forecaster, ForecasterConfig

    days = pd.date_range("2020-01-01", periods=60, freq="D")
    y = pd.Series(10 + np.arange(60.0) % 5, index=days, name="y")
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2)
    fc = Forecaster(config).fit(y[:40])
    forecasts = fc._origin_forecasts_t(fc._prepare(y, None, None), [40, 42], 2)
    next(forecasts)
    assert torch.is_grad_enabled()
    forecasts.close()
