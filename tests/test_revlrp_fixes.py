"""Review of the day's changes (helpers lrpfast and revdev): a ``MemoryHandler`` whose target
has a level of its own."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys

from lstmkit import _pool
from lstmkit._checks import progress_bar

_LOGGER = "lstmkit.revlrp"


def _record(text: str, level: int) -> logging.LogRecord:
    return logging.makeLogRecord(
        {"name": _LOGGER, "levelno": level, "levelname": logging.getLevelName(level), "msg": text}
    )


def test_a_memory_handlers_flush_prints_above_the_bar_whatever_its_targets_level(
    capsys, monkeypatch
):
    # an INFO that fills the buffer flushes the WARNING kept before it: the flush hands both to
    # target.handle, which reads no level, so both are written; read with the target's level
    # (WARNING), the INFO was taken to write nothing, and the lines ran on from the bar's
    target = logging.StreamHandler(sys.stderr)
    target.setLevel(logging.WARNING)
    handler = logging.handlers.MemoryHandler(2, target=target)
    handler.buffer.append(_record("member 1 cut short", logging.WARNING))
    logger = logging.getLogger(_LOGGER)
    monkeypatch.setattr(logger, "handlers", [handler])
    monkeypatch.setattr(logger, "propagate", False)
    monkeypatch.setattr(logger, "level", logging.INFO)
    bar = progress_bar(True, total=3, desc="fit")
    assert capsys.readouterr().err.startswith("\rfit:   0%")
    _pool._log_again([_record("member 2 stopped early", logging.INFO)])
    written = capsys.readouterr().err
    bar.close()
    assert re.fullmatch(
        r"\r +\rmember 1 cut short\nmember 2 stopped early\n\rfit:   0%\| +\| 0/3 \[.*\]",
        written,
    )
    assert handler.buffer == []
