"""LSTM and GRU layers over time: stacking, directions, variable lengths, two implementations.

Shapes: ``T`` time, ``B`` batch, ``I`` input features, ``H`` hidden units, ``D`` directions (1 or
2), ``L`` layers, ``G`` gates (4 for LSTM, 3 for GRU), ``P`` an LSTM's ``proj_size``.

Both layers keep ``torch.nn``'s parameter names and layout (``weight_ih_l{k}[_reverse]``
[G*H, I or D*H], ``weight_hh_l{k}`` [G*H, H], ``bias_ih_l{k}``, ``bias_hh_l{k}`` [G*H]; gate order
i, f, g, o and r, z, n; with ``proj_size``, ``weight_hr_l{k}`` [P, H] and P in place of H where
``h`` is read), so ``load_state_dict`` works both ways with ``torch.nn.LSTM`` and
``torch.nn.GRU``.
"""

from __future__ import annotations

import contextlib
import inspect
import math
import numbers
import reprlib
import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.nn.utils import parametrize
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

from lstmkit._checks import (
    ConfigTypeError,
    and_more,
    as_bool,
    as_int,
    choice_error,
    count_too_large,
    exact_number,
    fraction_hint,
    held_whole_hint,
    is_choice,
    percent_hint,
    plain_repr,
    refused_type,
    text_refusal,
    typed_repr,
    user_stacklevel,
    value_repr,
    whole_float_hint,
)
from lstmkit._lazy import public_dir
from lstmkit.nn import _fused
from lstmkit.nn._arguments import _KerasHinted, checked_arguments
from lstmkit.nn.cells import (
    GRU_GATES,
    LSTM_GATES,
    GateParams,
    _autocast_on,
    _check_dtype_arg,
    _check_memory,
    _check_positive_ints,
    _conversion_hint,
    _converter,
    _device_problem,
    _dtype_problem,
    _empty_parameter,
    _gate_views,
    _Problems,
    _refuse,
    _refuse_script,
    _refuse_tuple_state,
    _sizes,
    _state_device_problems,
    _state_dtype_problems,
    _states_not_tensors,
)

if TYPE_CHECKING:
    from lstmkit.nn.trace import Trace

Implementation = Literal["auto", "fused", "explicit"]
__all__ = ["GRU", "LSTM", "check_lengths", "gru_scan", "lstm_scan"]
__dir__ = public_dir(globals())

_IMPLEMENTATIONS = ("auto", "fused", "explicit")
# Keras' implementation=1 or 2 only arranges its step's matrix products (many small or a few
# large ones); the same numbers come out of either, as out of PyTorch's kernel here.
_KERAS_IMPLEMENTATION = (
    ": Keras' implementation=1 or 2 (many small or a few large matrix products per step) has no "
    "meaning here, PyTorch chooses its kernel; 'auto' (the default) runs PyTorch's fused kernel "
    "when it can."
)


def _check_implementation(implementation: object, peephole: bool) -> None:
    """Raises ``TypeError`` for an ``implementation`` that is no str and ``ValueError`` for one
    the layer cannot run (at construction and on assignment), as ``explain``'s ``method``
    (:func:`~lstmkit._checks.choice_error`): ``5`` and ``None`` were ValueErrors, and a slip
    (``'fussed'``) was not told the word it meant."""
    # a str first: a DataFrame's `in` failed with pandas' "truth value ... is ambiguous"
    if not is_choice(implementation, _IMPLEMENTATIONS):
        error = choice_error(implementation, "implementation", _IMPLEMENTATIONS)
        if as_int(implementation) in (1, 2):  # Keras' own choices: what they mean here
            error = TypeError(str(error)[:-1] + _KERAS_IMPLEMENTATION)
        raise error
    if implementation == "fused" and peephole:
        raise ValueError(
            "`implementation='fused'` cannot run peephole=True: PyTorch's kernel has no "
            "peephole connections. Use implementation='explicit' or 'auto'."
        )


def _check_dropout(dropout: object) -> None:
    """Refuse a ``dropout`` that is no real number in [0, 1]: any real number, as torch.nn
    (numpy's float32 too), but not a bool."""
    if isinstance(dropout, bool) or not isinstance(dropout, numbers.Real):
        raise TypeError(
            f"`dropout` must be a float, got {refused_type(dropout, float)}"
            f"{fraction_hint(dropout, '[0, 1]')}."
        )
    if not 0.0 <= dropout <= 1.0:
        raise ValueError(f"`dropout` must be in [0, 1], got {dropout}{percent_hint(dropout)}.")


def _keyword_only_meant(value: object) -> tuple[str, str] | None:
    """The keyword-only argument of the layers that ``value``, given in ``proj_size``'s
    place, was meant for, and ``value`` as it is written there; None where it fits none (a
    text such as "float64" or "0" named a device that torch refuses)."""
    if isinstance(value, torch.dtype):
        return "dtype", str(value)
    if isinstance(value, torch.device):
        return "device", repr(str(value))
    if not isinstance(value, str):
        return None
    if value in ("auto", "fused", "explicit"):
        return "implementation", repr(value)
    if isinstance(getattr(torch, value, None), torch.dtype):  # "float64": torch's own name
        return "dtype", f"torch.{value}"
    try:
        torch.device(value)
    except (RuntimeError, ValueError):
        return None
    return "device", repr(value)


