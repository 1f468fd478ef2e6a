"""``python -m lstmkit`` and the ``lstmkit`` console script.

The command line imports only the module of the command given, and torch only once the command
runs (``--help`` and ``--version`` never do). A Ctrl-C during any of those imports ends the program
as one anywhere else does (``interrupted``, exit code 130), without a traceback. The package
itself imports nothing heavy (its names load on first use), so this covers the whole start.
"""

from __future__ import annotations

import sys


def run() -> int:
    """Import the command line and run it; its exit code."""
    try:
        from lstmkit.cli import main

        return main()  # it stops a running command on Ctrl-C itself; this covers the start
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(run())
