r"""Faithfulness of explanations: deletion curves and AOPC.

Shape letters: ``B`` batch, ``T`` time steps, ``K`` deletion steps.

A faithful explanation ranks first the steps whose removal hurts the target score most. The
deletion curve deletes the ``k`` most relevant steps (``k = 0 .. K``) — a deleted step's vector
(word embedding, or input features) is set to zero, as in Arras et al. (2017) — and records the
target's raw score. The *area over the perturbation curve* (Samek et al. 2017) averages the drop:

.. math::
    \mathrm{AOPC} = \frac{1}{K + 1} \sum_{k=0}^{K} \big(f(x) - f(x^{(k)})\big).

Higher AOPC: a more faithful ranking. A random order is the floor.
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import torch
from torch import Tensor, nn

from lstmkit._checks import choice_error, is_choice, plural_s, typed_repr
from lstmkit._lazy import public_dir
from lstmkit.explain.baselines import (
    BATCH_SIZE,
    METHODS,
    check_count,
    check_fill,
    check_method_options,
    explain,
)
from lstmkit.explain.explanation import Explanation
from lstmkit.explain.lrp import (
    _as_lengths,
    _call_model,
    _check_repeatable,
    _members,
    _rng_states,
    _with_dtype,
    check_inputs,
    check_no_more_arguments,
    check_takes_lengths,
    check_values,
    explaining,
)
from lstmkit.nn.layers import _valid_steps

# what `steps` counts, for the refusal of a bool given for it
_DELETION_STEPS = "how many of the most relevant steps are deleted"
# how deletion_curve and compare rank the steps
_BY = ("value", "magnitude")

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "Faithfulness",
    "aopc",
    "compare",
    "deletion_curve",
]
__dir__ = public_dir(globals())


def deletion_curve(
    model: nn.Module,
    inputs: Tensor,
    explanation: Explanation,
    *,
    steps: int = 10,
    value: float = 0.0,
    by: Literal["value", "magnitude"] = "value",
    batch_size: int = 512,
) -> Tensor:
    """Target scores after deleting the ``k`` most relevant steps, ``k = 0 .. steps``.

    Only valid (unpadded) steps are deleted; once a sequence has no step left, its score stays.
    Steps of equal relevance are deleted in the order they stand, the earliest first.

    Args:
        model: The explained model (called as by :func:`~lstmkit.explain.lrp`); for an ensemble
            of token models, each member's embedding loses the deleted steps.
        inputs: The explained inputs (token ids ``[B, T]`` or features ``[B, T, F]``): those
            ``explanation.inputs`` records, where it records them.
        explanation: The explanation whose ``relevance`` orders the steps (and whose ``target``
            and ``lengths`` are used).
        steps: Deletion steps ``K``.
        value: What a deleted step's vector is set to.
        by: Rank steps by signed relevance (``"value"``: most positive evidence first) or by
            ``"magnitude"`` ``|R|`` (for regression outputs, where sign is not "for/against").
        batch_size: Most sequences per model call.

    Returns:
        ``[B, K + 1]`` raw target scores; column 0 is the undeleted score.

    Raises:
        TypeError: for an ``explanation`` that is not an :class:`Explanation` (its
            ``relevance`` alone, say) or whose ``target`` is no integer tensor, a ``by`` that
            is no str, a ``value`` that is not a real number, or ``inputs`` of the wrong type.
        ValueError: for bad ``steps``, ``batch_size``, ``by``, ``value`` or ``inputs``, a
            relevance whose shape is not ``inputs``' ``[B, T]`` or that is NaN at a valid step,
            a ``target`` that is not one index per sequence or lies outside the model's outputs,
            or ``inputs`` other than those the explanation records (``explanation.inputs``, as
            lstmkit's methods record them) at a step within a sequence's length (the padding
            may differ).
        RuntimeError: for a model on the meta device, which holds no values to run, or one
            whose output changes from call to call in eval mode (something random left on,
            as the explanation methods refuse it): each deletion would be scored on another
            random draw.
    """
    steps = check_count(steps, "steps", minimum=0, means=_DELETION_STEPS)
    batch_size = check_count(batch_size, "batch_size", means=BATCH_SIZE)
    value = check_fill(value, "deleted")
    if not is_choice(by, _BY):  # a str first: by=None was a ValueError
        raise choice_error(by, "by", _BY, "'value' or 'magnitude'")
    if not isinstance(explanation, Explanation):  # else "'Tensor' object has no attribute ..."
        raise TypeError(
            "`explanation` must be an Explanation (what lrp, explain and the other methods "
            f"return: its relevance, target and lengths are used), got {type(explanation).__name__}"
            + (
                "; pass the whole result, not its relevance."
                if isinstance(explanation, Tensor)
                else "."
            )
        )
    # a model on meta: its refusal, not torch's "Cannot copy out of meta tensor" (nor a
    # remedy that moves the inputs to meta too)
    check_values(model, inputs=inputs)
    embeddings = _embeddings(model)
    check_inputs(inputs, embeddings[0] if embeddings else None, model)
    batch, length = inputs.shape[:2]
    if tuple(explanation.relevance.shape) != (batch, length):
        raise ValueError(
            f"`explanation.relevance` must be [B, T] = {(batch, length)} like `inputs`, "
            f"got {tuple(explanation.relevance.shape)}."
        )
    explained = _explained_target(explanation.target, batch)
    lengths = _as_lengths(explanation.lengths, batch, length, device=inputs.device)
    check_takes_lengths(model, lengths)
    check_no_more_arguments(model, lengths, explained=True)
    device = inputs.device
    valid = _valid_steps(lengths, batch, length, device)
    _check_explained(explanation.inputs, inputs, valid)
    rel = explanation.relevance.to(device)
    nan = rel.isnan() & valid
    if bool(nan.any()):  # argsort would rank NaN first, as the most relevant step
        rows, steps = nan.any(dim=1).nonzero().flatten().tolist(), int(nan.sum())
        raise ValueError(
            f"`explanation.relevance` must be a number at every valid step to order the "
            f"deletions, got NaN at {steps} step{plural_s(steps)} of sequence"
            f"{plural_s(len(rows))} {rows[:5]}."
        )
    if by == "magnitude":
        rel = rel.abs()
    rel = rel.masked_fill(~valid, float("-inf"))
    order = rel.argsort(dim=1, descending=True, stable=True)  # [B, T]
    rank = torch.empty_like(order).scatter_(
        1, order, torch.arange(length, device=device).expand(batch, -1)
    )  # rank[b, t]: position of step t in the deletion order
    target = explained.to(device)
    # on the CPU by name: under a default meta device the curve was an empty meta tensor
    curve = torch.empty(batch, steps + 1, dtype=torch.float64, device="cpu")
    deleted = torch.zeros(0, length, dtype=torch.bool, device=device)  # the rows being scored

    def delete(_module: nn.Module, _args: object, out: Tensor) -> Tensor:
        return out.masked_fill(deleted.unsqueeze(2), value)  # [N, T, F]

    # A token model (each member of an ensemble) loses the deleted steps' embedding vectors.
    hooks = [e.register_forward_hook(delete) for e in embeddings]
    try:
        with explaining(model), torch.no_grad():
            for k in range(steps + 1):
                all_deleted = (rank < k) & valid  # [B, T]
                out = []
                for lo in range(0, batch, batch_size):
                    rows = slice(lo, lo + batch_size)
                    deleted = all_deleted[rows]
                    x = inputs[rows]
                    if not embeddings:
                        x = x.masked_fill(deleted.unsqueeze(2), value)
                    n = None if lengths is None else lengths[rows]
                    before = _rng_states(model, device) if k == lo == 0 else None
                    logits = _call_model(model, x, n)
                    if before is not None:
                        # once, on the undeleted inputs: a model random in eval mode scored
                        # each deletion on another draw, as the explanation methods refuse
                        _check_repeatable(
                            "deletion_curve",
                            model,
                            logits,
                            before,
                            lambda x=x, n=n: _call_model(model, x, n),
                            refused=f"deletion_curve cannot score {type(model).__name__}",
                        )
                        _check_target_range(explained, logits.shape[1])
                    out.append(logits.gather(1, target[rows].unsqueeze(1)).squeeze(1))
                if out:
                    # to the CPU first: MPS has no float64
                    curve[:, k] = torch.cat(out).cpu().to(torch.float64)
    finally:
        for hook in hooks:
            hook.remove()
    return curve


def _explained_target(target: object, batch: int) -> Tensor:
    """An explanation's ``target`` checked as one integer output index per sequence ``[B]``:
    one made by hand with a string, a float or another count of targets failed in torch's
    words ("'str' object has no attribute 'to'"), or, of one target for several sequences,
    scored the first sequence's curve for all of them without a word."""
    if (
        not isinstance(target, Tensor)
        or target.is_floating_point()
        or target.is_complex()
        or target.dtype == torch.bool
    ):
        shown = _with_dtype(target) if isinstance(target, Tensor) else typed_repr(target)
        raise TypeError(
            "`explanation.target` must be an integer tensor of one output index per sequence "
            f"({batch}), as the explanation methods record it, got {shown}."
        )
    if target.numel() != batch:
        raise ValueError(
            f"`explanation.target` must hold one output index per sequence ({batch}), got "
            f"{target.numel()} value{'s' if target.numel() != 1 else ''}."
        )
    return target.reshape(-1).long()


def _check_target_range(target: Tensor, outputs: int) -> None:
    """Refuses an explanation's ``target`` ``[B]`` outside the ``outputs`` the model gives per
    sequence (checked at its first call, before any score is kept), as the explanation methods
    refuse one: an index past them failed in torch's words ("index 5 is out of bounds for
    dimension 1 with size 2")."""
    low, high = target < 0, target >= outputs
    if not bool((low | high).any()):
        return
    plural = "s" if outputs != 1 else ""
    back = "; a negative index does not count from the end" if bool(low.any()) else ""
    raise ValueError(
        f"`explanation.target` must lie in [0, {outputs}) (the model gives {outputs} "
        f"output{plural} per sequence{back}), got {target.tolist()}: explain a target in that "
        "range."
    )


def _check_explained(recorded: Tensor | None, inputs: Tensor, valid: Tensor) -> None:
    """Refuses ``inputs`` other than those the explanation ``recorded`` (None: one made by hand,
    not checked): its relevance ranks the steps of those, so the curve would mean nothing.
    Only the ``valid`` steps ``[B, T]`` (within each sequence's length) are compared: the model
    reads no padding, so inputs padded with other values are the same inputs."""
    if recorded is None:
        return
    if recorded.shape != inputs.shape:
        raise ValueError(
            f"`explanation` explains inputs of shape {tuple(recorded.shape)}, got `inputs` of "
            f"shape {tuple(inputs.shape)}; pass the inputs it explains, or explain these."
        )
    recorded = recorded.to(inputs.device, inputs.dtype)
    differ = recorded != inputs
    if inputs.is_floating_point():  # NaN is no difference where both hold it
        differ &= ~(recorded.isnan() & inputs.isnan())
    if differ.dim() == 3:  # features [B, T, F]: a step differs where one of its features does
        differ = differ.any(dim=2)
    differ &= valid
    if bool(differ.any()):
        where = [tuple(p) for p in differ.nonzero().tolist()]
        first = ", ".join(map(str, where[:3])) + (", ..." if len(where) > 3 else "")
        # of the steps compared, the sequences' own: a padded batch's total counted its padding
        real = int(valid.sum())
        raise ValueError(
            f"`explanation` explains other inputs than `inputs`: they differ at {len(where)} "
            f"of {real} step{'s' if real != 1 else ''}, (sequence, step) {first}, and its "
            "relevance ranks the steps of those; pass the inputs it explains, or explain these."
        )


def _embeddings(model: nn.Module) -> list[nn.Embedding]:
    """The ``embedding`` of ``model``, or of each member of an ensemble; [] for feature inputs."""
    members = _members(model)
    holders = [model] if members is None else list(members)
    found = [getattr(m, "embedding", None) for m in holders]
    return [e for e in found if isinstance(e, nn.Embedding)]


def aopc(curve: Tensor) -> Tensor:
    """Area over the perturbation curve per sequence ``[B]`` from a ``[B, K + 1]`` curve: the
    mean drop from the undeleted score over ``k = 0 .. K``, its 0 at ``k = 0`` included
    (Samek et al. 2017's ``1 / (K + 1)``).

    An integer curve (scores counted by hand) is read as float64.

    Raises:
        ValueError: for a ``curve`` that is not 2-D (one row per sequence), or has no point.
        TypeError: for a ``curve`` that is no tensor (a list, an array: ``torch.as_tensor``
            makes one; a DataFrame: ``torch.tensor(curve.to_numpy())``; anything else,
            None or a single number: :func:`deletion_curve` makes one), or one of
            booleans or complex numbers, which are no scores.
    """
    expected = (
        "`curve` must be a 2-D tensor [B, K + 1] (a row per sequence; one curve: curve[None])"
    )
    if not isinstance(curve, Tensor):
        # a wrong type, as the bool and complex curves below (was a ValueError, "got list")
        # not a numpy scalar, which holds one number, as a float does, and no curve
        array = hasattr(curve, "__array__") and getattr(curve, "ndim", 1) > 0
        if isinstance(curve, (list, tuple)) or array:
            # torch.as_tensor cannot read a DataFrame ("could not determine the shape")
            if hasattr(curve, "to_numpy"):
                remedy = (
                    f"torch.tensor(curve.to_numpy()) for scores held in a {type(curve).__name__}"
                )
            else:
                remedy = "torch.as_tensor(curve) for scores held in a list or array"
            raise TypeError(f"{expected}, got {type(curve).__name__}; pass {remedy}.")
        # None (a curve never made) was told to pass torch.as_tensor(curve), which holds no
        # scores: say where a curve comes from
        raise TypeError(
            f"{expected}, got {typed_repr(curve, reprlib.repr(curve))}; pass the curve "
            "deletion_curve(model, inputs, explanation) returns."
        )
    if curve.dim() != 2:
        raise ValueError(f"{expected}, got {tuple(curve.shape)}.")
    if curve.shape[1] == 0:
        # no score at k = 0 to measure the drops from: the mean of nothing, NaN per sequence
        raise ValueError(
            f"{expected} with at least its score before any deletion (k = 0), got "
            f"{tuple(curve.shape)}."
        )
    # torch's mean refused an integer curve ("could not infer output dtype"), and bool's "-"
    if curve.dtype == torch.bool or curve.is_complex():
        raise TypeError(f"`curve` must hold real scores, got dtype {curve.dtype}.")
    if not curve.is_floating_point():
        curve = curve.to(torch.float64)
    return (curve[:, :1] - curve).mean(dim=1)


@dataclass(frozen=True)
class Faithfulness:
    """Deletion curves and AOPC of several methods on the same inputs.

    Attributes:
        curves: method → mean deletion curve ``[K + 1]`` (raw target score).
        aopc: method → mean AOPC over the sequences.
        aopc_std_error: method → standard error of that mean; ``nan`` for a single sequence,
            where it is undefined (the table shows ``n/a``).
        steps_asked: the ``steps`` :func:`compare` was given where it was more than the longest
            sequence's steps, at which the curves end (after that every step is deleted and the
            scores stay, which would only dilute the AOPC); ``None`` where the curves go as far
            as asked.
        by: how the steps were ranked (:func:`compare`'s ``by``). With ``"magnitude"``, for a
            regression output, ``aopc`` holds the mean *absolute* change of the score over
            ``k = 0 .. K``: a deletion may move the output either way, and signed drops
            cancel (the table and the plot say "mean abs. change", a Markdown cell holding no "|").
    """

    curves: dict[str, Tensor]
    aopc: dict[str, float]
    aopc_std_error: dict[str, float]
    steps_asked: int | None = None
    by: str = "value"

    def _measure(self) -> str:
        """What ``aopc`` holds, as the table and the plot name it."""
        return "mean abs. change" if self.by == "magnitude" else "AOPC"

    def _last(self) -> int:
        """The deletions the curves end after (the longest sequence's steps, where capped)."""
        return min((len(c) for c in self.curves.values()), default=1) - 1

    def _capped(self) -> str:
        """The note on curves that end before the ``steps`` asked, or ""."""
        if self.steps_asked is None:
            return ""
        last = self._last()
        return (
            f"steps={self.steps_asked} asked, but the longest sequence has {last} "
            f"step{'s' if last != 1 else ''} to delete: the curves end after {last}."
        )

    def table(self) -> str:
        """A Markdown table, best AOPC first: each method's AOPC, its standard error and the
        mean score after 1, 3 and 5 deletions and after the last (``steps``) deletion."""
        length = min((len(c) for c in self.curves.values()), default=0)
        # the curve's last point too: steps=2 showed the score after 1 deletion, not after 2
        shown = sorted({k for k in (1, 3, 5, length - 1) if 0 < k < length})
        label = " / ".join(map(str, shown))
        noun = "deletion" if shown == [1] else "deletions"
        # curves of one point (steps=0) delete nothing: no column of scores after deletions
        after = [f"score after {label} {noun}"] if shown else []
        head = ["method", self._measure(), "± s.e.", *after]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for m in sorted(self.aopc, key=self.aopc.get, reverse=True):
            error = self.aopc_std_error[m]
            # one sequence has no spread to estimate: "0.0000" claimed an exact mean
            cells = [m, f"{self.aopc[m]:.4f}", "n/a" if math.isnan(error) else f"{error:.4f}"]
            if shown:
                cells.append(" / ".join(f"{float(self.curves[m][k]):.3f}" for k in shown))
            rows.append("| " + " | ".join(cells) + " |")
        note = self._capped()
        return "\n".join(rows + (["", note] if note else []))

    def plot(self, path: str | Path | None = None, title: str | None = None) -> Figure:
        """The mean deletion curves, one line per method, as Arras et al. (2017) draw theirs:
        the target's raw score (y) after deleting the ``k`` most relevant steps (x), those of
        highest relevance for the target first; a steeper fall is a more faithful ranking.
        The legend lists the methods best AOPC first, each with its AOPC.

        Args:
            path: where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``;
                missing folders are created (an unknown suffix is a ValueError).
            title: the figure title; ``None`` says what was deleted.

        Returns:
            The matplotlib ``Figure`` (not attached to pyplot).
        """
        from lstmkit._figures import (
            curve_look,
            drawable_title,
            figure_file,
            new_figure,
            save_figure,
        )

        if path is not None:
            figure_file(path)  # refused before anything is drawn
        shown = "deletion curves" if title is None else drawable_title(title)  # so is title=3
        fig = new_figure(figsize=(6.4, 4.0), layout="constrained")
        ax = fig.subplots()
        for k, m in enumerate(sorted(self.aopc, key=self.aopc.get, reverse=True)):
            curve = self.curves[m].detach().cpu().double().numpy()
            label = f"{m} ({self._measure()} {self.aopc[m]:.3f})"
            ax.plot(range(len(curve)), curve, marker="o", ms=3, label=label, **curve_look(k))
        xlabel = "steps deleted, most relevant first (k)"
        if self.steps_asked is not None:  # the table's note, short enough for the figure
            xlabel += f"\n(steps={self.steps_asked} asked; the longest sequence has {self._last()})"
        ax.set(
            xlabel=xlabel,
            ylabel="target score (raw, mean over sequences)",
            title=shown,
        )
        ax.xaxis.get_major_locator().set_params(integer=True)  # k counts steps: no k = 0.5
        if self.aopc:
            ax.legend(fontsize="small")
        if path is not None:
            save_figure(fig, path, dpi=120)
        return fig

    def _repr_markdown_(self) -> str:
        """Jupyter renders :meth:`table` (``compare(...)`` as a cell's value), not the curves."""
        return self.table()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython shows :meth:`table` as text."""
        printer.text(self.table())


def compare(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    lengths: Tensor | Sequence[int] | None = None,
    methods: Sequence[str] = METHODS,
    steps: int = 10,
    by: Literal["value", "magnitude"] = "value",
    options: dict[str, dict[str, Any]] | None = None,
) -> Faithfulness:
    """Explains ``inputs`` with each method and scores its ranking by deletion curves and AOPC.

    Args:
        model, inputs, target, lengths: as :func:`~lstmkit.explain.lrp` (target None: the
            predicted class, the same for every method).
        methods: Method names (see :func:`~lstmkit.explain.explain`), or one name.
        steps: Deletion steps ``K``; more than the longest sequence's steps (``lengths.max()``,
            or ``T``) end the curves there, where every step is deleted, and the result's
            table and plot say so (its ``steps_asked``).
        by: How :func:`deletion_curve` ranks the steps: ``"value"`` (signed relevance) or
            ``"magnitude"`` (``|R|``, for a regression output; the AOPC is then the mean
            absolute change of the score, see :class:`Faithfulness`).
        options: Per-method keyword arguments, e.g. ``{"lrp": {"eps": 1e-3}}``, keyed by
            method name.

    Returns:
        A :class:`Faithfulness` with mean curves and AOPC per method (its
        :meth:`~Faithfulness.plot` draws the curves).

    Raises:
        ValueError: for a method name in ``methods`` or ``options`` that is not one of
            :data:`~lstmkit.explain.METHODS` (all listed), ``inputs`` with no sequence, or a
            ``by`` other than ``"value"`` or ``"magnitude"``.
        TypeError: for an ``options`` entry that is not a dict, or holds an option its method
            does not take, or a ``by`` that is no str (checked before any method runs).
    """
    if isinstance(methods, str):  # one name, not its letters
        methods = (methods,)
    options = options or {}
    problems = []
    bad = [m for m in methods if m not in METHODS]
    if bad:
        problems.append(f"`methods` must be among {METHODS}, got unknown {bad}.")
    # options under a misspelt name ("IG", "integrated_gradients") were silently not used
    stray = [m for m in options if m not in METHODS]
    if stray:
        problems.append(f"`options` must be keyed by method names {METHODS}, got unknown {stray}.")
    if isinstance(inputs, Tensor) and inputs.dim() >= 1 and inputs.shape[0] == 0:
        # else curves and AOPC of NaN, the mean over no sequences, with a standard error of 0
        problems.append(
            "`inputs` must hold at least one sequence (the curves and AOPC are means over "
            f"them), got an empty batch of shape {tuple(inputs.shape)}."
        )
    if problems:
        raise ValueError(" ".join(problems))
    # checked before any method runs: a bad entry raised Python's "argument after ** must be a
    # mapping" or "unexpected keyword argument" only when its method's turn came
    not_dicts = [
        f"{type(o).__name__} for {m!r}" for m, o in options.items() if not isinstance(o, Mapping)
    ]
    if not_dicts:
        raise TypeError(
            "`options` must map method names to dicts of their keyword arguments (e.g. "
            f"{{'ig': {{'steps': 8}}}}), got {', '.join(not_dicts)}."
        )
    for m, o in options.items():
        check_method_options(m, o)
    # before any method runs: steps=-1 was refused after the first method's whole explanation
    steps = check_count(steps, "steps", minimum=0, means=_DELETION_STEPS)
    if not is_choice(by, _BY):
        raise choice_error(by, "by", _BY, "'value' or 'magnitude'")
    curves, means, errors = {}, {}, {}
    first = asked = None
    for m in methods:
        ex = explain(
            model,
            inputs,
            target if first is None else first,
            method=m,
            lengths=lengths,
            **options.get(m, {}),
        )
        if first is None:
            first = ex.target
            # the longest sequence's steps: past them every score stays, and each extra point
            # pulled the AOPC towards the score of nothing left (steps=20 on 5 tokens: after
            # "20 deletions" in the table, an AOPC unlike that of steps=5)
            longest = int(inputs.shape[1] if ex.lengths is None else ex.lengths.max())
            asked = steps if steps > longest else None
            steps = min(steps, longest)
        curve = deletion_curve(model, inputs, ex, steps=steps, by=by)
        # ranked by |R| (a regression output), a deletion moves the score either way: the
        # signed drops cancelled, random's near 0 then beat every method's (below 0 where the
        # deletions mostly raised it); their mean absolute size, as the series benchmark's
        a = (curve[:, :1] - curve).abs().mean(dim=1) if by == "magnitude" else aopc(curve)
        curves[m] = curve.mean(dim=0)
        means[m] = float(a.mean())
        # of one sequence undefined (nan, "n/a" in the table), not 0.0: nothing was measured
        errors[m] = float(a.std() / len(a) ** 0.5) if len(a) > 1 else math.nan
    return Faithfulness(curves, means, errors, asked, by)
