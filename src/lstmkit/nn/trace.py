"""Gate traces: the time series of every gate and state inside the lstmkit layers of a model.

Shapes: ``B`` batch, ``T`` time, ``H`` hidden units, ``G`` gates.

Tracing costs nothing when off (one attribute check per layer call). When on, each layer call is
recorded *after* it ran, from the layer's inputs and outputs: the gate pre-activations of all steps
come from two batched matrix products, and the cell states from an elementwise scan. So a traced
model still runs its fused kernel, and explicit and fused runs give the same traces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from torch import Tensor, nn

from lstmkit._checks import forecaster_networks
from lstmkit._lazy import public_dir
from lstmkit.nn.cells import _autocast_on, _CellBase
from lstmkit.nn.layers import _real_steps, _reverse_index, _RNNBase, _time_gather

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure

# A GRU's "n" as its cell names it (GRU_GATES: "new"; PyTorch's "new gate"), not "new state":
# the trace, its plots and the gate views of ``gates()`` and ``summary`` say one word.
__all__ = ["GateTrace", "Trace", "trace"]
__dir__ = public_dir(globals())

_NAMES = {
    "i": "input gate",
    "f": "forget gate",
    "g": "candidate",
    "o": "output gate",
    "c": "cell state",
    "h": "hidden state",
    "r": "reset gate",
    "z": "update gate",
    "n": "new gate",
}
"""What each key of a :class:`GateTrace` holds, for the message of a key it lacks."""


# What does an LSTM gate's part in a GRU (PyTorch's h_t = (1 - z) n + z h_{t-1}), and the
# reverse: the words for a trace asked for the other cell's gate.
_IN_A_GRU = {
    "i": "1 - 'z' weighs its new gate 'n' where an LSTM's input gate weighs 'g'",
    "f": "its update gate 'z' keeps h_{t-1} where an LSTM's forget gate keeps c_{t-1}",
    "g": "its new gate 'n' is what an LSTM's candidate 'g' is",
    "o": "it has no output gate ('h' is its output)",
    "c": "its one state is 'h'",
}
_IN_AN_LSTM = {
    "r": "it has no reset gate (h_{t-1} enters its gates whole)",
    "z": "its forget gate 'f' keeps c_{t-1} where a GRU's update gate keeps h_{t-1}",
    "n": "its candidate 'g' is what a GRU's new gate 'n' is",
}


def _other_cell_hint(keys: Sequence[str], asked: Sequence[object]) -> str:
    """Words for the names in ``asked`` that only the other cell than the one ``keys`` trace
    has: a GRU's trace asked for ``"f"`` (the forget gate of the README's LSTM examples) was
    told the names it holds and not that a GRU has no forget gate, nor which gate does its part.
    ``""`` where none is. Only the str in ``asked`` are looked up (an array among them made
    ``in`` compare it element by element, and the refusal a numpy error)."""
    if "z" in keys:  # a GRU's trace
        parts, cell, other = _IN_A_GRU, "a GRU", "an LSTM"
    elif "f" in keys:  # an LSTM's
        parts, cell, other = _IN_AN_LSTM, "an LSTM", "a GRU"
    else:
        return ""
    # each name as asked, by the letter of the other cell's gate it names: "forget" and
    # "cell_state" asked of a GRU's trace were told nothing of what "f" and "c" are told
    letters: dict[str, str] = {}
    for a in asked:
        if isinstance(a, str):
            letter = a if a in parts else _word_letter(a)
            if letter in parts and letter not in letters.values():
                letters[a] = letter
    missed = sorted(letters, key=lambda a: list(parts).index(letters[a]))
    if not missed:
        return ""
    said = [parts[letters[a]] for a in missed]
    said = said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"
    # a letter by its words, a name by its letter: "'candidate' (candidate)" said it twice
    listed = ", ".join(
        f"{a!r} ({_NAMES[letters[a]] if a == letters[a] else repr(letters[a])})" for a in missed
    )
    belongs = "belongs" if len(missed) == 1 else "belong"
    return f"; {listed} {belongs} to {other}, not to {cell}: {said}"


# The words lstmkit.nn's `gates()` and the gate figures name them by, for a trace asked by word.
_LETTERS = {words.split()[0]: letter for letter, words in _NAMES.items()}


def _word_letter(name: str) -> str | None:
    """The letter of the gate or state ``name`` names by word (``"forget"``, ``"Forget gate"``,
    ``"cell_state"``), else None."""
    words = name.replace("_", " ").split()
    return _LETTERS.get(words[0].lower()) if words else None


def _letter_hint(keys: Sequence[str], asked: Sequence[object]) -> str:
    """Words for the names in ``asked`` that name one of ``keys`` by word, as ``gates()`` does
    (``"forget"``, ``"forget gate"``, ``"cell_state"``): a trace keys them by letter, and
    ``["forget"]`` was told the letters alone. ``""`` where none is."""
    pairs = []
    for name in asked:
        if not isinstance(name, str) or name in keys:
            continue
        letter = _word_letter(name)
        if letter in keys:
            pairs.append(f"{letter!r} for {name!r}")
    return f"; a trace names them by letter: {', '.join(pairs)}" if pairs else ""


def _gate_name_hint(keys: Sequence[str], asked: Sequence[object]) -> str:
    """Words for the names in ``asked`` that ``keys`` lack: named by word
    (:func:`_letter_hint`) or the other cell's (:func:`_other_cell_hint`); ``""`` where none."""
    return _letter_hint(keys, asked) + _other_cell_hint(keys, asked)


