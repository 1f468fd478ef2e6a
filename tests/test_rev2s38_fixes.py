"""Second-round review fixes: a worker's records logged again through a handler on the file
stderr writes to, under another object than ``sys.stderr`` (a wrapper made after the handler)."""

from __future__ import annotations

import logging
import re
import sys

from lstmkit import _pool
from lstmkit._checks import progress_bar

_LOGGER = "lstmkit.rev2s38"


class _Wrapper:
    """What colorama's ``init`` puts in ``sys.stderr``: writes go on to the stream it wraps."""

    def __init__(self, wrapped):
        self.wrapped = wrapped

    def write(self, text: str) -> int:
        return self.wrapped.write(text)

    def flush(self) -> None:
        self.wrapped.flush()

    def fileno(self) -> int:
        return self.wrapped.fileno()


def test_a_record_on_the_wrapped_stderr_is_written_above_the_bar(capfd, monkeypatch):
    # the handler was made on stderr before stderr was wrapped; the bar is drawn on the
    # wrapper: the record's line ran on from the end of the bar's (it was found on no terminal)
    handler = logging.StreamHandler(sys.stderr)
    logger = logging.getLogger(_LOGGER)
    monkeypatch.setattr(logger, "handlers", [handler])
    monkeypatch.setattr(logger, "propagate", False)
    monkeypatch.setattr(sys, "stderr", _Wrapper(sys.stderr))
    bar = progress_bar(True, total=3, desc="fit")
    assert capfd.readouterr().err.startswith("\rfit:   0%")
    record = logging.makeLogRecord({"name": _LOGGER, "levelno": logging.WARNING, "msg": "cut"})
    _pool._log_again([record])
    written = capfd.readouterr().err
    bar.close()
    # cleared before the line, drawn again after it
    assert re.fullmatch(r"\r +\rcut\n\rfit:   0%\| +\| 0/3 \[.*\]", written), written