class _RNNBase(_KerasHinted):
    """Argument validation, parameters, input handling and dispatch shared by LSTM and GRU."""

    mode: str = ""
    _gate_names: tuple[str, ...] = ()
    # set in __init__; declared here so that a type checker knows them before it reads that
    input_size: int
    hidden_size: int
    num_layers: int
    bias: bool
    batch_first: bool
    dropout: float
    bidirectional: bool
    proj_size: int
    peephole: bool
    implementation: Implementation
    _tracer: Trace | None

    @checked_arguments
    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        batch_first: bool = False,
        dropout: float = 0.0,
        bidirectional: bool = False,
        proj_size: int = 0,
        *,
        peephole: bool = False,
        implementation: Implementation = "auto",
        device: torch.device | str | int | None = None,
        dtype: torch.dtype | None = None,
    ) -> None:
        super().__init__()
        # every argument's problem at once (_Problems), in the signature's order
        problems = _Problems()
        sizes = problems.check(
            _check_positive_ints,
            input_size=input_size,
            hidden_size=hidden_size,
            num_layers=num_layers,
        )
        hidden = None if sizes is None else sizes[1]  # for proj_size's range
        problems.check(_check_dropout, dropout)
        # PyTorch's kernel takes only bools for these (numpy's become Python's)
        bias = problems.check(as_bool, bias, "bias")
        batch_first = problems.check(as_bool, batch_first, "batch_first")
        bidirectional = problems.check(as_bool, bidirectional, "bidirectional")
        peephole = problems.check(as_bool, peephole, "peephole")
        # after as_bool: numpy's True too; said with proj_size's, both at once
        if peephole and self.mode != "LSTM":
            no_cell = f"`peephole=True` applies to LSTM only; {self.mode} has no cell state."
            problems.errors.append(ValueError(no_cell))
        projection = problems.check(self._checked_proj_size, proj_size, hidden)
        if projection and self.mode != "LSTM":
            problems.errors.append(
                ValueError(
                    f"`proj_size` applies to LSTM only (as in torch.nn), got "
                    f"proj_size={value_repr(projection)} for a {self.mode}."
                )
            )
        elif projection is not None and not 0 <= projection < (hidden or math.inf):
            top = "" if hidden is None else f" = [1, {hidden - 1}]"  # hidden_size refused
            problems.errors.append(
                ValueError(
                    f"`proj_size` must be 0 (no projection) or in [1, hidden_size - 1]{top}, "
                    f"got {value_repr(projection)}."
                )
            )
        problems.check(_check_implementation, implementation, bool(peephole))
        problems.check(_check_dtype_arg, dtype)
        problems.refuse()
        input_size, hidden_size, num_layers = sizes  # type: ignore[misc]
        proj_size = projection  # type: ignore[assignment]
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(exact_number(dropout))  # np.float32(0.1): 0.1, not 0.10000000149
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        self.peephole = peephole
        self.implementation = implementation
        self._tracer = None  # set by lstmkit.trace while a trace is open
        kw = {"device": device, "dtype": dtype}
        gate_rows = len(self._gate_names) * hidden_size
        num_dir = 2 if bidirectional else 1
        out_size = self.output_size  # h's size: proj_size with a projection, else hidden_size
        params: list[tuple[str, tuple[int, ...]]] = []  # (name, shape), every one before any
        for layer in range(num_layers):
            layer_in = input_size if layer == 0 else out_size * num_dir
            for d in range(num_dir):
                sfx = f"_l{layer}" + ("_reverse" if d else "")
                # in torch.nn.LSTM's state_dict order: weight_hr after the biases
                params += [
                    ("weight_ih" + sfx, (gate_rows, layer_in)),
                    ("weight_hh" + sfx, (gate_rows, out_size)),
                ]
                if bias:
                    params += [("bias_ih" + sfx, (gate_rows,)), ("bias_hh" + sfx, (gate_rows,))]
                if proj_size:
                    params.append(("weight_hr" + sfx, (proj_size, hidden_size)))
                if peephole:
                    params += [(f"weight_{k}{sfx}", (hidden_size,)) for k in ("ci", "cf", "co")]
        _check_memory(self, params, device, dtype)  # before any: memory may be overcommitted
        for name, size in params:
            self.register_parameter(name, _empty_parameter(self, name, *size, **kw))
        self.reset_parameters()
        # last: a refusal (a dtype, an implementation, a device) comes without this warning
        if dropout > 0 and num_layers == 1:
            warnings.warn(
                f"`dropout`={dropout} has no effect with num_layers=1: it applies to the outputs "
                "of every layer but the last (as in torch.nn); for dropout on the layer's inputs, "
                "as Keras' `dropout`, put a torch.nn.Dropout before the layer.",
                UserWarning,
                stacklevel=user_stacklevel(),  # the caller's line, also through GRU.__init__
            )

    def _checked_proj_size(self, proj_size: object, hidden_size: int | None) -> int:
        """``proj_size`` as a Python int >= 0, or its refusal: text told the number it reads as,
        a float a :class:`~lstmkit._checks.ConfigTypeError` (a ``ValueError`` and a
        ``TypeError``, as a size's), anything else a ``TypeError``; a value in
        [0, ``hidden_size``) is the caller's to check (None: ``hidden_size`` was refused)."""
        projection = as_int(proj_size)  # numpy integers too, as the sizes
        if projection is None:
            hint = ""
            # GRU(1, 4, 1, True, True, 0.0, False, "cpu"), as torch.nn.GRU's documented
            # signature reads: its 8th positional argument is proj_size too (RNNBase's)
            if keyword := _keyword_only_meant(proj_size):
                hint = (
                    f": the 8th positional argument is `proj_size`, as in torch.nn, and "
                    f"`{keyword[0]}` is keyword-only: {type(self).__name__}(..., "
                    f"{keyword[0]}={keyword[1]})"
                )
            elif isinstance(proj_size, (str, bytes)):  # told the number it reads as
                top = (hidden_size or math.inf) if self.mode == "LSTM" else 1  # a GRU: 0 alone

                def refused(read: dict[str, float | int]) -> set[str]:
                    return {n for n in read if not (read[n] % 1 == 0 and 0 <= read[n] < top)}

                raise text_refusal(
                    f"`proj_size` must be an integer, got {value_repr(proj_size)}.",
                    {"proj_size": proj_size},
                    refused,
                )
            if isinstance(proj_size, numbers.Real) and not isinstance(proj_size, (bool, np.bool_)):
                # 1.5 and 2.0 are refused as a size's are: a ValueError, and the TypeError
                # torch.nn.LSTM raises (ConfigTypeError is both); int(x) is told only where it
                # would be taken
                top = (hidden_size or math.inf) - 1 if self.mode == "LSTM" else 0
                raise ConfigTypeError(
                    f"`proj_size` must be an integer, got {plain_repr(proj_size)}"
                    f"{whole_float_hint(proj_size, low=0, high=top)}."
                )
            if not hint:  # int(x) where it would be taken: torch.tensor(2.0) too, not 9 of 4
                top = (hidden_size or math.inf) - 1 if self.mode == "LSTM" else 0
                hint = held_whole_hint(proj_size, low=0, high=top)
            raise TypeError(
                f"`proj_size` must be an integer, got "
                f"{typed_repr(proj_size, reprlib.repr(proj_size))}{hint}."
            )
        if (large := count_too_large(proj_size, "`proj_size`")) is not None:
            raise ValueError(large + ".")  # as the sizes: not "in [1, 3], got 10**30"
        return projection

    def __getstate__(self) -> dict:
        # A copy made inside a trace block (deepcopy, pickle, torch.save of a checkpoint) is a
        # layer of its own: it must not record into, or be locked by, the open trace.
        state = self.__dict__.copy()
        state["_tracer"] = None
        return state

    # -- parameters ---------------------------------------------------------------------------

    @property
    def num_directions(self) -> int:
        """``D``: 2 for a bidirectional layer, else 1."""
        return 2 if self.bidirectional else 1

    @property
    def output_size(self) -> int:
        """Size of ``h`` per direction: ``proj_size`` when there is a projection, else
        ``hidden_size`` (the cell state ``c`` always has ``hidden_size``)."""
        return self.proj_size or self.hidden_size

    def reset_parameters(self) -> None:
        """Uniform(-1/sqrt(H), 1/sqrt(H)) for every parameter, as ``torch.nn``."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound)

    def _suffix(self, layer: int, direction: int) -> str:
        return f"_l{layer}" + ("_reverse" if direction else "")

    def _layer_params(self, layer: int, direction: int) -> tuple[Tensor, ...]:
        """``(weight_ih, weight_hh, bias_ih, bias_hh)``; biases are None without bias."""
        sfx = self._suffix(layer, direction)
        return (
            getattr(self, "weight_ih" + sfx),
            getattr(self, "weight_hh" + sfx),
            getattr(self, "bias_ih" + sfx, None),
            getattr(self, "bias_hh" + sfx, None),
        )

    def _projection(self, layer: int, direction: int) -> Tensor | None:
        """``weight_hr`` [P, H] of one layer and direction, or None without ``proj_size``."""
        if not self.proj_size:  # no getattr of a missing name: nn.Module's fallback is slow
            return None
        return getattr(self, "weight_hr" + self._suffix(layer, direction))

    def _peepholes(self, layer: int, direction: int) -> dict[str, Tensor] | None:
        if not self.peephole:
            return None
        sfx = self._suffix(layer, direction)
        return {k: getattr(self, f"weight_{k}" + sfx) for k in ("ci", "cf", "co")}

    def _kernel_weights(self) -> list[Tensor]:
        """Parameters in the order PyTorch's fused kernels expect."""
        flat = []
        for layer in range(self.num_layers):
            for d in range(self.num_directions):
                params = (*self._layer_params(layer, d), self._projection(layer, d))
                flat.extend(p for p in params if p is not None)
        return flat

    @property
    def _flat_weights_names(self) -> list[str]:
        """The names of :attr:`_flat_weights`, as ``torch.nn.LSTM``'s list: per layer and
        direction ``weight_ih, weight_hh[, bias_ih, bias_hh][, weight_hr]`` (no peepholes,
        which torch's kernel does not take)."""
        names = ["weight_ih", "weight_hh"] + ["bias_ih", "bias_hh"] * bool(self.bias)
        names += ["weight_hr"] * bool(self.proj_size)
        return [
            n + self._suffix(layer, d)
            for layer in range(self.num_layers)
            for d in range(self.num_directions)
            for n in names
        ]

    @property
    def _flat_weights(self) -> list[Tensor | None]:
        """The tensors of :attr:`_flat_weights_names`, a list as ``torch.nn.LSTM``'s attribute
        (code written for it reads ``len(m._flat_weights)`` or zips it with the names), read
        afresh at each access; None for a name the layer does not hold, as torch's."""
        return [getattr(self, n, None) for n in self._flat_weights_names]

    @property
    def all_weights(self) -> list[list[Tensor]]:
        """Per layer and direction, its parameters in ``torch.nn.LSTM.all_weights``' order
        (``weight_ih, weight_hh[, bias_ih, bias_hh][, weight_hr]``, then any peepholes ``ci, cf,
        co``)."""
        out = []
        for layer in range(self.num_layers):
            for d in range(self.num_directions):
                params = (*self._layer_params(layer, d), self._projection(layer, d))
                params = [p for p in params if p is not None]
                params += list((self._peepholes(layer, d) or {}).values())
                out.append(params)
        return out

    def flatten_parameters(self) -> None:
        """Nothing to do, here for code written for ``torch.nn.LSTM``: the parameters are
        never compacted into one buffer (the fused path passes them as they are)."""

    __prepare_scriptable__ = _refuse_script

    def gates(
        self, layer: int = 0, direction: int | Literal["forward", "reverse"] = "forward"
    ) -> dict[str, GateParams]:
        """Per-gate views of one layer's weights, keyed by gate name.

        Args:
            layer: layer index, 0 is closest to the input.
            direction: ``"forward"``/0 or ``"reverse"``/1 (bidirectional layers only).

        Returns:
            For LSTM ``{"input", "forget", "candidate", "output"}``, for GRU ``{"reset", "update",
            "new"}``; each a :class:`GateParams` of views, so ``gates()["forget"].weight_ih`` is
            ``W_f`` and editing it in place edits ``weight_ih_l{layer}``. Under a
            parametrization (``torch.nn.utils.parametrize``, ``weight_norm``) they are views of
            the weight it computes, freshly computed at each call, so an edit changes nothing;
            edit the parametrization's own tensors (``parametrizations.weight_hh_l0.original``,
            or ``original0`` and ``original1`` for ``weight_norm``).

        Raises:
            ValueError: for a layer or direction the module does not have (the reverse one of
                a layer that is not bidirectional is told so).
            TypeError: for a layer that is no int, or a direction that is neither a name nor
                an int (a bool, say).

        Example:
            >>> lstm = LSTM(5, 4)
            >>> tuple(lstm.gates()["forget"].W.shape)
            (4, 5)
        """
        if isinstance(layer, (str, bytes)):  # told the number it reads as, as the sizes
            raise text_refusal(
                f"`layer` must be an integer layer index in [0, {self.num_layers - 1}], got "
                f"{value_repr(layer)}.",
                {"layer": layer},
                lambda read: {n for n in read if read[n] not in range(self.num_layers)},
            )
        if isinstance(layer, bool) or not isinstance(layer, numbers.Integral):
            raise TypeError(
                f"`layer` must be an integer layer index in [0, {self.num_layers - 1}], got "
                f"{refused_type(layer, int, 0, self.num_layers - 1)}."
            )
        if not 0 <= layer < self.num_layers:
            raise ValueError(
                f"`layer` must be in [0, {self.num_layers - 1}], got {plain_repr(layer)}."
            )
        # not a bool: True == 1 would select the reverse direction without a word
        if isinstance(direction, bool) or not isinstance(direction, (str, numbers.Integral)):
            raise TypeError(
                "`direction` must be 'forward', 'reverse' or an int direction index, got "
                f"{refused_type(direction, int, 0, self.num_directions - 1)}."
            )
        d = {"forward": 0, "reverse": 1}.get(direction, direction)  # type: ignore[arg-type]
        if d not in range(self.num_directions):
            names = ("forward", "reverse")[: self.num_directions]
            # the ints too, which are taken as the names are (it said "must be 'forward', got
            # 1" where 0 is taken as well)
            allowed = "'forward', 'reverse', 0 or 1" if self.bidirectional else "'forward' or 0"
            # the reverse one of a layer with one direction, in any case ('Reverse' was told
            # as a word it does not know): said why it lacks it
            reverse = d == 1 or (isinstance(direction, str) and direction.lower() == "reverse")
            if reverse and not self.bidirectional:
                raise ValueError(
                    f"`direction` must be {allowed}, the only direction of a layer that is not "
                    f"bidirectional (bidirectional=False), got {plain_repr(direction)}."
                )
            if isinstance(direction, str):  # a slip ('Forward', 'forwrd') told the word meant
                raise choice_error(direction, "direction", names, allowed)
            raise ValueError(f"`direction` must be {allowed}, got {plain_repr(direction)}.")
        return _gate_views(
            self._gate_names, *self._layer_params(layer, d), self._peepholes(layer, d)
        )

    def extra_repr(self) -> str:
        """The arguments that differ from their defaults, as ``torch.nn.LSTM`` prints them."""
        text = f"{self.input_size}, {self.hidden_size}"
        defaults = (
            ("proj_size", 0),  # where torch.nn.LSTM prints it
            ("num_layers", 1),
            ("bias", True),
            ("batch_first", False),
            ("dropout", 0.0),
            ("bidirectional", False),
            ("peephole", False),
            ("implementation", "auto"),
        )
        for name, default in defaults:
            value = getattr(self, name)
            if value != default:
                text += f", {name}={value!r}"
        return text

    def __setattr__(self, name: str, value: object) -> None:
        # an `m.implementation = "bogus"` after construction was taken, and ran the fused path
        if name == "implementation":
            _check_implementation(value, getattr(self, "peephole", False))
        super().__setattr__(name, value)

    # -- input handling -----------------------------------------------------------------------

    def _state_size(self, name: str) -> tuple[int, str]:
        """The last dimension of state ``name`` (``h_0`` or ``c_0``) and its argument's name."""
        if name == "h_0" and self.proj_size:
            return self.proj_size, "proj_size"
        return self.hidden_size, "hidden_size"

    def _use_fused(
        self,
        packs: bool = False,
        per_sample: bool = False,
        vmapped: bool = False,
        transformed: bool = False,
    ) -> bool:
        """Whether this call runs the fused kernel; ``packs``: it would pack variable lengths;
        ``per_sample``: the lengths vary under ``vmap``; ``vmapped``: the input, a state or a
        weight does; ``transformed``: a torch.func transform other than ``vmap`` runs the call.

        PyTorch's packing has no forward-mode derivative, so under forward-mode AD (``jvp``,
        ``jacfwd``, ``torch.autograd.forward_ad``) a call with lengths runs the explicit path;
        and it needs the lengths' values, so per-sample lengths under ``vmap`` do too, and
        lengths under ``torch.export`` (which has no values to read; from torch 2.6), and under
        ``torch.compile`` ``"auto"`` with lengths (Dynamo does not trace the packing), and
        lengths under a torch.func transform but ``vmap`` (``grad``, ``jacrev``: the packing
        reads the storage its wrapped tensors have not; ``"fused"`` refuses those). The
        kernels have no batching rule (a plain ``vmap`` fails on them, as on ``torch.nn.LSTM``;
        under ``vmap(grad)`` they run, on torch 2.13 without a warning, but not with lengths:
        ``"fused"`` refuses those), so ``"auto"`` runs the explicit path under ``vmap``.

        One condition is known only by trying: whether oneDNN has a 16-bit LSTM under CPU
        autocast. :func:`_run_fused` tries, falls back and remembers the dtype it was refused,
        so that the asking and the remembering stay in one place.
        """
        if self.implementation == "explicit" or self.peephole:
            return False
        if vmapped and self.implementation == "auto":
            return False
        if per_sample:
            if self.implementation == "fused":
                raise RuntimeError(
                    "`implementation='fused'` cannot take `lengths` that vary under vmap: "
                    "PyTorch packs sequences by their lengths' values. Use "
                    "implementation='auto' or 'explicit'."
                )
            return False
        if vmapped and packs and self.implementation == "fused":
            # under vmap(grad) the packing warned of a "performance drop", then the kernel
            # failed with "Cannot access data pointer of Tensor that doesn't have storage"
            raise RuntimeError(
                "`implementation='fused'` cannot take `lengths` under vmap: PyTorch's packed "
                "sequences have no batching rule. Use implementation='auto' or 'explicit'."
            )
        if packs and _exporting():
            # the packing sorts and counts the lengths' values, which an exported program does
            # not have ("Could not extract specialized integer from data-dependent expression")
            if self.implementation == "fused":
                raise RuntimeError(
                    "`implementation='fused'` cannot take `lengths` under torch.export: PyTorch "
                    "packs sequences by their lengths' values, which an export does not have. "
                    "Use implementation='auto' or 'explicit'."
                )
            return False
        if packs and torch.compiler.is_compiling() and self.implementation == "auto":
            # Dynamo does not trace PyTorch's packing (pack_padded_sequence is on its skip
            # list): under torch.compile(fullgraph=True) "auto" with lengths failed with
            # "Attempted to call function marked as skipped", where the explicit path, which
            # masks by tensor operations, compiles ("fused" packs, and breaks the graph there,
            # as torch.nn.LSTM does)
            return False
        if packs and _forward_ad_active():
            if self.implementation == "fused":
                raise RuntimeError(
                    "`implementation='fused'` cannot run forward-mode AD with variable lengths: "
                    "PyTorch's packed sequences have no forward derivative. Use "
                    "implementation='auto' or 'explicit'."
                )
            return False
        if packs and transformed:
            # under torch.func.grad, jacrev or vjp the kernel met the transform's wrapped
            # tensors, which hold no storage: "auto" failed with "Cannot access data pointer
            # of Tensor that doesn't have storage" (torch.nn.LSTM on packed input fails too),
            # also where only a tensor outside the call was differentiated
            if self.implementation == "fused":
                raise RuntimeError(
                    "`implementation='fused'` cannot take `lengths` under torch.func's "
                    "transforms (grad, jacrev, vjp, ...): PyTorch's kernel on packed sequences "
                    "reads the tensors' storage, which a transform's wrapped tensors have not. "
                    "Use implementation='auto' or 'explicit'."
                )
            return False
        return True

    def _check_input(self, x: Tensor, packed: bool = False) -> None:
        if not isinstance(x, Tensor):
            raise TypeError(
                f"`input` must be a Tensor or PackedSequence, got {type(x).__name__}"
                + _conversion_hint(x, self.weight_ih_l0.dtype)
                + "."
            )
        # every problem of the input at once, as the cells tell them
        problems: list[tuple[str, type[Exception]]] = []
        floating = x.is_floating_point()
        if not floating:
            problems.append(
                (
                    f"`input` must be a floating-point tensor, got dtype {x.dtype}; convert it "
                    f"(`input{_converter(self.weight_ih_l0.dtype)}`, the layer's dtype).",
                    TypeError,
                )
            )
        if x.dim() not in (2, 3):
            layout = "[B, T, I]" if self.batch_first else "[T, B, I]"
            problems.append(
                (
                    f"`input` must be 3-D {layout} (or 2-D [T, I] unbatched), "
                    f"got {x.dim()}-D with shape {_sizes(x.shape)}"
                    + (self._series_hint(x.shape[0]) if x.dim() == 1 else "")
                    + ".",
                    ValueError,
                )
            )
        elif x.shape[-1] != self.input_size:
            problems.append(
                (
                    f"`input` has {_count(x.shape[-1], 'feature')} in its last dimension, "
                    f"expected input_size={self.input_size}"
                    + ("" if packed else self._layout_hint(_sizes(x.shape)))
                    + ".",
                    ValueError,
                )
            )
        if floating and (wrong_dtype := _dtype_problem(x, self.weight_ih_l0)):
            problems.append((wrong_dtype, TypeError))
        if wrong_device := _device_problem(x, self.weight_ih_l0):
            problems.append((wrong_device, RuntimeError))
        _refuse(problems)

    def _series_hint(self, length: int) -> str:
        """How a 1-D input ``[length]``, a series as the tutorials keep it, becomes one
        sequence the layer reads: ``length`` steps of one feature for ``input_size=1``, one
        step of its features where ``length`` is ``input_size``."""
        if self.input_size == 1:
            return (
                f"; for one sequence of {_count(length, 'step')} of one feature pass "
                "input.unsqueeze(-1) (unbatched [T, 1]), or "
                + ("input.reshape(1, -1, 1)" if self.batch_first else "input.reshape(-1, 1, 1)")
                + " for a batch of one"
            )
        if length == self.input_size:
            return f"; for one step of its {length} features pass input.unsqueeze(0) ([1, I])"
        return ""

    def _layout_hint(self, shape: tuple[int, ...]) -> str:
        """How windows of a Keras-style layout get the one this layer reads, when ``shape``
        looks like one: ``[samples, time steps]`` without the feature dimension (which a 2-D
        input is not: it is one unbatched sequence ``[T, I]``), or, with ``batch_first``,
        ``[samples, features, time steps]``, the classic tutorial's
        ``np.reshape(X, (N, 1, look_back))``."""
        if len(shape) == 2 and self.input_size == 1:
            return (
                f"; a 2-D input is one unbatched sequence [T, I], so shape {shape} reads as "
                f"{_count(shape[0], 'step')} of {_count(shape[1], 'feature')}: for "
                f"{_count(shape[0], 'window')} of {_count(shape[1], 'step')} of one feature "
                # [N, T, 1] read time first would be N steps of a batch of T, run without a word
                + (
                    "pass input.unsqueeze(-1)"
                    if self.batch_first
                    else "pass input.t().unsqueeze(-1) (without batch_first=True the layer "
                    "reads [T, B, I])"
                )
            )
        if len(shape) == 3 and self.batch_first and shape[1] == self.input_size:
            return (
                f"; with batch_first=True the layer reads [B, T, I], so shape {shape} is "
                f"{_count(shape[1], 'step')} of {_count(shape[2], 'feature')}: for "
                f"{_count(shape[2], 'step')} of {_count(shape[1], 'feature')} pass "
                "input.transpose(1, 2)"
            )
        return ""

    def _state_shape_problem(
        self, states: Sequence[Tensor], names: Sequence[str], batch: int
    ) -> str | None:
        """The refusal of every state of a batched call whose shape does not fit, at once (an
        ``(h_0, c_0)`` told of ``h_0`` alone came back for ``c_0``), or None. A remedy that
        fits several states is given once, naming them, as the cells give it."""
        problems, transposes, unsqueezes = [], [], []
        for state, name in zip(states, names, strict=True):
            size, size_name = self._state_size(name)
            expected = (self.num_layers * self.num_directions, batch, size)
            if tuple(state.shape) == expected:
                continue
            problems.append(
                f"`{name}` must have shape {_sizes(expected)} (num_layers * num_directions, "
                f"batch, {size_name}), got {_sizes(state.shape)}"
            )
            # [B, L*D, H], as the input's layout would have it: torch.nn's states stay
            # [L*D, B, H] whatever batch_first says, a trap the bare shapes did not name
            if self.batch_first and tuple(state.shape) == (batch, expected[0], size):
                transposes.append(f"{name}.transpose(0, 1)")
            elif batch == 1 and tuple(state.shape) == (expected[0], size):
                unsqueezes.append(f"`{name}.unsqueeze(1)`")
        if transposes:
            problems.append(
                "states are not batch-first, even with batch_first=True (as in torch.nn): "
                f"pass {' and '.join(transposes)}"
            )
        if unsqueezes:
            problems.append(
                "an unbatched state goes with an unbatched input [T, I]: pass "
                f"{' and '.join(unsqueezes)} (a batch of one)"
            )
        return "; ".join(problems) + "." if problems else None


