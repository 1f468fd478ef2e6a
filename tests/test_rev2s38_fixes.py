"""Second-round review fixes: a worker's records logged again through a handler on the file
stderr writes to, under another object than ``sys.stderr`` (a wrapper made after the handler)."""

from __future__ import annotations

import logging
import re
import sys
import threading

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


def test_a_bar_made_by_another_thread_while_the_bars_are_cleared_waits(capsys, monkeypatch):
    # without tqdm's lock the bars were walked while another thread added its own to them:
    # "RuntimeError: Set changed size during iteration", out of the ensemble's fit
    logger = logging.getLogger(_LOGGER)
    monkeypatch.setattr(logger, "handlers", [logging.StreamHandler(sys.stderr)])
    monkeypatch.setattr(logger, "propagate", False)
    bar = progress_bar(True, total=3, desc="fit")
    made = []
    other = threading.Thread(target=lambda: made.append(progress_bar(True, total=1, desc="other")))
    clear = bar.clear

    def clear_while_another_bar_is_made(*args, **kwargs):
        other.start()
        other.join(timeout=1.0)  # it waits for the lock where the bars are walked under it
        return clear(*args, **kwargs)

    monkeypatch.setattr(bar, "clear", clear_while_another_bar_is_made)
    record = logging.makeLogRecord({"name": _LOGGER, "levelno": logging.WARNING, "msg": "cut"})
    capsys.readouterr()
    try:
        _pool._log_again([record])
    finally:
        other.join()
        made[0].close()
        bar.close()
    written = capsys.readouterr().err
    assert written.startswith("\r" + " " * 10)  # cleared before the line
    # drawn again after it (tqdm 4.60 may draw the other thread's bar between: its places)
    assert re.search(r"\rcut\n.*\rfit:   0%\| +\| 0/3 \[", written, flags=re.DOTALL), written
