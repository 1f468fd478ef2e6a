"""ref25: the memory limit has one reader.

1. ``Forecaster.predict`` kept its own copies of ``lstmkit._memory``'s cgroup paths (bound when
   ``lstmkit.forecast`` was imported) behind thin wrappers: a cgroup file ``_memory`` was
   pointed at limited the demo but not a forecast. Both read ``_memory.memory_limit()`` now.
"""

from __future__ import annotations

import pytest

import lstmkit.forecast as F
from lstmkit import _memory
from lstmkit.cli.demo import _memory_problem

# ---- 1. one reader of the memory limit --------------------------------------------------------


def test_predict_and_demo_read_the_same_container_limit(recursive, fake_cgroups, monkeypatch):
    # before: predict read its own copies of the cgroup paths (forecast's _PROC_CGROUP and
    # _CGROUP_ROOT): _memory pointed at this 2 GiB limit refused the demo, not predict
    monkeypatch.setattr(_memory, "physical_memory", lambda: 2**40)
    monkeypatch.setattr(F.Forecaster, "_history_and_ahead", _no_work)
    fake_cgroups("0::/job\n", {"job/memory.max": f"{2**31}\n"})
    with pytest.raises(ValueError) as err:
        recursive.predict(50_000_000)
    assert str(err.value) == (
        "`horizon` (50,000,000 steps) needs at least 2.24 GiB for its forecast (48 bytes a step: "
        "the forecast, its interval's bounds, its timestamp and each of the 2 members' "
        "forecasts), more than this container's memory limit (2 GiB); forecast at most "
        "44,739,242 steps."
    )
    assert _memory_problem(10**5, 64) == (
        "--steps 100000 with --hidden 64 needs 24.4 GiB for the gates of the 256 test sequences, "
        "more than this container's memory limit (2 GiB); lower --steps or --hidden."
    )


def test_forecast_keeps_no_copy_of_the_memory_reader() -> None:
    # their wrappers were kept only for tests to patch: a second place to patch, and to miss
    copies = ["_physical_memory", "_container_memory", "_memory_limit"]
    copies += ["_PROC_CGROUP", "_CGROUP_ROOT"]
    assert [name for name in copies if hasattr(F, name)] == []


def _no_work(*args, **kwargs):
    raise AssertionError("the history was read before the horizon was refused")
