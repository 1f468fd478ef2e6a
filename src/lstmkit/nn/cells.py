"""One time step of an LSTM (optionally with peepholes) or a GRU.

Shapes: ``B`` batch, ``I`` input features, ``H`` hidden units. Parameters follow ``torch.nn``'s
names and layout, so ``state_dict`` moves unchanged between these cells and ``torch.nn.LSTMCell`` /
``torch.nn.GRUCell``: ``weight_ih`` [G*H, I], ``weight_hh`` [G*H, H], ``bias_ih`` and ``bias_hh``
[G*H], with the G gate blocks stacked in the order i, f, g, o (LSTM, G = 4) or r, z, n (GRU, G = 3).
"""

from __future__ import annotations

import math
import numbers
import reprlib
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, NoReturn, TypeVar

import numpy as np
import torch
from torch import Tensor, nn

from lstmkit._checks import (
    ConfigTypeError,
    TextForNumberError,
    _not_positive,
    as_bool,
    as_int,
    count_too_large,
    held_whole_hint,
    plain_repr,
    text_refusal,
    typed_repr,
    value_repr,
    whole_float_hint,
)
from lstmkit._lazy import public_dir
from lstmkit._reprs import shape
from lstmkit.nn._arguments import _KerasHinted, _public_name, checked_arguments

__all__ = ["GRU_GATES", "LSTM_GATES", "GRUCell", "GateParams", "LSTMCell", "MixedArgumentError"]
__dir__ = public_dir(globals())

_T = TypeVar("_T")

LSTM_GATES = ("input", "forget", "candidate", "output")
GRU_GATES = ("reset", "update", "new")
# Which peephole vector feeds which LSTM gate (the candidate has none).
_PEEPHOLE_OF = {"input": "ci", "forget": "cf", "output": "co"}


@dataclass(frozen=True)
class GateParams:
    """The parameters of one gate, as views of the stored (fused) weights.

    Editing a view in place (under ``torch.no_grad()``) edits the model.

    Attributes:
        weight_ih: input weights ``W`` of the gate, [H, I].
        weight_hh: recurrent weights ``U`` of the gate, [H, H] ([H, P] in a layer with
            ``proj_size`` P).
        bias_ih: input bias, [H], or None without bias.
        bias_hh: recurrent bias, [H], or None without bias.
        weight_c: peephole weights, [H], for the input, forget and output gates of a peephole
            LSTM; None otherwise.
    """

    weight_ih: Tensor
    weight_hh: Tensor
    bias_ih: Tensor | None
    bias_hh: Tensor | None
    weight_c: Tensor | None = None

    def __repr__(self) -> str:
        """The shapes of its views, not their values (the dataclass's repr printed every weight:
        33,666 characters for ``LSTM(8, 64).gates()``)."""
        views = ", ".join(f"{view.name} {shape(getattr(self, view.name))}" for view in fields(self))
        return f"GateParams({views})"

    @property
    def W(self) -> Tensor:
        """Alias of ``weight_ih``."""
        return self.weight_ih

    @property
    def U(self) -> Tensor:
        """Alias of ``weight_hh``."""
        return self.weight_hh

    @property
    def b(self) -> Tensor | None:
        """The gate's total bias ``bias_ih + bias_hh`` (a new tensor, not a view).

        Not for a GRU's ``new`` gate, whose ``bias_hh`` (``b_hn``) sits inside
        ``r ⊙ (W_hn h + b_hn)``: there the two biases are not one sum, and ``b`` raises.

        Raises:
            AttributeError: for a GRU's ``new`` gate with biases (it returned their sum, a
                bias its equation has not).
        """
        if self.bias_ih is None or self.bias_hh is None:
            return None
        return self.bias_ih + self.bias_hh


class _GRUNewGate(GateParams):
    """A GRU's ``new`` gate, whose ``bias_hh`` sits inside ``r ⊙ (W_hn h + b_hn)``: its two
    biases are no one sum, so ``b`` (their sum for every other gate) raises."""

    @property
    def b(self) -> Tensor | None:
        """None without biases; otherwise refused (see :attr:`GateParams.b`)."""
        if self.bias_ih is None or self.bias_hh is None:
            return None
        raise AttributeError(
            "a GRU's `new` gate has no one bias `b`: its `bias_hh` (b_hn) sits inside "
            "r ⊙ (W_hn h + b_hn), so `bias_ih + bias_hh` is no term of its equation; use "
            "`bias_ih` and `bias_hh`."
        )


class _GateViews(dict[str, GateParams]):
    """:meth:`gates`' dict, whose missing key is named with the gates it has: ``"f"``, as a
    trace names the forget gate, was a bare ``KeyError: 'f'``."""

    def __missing__(self, key: object) -> GateParams:
        raise KeyError(f"no gate {key!r}; the gates are {', '.join(map(repr, self))}")