def _count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1: ``"1 step"``, ``"12 steps"``."""
    return f"{n} {noun}{'s' * (n != 1)}"


def _mask_sum(mask: object, axis: int | None, floating: bool, per_feature: bool = False) -> str:
    """The lengths of a padding ``mask`` passed as lengths, as code for its own type: a tensor's
    ``.long()`` is a NumPy array's ``.astype(int)``, a list has no ``.sum`` and pandas' takes
    its axis by keyword; a mask with a
    value per feature (``per_feature``: ``[B, T, 1]``, ``x != 0``) counts the steps where any
    feature is real, ``.any(2)`` (a bool: no conversion)."""
    total = f"sum({'' if axis is None else axis})"
    if hasattr(mask, "to_numpy") and axis is not None:  # pandas takes the axis by keyword
        total = f"sum(axis={axis})"
    own = "mask" if isinstance(mask, Tensor) or hasattr(mask, "astype") else "torch.as_tensor(mask)"
    if per_feature:
        return f"{own}.any(2).{total}"
    if isinstance(mask, Tensor) or not hasattr(mask, "astype"):
        return f"{own}.{total}" + ".long()" * floating
    return f"{own}.{total}" + ".astype(int)" * floating  # NumPy, pandas


def _gap(real: Tensor) -> tuple[int, int, int] | None:
    """The first sequence of a ``[B, T]`` mask ``real`` (True = real step) with a padded step
    before a real one, as ``(sequence, padded step, real step)``; None when every sequence is
    padded at the end only, which is all ``lengths`` can describe."""
    later = real[:, 1:] & ~real[:, :-1]  # real at t + 1 after padded at t
    if not bool(later.any()):
        return None
    b, t = (int(i) for i in later.nonzero()[0])
    return b, t, t + 1


def _pandas_values(values: object) -> object:
    """A pandas object's values as a NumPy array of their own kind: its nullable dtypes
    (``boolean``, ``Int64``) come out of ``to_numpy()`` as objects, which torch cannot read, so
    those are read again (bools, ints; a missing value stays an object, refused as such)."""
    array = values.to_numpy(copy=True)
    if array.dtype == object:
        array = np.array(array.tolist())
    return array


def _pandas_missing(values: object, name: str) -> str | None:
    """The refusal for a pandas Series or DataFrame ``values`` (passed as ``name``) holding a
    missing value (NaN, None, ``pd.NA``), which neither a real nor a padded step is: where the
    first one is and what to do; None when none is missing. (Torch reads NaN as a real step,
    and refuses ``pd.NA`` with the whole object's printout.)"""
    missing = values.isna().to_numpy()
    if not missing.any():
        return None
    where = np.argwhere(missing)[0]
    labels = [_index_label(values.index, where[0])]
    if missing.ndim == 2:
        labels.append(_index_label(values.columns, where[1]))
    found = values.iat[tuple(where)]
    # a float NaN as pandas prints it: numpy 2's repr, np.float64(nan), showed a type where
    # the point is that the value is missing (None, pandas' <NA> and NaT are plain already)
    nan = isinstance(found, numbers.Real) and math.isnan(found)
    shown = "NaN" if nan else value_repr(found)
    at = f"row {labels[0]}"
    if len(labels) > 1:
        at += f", column {labels[1]}"
    said = f"`{name}` must not hold missing values, got {shown} at {at} " + (
        f"({_count(int(missing.sum()), 'missing value')}): "
    )
    dtypes = [values.dtype] if missing.ndim == 1 else list(values.dtypes)
    bools = all(str(dtype) in ("bool", "boolean") for dtype in dtypes)
    if missing.ndim == 1 and not bools:  # a Series of lengths, not a [T] mask
        return said + "each sequence's length is a whole number of steps; give the missing ones"
    # pandas' nullable `boolean` takes no 0 (a TypeError), nor `Int64` a False
    return said + (
        "a mask holds 1 (True) for a real step and 0 (False) for a padded one; fill them "
        f"first, `mask.fillna({False if bools else 0})` where a missing step is padding"
    )


def _index_label(index: Any, position: int) -> str:
    """The label at ``position`` of a pandas ``index`` as a refusal names it: dates, periods and
    durations as the index prints them (``1950-03-01``, ``1950-03``, ``2 days``), where their
    repr, ``Timestamp('1950-03-01 00:00:00')``, was not what the user wrote; other labels as
    :func:`_label_repr` writes them."""
    import pandas as pd

    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex, pd.TimedeltaIndex)):
        return str(index.astype(str)[position])
    return _label_repr(index[position])


def _label_repr(label: object) -> str:
    """A pandas row or column label as a refusal names it, plainly: an integer or float
    index's labels are numpy's, which numpy 2 writes ``np.int64(7)``, a MultiIndex's a tuple of
    them (``(1, 3)``, not ``(np.int64(1), np.int64(3))``); text quoted (``'a'``)."""
    if type(label) is tuple:
        inner = ", ".join(map(_label_repr, label))
        return f"({inner},)" if len(label) == 1 else f"({inner})"
    return plain_repr(label, True)


def _read_tensor(values: object, name: str) -> Tensor:
    """``values`` passed as ``name`` (a tensor, NumPy array, sequence or pandas object) as a CPU
    tensor: the one reading of :func:`check_lengths` and :func:`_mask_advice`.

    A tensor is taken as it is: torch.jit.trace warned at torch.as_tensor that its result is a
    constant of the trace, twice per trace, though the trace follows the lengths it is given (a
    list is one, and still told so). Torch reads a DataFrame by its labels, so a pandas object
    is read by its values.

    Raises:
        ValueError: for a pandas object holding a missing value (:func:`_pandas_missing`'s
            words).
        TypeError, ValueError, RuntimeError: as torch raises them for what it cannot read (a
            str, None among the entries, ...), for the caller to word.
    """
    if not isinstance(values, Tensor) and hasattr(values, "to_numpy"):
        if hasattr(values, "iat") and (missing := _pandas_missing(values, name)):
            raise _Missing(missing)
        values = _pandas_values(values)
    if not isinstance(values, Tensor):
        # on the CPU, whatever the default device: under `with torch.device("meta")` a list
        # became a meta tensor, which holds no values to read
        values = torch.as_tensor(values, device="cpu")
    return values.to("cpu")


def _unread_repr(values: object) -> str:
    """``values`` that :func:`_read_tensor` could not read, as a refusal shows them on one
    line: a pandas object or NumPy array by its type and its values as a list, abridged
    (``Series [[1, 2], [3], [4], [5]]``), where their own repr spans lines (a Series' index
    and dtype) and ``reprlib`` cut it mid-word (``array([list([... dtype=object)``)."""
    if isinstance(values, np.ndarray):
        return typed_repr(values, reprlib.repr(values.tolist()))
    if not isinstance(values, Tensor) and hasattr(values, "to_numpy"):
        # its values, where value_repr says a table's shape alone: the lengths are the point
        return f"{type(values).__name__} {reprlib.repr(values.to_numpy().tolist())}"
    return reprlib.repr(values)


class _Missing(ValueError):
    """:func:`_read_tensor`'s refusal of a missing value, told apart from torch's errors."""


def _zeros_and_ones(lengths: Tensor, zero: bool = True) -> bool:
    """Whether ``lengths`` hold a padding mask's 0 and 1 alone (floats, or ints: ``mask.long()``,
    NumPy's), and a 0 where ``zero``, which no length is; the values of vmap's per-sample
    lengths and of a compiled call's are not read."""
    if torch.compiler.is_compiling() or _varies_under_vmap(lengths):
        return False
    if not bool(((lengths == 0) | (lengths == 1)).all()):
        return False
    return not zero or bool((lengths == 0).any())


def _int_mask(lengths: Tensor) -> bool:
    """Whether integer ``lengths`` are a padding mask's 0 and 1 holding a 0."""
    integer = not lengths.dtype.is_floating_point and lengths.dtype != torch.bool
    return integer and _zeros_and_ones(lengths)


def _whole_hint(lengths: Tensor, given: object, batch: int, steps: int) -> str:
    """For one length per sequence of the ``batch`` in a float dtype, all whole numbers
    (``torch.tensor([4., 3.])``, steps summed from a float mask): the conversion of ``given``
    to ints, and, where some lie outside [1, ``steps``], that range at once (the ints would be
    refused for it in turn); else ""."""
    if not lengths.dtype.is_floating_point or lengths.dim() != 1 or lengths.numel() != batch:
        return ""
    if not bool((torch.isfinite(lengths) & (lengths == lengths.round())).all()):
        return ""
    if isinstance(given, Tensor):
        code = "lengths.long()"
    elif hasattr(given, "astype"):  # NumPy, pandas
        code = "lengths.astype(int)"
    else:
        code = "[int(n) for n in lengths]"
    low, high = int(lengths.min()), int(lengths.max())
    if not steps:
        limit = (
            "; but an input with zero time steps takes no `lengths`: call the layer without them"
        )
    elif low < 1 or high > steps:
        limit = (
            f"; but lengths must lie in [1, {steps}] (the number of time steps), and these run "
            f"from {low} to {high}"
        )
    else:
        limit = ""
    return f" (whole numbers: pass them as ints, `lengths={code}`{limit})"


def _tensor_code(mask: object) -> str:
    """Code that gives ``mask`` as a tensor: torch reads a pandas object by its labels (a
    DataFrame's columns: `torch.as_tensor` fails on one), so through ``.to_numpy(float)``, which
    also reads pandas' nullable dtypes (``boolean``, ``Int64``: objects by default) and is a copy
    (pandas may lend a read-only array, of which torch warns)."""
    if isinstance(mask, Tensor):
        return "mask"
    if hasattr(mask, "to_numpy"):
        return "torch.tensor(mask.to_numpy(float))"
    return "torch.as_tensor(mask)"


