"""Clean-up after a write killed outright: temporary files of a process that is gone."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path


def remove_orphans(folder: Path, pattern: str) -> None:
    """Remove the entries of ``folder`` whose name matches ``pattern`` (a regular expression
    whose first group is a process id) and whose process is gone: the temporary files and
    folders of a save killed outright (SIGKILL, the out-of-memory killer), which had no chance
    to clean up. Those of a live process (another save into ``folder`` now), of another user's,
    and every one on Windows (where ``os.kill(pid, 0)`` would end the process) are left alone.
    """
    if os.name == "nt":
        return
    for entry in folder.iterdir():
        match = re.fullmatch(pattern, entry.name)
        if match is None or int(match.group(1)) == os.getpid():
            continue
        try:
            os.kill(int(match.group(1)), 0)  # signal 0: only asks whether it exists
        except ProcessLookupError:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        except OSError:  # another user's process, or one that cannot be asked
            continue
