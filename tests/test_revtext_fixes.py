"""Defects found reviewing the lefttext change (progress bars), each pinned by a test."""

from __future__ import annotations

import io
import os

import pytest

from lstmkit._checks import _unsized_terminal


class _NotebookStream(io.StringIO):
    """As ipykernel's OutStream: not a terminal, but its fileno() is the kernel's own stderr,
    which may be a terminal."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def fileno(self) -> int:
        return self._fd


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_stream_that_is_no_terminal_keeps_tqdms_own_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a notebook's stream whose kernel ran on an unsized terminal got ncols 80: tqdm's
    # notebook widget was drawn 80 pixels wide
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("LINES", "20")
    main_fd, terminal_fd = os.openpty()
    try:
        with open(terminal_fd, "w", encoding="utf-8", closefd=False) as terminal:
            assert _unsized_terminal(terminal) == {"ncols": 60, "nrows": 20}
        assert _unsized_terminal(_NotebookStream(terminal_fd)) == {}
    finally:
        os.close(main_fd)
        os.close(terminal_fd)
