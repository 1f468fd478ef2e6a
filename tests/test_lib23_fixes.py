"""lib23: the forecasting API's leftovers.

1. ``predict``'s memory refusal reads a container's limit (cgroup v2 ``memory.max``, v1
   ``memory.limit_in_bytes``) beside the machine's memory, and uses the smaller.
2. A backtest of a recursive model without refitting shows a switchable bar over its steps
   (it showed none while it stepped all origins at once), and a Ctrl-C changes nothing.
3. A bool for a float field of a config is a TypeError, as a bool for a count is.
4. Ints past int64 are shown in one readable form in messages.
5. Numpy scalars in messages are shown as plain numbers.
"""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import lstmkit.forecast as F
from lstmkit import _memory
from lstmkit._checks import ConfigTypeError, plain_repr, positive_int, value_repr
from lstmkit.backtest import _check_context
from lstmkit.baselines import baseline_forecasts
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.metrics import mase
from lstmkit.train import TrainConfig

SERIES = pd.Series(np.sin(np.arange(60) / 3) + 2.0)  # conftest's `recursive` is fitted on it


@pytest.fixture(scope="module")
def earlier(recursive) -> Forecaster:
    """``recursive``'s config fitted on the first 40 points: a backtest from 40 on is a test."""
    return Forecaster(recursive.config).fit(SERIES[:40])


# ---- 1. a container's memory limit -----------------------------------------------------------


def test_cgroup_v2_memory_max_is_read_up_its_path(fake_cgroups, monkeypatch) -> None:
    files = {"memory.max": "max\n", "job/memory.max": "1073741824\n", "job/a/memory.max": "max\n"}
    fake_cgroups("0::/job/a\n", files)
    assert _memory.container_memory() == 2**30
    fake_cgroups("0::/\n", {"memory.max": "max\n"})
    assert _memory.container_memory() is None  # "max": no limit


def test_cgroup_v1_limit_in_bytes_is_read(fake_cgroups, tmp_path, monkeypatch) -> None:
    proc = "12:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n0::/\n"
    # the mount is the container's own group: the path from the host's view is not there
    fake_cgroups(proc, {"memory/memory.limit_in_bytes": "536870912\n"})
    assert _memory.container_memory() == 2**29
    fake_cgroups("4:memory:/\n", {})  # no files: the OS does not say
    assert _memory.container_memory() is None
    monkeypatch.setattr(_memory, "PROC_CGROUP", tmp_path / "absent")  # not Linux
    assert _memory.container_memory() is None


def test_the_smaller_of_the_machine_and_its_container_is_used(recursive, fake_memory) -> None:
    # before: only os.sysconf's physical memory was read: a container limited to 1 MiB on a
    # machine of 1 GiB was told the machine's and ran out of its own
    fake_memory(2**30, 2**20)
    with pytest.raises(ValueError) as err:
        recursive.predict(30_000)
    assert str(err.value) == (
        "`horizon` (30,000 steps) needs at least 1.37 MiB for its forecast (48 bytes a step: the "
        "forecast, its interval's bounds, its timestamp and each of the 2 members' forecasts), "
        "more than this container's memory limit (1 MiB); forecast at most 21,845 steps."
    )
    fake_memory(2**30, 2**40)  # a limit above the machine's
    with pytest.raises(ValueError, match=r"more than this machine's memory \(1 GiB\);"):
        recursive.predict(2**30)
    fake_memory(None, 2**20)  # no sysconf: the limit alone
    with pytest.raises(ValueError, match=r"more than this container's memory limit \(1 MiB\);"):
        recursive.predict(30_000)
    fake_memory(None, None)  # neither: nothing refused early
    assert len(recursive.predict(5)) == 5


def test_this_machines_cgroup_is_read_without_error() -> None:
    limit = _memory.container_memory(machine=_memory.physical_memory())
    assert limit is None or limit > 0
    assert _memory.memory_limit() is None or _memory.memory_limit()[0] > 0


# ---- 2. a recursive backtest's bar over its steps ---------------------------------------------


def _drawn(made: list, stop_at: int | None = None):
    """A stand-in for forecast.py's progress_bar that draws every bar to a string (so that it
    counts) and records it in ``made``; with ``stop_at``, a Ctrl-C once it has counted that."""

    def bar(progress, **kwargs):
        drawn = F.progress_bar.__wrapped__(True, file=io.StringIO(), **kwargs)
        if stop_at is not None:
            update = drawn.update

            def update_then_stop(n=1):
                update(n)
                if drawn.n == stop_at:
                    raise KeyboardInterrupt

            drawn.update = update_then_stop
        made.append((progress, kwargs, drawn))
        return drawn

    bar.__wrapped__ = F.progress_bar
    return bar


