"""left33a: forecasting/data leftovers.

(a) A future covariate lagged by fewer steps than the horizon was told to lag it by the
horizon (``series.shift(100)``) where the lagged series, ``n - horizon`` points, is too short
to fit; (b) ``predict(interval=np.float32(0.9))`` and ``ForecasterConfig(lr=np.float32(...))``
were refused ("give a Python number"); (c) a scaler's ``feature`` and the windows'
``target_col`` given as a whole float lacked the counts' "pass int(x)" hint; (d) the scalers'
``fit(X, y)`` (a scikit-learn Pipeline's) failed in Python's own TypeError; (e) the README's
``--clip=-1%`` read as a flag of every command, ``lstmkit forecast`` too; (f)
``lstmkit.trace(fc)`` on a Forecaster was refused only as its block was entered.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit
from lstmkit import Forecaster, ForecasterConfig
from lstmkit._checks import value_repr
from lstmkit.cli import build_parser
from lstmkit.data import MinMaxScaler, StandardScaler, make_windows

ROOT = Path(__file__).resolve().parents[1]
TINY = {"ensemble": 1, "epochs": 1, "progress": False}

# ---- (a) the lag of the horizon advised only where the lagged series fits ------------------

_LEAD = (
    "`future_covariates` must be known in advance, not the series' future, got 'airline', the "
    "series 1 step behind: cov[t] == series[t-1] at all 143 points t >= 1, so its values at "
    "forecast steps 2 to {h} (horizon {h}) are the series' own after the forecast's origin. A "
    "forecast would need those values, which no one has when it is made. Pass 'airline' as a "
    "past covariate (`covariates`, --covariate-cols), read up to the origin"
)


@pytest.fixture(scope="module")
def airline() -> pd.Series:
    return lstmkit.load_dataset("airline")


def test_a_lag_of_the_horizon_too_long_to_fit_is_not_advised(airline) -> None:
    # shift(100) of 144 points leaves 44, and horizon 100 needs at least 113: it was advised
    fc = Forecaster(ForecasterConfig(horizon=100, **TINY))
    with pytest.raises(ValueError) as err:
        fc.fit(airline, future_covariates=airline.shift(1).bfill())
    assert str(err.value) == _LEAD.format(h=100) + "."
    assert fc.length_problem(144 - 100, 12) is not None


def test_a_lag_of_the_horizon_that_fits_is_still_advised(airline) -> None:
    fc = Forecaster(ForecasterConfig(horizon=60, **TINY))
    with pytest.raises(ValueError) as err:
        fc.fit(airline, future_covariates=airline.shift(1).bfill())
    assert str(err.value) == (
        _LEAD.format(h=60) + ", or lag it by at least the horizon, 60 steps (series.shift(60))."
    )
    assert fc.length_problem(144 - 60, 12) is None


@pytest.mark.parametrize(("horizon", "advised"), [(40, True), (50, False)])
def test_a_refitting_backtest_advises_the_lag_only_where_its_last_origin_fits(
    airline, horizon, advised
) -> None:
    # shift(50) leaves 94 points, whose last origin (44 points) is too short for horizon 50
    fc = Forecaster(ForecasterConfig(horizon=horizon, **TINY))
    with pytest.raises(ValueError) as err:
        fc.backtest(airline, future_covariates=airline.shift(1).bfill(), retrain=True)
    lag = f", or lag it by at least the horizon, {horizon} steps (series.shift({horizon}))"
    assert str(err.value) == _LEAD.format(h=horizon) + lag * advised + "."


# ---- (b) numpy real scalars where a Python float is taken -----------------------------------


def test_forecaster_config_takes_numpy_floats_as_the_python_floats_they_hold() -> None:
    cfg = ForecasterConfig(
        interval=np.float32(0.5),
        lr=np.float32(0.01),
        weight_decay=np.float16(0.25),
        dropout=np.float64(0.0),
        horizon=np.int64(12),
    )
    got = [(cfg.interval, cfg.lr, cfg.weight_decay, cfg.dropout, cfg.horizon)]
    # a float32 as the number numpy writes for it: 0.01, not its widening 0.009999999776482582
    assert got == [(0.5, 0.01, 0.25, 0.0, 12)]
    assert [type(v) for v in got[0]] == [float, float, float, float, int]
    assert cfg == ForecasterConfig(interval=0.5, lr=0.01, weight_decay=0.25, horizon=12)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        # refused for their value, as the Python floats are
        (
            {"interval": np.float32(1.5)},
            "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got 1.5.",
        ),
        ({"lr": np.float32(-1)}, "`lr` must be a positive finite number, got -1.0."),
        # a count as a whole float is still told the counts' hint
        (
            {"horizon": np.float64(12.0)},
            "`horizon` must be a positive integer or None, got np.float64(12.0) (a whole "
            "number as a float: pass int(x)).",
        ),
    ],
)
def test_numpy_numbers_a_python_one_would_not_pass_are_still_refused(given, message) -> None:
    with pytest.raises(ValueError) as err:
        ForecasterConfig(**given)
    assert str(err.value) == message


@pytest.mark.skipif(
    np.finfo(np.longdouble).eps == np.finfo(float).eps, reason="np.longdouble is float64 here"
)
def test_a_long_double_no_float_holds_is_told_not_recursed() -> None:
    # np.longdouble's .item() is itself: the level's hint recursed until RecursionError
    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=np.longdouble("0.1"))
    assert str(err.value) == (
        "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got 0.1 "
        "(give a Python number: float(x))."
    )


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    days = pd.date_range("2024-01-01", periods=40, freq="D")
    config = ForecasterConfig(horizon=2, lookback=4, season_length=1, calendar=False, **TINY)
    return Forecaster(config).fit(pd.Series(np.arange(1.0, 41.0), days))


def test_predict_takes_a_numpy_float_interval(fitted) -> None:
    got = fitted.predict(interval=np.float32(0.5))
    pd.testing.assert_frame_equal(got, fitted.predict(interval=0.5), check_exact=True)
    assert not got.equals(fitted.predict(interval=0.2))
    # a whole float horizon is still told
    with pytest.raises(ValueError) as err:
        fitted.predict(np.float64(2.0))
    assert str(err.value) == (
        "`horizon` must be a positive integer, got np.float64(2.0) (a whole number as a float: "
        "pass int(x))."
    )


def test_backtest_takes_numpy_float_levels() -> None:
    days = pd.date_range("2024-01-01", periods=40, freq="D")
    series = pd.Series(np.arange(1.0, 41.0) % 7, days)
    config = ForecasterConfig(horizon=2, lookback=4, season_length=1, calendar=False, **TINY)
    fc = Forecaster(config).fit(series)
    newer = pd.Series(np.arange(1.0, 61.0) % 7, pd.date_range("2024-01-01", periods=60))
    float32 = np.array([0.2, 0.5], dtype=np.float32)
    given = fc.backtest(newer, levels=float32, retrain=False, start=44).calibration
    python = fc.backtest(newer, levels=(0.2, 0.5), retrain=False, start=44).calibration
    pd.testing.assert_frame_equal(given, python, check_exact=True)
    assert given["nominal"].tolist() == [0.2, 0.5, 0.8]


# ---- (c) a position given as a whole float ---------------------------------------------------


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
@pytest.mark.parametrize(
    ("feature", "hint"),
    [
        (1.0, " (a whole number as a float: pass int(x))"),
        (np.float32(-1.0), " (a whole number as a float: pass int(x))"),
        (1.5, ""),
        (3.0, ""),  # out of range as an int too
    ],
)
def test_a_scalers_feature_as_a_whole_float_is_told_int(scaler, feature, hint) -> None:
    fitted = scaler().fit(np.arange(30.0).reshape(10, 3))
    with pytest.raises(ValueError) as err:
        fitted.inverse_transform(np.zeros((2, 1)), feature=feature)
    shown = value_repr(feature)  # np.float32(-1.0) on numpy 1 and 2 alike
    assert str(err.value) == (
        f"`feature` must be one of the 3 features {scaler.__name__} was fitted on (0 to 2), "
        f"got {shown}{hint}."
    )


@pytest.mark.parametrize(
    ("target_col", "hint"), [(1.0, " (a whole number as a float: pass int(x))"), (3.0, "")]
)
def test_a_windows_target_col_as_a_whole_float_is_told_int(target_col, hint) -> None:
    with pytest.raises(ValueError) as err:
        make_windows(np.arange(30.0).reshape(10, 3), 2, 1, target_col=target_col)
    assert str(err.value) == (
        f"`target_col` must be a column's position in `values` (0 to 2), got {target_col!r}{hint}."
    )


# ---- (d) the scalers take scikit-learn's y, and ignore it ------------------------------------


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
def test_the_scalers_fit_takes_and_ignores_y(scaler) -> None:
    x = np.array([[1.0, 10.0], [2.0, 30.0], [4.0, 20.0]])
    alone = scaler().fit_transform(x)
    np.testing.assert_array_equal(scaler().fit(x, np.array([0, 1, 0])).transform(x), alone)
    np.testing.assert_array_equal(scaler().fit(x, y=None).transform(x), alone)
    np.testing.assert_array_equal(scaler().fit_transform(x, [5.0, 6.0, 7.0]), alone)
    np.testing.assert_array_equal(scaler().fit_transform(x, y=None), alone)


# ---- (e) the README's flag written with = is shown with a command that has it ---------------


def test_the_readmes_flags_written_with_equals_belong_to_their_commands() -> None:
    """`--clip=-1%` was shown beside `lstmkit forecast`'s flags, which have no --clip."""
    prose = re.sub(r"```.*?```", "", (ROOT / "README.md").read_text("utf-8"), flags=re.S)
    checked, wrong = [], []
    for command in re.findall(r"`(lstmkit [^`]+)`", prose):
        words = shlex.split(" ".join(command.split()))
        given = [w.split("=")[0] for w in words if re.match(r"--[a-z][\w-]*=", w)]
        if not given:
            continue
        named = [w for w in words[1:] if not w.startswith("-")][:2]  # the command, as typed
        parser = build_parser(named[:1])
        commands = parser._subparsers._group_actions[0].choices
        if named[0] not in commands:  # a line the README shows refused (`forcast`)
            continue
        actions = commands[named[0]]
        if named[0] == "text":
            actions = actions._subparsers._group_actions[0].choices[named[1]]
        options = {o for action in actions._actions for o in action.option_strings}
        options |= {o for action in parser._actions for o in action.option_strings}
        checked.append(" ".join(words))
        wrong += [(" ".join(words), flag) for flag in given if flag not in options]
    assert wrong == []
    assert "lstmkit text train sst2 --out m --clip=-1%" in checked
    assert "lstmkit forecast airline --lr=-1%" in checked


