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