class GateTrace(Mapping[str, Tensor]):
    """The gates and states of one layer and direction during one call.

    Keys ``"i", "f", "g", "o", "c", "h"`` for an LSTM and ``"r", "z", "n", "h"`` for a GRU, each a
    detached tensor [B, T, H] in the parameters' dtype (under autocast too, where the layer may
    have run in a lower precision), batch-first whatever the layer's layout, in input time order
    also for the reverse direction (so there ``c_t = f_t ⊙ c_{t+1} + i_t ⊙ g_t``), zero at padded
    steps.
    With ``proj_size = P`` an LSTM's ``"h"`` is the projected state [B, T, P], ``W_hr (o ⊙
    tanh(c))``, as the layer outputs it.

    Attributes:
        lengths: true lengths [B] when the call had padding, else None.
        initial: the initial states of this layer and direction, ``{"h": [B, H]}`` (and ``"c"``
            [B, H]; with ``proj_size = P``, ``"h"`` is [B, P]).
    """

    def __init__(
        self, values: dict[str, Tensor], lengths: Tensor | None, initial: dict[str, Tensor]
    ):
        self._values = values
        self.lengths = lengths
        self.initial = initial

    def __getitem__(self, key: str) -> Tensor:
        if key not in self._values:  # e.g. "forget", as gates() names it: say what there is
            names = ", ".join(f"{k!r} ({_NAMES.get(k, k)})" for k in self._values)
            hint = _gate_name_hint(list(self._values), [key])
            raise KeyError(f"no gate {key!r} in this trace; it holds {names}{hint}")
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def _ipython_key_completions_(self) -> list[str]:
        """The gate names, which IPython offers after ``gates = trace["rnn/l0"]; gates[`` (it
        completes the keys of a dict, not of another Mapping). After ``trace["rnn/l0"][`` it
        offers them only where its completer may call ``__getitem__`` of a class it does not
        know (``%config IPCompleter.evaluation = "unsafe"``; its default, ``"limited"``, may
        not)."""
        return list(self._values)

    def __repr__(self) -> str:
        # one made by hand may hold nothing: its repr raised StopIteration
        shape = tuple(next(iter(self._values.values())).shape) if self._values else None
        return f"GateTrace(keys={list(self._values)}, shape={shape})"

    def plot(
        self,
        *,
        sample: int = 0,
        gates: str | Sequence[str] | None = None,
        units: Sequence[int] | Tensor | np.ndarray | None = None,
        labels: Sequence[str] | None = None,
        title: str | None = None,
        path: str | Path | None = None,
    ) -> Figure:
        """Heatmaps of every gate and state of one sequence, units over time:
        :func:`lstmkit.explain.gates.plot_gates` of this trace (its arguments, its Figure, not
        attached to pyplot).

        Raises:
            ValueError: for an empty trace (one made by hand), and as ``plot_gates`` raises.
        """
        from lstmkit.explain.gates import plot_gates

        if not self._values:  # plot_gates named its own argument, `gate_trace`, not this trace
            raise ValueError(
                "GateTrace.plot() needs a trace holding gates ([B, T, H] tensors), got an "
                "empty GateTrace."
            )
        return plot_gates(
            self, sample=sample, gates=gates, units=units, labels=labels, title=title, path=path
        )