# a [T] mask of padding alone: its remedy (lengths of 0) would be refused in turn
_NO_REAL_STEP = (
    "that of a [T] mask, which marks every step padding: a sequence needs at least one real "
    "step (lengths in [1, T])"
)


def _sequence_mask_problem(
    lengths: Tensor, given: object, batch_first: bool, input: str = "input", batch: int = 0
) -> str:
    """The refusal's clause for a ``[T]`` padding mask ``lengths`` (``given`` as the user
    passed it): of one sequence (``batch`` 0), its length; beside a batch of ``batch``
    sequences, the one length they then share; with a padded step before a real one, the real
    steps kept by indexing the time dimension (the second of a batch-first batch)."""
    real = lengths != 0
    if not bool(real.any()):
        return _NO_REAL_STEP
    gap = _gap(real.unsqueeze(0))
    if gap is None:
        # beside a batch, int() takes the sum of a float mask as it is
        total = _mask_sum(given, None, lengths.dtype.is_floating_point and not batch)
        if not batch:
            return (
                f"that of a [T] mask: pass the sequence's length, `lengths={total}` for a "
                "sequence padded at the end"
            )
        return (
            f"that of a [T] mask: a batch of {batch} sequences takes one length each, "
            f"`lengths=torch.full(({batch},), int({total}))` where every sequence is padded at "
            "the end as this mask says"
        )
    steps = f"{':, ' * batch_first}{_tensor_code(given)} != 0"
    which = "sequences" if batch else "a sequence"
    keep = "the real steps of every sequence" if batch else "its real steps"
    return (
        f"that of a [T] mask whose padded step {gap[1]} comes before real step {gap[2]}: "
        f"lengths describe {which} padded at the end only, so keep {keep}, "
        f"`{input} = {input}[{steps}]`, and pass no lengths"
    )


def _compaction(
    mask: object,
    axis: int,
    per_feature: bool,
    lengths: str,
    input: str,
    tokens: bool,
    time_major: bool = False,
) -> str:
    """Code that moves each sequence's real steps to the front (a stable sort keeps their
    order) and the ``lengths`` that then describe the input: the remedy for a mask with a gap
    or with padding at the start. ``input``: the name of the input, ``tokens`` for ``[B, T]``
    token ids, which take ``keep`` as it is."""
    own = _tensor_code(mask)
    padded = f"({own} == 0)" + (".all(2)" if per_feature else "")
    # the input's time dimension, and `keep` laid out as the input is (a [B, T] mask beside a
    # time-major input [T, B, I] is transposed)
    time = 0 if time_major and not tokens else 1
    keep = "keep" if axis == time else "keep.T"
    return (
        f"`keep = {padded}.argsort(dim={axis}, stable=True)`, "
        f"`{input} = {input}.gather({time}, "
        + (f"{keep})`" if tokens else f"{keep}.unsqueeze(-1).expand_as({input}))`")
        + ", then pass "
        f"`lengths={lengths}`"
    )


def _mask_problem(
    lengths: Tensor,
    given: object,
    batch: int,
    steps: int,
    time_major: bool,
    input: str = "input",
    tokens: bool = False,
    keras: bool = False,
) -> str | None:
    """The refusal's clause when ``lengths`` is a padding mask (``[B, T]``, ``[T, B]``, one per
    feature ``[B, T, 1]`` or ``[B, T, I]``), with the ``lengths`` that replace it, or, where its
    sequences are not padded at the end only, the compaction that lets lengths describe them;
    None for another shape. ``time_major``: the input is ``[T, B, ...]``, so a square mask
    (``B == T``) is read as ``[T, B]``, unless it is Keras' ``mask=`` (``keras``), which is
    ``[B, T]`` whatever the input's layout."""
    floating = lengths.dtype.is_floating_point
    dims = lengths.dim()
    if dims not in (2, 3) or not (lengths.numel() > 1 or lengths.dtype == torch.bool):
        return None
    if tuple(lengths.shape[:2]) not in ((batch, steps), (steps, batch)):
        return None
    # a square mask (B == T) is laid out as the input is
    batch_major = lengths.shape[:2] == (batch, steps) and not (
        batch == steps and time_major and not keras
    )
    axis = 1 if batch_major else 0
    layout = "[B, T" if batch_major else "[T, B"
    per_feature = dims == 3
    if per_feature:  # [B, T, 1] as Keras' masks, or [B, T, I] from `x != 0`
        layout += ", 1] mask" if lengths.shape[2] == 1 else ", I] mask (as `x != 0` gives)"
    else:
        layout += "] mask"
    total = _mask_sum(given, axis, floating, per_feature)
    real = lengths != 0
    if per_feature:
        real = real.any(2)
    gap = _gap(real if batch_major else real.T)
    if gap is None:
        return (
            f"that of a {layout}: pass each sequence's length, `lengths={total}` for "
            "sequences padded at the end"
        )
    b, padded, later = gap
    compaction = _compaction(given, axis, per_feature, total, input, tokens, time_major)
    return (
        f"that of a {layout} whose sequence {b} has padded step {padded} before real "
        f"step {later}: lengths describe sequences padded at the end only, so move each "
        f"sequence's real steps to the front first, {compaction}"
    )


def _mask_advice(module: _RNNBase, input: object, mask: object) -> str | None:
    """What a Keras-style ``mask=`` given to ``module`` with ``input`` (``[B, T]`` or, unbatched,
    ``[T]``) stands for, as
    ``lengths`` would tell it (``this one is a [B, T, 1] mask: pass ... `lengths=...```, or the
    compaction a mask with a gap needs); None where that cannot be read from them.

    Keras' masks are ``[B, T]`` whatever the layout of the input, so a square one (``B == T``)
    is read as ``[B, T]`` here even beside a time-major input (``batch_first=False``), whose
    compaction then gathers on the input's time dimension (``input.gather(0, keep.T...)``)."""
    if not isinstance(input, Tensor) or input.dim() not in (2, 3) or mask is None:
        return None
    try:
        values = _read_tensor(mask, "mask")
    except _Missing as missing:  # in a Series or DataFrame (an Index has no labelled cells)
        return "this one " + str(missing).removeprefix("`mask` ")
    except (TypeError, ValueError, RuntimeError):
        return None
    if input.dim() == 2:  # one unbatched sequence [T, I]: its mask is [T]
        if tuple(values.shape) != (input.shape[0],):
            return None
        problem = _sequence_mask_problem(values, mask, batch_first=False)
        return "this one is " + problem.removeprefix("that of ")
    batch, steps = input.shape[:2] if module.batch_first else input.shape[1::-1]
    problem = _mask_problem(values, mask, batch, steps, not module.batch_first, keras=True)
    return None if problem is None else "this one is " + problem.removeprefix("that of ")


def _one_length_hint(lengths: Tensor, batch: int, steps: int) -> str:
    """The end of the refusal of ``lengths`` given as one number (``lengths=5``, or
    ``lengths=[5]``) for a batch of ``batch`` sequences: a batch takes one length per
    sequence, so the one they share is repeated; where it is every step, no lengths at all say
    the same. A length out of range is told so with the shape (the repeated one was refused in
    turn); an empty batch, whose lengths are ``[]``, or an input of no steps, which no lengths
    describe, "." alone."""
    n = int(lengths)
    if batch < 2 or steps == 0:
        return "."
    if not 1 <= n <= steps:
        return f", outside [1, {steps}] (the number of time steps)."
    full = f"`lengths=torch.full(({batch},), {n})`"
    if n == steps:
        every = "its one step" if steps == 1 else f"all {steps} steps"  # not "all 1 step"
        return f": where every sequence has {every}, pass `lengths=None` (or {full})."
    return f": for the same length in all {batch} sequences pass {full}."


def check_lengths(
    lengths: Tensor | Sequence[int],
    batch: int,
    steps: int,
    *,
    time_major: bool = False,
    unbatched: bool = False,
    input: str = "input",
    tokens: bool = False,
    device: torch.device | None = None,
) -> Tensor:
    """Validated sequence lengths as a 1-D int64 CPU tensor (the one check every caller uses).

    ``time_major``: the input is ``[T, B, ...]``, so a square padding mask (``B == T``) given
    as ``lengths`` is read as ``[T, B]`` in the refusal's hint. ``unbatched``: the input is one
    sequence ``[T, I]``, which a refusal of the shape says. ``input``: the input's name in a
    remedy; ``tokens``: it holds ``[B, T]`` token ids (a text model's), no features.
    ``device``: the input's, which a refusal of lengths on the meta device names.

    Raises:
        TypeError: for non-integer lengths.
        ValueError: for a shape other than ``[batch]`` or a length outside ``[1, steps]``.
        RuntimeError: for lengths on the meta device, which hold no values to read.
    """
    given = lengths
    if isinstance(lengths, Tensor) and lengths.is_meta:
        # (lengths on another real device are read on the CPU, whatever the input's device)
        if device is None:
            but = ""
        elif torch.device(device).type == "meta":
            but = f", as `{input}` is"
        else:
            but = f" but `{input}` is on {device}"
        raise RuntimeError(
            f"`lengths` is on device meta{but}: a meta tensor holds no values to read the "
            "lengths from; pass them as ints (a list, or a tensor on any real device: "
            "`torch.tensor([...])`)."
        )
    # a bool among ints: torch reads [True, 3] as [1, 3], and a sequence ran one step long (a
    # list of bools alone is a mask, told below); the types, not each entry, are looked at.
    # (list, tuple), not list | tuple: torch 2.4-2.9's dynamo cannot trace a UnionType
    if (
        isinstance(given, (list, tuple))
        and bool in (kinds := set(map(type, given)))
        and len(kinds) > 1
    ):
        at = next(i for i, n in enumerate(given) if isinstance(n, bool))
        raise TypeError(
            f"`lengths` must hold integers, got bool {given[at]} at `lengths[{at}]` of "
            f"{_unread_repr(given)}: a length counts a sequence's real steps (an int in "
            f"[1, {steps}]), not a switch."
        )
    try:
        lengths = _read_tensor(lengths, "lengths")
    except _Missing as missing:
        raise ValueError(f"{missing}.") from None
    except (TypeError, ValueError, RuntimeError):  # a str, None among the entries, ...
        raise TypeError(
            f"`lengths` must be a 1-D tensor or sequence of ints, got {_unread_repr(given)}."
        ) from None
    if lengths.numel() == 0 and not isinstance(given, Tensor):
        lengths = lengths.long()  # an empty list, for an empty batch: torch reads it as float
    # A padding mask, as Keras and attention layers take it: its dtype (bool, float) is not the
    # problem, so this comes before the dtype check. A [1, 1] one is a mask if it is bool.
    floating = lengths.dtype.is_floating_point
    noninteger = floating or lengths.dtype == torch.bool
    if (
        lengths.dim() == 1
        and batch == 1
        and lengths.numel() == steps > 1
        # (an unbatched input's ints keep the words of the shape a batch takes)
        and (noninteger or (not unbatched and _int_mask(lengths)))
    ):
        raise ValueError(  # one sequence's [T] mask
            f"`lengths` must be 1-D with one entry per sequence (1), got shape ({steps},), "
            + _sequence_mask_problem(lengths, given, not (time_major or unbatched), input)
            + "."
        )
    problem = _mask_problem(lengths, given, batch, steps, time_major, input, tokens)
    if problem is not None:
        raise ValueError(
            f"`lengths` must be 1-D with one entry per sequence ({batch}), got shape "
            f"{_sizes(lengths.shape)}, {problem}."
        )
    if lengths.dim() == 1 and lengths.dtype == torch.bool and batch > 1:
        # bools are a mask, not lengths: one sequence's [T] (shared by the batch), else a
        # bool per sequence, which lengths cannot be read from
        per_sequence = (
            "one bool per sequence, not lengths: lengths count each sequence's real "
            f"steps (ints in [1, {steps}]), `lengths=mask.sum({int(not time_major)})` of "
            f"their {'[T, B]' if time_major else '[B, T]'} padding mask"
        )
        shared = _sequence_mask_problem(lengths, given, not time_major, input, batch)
        if lengths.numel() == steps == batch:
            # as many bools as sequences and as steps: either reading may be the user's, and
            # the remedy of the other one (one length for all) would run without a word
            told = (
                f"{batch} bools, as many as the sequences and as the time steps ({batch}), "
                f"so either {shared.removeprefix('that of ')}; or, as [B], {per_sequence}"
            )
        else:
            told = shared if lengths.numel() == steps else per_sequence
        raise TypeError(
            f"`lengths` must hold integers, got dtype {getattr(given, 'dtype', 'bool')}: {told}."
        )
    if noninteger:
        # the user's own words: a list's values, a NumPy array's dtype (not torch's reading)
        got = (
            f"dtype {given.dtype}"
            if hasattr(given, "dtype")
            else reprlib.repr(given)  # [5, 2, 3.5], not the dtype torch.float32 it became
        )
        hint = _whole_hint(lengths, given, batch, steps)
        if (
            lengths.dim() == 1
            and batch > 1
            and lengths.numel() == steps
            and _zeros_and_ones(lengths, zero=steps == batch)
        ):
            # one [T] mask of 0.0 and 1.0, a bool mask's floats: told as the bool one is; as
            # many as the sequences (B == T), only with a 0.0, which no length is (the ints
            # `lengths.long()` would be refused in turn)
            hint = ": " + _sequence_mask_problem(lengths, given, not time_major, input, batch)
        raise TypeError(f"`lengths` must hold integers, got {got}{hint}.")
    lengths = lengths.long()
    if (
        lengths.dim() == 1
        and batch > 1
        and 1 < lengths.numel() == steps != batch
        and _int_mask(lengths)
    ):
        raise ValueError(  # the [T] mask of a batch, in ints
            f"`lengths` must be 1-D with one entry per sequence ({batch}), got shape ({steps},), "
            + _sequence_mask_problem(lengths, given, not time_major, input, batch)
            + "."
        )
    if lengths.dim() > 1 or lengths.reshape(-1).numel() != batch:
        # an unbatched input [T, I] is one sequence: told so, and the shape a batch takes
        layout = "[T, B, I]" if time_major else "[B, T, I]"
        if lengths.dim() == 0:  # lengths=5: not "got shape ()", a shape the user never gave
            raise ValueError(
                f"`lengths` must be 1-D with one entry per sequence ({batch}), got one "
                f"number, {value_repr(given)}" + _one_length_hint(lengths, batch, steps)
            )
        raise ValueError(
            f"`lengths` must be 1-D with one entry per sequence ({batch}), "
            f"got shape {_sizes(lengths.shape)}"
            + (
                f": the input is one unbatched sequence [T, I] of {_count(steps, 'step')}, "
                f"whose length is one int (`lengths={steps}` or fewer); a batch of sequences is "
                f"3-D {layout}."
                if unbatched
                # lengths=[5]: one length for the batch, as lengths=5 is
                else f", one length, {int(lengths)}" + _one_length_hint(lengths, batch, steps)
                if lengths.shape == (1,)
                else "."
            )
        )
    one_number = lengths.dim() == 0  # lengths=0: told as given, with no index
    lengths = lengths.reshape(-1)
    # Under torch.compile the range check would branch on tensor values (a graph break that
    # fullgraph=True refuses), and under vmap per-sample lengths have no values to read here;
    # eager calls check it.
    if (
        not torch.compiler.is_compiling()
        and not _varies_under_vmap(lengths)
        and lengths.numel()
        and (lengths.min() < 1 or lengths.max() > steps)
    ):
        if steps == 0:
            raise ValueError(
                f"`lengths` cannot describe an input with zero time steps (every length is at "
                f"least 1), got values from {int(lengths.min())} to {int(lengths.max())}; "
                "call the layer without `lengths` (it returns the initial state)."
            )
        raise ValueError(
            f"`lengths` must lie in [1, {steps}] (the number of time steps), got "
            + _outside_steps(lengths, steps, one_number=one_number, unbatched=unbatched)
        )
    return lengths


