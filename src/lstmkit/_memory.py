"""How much memory this process may take: the machine's, or its container's limit where that is
smaller. Read with the standard library alone, so that ``lstmkit demo`` can refuse a size too
large before it imports torch, with the same reader as ``Forecaster.predict``'s."""

from __future__ import annotations

import numbers
import operator
import os
import shutil
from pathlib import Path

# Where Linux tells a process its control groups, and where it mounts their files.
PROC_CGROUP = Path("/proc/self/cgroup")
CGROUP_ROOT = Path("/sys/fs/cgroup")
# Where Linux tells the machine's swap (SwapTotal).
MEMINFO = Path("/proc/meminfo")

# No machine holds this much (4 EiB): a limit as large is cgroup v1's "no limit", 2**63 - 1
# rounded down to its pages (9223372036854771712 with 4 KiB pages), where the machine's own
# memory is not known to compare with.
_UNLIMITED = 2**62


class MemoryLimitError(RuntimeError):
    """What this machine's memory cannot hold, refused in lstmkit's words before torch is asked
    for it (a module's parameters): one line from the CLI, where any other ``RuntimeError``
    keeps its traceback."""


def physical_memory() -> int | None:
    """This machine's memory in bytes (RAM, as the OS counts its pages), or None where the OS
    does not say (Windows has no ``sysconf``)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None


def swap_memory(meminfo: Path | None = None) -> int | None:
    """This machine's swap in bytes (``SwapTotal`` of ``meminfo``, :data:`MEMINFO` by
    default; 0 where there is none), or None where the OS does not say (not Linux: macOS grows
    its swap as it needs)."""
    try:
        lines = (MEMINFO if meminfo is None else meminfo).read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        name, _, value = line.partition(":")
        if name == "SwapTotal" and (number := value.split()[:1]) and number[0].isdigit():
            return int(number[0]) * 1024  # its "kB" are KiB
    return None


def container_memory(
    proc: Path | None = None, root: Path | None = None, machine: int | None = None
) -> int | None:
    """The memory limit in bytes of this process's control group (a container's, a Slurm
    job's), or None where none is set or the OS does not say (not Linux). cgroup v2's
    ``memory.max`` (``max``: no limit), v1's ``memory.limit_in_bytes`` (a huge number: no
    limit), of the process's own group and of those above it, which limit it too; the
    smallest. Inside a container the mount is often the container's own group while ``proc``
    (``/proc/self/cgroup``) names it from the host's: the mount's top is read as well. A limit
    of the ``machine``'s memory (bytes) or more limits nothing: None, as for v1's "no limit"
    (9223372036854771712 was returned as a limit). ``proc`` and ``root`` default to
    :data:`PROC_CGROUP` and :data:`CGROUP_ROOT`."""
    proc = PROC_CGROUP if proc is None else proc
    root = CGROUP_ROOT if root is None else root
    try:
        lines = proc.read_text().splitlines()
    except OSError:
        return None
    places = []
    for line in lines:
        number, controllers, path = [*line.split(":", 2), "", ""][:3]
        if number == "0" and controllers == "":  # v2: one hierarchy
            places.append((root, path, "memory.max"))
        elif "memory" in controllers.split(","):  # v1: the memory controller's own
            places.append((root / "memory", path, "memory.limit_in_bytes"))
    unlimited = min(machine, _UNLIMITED) if machine is not None else _UNLIMITED
    limits = []
    for top, path, name in places:
        parts = [p for p in path.split("/") if p]
        for depth in range(len(parts) + 1):
            try:
                text = (top.joinpath(*parts[:depth]) / name).read_text().strip()
            except OSError:  # not there (a group named from the host's view), not readable
                continue
            if text.isdigit() and int(text) < unlimited:
                limits.append(int(text))
    return min(limits, default=None)


def smaller_limit(machine: int | None, container: int | None) -> tuple[int, str] | None:
    """The smaller of the ``machine``'s memory and its ``container``'s limit (bytes, None where
    unknown) and what sets it, in a message's words; None where neither is known."""
    if container is not None and (machine is None or container < machine):
        return container, "this container's memory limit"
    if machine is not None:
        return machine, "this machine's memory"
    return None


