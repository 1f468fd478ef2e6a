"""The ``device`` setting the workflows share (forecasting and text): one check, one message.

The default, ``"cpu"``, is checked without torch, so that a config can be built (for the command
line's flags and help, say) before torch is loaded."""

from __future__ import annotations

import difflib
import functools
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast

from lstmkit._checks import and_list, as_int, value_repr

if TYPE_CHECKING:
    import torch

    # what a config's `device` takes: a name, a torch.device or an index (stored as its name)
    DeviceLike: TypeAlias = str | torch.device | int
else:
    # a str at run time, where a config is built before torch is loaded (the command line's
    # flags) and typing.get_type_hints must read its fields without torch
    DeviceLike = str


_F = TypeVar("_F", bound=Callable[..., Any])

# Device types torch parses but makes no tensor on: tensor layouts and backends it keeps for old
# code. Their tensors failed with "INTERNAL ASSERT FAILED ..., please report a bug to PyTorch",
# and torch.device("mkldnn") warns that the name is deprecated.
_HOLD_NO_TENSORS = ("mkldnn", "opengl", "opencl", "ideep")

# torch's ROCm builds run AMD GPUs as "cuda" devices: "hip" parses, and its tensors fail there
# too ("Could not run 'aten::empty.memory_format' with arguments from the 'HIP' backend").
_AMD_AS_CUDA = "hip"


def _type_name(device: Any) -> str | None:
    """The device type ``device`` names (``"cuda"`` of ``"cuda:1"``), read without torch for a
    string; ``None`` for what is neither a string nor a ``torch.device``."""
    if isinstance(device, str):
        return device.partition(":")[0]
    import torch

    return device.type if isinstance(device, torch.device) else None


def device_name(device: Any) -> str | None:
    """``device`` as the string torch writes for it (``"cuda:1"``), or None when it names no
    device that computes (``"meta"`` holds shapes only) or has an index torch cannot hold
    (``"cuda:256"``, which torch reads as ``cuda:0``). The CPU is ``"cpu"`` however it is
    spelled (``"cpu:0"``, ``torch.device("cpu", 0)``): there is one, and its tensors say
    ``cpu``; a config's device compared as text refused ``"cpu:0"`` for a model fitted on
    ``"cpu"``.

    An index (``0``, ``np.int64(1)``; not a bool), as ``torch.device(0)`` and ``nn.LSTM(...,
    device=0)`` take one, is the device of that index on the machine's accelerator, as the
    string for it (``"cuda:0"``; ``"mps:0"`` on a Mac; ``"cuda:0"`` where there is none, which
    a fit then refuses as ``"cuda:0"`` is): configs refused ``device=0``. A negative index is
    none.

    Example:
        >>> device_name("cpu:0"), device_name(-1), device_name(True), device_name("meta")
        ('cpu', None, None, None)
    """
    if isinstance(device, str) and device == "cpu":
        return "cpu"
    index = as_int(device)  # np.int64(1) as 1; True is no index
    if index is not None:
        # torch.device(0) itself fails where there is no accelerator ("Cannot access
        # accelerator device when none is available"): the name is read the one way here
        return device_name(f"{_accelerator_type()}:{index}") if index >= 0 else None
    if _type_name(device) in (*_HOLD_NO_TENSORS, _AMD_AS_CUDA):
        return None
    import torch

    if not isinstance(device, str | torch.device):
        return None
    try:
        parsed = torch.device(device)
    except (RuntimeError, ValueError):
        return None
    if parsed.type == "cpu":
        return "cpu"
    if _wrapped_index(device, parsed) is not None:
        return None
    return None if parsed.type == "meta" else str(parsed)


def _accelerator_type() -> str:
    """The device type of this machine's accelerator, as torch reads an index given for a
    device (``"cuda"``, ``"mps"``), ``"cuda"`` where it has none (or torch is older than 2.6)."""
    import torch

    accelerator = getattr(torch, "accelerator", None)  # torch 2.6 and later
    # asked only where there is one: torch 2.6's current_accelerator() raises "Cannot access
    # accelerator device when none is available" (2.7 and later answer None)
    if accelerator is None or not accelerator.is_available():
        return "cuda"
    current = accelerator.current_accelerator()
    return current.type if current is not None else "cuda"


def _wrapped_index(device: Any, parsed: torch.device | None = None) -> str | None:
    """What torch reads a device string as when it cannot hold the index written there, else
    None: torch keeps the index in 8 bits, so ``"cuda:256"`` parses as ``"cuda:0"`` and
    ``"cuda:255"`` as ``"cuda"``. ``parsed``: ``torch.device(device)`` where the caller has it."""
    if not isinstance(device, str) or ":" not in device:
        return None
    if parsed is None:
        import torch

        try:
            parsed = torch.device(device)
        except (RuntimeError, ValueError):
            return None
    return None if parsed.index == int(device.rpartition(":")[2]) else str(parsed)


