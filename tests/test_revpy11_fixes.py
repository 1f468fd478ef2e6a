"""Defects found reviewing py11 (interval hints, backtest's start advice, covariates' step
names, wide frames' column names), each pinned by the test that found it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = {"horizon": 2, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}
TINY |= {"calendar": False, "progress": False, "interval": None}
DAYS = pd.date_range("2024-01-01", periods=40, freq="D")
MUST = "`interval` must be a number strictly between 0 and 1, e.g. 0.8"
HUNDRED = " (100 % is no interval: its bounds would be infinite; e.g. 0.99)"


@pytest.mark.parametrize(
    ("interval", "got"),
    [
        (np.int64(1), f"1{HUNDRED}"),
        (np.int64(100), f"100{HUNDRED}"),
        (torch.tensor(1), f"tensor(1){HUNDRED}"),
        (np.int64(0), "0 (None for no interval)"),
        (np.array(0), "array(0) (None for no interval)"),
        (torch.tensor(True), "tensor(True) (a coverage, not a switch: e.g. 0.8)"),
        (torch.tensor(False), "tensor(False) (a coverage, not a switch: None for no interval)"),
    ],
    ids=["np.int64(1)", "np.int64(100)", "tensor(1)", "np.int64(0)", "array(0)", "True", "False"],
)
def test_a_numpy_or_torch_scalar_is_told_the_hint_its_number_gets(interval, got) -> None:
    # 1, 100, 0 and True got py11's hints, np.int64(1) (a value read from an array), a
    # tensor(True) or array(0) the range only: only a level inside them was read as a number
    with pytest.raises(ValueError) as caught:
        ForecasterConfig(**TINY | {"interval": interval})
    assert str(caught.value) == f"{MUST}, or None, got {got}."


def test_every_series_column_named_like_a_future_covariate_is_named_at_once() -> None:
    # a wide frame with columns fut:b and fut:c was told of fut:b only; renamed, it was then
    # refused for fut:c (the house style lists every problem at once)
    wide = pd.DataFrame({"a": np.arange(1.0, 41.0), "fut:b": np.arange(40.0) % 3}, DAYS)
    wide["fut:c"] = np.arange(40.0) % 5
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(wide)
    assert str(caught.value) == (
        "`series` must have no column named fut:NAME, the name of a future covariate, got "
        "'fut:b', 'fut:c': columns of `series` beside the target are past covariates. Pass "
        "future covariates as future_covariates= under their own names ('b', 'c'), or rename "
        "the columns."
    )


@pytest.mark.parametrize("argument", ["covariates", "future_covariates"])
def test_covariates_of_the_series_steps_named_otherwise_are_not_told_another_frequency(
    argument,
) -> None:
    # covariates every 720min at 06:00 beside a series of 12h steps at 00:00 were told "its
    # frequency is 720min, the series' 12h", two names of one step as if they differed
    halves = pd.date_range("2020-01-01", periods=30, freq="12h")
    shifted = pd.date_range("2020-01-01 06:00", periods=30, freq="720min")
    covariates = pd.DataFrame({"x": np.arange(30.0)}, shifted)
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(pd.Series(np.arange(30.0), halves), **{argument: covariates})
    assert str(caught.value).endswith(
        " (none of its timestamps is one of the steps, though its frequency is the series', "
        f"12h; stamp them as the series' steps, e.g. {argument}.index = "
        f"{argument}.index.floor('12h'))."
    )


@pytest.mark.parametrize(
    ("index", "at", "advised"),
    [
        (None, "5", ("11", "12")),
        (pd.RangeIndex(100, 120), "5, 105", ("11 (111)", "12 (112)")),
        (DAYS[:20], "5, 2024-01-06", ("11 (2024-01-12)", "12 (2024-01-13)")),
    ],
    ids=["positions", "labels", "dates"],
)
def test_the_start_advised_to_a_series_without_times_is_said_once(index, at, advised) -> None:
    # an array or a series of positions was told "(position 5, 5)" and "start=12 (12)": the
    # position twice where its label is itself
    values = np.arange(1.0, 21.0)
    series = values if index is None else pd.Series(values, index)
    forecaster = Forecaster(**TINY | {"lookback": 8})
    with pytest.raises(ValueError) as caught:
        forecaster.backtest(series, start=5, statistical_baselines=False)
    assert str(caught.value) == (
        f"the first origin (position {at}) leaves 5 points before it: the series is too short: "
        "lookback (8) + horizon (2) + differencing (0) + validation windows (1) need at least 11 "
        f"points, got 5; pass a later `start`: start={advised[0]} is the earliest that runs, 4 "
        f"origins 2 steps apart (the last at position 17); start={advised[1]} runs as many, the "
        "last at position 18, the last whole horizon."
    )


@pytest.mark.parametrize(
    ("interval", "central"),
    [
        ([5, 95], "the quantiles 0.05 and 0.95 bound the central interval 0.9"),
        ([2.5, 97.5], "the quantiles 0.025 and 0.975 bound the central interval 0.95"),
        ((5, 50, 95), "the quantiles 0.05 and 0.95 bound the central interval 0.9"),
    ],
    ids=["[5, 95]", "[2.5, 97.5]", "(5, 50, 95)"],
)
def test_percentiles_under_ten_are_read_as_the_interval_they_bound(interval, central) -> None:
    # py11 read [10, 90] as percentiles bounding 0.8, but the commoner [5, 95] and [2.5, 97.5]
    # (a 90 % and 95 % interval) got the range only: their 5 % is under percent's 10
    with pytest.raises(ValueError) as caught:
        ForecasterConfig(**TINY | {"interval": interval})
    assert str(caught.value) == f"{MUST}, or None, got {interval} (in percent, {central})."


def test_a_backtest_no_start_fits_is_told_the_lookback_that_does_and_it_runs() -> None:
    # "even the last origin leaves too few, with any `start`" said what fails, not what fits
    # (py11's 'left alone'); fit names the longest `lookback` that fits a short series
    series = pd.Series(np.arange(1.0, 21.0), DAYS[:20])
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY | {"lookback": 16}).backtest(series, start=5, statistical_baselines=False)
    assert str(caught.value) == (
        "the first origin (position 5, 2024-01-06) leaves 5 points before it: the series is too "
        "short: lookback (16) + horizon (2) + differencing (0) + validation windows (1) need at "
        "least 19 points, got 5; even the last origin (position 18) leaves too few, with any "
        "`start`; a shorter `lookback` fits it, at most 15."
    )
    result = Forecaster(**TINY | {"lookback": 15}).backtest(
        series, start=18, statistical_baselines=False
    )
    assert [str(o.date()) for o in result.forecasts["origin"].unique()] == ["2024-01-19"]
    with pytest.raises(ValueError, match=r"need at least 19 points, got 18; even the last"):
        Forecaster(**TINY | {"lookback": 16}).backtest(series, start=18)


def test_reordered_columns_with_int_labels_are_told_a_selection_that_runs() -> None:
    # a wide frame with columns 0, 1, 2 given back as [0, 2, 1] was told "pass
    # series[['0', '1', '2']]", the names as read, which is a KeyError on that frame
    wide = pd.DataFrame({0: np.arange(1.0, 41.0), 1: np.arange(41.0, 1.0, -1.0)}, DAYS)
    wide[2] = np.arange(40.0) % 7
    model = Forecaster(**TINY).fit(wide)
    refusal = (
        "`series` and `covariates` must have the training data's columns in its order, ['0', "
        "'1', '2'], got ['0', '2', '1']; the network reads them by position: pass "
    )
    with pytest.raises(ValueError) as caught:
        model.predict(2, series=wide[[0, 2, 1]])
    assert str(caught.value) == refusal + "series[[0, 1, 2]]."
    with pytest.raises(ValueError) as caught:
        model.predict(2, series=wide[0], covariates=wide[[2, 1]])
    assert str(caught.value) == refusal + "covariates[[1, 2]]."
    expected = model.predict(2)
    pd.testing.assert_frame_equal(model.predict(2, series=wide[[0, 2, 1]][[0, 1, 2]]), expected)
    advised = model.predict(2, series=wide[0], covariates=wide[[2, 1]][[1, 2]])
    pd.testing.assert_frame_equal(advised, expected)


@pytest.mark.parametrize("value", ["true", "False", "on"])
def test_a_switch_word_on_the_command_line_is_told_what_a_coverage_is(
    interval_refusal: Callable[[list[str]], str], value
) -> None:
    # interval=True in Python was told "a coverage, not a switch" (py11); `--interval true`
    # got the range only
    assert interval_refusal(["forecast", "airline", "--interval", value]) == (
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 "
        f"for none, got {value!r} (a coverage, not a switch: e.g. 0.8, or 0 for none).\n"
    )
