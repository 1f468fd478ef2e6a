"""The one warning of LRP relevances that blew up through a long sequence.

The epsilon rule divides a unit's relevance by its pre-activation ``z``; where a recurrent unit
settles at a small ``z`` fed mostly by ``h``, each step hands its predecessor more relevance than
it got, and over a long sequence the relevances grow without bound while the score stays put.
:func:`~lstmkit.explain.lrp` (and :func:`~lstmkit.explain.explain`), ``lrp_seq2seq``,
``explain_forecast`` (and ``lstmkit explain``) and the sentiment predictor (and ``lstmkit text
predict --explain``) check their relevances with :func:`blown_rows` and warn with
:func:`warn_blown_up`, each in its own words (sequences and steps, a window and its lags, texts
and tokens) and the advice in its route's terms: ``eps=0.1`` from Python, ``--eps 0.1`` from the
command line. At a tiny ``eps`` (the floor, 2.2e-308), relevances that are not finite where
the others stayed near the score overflowed at one unit of ``z = 0``, divided by ``eps``
alone, not through the steps: the warning says that (:func:`overflowed`), with a larger eps.
"""

from __future__ import annotations

import contextlib
import copy
import math
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import torch

from lstmkit._checks import _told, plural_s, warn_at_user, warn_user

# How far beyond the score a relevance may go before it is said to have blown up.
# A text: on an SST-2 classifier, a 12-token review repeated had its largest |relevance| 6.8
# times the score at 12 tokens, 1.1e4 at 48, 3.0e5 at 96, 2.1e8 at 192 and 5.7e108 at 3,600
# (eps=0.1: under 2 times throughout); single sentences of the test set reached 2e4 at most
# (README's table). A series: forecasters of a daily seasonal series (hidden 16, 40 epochs)
# reached 0.26, 1.3, 2.3 and 3.5 times the score at lookback 24, 96, 384 and 1,000 (LSTM;
# GRU 4.4, 1.1, 1.0, 0.85) at eps=1e-3, under 0.5 at eps=0.1; a one-unit LSTM built to hand
# each step 1.9 times its relevance reached 1.6e13 at 48 steps (tests/test_exp33_fixes.py).
# Seq2seq LSTM forecasters (hidden 16, 20 epochs, horizon 7) reached 0.004, 0.015 and 0.006
# times the score on their lags at lookback 24, 96 and 384 (decoder inputs 1.2, 1.2, 2.7) at
# eps=1e-3; the amplifying encoder of tests/test_left33b_fixes.py, 1.03e13 at 48 steps.
# 1e6 lies above all the trained models, below the blow-up.
BLOWN_UP = 1e6

# float64's largest number, past which a relevance divided by its stabilized denominator goes
# (relevances are computed in float64)
_LARGEST = torch.finfo(torch.float64).max

# Where a command's flags, not Python's arguments, are what the advice names (set by the CLI).
_FLAGS: ContextVar[bool] = ContextVar("lstmkit_blown_up_flags", default=False)
# Where a caller that explains in parts warns once for the whole (explain_forecast): set, the
# checks of lrp and explain inside it say nothing.
_QUIET: ContextVar[bool] = ContextVar("lstmkit_blown_up_quiet", default=False)


# Set by :func:`~lstmkit.explain.explain` once it has looked at the inputs: the methods it
# runs (an ensemble's members each) say nothing more of them.
_INPUTS_CHECKED: ContextVar[bool] = ContextVar("lstmkit_inputs_checked", default=False)


def inputs_checked() -> contextlib.AbstractContextManager[None]:
    """The methods inside do not warn again of the NaN or inf in their inputs."""
    return _told(_INPUTS_CHECKED, True)


def not_finite_inputs(
    inputs: torch.Tensor, lengths: torch.Tensor | None, name: str = "inputs"
) -> torch.Tensor | None:
    """The sequences ``[B]`` (a bool mask) whose features ``[B, T, F]`` are NaN or infinite at
    a valid step, warned of at the user's line naming them as the argument ``name`` (unless
    :func:`inputs_checked`; ``lrp_seq2seq``'s ``future`` is checked as ``"future"``);
    None where there is none (or the inputs are token ids, or meta tensors, which hold no
    values). Their relevances came back NaN without a word (a NaN reaches each later step's
    state, and the gradient of every step before it; an inf saturates the gates, whose
    gradients and LRP shares are then 0 or NaN); and LRP's infinite relevances were then
    said to have blown up at eps=1e-3, advising ``eps=0.1``, where the input was the cause."""
    from lstmkit.nn.layers import _valid_steps

    if not inputs.is_floating_point() or inputs.dim() != 3 or inputs.device.type == "meta":
        return None
    valid = _valid_steps(lengths, *inputs.shape[:2], inputs.device)
    bad = ~inputs.isfinite() & valid[..., None]
    if not bool(bad.any()):
        return None
    rows = bad.any(dim=2).any(dim=1)
    if not _INPUTS_CHECKED.get():
        _warn_not_finite(inputs, bad, rows, name)
    return rows