def memory_limit() -> tuple[int, str] | None:
    """The memory this process may take at most and what sets it (:func:`smaller_limit`): a
    container limited to 2 GiB on a 512 GiB host was told the host's memory."""
    machine = physical_memory()
    return smaller_limit(machine, container_memory(machine=machine))


def refusal_limit() -> tuple[int, str] | None:
    """The most memory a process can take before it must fail, and its words in a refusal:
    :func:`memory_limit` and the swap (:func:`swap_memory`) together, ``(25769803776, "this
    machine's memory (16 GiB) and the swap (8 GiB) together")``, the memory's alone without
    swap (``"this machine's memory (16 GiB)"``); where the swap is not known, the free disk
    it may grow into (:func:`disk_room`) stands for it; None where neither is known. The one rule
    of every hard refusal of what cannot run (a module's parameters, ``lstmkit demo``'s gates,
    ``Forecaster.predict``'s forecast): swapped out, what passes the memory still runs
    (slowly), only what passes both is sure to fail (macOS grows its swap as it needs, into
    the free disk at the most). Not for an estimate of what stays fast, which the swap
    would only slow."""
    if (limit := memory_limit()) is None:
        return None
    memory, limited_by = limit
    words = f"{limited_by} ({in_bytes(memory)})"
    if (swap := swap_memory()) is None:
        # a swap the OS grows as it needs grows into the free disk at the most: past both,
        # predict(2**62) or a 10**9-unit layer is still sure to fail
        if (room := disk_room()) is None:
            return None
        return (
            memory + room,
            f"{words} and the free disk its swap may grow into ({in_bytes(room)}) together",
        )
    if swap:
        words += f" and the swap ({in_bytes(swap)}) together"
    return memory + swap, words


def disk_room() -> int | None:
    """The free bytes of the disk that holds the root folder, which a swap the OS grows as it
    needs (macOS's) cannot outgrow; None where the OS does not say."""
    try:
        return shutil.disk_usage(Path("/").resolve().anchor).free
    except OSError:
        return None


def in_bytes(size: int) -> str:
    """``size`` bytes in binary units, 3 significant digits: ``'31.3 GiB'``, ``'4 EiB'``,
    ``'2.56e+10 YiB'`` past them; the words of every memory refusal (``Forecaster.predict``'s,
    ``lstmkit demo``'s). Any integer, numpy's too (``np.prod`` of a shape: it failed with
    "'numpy.int64' object has no attribute 'bit_length'").

    Raises:
        TypeError: for a ``size`` that is no integer, a bool or a float (``1.5`` failed with
            "'float' object has no attribute 'bit_length'", ``True`` was ``'1 bytes'``).

    Example:
        >>> in_bytes(512), in_bytes(2**62 * 72), in_bytes(33_554_432_000), in_bytes(2**20)
        ('512 bytes', '288 EiB', '31.2 GiB', '1 MiB')
        >>> in_bytes(1023), in_bytes(2**30 - 1)
        ('0.999 KiB', '1 GiB')
    """
    if isinstance(size, bool) or not isinstance(size, numbers.Integral):
        from lstmkit._checks import refused_type  # numpy's: only where refused

        raise TypeError(
            f"`size` must be an integer number of bytes, got {refused_type(size, int)}."
        )
    size = operator.index(size)  # numpy's integers as Python's: no bit_length, a fixed width
    units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
    power = min(max(size.bit_length() - 1, 0) // 10, len(units) - 1)
    # 1000 to 1023 of a unit in the next one: .3g wrote 1023 bytes "1.02e+03 bytes"
    if size >= 999.5 * 1024**power and power < len(units) - 1:
        power += 1
    return f"{size / 1024**power:.3g} {units[power]}"