def same_device(a: DeviceLike, b: DeviceLike) -> bool:
    """Whether two device names (:func:`device_name`'s strings) name the same device, a name
    without an index (``"cuda"``) standing for index 0 (``"cuda:0"``).

    ``"cuda"`` is torch's *current* CUDA device, which is ``cuda:0`` unless
    ``torch.cuda.set_device`` chose another: so a config keeps ``"cuda"`` as it is written
    (rewritten ``"cuda:0"``, it would move a model off the device the caller chose), and only a
    comparison of a fitted config with a new one takes the two for one device (a model fitted
    with ``"cuda"`` refused ``predict`` with ``"cuda:0"`` as a changed config). A pure
    function: it parses the names, and asks CUDA nothing."""
    if a == b:
        return True
    import torch

    x, y = torch.device(a), torch.device(b)
    return x.type == y.type and (x.index or 0) == (y.index or 0)


def _not_a_device(device: Any) -> str:
    kind = _type_name(device)
    # a torch.device named as its string, as check_device names it ('meta', not torch's repr
    # "device(type='meta')")
    got = value_repr(device if kind is None else str(device))
    if kind in _HOLD_NO_TENSORS:
        return (
            f"`device` must name a torch device that computes, got {got}: torch "
            f"keeps the type {kind!r} for old code, and makes no tensor on it; {_works_here()}"
        )
    if kind == _AMD_AS_CUDA:
        return (
            f"`device` must name a torch device that computes, got {got}: torch "
            f"runs AMD GPUs (its ROCm builds) as 'cuda' devices, and makes no tensor on "
            f"{kind!r}; {_works_here()}"
        )
    index = as_int(device)
    if index is not None:  # -1, 128: an index, but none torch holds
        return (
            "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', "
            f"'mps', ...) or its index (0 to 127), got {got}"
        )
    if isinstance(device, str) and re.fullmatch(r"\s*[0-9]{1,3}\s*", device) and int(device) < 128:
        # `--device 0` (the command line's text, or a config given "0"): torch parses no bare
        # index in a string, where the int 0 is taken
        return (
            "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', "
            f"'mps', ...), got {got}: an index is written after its type, "
            f"{f'{_accelerator_type()}:{int(device)}'!r}"
        )
    wrapped = _wrapped_index(device)
    if wrapped is not None:
        return (
            f"`device` must name a torch device that computes, got {got}: torch "
            f"holds a device index from 0 to 127, and reads {device!r} as {wrapped!r}; "
            f"{_works_here()}"
        )
    return (
        "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', "
        f"'mps', ...), got {got}{_meant(device)}"
    )


# the device types a slip of one letter is read against ('cude', 'mpss')
_DEVICE_TYPES = ("cpu", "cuda", "mps", "xpu")


def _meant(device: Any) -> str:
    """What a ``device`` torch parses no device of is told beside its refusal: the device
    meant where one reading is plain, `` (did you mean 'cuda'?)``, for a name in capitals or
    with spaces (``"CUDA"``, ``" cuda:1"``), other tools' ``"gpu"`` (``"gpu:1"``; this
    machine's GPU type: ``'mps'`` on a Mac, ``'cuda'`` elsewhere), an index without its colon
    (``"cuda0"``) or a slip of one letter (``"cude"``); for Lightning's ``"auto"``, that
    lstmkit picks none and what works here; else ``""``. They were told the names alone."""
    if not isinstance(device, str):
        return ""
    text = device.strip().lower()
    if text == "auto":
        from lstmkit._remedies import said_to_caller

        pick = said_to_caller("pass device='cuda' if torch.cuda.is_available() else 'cpu'; ", "")
        return f" (lstmkit picks no device itself: {pick}{_works_here()})"
    found = re.fullmatch(r"([a-z]+)(?::?([0-9]{1,3}))?", text)
    if found is None:
        return ""
    kind, index = found.groups()
    if kind == "gpu":
        import torch

        kind = "mps" if torch.backends.mps.is_available() else "cuda"
    elif kind not in _DEVICE_TYPES:
        close = difflib.get_close_matches(kind, _DEVICE_TYPES, n=2, cutoff=0.75)
        if len(close) != 1:  # 'tpu' is as near 'cpu' as 'xpu': no one reading
            return ""
        kind = close[0]
    meant = kind if index is None or kind == "cpu" else f"{kind}:{int(index)}"
    if meant == device or device_name(meant) is None:
        return ""
    return f" (did you mean {meant!r}?)"


