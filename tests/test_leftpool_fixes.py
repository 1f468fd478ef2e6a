"""Worker logging: records with ``extra=`` values that do not pickle, and the records of a call
that raises, reach this process's logging; they and the command line's ``-v`` lines print
above a drawn progress bar."""

from __future__ import annotations

import logging
import pickle
import re
import sys
import threading
from concurrent.futures import Future

import pytest

from lstmkit import _pool, cli
from lstmkit._checks import progress_bar
from lstmkit._pool import kept_workers, run_in_processes

_LOGGER = "lstmkit.leftpool"


def _log_with_a_lock() -> str:
    logging.getLogger(_LOGGER).warning("held %s", "a lock", extra={"lock": threading.Lock()})
    return "done"


def _log_then_fail() -> None:
    logging.getLogger(_LOGGER).warning("before the failure")
    raise ValueError("the call failed")


def test_a_record_whose_extra_does_not_pickle_is_kept_with_it_as_text():
    # the lock stopped the pool from sending the result: the member failed with
    # "cannot pickle '_thread.lock' object"
    result, records = _pool._logged(_log_with_a_lock, ())
    assert result == "done"
    (record,) = pickle.loads(pickle.dumps(records))
    assert (record.name, record.levelno, record.getMessage()) == (_LOGGER, 30, "held a lock")
    assert record.lock.startswith("<unlocked _thread.lock object at 0x")


def test_the_records_of_a_call_that_raises_come_with_its_error(caplog):
    # they were lost with the result: the warning before the failure never showed
    with pytest.raises(ValueError) as info:
        _pool._logged(_log_then_fail, ())
    error = pickle.loads(pickle.dumps(info.value))  # as the pool sends it
    future: Future = Future()
    future.set_exception(error)
    with pytest.raises(ValueError, match=r"^the call failed$"):
        _pool._result(future)
    assert [(r.name, r.getMessage()) for r in caplog.records] == [(_LOGGER, "before the failure")]
    assert not hasattr(error, "_lstmkit_worker_records")  # logged once


# what a worker runs (it imports no test module): exec of these
_LOCK = (
    f"import logging, threading\nlogging.getLogger({_LOGGER!r}).warning("
    "'held %s', 'a lock', extra={'lock': threading.Lock()})"
)
_FAIL = f"import logging\nlogging.getLogger({_LOGGER!r}).warning('before the failure')\n1 / 0"


def test_a_workers_records_reach_this_process_also_where_they_hold_a_lock_or_its_call_fails(
    caplog,
):
    caplog.set_level(logging.WARNING)
    with kept_workers():  # call 0 goes to the worker (one start for both runs)
        assert run_in_processes(exec, [(_LOCK, {}), ("pass", {})], 2) == [None, None]
        assert [(r.getMessage(), type(r.lock)) for r in caplog.records] == [("held a lock", str)]
        caplog.clear()
        with pytest.raises(ZeroDivisionError):
            run_in_processes(exec, [(_FAIL, {}), ("pass", {})], 2)
    assert [r.getMessage() for r in caplog.records] == ["before the failure"]


def _above_the_bar(err: str, line: str) -> None:
    """``err`` holds the bar's first draw, then ``line`` on a line of its own: the bar cleared
    before it (its width in spaces) and drawn again after it."""
    head, tail = err.split(line + "\n")
    first = head.split("\r")[1]
    assert re.fullmatch(r"fit:   0%\| +\| 0/3 \[00:00<\?, \?it/s\]", first)
    # written as it came: "\rfit:   0%|...| 0/3 [00:00<?, ?it/s]INFO early stop" on one line
    assert head == f"\r{first}\r{' ' * len(first)}\r"
    assert tail.startswith(f"\r{first}")


def test_a_verbose_line_of_the_command_line_prints_above_a_drawn_bar(monkeypatch, capsys):
    monkeypatch.setattr(logging.getLogger(), "handlers", [])  # no logging set up

    def run(args):
        bar = progress_bar(True, total=3, desc="fit")
        logging.getLogger("lstmkit.forecast").info("early stop after epoch 53")
        bar.close()
        return 0

    monkeypatch.setattr(cli, "_run", run)
    assert cli.main(["datasets", "-v"]) == 0
    _above_the_bar(capsys.readouterr().err, "INFO early stop after epoch 53")


def test_a_workers_records_print_above_a_drawn_bar_through_the_callers_handler(capsys):
    # a worker's warning, logged again here while the caller's `members` bar is open (a
    # script's logging.basicConfig: a handler on stderr)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger(_LOGGER)
    logger.addHandler(handler)
    record = logging.makeLogRecord(
        {"name": _LOGGER, "levelno": 30, "levelname": "WARNING", "msg": "member 2 cut short"}
    )
    try:
        bar = progress_bar(True, total=3, desc="fit")
        _pool._log_again([record])
        bar.close()
    finally:
        logger.removeHandler(handler)
    _above_the_bar(capsys.readouterr().err, "WARNING member 2 cut short")