def _outside_steps(lengths: Tensor, steps: int, *, one_number: bool, unbatched: bool) -> str:
    """Where ``lengths`` [B] leave [1, ``steps``], by position (the first 3), so that one
    sequence of a large batch is found ("got values from 0 to 7" said neither which nor how
    many), and what to do with an empty sequence: where the first 0 is when it is not among
    those told, and no batch to leave it out of for an unbatched input. ``one_number``: the
    lengths were given as one number (``lengths=0``), told as given, with no index. Counted
    with tensor ops (a Python loop over a million entries outside took 2 s)."""
    where = ((lengths < 1) | (lengths > steps)).nonzero().flatten()
    shown = where[:3].tolist()
    zero = (lengths == 0).nonzero().flatten()[:1].tolist()  # the first 0's index, if any
    if one_number:
        told = str(int(lengths[0]))
    else:
        told = ", ".join(f"{int(lengths[i])} at `lengths[{i}]`" for i in shown)
    if where.numel() > 3:
        told += and_more(where.numel(), 3)
        if zero and zero[0] not in shown:
            told += f" (the first 0 at `lengths[{zero[0]}]`)"
    if zero:
        told += ": a sequence needs at least one step (torch.nn's packing refuses 0 too); " + (
            "skip the call for an empty sequence (its state stays the initial one)"
            if unbatched
            else "leave empty sequences out of the batch"
        )
    return told + "."


def _vmapped(module: _RNNBase, x: Tensor, states: tuple[Tensor, ...], packs: bool = False) -> bool:
    """Whether ``x``, a state or a weight of ``module`` is batched by a ``torch.func.vmap``
    (eager calls only: Dynamo traces no functorch internals); asked for ``"auto"``, and for
    ``"fused"`` when it ``packs`` lengths (which it cannot under vmap)."""
    asked = module.implementation == "auto" or (packs and module.implementation == "fused")
    if not asked or torch.compiler.is_compiling():
        return False
    if not _functorch_active():
        return False
    return any(_varies_under_vmap(t) for t in (x, *states, *module._kernel_weights()))


def _transformed() -> bool:
    """Whether a torch.func transform other than ``vmap`` (``grad``, ``jacrev``, ``vjp``,
    ``jvp``, ``functionalize``) runs the call: its tensors are then wrapped, a plain input's
    too once an operation has touched it, and the wrappers hold no storage for PyTorch's
    packing to read (eager calls only: Dynamo traces no functorch internals). A ``vmap``
    alone is not one: the kernel runs under it where nothing of the call is batched (a head
    vmapped over a shared encoder), which :func:`_vmapped` tells; counted as one, ``"fused"``
    with lengths was refused there and ``"auto"`` left the kernel. A torch without the
    interpreter stack's list counts any transform."""
    if torch.compiler.is_compiling() or not _functorch_active():
        return False
    functorch = torch._C._functorch
    stack = getattr(functorch, "get_interpreter_stack", None)
    if stack is None:
        return True
    return any(i.key() != functorch.TransformType.Vmap for i in stack() or ())


def _varies_under_vmap(t: Tensor) -> bool:
    """Whether ``t`` is batched by a ``torch.func.vmap`` (per-sample lengths, say), so that its
    values cannot be read (``bool``, ``.item()``, packing) inside the call."""
    functorch = torch._C._functorch
    while functorch.is_functorch_wrapped_tensor(t):
        if functorch.is_batchedtensor(t):
            return True
        t = functorch.get_unwrapped(t)
    return False


def _real_steps(lengths: Tensor, steps: int, *, batch_first: bool = False) -> Tensor:
    """``[T, B]`` bool (``[B, T]`` where ``batch_first``), True at each sequence's real steps
    (``t < lengths[b]``), made on the lengths' device (the CPU after :func:`check_lengths`),
    whatever the default device: under ``with torch.device("meta")`` steps made there met CPU
    lengths. The ``[B, T]`` one is its own contiguous tensor, not the ``[T, B]`` one's
    transposed view, for the explanations and the text classifier to index by rows."""
    t = torch.arange(steps, device=lengths.device)
    if batch_first:
        return t.unsqueeze(0) < lengths.unsqueeze(1)
    return t.unsqueeze(1) < lengths.unsqueeze(0)


def _valid_steps(
    lengths: Tensor | None, batch: int, steps: int, device: torch.device | str
) -> Tensor:
    """``[B, T]`` bool on ``device``, True at real steps (:func:`_real_steps`, batch first);
    all True without ``lengths``: the mask of the explanations, made where their inputs are,
    never on the default device."""
    if lengths is None:
        return torch.ones(batch, steps, dtype=torch.bool, device=device)
    return _real_steps(lengths, steps, batch_first=True).to(device)


def _reverse_index(
    lengths: Tensor | None, steps: int, batch: int, device: torch.device
) -> Tensor | None:
    """Index [T, B] that reverses each sequence within its own length (padding stays put)."""
    if lengths is None:
        return None
    t = torch.arange(steps, device=lengths.device).unsqueeze(1)  # [T, 1]
    lens = lengths.unsqueeze(0)  # [1, B]
    idx = torch.where(t < lens, lens - 1 - t, t)
    return idx.to(device)


def _time_gather(x: Tensor, idx: Tensor) -> Tensor:
    """``x[idx[t, b], b]`` for x [T, B, *]."""
    return x.gather(0, idx.view(*idx.shape, 1).expand(-1, -1, x.shape[2]))


class LSTM(_RNNBase):
    r"""A multi-layer LSTM over time with named gates, optional peepholes and two implementations.

    For each layer and direction, at every step (see :class:`~lstmkit.nn.LSTMCell`):

    .. math::
        i_t &= \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi} [+ w_{ci} \odot c_{t-1}]) \\
        f_t &= \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf} [+ w_{cf} \odot c_{t-1}]) \\
        g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \\
        c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
        o_t &= \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho} [+ w_{co} \odot c_t]) \\
        h_t &= o_t \odot \tanh(c_t)

    Bracketed terms are the peephole connections of Gers & Schmidhuber (2000), present with
    ``peephole=True`` as parameters ``weight_ci_l{k}``, ``weight_cf_l{k}``, ``weight_co_l{k}`` [H]
    (same ``_reverse`` suffix). Layer ``k > 0`` takes the previous layer's output, with dropout
    ``p=dropout`` in training mode, as ``torch.nn.LSTM``.

    Implementations (``implementation=``):

    * ``"explicit"``: a readable time loop — one matrix product for the input projections of all
      steps, then one recurrent product and the gate equations per step. The reference; traces
      gates and supports peepholes. ``torch.jit.trace`` records its loop for the example input's
      number of steps (it warns, and the traced module refuses another length).
    * ``"fused"``: PyTorch's LSTM kernel (``torch.lstm``, oneDNN/cuDNN). Equivalent to the explicit
      path when **all** of these hold: ``peephole=False``; the cell is the standard LSTM above. It
      raises ``ValueError`` at construction when ``peephole=True``, and ``RuntimeError`` for a
      call with ``lengths`` under forward-mode AD, ``torch.export`` or a torch.func transform
      (``grad``, ``jacrev``; not a ``vmap`` that batches nothing of the call), or with lengths
      that vary under ``vmap``.
    * ``"auto"`` (default): fused when the conditions hold, explicit otherwise (also for a
      call with ``lengths`` under forward-mode AD, which PyTorch's packing cannot carry, with
      lengths under ``torch.export`` or varying under ``vmap``, which it cannot read, with
      lengths under a torch.func transform but ``vmap``, whose wrapped tensors it cannot read
      either, with
      lengths under ``torch.compile``, whose Dynamo does not trace it (with or without
      ``fullgraph``, which a layer cannot tell; its unrolled loop compiles about 7x slower, so a
      compile without ``fullgraph`` keeps the fused kernel with ``"fused"``), and for any call under
      ``vmap``
      of the input, a state or the weights, as the kernels have no batching rule; and for an
      LSTM under CPU autocast to bfloat16 or float16 where oneDNN has no such LSTM and
      ``torch.nn.LSTM`` fails (seen for both on an AVX2 CPU without AVX-512, and for float16
      on an AVX-512 one without AVX512-FP16; the first such call finds out), and for one
      with bfloat16 parameters wherever torch's fused kernel refuses them, as
      torch 2.4's does on a CPU without AVX-512).

    Gate traces (:func:`lstmkit.trace`) work with all three: the layer runs as usual and the gates
    are recomputed from its inputs and outputs afterwards, so traced outputs are bit-identical to
    untraced ones.

    Args:
        input_size: features ``I`` of the input.
        hidden_size: units ``H`` per direction.
        num_layers: stacked layers.
        bias: use ``bias_ih`` and ``bias_hh``.
        batch_first: input and output are [B, T, *] instead of [T, B, *].
        dropout: dropout on the outputs of every layer but the last, in training; with
            ``lengths`` drawn on the real steps alone, as PyTorch's kernel draws it, so both
            implementations drop the same values under one seed on the CPU.
        bidirectional: add a reverse direction; outputs are concatenated [forward, reverse].
        proj_size: if ``P > 0`` (``P < hidden_size``), project each ``h_t`` to P units,
            ``h_t = W_hr (o_t ⊙ tanh(c_t))`` with ``weight_hr_l{k}`` [P, H], as ``torch.nn.LSTM``
            (Sak et al. 2014); ``weight_hh_l{k}`` is then [4H, P]. LSTM only.
        peephole: add peephole connections (explicit path).
        implementation: ``"auto"``, ``"fused"`` or ``"explicit"``.
        device: where to create the parameters, as torch takes it: a name (``"cuda:1"``),
            a ``torch.device``, or an index of the machine's accelerator (``0``).
        dtype: parameter dtype.

    Inputs: ``input, hx=None, lengths=None``
        * input: [T, B, I] (or [B, T, I] with ``batch_first``), [T, I] unbatched, or a
          ``PackedSequence``, in the parameters' dtype (else ``TypeError``: convert the layer
          with ``.double()`` or the input with ``.float()``). ``B = 0`` gives empty outputs;
          ``T = 0`` gives an empty output and ``(h_0, c_0)`` back on every implementation
          (``torch.nn.LSTM`` refuses it), in the graph with gradient zero like a step's.
        * hx: ``(h_0, c_0)``, each [L*D, B, H] ([L*D, H] unbatched), also with
          ``batch_first`` (as in ``torch.nn``); zeros when None. With ``proj_size`` P, ``h_0``
          is [L*D, B, P].
        * lengths: true lengths [B] of padded sequences, any order. Padded steps do not change the
          state, their outputs are zero, and the reverse direction starts at each sequence's own
          last step.

    Outputs: ``output, (h_n, c_n)``
        * output: [T, B, D*H] (or [B, T, D*H]; D*P with ``proj_size``); a ``PackedSequence``
          for packed input.
        * h_n, c_n: [L*D, B, H] (h_n [L*D, B, P] with ``proj_size``), the state after each
          sequence's last valid step (for the reverse direction: after its first step).

    Example:
        >>> lstm = LSTM(input_size=5, hidden_size=4, batch_first=True)
        >>> out, (h_n, c_n) = lstm(torch.randn(2, 7, 5), lengths=[7, 3])
        >>> tuple(out.shape), tuple(h_n.shape)
        ((2, 7, 4), (1, 2, 4))
    """

    mode = "LSTM"
    _gate_names = LSTM_GATES

    # The output is of the input's kind: a tensor for a tensor, packed for packed.
    @overload
    def forward(
        self,
        input: Tensor,
        hx: tuple[Tensor, Tensor] | None = None,
        lengths: Tensor | Sequence[int] | None = None,
    ) -> tuple[Tensor, tuple[Tensor, Tensor]]: ...
    @overload
    def forward(
        self,
        input: PackedSequence,
        hx: tuple[Tensor, Tensor] | None = None,
        lengths: Tensor | Sequence[int] | None = None,
    ) -> tuple[PackedSequence, tuple[Tensor, Tensor]]: ...
    def forward(
        self,
        input: Tensor | PackedSequence,
        hx: tuple[Tensor, Tensor] | None = None,
        lengths: Tensor | Sequence[int] | None = None,
    ) -> tuple[Tensor | PackedSequence, tuple[Tensor, Tensor]]:
        """Runs the layer: ``input`` [T, B, I] (or [B, T, I] with ``batch_first``), ``hx =
        (h_0, c_0)`` each [L*D, B, H] (zeros when None) and true ``lengths`` [B] give
        ``output, (h_n, c_n)``; the class docstring's Inputs and Outputs say the rest."""
        return _run(self, input, hx, lengths)

    if TYPE_CHECKING:  # calls type as ``forward``: nn.Module's ``__call__`` is typed Any, and
        # pyright keeps that over ``__call__ = forward``; a ``def`` of forward's signature it takes
        @overload
        def __call__(
            self,
            input: Tensor,
            hx: tuple[Tensor, Tensor] | None = None,
            lengths: Tensor | Sequence[int] | None = None,
        ) -> tuple[Tensor, tuple[Tensor, Tensor]]: ...
        @overload
        def __call__(
            self,
            input: PackedSequence,
            hx: tuple[Tensor, Tensor] | None = None,
            lengths: Tensor | Sequence[int] | None = None,
        ) -> tuple[PackedSequence, tuple[Tensor, Tensor]]: ...
        def __call__(
            self,
            input: Tensor | PackedSequence,
            hx: tuple[Tensor, Tensor] | None = None,
            lengths: Tensor | Sequence[int] | None = None,
        ) -> tuple[Tensor | PackedSequence, tuple[Tensor, Tensor]]: ...