def _works_here() -> str:
    """The devices that work on this machine, without a closing full stop: the CPU, the CUDA
    devices and a Mac's GPU (``"mps"``)."""
    import torch

    works = []
    if torch.cuda.is_available():
        count = torch.cuda.device_count()
        # one read "'cuda:0' to 'cuda:0'"
        works.append("'cuda' ('cuda:0')" if count == 1 else f"'cuda:0' to 'cuda:{count - 1}'")
    if torch.backends.mps.is_available():
        works.append("'mps'")
    return "'cpu' always works" + (f", and {and_list(works)} here" if works else "")


def device_problems(config: Any) -> list[str]:
    """The problems of a frozen config's ``device`` field (and of its ``jobs``, if it has one,
    with it), without a closing full stop; a good device is stored back as torch's string for it
    (``torch.device("cuda")`` → ``"cuda"``, so the config stays JSON-able)."""
    device = device_name(config.device)
    if device is None:
        return [_not_a_device(config.device)]
    object.__setattr__(config, "device", device)
    jobs = getattr(config, "jobs", 1)
    jobs_ok = not isinstance(jobs, int) or jobs <= 1
    if device != "cpu" and not jobs_ok and _device_type(device) != "cpu":
        return [
            f"`jobs` > 1 trains the members in CPU processes; `device` {device!r} needs "
            f"`jobs` 1, got {jobs!r}"
        ]
    return []


def _device_type(device: DeviceLike) -> str:
    import torch

    return torch.device(device).type


def drawn_on(generator: torch.Generator | None) -> torch.device:
    """The device a draw with ``generator`` is made on: the generator's own, and the CPU for
    ``None`` (torch's global CPU generator).

    Pass it as ``device=`` to ``torch.randperm``, ``torch.randint``, ``torch.rand``: without it
    they draw on ``torch.set_default_device``'s device, where a CPU generator fails ("Expected
    a 'cuda' device type for generator" under CUDA). On the CPU it changes no number.
    """
    import torch

    return generator.device if generator is not None else torch.device("cpu")


def check_device(device: DeviceLike) -> None:
    """Raise a ValueError naming ``device`` when this machine cannot compute on it."""
    import torch

    try:
        torch.empty(1, device=device).add_(1)
    # ImportError: "hpu" and "privateuseone" import a torch module this build lacks
    except (RuntimeError, AssertionError, ValueError, ImportError) as err:
        # the availability of the device's own kind: CUDA's says nothing of 'mps' or 'xla'
        kind = _device_type(device)
        if kind == "cuda":
            state = f"; torch.cuda.is_available() is {torch.cuda.is_available()}"
        elif kind == "mps":
            state = f"; torch.backends.mps.is_available() is {torch.backends.mps.is_available()}"
        else:
            state = ""
        raise ValueError(
            f"`device` {str(device)!r} cannot be used here ({_first_sentence(err)}){state}. "
            f"{_works_here()}."
        ) from None


def _first_sentence(err: BaseException) -> str:
    """The first sentence of ``err``'s message: for a backend this torch was built without
    (``"mps"`` off a Mac, ``"xla"``), torch's message is one line of 1,200 characters that
    goes on to list its dispatch keys."""
    line = str(err).splitlines()[0] if str(err) else type(err).__name__
    first = line.split(". ", 1)[0].rstrip(".")
    # torch's words for a backend that registered nothing: no package provides it (torch_xla
    # for "xla"), or this torch was built without it ("mps" off a Mac, "vulkan")
    backend = re.fullmatch(
        r"Could not run '[^']*' with arguments from the '([^']*)' backend", first
    )
    return f"no {backend.group(1)} backend is loaded in this torch" if backend else first


def usable_device(device: Any) -> str:
    """``device`` as torch's string for it, once it is known to name a device this machine can
    compute on (what a loader checks before it reads any file).

    Raises:
        ValueError: When ``device`` names no device that computes, or one not usable here.
    """
    name = device_name(device)
    if name is None:
        raise ValueError(_not_a_device(device) + ".")
    check_device(name)
    return name


# How torch's out-of-memory errors that are plain RuntimeErrors begin: MPS's allocator raises no
# torch.OutOfMemoryError ("MPS backend out of memory (MPS allocated: ...). Tried to allocate 256
# bytes on shared pool. ..."), nor does the CUDA driver, for a context or a library's workspace.
_OUT_OF_MEMORY = ("MPS backend out of memory", "CUDA error: out of memory")


