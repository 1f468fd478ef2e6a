"""``python -m lstmkit`` and the ``lstmkit`` console script.

The command line imports only the module of the command given, and torch only once the command
runs (``--help`` and ``--version`` never do). A Ctrl-C during any of those imports ends the program
as one anywhere else does (``interrupted``, exit code 130), without a traceback. The package
itself imports nothing heavy (its names load on first use), so this covers the whole start.
"""

from __future__ import annotations

import sys


def run() -> int:
    """Import the command line and run it; its exit code. What stdout holds yet is written
    here, so that a reader gone (``lstmkit datasets | head -1``) gives exit code 141 without a
    traceback wherever the output stopped, in the command's run or after it (``--help``).

    Where a call that Ctrl-C or SIGTERM stopped waiting for still runs in a thread of its own
    (``text predict`` of a long text, :func:`lstmkit._interrupts._interruptible`), the process
    ends here, its output flushed: Python's shutdown freed torch under that thread, and the
    process died of a segmentation fault (exit code 139 where 143 was due)."""
    try:
        code = _run()
    except KeyboardInterrupt as err:  # a second Ctrl-C while the first one was reported
        from lstmkit._interrupts import _Terminated

        # it left here past the os._exit below, and the shutdown aborted (exit code 134)
        code = 143 if isinstance(err, _Terminated) else 130
    from lstmkit._interrupts import _flush_std_streams, _work_left_running  # torch-free

    if _work_left_running():
        import os
        import signal

        # a further Ctrl-C or SIGTERM ends the process by its default action from here on,
        # not by an exception that would skip the os._exit
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_DFL)
        _flush_std_streams()
        os._exit(code)
    return code


def _run() -> int:
    """:func:`run`'s work: the command's exit code."""
    try:
        from lstmkit.cli import PIPE_CLOSED, main, reader_gone, stdout_dropped, stdout_refused

        try:
            code = main()  # it stops a running command on Ctrl-C itself; this covers the start
        except SystemExit as stop:  # argparse's --help, --version and usage errors
            if stop.code is None or isinstance(stop.code, int):
                code = stop.code or 0
            else:  # sys.exit("message"): written to stderr with exit code 1, as Python does
                _to_stderr(stop.code)
                code = 1
        except BrokenPipeError:  # the help, written before any command ran
            return reader_gone()
        except OSError as err:  # the help refused by stdout (`--help > /dev/full`)
            if (said := stdout_refused(err)) is None:
                raise
            _to_stderr(f"error: {said}")
            stdout_dropped()
            return 1
        if code == PIPE_CLOSED:
            return reader_gone()
        try:
            if sys.stdout is not None:  # None where stdout is closed (>&-) or absent (pythonw)
                sys.stdout.flush()
        except BrokenPipeError:
            return reader_gone()
        except ValueError:  # closed by the command (`with sys.stdout:`): nothing held, as at exit
            pass
        except OSError as err:
            # the output's end refused (a full disk, `> /dev/full`): a traceback, Python's
            # "Exception ignored" at exit and exit code 120; said in one line, exit code 1
            # (the command's own where it failed already and said why)
            if code == 0:
                _to_stderr(f"error: stdout cannot be written: {err.strerror or err}.")
                code = 1
            stdout_dropped()
        return code
    except KeyboardInterrupt:
        _to_stderr("interrupted")
        return 130


def _to_stderr(message: object) -> None:
    """``message`` on stderr, or nowhere where stderr is closed (``2>&-``): ``print`` to a
    ``sys.stderr`` of None writes to stdout, which a pipe may be reading."""
    if sys.stderr is not None:
        print(message, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(run())