def _warn_not_finite(
    inputs: torch.Tensor, bad: torch.Tensor, rows: torch.Tensor, name: str = "inputs"
) -> None:
    """The warning of :func:`not_finite_inputs`: ``bad`` ``[B, T, F]``, its entries, and
    ``rows`` ``[B]``, its sequences, of the argument ``name``."""
    # the count and the first entry only: nonzero() listed every entry, [N, 3] int64 (1.2 GB
    # for an all-NaN [1000, 500, 100]); argmax gives the first of the maxima, as nonzero()[0]
    count = int(bad.sum())
    first = torch.unravel_index(bad.flatten().to(torch.uint8).argmax(), bad.shape)
    row, step, feature = (int(i) for i in first)
    nans = int((bad & inputs.isnan()).sum())
    infs = count - nans
    kinds = [f"NaN at {nans:,}", f"inf at {infs:,}"]
    told = " and ".join(k for k in kinds if not k.endswith(" 0"))
    listed = rows.nonzero().flatten().tolist()
    its, s = ("its", "") if len(listed) == 1 else ("their", "s")
    # an inf saturates the gates: the score may stay finite, the relevances are NaN or 0
    said = (
        f"{its} score{s} and relevances are NaN"
        if not infs
        else f"{its} relevances are NaN or say nothing of {'it' if not s else 'them'}, "
        + ("whatever the score" if not nans else "a NaN's score NaN too")
    )
    shown = ", ".join(map(str, listed[:5])) + (", ..." if len(listed) > 5 else "")
    hold = "hold" if name.endswith("s") else "holds"  # `inputs` hold, `future` holds
    warn_at_user(
        f"`{name}` {hold} {told} entr{'y' if count == 1 else 'ies'} of "
        f"{'' if len(listed) == 1 else f'{len(listed):,} '}sequence{plural_s(len(listed))} "
        f"[{shown}] (the first at sequence "
        f"{row}, step {step}, feature {feature}): {said}; fill them first, e.g. "
        f"torch.nan_to_num({name}, nan=0.0, posinf=0.0, neginf=0.0)."
    )


def said_with_flags() -> contextlib.AbstractContextManager[None]:
    """The warnings inside give their advice as a command's flags (``--eps 0.1``)."""
    return _told(_FLAGS, True)


def quiet() -> contextlib.AbstractContextManager[None]:
    """The checks of :func:`~lstmkit.explain.lrp` inside warn of nothing: the caller checks
    the whole it builds of their parts."""
    return _told(_QUIET, True)


def is_quiet() -> bool:
    """Whether :func:`quiet` is in force."""
    return _QUIET.get()


@dataclass(frozen=True)
class Blown:
    """One sequence whose relevances blew up.

    ``row``: its index among the caller's; ``length``: its steps; ``largest``: its largest
    finite ``|relevance|``; ``score``: the explained score; ``reference``: the sum of
    ``|input × gradient|`` it was compared with where the score is 0, else None;
    ``not_finite``: ``(count, first, last)`` positions (from 0) of its
    relevances that are inf or NaN, else None.
    """

    row: int
    length: int
    largest: float
    score: float
    reference: float | None = None
    not_finite: tuple[int, int, int] | None = None


def may_overflow(eps: float, score: float) -> bool:
    """Whether ``eps`` is so small that a relevance within the bound of ``score`` (at most
    :data:`BLOWN_UP` times ``|score|``) overflows where the epsilon rule divides it by
    ``eps``: the stabilized denominator ``z + eps·sign(z)`` of a unit of ``z = 0`` (its
    weights and bias 0, or its inputs). At ``eps=2.2e-308``, the floor, a relevance of 4 does,
    in a 5-step model of a score of 385 (tests/explain/test_left35a_fixes.py); at 1e-3 only
    one past 1.8e305, which only steps amplifying it reach."""
    return eps * _LARGEST < BLOWN_UP * abs(score)


