"""Clean-up after a write killed outright: temporary files of a process that is gone.

A temporary name carries :func:`owner` (process id and machine), and :func:`remove_orphans`
removes those whose process no longer runs on this machine.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
from pathlib import Path

# What :func:`owner` gives, with the process id as the first group and the machine as the second:
# ASCII digits without a leading zero, as os.getpid() is written (`\d` took any script's digits,
# '١٢٣' for process 123, and '0123' too, names no save makes)
OWNER = r"([1-9][0-9]*)\.([0-9a-f]{8})"


def owner() -> str:
    """``PID.MACHINE`` for a temporary name: this process's id and 8 hex digits of this
    machine's name, so that a folder shared between machines (a network drive of a cluster)
    never has a live write of another machine taken for a dead one of this machine."""
    return f"{os.getpid()}.{_machine()}"


def _machine() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def remove_orphans(folder: Path, pattern: str) -> None:
    """Remove the entries of ``folder`` whose name matches ``pattern`` (a regular expression
    holding :data:`OWNER`) when their process is gone: the temporary files and folders of a
    save killed outright (SIGKILL, the out-of-memory killer), which had no chance to clean up.
    Those of a live process (another save into ``folder`` now), of another machine, of another
    user's process, and every one on Windows (where ``os.kill(pid, 0)`` would end the
    process) are left alone.

    ``pattern`` matches names that start with ``.`` and end in ``.tmp`` only, as every
    temporary name of lstmkit does: the folder is listed by name alone (no ``stat``, no path
    objects) and any other name is passed over by two string tests, so that a write into a
    folder of thousands of the user's files (frames of an animation, a run per day) costs one
    listing, not a regular expression and a path object per file (5,000 files made a model's
    save take 2-3 times as long as into an empty folder).

    The clean-up never stops the write it precedes: a folder that cannot be listed (write
    and search permission only, a drop box) and an orphan that cannot be removed (another
    user's, in a shared folder with the sticky bit) are left as they are.
    """
    if os.name == "nt":
        return
    try:
        names = os.listdir(folder)
    except OSError:
        return
    temporary = [name for name in names if name.startswith(".") and name.endswith(".tmp")]
    if not temporary:
        return
    orphan, machine = re.compile(pattern), _machine()
    for name in temporary:
        match = orphan.fullmatch(name)
        if match is None or match.group(2) != machine or int(match.group(1)) == os.getpid():
            continue
        try:
            os.kill(int(match.group(1)), 0)  # signal 0: only asks whether it exists
        except ProcessLookupError:
            entry = folder / name
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    entry.unlink(missing_ok=True)
        except (OSError, OverflowError):  # another user's process, or no process id at all
            continue