def _gate_views(
    names: tuple[str, ...],
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None,
    bias_hh: Tensor | None,
    peepholes: dict[str, Tensor] | None,
) -> dict[str, GateParams]:
    """Split fused weights into per-gate views (row blocks of ``H`` rows each)."""
    hidden = weight_hh.shape[0] // len(names)  # not shape[1], which is proj_size with one
    views = _GateViews()
    for k, name in enumerate(names):
        rows = slice(k * hidden, (k + 1) * hidden)
        peep = None
        if peepholes is not None and name in _PEEPHOLE_OF:
            peep = peepholes[_PEEPHOLE_OF[name]]
        gate = _GRUNewGate if names == GRU_GATES and name == "new" else GateParams
        views[name] = gate(
            weight_ih=weight_ih[rows],
            weight_hh=weight_hh[rows],
            bias_ih=None if bias_ih is None else bias_ih[rows],
            bias_hh=None if bias_hh is None else bias_hh[rows],
            weight_c=peep,
        )
    return views


def _count_problem(name: str, value: object) -> tuple[str, type[Exception]] | None:
    """The refusal of ``value`` given for the count ``name`` (a size, ``num_layers``) and its
    kind, as :func:`~lstmkit._checks.positive_int`, the configs and the text models judge a
    count: a ``TypeError`` for what is no real number (``None``, a tensor, a bool), a
    ``ValueError`` for an integer below 1 or past :data:`~lstmkit._checks.MAX_COUNT`, and both
    (:class:`~lstmkit._checks.ConfigTypeError`) for a number of a type that is no integer
    (``1.5``, ``4.0``, ``np.float64(4.0)``): a ``ValueError`` as ``CharLMConfig`` and
    ``TextClassifier`` say of it, and the ``TypeError`` that ``torch.nn.LSTM(3, 4.0)`` raises,
    so that code catching torch's around a drop-in constructor catches it too (it was a
    ``ValueError`` alone); None for a good one. Numpy integers are taken (``np.arange`` of a
    grid). Text is refused in their words, which :func:`_check_positive_ints` then tells the
    number it reads as."""
    count = as_int(value)
    if isinstance(value, (str, bytes)):
        return f"`{name}` must be a positive integer, got {value_repr(value)}.", TypeError
    # a timedelta64 too, which numpy registers as an integer (a duration is no count)
    if isinstance(value, (bool, np.bool_, np.timedelta64)) or not isinstance(value, numbers.Real):
        # int(x) where it would be taken: torch.tensor(4.0) too, not torch.tensor(-2)
        got = typed_repr(value, reprlib.repr(value)) + held_whole_hint(value)
        return f"`{name}` must be a positive integer, got {got}.", TypeError
    kind = ValueError if isinstance(value, numbers.Integral) else ConfigTypeError
    if (large := count_too_large(value, f"`{name}`")) is not None:
        # torch's C++ refused it ("Overflow when unpacking long long", a traceback of frames)
        return large + ".", kind
    if count is None or count < 1 or kind is ConfigTypeError:
        # a refused value plainly (-5, not np.int64(-5)); a float with its type (plain_repr)
        shown = f"{plain_repr(value)}{whole_float_hint(value)}"
        return f"`{name}` must be a positive integer, got {shown}.", kind
    return None


def _check_positive_ints(**counts: object) -> list[int]:
    """The ``counts`` (``input_size=..., hidden_size=...``) as Python ints >= 1, or one error
    listing every count's problem at once (:func:`_count_problem`): a
    :class:`~lstmkit._checks.TextForNumberError` where one is text, told the number it reads as
    as a config's field is (``LSTM(1, "4")`` said "got str '4'" and nothing of the number, and
    ``LSTM("1", "4")`` named ``input_size`` alone); else a ``TypeError`` or a ``ValueError`` by
    the problems' kind, both (:class:`~lstmkit._checks.ConfigTypeError`) where they mix."""
    problems = {name: _count_problem(name, value) for name, value in counts.items()}
    found = [problem for problem in problems.values() if problem is not None]
    if not found:
        return [int(value) for value in counts.values()]  # type: ignore[call-overload]
    message = " ".join(text for text, _ in found)
    texts = {n: v for n, v in counts.items() if isinstance(v, (str, bytes))}
    if texts:
        raise text_refusal(message, texts, _not_positive)  # what positive_int refuses too
    kinds = {kind for _, kind in found}
    if len(kinds) > 1:
        raise ConfigTypeError(message)
    raise kinds.pop()(message)


class _Problems:
    """A constructor's refusals, gathered so that one error lists them all, as a config's
    ``__post_init__`` does: ``GRU(5, 4, proj_size='x', peephole=True)`` told the text alone,
    and its fix met the peephole's refusal next. Each check runs through :meth:`check`; then
    :meth:`refuse` raises their messages at once, of the kind :func:`_check_positive_ints`
    gives the sizes: :class:`~lstmkit._checks.TextForNumberError` where one is text for a
    number, ``TypeError`` where all are wrong types, ``ValueError`` where all are bad values,
    and :class:`~lstmkit._checks.ConfigTypeError` (both) where they mix."""

    def __init__(self) -> None:
        self.errors: list[TypeError | ValueError] = []

    def check(self, check: Callable[..., _T], *args: object, **kwargs: object) -> _T | None:
        """``check(*args, **kwargs)``'s result, or None where it refused (kept to raise)."""
        try:
            return check(*args, **kwargs)
        except (TypeError, ValueError) as err:
            self.errors.append(err)
            return None

    def refuse(self) -> None:
        """Raise the gathered refusals as one error; return where there are none."""
        if not self.errors:
            return
        message = " ".join(str(err) for err in self.errors)
        if any(isinstance(err, TextForNumberError) for err in self.errors):
            raise TextForNumberError(message)
        types = any(isinstance(err, TypeError) for err in self.errors)
        values = any(not isinstance(err, TypeError) for err in self.errors)
        if any(isinstance(err, ConfigTypeError) for err in self.errors) or (types and values):
            raise ConfigTypeError(message)
        raise (TypeError if types else ValueError)(message)


