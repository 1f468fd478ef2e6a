"""What the review of readleft found: main() called in-process with a closed pipe, a
sys.exit("message") kept, UTF-32 named so, year-weeks only where the whole cell is one, and
the pandas line for negatives in parentheses that reads them with spaces inside."""

from __future__ import annotations

import io
import os
import sys

import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.__main__ import run
from lstmkit._checks import not_utf8
from lstmkit.cli import PIPE_CLOSED, main


def _broken_pipe(args) -> int:
    raise BrokenPipeError(32, "Broken pipe")  # as a write to a pipe whose reader is gone


def test_main_in_process_with_a_stringio_stdout_returns_141(monkeypatch, capsys) -> None:
    # a notebook's or a script's stdout without a file descriptor: reader_gone's
    # os.dup2(..., sys.stdout.fileno()) raised io.UnsupportedOperation out of main()
    monkeypatch.setattr("lstmkit.cli.datasets.run_datasets", _broken_pipe)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert main(["datasets"]) == PIPE_CLOSED == 141
    assert capsys.readouterr().err == ""


def test_main_in_process_leaves_the_processs_stdout_alone(monkeypatch, tmp_path) -> None:
    # main() pointed file descriptor 1 (here a file's) at devnull for good: whatever the
    # notebook or script wrote afterwards was lost
    monkeypatch.setattr("lstmkit.cli.datasets.run_datasets", _broken_pipe)
    with open(tmp_path / "out.txt", "w", encoding="utf-8") as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["datasets"]) == 141
        stdout.write("still here\n")
        monkeypatch.undo()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "still here\n"


def test_the_console_script_with_a_closed_pipe_still_silences_stdout(monkeypatch) -> None:
    # run(), the process's end, points stdout at devnull so the last flush does not raise
    monkeypatch.setattr("lstmkit.cli.datasets.run_datasets", _broken_pipe)
    monkeypatch.setattr(sys, "argv", ["lstmkit", "datasets"])
    read, write = os.pipe()
    os.close(read)
    stdout = io.TextIOWrapper(io.FileIO(write, "w"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    stdout.write("waiting in the buffer\n")
    assert run() == 141
    stdout.flush()  # devnull's now
    monkeypatch.undo()
    stdout.close()


def test_a_sys_exit_with_a_message_keeps_it(monkeypatch, capsys) -> None:
    # run() turned SystemExit("...") into exit code 1 and dropped the message Python prints
    def stop(argv=None):
        raise SystemExit("lstmkit: something went wrong")

    monkeypatch.setattr("lstmkit.cli.main", stop)
    assert run() == 1
    assert capsys.readouterr().err == "lstmkit: something went wrong\n"
