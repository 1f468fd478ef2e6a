"""Fixes of the rev3 review: the pool's worker logging."""

from __future__ import annotations

import logging

import pytest


def test_a_workers_log_call_that_does_not_format_is_reported_and_the_call_goes_on(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    # the copy sent back formats the message: "%d" of a text raised TypeError out of the
    # logging call and stopped the member's training, which logging itself only reports
    from lstmkit._pool import _logged

    logger = logging.getLogger("lstmkit.rev3s37")

    def call() -> int:
        logger.warning("bad %d", "text")
        logger.warning("good %d", 2)
        return 7

    result, records = _logged(call, ())
    assert (result, [r.getMessage() for r in records]) == (7, ["good 2"])
    assert caplog.records == []
    err = capsys.readouterr().err
    assert err.startswith("--- Logging error ---\n")
    assert err.endswith("Message: 'bad %d'\nArguments: ('text',)\n")
    assert "TypeError: %d format: a real number is required, not str\n" in err


def test_another_threads_warning_during_a_workers_call_reaches_the_last_resort(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a worker without logging set up: the sink that holds the call's records counted as a
    # handler, so another thread's warning meanwhile was neither kept nor printed
    import threading

    from lstmkit._pool import _logged

    monkeypatch.setattr(logging.getLogger(), "handlers", [])  # as a spawned worker's root

    def other() -> None:
        logging.getLogger("lstmkit.rev3s37.other").warning("other %d", 1)

    def call() -> int:
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        logging.getLogger("lstmkit.rev3s37").warning("mine %d", 2)
        return 3

    result, records = _logged(call, ())
    assert (result, [r.getMessage() for r in records]) == (3, ["mine 2"])
    assert capsys.readouterr().err == "other 1\n"