def out_of_memory(err: BaseException) -> bool:
    """Whether ``err`` is a device's out-of-memory error: ``torch.cuda.OutOfMemoryError``
    (``torch.OutOfMemoryError``, from torch 2.4 on), or an MPS or CUDA driver one, which
    torch raises as a plain ``RuntimeError`` (``--device mps`` ended in a traceback)."""
    import torch

    return isinstance(err, torch.cuda.OutOfMemoryError) or (
        isinstance(err, RuntimeError) and str(err).startswith(_OUT_OF_MEMORY)
    )


@contextmanager
def doing(what: str) -> Iterator[None]:
    """Name ``what`` (a message's words: ``"training member 1/3"``) in a device's
    out-of-memory error (:func:`out_of_memory`) raised within it, as its ``lstmkit_doing``
    attribute, for the command line's one line of it (``lstmkit.cli``): torch's message says
    how much it could not allocate, not what for, and ``lstmkit forecast --device cuda
    --hidden-size 100000`` ended in a traceback. The innermost names it; any other error
    passes as it is."""
    try:
        yield
    except RuntimeError as err:
        if out_of_memory(err) and getattr(err, "lstmkit_doing", None) is None:
            err.lstmkit_doing = what  # type: ignore[attr-defined]
        raise


# torch has one global generator per process. Fits in several threads at once (a batch job, a
# service) each seeded it and drew from it in turn, so each drew part of the others' numbers (a
# forecast unlike the same fit alone, 6 of 8 threads), and each put back a state another had
# seeded, which the caller's own draws then continued. One thread at a time holds it.
_generator_lock = threading.RLock()


def _new_generator_lock() -> None:
    """In a forked child: a lock that no thread holds (the one that held it is not copied)."""
    global _generator_lock
    _generator_lock = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_new_generator_lock)


@contextmanager
def callers_rng_kept(device: DeviceLike) -> Iterator[None]:
    """Run the block holding torch's global generators, then put them back as they were.

    Training seeds torch's global generator (the initial weights, dropout); without this, a fit
    would reseed the caller's own random draws, so that the numbers a script draws after it
    were the same whatever it drew before. The CPU generator is restored always, the CUDA ones
    when CUDA is in use (it is initialised, or ``device`` is on it). Blocks in other threads
    wait until this one ends (it may be nested in this thread), so that no two draw from the
    generators at once.
    """
    import torch

    on_cuda = torch.cuda.is_initialized() or _device_type(device) == "cuda"
    devices = list(range(torch.cuda.device_count())) if on_cuda else []
    with _generator_lock, torch.random.fork_rng(devices=devices):
        yield


def _default_device() -> torch.device:
    """Where torch's factories put a tensor made with no ``device=``. ``torch.get_default_device``
    answers on the newer releases; on torch 2.4 to 2.7 it answers ``cpu`` inside ``with
    torch.device("meta")`` (the block's tensors are made on meta), and on torch 2.4 to 2.9 it
    raises ``AttributeError`` ("'NoneType' object has no attribute 'device'") for the rest of
    the process once a caller has run ``torch.set_default_device("meta")`` then
    ``torch.set_default_device(None)``: every training and load failed there. Where it answers
    ``cpu``, or nothing, the device of a new empty tensor answers (on the CPU, or meta: no
    accelerator is woken for it).

    Example:
        >>> _default_device()
        device(type='cpu')
    """
    import torch

    try:
        device = torch.get_default_device()
    except AttributeError:  # torch 2.4-2.9 after set_default_device(x), then (None)
        device = None
    if device is None or device.type == "cpu":
        device = torch.tensor([]).device
    return device


def no_default_device(function: _F) -> _F:
    """``function`` (a training, from its data to its model, or a load) run as it runs where
    the caller set no default device: the CPU's, whatever ``with torch.device("meta")`` or
    ``torch.set_default_device`` names. The config's ``device`` is the model's; a default one
    is the caller's, for what the caller builds. Under a default meta device a model was built
    there, with no weights to move to ``config.device`` ("Cannot copy out of meta tensor"), and
    the class masks of the sentiment training were made there too; a saved model was loaded
    there, with no weights to move. Where no default is set nothing is entered: a device
    context passes every torch call of the block through Python. A decorator of lstmkit's own,
    not ``contextlib``'s: its frame, in lstmkit, is passed over by :func:`user_stacklevel`,
    where contextlib's was the line a warning of the training pointed at."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        import torch

        if _default_device().type == "cpu":
            return function(*args, **kwargs)
        with torch.device("cpu"):
            return function(*args, **kwargs)

    return cast("_F", run)