class GRU(_RNNBase):
    r"""A multi-layer GRU over time (PyTorch's formulation) with named gates and two paths.

    For each layer and direction, at every step (see :class:`~lstmkit.nn.GRUCell`):

    .. math::
        r_t &= \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr}) \\
        z_t &= \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz}) \\
        n_t &= \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})) \\
        h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}

    Arguments, implementations, inputs and lengths as :class:`LSTM` (no peepholes, no
    ``proj_size``: both raise ``ValueError``); the state is ``h`` alone:
    ``forward(input, hx=None, lengths=None) -> (output, h_n)``.

    Example:
        >>> gru = GRU(5, 4, bidirectional=True)
        >>> out, h_n = gru(torch.randn(7, 2, 5))
        >>> tuple(out.shape), tuple(h_n.shape)
        ((7, 2, 8), (2, 2, 4))
    """

    mode = "GRU"
    _gate_names = GRU_GATES

    @overload
    def forward(
        self,
        input: Tensor,
        hx: Tensor | None = None,
        lengths: Tensor | Sequence[int] | None = None,
    ) -> tuple[Tensor, Tensor]: ...
    @overload
    def forward(
        self,
        input: PackedSequence,
        hx: Tensor | None = None,
        lengths: Tensor | Sequence[int] | None = None,
    ) -> tuple[PackedSequence, Tensor]: ...
    def forward(
        self,
        input: Tensor | PackedSequence,
        hx: Tensor | None = None,
        lengths: Tensor | Sequence[int] | None = None,
    ) -> tuple[Tensor | PackedSequence, Tensor]:
        """Runs the layer: ``input`` [T, B, I] (or [B, T, I] with ``batch_first``), ``hx = h_0``
        [L*D, B, H] (zeros when None) and true ``lengths`` [B] give ``output, h_n``, as
        :meth:`LSTM.forward` without the cell state."""
        return _run(self, input, hx, lengths)

    if TYPE_CHECKING:  # calls type as ``forward``: nn.Module's ``__call__`` is typed Any, and
        # pyright keeps that over ``__call__ = forward``; a ``def`` of forward's signature it takes
        @overload
        def __call__(
            self,
            input: Tensor,
            hx: Tensor | None = None,
            lengths: Tensor | Sequence[int] | None = None,
        ) -> tuple[Tensor, Tensor]: ...
        @overload
        def __call__(
            self,
            input: PackedSequence,
            hx: Tensor | None = None,
            lengths: Tensor | Sequence[int] | None = None,
        ) -> tuple[PackedSequence, Tensor]: ...
        def __call__(
            self,
            input: Tensor | PackedSequence,
            hx: Tensor | None = None,
            lengths: Tensor | Sequence[int] | None = None,
        ) -> tuple[Tensor | PackedSequence, Tensor]: ...


# -- the shared forward -----------------------------------------------------------------------


def _run(module: _RNNBase, input, hx, lengths):
    """Normalize inputs to time-major padded form, run a path, restore the caller's layout."""
    tracing = torch.jit.is_tracing()
    if not tracing and module._tracer is None:  # the common call: no context to enter
        return _run_layout(module, input, hx, lengths)
    with (
        # torch.jit.trace warns "Converting a tensor to a Python boolean/integer" at every size
        # this code reads (input_size, T == 0, the steps the loop unrolls to), as it does at
        # torch.nn.LSTM's own size checks; the one that matters, the explicit path's fixed
        # number of steps, has its own warning and check (_traced_steps). Only those raised at
        # lstmkit's own lines: a user's code run in the call (a parametrization that reads a
        # tensor's value) is told as it would be outside.
        warnings.catch_warnings() if tracing else contextlib.nullcontext(),
        # A gate trace recomputes the gates from the weights after the run: a parametrised
        # weight (torch.nn.utils.parametrize) must be the same tensor in both, or a random one
        # (an AWD-LSTM weight dropout) gives gates of another mask than the output's.
        parametrize.cached() if module._tracer is not None else contextlib.nullcontext(),
    ):
        if tracing:
            warnings.filterwarnings(
                "ignore",
                "Converting a tensor to a Python",
                torch.jit.TracerWarning,
                module=r"(lstmkit|torch)\.",
            )
        return _run_layout(module, input, hx, lengths)


# Under CPU autocast to bfloat16 or float16, torch.lstm asks oneDNN for a 16-bit LSTM, which
# it has not on every CPU: none on an AVX2 CPU without AVX-512 (seen), and no float16 one on an
# AMD EPYC with AVX-512 (and its bfloat16 instructions) but not AVX512-FP16, where bfloat16
# runs. Which ISAs oneDNN serves is its own to say (for other primitives it takes AVX2-VNNI-2
# for both), so it is asked, not told by CPU flags. Where it has none, it fails with "could
# not create a primitive descriptor for the LSTM" ("for an LSTM" in torch
# 2.4), as torch.nn.LSTM does.
# "auto" then runs the explicit path (in the parameters' dtype, as under any autocast), and
# remembers the dtype so as not to ask again.
# Torch 2.4 asks oneDNN for one with 16-bit parameters too, autocast off (a bfloat16 model
# there; later torch runs its own kernel): "auto" runs the explicit path in that dtype, and
# remembers it apart, as later torch refuses the one and not the other.
_ONEDNN_REFUSAL = "could not create a primitive descriptor for"
_half_lstm_refused: set[torch.dtype] = set()
_half_params_refused: set[torch.dtype] = set()


def _run_fused(module: _RNNBase, x: Tensor, states, lengths, keep_layers: bool):
    """:func:`_fused.run`'s result, or None where ``"auto"`` should run the explicit path
    because oneDNN has no 16-bit LSTM on this CPU (see ``_ONEDNN_REFUSAL``)."""
    autocast = _autocast_on(x.device)
    if (
        module.mode != "LSTM"
        or lengths is not None  # (packed sequences take another kernel, which runs)
        or x.device.type != "cpu"
        or not (autocast or x.dtype in (torch.bfloat16, torch.float16))
        or torch.compiler.is_compiling()
    ):
        return _fused.run(module, x, states, lengths, keep_layers=keep_layers)
    half = torch.get_autocast_dtype("cpu") if autocast else x.dtype
    refused = _half_lstm_refused if autocast else _half_params_refused
    if half in refused and module.implementation == "auto":
        return None
    try:
        return _fused.run(module, x, states, lengths, keep_layers=keep_layers)
    except RuntimeError as err:
        if _ONEDNN_REFUSAL not in str(err) or "LSTM" not in str(err):
            raise
        refused.add(half)
        if module.implementation == "auto":
            return None
        if not autocast:
            raise RuntimeError(
                f"`implementation='fused'` cannot run in {half} on this CPU with torch "
                f"{torch.__version__}: PyTorch's fused LSTM kernel asks oneDNN for a {half} "
                "LSTM, which it has not here (torch.nn.LSTM fails here too). Use "
                "implementation='auto' or 'explicit', which run the gates in this dtype."
            ) from err
        raise RuntimeError(
            f"`implementation='fused'` cannot run under CPU autocast to {half} on this CPU: "
            f"PyTorch's fused LSTM kernel asks oneDNN for a {half} LSTM, which it has not "
            "here (torch.nn.LSTM fails here too). Use implementation='auto' or 'explicit', "
            "which run the gates in the parameters' dtype."
        ) from err


def _run_layout(module: _RNNBase, input, hx, lengths):
    """:func:`_run`'s work."""
    is_lstm = module.mode == "LSTM"
    packed = isinstance(input, PackedSequence)
    if packed:
        if lengths is not None:
            raise ValueError("`lengths` must be None when `input` is a PackedSequence.")
        module._check_input(input.data.unsqueeze(0), packed=True)
        x, lengths = pad_packed_sequence(input, batch_first=False)
        batched = True
    else:
        module._check_input(input)
        batched = input.dim() == 3
        x = input if batched else input.unsqueeze(1)
        if batched and module.batch_first:
            x = x.transpose(0, 1)
    steps, batch = x.shape[0], x.shape[1]
    per_sample = False
    if lengths is not None:
        lengths = check_lengths(
            lengths,
            batch,
            steps,
            time_major=not module.batch_first,
            unbatched=not batched,
            device=x.device,
        )
        compiling = torch.compiler.is_compiling()  # (Dynamo traces no functorch internals)
        per_sample = not compiling and _varies_under_vmap(lengths)
        if not packed and not per_sample and not compiling and bool((lengths == steps).all()):
            lengths = None  # nothing is padded: skip the masking work

    states = _initial_states(module, hx, x, batch, batched, is_lstm)
    tracer = module._tracer
    if steps == 0:
        # No step to run (PyTorch's kernel refuses T = 0): an empty output, the state unchanged,
        # both in the graph as a step would put them (else `backward` through them fails).
        link = _no_step_link(module, x)
        out = x.new_zeros(0, batch, module.num_directions * module.output_size) + link
        new_states = tuple(s + link for s in states)
        layers = [(x if k == 0 else out, out) for k in range(module.num_layers)]
    elif module._use_fused(
        packs=lengths is not None,
        per_sample=per_sample,
        vmapped=_vmapped(module, x, states, packs=lengths is not None),
        transformed=lengths is not None and _transformed(),
    ) and (ran := _run_fused(module, x, states, lengths, keep_layers=tracer is not None)):
        out, new_states, layers = ran
    elif _autocast_on(x.device):
        # The explicit path's in-place kernels need one dtype: under autocast it runs in the
        # parameters' dtype, autocast off (torch's fused kernel runs in the lower precision).
        dtype = module.weight_ih_l0.dtype
        with torch.autocast(x.device.type, enabled=False):
            out, new_states, layers = _explicit(
                module, x.to(dtype), tuple(s.to(dtype) for s in states), lengths
            )
    else:
        out, new_states, layers = _explicit(module, x, states, lengths)
    if tracer is not None:
        tracer._record(module, layers, states, lengths)

    if packed:
        out = _repack(out, lengths, input)
    elif not batched:
        out = out.squeeze(1)
        new_states = tuple(s.squeeze(1) for s in new_states)
    elif module.batch_first:
        out = out.transpose(0, 1)
    return (out, new_states) if is_lstm else (out, new_states[0])


def _no_step_link(module: _RNNBase, x: Tensor) -> Tensor:
    """An exact 0 computed from ``x`` and every parameter of ``module`` (the sum of an empty
    slice of each): added to the outputs of a call with no time step, it gives them the
    gradient zero with respect to these, as an RNN's outputs have, without changing a value
    (``0 * w`` would turn an infinite weight into NaN)."""
    return torch.cat([t.reshape(-1)[:0] for t in (x, *module.parameters())]).sum()