def _empty_parameter(owner: object, name: str, *size: int, **kw: object) -> nn.Parameter:
    """An uninitialized parameter ``name`` of ``owner`` (a module being built), or a refusal
    naming it, its shape and its bytes where memory cannot hold it: ``LSTM(5, 10**9)`` told
    only torch's allocator ("[enforce fail at alloc_cpu.cpp:127] ... you tried to allocate
    80000000000 bytes"), or "Storage size calculation overflowed" past 2**63-1 bytes."""
    try:
        return nn.Parameter(torch.empty(*size, **kw))
    except RuntimeError as err:  # torch.cuda.OutOfMemoryError too, a RuntimeError
        if not any(w in str(err) for w in ("allocate", "Storage size calculation overflowed")):
            raise
        from lstmkit import _memory

        dtype = kw.get("dtype") or torch.get_default_dtype()
        needed = math.prod(size) * dtype.itemsize  # type: ignore[union-attr]
        # torch's class kept: a caller's `except torch.cuda.OutOfMemoryError` still catches it
        cuda = isinstance(err, torch.cuda.OutOfMemoryError)
        kind = type(err) if cuda else _memory.MemoryLimitError
        raise kind(
            f"{_public_name(owner)}'s `{name}` of shape {size} needs {_memory.in_bytes(needed)} "
            f"({str(dtype).removeprefix('torch.')}), more than torch could allocate."
        ) from None


# Below this many bytes of parameters a module is built without reading the memory limit (a few
# files under /proc and /sys): no machine or container that runs torch holds less.
_FITS_ANYWHERE = 2**26


def _check_memory(
    owner: object, shapes: list[tuple[str, tuple[int, ...]]], device: object, dtype: object
) -> None:
    """Refuse, before any is allocated, parameters ``shapes`` (name, shape) of ``owner`` (a
    module being built) that together pass the memory of this machine or its container and
    the swap together (:func:`lstmkit._memory.refusal_limit`), on the CPU alone: where memory
    is overcommitted (Linux's default) a huge ``torch.empty`` succeeded, and
    ``reset_parameters``, writing to it, was killed or failed; the first tensor too large
    alone is named, else the largest. Nothing is checked where the limit is not known (a swap
    of unknown size counts as the free disk it may grow into), or for another device (its
    allocator refuses what it cannot hold: :func:`_empty_parameter`)."""
    dtype = dtype or torch.get_default_dtype()
    sizes = [math.prod(size) * dtype.itemsize for _, size in shapes]  # type: ignore[union-attr]
    if sum(sizes) <= _FITS_ANYWHERE:
        return
    from lstmkit import _memory
    from lstmkit._device import _default_device

    try:
        # not torch.get_default_device(): torch 2.4 to 2.7's answers `cpu` inside `with
        # torch.device("meta")`, where a module of terabytes, which meta does not allocate,
        # was refused as more than this machine's memory
        where = _default_device() if device is None else torch.device(device)  # type: ignore[arg-type]
    except (RuntimeError, TypeError, ValueError):  # torch words a device it cannot read
        return

    # Swapped out, parameters past the memory still work (slowly): only past both is a module
    # sure to fail. A swap of unknown size (macOS grows it as it needs) counts as the free disk.
    if where.type != "cpu" or (limit := _memory.refusal_limit()) is None:
        return
    most, words = limit
    if sum(sizes) <= most:
        return
    shown = str(dtype).removeprefix("torch.")
    over = f"more than {words}"
    alone = [k for k, n in enumerate(sizes) if n > most]
    k = alone[0] if alone else sizes.index(max(sizes))
    (name, size), needs = shapes[k], _memory.in_bytes(sizes[k])
    if alone:
        raise _memory.MemoryLimitError(
            f"{_public_name(owner)}'s `{name}` of shape {size} needs {needs} ({shown}), {over}."
        )
    raise _memory.MemoryLimitError(
        f"{_public_name(owner)}'s parameters need {_memory.in_bytes(sum(sizes))} together "
        f"({shown}), {over}; the largest, `{name}` of shape {size}, needs {needs}."
    )


