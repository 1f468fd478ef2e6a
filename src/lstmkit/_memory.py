"""How much memory this process may take: the machine's, or its container's limit where that is
smaller. Read with the standard library alone, so that ``lstmkit demo`` can refuse a size too
large before it imports torch, with the same reader as ``Forecaster.predict``'s."""

from __future__ import annotations

import numbers
import operator
import os
import shutil
from contextvars import ContextVar
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

# cgroup v2's files of a group's memory and of its swap, and v1's (memory and swap together)
_V2_FILES = ("memory.max", "memory.swap.max")
_V1_FILES = ("memory.limit_in_bytes", "memory.memsw.limit_in_bytes")


class MemoryLimitError(RuntimeError):
    """What this machine's memory cannot hold, refused in lstmkit's words before torch is asked
    for it (a module's parameters): one line from the CLI, where any other ``RuntimeError``
    keeps its traceback."""


def physical_memory() -> int | None:
    """This machine's memory in bytes (RAM, as the OS counts its pages), or None where the OS
    does not say (Windows has no ``sysconf``)."""
    try:
        size, pages = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None
    # sysconf's -1 is "not known" (it returned -4096, and every module was refused "more than
    # this machine's memory (-4 KiB)"); each is read, as two -1 made 1 byte
    return size * pages if size > 0 and pages > 0 else None


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
        if name == "SwapTotal" and (number := value.split()[:1]) and number[0].isdecimal():
            return int(number[0]) * 1024  # its "kB" are KiB
    return None


# The control groups' numbers already read while :func:`refusal_limit` runs, by (proc, root):
# it reads the memory limit and the swap limit, and each walked the groups' files again (about
# 0.3 ms a walk, on every predict and every large module built)
_READ: ContextVar[dict[tuple[Path | None, Path | None], dict[str, list[int]]] | None] = ContextVar(
    "lstmkit_cgroup_numbers", default=None
)


def _cgroup_numbers(proc: Path | None, root: Path | None) -> dict[str, list[int]]:
    """:func:`_read_cgroup_numbers`, read once while :func:`refusal_limit` runs (a copy each
    time: callers add to the lists)."""
    read = _READ.get()
    if read is None:
        return _read_cgroup_numbers(proc, root)
    if (proc, root) not in read:
        read[proc, root] = _read_cgroup_numbers(proc, root)
    return {name: list(found) for name, found in read[proc, root].items()}


def _read_cgroup_numbers(proc: Path | None, root: Path | None) -> dict[str, list[int]]:
    """The numbers of this process's control groups' memory files, by file name: cgroup v2's
    ``memory.max`` and ``memory.swap.max``, v1's ``memory.limit_in_bytes`` and
    ``memory.memsw.limit_in_bytes``, of the process's own group and of those above it, which
    limit it too; a file not there, not readable or not a number (v2's ``max``: no limit) adds
    none. Inside a container the mount is often the container's own group while ``proc``
    (``/proc/self/cgroup``) names it from the host's: the mount's top is read as well.
    ``proc`` and ``root`` default to :data:`PROC_CGROUP` and :data:`CGROUP_ROOT`."""
    proc = PROC_CGROUP if proc is None else proc
    root = CGROUP_ROOT if root is None else root
    numbers: dict[str, list[int]] = {name: [] for name in (*_V2_FILES, *_V1_FILES)}
    try:
        lines = proc.read_text().splitlines()
    except OSError:
        return numbers
    places = []
    for line in lines:
        number, controllers, path = [*line.split(":", 2), "", ""][:3]
        if number == "0" and controllers == "":  # v2: one hierarchy
            places.append((root, path, _V2_FILES))
        elif "memory" in controllers.split(","):  # v1: the memory controller's own
            places.append((root / "memory", path, _V1_FILES))
    for top, path, names in places:
        parts = [p for p in path.split("/") if p]
        for depth in range(len(parts) + 1):
            for name in names:
                try:
                    text = (top.joinpath(*parts[:depth]) / name).read_text().strip()
                except OSError:  # not there (a group named from the host's view), not readable
                    continue
                if text.isdecimal():
                    numbers[name].append(int(text))
    return numbers


def container_memory(
    proc: Path | None = None, root: Path | None = None, machine: int | None = None
) -> int | None:
    """The memory limit in bytes of this process's control group (a container's, a Slurm
    job's), or None where none is set or the OS does not say (not Linux). cgroup v2's
    ``memory.max`` (``max``: no limit), v1's ``memory.limit_in_bytes`` (a huge number: no
    limit), of the process's own group and of those above it (:func:`_cgroup_numbers`); the
    smallest. A limit of the ``machine``'s memory (bytes) or more limits nothing: None, as for
    v1's "no limit" (9223372036854771712 was returned as a limit); so does one of 0, which no
    running process is held to (it refused every module, "more than this container's memory
    limit (0 bytes)"). ``proc`` and ``root`` default to :data:`PROC_CGROUP` and
    :data:`CGROUP_ROOT`."""
    numbers = _cgroup_numbers(proc, root)
    unlimited = min(machine, _UNLIMITED) if machine is not None else _UNLIMITED
    limits = numbers["memory.max"] + numbers["memory.limit_in_bytes"]
    return min((n for n in limits if 0 < n < unlimited), default=None)


def container_swap(proc: Path | None = None, root: Path | None = None) -> int | None:
    """The most swap in bytes this process's control group may use, or None where no limit is
    set or the OS does not say: a container with ``memory.swap.max`` 0 on a host of 64 GiB of
    swap was counted those 64 GiB. cgroup v2's ``memory.swap.max`` (``max``: no limit), the
    smallest of the group's and those above it; v1's ``memory.memsw.limit_in_bytes`` counts
    memory and swap together: its smallest less the smallest ``memory.limit_in_bytes`` (a huge
    number: no limit). ``proc`` and ``root`` as :func:`container_memory`'s."""
    numbers = _cgroup_numbers(proc, root)
    limits = numbers["memory.swap.max"]
    if together := [n for n in numbers["memory.memsw.limit_in_bytes"] if n < _UNLIMITED]:
        memory = min(numbers["memory.limit_in_bytes"], default=0)
        limits.append(max(min(together) - memory, 0))
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
    token = _READ.set({})
    try:
        return _refusal_limit()
    finally:
        _READ.reset(token)


def _refusal_limit() -> tuple[int, str] | None:
    """:func:`refusal_limit`, the control groups' files read by it."""
    if (limit := memory_limit()) is None:
        return None
    memory, limited_by = limit
    words = f"{limited_by} ({in_bytes(memory)})"
    swap, swap_words = swap_memory(), "the swap"
    # a container's swap limit below the machine's swap (memory.swap.max 0: none) is all it
    # may take; where the machine's swap is not said, still the most it may take
    if (most := container_swap()) is not None and (swap is None or most < swap):
        swap, swap_words = most, "this container's swap limit"
    if swap is None:
        # a swap the OS grows as it needs grows into the free disk at the most: past both,
        # predict(2**62) or a 10**9-unit layer is still sure to fail
        if (room := disk_room()) is None:
            return None
        return (
            memory + room,
            f"{words} and the free disk its swap may grow into ({in_bytes(room)}) together",
        )
    if swap:
        words += f" and {swap_words} ({in_bytes(swap)}) together"
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
