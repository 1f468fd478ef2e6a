"""Fixes of revtxt33's review of txt33 (`text predict` stopped while its model runs on)."""

from __future__ import annotations

import os
import signal
import threading

import pytest

import lstmkit.__main__ as entry
from lstmkit import _interrupts


class _Exited(Exception):
    """os._exit, which a test must not let end pytest."""


@pytest.mark.parametrize(("raised", "code"), [("KeyboardInterrupt", 130), ("_Terminated", 143)])
def test_a_second_interrupt_while_the_first_is_reported_still_skips_the_shutdown(
    monkeypatch: pytest.MonkeyPatch, raised: str, code: int
) -> None:
    # held-down Ctrl-C: one more arrived while `_run` reported the first, left `run` as an
    # exception past its os._exit, and Python's shutdown ran under the prediction's thread
    # (exit code 134, an abort, where 130 was due)
    error = KeyboardInterrupt if raised == "KeyboardInterrupt" else _interrupts._Terminated
    monkeypatch.setattr(_interrupts, "_abandoned", [threading.Event()])  # a call runs on

    def interrupted() -> int:
        raise error

    exits: list[int] = []

    def exit_(status: int) -> None:
        exits.append(status)
        raise _Exited

    monkeypatch.setattr(entry, "_run", interrupted)
    monkeypatch.setattr(os, "_exit", exit_)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    escaped: BaseException | None = None
    try:
        entry.run()
    except _Exited:
        pass
    except KeyboardInterrupt as err:  # caught here: pytest would stop the whole run on it
        escaped = err
    finally:
        now = [signal.getsignal(s) for s in handlers]
        for s, handler in handlers.items():
            signal.signal(s, handler)
    assert (escaped, exits) == (None, [code])
    # and a third ends the process by the signal's own action, not by another exception
    assert now == [signal.SIG_DFL, signal.SIG_DFL]