def _check_dtype_arg(dtype: object) -> None:
    """Refuse a ``dtype`` argument that is no floating-point ``torch.dtype``: a name
    (``"float64"``, as Keras takes it) or numpy's met torch's "empty(): argument 'dtype' must
    be torch.dtype, not str", an integer dtype "Only Tensors of floating point and complex
    dtype can require gradients"; a complex one made a module that refused every input, its
    own dtype too ("`input` must be a floating-point tensor")."""
    if dtype is None or (isinstance(dtype, torch.dtype) and dtype.is_floating_point):
        return
    shown = reprlib.repr(dtype)
    if isinstance(dtype, type):  # np.float64, float: "<class 'numpy.float64'>" said less
        shown = dtype.__qualname__
        shown = shown if dtype.__module__ == "builtins" else f"{dtype.__module__}.{shown}"
    raise TypeError(
        f"`dtype` must be a floating-point torch.dtype (torch.float32, torch.float64, ...) or "
        f"None, got {shown}."
    )


_CONVERTERS = {
    torch.float64: ".double()",
    torch.float32: ".float()",
    torch.float16: ".half()",
    torch.bfloat16: ".bfloat16()",
}


def _converter(dtype: torch.dtype) -> str:
    """The method that converts a tensor to ``dtype``: ``".float()"``, ``".to(torch.int8)"``."""
    return _CONVERTERS.get(dtype, f".to({dtype})")


def _conversion_hint(
    x: object,
    dtype: torch.dtype,
    name: str = "input",
    why: str = "the parameters' dtype",
    them: str | None = None,
) -> str:
    """How to make ``x``, the argument ``name``, a tensor of ``dtype`` (``why`` says which) when
    it is numbers of another kind (a numpy array, such as ``split_windows``' windows, pandas, a
    list): a hint beginning with ``"; "``, or ``""`` for anything else. ``them``: what is
    converted ("it", or "them" for a plural ``name``, by default)."""
    if isinstance(x, (list, tuple)) and any(isinstance(v, Tensor) for v in x):
        return ""  # a layer's (output, state) pair, say, which torch.as_tensor cannot convert
    if not (hasattr(x, "__array__") or isinstance(x, (list, tuple))) or not _holds_numbers(x):
        return ""
    # torch.as_tensor reads a DataFrame by its column labels, and warns of pandas' read-only
    # arrays (copy-on-write), which torch.tensor copies
    call = (
        f"torch.tensor({name}.to_numpy()" if hasattr(x, "to_numpy") else f"torch.as_tensor({name}"
    )
    if them is None:
        them = "them" if name.endswith("s") else "it"
    return f"; convert {them}, e.g. `{call}, dtype={dtype})` ({why})"


def _holds_numbers(x: object) -> bool:
    """Whether ``x`` reads as an array of numbers: text (``['great movie']``), which the
    conversion's dtype refuses, and a ragged list, which torch cannot stack, do not."""
    try:
        kind = np.asarray(x.to_numpy() if hasattr(x, "to_numpy") else x).dtype.kind
    except (TypeError, ValueError, OverflowError):  # ragged, or no array at all
        return False
    return kind in "biuf"


def _states_not_tensors(
    states: Sequence[object],
    names: Sequence[str],
    weight: Callable[[], Tensor],
    zeros: str = "",
) -> list[tuple[str, type[Exception]]]:
    """A TypeError's message, as :func:`_refuse` takes it, for every state of ``states`` that
    is not a tensor, at once (none where all are), told how to convert the first that holds
    numbers of another kind (an array's state told only "pass hx=None for zeros" lost its
    values); ``zeros``: how to ask for zero states instead.
    ``weight`` gives the dtype, read on refusal only: a parametrized weight (an AWD-LSTM's
    weight dropout) draws another mask at each read."""
    wrong = [(s, name) for s, name in zip(states, names, strict=True) if not isinstance(s, Tensor)]
    if not wrong:
        return []
    dtype = weight().dtype
    convertible = [(s, name) for s, name in wrong if _conversion_hint(s, dtype)]
    hint = ""
    if convertible:
        (first, name), them = convertible[0], "them" if len(convertible) > 1 else "it"
        hint = _conversion_hint(first, dtype, name, them=them)
    if zeros:
        hint += (", or " if hint else "; ") + zeros
    told = "; ".join(f"`{name}` must be a Tensor, got {type(s).__name__}" for s, name in wrong)
    return [(told + hint + ".", TypeError)]


def _autocast_on(device: torch.device) -> bool:
    """Whether autocast is on for ``device`` (False for device types autocast does not know,
    such as ``meta``, where ``torch.is_autocast_enabled`` would raise)."""
    return (
        torch._C._is_any_autocast_enabled()
        and torch.amp.is_autocast_available(device.type)
        and torch.is_autocast_enabled(device.type)
    )


def _device_problem(x: Tensor, weight: Tensor, owner: str = "layer") -> str | None:
    """The refusal naming both devices when ``x`` and the weights live apart, or None."""
    if x.device == weight.device:
        return None
    return (
        f"`input` is on device {x.device} but the {owner}'s parameters are on "
        f"{weight.device}: move the {owner} (`{owner}.to('{x.device}')`) or the input "
        f"(`input.to('{weight.device}')`)."
    )


