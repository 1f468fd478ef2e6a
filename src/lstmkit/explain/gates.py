"""Reading gate traces: saturation statistics, heatmaps, cell-state trajectories, array export.

Shape letters: ``B`` batch, ``T`` time, ``H`` hidden units. A trace comes from
:func:`lstmkit.trace` (``with lstmkit.trace(model) as tr: model(x)``): ``tr[key]`` maps gate
names (``"i", "f", "g", "o", "c", "h"`` for an LSTM, ``"r", "z", "n", "h"`` for a GRU) to
``[B, T, H]`` tensors, zero at padded steps, with ``.lengths`` (``[B]`` or None).

Saturation follows Karpathy, Johnson & Fei-Fei (2015), "Visualizing and Understanding Recurrent
Networks": a gate is *left-saturated* when below 0.1 and *right-saturated* when above 0.9; per
unit, the fraction of (valid) time steps spent in each regime. Units that are right-saturated in
the forget gate most of the time are the integrators that carry long-range information.
"""

from __future__ import annotations

import numbers
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Sized
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import torch
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from torch import Tensor

from lstmkit._checks import (
    and_more,
    as_int,
    number_hint,
    plain_repr,
    refused_type,
    typed_repr,
    user_stacklevel,
    value_repr,
    whole_float_hint,
)
from lstmkit._figures import (
    curve_look,
    drawable,
    drawable_title,
    figure_file,
    new_figure,
    output_file,
    save_figure,
    written_whole,
)
from lstmkit._lazy import public_dir
from lstmkit.explain.render import printable
from lstmkit.nn.layers import _count, _valid_steps
from lstmkit.nn.trace import _NAMES as _GATE_NAMES
from lstmkit.nn.trace import Trace, _gate_name_hint

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "export_hdf5",
    "export_npz",
    "plot_cell_states",
    "plot_gates",
    "plot_saturation",
    "saturation",
]
__dir__ = public_dir(globals())

_SIGMOID_GATES = ("i", "f", "o", "r", "z")
# what a sigmoid gate's 1 (or 0) does, after its panel's name: a heatmap from dark (0) to
# yellow (1) titled "forget gate (f)" did not say whether yellow keeps the memory or erases it
_MEANING = {
    "i": "1 writes the candidate into the cell state",
    "f": "1 keeps the cell state, 0 erases it",
    "o": "1 passes the cell state on to h",
    "r": "0 drops h from the new gate",
    "z": "1 keeps h, 0 takes the new gate",
}


def _check_entry(gate_trace: object) -> None:
    """Refuses anything but one trace entry (gate → ``[B, T, H]`` tensor), saying what to pass."""
    if isinstance(gate_trace, Mapping) and gate_trace:
        values = list(gate_trace.values())
        if all(isinstance(v, Tensor) for v in values):
            return
        if all(isinstance(v, Mapping) for v in values):
            keys = list(gate_trace)
            raise TypeError(
                f"`gate_trace` must be one entry of a trace (one layer and direction), e.g. "
                f"tr[{keys[0]!r}] (entries: {keys}), got the whole {type(gate_trace).__name__}."
            )
    raise TypeError(
        "`gate_trace` must be one entry of a trace (e.g. tr['l0']), a mapping of gate names to "
        f"[B, T, H] tensors, got {type(gate_trace).__name__}"
        + (" with no entries." if isinstance(gate_trace, Mapping) and not gate_trace else ".")
    )


def _check_trace(trace: object) -> None:
    """Refuses anything but a mapping of keys to gate traces (a :func:`lstmkit.trace` result),
    saying how to pass one entry."""
    if not isinstance(trace, Mapping):
        raise TypeError(
            "`trace` must be a lstmkit.trace result (key → gate trace), "
            f"got {type(trace).__name__}."
        )
    stray = [key for key, gates in trace.items() if not isinstance(gates, Mapping)]
    if stray:
        raise TypeError(
            f"`trace` must map keys to gate traces (a lstmkit.trace result), but {stray} hold "
            f"{type(trace[stray[0]]).__name__}; for one entry pass {{key: tr[key]}}."
        )
    # {"before": tr_a, "after": tr_b} failed with "'GateTrace' object has no attribute 'shape'"
    nested = [
        key
        for key, gates in trace.items()
        if any(isinstance(value, Mapping) for value in gates.values())
    ]
    if nested:
        raise TypeError(
            f"`trace` must map keys to gate traces (a lstmkit.trace result), but {nested} hold "
            f"whole traces ({type(trace[nested[0]]).__name__}) instead of one layer's gates; "
            "pass each trace on its own."
        )


def _refuse_meta(trace: Mapping[str, Mapping[str, Tensor]], done: str) -> None:
    """Refuses the gates of ``trace`` on the meta device (a trace of a model on meta), which
    hold no values for ``done`` (``"count"``, ``"write"``): torch's "Cannot copy out of meta
    tensor" came from reading them. A mapping of gates (one entry, ``gate_trace``) is
    refused so by :func:`_refuse_meta_entry`."""
    on_meta = [key for key, gates in trace.items() if _on_meta(gates)]
    if on_meta:
        raise RuntimeError(f"`trace` must hold gate values to {done}, got {on_meta}{_NO_VALUES}")