def _initial_states(module, hx, x, batch, batched, is_lstm) -> tuple[Tensor, ...]:
    rows = module.num_layers * module.num_directions
    if hx is None:
        zeros = x.new_zeros(rows, batch, module.output_size)
        if not is_lstm:
            return (zeros,)
        return zeros, (x.new_zeros(rows, batch, module.hidden_size) if module.proj_size else zeros)
    if is_lstm:
        if not isinstance(hx, (tuple, list)) or len(hx) != 2:
            got = f"a {type(hx).__name__}" + (
                f" of {len(hx)}" if isinstance(hx, (tuple, list)) else ""
            )
            raise TypeError(f"`hx` of an LSTM must be a tuple (h_0, c_0), got {got}.")
        states = tuple(hx)
        names = ("h_0", "c_0")
    else:
        shape = "B, H]" if batched else "H] for unbatched input"
        _refuse_tuple_state(hx, "GRU", "[num_layers * num_directions, " + shape)
        if not isinstance(hx, Tensor):
            raise TypeError(
                f"`hx` of a GRU must be a Tensor h_0, got {type(hx).__name__}"
                + _conversion_hint(hx, module.weight_ih_l0.dtype, "hx")
                + "."
            )
        states = (hx,)
        names = ("h_0",)
    # every state's problem at once, of every kind: an (h_0, c_0) told of h_0 alone came back
    # for c_0, and one told of a wrong shape came back for a wrong device or dtype
    zeros = "pass hx=None for zeros"
    problems = _states_not_tensors(states, names, lambda: module.weight_ih_l0, zeros)
    given = [(s, name) for s, name in zip(states, names, strict=True) if isinstance(s, Tensor)]
    tensors, given_names = [s for s, _ in given], [name for _, name in given]
    if batched:
        wrong_shape = module._state_shape_problem(tensors, given_names, batch)
    else:
        # checked here, 2-D as given: after the unsqueeze an error would show [L*D, 1, H].
        wrong_shape = _unbatched_state_problem(module, tensors, given_names)
    if wrong_shape:
        problems.append((wrong_shape, ValueError))
    problems += _state_device_problems(tensors, given_names, x)
    problems += _state_dtype_problems(tensors, given_names, x)
    _refuse(problems)
    if not batched:
        states = tuple(s.unsqueeze(1) for s in states)
    return states


def _unbatched_state_problem(
    module: _RNNBase, states: Sequence[Tensor], names: Sequence[str]
) -> str | None:
    """The refusal of every state of an unbatched call that is not 2-D ``[L*D, H]``, at once,
    with the change that fits either (squeeze the states, or batch the input too), or None."""
    rows = module.num_layers * module.num_directions
    problems, squeezes = [], []
    for s, name in zip(states, names, strict=True):
        size, size_name = module._state_size(name)
        if tuple(s.shape) != (rows, size):
            problems.append(
                f"`{name}` must be 2-D {(rows, size)} for unbatched input (num_layers "
                f"* num_directions, {size_name}), got shape {_sizes(s.shape)}"
            )
            if tuple(s.shape) == (rows, 1, size):  # a batch of one's state
                squeezes.append(f"`{name}.squeeze(1)`")
    if not problems:
        return None
    remedy = ": pass " + " and ".join(squeezes) if squeezes else ""
    if squeezes and len(squeezes) == len(problems):
        axis = 0 if module.batch_first else 1
        remedy += f", or batch the input too (`input.unsqueeze({axis})`)"
    return "; ".join(problems) + remedy + "."


def _repack(out: Tensor, lengths: Tensor, like: PackedSequence) -> PackedSequence:
    """Pack ``out`` [T, B, *] with the same layout (sorted_indices) as the packed input."""
    order = like.sorted_indices
    if order is None:
        packed = pack_padded_sequence(out, lengths, enforce_sorted=True)
        return packed
    order_cpu = order.to("cpu")
    packed = pack_padded_sequence(out[:, order], lengths[order_cpu], enforce_sorted=True)
    return PackedSequence(packed.data, packed.batch_sizes, order, like.unsorted_indices)


# -- the explicit path ------------------------------------------------------------------------


def _explicit(module: _RNNBase, x: Tensor, states, lengths):
    """Run every layer and direction with the readable time loop.

    Returns ``(output, states, layers)``, where ``layers`` lists each layer's (input, output).
    """
    is_lstm = module.mode == "LSTM"
    steps, batch = x.shape[0], x.shape[1]
    if torch.jit.is_tracing():
        x = _traced_steps(module, x, int(steps))
    num_dir = module.num_directions
    rev_idx = _reverse_index(lengths, steps, batch, x.device)
    # mask[t] is 1 where step t is real; [T, B, 1]. The reverse direction reads it as it is:
    # reversing each sequence within its own length maps real steps onto real steps and leaves
    # the padding where it was, so the reversed mask is this one.
    mask = None
    if lengths is not None:
        mask = _real_steps(lengths, steps).to(x.device, x.dtype).unsqueeze(2)
    h_n, c_n, layers = [], [], []
    layer_in = x
    for layer in range(module.num_layers):
        outs = []
        for d in range(num_dir):
            k = layer * num_dir + d
            params = module._layer_params(layer, d)
            seq = layer_in
            if d == 1:
                seq = seq.flip(0) if rev_idx is None else _time_gather(seq, rev_idx)
            if is_lstm:
                out, (h, c) = lstm_scan(
                    seq,
                    states[0][k],
                    states[1][k],
                    *params,
                    module._peepholes(layer, d),
                    mask,
                    module._projection(layer, d),
                )
                c_n.append(c)
            else:
                out, h = gru_scan(seq, states[0][k], *params, mask)
            if d == 1:
                out = out.flip(0) if rev_idx is None else _time_gather(out, rev_idx)
            outs.append(out)
            h_n.append(h)
        layer_out = outs[0] if num_dir == 1 else torch.cat(outs, dim=2)
        layers.append((layer_in, layer_out))
        layer_in = layer_out
        if module.dropout and module.training and layer < module.num_layers - 1:
            layer_in = _dropout_between(layer_in, lengths, module.dropout)
    new_states = (torch.stack(h_n), torch.stack(c_n)) if is_lstm else (torch.stack(h_n),)
    return layer_out, new_states, layers


def _dropout_between(out: Tensor, lengths: Tensor | None, p: float) -> Tensor:
    """The explicit path's dropout between layers, on ``out`` [T, B, D*H]: drawn as the fused
    kernel draws it (:func:`_fused.between_layers`, on the real steps alone where there are
    ``lengths``), so that under the same seed on the CPU both paths drop the same values; it
    drew on the padded output too, and a 3-layer LSTM's output differed by 0.04-0.10 (a GRU's
    by 0.5). Under ``torch.compile``, ``torch.export`` and torch.func's transforms (``jvp``,
    ``grad``: packing reads the lengths' values and a wrapped tensor's storage, which failed
    under ``jvp``) the mask is drawn on the padded output, as before: a compiled graph draws
    its own random numbers; so it is under a ``vmap`` that batches ``out`` or the lengths,
    where "auto" runs no kernel to match and the vmap's ``randomness`` rules the draw.

    Under a ``vmap`` that batches neither (a head vmapped over a shared encoder) the kernel
    runs ("auto", "fused") and draws one mask, whatever the vmap's ``randomness``: the mask is
    drawn here as the kernel draws it, outside the vmap's rule for random operations (which
    refused the draw, "vmap: called random operation while in randomness error mode", by
    default, and drew one mask per sample with ``randomness="different"``)."""
    if torch.compiler.is_compiling() or _exporting():
        return F.dropout(out, p, training=True)
    if not _functorch_active():
        return _fused.between_layers(out, lengths, p)
    batched = _varies_under_vmap(out) or (lengths is not None and _varies_under_vmap(lengths))
    if batched or _transformed():
        return F.dropout(out, p, training=True)
    outside = _outside_vmap_randomness()
    if outside is None:  # a torch without the private guard: the vmap's rule, as batched
        return F.dropout(out, p, training=True)
    with outside:
        return _fused.between_layers(out, lengths, p)


def _outside_vmap_randomness() -> contextlib.AbstractContextManager[object] | None:
    """A context in which random operations on plain tensors draw as outside a ``vmap``: the
    vmap's ``randomness`` rule (an error by default) is kept by its dispatch key, excluded
    here as torch.func's own functions exclude keys. torch has no public way to do so; where
    it lacks these private names, ``None``, and the dropout is drawn under the vmap's rule
    (torch's own "vmap: called random operation while in randomness error mode. Please either
    use the 'same' or 'different' randomness flags ..." by default), where an AttributeError on
    ``torch._C`` failed the call."""
    guard = getattr(torch._C, "_ExcludeDispatchKeyGuard", None)
    key = getattr(getattr(torch._C, "DispatchKey", None), "FuncTorchVmapMode", None)
    key_set = getattr(torch._C, "DispatchKeySet", None)
    if guard is None or key is None or key_set is None:
        return None
    return guard(key_set(key))


_STEPS_CHECK = None  # _check_steps compiled by TorchScript, on the first trace that needs it


def _traced_steps(module: _RNNBase, x: Tensor, steps: int) -> Tensor:
    """``x`` [T, B, I] through a check that ``torch.jit.trace`` records, for the explicit path.

    The trace unrolls the time loop to the ``steps`` of the example input: replayed on another
    number of steps it returned outputs for the traced steps only (silently, for an LSTM) or
    failed with "Expected 5 elements in a list but found 7" (a GRU). A scripted call is kept as
    a call in the trace, so the check runs at every replay and says what happened.
    """
    global _STEPS_CHECK
    # A peephole LSTM has no fused path: its only way is an example of the length it will run.
    name, remedy = (
        (
            "peephole LSTM",
            "Trace it with an input of the length you will run (it has no fused path)",
        )
        if module.peephole
        else (
            module.mode,
            "Trace with implementation='fused' for any length, or with an input of the length "
            "you will run",
        )
    )
    if torch.onnx.is_in_onnx_export():
        # torch.onnx.export(..., dynamo=False) traces the call but drops the scripted check:
        # given a dynamic time axis, the model ran 8 steps in onnxruntime without a word,
        # returning 5 steps' outputs (an LSTM) or failing in a Split node (a GRU); with a
        # static one (no dynamic_axes) onnxruntime refuses 8 steps by the input's shape
        warnings.warn(
            f"{name}: the explicit path's time loop is recorded for the example input's "
            f"{steps} time steps, and the ONNX model does not check the length: onnxruntime "
            "refuses another one only where the time axis is static (no dynamic_axes); with a "
            f"dynamic one, run it on {steps} steps only. {remedy.replace('Trace', 'Export')}.",
            torch.jit.TracerWarning,
            stacklevel=2,
        )
    elif not _checking_trace():
        warnings.warn(
            f"{name}: the explicit path's time loop is recorded for the example input's "
            f"{steps} time steps; the traced module refuses inputs of another length. {remedy}.",
            torch.jit.TracerWarning,
            stacklevel=2,
        )
    if _STEPS_CHECK is None:
        # deprecated from torch 2.13, as torch.jit.trace is: a DeprecationWarning there, a
        # FutureWarning (which users see) from torch 2.14
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "`torch.jit.script")
            _STEPS_CHECK = torch.jit.script(_check_steps)
    return _STEPS_CHECK(x, steps, name, remedy)


def _checking_trace() -> bool:
    """Whether this trace is the one ``torch.jit.trace`` runs to check the first
    (``check_trace=True``, its default): the same call traced again, which would repeat the
    first one's warning (twice for one ``torch.jit.trace``).

    Read from public names only: the check traces again by calling ``torch.jit.trace`` (or
    ``torch.jit.trace_module``) with ``check_trace=False`` inside the call that asked for it,
    so a trace whose innermost such call has ``check_trace`` false, within one where it is
    true, is a check. A torch that checks another way, or has no ``torch.jit.trace``, finds no
    check here and warns once per trace it runs (twice for a checked one), nothing worse.
    """
    jit = getattr(torch, "jit", None)
    codes = {
        getattr(inspect.unwrap(traces), "__code__", None)
        for traces in (getattr(jit, "trace", None), getattr(jit, "trace_module", None))
        if callable(traces)
    } - {None}
    checks = []  # the `check_trace` of each tracing call on the stack, innermost first
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code in codes:
            checks.append(bool(frame.f_locals.get("check_trace", True)))
        frame = frame.f_back
    return bool(checks) and not checks[0] and any(checks[1:])


def _check_steps(x: Tensor, steps: int, name: str, remedy: str) -> Tensor:
    """TorchScript: ``x`` unchanged if it has ``steps`` time steps, else a RuntimeError that
    names the layer (``name``) and says what to do (``remedy``)."""
    if x.size(0) != steps:
        raise RuntimeError(
            f"this {name} was traced (torch.jit.trace) on its explicit path, whose time loop "
            f"the trace unrolled to {steps} time steps; the input has {x.size(0)}. {remedy}."
        )
    return x


# torch 2.4's Dynamo traces neither torch._C._functorch.peek_interpreter_stack ("Graph break due
# to unsupported builtin") nor _LSTMScan's in-place writes into step views ("Failed running
# call_method addmm_"): every compiled (fullgraph) or exported explicit LSTM failed there. torch
# 2.5 and 2.6's Dynamo trace the in-place writes but not yet peek_interpreter_stack (2.7 brought
# it): under torch 2.6 a fullgraph compile of an explicit LSTM given lengths, and torch.export of
# one, failed on the same graph break. Every Dynamo before 2.7 (2.4's included) so compiles the
# recurrence in plain operations; 2.7 and later trace both.
def _dynamo_peeks_functorch(version: str) -> bool:
    """Whether torch ``version``'s (``torch.__version__``, '2.4.1+cu121') Dynamo traces
    ``torch._C._functorch.peek_interpreter_stack`` and the in-place step writes: from 2.7.0,
    as packaging orders versions (a 2.7 pre-release or nightly, '2.7.0a0', counts as older,
    and compiles the plain operations, which any Dynamo traces)."""
    return torch.torch_version.TorchVersion(version) >= (2, 7)


_DYNAMO_PEEKS_FUNCTORCH = _dynamo_peeks_functorch(torch.__version__)


