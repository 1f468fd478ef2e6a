"""The lead's fixes of this session's merges: a swap of unknown size (macOS grows its swap as it
needs) refused nothing, so `predict(2**62)` and `LSTM(5, 10**9)` went on to numpy's or torch's
allocator there; the free disk the swap may grow into now bounds it."""

from __future__ import annotations

import shutil
from collections import namedtuple

import pytest

from lstmkit import _memory
from lstmkit import forecast as F
from lstmkit.nn import LSTM

GiB = 2**30
ROOM = "this machine's memory (1 GiB) and the free disk its swap may grow into (2 GiB) together"


def test_a_swap_of_unknown_size_counts_as_the_free_disk(fake_memory, recursive, monkeypatch):
    fake_memory(GiB, None, None, disk=2 * GiB)
    assert _memory.refusal_limit() == (3 * GiB, ROOM)

    def no_work(*args, **kwargs):
        raise AssertionError("past the memory check")

    monkeypatch.setattr(F.Forecaster, "_history_and_ahead", no_work)
    with pytest.raises(ValueError) as err:
        recursive.predict(2**62)
    assert str(err.value) == (
        "`horizon` (4,611,686,018,427,387,904 steps) needs at least 192 EiB for its forecast "
        "(48 bytes a step: the forecast, its interval's bounds, its timestamp and each of the 2 "
        f"members' forecasts), more than {ROOM}; forecast at most 67,108,864 steps."
    )
    with pytest.raises(AssertionError, match=r"^past the memory check$"):
        recursive.predict(67_108_864)  # what fits the memory and the disk is made
    with pytest.raises(RuntimeError) as err:
        LSTM(5, 10**9)
    assert str(err.value) == (
        "LSTM's `weight_ih_l0` of shape (4000000000, 5) needs 74.5 GiB (float32), "
        f"more than {ROOM}."
    )


def test_the_free_disk_is_read_from_the_root(monkeypatch):
    usage = namedtuple("usage", "total used free")
    seen = []
    monkeypatch.setattr(shutil, "disk_usage", lambda path: seen.append(path) or usage(9, 4, 5))
    assert _memory.disk_room() == 5 and seen == ["/"]

    def unreadable(path):
        raise OSError("no such device")

    monkeypatch.setattr(shutil, "disk_usage", unreadable)
    assert _memory.disk_room() is None