def _meant_key(key: str, keys: list[str]) -> str | None:
    """The recorded key that ``key`` is a slip of, or ``None``: ``"rnn.l0"`` (a module's dotted
    path) or ``"l0"`` (no module) of ``"rnn/l0"``, ``"l0_backward"`` of ``"rnn/l0_reverse"``,
    a letter off (:func:`~lstmkit._remedies.meant_word`); never another layer's number
    (``"rnn/l1"`` of a one-layer ``"rnn/l0"``) nor the other direction (``"l0_backward"`` of a
    one-way layer). The KeyError listed the keys alone."""
    from lstmkit._remedies import meant_word

    written = re.sub(r"_(backward|bwd|back|rev|reversed|r|b)$", "_reverse", key.strip())
    written = re.sub(r"_(forward|fwd|f)$", "", written.replace(".", "/"))
    ends = [k for k in keys if k.casefold() in (written.casefold(), f"/{written}".casefold())]
    ends = ends or [k for k in keys if k.casefold().endswith(f"/{written}".casefold())]
    # "rnn/l0" of a bare layer's "l0"
    ends = ends or [k for k in keys if k.casefold() == written.rsplit("/")[-1].casefold()]
    if len(ends) == 1:
        return ends[0]
    meant = meant_word(written, keys)
    numbers = re.compile(r"\d+")
    if meant is None or numbers.findall(meant) != numbers.findall(written):
        return None
    if written.endswith("_reverse") != meant.endswith("_reverse"):  # a one-way layer's
        return None
    return meant


class Trace(Mapping[str, GateTrace]):
    """All gate traces recorded inside a :func:`trace` block.

    Keys are ``"<module path>/l<k>"`` and ``"<module path>/l<k>_reverse"`` (``"l<k>"`` for a bare
    layer).

    ``trace[key]`` is the latest call's :class:`GateTrace`; ``trace.calls(key)`` lists every call.
    """

    def __init__(self) -> None:
        self._calls: dict[str, list[GateTrace]] = {}
        self._names: dict[int, str] = {}

    def __getitem__(self, key: str) -> GateTrace:
        return self.calls(key)[-1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._calls)

    def __len__(self) -> int:
        return len(self._calls)

    def _ipython_key_completions_(self) -> list[str]:
        """The recorded layers, which IPython offers after ``trace[`` (it completes the keys
        of a dict, not of another Mapping)."""
        return list(self._calls)

    def calls(self, key: str) -> list[GateTrace]:
        """Every recorded call of one layer and direction, oldest first."""
        if key not in self._calls:
            meant = _meant_key(key, list(self._calls)) if isinstance(key, str) else None
            hint = f" (did you mean {meant!r}?)" if meant else ""
            raise KeyError(f"no trace {key!r}; recorded: {list(self._calls)}{hint}")
        return list(self._calls[key])

    def __repr__(self) -> str:
        return f"Trace({list(self._calls)})"

    @torch.no_grad()
    def _record(self, module: _RNNBase, layers, states: tuple[Tensor, ...], lengths: Tensor | None):
        # As the explicit path runs under autocast: in the parameters' dtype, autocast off, so
        # one trace has one dtype (the gates came out bfloat16 beside a float32 c or h) and
        # c_t = f_t c_{t-1} + i_t g_t holds in it.
        device = layers[0][0].device
        off = torch.autocast(device.type, enabled=False) if _autocast_on(device) else nullcontext()
        if lengths is not None:  # a copy: a caller that refills its tensor for the next batch
            lengths = lengths.clone()  # would change the lengths of the calls recorded before
        with off:
            self._record_layers(module, layers, states, lengths, module.weight_ih_l0.dtype)

    def _record_layers(self, module: _RNNBase, layers, states, lengths, dtype) -> None:
        num_dir = module.num_directions
        size = module.output_size  # h per direction: proj_size with a projection
        steps, batch = layers[0][0].shape[:2]
        rev_idx = _reverse_index(lengths, steps, batch, layers[0][0].device)
        mask = None
        if lengths is not None:  # [T, B, 1], True at real steps
            mask = _real_steps(lengths, steps).to(layers[0][0].device).unsqueeze(2)
        prefix = self._names[id(module)]
        for layer, (x, out) in enumerate(layers):
            for d in range(num_dir):
                k = layer * num_dir + d
                seq = x.detach().to(dtype)
                h_seq = out[:, :, d * size : (d + 1) * size].detach().to(dtype)
                if d == 1:  # run the reverse direction in its own time order
                    if rev_idx is None:
                        seq, h_seq = seq.flip(0), h_seq.flip(0)
                    else:
                        seq, h_seq = _time_gather(seq, rev_idx), _time_gather(h_seq, rev_idx)
                # copies: a trace edited in place must not edit the caller's states
                initial = {"h": states[0][k].detach().to(dtype, copy=True)}
                if module.mode == "LSTM":
                    initial["c"] = states[1][k].detach().to(dtype, copy=True)
                    values = _lstm_gates(module, layer, d, seq, h_seq, initial)
                else:
                    values = _gru_gates(module, layer, d, seq, h_seq, initial)
                # zero padded steps, the reverse direction back in input order, batch-first
                for key, v in values.items():
                    if mask is not None:
                        v = v * mask
                    if d == 1:
                        v = v.flip(0) if rev_idx is None else _time_gather(v, rev_idx)
                    elif mask is None and key == "h":
                        v = v.clone()  # else a view of the layer's output, which it would edit
                    values[key] = v.transpose(0, 1)
                name = f"{prefix}l{layer}" + ("_reverse" if d else "")
                self._calls.setdefault(name, []).append(GateTrace(values, lengths, initial))