def _refuse_meta_entry(gate_trace: Mapping[str, Tensor]) -> None:
    """:func:`_refuse_meta` for one entry, drawn by :func:`plot_gates` and
    :func:`plot_cell_states`."""
    if on_meta := _on_meta(gate_trace):
        raise RuntimeError(f"`gate_trace` must hold gate values to draw, got {on_meta}{_NO_VALUES}")


def _on_meta(gate_trace: Mapping[str, Tensor]) -> list[str]:
    """The gates of one entry on the meta device."""
    return [name for name, v in gate_trace.items() if isinstance(v, Tensor) and v.is_meta]


_NO_VALUES = (
    " on the meta device, which holds none (a trace of a model on meta); give the model its "
    "weights first (`model.to_empty(device='cpu')`, then `model.load_state_dict(...)`) and "
    "trace it again."
)


def _valid(gate_trace: Mapping[str, Tensor]) -> Tensor:
    """``[B, T]`` True at valid (unpadded) steps."""
    any_gate = next(iter(gate_trace.values()))
    batch, steps = any_gate.shape[:2]
    lengths = getattr(gate_trace, "lengths", None)
    # on the CPU by name, where the gates are read, whatever the default device
    if lengths is not None:
        lengths = torch.as_tensor(lengths, device="cpu")
    return _valid_steps(lengths, batch, steps, "cpu")


def saturation(
    trace: Mapping[str, Mapping[str, Tensor]], *, low: float = 0.1, high: float = 0.9
) -> pd.DataFrame:
    """Per-unit fractions of time each sigmoid gate spends below ``low`` and above ``high``.

    Args:
        trace: A :func:`lstmkit.trace` result (or a mapping ``key → gate trace``). Of a
            :func:`lstmkit.trace` result every call of each layer is counted
            (``trace.calls(key)``: a text read in windows, a generation loop), not only the
            latest one that ``trace[key]`` gives; a mapping's entries are counted as given.
        low: Left-saturation threshold.
        high: Right-saturation threshold.

    Returns:
        A tidy frame with columns ``layer`` (the trace key), ``gate``, ``unit``, ``left``
        (fraction < ``low``), ``right`` (fraction > ``high``) and ``steps`` (valid steps
        counted, of every call); ``low`` and ``high`` are kept in its ``attrs``, for
        :func:`plot_saturation`.

    Raises:
        TypeError: for thresholds that are not numbers, or a ``trace`` that is not a mapping of
            gate traces.
        ValueError: unless ``0 <= low < high <= 1``.
        RuntimeError: for gates on the meta device (a model on meta traced), which hold no
            values.

    Example:
        >>> import lstmkit
        >>> rnn = lstmkit.LSTM(3, 2)
        >>> with lstmkit.trace(rnn) as tr:
        ...     _ = rnn(torch.randn(5, 1, 3))
        >>> sorted(saturation(tr)["gate"].unique())
        ['f', 'i', 'o']
    """
    bad = [
        f"`{name}` ({type(value).__name__})"
        for name, value in (("low", low), ("high", high))
        if isinstance(value, bool) or not isinstance(value, numbers.Real)
    ]
    if bad:  # else '<=' not supported between instances of 'float' and 'str'
        raise TypeError(f"`low` and `high` must be numbers, got {' and '.join(bad)}.")
    if not 0.0 <= low < high <= 1.0:
        raise ValueError(f"`low` and `high` must satisfy 0 <= low < high <= 1, got {low}, {high}.")
    _check_trace(trace)
    _refuse_meta(trace, "count")
    rows = []
    for key, gates in trace.items():
        # every call of the layer in the block (a text read in windows, a generation loop),
        # not only the latest one that trace[key] gives
        calls = trace.calls(key) if isinstance(trace, Trace) else [gates]
        valid = [_valid(call) for call in calls]
        count = sum(int(v.sum()) for v in valid)
        for name in _SIGMOID_GATES:
            if name not in gates:
                continue
            # [N, H]: the valid steps of every call (one call's without a second copy)
            parts = [call[name].detach().cpu()[v] for call, v in zip(calls, valid, strict=True)]
            values = parts[0] if len(parts) == 1 else torch.cat(parts)
            if values.dtype not in (torch.float32, torch.float64):
                values = values.float()
            # numpy counts each mask in place; torch's mean (or count) of a mask makes a copy
            # of 8 bytes a value. The same numbers: both divide an exact count by N once
            values = values.numpy()
            left = np.count_nonzero(values < low, axis=0) / max(count, 1)
            right = np.count_nonzero(values > high, axis=0) / max(count, 1)
            for unit in range(values.shape[-1]):
                rows.append((key, name, unit, float(left[unit]), float(right[unit]), count))
    stats = pd.DataFrame(rows, columns=["layer", "gate", "unit", "left", "right", "steps"])
    stats.attrs.update(low=low, high=high)  # for plot_saturation's axis labels
    return stats


# filled and open by turns, so that a layer's dots over another's leave both in sight
_MARKERS = ("o", "x", "^", "+", "s", "1", "D", "2")