def _state_device_problems(
    states: Sequence[Tensor], names: Sequence[str], x: Tensor
) -> list[tuple[str, type[Exception]]]:
    """A RuntimeError's message for every state of ``states`` that is not on ``x``'s device
    (an ``(h_0, c_0)`` told of ``h_0`` alone came back for ``c_0``)."""
    return [
        (
            f"`{name}` is on device {state.device} but `input` is on {x.device}: move it "
            f"(`{name}.to(input.device)`).",
            RuntimeError,
        )
        for state, name in zip(states, names, strict=True)
        if state.device != x.device
    ]


def _state_dtype_problems(
    states: Sequence[Tensor], names: Sequence[str], x: Tensor
) -> list[tuple[str, type[Exception]]]:
    """A TypeError's message for every state of ``states`` whose dtype is not ``x``'s; none
    under autocast, where a state may differ, as in torch's cells and layers (the kernels
    cast the states as they cast the input)."""
    if _autocast_on(x.device):
        return []
    return [
        (f"`{name}` must have dtype {x.dtype} like the input, got {state.dtype}.", TypeError)
        for state, name in zip(states, names, strict=True)
        if state.dtype != x.dtype
    ]


class MixedArgumentError(TypeError, ValueError, RuntimeError):
    """A call's refusal that lists problems of several kinds at once (an ``h_0`` of the wrong
    shape and a ``c_0`` on another device; an ``input`` of the wrong dtype and feature count):
    a ``ValueError`` as a wrong shape is, a ``TypeError`` as a wrong dtype is and a
    ``RuntimeError`` as a wrong device is, so code that catches any of them catches it (these
    were told in rounds, one kind a call)."""


def _refuse(problems: Sequence[tuple[str, type[Exception]]]) -> None:
    """Raise ``problems`` (message, kind) as one error that lists them all: of their kind, or
    a :class:`MixedArgumentError` where they are of several kinds; return where there are
    none."""
    if not problems:
        return
    kinds = {kind for _, kind in problems}
    kind = kinds.pop() if len(kinds) == 1 else MixedArgumentError
    raise kind(" ".join(message for message, _ in problems))


def _sizes(shape: Sequence[int | Tensor]) -> tuple[int, ...]:
    """A shape as the ints a refusal shows: under ``torch.jit.trace`` a tensor's sizes are 0-d
    tensors, which a message showed as ``(tensor(5), tensor(2))``. Read for messages only: a
    size read as an int is a constant in the trace (the warning torch gives for it is of no
    use where the call is refused)."""
    if not torch.jit.is_tracing():
        return tuple(shape)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        return tuple(int(size) for size in shape)


def _dtype_problem(x: Tensor, weight: Tensor, owner: str = "layer") -> str | None:
    """The refusal naming both dtypes and both fixes when ``x`` and the weights differ, or None.

    A check on metadata only, so it costs nothing measurable per call. Under autocast, where
    the kernels cast for themselves, mixed dtypes are let through, as ``torch.nn.LSTM`` does.
    """
    if x.dtype == weight.dtype or torch._C._is_any_autocast_enabled():
        return None
    to_layer = _CONVERTERS.get(x.dtype, f".to({x.dtype})")
    to_input = _CONVERTERS.get(weight.dtype, f".to({weight.dtype})")
    return (
        f"`input` has dtype {x.dtype} but the {owner}'s parameters have dtype {weight.dtype}: "
        f"convert the {owner} (`{owner}{to_layer}`) or the input (`input{to_input}`)."
    )


def _cell_state_problems(
    wrong: list[tuple[str, tuple[int, ...]]], expected: tuple[int, ...], batched: bool
) -> str:
    """A cell's refusal of the states ``wrong`` (name, shape) that this call's shape does not
    fit, batched ``[B, H]`` or unbatched ``[H]``, all at once (an ``(h_0, c_0)`` told of
    ``h_0`` alone came back for ``c_0``), and the one-dimension change that gives it where a
    batch of one and an unbatched call were mixed: one remedy for the states that all need
    it."""
    if batched:
        problems = [
            f"`{name}` must have shape {expected} (batch, hidden_size), got {got}"
            for name, got in wrong
        ]
        if expected[0] == 1 and all(got == expected[1:] for _, got in wrong):
            changes = " and ".join(f"`{name}.unsqueeze(0)`" for name, _ in wrong)
            return "; ".join(problems) + f": pass {changes} (a batch of one)."
        return "; ".join(problems) + "."
    problems = [
        f"`{name}` must have shape {expected} for unbatched input [I] (hidden_size), got {got}"
        for name, got in wrong
    ]
    if all(got == (1, *expected) for _, got in wrong):
        changes = " and ".join(f"`{name}.squeeze(0)`" for name, _ in wrong)
        return (
            "; ".join(problems)
            + f": pass {changes}, or batch the input too (`input.unsqueeze(0)`)."
        )
    return "; ".join(problems) + "."


