"""Defects found reviewing the lefttext change (progress bars), each pinned by a test."""

from __future__ import annotations

import io
import os
import struct

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


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("columns", "lines"), [(100, 0), (0, 30)])
def test_a_terminal_that_reports_half_its_size_keeps_that_half(
    monkeypatch: pytest.MonkeyPatch, columns: int, lines: int
) -> None:
    # a terminal of 100 columns and 0 lines got a bar COLUMNS (60) wide, not 100
    termios = pytest.importorskip("termios")
    fcntl = pytest.importorskip("fcntl")
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("LINES", "20")
    main_fd, terminal_fd = os.openpty()
    try:
        fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        with open(terminal_fd, "w", encoding="utf-8", closefd=False) as terminal:
            assert os.get_terminal_size(terminal.fileno()) == (columns, lines)
            assert _unsized_terminal(terminal) == {
                "ncols": columns or 60,
                "nrows": lines or 20,
            }
    finally:
        os.close(main_fd)
        os.close(terminal_fd)