def test_a_recursive_backtest_has_a_delayed_switchable_bar(earlier, monkeypatch) -> None:
    # before: no bar while all origins' windows were stepped at once (minutes for thousands),
    # the bar over the origins standing at 0 the while
    made: list = []
    monkeypatch.setattr(F, "progress_bar", _drawn(made))
    before = earlier.backtest(SERIES, start=40, retrain=False)
    monkeypatch.setattr(earlier, "config", replace(earlier.config, progress=True))
    after = earlier.backtest(SERIES, start=40, retrain=False)
    pd.testing.assert_frame_equal(before.forecasts, after.forecasts)  # the bar changes no figure
    steps = dict(total=6 * 3 * 2, desc="forecast", unit="step", leave=False, delay=2.0)
    assert [(p, k) for p, k, _ in made] == [(False, steps), (True, steps)]
    assert [(bar.n, bar.disable) for _, _, bar in made] == [(36, True), (36, True)]  # closed


def test_ctrl_c_in_a_recursive_backtest_closes_its_bar_and_changes_nothing(
    earlier, monkeypatch
) -> None:
    before = earlier.backtest(SERIES, start=40, retrain=False)
    state, members = earlier.state_, earlier.members_
    made: list = []
    monkeypatch.setattr(F, "progress_bar", _drawn(made, stop_at=5))
    with pytest.raises(KeyboardInterrupt):
        earlier.backtest(SERIES, start=40, retrain=False)
    assert made[0][2].n == 5 and made[0][2].disable  # closed (tqdm's close sets disable)
    assert earlier.state_ is state and earlier.members_ is members
    assert all(not net.training for net in members)
    monkeypatch.undo()
    after = earlier.backtest(SERIES, start=40, retrain=False)
    pd.testing.assert_frame_equal(after.forecasts, before.forecasts)
    pd.testing.assert_frame_equal(after.metrics, before.metrics)


def test_ctrl_c_between_origins_closes_the_steps_bar(earlier, monkeypatch) -> None:
    # the steps are made before the first origin is scored: an interrupt at the second origin
    # left the generator, and its bar, open
    import lstmkit.backtest as B

    made: list = []
    monkeypatch.setattr(F, "progress_bar", _drawn(made))
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return {}

    monkeypatch.setattr(B, "baseline_forecasts", interrupted)
    with pytest.raises(KeyboardInterrupt):
        earlier.backtest(SERIES, start=40, retrain=False)
    assert made[0][2].n == 36 and made[0][2].disable


# ---- 3. a bool for a float field -------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "given", "message"),
    [
        (ForecasterConfig, {"lr": True}, "`lr` must be a positive finite number, got True."),
        (ForecasterConfig, {"dropout": False}, "`dropout` must be a number in [0, 1), got False."),
        (
            ForecasterConfig,
            {"interval": True},
            "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got True "
            "(a coverage, not a switch: e.g. 0.8).",
        ),
        (TrainConfig, {"lr": True}, "`lr` must be a positive finite number, got True."),
        (TrainConfig, {"min_delta": False}, "`min_delta` must be a finite number >= 0, got False."),
        (
            TrainConfig,
            {"grad_clip": True},
            "`grad_clip` must be a finite number > 0 or None, got True.",
        ),
        (
            ForecasterConfig,
            {"weight_decay": np.True_, "epochs": 0},
            "`epochs` must be a positive integer, got 0. `weight_decay` must be a finite number "
            f">= 0, got {value_repr(np.True_)}.",
        ),
    ],
)
def test_a_bool_for_a_float_field_is_a_type_error(config, given, message) -> None:
    # before: a ValueError, where hidden_size=True is a ConfigTypeError (a TypeError)
    with pytest.raises(ConfigTypeError) as err:
        config(**given)
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)
    assert str(err.value) == message
    with pytest.raises(ConfigTypeError):  # as a bool for a count is
        config(epochs=True)


# ---- 4. ints past int64 in one readable form -------------------------------------------------

INT64 = "must be an integer of magnitude at most 2**63-1 (torch's int64), got "