def _refuse_tuple_state(hx: object, owner: str, shape: str) -> None:
    """A TypeError for a GRU's ``hx`` given as a tuple or list (an LSTM's ``(h_0, c_0)``, or
    torch-style ``(h_0,)``): a GRU's state is one tensor of ``shape``."""
    if isinstance(hx, (tuple, list)):
        remedy = "`hx[0]` if it holds h_0" if len(hx) else "hx=None for zeros"
        raise TypeError(
            f"`hx` of a {owner} must be a Tensor h_0 {shape} (a GRU's state is one tensor), "
            f"got a {type(hx).__name__} of {len(hx)}; pass {remedy}."
        )


def _refuse_script(module: nn.Module) -> NoReturn:
    """``__prepare_scriptable__`` of lstmkit's layers and cells: ``torch.jit.script`` calls it
    on every module it compiles, so a model holding one is refused here, by name, instead of
    with TorchScript's "Unknown type annotation: 'int'" from deep inside the layer. It names
    torch's own way first: torch 2.13 deprecates ``torch.jit.trace`` ("Please switch to
    `torch.compile` or `torch.export`"), which this advice named first."""
    name = _public_name(module)
    alternative = (
        ""
        if getattr(module, "peephole", False)  # torch.nn has no peepholes
        else f", or script a torch.nn.{name} that loads this one's state_dict (same names)"
    )
    raise RuntimeError(
        f"torch.jit.script cannot compile lstmkit.nn.{name}: its forward checks its arguments "
        "and chooses its path in Python that TorchScript does not parse. Use torch.export or "
        "torch.compile (torch.jit.trace works too, but torch 2.13 deprecates it, as it does "
        f"torch.jit.script){alternative}."
    )


class _CellBase(_KerasHinted):
    _gate_names: tuple[str, ...] = ()

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        bias: bool = True,
        *,
        device: torch.device | str | int | None = None,
        dtype: torch.dtype | None = None,
        _peephole: object = False,
    ) -> None:
        super().__init__()
        # every argument's problem at once (_Problems): sizes, bias, peephole, dtype
        problems = _Problems()
        sizes = problems.check(_check_positive_ints, input_size=input_size, hidden_size=hidden_size)
        bias = problems.check(as_bool, bias, "bias")  # as the layers: bias="no" would be truthy
        peephole = problems.check(as_bool, _peephole, "peephole")  # numpy's True too
        if peephole and self._gate_names == GRU_GATES:
            # taken, as GRU takes it, so that True is refused as a value a GRU cannot have (it
            # was an unknown argument, a TypeError, where GRU(peephole=True) is a ValueError)
            problems.errors.append(
                ValueError("`peephole=True` applies to LSTMCell only; GRUCell has no cell state.")
            )
        problems.check(_check_dtype_arg, dtype)
        problems.refuse()
        input_size, hidden_size = sizes  # type: ignore[misc]
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bool(bias)
        self.peephole = bool(peephole)
        kw = {"device": device, "dtype": dtype}
        gate_rows = len(self._gate_names) * hidden_size
        # (name, shape) in torch.nn.LSTMCell's state_dict order, peepholes last
        params = [("weight_ih", (gate_rows, input_size)), ("weight_hh", (gate_rows, hidden_size))]
        if self.bias:
            params += [("bias_ih", (gate_rows,)), ("bias_hh", (gate_rows,))]
        params += [(f"weight_{k}", (hidden_size,)) for k in ("ci", "cf", "co") if self.peephole]
        _check_memory(self, params, device, dtype)  # before any: memory may be overcommitted
        for name, size in params:
            self.register_parameter(name, _empty_parameter(self, name, *size, **kw))
            if name == "weight_hh" and not self.bias:  # where torch.nn's cells have them
                self.register_parameter("bias_ih", None)
                self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Uniform(-1/sqrt(H), 1/sqrt(H)) for every parameter, as ``torch.nn``."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound)

    __prepare_scriptable__ = _refuse_script

    def _prepare(
        self, input: Tensor, states: tuple[Tensor | None, ...], names: tuple[str, ...]
    ) -> tuple[Tensor, bool]:
        if not isinstance(input, Tensor):
            raise TypeError(
                f"`input` must be a Tensor, got {type(input).__name__}"
                + _conversion_hint(input, self.weight_ih.dtype)
                + "."
            )
        # every problem of the input at once, then every problem of the states at once, in
        # the layers' order (a wrong dtype and a wrong feature count were told in two rounds)
        problems: list[tuple[str, type[Exception]]] = []
        floating = input.is_floating_point()
        if not floating:
            problems.append(
                (
                    f"`input` must be a floating-point tensor, got dtype {input.dtype}; convert it "
                    f"(`input{_converter(self.weight_ih.dtype)}`, the cell's dtype).",
                    TypeError,
                )
            )
        if input.dim() not in (1, 2):
            problems.append(
                (
                    "`input` must be 2-D [B, I] (or 1-D [I] unbatched), "
                    f"got shape {_sizes(input.shape)}.",
                    ValueError,
                )
            )
        elif input.shape[-1] != self.input_size:
            problems.append(
                (
                    f"`input` has {input.shape[-1]} features, "
                    f"expected input_size={self.input_size}.",
                    ValueError,
                )
            )
        if floating and (wrong_dtype := _dtype_problem(input, self.weight_ih, "cell")):
            problems.append((wrong_dtype, TypeError))
        if wrong_device := _device_problem(input, self.weight_ih, "cell"):
            problems.append((wrong_device, RuntimeError))
        _refuse(problems)
        batched = input.dim() == 2
        # every state's problem at once, of every kind: an (h_0, c_0) told of h_0 alone came
        # back for c_0, and one told of a wrong shape came back for a wrong device
        given = [(hx, name) for hx, name in zip(states, names, strict=True) if hx is not None]
        problems = _states_not_tensors(
            [hx for hx, _ in given], [name for _, name in given], lambda: self.weight_ih
        )
        given = [(hx, name) for hx, name in given if isinstance(hx, Tensor)]
        tensors, given_names = [hx for hx, _ in given], [name for _, name in given]
        expected = (input.shape[0], self.hidden_size) if batched else (self.hidden_size,)
        wrong_shapes = [
            (name, _sizes(hx.shape)) for hx, name in given if tuple(hx.shape) != expected
        ]
        if wrong_shapes:
            problems.append(
                (_cell_state_problems(wrong_shapes, _sizes(expected), batched), ValueError)
            )
        problems += _state_device_problems(tensors, given_names, input)
        problems += _state_dtype_problems(tensors, given_names, input)
        _refuse(problems)
        return input, batched

    def gates(self) -> dict[str, GateParams]:
        """Per-gate views of the weights, keyed by gate name."""
        return _gate_views(
            self._gate_names, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh, None
        )

    def extra_repr(self) -> str:
        """The sizes, and ``bias=False`` when it is off (as torch's cells print them)."""
        return f"{self.input_size}, {self.hidden_size}" + ("" if self.bias else ", bias=False")