# ---- (f) trace refuses a Forecaster at the call ----------------------------------------------


def test_trace_refuses_a_forecaster_at_the_call() -> None:
    fc = Forecaster(ForecasterConfig(horizon=2, **TINY))
    with pytest.raises(TypeError) as err:
        lstmkit.trace(fc)  # not entered: it was refused only by `with`
    assert str(err.value) == (
        "`model` must be a torch.nn.Module, got Forecaster: its networks are `members_`, one "
        "ForecastNet per ensemble member; trace them around a forecast, `with "
        "lstmkit.trace(fc.members_) as tr: fc.predict()`, once it is fitted (its `members_` are "
        "None before `fit`)."
    )
    with pytest.raises(ValueError, match=r"^`model` \(Linear\) contains no lstmkit LSTM/GRU"):
        lstmkit.trace(torch.nn.Linear(2, 2))


def test_trace_still_records_and_refuses_a_nested_trace_as_it_is_entered() -> None:
    lstm = lstmkit.LSTM(3, 4, batch_first=True)
    first, second = lstmkit.trace(lstm), lstmkit.trace(lstm)  # both checked, neither entered
    with first as tr:
        with pytest.raises(RuntimeError) as err:
            with second:
                pass
        lstm(torch.randn(2, 5, 3))
    assert str(err.value) == (
        "layers ['LSTM'] are already being traced; nested traces are not supported."
    )
    assert tuple(tr["l0"]["f"].shape) == (2, 5, 4)
    assert lstm._tracer is None