@pytest.mark.parametrize(
    ("call", "message"),
    [
        # before: "got 1000000000000000000000000000000" (31 digits to count), where
        # ForecasterConfig(epochs=1e30) says "got 1e+30"
        (lambda: ForecasterConfig(epochs=10**30), f"`epochs` {INT64}1e+30 (an int of 31 digits)."),
        (lambda: TrainConfig(patience=-(2**70)), None),
        (
            lambda: positive_int(-(2**70), "horizon"),
            "`horizon` must be a positive integer, got -1.18e+21 (an int of 22 digits).",
        ),
        (
            lambda: mase([1.0, 2.0], [1.0, 2.0], [1.0, 2.0, 3.0, 4.0], m=10**30),
            f"`m` {INT64}1e+30 (an int of 31 digits).",
        ),
        (
            lambda: baseline_forecasts(np.arange(20.0), -(10**30), 12),
            "`horizon` must be a positive integer, got -1e+30 (an int of 31 digits).",
        ),
        # before: ValueError "Exceeds the limit (4300 digits) for integer string conversion"
        # from the message itself
        (
            lambda: ForecasterConfig(epochs=10**5000),
            f"`epochs` {INT64}1e+5000 (an int of 5001 digits).",
        ),
        (
            lambda: positive_int(10**5000, "horizon"),
            f"`horizon` {INT64}1e+5000 (an int of 5001 digits).",
        ),
        # before: OverflowError "int too large to convert to float" in the message's float()
        (
            lambda: ForecasterConfig(interval=10**400),
            "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got 1e+400 "
            "(an int of 401 digits).",
        ),
    ],
)
def test_an_int_past_int64_is_shown_by_its_first_digits_and_length(call, message) -> None:
    with pytest.raises(ValueError) as err:
        call()
    if message is not None:
        assert str(err.value) == message
    else:
        assert str(err.value) == (
            "`patience` must be a positive integer or None, got -1.18e+21 (an int of 22 digits)."
        )


def test_an_int_just_past_int64_keeps_its_digits(recursive) -> None:
    # beside the limit that refuses it, 2**63 is told exactly; up to 20 digits stay whole
    with pytest.raises(ValueError) as err:
        ForecasterConfig(epochs=2**63)
    assert str(err.value) == f"`epochs` {INT64}9223372036854775808."
    with pytest.raises(ValueError) as err:
        positive_int(-(10**19), "horizon")
    assert str(err.value) == "`horizon` must be a positive integer, got -10000000000000000000."


def test_levels_of_a_huge_int_are_told_their_type(recursive) -> None:
    with pytest.raises(TypeError) as err:  # before: "Exceeds the limit (4300 digits) ..."
        recursive.backtest(SERIES, levels=10**5000)
    assert str(err.value) == (
        "`levels` must be a sequence of coverages, e.g. (0.5, 0.9), or (0.5,) for one, got "
        "1e+5000 (an int of 5001 digits)."
    )


@pytest.mark.parametrize("name", ["lr", "weight_decay", "grad_clip", "min_delta"])
def test_an_int_past_a_floats_range_is_no_finite_number(name) -> None:
    # before: TrainConfig(lr=10**400) raised OverflowError in math.isfinite, and the others
    # (and ForecasterConfig's lr, weight_decay) were taken, to fail in the optimizer
    said = {
        "lr": "a positive finite number",
        "weight_decay": "a finite number >= 0",
        "grad_clip": "a finite number > 0 or None",
        "min_delta": "a finite number >= 0",
    }[name]
    with pytest.raises(ValueError) as err:
        TrainConfig(**{name: 10**400})
    assert str(err.value) == f"`{name}` must be {said}, got 1e+400 (an int of 401 digits)."
    assert getattr(TrainConfig(**{name: 10**30}), name) == 10**30  # a float holds that one


def test_a_forecaster_config_refuses_an_int_past_a_floats_range() -> None:
    with pytest.raises(ValueError) as err:
        ForecasterConfig(lr=10**400, weight_decay=-(10**400))
    assert str(err.value) == (
        "`lr` must be a positive finite number, got 1e+400 (an int of 401 digits). "
        "`weight_decay` must be a finite number >= 0, got -1e+400 (an int of 401 digits)."
    )