class LSTMCell(_CellBase):
    r"""One LSTM step (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000).

    .. math::
        i &= \sigma(W_{ii} x + b_{ii} + W_{hi} h + b_{hi} [+ w_{ci} \odot c]) \\
        f &= \sigma(W_{if} x + b_{if} + W_{hf} h + b_{hf} [+ w_{cf} \odot c]) \\
        g &= \tanh(W_{ig} x + b_{ig} + W_{hg} h + b_{hg}) \\
        c' &= f \odot c + i \odot g \\
        o &= \sigma(W_{io} x + b_{io} + W_{ho} h + b_{ho} [+ w_{co} \odot c']) \\
        h' &= o \odot \tanh(c')

    The bracketed peephole terms (Gers & Schmidhuber 2000) are present with ``peephole=True``;
    the output gate peeks at the *new* cell state. Peephole weights are the diagonal vectors
    ``weight_ci``, ``weight_cf``, ``weight_co`` of shape [H].

    Args:
        input_size: features of ``x``.
        hidden_size: units ``H``.
        bias: add ``bias_ih`` and ``bias_hh``.
        peephole: add peephole connections.
        device: where to create the parameters, as torch takes it: a name (``"cuda:1"``),
            a ``torch.device``, or an index of the machine's accelerator (``0``).
        dtype: parameter dtype.

    Shape:
        input [B, I] or [I]; hx ``(h, c)`` each [B, H] or [H] (zeros when None) → ``(h', c')``.

    Example:
        >>> cell = LSTMCell(5, 4)
        >>> h, c = cell(torch.randn(2, 5))
        >>> tuple(h.shape)
        (2, 4)
    """

    _gate_names = LSTM_GATES

    @checked_arguments
    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        bias: bool = True,
        *,
        peephole: bool = False,
        device: torch.device | str | int | None = None,
        dtype: torch.dtype | None = None,
    ) -> None:
        super().__init__(
            input_size, hidden_size, bias, device=device, dtype=dtype, _peephole=peephole
        )

    def forward(
        self, input: Tensor, hx: tuple[Tensor, Tensor] | None = None
    ) -> tuple[Tensor, Tensor]:
        """One step: ``input`` [B, I] (or [I]) and ``hx = (h, c)``, each [B, H] (or [H]), zeros
        when None, give the new state ``(h', c')`` of the same shapes.

        Raises:
            TypeError: for an ``hx`` that is not a pair ``(h, c)``, or that holds only one
                of them.
        """
        if hx is not None and (not isinstance(hx, (tuple, list)) or len(hx) != 2):
            got = f"a {type(hx).__name__}" + (
                f" of {len(hx)}" if isinstance(hx, (tuple, list)) else ""
            )
            raise TypeError(f"`hx` of an LSTMCell must be a tuple (h_0, c_0), got {got}.")
        h, c = (None, None) if hx is None else hx
        if (h is None) != (c is None):
            given, missing = ("c_0", "h_0") if h is None else ("h_0", "c_0")
            raise TypeError(
                f"`hx` of an LSTMCell must hold both h_0 and c_0, got {given} with {missing} "
                "None; pass hx=None for zeros in both."
            )
        input, batched = self._prepare(input, (h, c), ("h_0", "c_0"))
        # torch's cell returns the cell state's dtype (the input's for zeros): under autocast
        # the gates come out in lower precision and c' = f*c + i*g promotes them to c's dtype
        dtype = input.dtype if c is None else c.dtype
        x = input if batched else input.unsqueeze(0)
        if h is None:
            h = c = x.new_zeros(x.shape[0], self.hidden_size)
        elif not batched:
            h, c = h.unsqueeze(0), c.unsqueeze(0)
        gates = x @ self.weight_ih.T + h @ self.weight_hh.T
        if self.bias:
            gates = gates + self.bias_ih + self.bias_hh
        i, f, g, o = gates.chunk(4, dim=1)
        if self.peephole:
            i = i + self.weight_ci * c
            f = f + self.weight_cf * c
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        if self.peephole:
            o = o + self.weight_co * c
        h = torch.sigmoid(o) * torch.tanh(c)
        if h.dtype != dtype or c.dtype != dtype:  # autocast mixed the dtypes
            h, c = h.to(dtype), c.to(dtype)
        return (h, c) if batched else (h.squeeze(0), c.squeeze(0))

    if TYPE_CHECKING:  # calls type as ``forward``: nn.Module's ``__call__`` is typed Any, and
        # pyright keeps that over ``__call__ = forward``; a ``def`` of forward's signature it takes
        def __call__(
            self, input: Tensor, hx: tuple[Tensor, Tensor] | None = None
        ) -> tuple[Tensor, Tensor]: ...

    def gates(self) -> dict[str, GateParams]:
        peep = None
        if self.peephole:
            peep = {k: getattr(self, f"weight_{k}") for k in ("ci", "cf", "co")}
        return _gate_views(
            LSTM_GATES, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh, peep
        )

    def extra_repr(self) -> str:
        """The sizes, ``bias=False`` when it is off and ``peephole=True`` with peepholes."""
        return super().extra_repr() + (", peephole=True" if self.peephole else "")