def plot_saturation(stats: pd.DataFrame, path: str | Path | None = None) -> Figure:
    """Karpathy et al.'s scatter: each unit at (left, right) saturation, one panel per gate.

    The axes (``fraction of steps < 0.1``) are labelled with the thresholds :func:`saturation`
    used (``low``, ``high``);
    each layer has its own marker and colour, and the legend gives its unit count.

    Args:
        stats: The DataFrame of :func:`saturation` (``plot_saturation(saturation(tr))``).
        path: Where to save the figure (PNG, SVG, PDF, ... by suffix), or None.

    Raises:
        TypeError: For anything but a DataFrame with :func:`saturation`'s columns (a trace
            itself, say), saying what to pass.
    """
    columns = ("layer", "gate", "left", "right")
    if not isinstance(stats, pd.DataFrame) or not set(columns) <= set(stats.columns):
        got = (
            f"a DataFrame with the columns {list(stats.columns)}"
            if isinstance(stats, pd.DataFrame)
            else type(stats).__name__
        )
        raise TypeError(
            f"`stats` must be the DataFrame of saturation(trace), with the columns "
            f"{list(columns)}, got {got}; pass plot_saturation(saturation(tr))."
        )
    if path is not None:
        figure_file(path)  # refused before anything is drawn
    # the thresholds saturation() counted with (its defaults for a frame that lost its attrs)
    low, high = stats.attrs.get("low", 0.1), stats.attrs.get("high", 0.9)
    gates = [g for g in _SIGMOID_GATES if g in set(stats["gate"])]
    fig = new_figure(figsize=(3.2 * max(len(gates), 1), 3.2), layout="constrained")
    axes = fig.subplots(1, max(len(gates), 1), squeeze=False)[0]
    # a marker and a colour per layer, the same in every panel: in one style the last layer's
    # dots hid the others', a bidirectional model's forward layer (units rarely saturated all
    # sit at 0, 0) not shown at all; the legend counts the units, as one dot can be all of them
    layers = list(dict.fromkeys(stats["layer"]))
    for ax, gate in zip(axes, gates, strict=False):
        for layer, group in stats[stats["gate"] == gate].groupby("layer", sort=False):
            k = layers.index(layer)
            units = len(group)
            ax.scatter(
                group["left"],
                group["right"],
                s=24,
                alpha=0.7,
                color=f"C{k % 10}",
                marker=_MARKERS[k % len(_MARKERS)],
                label=f"{layer} ({units} unit{'s' * (units != 1)})",
            )
        ax.plot([0, 1], [1, 0], color="0.8", lw=0.8)
        # a margin, so units never saturated (at 0, 0) show as whole dots, not quarter ones
        ax.set(xlim=(-0.03, 1.03), ylim=(-0.03, 1.03), title=_GATE_NAMES[gate])
        # "fraction < 0.1" said no fraction of what: of the steps each unit spends there
        ax.set(xlabel=f"fraction of steps < {low:g}", ylabel=f"fraction of steps > {high:g}")
    if gates:
        axes[0].legend(fontsize=7)
    # a title of its own, as plot_cell_states' figure has one; short enough for one panel
    fig.suptitle("gate saturation per unit")
    if path is not None:
        save_figure(fig, path, dpi=120)
    return fig


# Wider than a slide or a page is no longer readable: long sequences get narrower steps instead.
_MAX_WIDTH = 16.0
# About the most step labels that fit side by side at fontsize 7 on a figure _MAX_WIDTH wide.
_MAX_LABELS = 100
# Longer sequences are drawn as means over blocks of k steps, at least 2,000 of them: more than
# the ~1,900 pixel columns of a figure _MAX_WIDTH wide at 120 dpi. matplotlib's own antialiasing
# of every step made several full-size copies (20,000 steps of 1,024 units: 4 GB, 40 s).
_MAX_COLUMNS = 4000


