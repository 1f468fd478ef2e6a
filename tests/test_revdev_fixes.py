"""Review of the day's changes (helper devgen): a worker's record logged again through a
``MemoryHandler`` that hands it on because its buffer is full."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys

from lstmkit import _pool
from lstmkit._checks import progress_bar

_LOGGER = "lstmkit.revdev"


def _record(text: str) -> logging.LogRecord:
    return logging.makeLogRecord(
        {"name": _LOGGER, "levelno": 30, "levelname": "WARNING", "msg": text}
    )


def _written_while_a_bar_is_drawn(capsys, monkeypatch, handler, records) -> str:
    """What ``records`` logged again through ``handler`` wrote on stderr after the bar's first
    draw there."""
    logger = logging.getLogger(_LOGGER)
    monkeypatch.setattr(logger, "handlers", [handler])
    monkeypatch.setattr(logger, "propagate", False)
    bar = progress_bar(True, total=3, desc="fit")
    assert capsys.readouterr().err.startswith("\rfit:   0%")
    _pool._log_again(records)
    written = capsys.readouterr().err
    bar.close()
    return written


def test_a_full_memory_handlers_lines_print_above_the_bar(capsys, monkeypatch):
    # a warning under its flushLevel that fills its buffer is handed on at once as well, with
    # those kept before it: their lines ran on from the end of the bar's
    handler = logging.handlers.MemoryHandler(2, target=logging.StreamHandler(sys.stderr))
    handler.buffer.append(_record("member 1 cut short"))
    written = _written_while_a_bar_is_drawn(
        capsys, monkeypatch, handler, [_record("member 2 cut short")]
    )
    assert re.fullmatch(
        r"\r +\rmember 1 cut short\nmember 2 cut short\n\rfit:   0%\| +\| 0/3 \[.*\]", written
    )
    assert handler.buffer == []


def test_a_memory_handler_with_room_left_keeps_the_bar_as_it_is(capsys, monkeypatch):
    handler = logging.handlers.MemoryHandler(3, target=logging.StreamHandler(sys.stderr))
    handler.buffer.append(_record("member 1 cut short"))
    got = _written_while_a_bar_is_drawn(capsys, monkeypatch, handler, [_record("member 2")])
    assert got == ""
    assert [r.getMessage() for r in handler.buffer] == ["member 1 cut short", "member 2"]