class GRUCell(_CellBase):
    r"""One GRU step (Cho et al. 2014), in PyTorch's formulation.

    .. math::
        r &= \sigma(W_{ir} x + b_{ir} + W_{hr} h + b_{hr}) \\
        z &= \sigma(W_{iz} x + b_{iz} + W_{hz} h + b_{hz}) \\
        n &= \tanh(W_{in} x + b_{in} + r \odot (W_{hn} h + b_{hn})) \\
        h' &= (1 - z) \odot n + z \odot h

    Arguments as :class:`LSTMCell` (``input_size``, ``hidden_size``, ``bias``, ``device``,
    ``dtype``), without peepholes: ``peephole=True`` raises ``ValueError``, as for
    :class:`~lstmkit.nn.GRU` (a GRU has no cell state to peek at).

    Shape:
        input [B, I] or [I]; hx [B, H] or [H] (zeros when None) → h' of the same shape as hx.

    Example:
        >>> h = GRUCell(5, 4)(torch.randn(2, 5))
        >>> tuple(h.shape)
        (2, 4)
    """

    _gate_names = GRU_GATES

    @checked_arguments
    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        bias: bool = True,
        *,
        peephole: bool = False,
        device: torch.device | str | int | None = None,
        dtype: torch.dtype | None = None,
    ) -> None:
        # its own signature, without the base's private peephole argument, which refuses True
        super().__init__(
            input_size, hidden_size, bias, device=device, dtype=dtype, _peephole=peephole
        )

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:
        """One step: ``input`` [B, I] (or [I]) and ``hx = h`` [B, H] (or [H]), zeros when
        None, give the new state ``h'`` of the same shape.

        Raises:
            TypeError: for an ``hx`` that is a tuple or list (a GRU's state is one tensor).
        """
        unbatched = isinstance(input, Tensor) and input.dim() == 1
        _refuse_tuple_state(hx, "GRUCell", "[H] for unbatched input" if unbatched else "[B, H]")
        input, batched = self._prepare(input, (hx,), ("h_0",))
        dtype = input.dtype if hx is None else hx.dtype  # as torch's cell, under autocast too
        x = input if batched else input.unsqueeze(0)
        if hx is None:
            h = x.new_zeros(x.shape[0], self.hidden_size)
        else:
            h = hx if batched else hx.unsqueeze(0)
        xw = x @ self.weight_ih.T
        hw = h @ self.weight_hh.T
        if self.bias:
            xw = xw + self.bias_ih
            hw = hw + self.bias_hh
        x_r, x_z, x_n = xw.chunk(3, dim=1)
        h_r, h_z, h_n = hw.chunk(3, dim=1)
        r = torch.sigmoid(x_r + h_r)
        z = torch.sigmoid(x_z + h_z)
        n = torch.tanh(x_n + r * h_n)
        h = (1 - z) * n + z * h
        if h.dtype != dtype:  # autocast mixed the dtypes
            h = h.to(dtype)
        return h if batched else h.squeeze(0)

    if TYPE_CHECKING:  # calls type as ``forward``: nn.Module's ``__call__`` is typed Any, and
        # pyright keeps that over ``__call__ = forward``; a ``def`` of forward's signature it takes
        def __call__(self, input: Tensor, hx: Tensor | None = None) -> Tensor: ...
