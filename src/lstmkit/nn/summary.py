"""``lstmkit.summary``: a parameter table with one row per gate of every recurrent layer."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn
from torch.nn.utils import parametrize

from lstmkit._checks import (
    MAX_COUNT,
    ConfigTypeError,
    and_list,
    count_too_large,
    forecaster_networks,
    plain_repr,
    text_refusal,
    value_repr,
    whole_float_hint,
)
from lstmkit._lazy import public_dir
from lstmkit._modes import evaluating
from lstmkit.nn.cells import GRU_GATES, LSTM_GATES, GateParams, _CellBase, _gate_views
from lstmkit.nn.layers import _RNNBase
from lstmkit.nn.trace import _user_path

__all__ = ["Summary", "summary"]
__dir__ = public_dir(globals())

_COLUMNS = ("layer", "direction", "gate", "input", "recurrent", "bias", "peephole")


@dataclass
class Summary:
    """The result of :func:`summary`; ``str()`` renders it as a table.

    Attributes:
        rows: one dict per gate (keys ``layer, direction, gate, input, recurrent, bias,
            peephole``, plus ``total``); an LSTM with ``proj_size`` adds a row with gate
            ``"projection"`` per layer and direction (``weight_hr``, in ``total`` only); other
            modules with parameters get one row with gate ``"-"`` and their class name under
            ``type``, a parametrized one (``weight_norm(nn.Linear(4, 2))``) one row holding
            its parametrizations' parameters too.
        total: number of parameters, equal to ``sum(p.numel() for p in model.parameters())``.
        trainable: number of parameters with ``requires_grad``.
        output_shapes: module name → output shape, when :func:`summary` ran an input.
        notes: why the rows' totals do not add up to ``total``, one line per layer or cell whose
            gates use weights computed from other parameters (a parametrization such as
            ``torch.nn.utils.parametrizations.weight_norm``), the same parameter as one of a
            module counted before it (named, with that module) or shared among its own gates:
            its rows count the weights its gates use, ``total`` each parameter once; printed
            under the table.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    trainable: int = 0
    output_shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython and Jupyter show the table (``lstmkit.summary(model)`` as a cell's value),
        not the dataclass' list of row dicts."""
        printer.text(str(self))

    def __str__(self) -> str:
        header = [*_COLUMNS, "total"]
        if self.output_shapes:
            header.append("output shape")
        table = [header]
        for r in self.rows:
            line = [str(r[c]) for c in header[:8]]
            if "type" in r:
                line[0] = f"{r['layer']} ({r['type']})"
            if self.output_shapes:
                shape = self.output_shapes.get(r["layer"].split(" ")[0])
                line.append("" if shape is None else str(list(shape)))
            table.append(line)
        widths = [max(len(row[k]) for row in table) for k in range(len(header))]
        rule = "-" * (sum(widths) + 2 * (len(widths) - 1))

        def fmt(row: list[str]) -> str:  # names flush left, counts and shapes right
            return "  ".join(
                c.ljust(w) if k < 3 else c.rjust(w)
                for k, (c, w) in enumerate(zip(row, widths, strict=True))
            )

        lines = [fmt(table[0]), rule, *map(fmt, table[1:]), rule]
        lines.append(f"Total params: {self.total:,}    Trainable params: {self.trainable:,}")
        return "\n".join(lines + self.notes)


def _class_name(m: nn.Module) -> str:
    """The name of ``m``'s class. A module under torch's parametrizations (``weight_norm``,
    ``spectral_norm``, ``orthogonal``) is an instance of a subclass torch makes for it,
    ``ParametrizedLSTM``, which named the layer: its own class's name, ``LSTM``."""
    cls = type(m)
    if (
        parametrize.is_parametrized(m)
        and cls.__name__ == f"Parametrized{cls.__bases__[0].__name__}"
    ):
        cls = cls.__bases__[0]
    return cls.__name__


def _gate_rows(name: str, gates: dict, direction: str) -> list[dict]:
    rows = []
    for gate, p in gates.items():
        bias = 0 if p.bias_ih is None else p.bias_ih.numel() + p.bias_hh.numel()
        peep = 0 if p.weight_c is None else p.weight_c.numel()
        row = {
            "layer": name,
            "direction": direction,
            "gate": gate,
            "input": p.weight_ih.numel(),
            "recurrent": p.weight_hh.numel(),
            "bias": bias,
            "peephole": peep,
        }
        row["total"] = row["input"] + row["recurrent"] + bias + peep
        rows.append(row)
    return rows


# torch.nn's gated layers and cells keep lstmkit's layout (gate order i, f, g, o and r, z, n)
_TORCH_GATES = {"LSTM": LSTM_GATES, "GRU": GRU_GATES}
_TORCH_CELL_GATES = ((nn.LSTMCell, LSTM_GATES), (nn.GRUCell, GRU_GATES))


def _gate_tensor_names(m: nn.Module) -> list[str]:
    """The names of the tensors that a layer's or cell's gates read (``weight_ih``,
    ``weight_hh``, then ``bias_ih``, ``bias_hh``, ``weight_hr``, ``weight_c*`` where it has them),
    per layer and direction for a layer."""
    names = ["weight_ih", "weight_hh"] + ["bias_ih", "bias_hh"] * bool(m.bias)
    names += ["weight_hr"] * bool(getattr(m, "proj_size", 0))
    names += ["weight_ci", "weight_cf", "weight_co"] * bool(getattr(m, "peephole", False))
    if not isinstance(m, (_RNNBase, nn.RNNBase)):
        return names
    directions = ("", "_reverse")[: 1 + m.bidirectional]
    return [f"{n}_l{k}{r}" for k in range(m.num_layers) for r in directions for n in names]


def _in_place(m: nn.Module) -> bool:
    """Whether every tensor the gates of ``m`` read is where its class keeps it: a
    weight-dropping wrapper (AWD-LSTM's WeightDrop) deletes ``weight_hh_l0`` and sets a
    computed one at each call, so before the first call there is none."""
    return all(isinstance(getattr(m, n, None), torch.Tensor) for n in _gate_tensor_names(m))


def _gated_layer(m: nn.Module) -> bool:
    """Whether ``m`` is an lstmkit or torch.nn LSTM/GRU layer (torch.nn.RNN has no gates) whose
    weights are where torch.nn keeps them (a weight-dropping wrapper may have moved one)."""
    if isinstance(m, _RNNBase):
        return _in_place(m)
    return isinstance(m, nn.RNNBase) and m.mode in _TORCH_GATES and _in_place(m)


def _layer_gates(
    m: _RNNBase | nn.RNNBase, layer: int, d: int
) -> tuple[dict[str, GateParams], torch.Tensor | None]:
    """One layer and direction of a :func:`_gated_layer`: its gates' views and its projection
    ``weight_hr`` (None without ``proj_size``)."""
    if isinstance(m, _RNNBase):
        return m.gates(layer, d), m._projection(layer, d)
    sfx = f"_l{layer}" + ("_reverse" if d else "")
    names = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    weights = (getattr(m, f"{w}{sfx}", None) for w in names)  # no biases with bias=False
    return _gate_views(_TORCH_GATES[m.mode], *weights, None), getattr(m, f"weight_hr{sfx}", None)


def _computed_note(label: str, m: nn.Module, counted: int, covered: dict[int, str]) -> str | None:
    """Why the rows of the layer or cell ``m`` (``counted``: their totals) do not add up to the
    parameters it adds to the total, None when they do: which of its gates' tensors are computed
    from other parameters (a parametrization, the older ``weight_norm``'s ``_g`` and ``_v``),
    which are the same parameter as one of a module before it (``covered``: the ids counted
    already, each to that parameter and module, named: "shared with a module above" read as
    the table's row above, where a sibling or the parent held it) and which are the same
    parameter as another of its own."""
    held = sum(p.numel() for _, p in _own_parameters(m) if id(p) not in covered)
    if counted == held:
        return None
    used = _gate_tensor_names(m)  # each a tensor of m's: its rows were counted (_in_place)
    computed = [n for n in used if n not in m._parameters]
    shared = [n for n in used if n in m._parameters and id(m._parameters[n]) in covered]
    reasons = []
    if computed:
        sources = [n for n, _ in _own_parameters(m) if n not in used]
        verb = "is" if len(computed) == 1 else "are"
        reasons.append(f"{and_list(computed)} {verb} computed from {and_list(sources)}")
    reasons += [
        f"{n} is the same parameter as {covered[id(m._parameters[n])]}, counted there"
        for n in shared
    ]
    reasons += _repeated(m, [n for n in used if n in m._parameters and n not in shared])
    why = f": {'; '.join(reasons)}" if reasons else ""  # never a half-written line
    return (
        f"{label}: its rows count the {counted:,} weights and biases its gates use, the total "
        f"{held:,} of its parameters{why}."
    )


def _own_parameters(m: nn.Module) -> list[tuple[str, nn.Parameter]]:
    """The parameters of the layer or cell ``m`` that its rows stand for, by name: its own and
    its parametrizations' (``parametrizations.<name>.original``), not those of a module kept
    inside it, which has rows of its own: a cell kept in a layer was counted in the layer's
    total and its parameters told shared, and an ordinary one (``lstm.norm = nn.LayerNorm(4)``)
    counted in the total without a row or a word, or named as a source of a parametrised
    weight ("weight_hh_l0 is computed from norm.weight, ...")."""
    return [
        (n, p) for n, p in m.named_parameters() if "." not in n or n.startswith("parametrizations.")
    ]


def _parametrization_modules(model: nn.Module) -> set[int]:
    """The ids of the modules that compute parametrized tensors in ``model``: each
    ``parametrizations`` ModuleDict of a parametrized module and all inside it (a
    ParametrizationList, ``head.parametrizations.weight``, and its parametrizations). They get
    no row and no output shape: their parameters are the parametrized module's, and what they
    compute is a weight, no output of the model's."""
    return {
        id(sub)
        for m in model.modules()
        if parametrize.is_parametrized(m)
        for sub in m.parametrizations.modules()
    }


def _row_parameters(m: nn.Module) -> list[nn.Parameter]:
    """The parameters of the row of ``m``, a module that is no gated layer or cell: its own
    and its parametrizations' (``weight_norm``'s ``original0`` and ``original1``), each once,
    as torch's layers and lstmkit's show a parametrized weight in their own rows (a
    ``weight_norm(nn.Linear(4, 2))`` head was two rows, ``head`` with its bias alone and
    ``head.parametrizations.weight (ParametrizationList)``)."""
    params = list(m.parameters(recurse=False))
    if parametrize.is_parametrized(m):
        params += m.parametrizations.parameters()
    return list({id(p): p for p in params}.values())


def _repeated(m: nn.Module, names: list[str]) -> list[str]:
    """A clause for each of ``m``'s gate tensors ``names`` that is the same parameter as one
    before it in ``m`` (``layer.weight_hh_l1 = layer.weight_hh_l0``), counted once in the total."""
    first: dict[int, str] = {}
    clauses = []
    for n in names:
        p = m._parameters[n]
        if id(p) in first:
            clauses.append(f"{n} is the same parameter as {first[id(p)]}, counted once")
        first.setdefault(id(p), n)
    return clauses


def _cell_gates(m: nn.Module) -> dict[str, GateParams] | None:
    """The gates' views of an lstmkit or torch.nn LSTM/GRU cell; None for any other module, and
    for a cell whose weights are not where its class keeps them (see :func:`_in_place`)."""
    if isinstance(m, (_CellBase, nn.RNNCellBase)) and not _in_place(m):
        return None
    if isinstance(m, _CellBase):
        return m.gates()
    for kind, names in _TORCH_CELL_GATES:
        if isinstance(m, kind):
            return _gate_views(names, m.weight_ih, m.weight_hh, m.bias_ih, m.bias_hh, None)
    return None


def summary(
    model: nn.Module,
    input_size: int | Sequence[int] | None = None,
    *,
    input: torch.Tensor | None = None,
) -> Summary:
    """Count parameters per gate (like Keras' ``model.summary()``, but opened up by gate).

    Each gate's ``bias`` counts PyTorch's two vectors, ``bias_ih`` and ``bias_hh``; Keras keeps
    one per gate in an LSTM, so its ``LSTM(4)`` on one feature has 96 parameters where
    ``LSTM(1, 4)`` here has 112 (a GRU's count is the same in both: Keras' default
    ``reset_after=True`` keeps two biases too).

    Args:
        model: any module; LSTM/GRU layers and cells, lstmkit's and torch.nn's alike (same
            gate order: i, f, g, o and r, z, n), get one row per layer, direction and gate,
            other modules with own parameters one row each.
        input_size: shape of one sample, a sequence of ints (a tuple or a list: ``(T, I)`` for
            a sequence) or an int (the batch dimension of one is added first, or second when
            ``model`` is itself a time-major layer, lstmkit's or torch.nn's); when given, a zero
            batch of one such sample is run to record output shapes.
        input: alternatively, an example input batch to run (e.g. token ids).

    Returns:
        A :class:`Summary`; print it for the table.

    Raises:
        ValueError: when both ``input_size`` and ``input`` are given, ``input_size`` is a
            float or holds one (``5.0``, ``(5, 2.5)``, as the layers' sizes refuse one) or has a
            negative size or one past 2**63-1 (torch's int64), or the model refuses the zero
            batch ``input_size`` describes (an int for a model of sequences, which takes
            ``(T, I)``), or a layer refuses the width of what ``input`` gives it (the layer and
            the width it takes are named; the model's own error where no width explains it).
        TypeError: when ``model`` is not an ``nn.Module``, or ``input_size`` is neither an
            int nor a sequence of ints.

    Example:
        >>> from lstmkit.nn import LSTM
        >>> s = summary(LSTM(5, 4))
        >>> s.rows[1]["gate"], s.rows[1]["input"], s.rows[1]["recurrent"], s.total
        ('forget', 20, 16, 176)
    """
    if not isinstance(model, nn.Module):
        networks = forecaster_networks(
            model,
            "its networks are `members_`, one ForecastNet per ensemble member: "
            "`lstmkit.summary(fc.members_[0])` shows one",
        )
        raise TypeError(f"`model` must be a torch.nn.Module, got {type(model).__name__}{networks}.")
    if input_size is not None and input is not None:  # else input_size would be ignored
        raise ValueError(
            "pass `input_size` or `input`, not both; got "
            f"input_size={value_repr(input_size)} and an input of shape "
            f"{tuple(getattr(input, 'shape', ()))}."
        )
    if input_size is not None:
        sizes = (input_size,) if isinstance(input_size, numbers.Integral) else input_size
        if isinstance(sizes, (str, bytes)):  # "53": told the number it reads as, as the sizes
            raise text_refusal(
                "`input_size` must be an integer or a sequence of integers (the shape of one "
                f"sample), got {value_repr(input_size)}.",  # as text_refusal finds it
                {"input_size": input_size},
                lambda read: {n for n in read if not isinstance(read[n], int) or read[n] < 0},
            )
        real = (input_size,) if isinstance(input_size, numbers.Real) else input_size
        if (
            isinstance(real, Sequence)
            and all(isinstance(n, numbers.Real) and not isinstance(n, bool) for n in real)
            and not all(isinstance(n, numbers.Integral) for n in real)
        ):
            # a float is refused as the layers' sizes are, a ValueError and a TypeError
            # (ConfigTypeError is both): summary(m, input_size=np.float64(5.0)) was a
            # TypeError alone; in a shape too ((5.0,) stayed a TypeError where 5.0 was not)
            hint = whole_float_hint(input_size, 0) if real is not input_size else ""
            raise ConfigTypeError(
                "`input_size` must be an integer or a sequence of integers (the shape of one "
                f"sample), got {_sizes(input_size)}{hint}."
            )
        if not isinstance(sizes, Sequence) or not all(
            isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in sizes
        ):
            raise TypeError(
                "`input_size` must be an integer or a sequence of integers (the shape of one "
                f"sample), got {value_repr(input_size)}."
            )
        if any(n < 0 for n in sizes):
            raise ValueError(f"`input_size` must hold sizes >= 0, got {_sizes(input_size)}.")
        # as the configs refuse a count past torch's int64 (torch.zeros failed in its C++,
        # "Overflow when unpacking long long" and a traceback of frames)
        if (large := count_too_large(input_size, "`input_size`")) is not None:
            raise ValueError(large + ".")
        if any(n > MAX_COUNT for n in sizes):
            raise ValueError(
                f"`input_size` must hold sizes of magnitude at most 2**63-1 (torch's int64), "
                f"got {_sizes(input_size)}."
            )
    result = Summary()
    covered: dict[int, str] = {}  # id of a counted parameter: which, and of which module
    for name, m in model.named_modules():
        name = _user_path(name)  # a torch.compile wrapper's `_orig_mod` is no name of yours
        label = name or _class_name(m)
        first = len(result.rows)
        if _gated_layer(m):
            for layer in range(m.num_layers):
                for d in range(2 if m.bidirectional else 1):
                    direction = "reverse" if d else "forward"
                    gates, projection = _layer_gates(m, layer, d)
                    result.rows.extend(_gate_rows(f"{label} (l{layer})", gates, direction))
                    if projection is not None:  # W_hr [P, H] of proj_size: shared by the gates
                        row = dict.fromkeys(_COLUMNS, "-")
                        row.update(layer=f"{label} (l{layer})", direction=direction)
                        row.update(gate="projection", total=projection.numel())
                        result.rows.append(row)
        elif (gates := _cell_gates(m)) is not None:
            result.rows.extend(_gate_rows(label, gates, "forward"))
        else:
            continue
        counted = sum(r["total"] for r in result.rows[first:])
        who = f"{name} ({_class_name(m)})" if name else label
        if note := _computed_note(who, m, counted, covered):
            result.notes.append(note)
        of = who if name else f"the model itself ({label})"
        for n, p in _own_parameters(m):
            covered.setdefault(id(p), f"{n} of {of}")
    inside = _parametrization_modules(model)  # no rows: their parameters are their owner's
    for name, m in model.named_modules():
        if id(m) in inside:
            continue
        own = [p for p in _row_parameters(m) if id(p) not in covered]
        covered.update(dict.fromkeys(map(id, own), ""))  # a tied weight counts once, first
        if own:
            n = sum(p.numel() for p in own)
            row = dict.fromkeys(_COLUMNS, "-")
            row.update(layer=_user_path(name) or _class_name(m), type=_class_name(m), total=n)
            result.rows.append(row)
    params = list(model.parameters())
    result.total = sum(p.numel() for p in params)
    result.trainable = sum(p.numel() for p in params if p.requires_grad)
    if input_size is not None or input is not None:
        result.output_shapes = _output_shapes(model, input_size, input)
    return result


def _sizes(input_size: Any) -> str:
    """``input_size`` as its refusal of a value shows it: its sizes plainly (``-3``, ``(5,
    -1)``), numpy's integers too (``np.int64(-3)`` is no type refused)."""
    if type(input_size) is list:
        return f"[{', '.join(map(plain_repr, input_size))}]"
    if type(input_size) is tuple:
        inner = ", ".join(map(plain_repr, input_size))
        return f"({inner},)" if len(input_size) == 1 else f"({inner})"
    return plain_repr(input_size)


def _output_shapes(model, input_size, input) -> dict[str, tuple[int, ...]]:
    if input is None:
        size = (input_size,) if isinstance(input_size, numbers.Integral) else tuple(input_size)
        param = next(model.parameters(), None)
        dtype = param.dtype if param is not None else torch.float32
        device = param.device if param is not None else None
        shape = (1, *size)
        time_major = isinstance(model, (_RNNBase, nn.RNNBase)) and not model.batch_first
        if time_major and len(size) == 2:
            shape = (size[0], 1, size[1])  # a time-major layer: the batch of one goes second
        input = torch.zeros(shape, dtype=dtype, device=device)
    shapes: dict[str, tuple[int, ...]] = {}
    hooks = []
    entered: dict[int, tuple[str, nn.Module, tuple]] = {}  # id -> name, module, last args

    def recorder(name: str):
        def hook(mod, args, out):
            first = out[0] if isinstance(out, tuple) else out
            if isinstance(first, torch.Tensor):
                shapes[name] = tuple(first.shape)

        return hook

    def enterer(name: str):
        def hook(mod, args):
            entered[id(mod)] = (name, mod, args)

        return hook

    inside = _parametrization_modules(model)
    for name, m in model.named_modules():
        hooks.append(m.register_forward_pre_hook(enterer(_user_path(name))))
        if id(m) not in inside:
            hooks.append(m.register_forward_hook(recorder(_user_path(name) or _class_name(m))))
    # In eval mode, on a forked random generator: looking must not change the model (batch-norm
    # statistics) or the random stream (dropout) of the caller.
    try:
        with evaluating(model), torch.no_grad(), torch.random.fork_rng(devices=[]):
            model(input)
    except (RuntimeError, ValueError, IndexError) as err:
        # the batch failed deep inside the model: the layer that refused it and the width it
        # takes, where it says one (torch's "mat1 and mat2 shapes cannot be multiplied", worded
        # anew by each torch release, only where it does not)
        refuser = _refuser(err, entered)
        why = None if refuser is None else _width_refusal(entered[id(refuser)])
        if input_size is None:  # the user's own batch: as input_size's, else the model's error
            if why is None:
                raise
            ran = f"of shape {tuple(input.shape)} " if isinstance(input, torch.Tensor) else ""
            raise ValueError(f"`input` {ran}ran the model, which refused it: {why}.") from err
        width = input.shape[-1]
        if why is not None and entered[id(refuser)][2][0] is input:  # the batch itself: its I
            width = getattr(refuser, _width(refuser))  # type: ignore[arg-type]
        why = why or str(err).removesuffix(".")  # inside the sentence: without its full stop
        raise ValueError(
            f"`input_size` {value_repr(input_size)} ran the model on a zero batch of shape "
            f"{tuple(input.shape)}, which it refused: {why} (`input_size` is the shape "
            "of one sample without the batch: (T, I) for a sequence, e.g. input_size=(12, "
            f"{width}); or pass `input`, a batch of your own)."
        ) from err
    finally:
        for h in hooks:
            h.remove()
    return shapes


def _refuser(err: BaseException, entered: dict[int, Any]) -> nn.Module | None:
    """The innermost of the modules ``entered`` (by id) running where ``err`` was raised: the
    deepest frame of its traceback whose ``self`` is one (a refusal a module caught, trying
    one way before another, is in no traceback of the error that ended the run)."""
    found = None
    tb = err.__traceback__
    while tb is not None:
        me = tb.tb_frame.f_locals.get("self")
        if id(me) in entered and entered[id(me)][1] is me:
            found = me
        tb = tb.tb_next
    return found


# The attribute of a module that fixes its input's last dimension: a Linear's and a Bilinear's
# in_features (the first input's), a recurrent layer's or cell's input_size.
_WIDTHS = ("in_features", "in1_features", "input_size")


def _width(module: nn.Module) -> str | None:
    """The name of ``module``'s attribute that fixes its input's last dimension, if any."""
    return next((a for a in _WIDTHS if isinstance(getattr(module, a, None), int)), None)


def _width_refusal(entered: tuple[str, nn.Module, tuple]) -> str | None:
    """Why the module ``entered`` (its name, ``""`` for the model; itself; its positional
    arguments), the innermost one running when the model failed, refused its input, in
    lstmkit's words: the size its input's last dimension must have and the size it had; None
    where that is not why (its input's width fits, or the module declares none)."""
    name, module, args = entered
    width = _width(module)
    first = args[0] if args else None
    if width is None or not isinstance(first, torch.Tensor) or first.dim() == 0:
        return None
    expected, got = getattr(module, width), first.shape[-1]
    if got == expected:
        return None
    who = f"`{name}` ({_class_name(module)})" if name else _class_name(module)
    return (
        f"{who} takes inputs whose last dimension is {width}={expected}, got one of size {got} "
        f"(shape {tuple(first.shape)})"
    )