# ---- 5. numpy scalars shown as plain numbers -------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        # before: "got np.int64(-3)" on numpy 2 and "got -3" on numpy 1 ({value!r})
        (
            lambda: baseline_forecasts(np.arange(20.0), np.int64(-3), 12),
            "`horizon` must be a positive integer, got -3.",
        ),
        (
            lambda: _check_context(np.int64(-3)),
            "`context` must be a positive integer or None, got -3.",
        ),
        # a float where an int is wanted is refused for its type, shown with it (msg25)
        (
            lambda: _check_context(np.float32(2.5)),
            "`context` must be a positive integer or None, got np.float32(2.5).",
        ),
        # before: python_scalar's float32 2.5 was fine, but np.float32(0.1) read 0.10000000149...
        (
            lambda: mase([1.0, 2.0], [1.0, 2.0], [1.0, 2.0, 3.0, 4.0], m=np.float32(0.1)),
            "`m` must be an integer >= 1 (the seasonal period), got 0.1.",
        ),
    ],
)
def test_a_numpy_number_refused_for_its_value_is_shown_plainly(call, message) -> None:
    with pytest.raises(ValueError) as err:
        call()
    assert str(err.value) == message


def test_a_numpy_start_and_interval_are_shown_plainly(earlier) -> None:
    with pytest.raises(ValueError) as err:
        earlier.backtest(SERIES, start=np.int64(500), retrain=False)
    assert str(err.value) == (
        "`start` must be a position in 1..57 (or -59..-3 from the end), leaving a whole horizon "
        "(3) of the 60 points after it, got 500."
    )
    with pytest.raises(ValueError) as err:
        earlier.predict(3, interval=np.float64(0.9))
    assert str(err.value) == (
        "`interval=0.9` needs the validation errors of fit, and this model has none: it was "
        "fitted without an interval. Refit with an `interval` to keep them."
    )


def test_plain_repr_is_the_same_on_numpy_1_and_2() -> None:
    assert plain_repr(np.int64(5)) == "5" == str(5)
    assert plain_repr(np.float64(0.5), True) == repr(0.5)
    assert plain_repr(np.True_) == "np.True_"  # a bool is no number: refused for its type
    assert plain_repr("3") == "'3'" and plain_repr(10**30) == "1e+30 (an int of 31 digits)"


# ---- 6. more of the same kind ----------------------------------------------------------------


def test_backtest_refuses_a_statistical_baselines_that_is_no_bool(earlier) -> None:
    # before: statistical_baselines="no" was read as truth and ran them (minutes with
    # statsforecast); None as False; retrain's twin switch was refused
    with pytest.raises(TypeError) as err:
        earlier.backtest(SERIES, start=40, retrain=False, statistical_baselines="no")
    assert str(err.value) == "`statistical_baselines` must be True or False, got str 'no'."
    with pytest.raises(TypeError) as err:  # both at once
        earlier.backtest(SERIES, start=40, retrain=2, statistical_baselines=None)
    assert str(err.value) == (
        "`retrain` must be True or False, got int 2; Darts' retrain as a number or a callable "
        "(retrain at some origins only) has no counterpart here: every origin is fitted (True) "
        "or none is (False, this fitted model forecasting at each); "
        "`statistical_baselines` must be True or False, got None."
    )
    taken = earlier.backtest(SERIES, start=40, retrain=False, statistical_baselines=np.False_)
    assert set(taken.metrics["method"]) == {"model", "naive", "seasonal_naive"}


def test_baseline_forecasts_refuses_a_statistical_that_is_no_bool() -> None:
    with pytest.raises(TypeError) as err:  # before: taken, "x" read as True
        baseline_forecasts(np.arange(30.0), 3, 12, statistical="x")
    assert str(err.value) == "`statistical` must be True or False, got str 'x'."
    out = baseline_forecasts(np.arange(30.0), 3, 12, statistical=np.False_)
    assert {k: v.tolist() for k, v in out.items()} == {
        "naive": [29.0, 29.0, 29.0],
        "seasonal_naive": [18.0, 19.0, 20.0],
    }


@pytest.mark.parametrize("flag", [True, np.True_])
def test_predict_tells_a_bool_interval_its_type(recursive, flag) -> None:
    # before: a ValueError, where ForecasterConfig(interval=True) is a ConfigTypeError (False
    # is no interval for the call, as 0: test_fc35_fixes)
    with pytest.raises(ConfigTypeError) as err:
        recursive.predict(3, interval=flag)
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)
    assert str(err.value) == (
        "`interval` must be a number strictly between 0 and 1, e.g. 0.8, got "
        f"{'np.True_' if flag is np.True_ else flag} (a coverage, not a switch: e.g. 0.8)."
    )