def overflowed(b: Blown, eps: float) -> bool:
    """Whether the relevances of ``b`` that are not finite overflowed at one unit whose
    stabilized denominator is tiny (:func:`may_overflow`), not amplified through the steps:
    its finite relevances stayed within the bound of its score."""
    return (
        b.not_finite is not None
        and b.largest <= BLOWN_UP * abs(b.score)
        and may_overflow(eps, b.score)
    )


def blown_rows(
    relevances: Sequence[Sequence[float]],
    scores: Sequence[float],
    reference: Callable[[], Sequence[float]] | None = None,
    *,
    eps: float | None = None,
) -> list[Blown]:
    """The sequences of ``relevances`` (one list of valid steps' relevances each) that blew up.

    A sequence blew up where a relevance is inf or NaN, or where its largest ``|relevance|``
    (or that of their sum) is more than :data:`BLOWN_UP` times ``|score|`` and, where
    ``reference`` is given, times each sequence's sum of ``|input × gradient|`` it returns: a
    score of 0 (an ensemble's members' scores cancelling) made the bound 0 and every
    explanation blown up. ``reference`` is called only when a sequence passes the score's
    bound. A sequence whose score is not finite (NaN inputs), or whose relevances are all inf
    or NaN (an infinite bias of another class, as a test of lrp's output check has), is none:
    its relevances were never finite, not grown through the steps; but where ``eps``, the
    rule's, is given and :func:`may_overflow` at its score, it is one (a unit of ``z = 0`` at
    the last step overflowed at ``eps=2.2e-308``, every relevance NaN, unwarned). ``largest``
    is that of the finite relevances (0 where none is).
    """
    found: list[Blown] = []
    references: list[Sequence[float]] = []  # computed once, when first needed

    for row, (values, score) in enumerate(zip(relevances, scores, strict=True)):
        if not math.isfinite(score):  # NaN inputs (or weights): no relevance grew, all is NaN
            continue
        values = [float(v) for v in values]
        bad = [k for k, v in enumerate(values) if not math.isfinite(v)]
        largest = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
        if len(bad) == len(values):
            # never finite, so not grown: an inf weight, say; or overflowed at the last step
            if values and eps is not None and may_overflow(eps, score):
                found.append(Blown(row, len(values), 0.0, score, not_finite=(len(bad), 0, bad[-1])))
            continue
        if bad:
            found.append(
                Blown(row, len(values), largest, score, not_finite=(len(bad), bad[0], bad[-1]))
            )
            continue
        big = max(largest, abs(sum(values)))
        if big <= BLOWN_UP * abs(score):
            continue
        if reference is None:
            found.append(Blown(row, len(values), largest, score))
            continue
        if not references:
            references.append(reference())
        ref = float(references[0][row])
        if big > BLOWN_UP * max(abs(score), ref):
            # said where the score says nothing: more than 1e6 times 0 is any relevance
            found.append(Blown(row, len(values), largest, score, ref if score == 0 else None))
    return found


def gradient_totals(model: Any, ex: Any) -> list[float]:
    """Each sequence's sum of ``|input × gradient|`` for the explanation ``ex`` of ``model``
    (its inputs, target and lengths): the scale of the relevances where the score is near 0."""
    return input_x_gradient_sums(model, ex.inputs, ex.target, ex.lengths)


def input_x_gradient_sums(
    model: Any,
    inputs: torch.Tensor,
    target: torch.Tensor | int,
    lengths: torch.Tensor | None = None,
) -> list[float]:
    """Each sequence's sum of ``|input × gradient|`` of ``model`` on ``inputs`` for ``target``.

    Taken outside ``torch.inference_mode()`` (its tensors copied out of it), where LRP works
    and gradients do not: an LRP that blew up under it raised the gradient method's refusal,
    "method 'gradxinput' takes gradients", which no caller of lrp had asked for; a model built
    under it, whose parameters take no gradient, raised torch's "Inference tensors cannot be
    saved for backward", and is copied."""
    from lstmkit.explain.baselines import explain

    with torch.inference_mode(False):
        if any(p.is_inference() for p in model.parameters()):
            model = copy.deepcopy(model)  # its copies are ordinary tensors, outside the mode
        inputs = inputs.clone()
        target = target.clone() if isinstance(target, torch.Tensor) else target
        lengths = None if lengths is None else lengths.clone()
        grad = explain(model, inputs, target, method="gradxinput", lengths=lengths)
    values = grad.relevance_per_feature
    values = grad.relevance if values is None else values.flatten(1)
    return values.abs().sum(dim=1).tolist()