def lstm_scan(
    x: Tensor,
    h: Tensor,
    c: Tensor,
    w_ih: Tensor,
    w_hh: Tensor,
    b_ih: Tensor | None,
    b_hh: Tensor | None,
    peepholes: dict[str, Tensor] | None = None,
    mask: Tensor | None = None,
    w_hr: Tensor | None = None,
) -> tuple[Tensor, tuple[Tensor, Tensor]]:
    """One LSTM direction over time: x [T, B, I], h and c [B, H] → (out [T, B, H], (h, c)).

    ``mask`` [T, B, 1] (1 = real step) freezes the state on padded steps and zeroes their output.
    ``w_hr`` [P, H] projects every ``h_t`` to P units (``proj_size``): then h and out have P.
    """
    # All input projections at once: [T, B, I] @ [I, 4H] → [T, B, 4H]; both biases folded in.
    xw = F.linear(x, w_ih, None if b_ih is None else b_ih + b_hh)
    peep = (
        (None, None, None)
        if peepholes is None
        else (peepholes["ci"], peepholes["cf"], peepholes["co"])
    )
    if (
        w_hr is not None
        or (not _DYNAMO_PEEKS_FUNCTORCH and torch.compiler.is_compiling())
        or _functorch_active()
        or _forward_ad_active()
        or _tracing()
    ):
        # torch.func (grad, vmap, jacrev, jvp) and forward-mode AD (torch.autograd.forward_ad)
        # cannot enter the hand-written backward; the same recurrence in plain operations lets
        # them derive their own. torch.jit.trace and torch.export record the operations inside
        # the Function's forward, whose in-place writes into step views autograd refuses there.
        # The projection has no written-out backward: autograd's.
        out, h, c = _lstm_reference(xw, h, c, w_hh, mask, *peep, w_hr)
    else:
        out, h, c = _LSTMScan.apply(xw, h, c, w_hh, mask, *peep)
    return out, (h, c)


def _functorch_active() -> bool:
    """Whether a torch.func transform (grad, vmap, jvp, ...) is running."""
    peek = getattr(getattr(torch._C, "_functorch", None), "peek_interpreter_stack", None)
    return peek is not None and peek() is not None


def _tracing() -> bool:
    """Whether ``torch.jit.trace`` or ``torch.export`` is recording the call (``torch.export``
    only from torch 2.6, which brought ``torch.compiler.is_exporting``)."""
    return torch.jit.is_tracing() or _exporting()


_exporting = _fused.exporting


def _forward_ad_active() -> bool:
    """Whether a ``torch.autograd.forward_ad.dual_level`` is open (dual tensors may come)."""
    return getattr(torch.autograd.forward_ad, "_current_level", -1) >= 0


class _LSTMScan(torch.autograd.Function):
    """The recurrence of one LSTM direction, with back-propagation through time written out.

    Autograd over the step loop would record ~10 small operations per step and accumulate the
    recurrent-weight gradient with one small product per step. Here everything that does not
    depend on the incoming gradient is computed for all steps at once, so a backward step is one
    product (for dh) and four elementwise kernels, and the weight gradient is a single
    [4H, T*B] @ [T*B, H] product. Peephole terms enter as in :class:`~lstmkit.nn.LSTMCell`.
    """

    @staticmethod
    def forward(ctx, xw, h0, c0, w_hh, mask, w_ci, w_cf, w_co):
        steps, batch, gate_rows = xw.shape
        hidden = gate_rows // 4
        peephole = w_ci is not None
        w_hh_t = w_hh.T
        acts = xw.new_empty(steps, batch, gate_rows)  # activations i, f, g, o per step
        c_new = xw.new_empty(steps, batch, hidden)  # cell state computed at each step
        tanh_c = xw.new_empty(steps, batch, hidden)
        out = xw.new_empty(steps, batch, hidden)
        # Per-step views made once: slicing inside the loop costs more than the math at small H.
        act_s, c_s, tanh_s, out_s = acts.unbind(0), c_new.unbind(0), tanh_c.unbind(0), out.unbind(0)
        i_s, f_s, g_s, o_s = (block.unbind(0) for block in acts.chunk(4, 2))
        if peephole:  # i and f peek at the same c: one [B, 2, H] op for both
            if_s = acts[:, :, : 2 * hidden].unflatten(2, (2, hidden)).unbind(0)
            w_cif = torch.stack([w_ci, w_cf])
        if mask is not None:  # padded steps keep the state, so states differ from outputs
            h_states = xw.new_empty(steps + 1, batch, hidden)
            c_states = xw.new_empty(steps + 1, batch, hidden)
            h_states[0], c_states[0] = h0, c0
            m_s, hs_s, cs_s = mask.unbind(0), h_states[1:].unbind(0), c_states[1:].unbind(0)
        h, c = h0, c0
        # One bulk copy, then each step adds its recurrent product in place: addmm(xw_t, ...)
        # would copy xw_t into a fresh buffer at every step.
        for t, gates in enumerate(xw.clone().unbind(0)):
            gates.addmm_(h, w_hh_t)  # [B, 4H], blocks i, f, g, o
            i, f, g, o = i_s[t], f_s[t], g_s[t], o_s[t]
            if peephole:
                pre_if = gates[:, : 2 * hidden].unflatten(1, (2, hidden))
                torch.sigmoid(torch.addcmul(pre_if, w_cif, c.unsqueeze(1)), out=if_s[t])
                torch.tanh(gates[:, 2 * hidden : 3 * hidden], out=g)
                torch.addcmul(f * c, i, g, out=c_s[t])
                torch.sigmoid(torch.addcmul(gates[:, 3 * hidden :], w_co, c_s[t]), out=o)
            else:
                torch.sigmoid(gates, out=act_s[t])
                torch.tanh(gates[:, 2 * hidden : 3 * hidden], out=g)
                torch.addcmul(f * c, i, g, out=c_s[t])
            torch.mul(o, torch.tanh(c_s[t], out=tanh_s[t]), out=out_s[t])
            if mask is None:
                h, c = out_s[t], c_s[t]
            else:
                m = m_s[t]
                h = torch.lerp(h, out_s[t], m, out=hs_s[t])
                c = torch.lerp(c, c_s[t], m, out=cs_s[t])
                out_s[t].mul_(m)
        if mask is None:
            h_prev = torch.cat([h0.unsqueeze(0), out[:-1]])
            c_prev = torch.cat([c0.unsqueeze(0), c_new[:-1]])
        else:
            h_prev, c_prev = h_states[:-1], c_states[:-1]
        ctx.save_for_backward(
            w_hh, acts, c_prev, h_prev, c_new, tanh_c, mask, w_ci, w_cf, w_co, xw, h0, c0
        )
        return out, h.clone(), c.clone()

    @staticmethod
    def backward(ctx, d_out, d_hn, d_cn):
        if torch.is_grad_enabled():  # create_graph=True: the backward must be differentiable
            return _LSTMScan._differentiable_backward(ctx, d_out, d_hn, d_cn)
        saved = ctx.saved_tensors
        w_hh, acts, c_prev, h_prev, c_new, tanh_c, mask, w_ci, w_cf, w_co = saved[:10]
        steps, _, gate_rows = acts.shape
        hidden = gate_rows // 4
        i, f, g, o = acts.chunk(4, 2)
        # Local derivatives for all steps at once: sigmoid' = a(1 - a), tanh' = 1 - a^2.
        d_act = acts - acts * acts
        d_act[:, :, 2 * hidden : 3 * hidden] = 1 - g.square()
        # dL/dpre = [dc*g*d_i, dc*c_prev*d_f, dc*i*d_g, dh*tanh_c*d_o] = [dc, dc, dc, dh] * coef
        coef = torch.cat([g, c_prev, i, tanh_c], 2).mul_(d_act)
        # h = o tanh(c) (+ peephole o(c)): dc += dh * k
        k = o * (1 - tanh_c.square())
        if w_co is not None:
            k.addcmul_(coef[:, :, 3 * hidden :], w_co)
        # c_t = f c_{t-1} + i g (+ peepholes on i, f): dc_{t-1} = dc_t * keep
        keep = f
        if w_ci is not None:
            keep = torch.addcmul(f, coef[:, :, :hidden], w_ci).addcmul_(
                coef[:, :, hidden : 2 * hidden], w_cf
            )
        dh = torch.zeros_like(h_prev[0]) if d_hn is None else d_hn
        dc = torch.zeros_like(h_prev[0]) if d_cn is None else d_cn
        if d_out is None:
            d_out = torch.zeros_like(h_prev)
        d_gates = torch.empty_like(acts)
        dh = dh + d_out[-1]
        for t in range(steps - 1, -1, -1):
            if mask is not None:  # padded steps pass the state's gradient straight through
                m = mask[t]
                pass_h, pass_c = dh - dh * m - d_out[t] * (1 - m), dc - dc * m
                dh, dc = dh * m, dc * m
            dc = torch.addcmul(dc, dh, k[t])
            torch.mul(torch.cat([dc, dc, dc, dh], 1), coef[t], out=d_gates[t])
            dc = dc * keep[t]
            if t > 0:
                dh = torch.addmm(d_out[t - 1], d_gates[t], w_hh)
            else:
                dh = d_gates[t] @ w_hh
            if mask is not None:
                dh, dc = dh + pass_h, dc + pass_c
        d_w_hh = d_gates.reshape(-1, gate_rows).T @ h_prev.reshape(-1, hidden)
        d_peep = (None, None, None)
        if w_ci is not None:  # i and f peeked at c_{t-1}, o at c_t
            d_cif = d_gates[:, :, : 2 * hidden].unflatten(2, (2, hidden)) * c_prev.unsqueeze(2)
            d_ci, d_cf = d_cif.sum((0, 1)).unbind(0)
            d_peep = (d_ci, d_cf, (d_gates[:, :, 3 * hidden :] * c_new).sum((0, 1)))
        return d_gates, dh, dc, d_w_hh, None, *d_peep

    @staticmethod
    def _differentiable_backward(ctx, d_out, d_hn, d_cn):
        """The same gradients through autograd on a recomputed forward, so that they have a
        graph of their own (second-order gradients, gradient penalties). Slower; used only when
        the backward runs with ``create_graph=True``."""
        w_hh, _, _, _, _, _, mask, w_ci, w_cf, w_co, xw, h0, c0 = ctx.saved_tensors
        inputs = (xw, h0, c0, w_hh, None, w_ci, w_cf, w_co)
        wanted = [k for k, t in enumerate(inputs) if t is not None and ctx.needs_input_grad[k]]
        with torch.enable_grad():
            outs = _lstm_reference(xw, h0, c0, w_hh, mask, w_ci, w_cf, w_co)
            pairs = [
                (o, g) for o, g in zip(outs, (d_out, d_hn, d_cn), strict=True) if g is not None
            ]
            grads = torch.autograd.grad(
                [o for o, _ in pairs],
                [inputs[k] for k in wanted],
                [g for _, g in pairs],
                create_graph=True,
                allow_unused=True,
            )
        result: list[Tensor | None] = [None] * len(inputs)
        for k, grad in zip(wanted, grads, strict=True):
            result[k] = torch.zeros_like(inputs[k]) if grad is None else grad
        return tuple(result)


def _lstm_reference(xw, h0, c0, w_hh, mask, w_ci, w_cf, w_co, w_hr=None):
    """:class:`_LSTMScan`'s forward in plain differentiable operations (no ``out=``), with the
    projection ``h_t = W_hr (o_t ⊙ tanh(c_t))`` of ``proj_size`` when ``w_hr`` is given."""
    h, c, outs = h0, c0, []
    for t in range(xw.shape[0]):
        pre_i, pre_f, pre_g, pre_o = (xw[t] + h @ w_hh.T).chunk(4, 1)
        if w_ci is not None:
            pre_i, pre_f = pre_i + w_ci * c, pre_f + w_cf * c
        c_t = torch.sigmoid(pre_f) * c + torch.sigmoid(pre_i) * torch.tanh(pre_g)
        if w_co is not None:
            pre_o = pre_o + w_co * c_t
        h_t = torch.sigmoid(pre_o) * torch.tanh(c_t)
        if w_hr is not None:
            h_t = h_t @ w_hr.T  # [B, H] → [B, P]
        if mask is None:
            h, c = h_t, c_t
        else:
            m = mask[t]
            h, c, h_t = torch.lerp(h, h_t, m), torch.lerp(c, c_t, m), h_t * m
        outs.append(h_t)
    out = torch.stack(outs) if outs else xw.new_zeros(0, *h0.shape)
    return out, h, c


def gru_scan(
    x: Tensor,
    h: Tensor,
    w_ih: Tensor,
    w_hh: Tensor,
    b_ih: Tensor | None,
    b_hh: Tensor | None,
    mask: Tensor | None = None,
) -> tuple[Tensor, Tensor]:
    """One GRU direction over time: x [T, B, I], h [B, H] → (out [T, B, H], h)."""
    steps, batch = x.shape[0], x.shape[1]
    hidden = h.shape[1]
    xw = x.flatten(0, 1) @ w_ih.T  # [T*B, 3H]; flatten, not reshape(-1), also works for B = 0
    if b_ih is not None:
        # b_hn stays inside r ⊙ (W_hn h + b_hn); the r and z parts of b_hh fold into the input.
        xw = xw + b_ih + torch.cat([b_hh[: 2 * hidden], b_hh.new_zeros(hidden)])
        b_hn = b_hh[2 * hidden :]
    xw = xw.view(steps, batch, xw.shape[1])
    w_hh_t = w_hh.T
    outs = []
    xs = xw.unbind(0)
    ms = mask.unbind(0) if mask is not None else None
    for t in range(steps):
        hw = h @ w_hh_t
        x_r, x_z, x_n = xs[t].chunk(3, 1)
        h_r, h_z, h_n = hw.chunk(3, 1)
        if b_ih is not None:
            h_n = h_n + b_hn
        r = torch.sigmoid(x_r + h_r)
        z = torch.sigmoid(x_z + h_z)
        n = torch.tanh(torch.addcmul(x_n, r, h_n))
        h_new = torch.lerp(n, h, z)  # (1 - z) * n + z * h
        if ms is not None:
            m = ms[t]
            h = torch.lerp(h, h_new, m)
            h_new = h_new * m
        else:
            h = h_new
        outs.append(h_new)
    return torch.stack(outs), h
