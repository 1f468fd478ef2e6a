"""Fixes from the review of the repro changes (the budget's warning, repeatable figures)."""

from __future__ import annotations

import logging

import pytest

from lstmkit._pool import kept_workers, run_in_processes


def test_a_workers_warning_is_logged_in_this_process(caplog: pytest.LogCaptureFixture) -> None:
    # a spawned worker has no logging: Python's last resort printed its warnings on its own
    # stderr as the bare message (no "WARNING", the --minutes budget's with --jobs 2), past the
    # caller's handlers and levels; they are now logged here, where this process's go
    logger = logging.getLogger("lstmkit.revrepro")
    calls = [("call %d of %d", 1, 2), ("call %d of %d", 2, 2)]
    with kept_workers():
        assert run_in_processes(logger.warning, calls, 2) == [None, None]
        # this process's call logs first; the worker's record comes when its result does
        assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
            ("lstmkit.revrepro", "WARNING", "call 2 of 2"),
            ("lstmkit.revrepro", "WARNING", "call 1 of 2"),
        ]
        caplog.clear()
        logger.setLevel(logging.ERROR)  # the caller's level holds for the worker's records too
        try:
            assert run_in_processes(logger.warning, calls, 2) == [None, None]
        finally:
            logger.setLevel(logging.NOTSET)
        assert caplog.records == []