def warn_blown_up(
    blown: list[Blown],
    count: int,
    eps: float,
    *,
    noun: tuple[str, str] = ("sequence", "sequences"),
    unit: str = "steps",
    whole: str | None = None,
    where: Callable[[int], str] | None = None,
    counted: str | None = None,
) -> None:
    """Warns that the relevances of the sequences in ``blown`` (of ``count``, named by ``noun``,
    singular and plural, their steps ``unit``) blew up; ``whole`` names a sequence that is the
    only one (``"the window"``; default ``"the {noun}"``). ``where(row)`` names a sequence where
    its number among the caller's is not what the user counts (``text predict --file``: "line 7
    of --file 'reviews.txt'", blank lines skipped), and ``counted`` says what the ``count`` are
    then ("non-blank lines"). Said of the sequence furthest beyond
    its bound (one not finite first), its advice as :func:`said_with_flags` says. The numbers
    stay as computed."""

    def beyond(b: Blown) -> tuple[bool, float]:
        bound = b.reference if b.reference is not None else abs(b.score)
        return b.not_finite is not None, b.largest / max(bound, 1e-300)

    b = max(blown, key=beyond)
    which = f"{noun[0]} {b.row + 1}" if count > 1 else (whole or f"the {noun[0]}")
    if where is not None:
        which = f"{where(b.row)},"  # "line 5 of --file 'F', of 31 tokens,"
    some = f"{len(blown)} of the {count} {counted or noun[1]}'" if count > 1 else "the"
    flags = _FLAGS.get()
    if eps < 0.1:
        fix = "--eps 0.1" if flags else "eps=0.1"
        advice = f"pass {fix}, which keeps long {noun[1]}' relevances near the score"
    else:
        advice = f"pass an {'--eps' if flags else 'eps'} larger than {eps:g}"
    # at a tiny eps, relevances that are not finite where the others stayed near the score
    # overflowed at one unit, not through the steps (a sequence of 5 steps was said "long")
    one_unit = overflowed(b, eps)
    how = "overflowed" if one_unit else "blew up through the long sequence"
    head = f"{some} LRP relevances {how}: {which} of {b.length:,} {unit}"
    if where is not None:
        head += ","
    if b.not_finite is not None:
        n, first, last = b.not_finite
        # relevance flows back from the last step: the first not finite on the way is the last
        at = (
            f"{unit.removesuffix('s')} {first + 1}"
            if n == 1
            else f"every {unit.removesuffix('s')}"  # at a tiny eps, from the last one on
            if n == b.length
            else f"{n} of them, from {unit.removesuffix('s')} {last + 1} back to {first + 1}"
        )
    if one_unit:
        fix = "--eps 1e-3" if flags else "eps=1e-3"
        text = (
            f"{head} has relevances that are not finite (inf or nan) at {at}, for a score of "
            f"{b.score:.4g}: at eps={eps:g}, a unit whose z is exactly 0 (its weights, bias or "
            "inputs 0) divides its relevance by the stabilized denominator z + eps·sign(z) = eps, "
            f"past float64's largest number once the relevance exceeds eps × {_LARGEST:.2g} = "
            f"{eps * _LARGEST:.2g}, so they say nothing about its {unit}; pass a larger "
            f"{'--eps' if flags else 'eps'}, e.g. {fix}, the default."
        )
    elif b.not_finite is not None:
        text = (
            f"{head} has relevances that are not finite (inf or nan) at {at}, for a score of "
            f"{b.score:.4g}, overflowed step by step at eps={eps:g}, so they say nothing about "
            f"its {unit}; {advice}."
        )
    elif b.reference is not None:
        text = (
            f"{head} has a relevance of magnitude {b.largest:.3g} for a score of 0 (more than "
            f"{BLOWN_UP:.0e} times its sum of |input × gradient|, {b.reference:.4g}), amplified "
            f"step by step at eps={eps:g}, so they say little about its {unit}; {advice}."
        )
    else:
        text = (
            f"{head} has a relevance of magnitude {b.largest:.3g} for a score of {b.score:.4g} "
            f"(more than {BLOWN_UP:.0e} times it), amplified step by step at eps={eps:g}, so "
            f"they say little about its {unit}; {advice}."
        )
    warn_user(text)