def _shifted(h_seq: Tensor, h0: Tensor) -> Tensor:
    """h_{t-1} for every t: [h_0, h_1, …, h_{T-1}] from outputs [T, B, H]."""
    if h_seq.shape[0] == 0:  # no step, no previous state
        return h_seq
    return torch.cat([h0.unsqueeze(0), h_seq[:-1]])


def _lstm_gates(module, layer, d, seq, h_seq, initial) -> dict[str, Tensor]:
    w_ih, w_hh, b_ih, b_hh = module._layer_params(layer, d)
    steps, batch = seq.shape[:2]
    # pre = [x_t, h_{t-1}] [W_ih, W_hh]^T + b for all steps in one product: [T*B, 4H]
    inputs = torch.cat([seq, _shifted(h_seq, initial["h"])], dim=2).flatten(0, 1)
    weights = torch.cat([w_ih, w_hh], dim=1).T
    if b_ih is None:
        pre = inputs @ weights
    else:
        pre = torch.addmm(b_ih + b_hh, inputs, weights)
    pre = pre.view(steps, batch, pre.shape[1])  # explicit sizes: B or T may be 0
    hidden = module.hidden_size
    c_all = h_seq.new_empty(steps, batch, hidden)  # not h_seq's size: with proj_size, h has P
    c_s = c_all.unbind(0)
    c = initial["c"]
    peep = module._peepholes(layer, d)
    if peep is None:
        # One in-place sigmoid pass for all four blocks, with tanh(x) = 2 sigmoid(2x) - 1 for g:
        # float32 tanh is several times slower than sigmoid on CPU.
        i, f, g, o = pre.chunk(4, dim=2)
        g.mul_(2)
        pre.sigmoid_()
        g.mul_(2).sub_(1)
        for ig_t, f_t, c_t in zip((i * g).unbind(0), f.unbind(0), c_s, strict=True):
            c = torch.addcmul(ig_t, f_t, c, out=c_t)
        return {"i": i, "f": f, "g": g, "o": o, "c": c_all, "h": h_seq}
    # The peepholes make i, f, o depend on c, so they join the scan.
    g = torch.tanh(pre[:, :, 2 * hidden : 3 * hidden])
    i, f, o = (torch.empty_like(c_all) for _ in range(3))
    for t, pre_t in enumerate(pre.unbind(0)):
        i[t] = torch.sigmoid(torch.addcmul(pre_t[:, :hidden], peep["ci"], c))
        f[t] = torch.sigmoid(torch.addcmul(pre_t[:, hidden : 2 * hidden], peep["cf"], c))
        c = torch.addcmul(f[t] * c, i[t], g[t], out=c_s[t])
        o[t] = torch.sigmoid(torch.addcmul(pre_t[:, 3 * hidden :], peep["co"], c))
    return {"i": i, "f": f, "g": g, "o": o, "c": c_all, "h": h_seq}


def _gru_gates(module, layer, d, seq, h_seq, initial) -> dict[str, Tensor]:
    w_ih, w_hh, b_ih, b_hh = module._layer_params(layer, d)
    # r ⊙ (W_hn h + b_hn) needs the recurrent part apart, so two products: [T, B, 3H] each
    xw = torch.nn.functional.linear(seq, w_ih, b_ih)
    hw = torch.nn.functional.linear(_shifted(h_seq, initial["h"]), w_hh, b_hh)
    x_r, x_z, x_n = xw.chunk(3, dim=2)
    h_r, h_z, h_n = hw.chunk(3, dim=2)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    n = torch.tanh(torch.addcmul(x_n, r, h_n))
    return {"r": r, "z": z, "n": n, "h": h_seq}


