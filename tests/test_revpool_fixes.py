"""A worker's records logged again here leave the progress bars as they are where none is
written on stdout or stderr (none at all, one under its logger's level, one to a file)."""

from __future__ import annotations

import logging
import re
import sys
import threading

from lstmkit import _pool
from lstmkit._checks import progress_bar

_LOGGER = "lstmkit.revpool"


def _record(level: int) -> logging.LogRecord:
    return logging.makeLogRecord(
        {"name": _LOGGER, "levelno": level, "levelname": "WARNING", "msg": "member 2 cut short"}
    )


def _written_while_a_bar_is_drawn(capsys, records: list[logging.LogRecord]) -> str:
    """What ``records`` logged again wrote on stderr after the bar's first draw there."""
    bar = progress_bar(True, total=3, desc="fit")
    drawn = capsys.readouterr().err
    assert drawn.startswith("\rfit:   0%")
    _pool._log_again(records)
    written = capsys.readouterr().err
    bar.close()
    return written


def test_no_record_leaves_the_bars_as_they_are(capsys):
    # every result collected cleared the bars and drew them again: "\r    \r\rfit:   0%|..."
    assert _written_while_a_bar_is_drawn(capsys, []) == ""


def test_records_logged_to_a_file_or_under_the_level_leave_the_bars_as_they_are(capsys, tmp_path):
    logger = logging.getLogger(_LOGGER)
    to_file = logging.FileHandler(tmp_path / "log.txt", encoding="utf-8")
    on_stderr = logging.StreamHandler(sys.stderr)
    on_stderr.setLevel(logging.ERROR)
    logger.handlers, logger.propagate = [to_file, on_stderr], False
    try:
        written = _written_while_a_bar_is_drawn(capsys, [_record(logging.WARNING)])
        logger.setLevel(logging.ERROR)  # now under the logger's level: not logged at all
        assert _written_while_a_bar_is_drawn(capsys, [_record(logging.WARNING)]) == ""
    finally:
        to_file.close()
        logger.handlers, logger.propagate = [], True
        logger.setLevel(logging.NOTSET)
    assert written == ""
    assert (tmp_path / "log.txt").read_text(encoding="utf-8") == "member 2 cut short\n"


def test_a_record_that_reaches_no_handler_is_written_above_the_bar_by_the_last_resort(
    capsys, monkeypatch
):
    logger = logging.getLogger(_LOGGER)
    monkeypatch.setattr(logger, "propagate", False)  # no handler: Python's last resort
    written = _written_while_a_bar_is_drawn(capsys, [_record(logging.WARNING)])
    # cleared before the line, drawn again after it
    assert re.fullmatch(r"\r +\rmember 2 cut short\n\rfit:   0%\| +\| 0/3 \[.*\]", written)


class _Probing(logging.StreamHandler):  # type: ignore[type-arg]
    """A handler on stderr that notes whether another thread could take tqdm's lock while it
    writes (a handler of tqdm's logging_redirect_tqdm takes it there, holding its own)."""

    free: list[bool]

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm

        def take() -> None:
            locks = tqdm.get_lock().locks
            taken = [lock.acquire(timeout=1) for lock in locks]
            for lock, ok in zip(locks, taken, strict=True):
                if ok:
                    lock.release()
            self.free.append(all(taken))

        thread = threading.Thread(target=take)
        thread.start()
        thread.join()
        super().emit(record)


def test_records_are_logged_again_without_holding_tqdms_lock(capsys):
    # held around the handlers, it deadlocked with a thread whose handler waited for it
    handler = _Probing(sys.stderr)
    handler.free = []
    logger = logging.getLogger(_LOGGER)
    logger.handlers, logger.propagate = [handler], False
    try:
        written = _written_while_a_bar_is_drawn(capsys, [_record(logging.WARNING)])
    finally:
        logger.handlers, logger.propagate = [], True
    assert handler.free == [True]
    assert re.fullmatch(r"\r +\rmember 2 cut short\n\rfit:   0%\| +\| 0/3 \[.*\]", written)