def plot_gates(
    gate_trace: Mapping[str, Tensor],
    *,
    sample: int = 0,
    gates: str | Sequence[str] | None = None,
    units: Sequence[int] | Tensor | np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    title: str | None = None,
    path: str | Path | None = None,
) -> Figure:
    """Heatmaps of every gate and state of one sequence: units (rows) over time (columns).

    Sigmoid gates (``i, f, o, r, z``) share the scale 0 … 1; the others (``g``, ``n``, ``c``,
    ``h``) a scale centred on 0 that reaches ±1 or further, to the largest ``|value|`` (a cell
    state, a projected ``h``), each colour bar labelled ``value of f`` (its gate); in a figure
    under 6 inches wide a sigmoid gate's title gives its meaning on a second line. The
    figure is at most 16 inches wide whatever the number of
    steps, so a long sequence gets narrower columns, and only every k-th of more than 100
    ``labels`` is shown. More than 4,000 steps are drawn as the means over blocks of k steps
    (at least 2,000 blocks, more than the figure has pixel columns; the axis still counts
    steps, and the centred scale still reaches the largest ``|value|`` of any step).

    Args:
        gate_trace: One entry of a trace (``tr["rnn/l0"]``).
        sample: Which sequence of the batch.
        gates: The gates to draw, in this order (``"f"``, or ``["i", "f", "o"]``); default all
            of the trace's.
        units: The units to draw, in this order (e.g. ``range(32)`` of 256, or a 1-D integer
            tensor or array such as ``torch.topk(...).indices``); default all.
        labels: Optional labels of the time steps (tokens): one per unpadded step of the
            sequence, or one per step of the padded batch (a padded row's token list, whose
            labels past the sequence's length are not drawn). They are
            drawn as written, ``$`` included (no mathtext), with control characters as
            escapes (a newline as ``\\n``, a tab as ``\\t``), and characters that no font
            matplotlib uses has too (``\\u96fb``), with a warning that names them.
        title: The figure's title (which layer and sequence it shows, say), or None.
        path: Where to save the figure (PNG, SVG, PDF, ... by suffix), or None;
            missing folders are created (an unknown suffix is a ValueError).

    Raises:
        TypeError: for anything but one entry of a trace (e.g. the whole trace), ``gates``
            that are neither a name nor a list, ``units`` that are not a list of integers, nor
            a tensor or array of integers, a ``sample`` that is no int (a bool included),
            ``labels`` that are no list or a ``title`` that is no str.
        ValueError: for a ``sample`` outside the batch or with no time step (a trace of
            zero steps, a length of 0), ``gates`` that the trace does not have,
            ``units`` that are integers but not unit indices of the trace or that name a unit
            twice (or a tensor or array of them that is not 1-D), or ``labels`` of another
            count than the sequence's steps or the padded batch's.
        RuntimeError: for gates on the meta device (a model on meta traced), which hold no
            values.
    """
    if path is not None:
        figure_file(path)  # refused before anything is drawn
    _check_entry(gate_trace)
    _refuse_meta_entry(gate_trace)
    _check_title(title)
    names = _check_gates(gate_trace, gates)
    if units is not None:  # with proj_size, h has fewer units: an index must fit every panel
        units = _check_units(units, min(gate_trace[name].shape[-1] for name in names))
    valid = _valid(gate_trace)[_check_sample(gate_trace, sample)]
    steps = int(valid.sum())
    _check_steps(steps, sample, len(valid))
    _check_labels(labels, steps, sample, len(valid))
    width = _figure_width(steps, least=4.0)
    fig = new_figure(figsize=(width, 1.6 * len(names) + 0.6), layout="constrained")
    axes = fig.subplots(len(names), 1, squeeze=False, sharex=True)[:, 0]
    block = max(1, -(-steps // _MAX_COLUMNS))  # steps per drawn column
    for ax, name in zip(axes, names, strict=True):
        values = gate_trace[name][sample, :steps].detach().cpu()  # [T, H]
        if block == 1:
            values = values.double().numpy().T  # [H, T]
            if units is not None:
                values = values[units]
        else:  # the float32 trace is not copied whole as float64 first
            if values.dtype not in (torch.float32, torch.float64):
                values = values.float()
            values = values.numpy() if units is None else values.numpy()[:, units]
        sigmoid = name in _SIGMOID_GATES
        if sigmoid:
            vmin, vmax, cmap = 0.0, 1.0, "viridis"
        else:  # centred: white is 0, and c or a projected h may pass ±1 (every step counts)
            finite = np.abs(values[np.isfinite(values)])
            vmax = max(1.0, float(finite.max()) if finite.size else 1.0)
            vmin, cmap = -vmax, "RdBu_r"
        extent = None
        if block > 1:  # each column spans its k steps on the axis, which stays in steps
            values = _block_means(values, block).T  # [H, ceil(T / k)]
            extent = (-0.5, block * values.shape[1] - 0.5, values.shape[0] - 0.5, -0.5)
        # "antialiased": with more units (or steps) than pixels, every one still shows, where
        # "nearest" would skip rows; it is "nearest" when the cells are a few pixels large
        im = ax.imshow(
            values,
            aspect="auto",
            interpolation="antialiased",
            cmap=cmap,
            vmin=vmin,
            vmax=vmax,
            extent=extent,
        )
        # under 6 inches the meaning goes on a line of its own: the longest title ran past the
        # colour bar (matplotlib 3.7 does not wrap a title that `wrap=True` asks to)
        meaning = (":\n" if width < 6 else ": ") + _MEANING[name] if name in _MEANING else ""
        # no smaller than the tick labels (it was 8 points to their 10, unreadable projected)
        ax.set_title(f"{_GATE_NAMES.get(name, name)} ({name}){meaning}", fontsize=10, loc="left")
        ax.set_ylabel("unit")
        if units is not None:  # rows are the given units, in their order
            every = max(1, -(-len(units) // 8))
            ax.set_yticks(range(0, len(units), every), [str(u) for u in units[::every]])
        # the scale says what its colours are, as the other figures' colour bars do
        fig.colorbar(im, ax=ax, fraction=0.03, pad=0.01).set_label(f"value of {name}")
    if labels is not None:
        title = _label_steps(axes[-1], labels, steps, title)
    else:
        axes[-1].set_xticks(range(0, steps, max(1, steps // 10)))
        axes[-1].set_xlabel("time step")
        title = drawable_title(title)
    if block > 1:  # the last block may be partial: the axis ends at the last step
        axes[-1].set_xlim(-0.5, steps - 0.5)
    if title is not None:
        fig.suptitle(title, wrap=True)
    if path is not None:
        save_figure(fig, path, dpi=120)
    return fig


def _check_steps(steps: int, sample: int, total: int) -> None:
    """Refuses a sequence with no (unpadded) step: its heatmap would be empty, and matplotlib
    only warned about "identical low and high xlims"."""
    if steps == 0:
        why = (
            "the trace has no time step"
            if total == 0
            else f"its length is 0 of {_count(total, 'step')}"
        )
        raise ValueError(
            f"`gate_trace` must hold at least one time step of sequence {sample} to draw, "
            f"got none ({why})."
        )


def _check_labels(labels: Sequence[str] | None, steps: int, sample: int, padded: int) -> None:
    """Refuses ``labels`` that are neither one per (unpadded) step of the sequence nor one per
    step of the padded batch (``padded``, a padded row's token list, its padding undrawn):
    more were drawn from the first ones without a word, so a list of another sentence or off
    by some tokens labelled the steps wrongly (matplotlib's ``set_xticks`` refuses a count
    that differs from the ticks')."""
    if labels is not None and (not isinstance(labels, Sized) or isinstance(labels, bytes)):
        # else "object of type 'int' has no len()"
        raise TypeError(
            f"`labels` must be a list of the steps' labels (tokens), one per step of sequence "
            f"{sample}, or None, got {typed_repr(labels)}."
        )
    if labels is None or len(labels) == steps or len(labels) == padded:
        return
    row = f" (or to each of the batch's {padded} padded steps)" if padded != steps else ""
    # a str is one label per character (right for a character LM): a sentence whose words
    # would fit is told so
    split = (
        f" (a str gives one label per character: for words pass {labels!r}.split())"
        if isinstance(labels, str) and len(labels.split()) in (steps, padded)
        else ""
    )
    each = f"to each of the {steps} steps" if steps != 1 else "to the 1 step"
    raise ValueError(
        f"`labels` must give a label {each} of sequence {sample}{row}, got {len(labels)}{split}."
    )


def _check_title(title: object) -> None:
    """Refuses a ``title`` that is no str (matplotlib's "expected string or bytes-like object,
    got 'int'" named none of the arguments)."""
    if title is not None and not isinstance(title, str):
        raise TypeError(f"`title` must be a str or None, got {typed_repr(title)}.")


def _figure_width(steps: int, least: float) -> float:
    """Inches: 0.3 a step, at least ``least``, at most ``_MAX_WIDTH`` however long the sequence."""
    return min(_MAX_WIDTH, max(least, 0.3 * steps + 2))


def _label_steps(ax: Axes, labels: Sequence[str], steps: int, title: str | None) -> str | None:
    """Labels the ``steps`` time steps of ``ax``'s x axis with the first of ``labels`` (every
    k-th of more than ``_MAX_LABELS``); the figure's ``title`` as it is then to be drawn, the
    characters no font has escaped in one warning with the labels'."""
    every = max(1, -(-steps // _MAX_LABELS))
    shown = [printable(str(t)) for t in list(labels)[:steps][::every]]
    drawn, *shown = drawable(
        [title or "", *shown], ["`title`", *["`labels`"] * len(shown)], titles=1
    )
    # each label ends at its step ("anchor": rotated about that end), so labels run
    # parallel; centred, a long token ran over its neighbours ("cinematography dazzles").
    # A character LM's labels hold newlines and tabs: written as escapes (a newline was an
    # empty tick, a tab a missing glyph), and "$" as itself, not as mathtext ("$1 and $2")
    ax.set_xticks(
        range(0, steps, every),
        shown,
        rotation=60,
        fontsize=7,
        ha="right",
        rotation_mode="anchor",
        parse_math=False,
    )
    return None if title is None else drawn


def _block_means(values: np.ndarray, every: int) -> np.ndarray:
    """``[T, U]`` → ``[ceil(T / every), U]``: float64 means over blocks of ``every`` steps (the
    last block holds the remaining steps)."""
    full, rest = divmod(len(values), every)
    blocks = values[: full * every].reshape(full, every, -1).sum(axis=1, dtype=np.float64)
    blocks /= every
    if rest:
        tail = values[full * every :].sum(axis=0, dtype=np.float64, keepdims=True) / rest
        blocks = np.concatenate([blocks, tail])
    return blocks


def _check_gates(gate_trace: Mapping[str, Tensor], gates: str | Sequence[str] | None) -> list[str]:
    """The gate names to draw: all of the trace's by default, else ``gates`` checked by name."""
    if gates is None:
        return list(gate_trace)
    if not isinstance(gates, str | Iterable):  # list(5) said only "'int' object is not iterable"
        raise TypeError(
            f"`gates` must be a gate name or a list of them ({list(gate_trace)}), got "
            f"{typed_repr(gates)}."
        )
    given = [gates] if isinstance(gates, str) else list(gates)
    bad = [g for g in given if not isinstance(g, str) or g not in gate_trace]
    if bad or not given:
        raise ValueError(
            f"`gates` must name one or more gates of the trace ({list(gate_trace)}), got "
            f"{value_repr(gates)}"
            + (f"; not in the trace: {bad}" if bad and len(given) > 1 else "")
            + _gate_name_hint(list(gate_trace), bad)
            + "."
        )
    return given


def _check_units(units: object, hidden: int) -> list[int]:
    """``units`` as a list of unit indices in ``[0, hidden)``, refused by name when it is not."""
    if isinstance(units, Tensor | np.ndarray):
        units = _listed_units(units, hidden)
    # a negative index would draw unit H - 1 labelled "unit -1"; one past H, an IndexError
    if not isinstance(units, str | Iterable) and as_int(units) is None:
        raise TypeError(
            f"`units` must be a list of unit indices in [0, {hidden}) (the trace's hidden size), "
            f"got {typed_repr(units)}."
        )
    given = [units] if isinstance(units, str) or as_int(units) is not None else list(units)
    bad = [u for u in given if as_int(u) is None or not 0 <= as_int(u) < hidden]
    if bad or not given:
        # a list holding something other than integers (``[1.0, 2.0]``, ``[True]``) is refused
        # as a tensor of floats or bools is, a TypeError; integers outside the layer by value
        wrong_type = any(as_int(u) is None for u in bad)
        # a few of them, counted: range(40) of 4 units listed all 36 past the layer (and a
        # list of 100,000 made a message of 1.4 MB)
        listed = value_repr(bad[:_SHOWN]) + and_more(len(bad), _SHOWN)
        counted = f"{len(bad):,} of them are " if len(bad) > _SHOWN else ""
        raise (TypeError if wrong_type else ValueError)(
            f"`units` must be a non-empty list of unit indices in [0, {hidden}) (the "
            f"trace's hidden size), got {_units_repr(units, given)}"
            + (f"; {counted}not unit indices: {listed}." if bad and len(given) > 1 else ".")
        )
    indices = [as_int(u) for u in given]
    # [1, 1] drew unit 1 twice: two identical rows or lines, one colour hidden under the other
    counts = Counter(indices)  # not indices.count(u) for each u: 100,000 units took minutes
    twice = sorted(u for u, n in counts.items() if n > 1)
    if twice:
        shown = ", ".join(map(str, twice[:_SHOWN])) + and_more(len(twice), _SHOWN)
        raise ValueError(
            f"`units` must name each unit once, got {_units_repr(units, given)}; repeated: {shown}."
        )
    return indices


# the unit indices a refusal of `units` lists, the others counted
_SHOWN = 5


def _units_repr(units: object, given: list[Any]) -> str:
    """``units`` as a refusal shows it: a list of more than 10 by its length and first
    items (``a list of 40 indices [0, 1, 2, 3, 4, ...]``)."""
    if not isinstance(units, list | tuple) or len(given) <= 2 * _SHOWN:
        return plain_repr(units)
    head = value_repr(type(units)(given[:_SHOWN]))
    return f"a {type(units).__name__} of {len(given):,} items {head[:-1]}, ...{head[-1]}"


def _listed_units(units: Tensor | np.ndarray, hidden: int) -> object:
    """A 1-D integer tensor or array of unit indices (``torch.topk(...).indices``) as a list,
    a 0-d one as its index; one of another dtype or shape is refused by them, not by its
    values (a tensor's were each refused as "not unit indices: [tensor(1), ...]"). A 1-D
    array of Python objects is the list it holds, checked as a list is (``np.array([1, 2],
    dtype=object)`` was refused, ``[1, 2]`` drawn)."""
    if isinstance(units, Tensor):
        what, dtype = "tensor", str(units.dtype).removeprefix("torch.")
        integer = not (units.is_floating_point() or units.is_complex() or dtype == "bool")
    else:
        what, dtype = "array", units.dtype.name
        integer = np.issubdtype(units.dtype, np.integer)
        if units.dtype == object and units.ndim <= 1:
            return units.tolist()
    if integer and units.ndim <= 1:
        return units.tolist()
    # an int64 tensor, a float32 one, a uint8 one (said "you-int")
    article = "an" if dtype[0] in "aeio" else "a"
    message = (
        f"`units` must be a list (or a 1-D integer tensor or array) of unit indices in "
        f"[0, {hidden}) (the trace's hidden size), got {article} {dtype} {what} of shape "
        f"{tuple(units.shape)}."
    )
    raise (ValueError if integer else TypeError)(message)


def plot_cell_states(
    gate_trace: Mapping[str, Tensor],
    *,
    sample: int = 0,
    units: Sequence[int] | Tensor | np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    title: str | None = None,
    path: str | Path | None = None,
) -> Figure:
    """Trajectories of the cell state ``c`` (LSTM) or hidden state ``h`` (GRU) over time.

    By default the 8 units whose state spans the largest range are drawn, largest first, and
    the legend's title says so where the layer has more ("8 of 256 units, largest range"):
    more lines on one axes no longer read. Up to 36 units (``units=``) are told apart by
    colour and line style and named in a legend beside the axes; more are drawn thin, coloured
    along a colour bar that names the units (a legend of 64 squeezed the axes to a strip, one of
    128 made constrained layout give up with a warning).

    Args:
        gate_trace: One entry of a trace.
        sample: Which sequence.
        units: Units to draw, each in ``[0, H)`` (a list, or a 1-D integer tensor or array;
            default: the 8 with the largest range);
            after the tenth, the colours come again, dashed (then dash-dotted, dotted); more
            than 36 are coloured by their place in ``units`` (see above).
        labels: Optional labels of the time steps (the characters or tokens read), drawn as
            :func:`plot_gates` draws them; the figure then widens with the steps, as there.
        title: The figure's title (default: "cell state trajectories", or "hidden state
            trajectories" for a GRU).
        path: Where to save the figure (PNG, SVG, PDF, ... by suffix), or None;
            missing folders are created (an unknown suffix is a ValueError).

    Raises:
        TypeError: for anything but one entry of a trace (e.g. the whole trace), ``units``
            that are not a list of integers, nor a tensor or array of integers, or a
            ``sample`` that is no int (as :func:`plot_gates`).
        ValueError: for a ``sample`` outside the batch or with no time step (as
            :func:`plot_gates`), ``units`` that are integers but not unit indices of the trace
            (all listed) or that name a unit twice, or a tensor or array of them that is not
            1-D, or ``labels`` of another count than the sequence's steps or the padded batch's.
        RuntimeError: for gates on the meta device, as :func:`plot_gates`.
    """
    if path is not None:
        figure_file(path)  # refused before anything is drawn
    _check_entry(gate_trace)
    _refuse_meta_entry(gate_trace)
    _check_title(title)
    name = "c" if "c" in gate_trace else "h"
    valid = _valid(gate_trace)[_check_sample(gate_trace, sample)]
    steps = int(valid.sum())
    _check_steps(steps, sample, len(valid))
    _check_labels(labels, steps, sample, len(valid))
    values = gate_trace[name][sample, :steps].detach().cpu().double().numpy()  # [T, H]
    hidden = values.shape[1]
    note = None
    if units is None:
        spread = values.max(0) - values.min(0)
        units = [int(u) for u in np.argsort(-spread)[:_DEFAULT_UNITS]]
        if hidden > len(units):  # a choice the reader should know of
            note = f"{len(units)} of {hidden} units,\nlargest range"
    else:
        units = _check_units(units, hidden)
    width = 6.0 if labels is None else _figure_width(steps, least=6.0)
    fig = new_figure(figsize=(width, 3.2), layout="constrained")
    ax = fig.subplots()
    ax.set(ylabel=f"{_GATE_NAMES[name]} {name}")  # "c" alone was no name for the axis
    if labels is None:
        ax.set_xlabel("time step")
        # steps are whole: the default locator put ticks at 0.5, 1.5, ... on short sequences
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        title = drawable_title(title)
    else:
        title = _label_steps(ax, labels, steps, title)
    ax.set_title(_GATE_NAMES[name] + " trajectories" if title is None else title, wrap=True)
    if len(units) > _LEGEND_UNITS:
        _draw_many_units(fig, ax, values, units)
    else:
        for k, u in enumerate(units):
            ax.plot(range(steps), values[:, u], lw=1.2, label=f"unit {u}", **curve_look(k))
        # beside the axes: up to 8 lines cross the whole of it, so no place inside is free; in
        # columns of at most 12, the figure's height (32 ``units`` in one column squeezed the
        # axes to nothing, and constrained layout gave up with a warning)
        ax.legend(
            fontsize=7,
            title=note,
            title_fontsize=7,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            borderaxespad=0,
            ncols=-(-len(units) // 12),
        )
    if path is not None:
        save_figure(fig, path, dpi=120)
    return fig


# the units plot_cell_states draws by default, and the most it names in a legend (3 columns of
# 12 beside the axes, each unit in a look of its own; 64 left the axes a strip)
_DEFAULT_UNITS, _LEGEND_UNITS = 8, 36


def _draw_many_units(fig: Figure, ax: Axes, values: np.ndarray, units: list[int]) -> None:
    """``values[:, units]`` (``[T, H]``) as thin lines coloured by their place in ``units``,
    with a colour bar that names the units at a few round places of the list."""
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    cmap, norm = colormaps["viridis"], Normalize(0, len(units) - 1)
    for k, u in enumerate(units):
        ax.plot(range(len(values)), values[:, u], lw=0.6, alpha=0.8, color=cmap(norm(k)))
    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, fraction=0.05, pad=0.02)
    # ticks at round places in `units`, each labelled with the unit drawn there
    bar.locator = MaxNLocator(8, integer=True)
    bar.formatter = FuncFormatter(lambda x, _: str(units[round(x)]) if 0 <= x < len(units) else "")
    bar.update_ticks()
    bar.set_label("unit", fontsize=8)
    bar.ax.tick_params(labelsize=7)


def _check_sample(gate_trace: Mapping[str, Tensor], sample: int) -> int:
    """``sample`` as an index into the trace's batch, refused by name when it is not one."""
    batch = len(_valid(gate_trace))
    index = as_int(sample)
    if isinstance(sample, bool | np.bool_):  # an int in Python: True was refused as "got True"
        raise TypeError(
            f"`sample` must be an integer in [0, {batch}) (the traced batch), got "
            f"{typed_repr(sample)}: `sample` is the index of the sequence drawn (sample=1 "
            "draws the batch's second), not a switch."
        )
    if not isinstance(sample, numbers.Real):
        # "1" or torch.tensor(1) were a ValueError, "got '1'", "got tensor(1)": a wrong type
        raise TypeError(
            f"`sample` must be an integer in [0, {batch}) (the traced batch), got "
            f"{refused_type(sample, int, 0, batch - 1)}{number_hint(sample)}."
        )
    if index is None or not 0 <= index < batch:
        # -1, the last in Python, drew nothing and was told the range alone (-1.0 alike)
        back = (
            f" (a negative sample does not count from the end: the last is {batch - 1})"
            if sample < 0 and float(sample).is_integer() and batch
            else ""
        )
        # a float is a wrong type, as for every index (lrp's `target`, explain_forecast's
        # `step`, `units`); sample=1.0 was a ValueError
        raise (TypeError if index is None else ValueError)(
            f"`sample` must be an integer in [0, {batch}) (the traced batch), got "
            f"{plain_repr(sample)}{whole_float_hint(sample, 0, batch - 1)}{back}."
        )
    return index


def _arrays(trace: Mapping[str, Mapping[str, Tensor]], writer: str) -> dict[str, np.ndarray]:
    """``"<trace key>/<gate>"`` → ``[B, T, H]`` array, plus ``"<trace key>/lengths"``.

    bfloat16, which numpy lacks, comes out as float32 (every bfloat16 value is one). A
    :class:`~lstmkit.nn.trace.Trace` with a layer called several times is written, as
    documented, with its latest call, and a warning that ``writer`` left the others out.
    """
    _check_trace(trace)  # else "'Tensor' object has no attribute 'items'" for one entry
    _refuse_meta(trace, "write")
    _warn_earlier_calls(trace, writer)
    arrays: dict[str, np.ndarray] = {}
    for key, gates in trace.items():
        for name, value in gates.items():
            value = value.detach().cpu()
            if value.dtype == torch.bfloat16:
                value = value.float()
            arrays[f"{key}/{name}"] = value.numpy()
        lengths = getattr(gates, "lengths", None)
        if lengths is not None:
            # device="cpu": under a default meta device as_tensor moved a CPU tensor there
            arrays[f"{key}/lengths"] = torch.as_tensor(lengths, device="cpu").numpy()
    return arrays


def _warn_earlier_calls(trace: Mapping[str, Mapping[str, Tensor]], writer: str) -> None:
    """Warns that a layer's earlier calls are not written (a text read in windows, a generation
    loop): the file looked complete, as saturation() of the same trace counts every call."""
    if not isinstance(trace, Trace):
        return
    counts = {key: len(trace.calls(key)) for key in trace}
    several = ", ".join(f"{key!r} ({n} calls)" for key, n in counts.items() if n > 1)
    if several:
        warnings.warn(
            f"{writer} writes the latest call of each layer (trace[key]), but {several} ran "
            "several times: the earlier calls are not written. For every call pass "
            '{f"{k}/call{n}": c for k in tr for n, c in enumerate(tr.calls(k))}; '
            "dict(tr) writes the latest alone, without this warning.",
            UserWarning,
            stacklevel=user_stacklevel(),
        )


def export_npz(trace: Mapping[str, Mapping[str, Tensor]], path: str | Path) -> Path:
    """Writes every gate of every layer as ``[B, T, H]`` float arrays into one ``.npz`` file.

    Array names are ``"<trace key>/<gate>"`` (e.g. ``"rnn/l0_reverse/f"``), plus
    ``"<trace key>/lengths"`` when the call had padding, so ``numpy.load`` (or any zip+npy
    reader) gets sequences × time × units per layer back; ``numpy.load(file).files`` lists
    them. Arrays keep the trace's dtype, but bfloat16 (which numpy lacks) is written as
    float32.

    Args:
        trace: A :func:`lstmkit.trace` result (or a mapping ``key → gate trace``); of a layer
            called several times, the latest call (``trace[key]``), with a warning that the
            others are not written; for every call pass
            ``{f"{k}/call{n}": c for k in trace for n, c in enumerate(trace.calls(k))}``, for
            the latest alone (no warning) ``dict(trace)``.
        path: The file to write. As ``numpy.savez`` does, ``".npz"`` is appended when ``path``
            does not end in ``.npz`` (``"runs/trace"`` writes ``runs/trace.npz``); an existing
            file is replaced, missing folders are created.

    Returns:
        The path of the file written.

    Warns:
        UserWarning: for a :func:`lstmkit.trace` result with a layer called several times,
            naming them: only their latest calls are written.

    Raises:
        TypeError: for a ``trace`` that is not a mapping of gate traces (one entry
            ``tr[key]``, say: pass ``{key: tr[key]}``; a mapping of whole traces).
        ValueError: when ``path`` (or ``path + ".npz"``) is an existing folder, or a folder on
            the way to it is a file.
        RuntimeError: for gates on the meta device (a model on meta traced), which hold no
            values, before any file is written.
    """
    file = output_file(path, ".npz", example="trace.npz")
    arrays = _arrays(trace, "export_npz")  # before any folder is made
    with written_whole(file) as temp, open(temp, "wb") as f:  # a file object: no ".npz" added
        np.savez(f, **arrays)
    return file


def export_hdf5(trace: Mapping[str, Mapping[str, Tensor]], path: str | Path) -> Path:
    """As :func:`export_npz`, into an HDF5 file (groups per trace key); needs ``h5py``.

    The file is written at ``path`` exactly (no suffix is added; ``.h5`` is customary) and
    replaced if it exists. Returns its path; raises as :func:`export_npz`.
    """
    try:
        import h5py
    except ImportError as err:  # an optional extra
        raise ImportError(
            "export_hdf5 needs h5py, lstmkit's `hdf5` extra: `pip install 'lstmkit[hdf5]'` "
            "(or `pip install h5py`; or use export_npz)."
        ) from err
    file = output_file(path, example="trace.h5")
    # before the file is opened (and an existing one emptied)
    arrays = _arrays(trace, "export_hdf5")
    with written_whole(file) as temp, h5py.File(temp, "w") as f:
        for name, array in arrays.items():
            f.create_dataset(name, data=array)
    return file