def _user_path(name: str) -> str:
    """A submodule's path from ``named_modules()`` as the user's model names it: without the
    ``_orig_mod`` through which a ``torch.compile`` wrapper holds the module it compiled
    (``enc`` for ``torch.compile(model).enc``'s ``_orig_mod.enc``; ``""`` for the compiled
    module itself), as ``state_dict`` keys of a compiled model are read back by its users."""
    return ".".join(part for part in name.split(".") if part != "_orig_mod")


def trace(model: nn.Module) -> AbstractContextManager[Trace]:
    """Record gate activations of every lstmkit LSTM/GRU layer inside ``model``.

    Args:
        model: any ``nn.Module``; its lstmkit layers are found with ``named_modules()``.

    Yields:
        A :class:`Trace`, filled as the model runs inside the block. No hook is registered:
        each layer is marked as the block is entered and unmarked on exit, and records its
        call from inside its ``forward``. So the layers run through ``nn.Module.__call__`` as
        outside the block, and your hooks on them (``register_forward_pre_hook``,
        ``register_forward_hook``, backward hooks, global module hooks) run as they would: the
        trace is of the input a pre-hook handed the layer and of the layer's own output, before
        a forward hook replaced what the call returns, and is recorded by the time a forward
        hook runs (``tr[key]`` there is this call's).
        A layer called several times in one block keeps every call: ``tr[key]`` is the latest
        call's :class:`GateTrace`, ``tr.calls(key)`` lists all of them, oldest first. An empty
        batch or zero time steps give empty ``[B, T, H]`` traces.

    Raises:
        TypeError: when ``model`` is not an ``nn.Module``, at the call (a Forecaster was
            refused only once the block was entered).
        ValueError: when ``model`` contains no lstmkit recurrent layer (cells are not traced),
            at the call.
        RuntimeError: when one of its layers is already being traced, as the block is entered.

    Example:
        >>> from lstmkit.nn import LSTM
        >>> lstm = LSTM(3, 4, batch_first=True)
        >>> with trace(lstm) as tr:
        ...     _ = lstm(torch.randn(2, 5, 3))
        >>> tuple(tr["l0"]["f"].shape)
        (2, 5, 4)
    """
    if not isinstance(model, nn.Module):
        networks = forecaster_networks(
            model,
            "its networks are `members_`, one ForecastNet per ensemble member; trace them "
            "around a forecast, `with lstmkit.trace(fc.members_) as tr: fc.predict()`",
        )
        raise TypeError(f"`model` must be a torch.nn.Module, got {type(model).__name__}{networks}.")
    layers = [(name, m) for name, m in model.named_modules() if isinstance(m, _RNNBase)]
    if not layers:
        cells = [
            name or type(m).__name__
            for name, m in model.named_modules()
            if isinstance(m, _CellBase)
        ]
        if cells:  # the hint below, about torch.nn.LSTM, would not apply
            raise ValueError(
                f"`model` ({type(model).__name__}) contains lstmkit cells {cells} but no "
                "LSTM/GRU layer to trace: traces record layers, which own the time loop; a "
                "cell's gates are in cell.gates(), or run the sequence through lstmkit.nn.LSTM "
                "or GRU."
            )
        raise ValueError(
            f"`model` ({type(model).__name__}) contains no lstmkit LSTM/GRU layer to trace; "
            "torch.nn.LSTM hides its gates, use lstmkit.nn.LSTM (same weights, load_state_dict)."
        )
    return _traced(layers)


@contextmanager
def _traced(layers: list[tuple[str, _RNNBase]]) -> Iterator[Trace]:
    """:func:`trace`'s block over ``layers`` (``named_modules()``' names and layers), checked
    by it at the call: the layers are marked (``_tracer``) as the block is entered and
    unmarked on its exit; no hook is registered."""
    busy = [name or type(m).__name__ for name, m in layers if m._tracer is not None]
    if busy:
        raise RuntimeError(
            f"layers {busy} are already being traced; nested traces are not supported."
        )
    tracer = Trace()
    for name, m in layers:
        name = _user_path(name)  # torch.compile's wrapper: its `_orig_mod` is no name of yours
        tracer._names[id(m)] = f"{name.replace('.', '/')}/" if name else ""
        m._tracer = tracer
    try:
        yield tracer
    finally:
        for _, m in layers:
            m._tracer = None
