"""Forecasting leftovers: future_index went on by 1 after integers stepping by 2 (49, 50 where
predict gave 50, 52) and failed on an empty DatetimeIndex (a bare IndexError) or gave
positions after an empty PeriodIndex; Tokyo's business days in UTC with a Saturday worked were
said to fall on "Sundays to Thursdays" (its UTC stamp is a Friday), and "(..., a Saturday and
1 more)" read as one more Saturday; a container's memory reader returned cgroup v1's "no
limit" (9223372036854771712) as a limit; ``lstmkit demo`` read the machine's memory alone."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster, _memory
from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.cli.demo import _memory_problem

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}


# ---- 1. future_index after integers stepping by 2 ---------------------------------------------


@pytest.mark.parametrize(
    "index",
    [pd.Index(np.arange(0, 50, 2)), pd.Index(np.arange(0.0, 50.0, 2.0))],
    ids=["integers", "whole-floats"],
)
def test_future_index_goes_on_by_the_step_predict_goes_on_by(index):
    # RangeIndex(start=49, stop=51, step=1), where predict gave 50 and 52
    series = pd.Series(np.sin(np.arange(25) / 3) * 10 + 50, index=index)
    steps = D.future_index(index, 2)
    assert repr(steps) == "RangeIndex(start=50, stop=54, step=2)"
    assert steps.equals(Forecaster(horizon=2, **QUICK).fit(series).predict(2).index)


def test_future_index_after_one_label_or_uneven_integers_goes_on_by_one():
    assert repr(D.future_index(pd.Index([7]), 2)) == "RangeIndex(start=8, stop=10, step=1)"
    uneven = pd.Index([0, 1, 5])  # fit refuses it; its next labels stay by 1
    assert repr(D.future_index(uneven, 2)) == "RangeIndex(start=6, stop=8, step=1)"
    down = pd.RangeIndex(10, 0, -2)  # a RangeIndex keeps its own step, as before
    assert repr(D.future_index(down, 2)) == "RangeIndex(start=0, stop=-4, step=-2)"


# ---- 2. future_index after an empty index of dates ---------------------------------------------


@pytest.mark.parametrize(
    "index",
    [pd.DatetimeIndex([]), pd.DatetimeIndex([], tz="UTC"), pd.PeriodIndex([], freq="M")],
    ids=["datetime", "datetime-tz", "period"],
)
def test_future_index_refuses_an_empty_index_of_dates(index):
    # DatetimeIndex: "index -1 is out of bounds for axis 0 with size 0"; PeriodIndex:
    # RangeIndex(start=0, stop=2, step=1), positions where periods were meant
    kind = type(index).__name__
    with pytest.raises(ValueError) as err:
        D.future_index(index, 2)
    assert str(err.value) == (
        f"`index` must hold at least one label to go on from, got an empty {kind}."
    )
    with pytest.raises(ValueError) as err:  # both problems at once
        D.future_index(index, -1)
    assert str(err.value) == (
        "`horizon` must be an integer >= 0, got -1; `index` must hold at least one label "
        f"to go on from, got an empty {kind}."
    )
    with pytest.raises(TypeError) as err:  # a wrong type alone, as a TypeError
        D.future_index(index, None)
    assert str(err.value) == "`horizon` must be an integer >= 0, got None."
    assert repr(D.future_index(pd.Index([], dtype=int), 2)) == (
        "RangeIndex(start=0, stop=2, step=1)"  # positions from 0, as before
    )


# ---- 3. Tokyo's business days in UTC with weekend days worked ---------------------------------


def _tokyo(*worked: str) -> pd.Series:
    days = pd.date_range("2021-01-04", periods=60, freq="B", tz="Asia/Tokyo")
    days = days.append(pd.DatetimeIndex([pd.Timestamp(d, tz="Asia/Tokyo") for d in worked]))
    days = days.sort_values().tz_convert("UTC")
    return pd.Series(np.arange(len(days)) + 10.0, index=pd.DatetimeIndex(days, freq=None))


REFUSAL = (
    "timestamps in `series` must be regularly spaced (no gaps), got business days of a time "
    "zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, {utc} "
    "(2021-01-03 15:00:00+00:00 first, for 2021-01-04), whose steps are irregular there and "
    "no filled day mends. Read them on their zone's clock, where they are 'B' steps but for "
    "{off}: series.index = series.index.tz_convert('+09:00') (or the zone's name)."
)


def test_tokyo_business_days_with_weekend_days_worked_name_their_days_in_utc_truly():
    # "Sundays to Thursdays" where a worked Saturday's stamp is a Friday in UTC, a Sunday's a
    # Saturday; "(...; 2021-02-13, a Saturday and 1 more)" read as one more Saturday
    saturdays = [f"2021-{d}" for d in ("01-16", "01-23", "01-30", "02-06", "02-13", "02-20")]
    with pytest.raises(ValueError) as err:
        D.to_frame(_tokyo(*saturdays))
    assert str(err.value) == REFUSAL.format(
        utc="Sundays to Thursdays and 6 Fridays",
        off="6 weekend days among them (2021-01-16, a Saturday; 2021-01-23, a Saturday; "
        "2021-01-30, a Saturday; 2021-02-06, a Saturday; 2021-02-13, a Saturday; and 1 more "
        "weekend day)",
    )
    with pytest.raises(ValueError) as err:
        D.to_frame(_tokyo("2021-01-16", "2021-01-24"))
    assert str(err.value) == REFUSAL.format(
        utc="Sundays to Thursdays, 1 Friday and 1 Saturday",
        off="2 weekend days among them (2021-01-16, a Saturday; 2021-01-24, a Sunday)",
    )


# ---- 4. cgroup v1's "no limit" -----------------------------------------------------------------


V1 = "4:memory:/docker/abc\n0::/\n"


def test_cgroup_v1s_no_limit_is_no_limit(fake_cgroups, monkeypatch) -> None:
    # 9223372036854771712 (2**63 - 1 rounded down to 4 KiB pages) was returned as a limit
    files = {"memory/memory.limit_in_bytes": "9223372036854771712\n"}
    root = fake_cgroups(V1, files)
    monkeypatch.setattr(_memory, "physical_memory", lambda: 2**30)
    assert _memory.container_memory(machine=2**30) is None
    assert _memory.memory_limit() == (2**30, "this machine's memory")
    monkeypatch.setattr(_memory, "physical_memory", lambda: None)  # no machine's to compare with
    assert _memory.container_memory(machine=None) is None
    assert _memory.memory_limit() is None
    # 64 KiB pages round it to 9223372036854710272
    (root / "memory/memory.limit_in_bytes").write_text("9223372036854710272\n")
    assert _memory.container_memory(machine=None) is None


def test_a_limit_of_the_machines_memory_or_more_is_none(fake_cgroups, monkeypatch) -> None:
    fake_cgroups(V1, {"memory/memory.limit_in_bytes": f"{2**30}\n"})
    assert _memory.container_memory(machine=2**30) is None
    monkeypatch.setattr(_memory, "physical_memory", lambda: 2**31)  # smaller: a limit
    assert _memory.container_memory(machine=2**31) == 2**30
    assert _memory.memory_limit() == (2**30, "this container's memory limit")


def test_this_machines_container_memory_is_below_its_own() -> None:
    machine = _memory.physical_memory()
    limit = _memory.container_memory(machine=machine)
    assert limit is None or machine is None or 0 < limit < machine


# ---- 5. lstmkit demo reads the container's limit ------------------------------------------------


def test_demo_is_refused_by_its_containers_memory_limit(fake_cgroups, monkeypatch, capsys) -> None:
    # only os.sysconf was read: 26 GB of gates in a container limited to 2 GiB started torch
    monkeypatch.setattr(_memory, "physical_memory", lambda: 2**40)
    root = fake_cgroups("0::/job\n", {"job/memory.max": f"{2**31}\n"})
    assert main(["demo", "--steps", "100000", "--hidden", "64"]) == 2
    assert capsys.readouterr().err == (
        "error: --steps 100000 with --hidden 64 needs 24.4 GiB for the gates of the 256 test "
        "sequences, more than this container's memory limit (2 GiB); lower --steps or --hidden.\n"
    )
    assert _memory_problem(10**5, 64) == (
        "--steps 100000 with --hidden 64 needs 24.4 GiB for the gates of the 256 test sequences, "
        "more than this container's memory limit (2 GiB); lower --steps or --hidden."
    )
    assert _memory_problem(100, 64) is None
    (root / "job/memory.max").write_text("max\n")  # no limit: the machine's
    assert _memory_problem(10**7, 64) == (
        "--steps 10000000 with --hidden 64 needs 2.38 TiB for the gates of the 256 test sequences, "
        "more than this machine's memory (1 TiB); lower --steps or --hidden."
    )
    monkeypatch.setattr(_memory, "physical_memory", lambda: None)  # the OS says neither
    assert _memory_problem(10**7, 64) is None


def test_demos_refusal_by_memory_loads_no_torch() -> None:
    code = (
        "import contextlib, io, sys\n"
        "from lstmkit.cli import main\n"
        "with contextlib.redirect_stderr(io.StringIO()) as err:\n"
        "    code = main(['demo', '--steps', '1e12'])\n"
        "said = err.getvalue().split(' for ')[0]\n"
        "print(code, 'torch' in sys.modules, 'pandas' in sys.modules, said)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == (
        "2 False False error: --steps 1000000000000 with --hidden 8 needs 29.1 PiB\n"
    )
