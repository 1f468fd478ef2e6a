r"""Gradient and perturbation baselines on the same API as :func:`~lstmkit.explain.lrp`.

Shape letters: ``B`` batch, ``T`` time steps, ``F`` features per step (embedding dimensions for
token inputs), ``C`` outputs.

For a model with an ``embedding`` (``nn.Embedding``) the attributions are taken with respect to the
embedded tokens ``e = embedding(tokens)`` ``[B, T, F]`` (the embedding's output is replaced through
a forward hook, so the model's own ``forward`` runs); for a model without one, with respect to the
inputs ``[B, T, F]``. The score is the raw (pre-softmax) output of the target, as for LRP.

- **sensitivity** (Simonyan et al. 2014): :math:`\|\partial f / \partial e_t\|^2` per step.
- **gradient × input** (Shrikumar et al. 2016): :math:`e_t \cdot \partial f / \partial e_t`;
  the sum over steps is the first-order estimate of :math:`f(e) - f(0)`, exact only for a
  model linear in :math:`e`.
- **integrated gradients** (Sundararajan et al. 2017): :math:`(e - \bar e) \odot \int_0^1
  \partial f(\bar e + \alpha (e - \bar e)) / \partial e \, d\alpha`, midpoint rule with
  ``steps`` points, baseline :math:`\bar e = 0`; the sum over steps approaches
  :math:`f(e) - f(\bar e)` (completeness).
- **occlusion** (Zeiler & Fergus 2014; Li et al. 2016): :math:`f(e) - f(e \text{ with step } t
  \text{ set to the baseline})`.
- **random**: uniform random relevance, the floor every method must beat in deletion curves.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import numbers
import time
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from typing import Literal, TypeVar

import numpy as np
import torch
from torch import Tensor, nn

from lstmkit._checks import (
    _told,
    as_bool,
    as_int,
    choice_error,
    count_too_large,
    is_choice,
    is_finite,
    plain_repr,
    progress_bar,
    progress_problems,
    refused_type,
    seed_problem,
    show_progress,
    text_number_hint,
    text_refusal,
    typed_repr,
    value_repr,
    whole_float_hint,
)
from lstmkit._device import drawn_on
from lstmkit._interrupts import _interruptible
from lstmkit._lazy import public_dir
from lstmkit.explain._blown import _INPUTS_CHECKED, inputs_checked, not_finite_inputs
from lstmkit.explain.explanation import Explanation
from lstmkit.explain.lrp import (
    _as_lengths,
    _as_target,
    _call_model,
    _check_repeatable,
    _members,
    _rng_states,
    _time_major_rnn,
    check_float64_device,
    check_inputs,
    check_no_more_arguments,
    check_takes_lengths,
    explaining,
    lrp,
    mean_over_members,
    warn_if_blown_up,
)
from lstmkit.nn.layers import _valid_steps

__all__ = [
    "METHODS",
    "Method",
    "explain",
    "gradient_x_input",
    "integrated_gradients",
    "occlusion",
    "random_relevance",
    "sensitivity",
]
__dir__ = public_dir(globals())

_T = TypeVar("_T")

# Told after each model call of :func:`occlusion` the windows it scored and all it scores,
# ``(done, total)``: :func:`lstmkit.explain.explain_forecast`'s bar counts windows with it,
# where it counted members and stood at 0/1 for the whole of one member's occlusion (minutes).
occluded: ContextVar[Callable[[int, int], None] | None] = ContextVar(
    "lstmkit_occluded", default=None
)

# Told after each model call of :func:`integrated_gradients` the points of the path it scored
# (one sequence at one step of the path each) and all it scores, ``(done, total)``:
# ``lstmkit explain``'s bar counts them, where it counted sentences and stood at 0/1 for the
# whole of one sentence's --ig-steps 100000 (minutes, with nothing on the screen).
integrated: ContextVar[Callable[[int, int], None] | None] = ContextVar(
    "lstmkit_integrated", default=None
)

Method = Literal["lrp", "gradxinput", "sensitivity", "ig", "occlusion", "random"]
METHODS: tuple[str, ...] = ("lrp", "gradxinput", "sensitivity", "ig", "occlusion", "random")


class _Scorer:
    """Runs ``model`` with the step vectors replaced by ``e`` ``[N, T, F]`` (rows ``index``)."""

    def __init__(self, model: nn.Module, inputs: Tensor, lengths: Tensor | None) -> None:
        self.model = model
        self.inputs = inputs
        self.lengths = lengths
        emb = getattr(model, "embedding", None)
        self.embedding = emb if isinstance(emb, nn.Embedding) else None
        check_inputs(inputs, self.embedding, model)
        with torch.no_grad():
            if self.embedding is not None:
                self.embedded = self.embedding(inputs).detach()
            else:
                self.embedded = inputs.detach()
        batch, steps = self.embedded.shape[:2]
        # on the inputs' device, not the default one (a meta one had no values to move)
        self.valid = _valid_steps(lengths, batch, steps, self.embedded.device)  # [B, T]

    def logits(self, e: Tensor, index: Tensor | None = None) -> Tensor:
        """``[N, C]`` outputs with the step vectors replaced by ``e``."""
        rows = self.inputs if index is None else self.inputs[index]
        lengths = self.lengths
        if lengths is not None and index is not None:
            lengths = lengths[index.cpu()]
        with _handed_as_is(self.model, e, rows):
            if self.embedding is None:
                return _call_model(self.model, e, lengths)
            handle = self.embedding.register_forward_hook(lambda _m, _a, _o: e)
            try:
                return _call_model(self.model, rows, lengths)
            finally:
                handle.remove()

    def scores(self, e: Tensor, target: Tensor, index: Tensor | None = None) -> Tensor:
        out = self.logits(e, index)
        t = target if index is None else target[index]
        return out.gather(1, t.unsqueeze(1)).squeeze(1)

    def gradient(self, e: Tensor, target: Tensor, index: Tensor | None = None) -> Tensor:
        e = e.detach().requires_grad_(True)
        with torch.enable_grad(), without_cudnn(e.device):
            s = self.scores(e, target, index)
            (grad,) = torch.autograd.grad(s.sum(), e)
        return grad


def _as_they_are(given: object, e: Tensor) -> bool:
    """Whether ``given``, what a time-major ``rnn`` was handed, is ``e`` [B, T, F] as it is:
    ``e`` itself, or a copy of its values in its layout (a forward() that begins with
    ``x.clone()``, ``x.contiguous()``, ``x[:, :]`` or ``x.to(dtype)`` hands the ``rnn`` another
    tensor, which ``is`` missed). A transposed copy [T, B, F] has the same shape where B == T
    but other values, unless ``e`` reads the same transposed (a constant input), where the two
    cannot be told apart and nothing is refused."""
    if given is e:
        return True
    if not isinstance(given, Tensor) or given.shape != e.shape or given.device != e.device:
        return False
    with torch.no_grad():
        same = e.to(given.dtype)
        return torch.equal(given, same) and not torch.equal(given, same.transpose(0, 1))


@contextlib.contextmanager
def _handed_as_is(model: nn.Module, e: Tensor, inputs: Tensor) -> Iterator[None]:
    """Runs the block (a call of ``model`` on ``e`` [B, T, F]) and refuses it if ``model``'s
    time-major ``rnn`` was handed ``e`` as it is (:func:`_as_they_are`, a copy of it too): it
    read the batch-first steps as [T, B, F], every score mixing the sequences. With B != T the
    output's row count tells, but with B == T gradxinput and sensitivity explained such a
    model silently wrong (lrp's recomputation check caught it). A forward() that transposes
    hands it other values. One that changes the values first (a projection, a scaling) is not
    seen here: with B == T such a model is explained as if it were batch first (the error
    says so)."""
    if (found := _time_major_rnn(model)) is None:
        yield
        return
    name, rnn = found
    handed = []
    # the input by keyword too: `self.rnn(input=x)` passed a check of `args` alone
    handle = rnn.register_forward_pre_hook(
        lambda _m, args, kwargs: handed.append(
            _as_they_are(args[0] if args else kwargs.get("input"), e)
        ),
        with_kwargs=True,
    )
    try:
        yield
    finally:
        handle.remove()
    if any(handed):
        raise RuntimeError(
            f"{type(model).__name__}'s `{name}` has batch_first=False and forward() hands it "
            f"the inputs as they are: it reads [B, T, ...] = {tuple(inputs.shape)} as "
            "[T, B, ...], each score mixing the sequences, which no explanation can attribute; "
            "build it with batch_first=True (or transpose in forward())."
        )


@contextlib.contextmanager
def without_cudnn(device: torch.device) -> Iterator[None]:
    """Runs the block without cuDNN on a CUDA ``device`` (elsewhere it changes nothing): the
    passes the gradient methods differentiate. Explanations run the model in eval mode, where
    cuDNN's RNN has no backward ("cudnn RNN backward can only be called in training mode", found
    on a GPU for torch.nn.LSTM); without it torch runs the RNN with its own CUDA kernels, which
    have one. Only ``torch.backends.cudnn.enabled`` is switched, and set back after."""
    if device.type != "cuda":
        yield
        return
    was = torch.backends.cudnn.enabled
    torch.backends.cudnn.enabled = False
    try:
        yield
    finally:
        torch.backends.cudnn.enabled = was


def _check_autograd(method: str) -> None:
    """Refuses a gradient method under ``torch.inference_mode()``, where no gradient exists
    (``enable_grad`` cannot undo it, unlike ``no_grad``)."""
    if torch.is_inference_mode_enabled():
        raise RuntimeError(
            f"method {method!r} takes gradients, which torch.inference_mode() turns off; call it "
            "outside that block (under torch.no_grad() it works)."
        )


def _checked_scorer(
    model: nn.Module, inputs: Tensor, lengths: Tensor | Sequence[int] | None
) -> _Scorer:
    """A :class:`_Scorer` of ``model`` on ``inputs``, checked before the model is called."""
    check_float64_device(model, inputs=inputs)
    emb = getattr(model, "embedding", None)
    # before its shape is read
    check_inputs(inputs, emb if isinstance(emb, nn.Embedding) else None, model)
    check_takes_lengths(model, lengths)
    check_no_more_arguments(model, lengths)
    lengths_t = _as_lengths(
        lengths, inputs.shape[0], inputs.shape[1], inputs.dim() == 2, inputs.device
    )
    return _Scorer(model, inputs, lengths_t)


def _prepare(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None,
    lengths: Tensor | Sequence[int] | None,
    method: str,
) -> tuple[_Scorer, Tensor, Tensor]:
    scorer = _checked_scorer(model, inputs, lengths)
    with torch.no_grad():
        before = _rng_states(model, scorer.embedded.device)
        started = time.perf_counter()
        logits = scorer.logits(scorer.embedded)
        _last_call[model] = (time.perf_counter() - started, *scorer.embedded.shape[:2])
        _check_repeatable(method, model, logits, before, lambda: scorer.logits(scorer.embedded))
    target_t = _as_target(target, logits)
    score = logits.gather(1, target_t.unsqueeze(1)).squeeze(1)
    return scorer, target_t, score


# A batch of occlusion's or integrated gradients' that the model's first call says takes less
# than this runs in the caller's thread, not in one of its own (:func:`_interruptible`): a thread
# cost a millisecond or more a batch (occlusion of 24 steps of 3 inputs of a 16-unit LSTM, 1,000
# calls with torch on 1 thread: 8.3-9.3 s in the caller's, 10.5-11.5 s in threads), and Ctrl-C
# waits no longer than this for the batch.
_QUICK_S = 0.05


# Each model's last call over the inputs timed here, ``(seconds, rows, steps)``: a thread cost
# gradxinput and sensitivity 50 to 90 ms a call, not one, with torch on 1 thread on 2 busy
# cores (a forward and backward of 16 windows of 24 steps of a 16-unit LSTM, 2 ms in place).
_last_call: weakref.WeakKeyDictionary[nn.Module, tuple[float, int, int]] = (
    weakref.WeakKeyDictionary()
)


def _batch_run(scorer: _Scorer, work: Callable[[], _T], rows: int, calls: int = 1) -> _T:
    """``work()``, a call of the model (``calls`` times its cost, 3 for a forward and backward)
    over ``rows`` sequences: in a thread of its own (:func:`_interruptible`), so that Ctrl-C
    stops it at once, unless the model's last timed call (:data:`_last_call`, on the CPU, where
    it is timed as it runs) puts it under :data:`_QUICK_S`: :func:`_prepare`'s first call over
    these inputs, or for gradxinput's and sensitivity's one forward and backward (which is
    that first call) an earlier one, at least as long per step for fewer rows; for a model not
    timed yet, :func:`_interruptible`'s tokens of a short call."""
    e = scorer.embedded
    batch, steps = e.shape[:2]
    if e.device.type == "cpu" and (last := _last_call.get(scorer.model)) is not None:
        took, batch = last[0] * steps / max(last[2], 1), min(batch, last[1])
        if took * calls * rows / max(batch, 1) < _QUICK_S:
            return work()
    return _interruptible(work, rows * steps)


def _prepare_gradient(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None,
    lengths: Tensor | Sequence[int] | None,
    method: str,
) -> tuple[_Scorer, Tensor, Tensor, Tensor]:
    """:func:`_prepare` and the gradient of the target score at the (embedded) input, from one
    model call: the target, the score and the gradient come from the same forward pass (a
    call without gradient for the target and score doubled the calls, of every member of an
    ensemble Forecaster too)."""
    scorer = _checked_scorer(model, inputs, lengths)

    def work() -> tuple[Tensor, Tensor, Tensor]:
        e = scorer.embedded.detach().requires_grad_(True)
        with torch.enable_grad(), without_cudnn(e.device):
            before = _rng_states(model, e.device)
            logits = scorer.logits(e)
            _check_repeatable(method, model, logits, before, lambda: scorer.logits(scorer.embedded))
            target_t = _as_target(target, logits.detach())
            s = logits.gather(1, target_t.unsqueeze(1)).squeeze(1)
            started = time.perf_counter()
            (grad,) = torch.autograd.grad(s.sum(), e)
        # half the backward's time, for the forward's, as _prepare times it: the forward's own
        # took a new thread's start-up too (the first call in a thread, 50 ms to 0.8 s for 1 ms
        # with torch on 1 thread on 2 busy cores), and a call timed so slow stayed in threads
        _last_call[model] = ((time.perf_counter() - started) / 2, *e.shape[:2])
        return target_t, s.detach(), grad

    # in a thread of its own, as occlusion's batches: a forward and backward over 64 windows of
    # 2,000 steps is one native call of seconds, during which Ctrl-C waited
    target_t, score, grad = _batch_run(scorer, work, scorer.embedded.shape[0], calls=3)
    return scorer, target_t, score, grad


def _result(
    scorer: _Scorer,
    per_feature: Tensor | None,
    per_step: Tensor | None,
    score: Tensor,
    target: Tensor,
    method: str,
) -> Explanation:
    valid = scorer.valid
    # 0 at the padding, filled, not multiplied by 0: a NaN there (a padding of NaN the model
    # does not read) stayed NaN
    if per_feature is not None:
        per_feature = per_feature.masked_fill(~valid.unsqueeze(2), 0).detach().to(torch.float64)
        per_step = per_feature.sum(dim=2)
    per_step = per_step.masked_fill(~valid, 0).detach().to(torch.float64)  # type: ignore[union-attr]
    # once explained: a call refused (a target out of range, steps=0) came with the warning;
    # not an ensemble's member, whose mean explain() checks once (the mask cost a pass and a
    # device sync per member, to be thrown away)
    if not _INPUTS_CHECKED.get():
        not_finite_inputs(scorer.inputs, scorer.lengths)
    return Explanation(
        relevance=per_step,
        relevance_per_feature=per_feature,
        score=score.detach().to(torch.float64),
        target=target,
        initial_state=torch.zeros_like(per_step[:, 0]),
        lengths=scorer.lengths,
        method=method,
        inputs=scorer.inputs.detach().clone(),
    )


def sensitivity(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    lengths: Tensor | Sequence[int] | None = None,
) -> Explanation:
    """Squared gradient per feature; per step, the squared gradient norm (always >= 0).

    Args:
        model, inputs, target, lengths: as :func:`~lstmkit.explain.lrp`.
    """
    _check_autograd("sensitivity")
    with explaining(model):
        scorer, target_t, score, grad = _prepare_gradient(
            model, inputs, target, lengths, "sensitivity"
        )
    return _result(scorer, grad**2, None, score, target_t, "sensitivity")


def gradient_x_input(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    lengths: Tensor | Sequence[int] | None = None,
) -> Explanation:
    """Gradient of the target score times the (embedded) input, per feature and summed per step.

    The relevance sums to :math:`e \\cdot \\nabla f(e)`, the first-order Taylor estimate of
    :math:`f(e) - f(0)` (the score less the score at zero inputs) taken at :math:`e`: exact
    only for a model linear in its inputs (a bias is no share of it), a share of neither the
    score nor :math:`f(e) - f(0)` otherwise (for a 4-unit LSTM at unit-scale inputs, +0.033
    against :math:`f(e) - f(0) = -0.028`). ``residual`` is the score less that sum.

    Args:
        model, inputs, target, lengths: as :func:`~lstmkit.explain.lrp`.
    """
    _check_autograd("gradxinput")
    with explaining(model):
        scorer, target_t, score, grad = _prepare_gradient(
            model, inputs, target, lengths, "gradxinput"
        )
    return _result(scorer, grad * scorer.embedded, None, score, target_t, "gradxinput")


def _points_bar(
    stack: contextlib.ExitStack, progress: bool | None, total: int
) -> Callable[[int, int], None]:
    """A bar of ``total`` path points entered on ``stack``, as :data:`integrated` tells them."""
    bar = stack.enter_context(
        progress_bar(progress, total=total, desc="ig", unit="point", leave=False)
    )
    return lambda done, _total: bar.update(done)


def _copies_bar(
    stack: contextlib.ExitStack, progress: bool | None, total: int
) -> Callable[[int, int], None]:
    """A bar of ``total`` occluded copies entered on ``stack``, as :data:`occluded` tells
    them."""
    bar = stack.enter_context(
        progress_bar(progress, total=total, desc="occlusion", unit="copy", leave=False)
    )
    return lambda done, _total: bar.update(done)


def _members_copies_bar(
    stack: contextlib.ExitStack, options: Mapping[str, object], inputs: Tensor, members: int
) -> None:
    """One bar of occlusion's copies over an ensemble's ``members``, entered on ``stack`` and
    told by each member's model calls, where ``options["progress"]`` asks for one. Its total
    is read from ``inputs`` (features ``[B, T, F]``, occluded each by default; token ids
    ``[B, T]``, whose embedding is not), and set again by a member's count where that differs
    (``per_feature=True`` of an embedding): a bar of no total was drawn as ``0copy`` first."""
    progress = options.get("progress", False)
    if progress_problems(progress) or not show_progress(progress):  # type: ignore[arg-type]
        return  # a refused one by the first member, in its words
    per_feature = options.get("per_feature")
    each = int(inputs.shape[0] * inputs.shape[1]) if inputs.dim() >= 2 else 0
    if inputs.is_floating_point() and inputs.dim() == 3:
        each *= 1 + inputs.shape[2] * (per_feature is None or bool(per_feature))
    bar = stack.enter_context(
        progress_bar(progress, total=each * members, desc="occlusion", unit="copy", leave=False)
    )

    def told(done: int, total: int) -> None:
        if bar.total != total * members:
            bar.total = total * members
            bar.refresh()
        bar.update(done)

    stack.enter_context(_told(occluded, told))


def ig_steps(options: Mapping[str, object]) -> int | None:
    """The path's points that :func:`integrated_gradients` takes with ``options``: its
    ``steps`` (a numpy integer too), by default its default; None where it refuses them."""
    default = inspect.signature(integrated_gradients).parameters["steps"].default  # 32
    steps = as_int(options.get("steps", default))
    return steps if steps is not None and steps > 0 else None


def _members_bar(stack: contextlib.ExitStack, options: Mapping[str, object], paths: int) -> None:
    """One bar of integrated gradients' points over an ensemble's ``paths`` (its members'
    sequences), entered on ``stack`` and told by each member's model calls, where
    ``options["progress"]`` asks for one: each member drew a bar of its own."""
    progress, steps = options.get("progress", False), ig_steps(options)
    if progress_problems(progress) or steps is None:
        return  # refused by the first member, in its words
    if show_progress(progress):  # type: ignore[arg-type]
        told = _points_bar(stack, progress, steps * paths)  # type: ignore[arg-type]
        stack.enter_context(_told(integrated, told))


def integrated_gradients(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    lengths: Tensor | Sequence[int] | None = None,
    steps: int = 32,
    batch_size: int = 512,
    progress: bool | None = False,
) -> Explanation:
    """Integrated gradients from the zero baseline (midpoint rule with ``steps`` points).

    Args:
        model, inputs, target, lengths: as :func:`~lstmkit.explain.lrp`.
        steps: Points on the straight path from the baseline to the input.
        batch_size: Most sequences per model call (the batch is repeated ``steps`` times).
        progress: A bar on stderr over the path's ``steps × B`` points, told after each model
            call (``steps=100000`` runs for minutes); ``None``: where stderr is a terminal (or
            a notebook that draws widgets). :func:`~lstmkit.explain.explain` draws one bar
            over an ensemble's members.

    Returns:
        The :class:`Explanation`, with ``baseline_score``, the target's score at the baseline:
        ``relevance.sum(1) - (score - baseline_score)`` is the convergence delta, which more
        ``steps`` bring towards 0.
    """
    steps = check_count(steps, "steps", means=_IG_STEPS)
    batch_size = check_count(batch_size, "batch_size", means=BATCH_SIZE)
    if problems := progress_problems(progress):
        raise TypeError(problems[0] + ".")
    _check_autograd("ig")
    with explaining(model), contextlib.ExitStack() as stack:
        scorer, target_t, score = _prepare(model, inputs, target, lengths, "ig")
        e = scorer.embedded
        batch = e.shape[0]
        total = torch.zeros_like(e)
        # a caller's count (lstmkit explain's, an ensemble's), else a bar of this call's own
        told = integrated.get()
        if told is None and show_progress(progress):
            told = _points_bar(stack, progress, steps * batch)
        # the path's rows, step by step, each step's B sequences: row p is sequence p % B at
        # step p // B. Each batch's rows, points and scales are built as it runs: all steps x B
        # points at once held steps times the inputs (800 MB for 20,000 steps of 50 tokens of
        # 100 dimensions), and their row indices and scales 12 bytes a row (--ig-steps
        # 10000000000000 failed allocating 80 TB), where batch_size bounds the memory, as
        # Captum's internal_batch_size does
        for lo in range(0, steps * batch, batch_size):
            rows = torch.arange(lo, min(lo + batch_size, steps * batch), device=e.device)
            index = rows % batch
            # the midpoint rule's alpha of each row's step, (k + 0.5) / steps
            scale = ((rows // batch).to(e.dtype) + 0.5).div(steps).view(-1, 1, 1)
            path = (scale * e[index]).detach()
            # in a thread of its own, as occlusion's batches: Ctrl-C stops it at once
            grad = _batch_run(
                scorer,
                lambda index=index, path=path: scorer.gradient(path, target_t, index),
                len(index),
                calls=3,
            )
            total.index_add_(0, index, grad)
            if told is not None:
                told(len(index), steps * batch)
        # completeness's other end, f(0): the sum approaches score - baseline_score (one call
        # of B rows, beside the steps x B of the path); without it no user could tell how far
        # `steps` points were from the integral (Captum's convergence delta)
        with torch.no_grad():
            baseline = _batch_run(
                scorer, lambda: scorer.scores(torch.zeros_like(e), target_t), batch
            )
    ex = _result(scorer, e * total / steps, None, score, target_t, "ig")
    return dataclasses.replace(ex, baseline_score=baseline.detach().to(torch.float64))


def occlusion(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    lengths: Tensor | Sequence[int] | None = None,
    value: float = 0.0,
    per_feature: bool | None = None,
    batch_size: int = 512,
    progress: bool | None = False,
) -> Explanation:
    """Drop of the target score when one step (or one feature of one step) is set to ``value``.

    Args:
        model, inputs, target, lengths: as :func:`~lstmkit.explain.lrp`.
        value: What an occluded step's vector is set to (0: a zero embedding / zero input).
        per_feature: Also occlude each feature of each step on its own (``T * F`` model calls
            per sequence); default: only for models without an embedding.
        batch_size: Most sequences per model call.
        progress: A bar on stderr over the ``B × T × (1 + F)`` occluded copies of the
            sequences (``B × T`` without ``per_feature``), told after each model call (a
            forecaster's 8,760 hourly windows of 168 lags take minutes); ``None``: where
            stderr is a terminal (or a notebook that draws widgets).
            :func:`~lstmkit.explain.explain` draws one bar over an ensemble's members.

    Raises:
        TypeError: for a ``value`` that is not a real number, a ``batch_size`` that is no
            number, a ``per_feature`` that is neither a bool nor None or a ``progress`` that
            is not True, False or None (and as :func:`~lstmkit.explain.lrp` for the model,
            inputs and target).
        ValueError: for a NaN or infinite ``value`` or a ``batch_size`` below 1.
    """
    batch_size = check_count(batch_size, "batch_size", means=BATCH_SIZE)
    value = check_fill(value)
    if per_feature is not None:
        per_feature = as_bool(per_feature, "per_feature")  # "no" would be truthy
    if problems := progress_problems(progress):
        raise TypeError(problems[0] + ".")
    with explaining(model), torch.no_grad(), contextlib.ExitStack() as stack:
        scorer, target_t, score = _prepare(model, inputs, target, lengths, "occlusion")
        e = scorer.embedded
        batch, steps, feats = e.shape
        if per_feature is None:
            per_feature = scorer.embedding is None

        total = batch * steps * (1 + feats * per_feature)
        # a caller's count (lstmkit explain's, an ensemble's), else a bar of this call's own
        told = occluded.get()
        if told is None and show_progress(progress):
            told = _copies_bar(stack, progress, total)

        def drops(masks: Tensor) -> Tensor:
            """Score drops ``[K, B]`` for K occlusion masks ``[K, T, F]`` (True: occluded)."""
            k = masks.shape[0]
            index = torch.arange(batch, device=e.device).repeat(k)  # [K*B]
            which = torch.arange(k, device=e.device).repeat_interleave(batch)
            out = torch.empty(k * batch, dtype=e.dtype, device=e.device)
            for lo in range(0, k * batch, batch_size):
                sl = slice(lo, lo + batch_size)
                m = masks[which[sl]]
                x = torch.where(m, torch.full_like(m, value, dtype=e.dtype), e[index[sl]])
                # in a thread of its own: a batch of 512 windows of 336 lags is a native call
                # of seconds, during which Python runs no signal handler (Ctrl-C waited for it)
                out[sl] = _batch_run(
                    scorer, lambda x=x, sl=sl: scorer.scores(x, target_t, index[sl]), len(x)
                )
                if told is not None:
                    told(len(x), total)
            return score.unsqueeze(0) - out.view(k, batch)

        eye_t = torch.eye(steps, dtype=torch.bool, device=e.device)
        step_masks = eye_t.unsqueeze(2).expand(steps, steps, feats)
        per_step = drops(step_masks).T  # [B, T]
        feat = None
        if per_feature:
            eye_f = torch.eye(feats, dtype=torch.bool, device=e.device)
            masks = (eye_t[:, None, :, None] & eye_f[None, :, None, :]).reshape(-1, steps, feats)
            feat = drops(masks).T.reshape(batch, steps, feats)
    out = _result(scorer, None, per_step, score, target_t, "occlusion")
    if feat is not None:
        feat = (feat * scorer.valid.unsqueeze(2)).to(torch.float64)
    return Explanation(
        relevance=out.relevance,
        relevance_per_feature=feat,
        score=out.score,
        target=out.target,
        initial_state=out.initial_state,
        lengths=out.lengths,
        method="occlusion",
        inputs=out.inputs,
    )


def random_relevance(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    lengths: Tensor | Sequence[int] | None = None,
    seed: int = 0,
) -> Explanation:
    """Uniform random relevance in [0, 1) per step: the order deletion curves must beat.

    Args:
        model, inputs, target, lengths: as :func:`~lstmkit.explain.lrp` (the model is still
            called, for ``score`` and the arg-max ``target``).
        seed: seed of a generator of its own (same seed, same relevance; torch's global
            generator is left alone).

    Raises:
        TypeError: for a ``seed`` that is not an int.
        TextForNumberError: for text or bytes (``"0"``, ``b"0"``, ``"abc"``), told what it
            reads as, as ``seed_everything`` tells it (a ``TypeError`` and ``ValueError``).
        ValueError: for one outside ``[0, 2**63 - 1]``, as every seed of the library (torch's
            generator took -1, and refused 2**64 with "Overflow when unpacking long long").
    """
    if isinstance(seed, str | bytes):  # told what it reads as, as seed_everything(b"0") is
        raise text_refusal(
            f"`seed` must be an integer, got {value_repr(seed)}.",
            {"seed": seed},
            lambda read: {k for k in read if seed_problem(read[k])},
        )
    if as_int(seed) is None:
        raise TypeError(f"`seed` must be an integer, got {typed_repr(seed)}.")
    if (problem := seed_problem(seed)) is not None:
        raise ValueError(problem + ".")
    with explaining(model):
        scorer, target_t, score = _prepare(model, inputs, target, lengths, "random")
    g = torch.Generator().manual_seed(as_int(seed))
    # drawn on the generator's CPU, whatever torch.set_default_device names (a CPU generator
    # failed there), then moved to the steps' device
    rel = torch.rand(scorer.valid.shape, generator=g, dtype=torch.float64, device=drawn_on(g))
    return _result(scorer, None, rel.to(scorer.valid.device), score, target_t, "random")


def check_fill(value: object, what: str = "occluded") -> float:
    """``value``, what an occluded or deleted step's vector is set to, as a finite ``float``;
    else a ``TypeError`` (not a real number) or ``ValueError`` (NaN or infinite) naming it
    (torch's "full_like(): argument 'fill_value' must be Number" named neither; a NaN made
    every score NaN)."""
    # a 0-d tensor, which torch takes for a number, was taken before the check
    # (not a meta one, which holds no number: its item() raised torch's RuntimeError)
    taken = isinstance(value, Tensor) and value.dim() == 0 and value.device.type != "meta"
    number = value.item() if taken else value
    if isinstance(number, bool) or not isinstance(number, numbers.Real):
        raise TypeError(
            f"`value` (what {_article(what)} step's vector is set to) must be a real number, "
            f"got {typed_repr(value)}."
        )
    if not is_finite(number):  # 10**400 too, which float() fails on
        raise ValueError(
            f"`value` (what {_article(what)} step's vector is set to) must be finite, got "
            f"{plain_repr(value, True)}."
        )
    return float(number)


def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def check_count(value: object, name: str, *, minimum: int = 1, means: str = "") -> int:
    """``value`` as an ``int`` >= ``minimum`` (Python or numpy integers), or a ``ValueError``
    naming ``name``: a ``batch_size`` of 0 or less would leave the results unfilled; a
    ``TypeError`` for what is no number (``"8"``, ``None``, ``torch.tensor(8)``), told the
    number or ``int(x)``, and for a bool, told what the count counts (``means``): Python's
    ``True`` is an int, and ``steps=True`` was refused as "got True" as if 1 were wrong; numpy's
    ``np.True_`` (a mask's element) alike. One past 2**63-1 is refused as the configs refuse it
    (:func:`~lstmkit._checks.count_too_large`)."""
    out = as_int(value)
    what = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
    if isinstance(value, bool | np.bool_):
        got = typed_repr(value)
        raise TypeError(f"`{name}` must be {what}, got {got}{_no_switch(name, means)}")
    if not isinstance(value, numbers.Real):
        # steps="8" was a ValueError, "got '8'"
        raise TypeError(
            f"`{name}` must be {what}, got {refused_type(value, int, minimum)}"
            f"{text_number_hint(value, whole=True)}."
        )
    if (large := count_too_large(value, f"`{name}`")) is not None:
        raise ValueError(large + ".")  # steps=2**70 failed in torch's C++ (empty(): Overflow)
    if out is None or out < minimum:
        hint = whole_float_hint(value, minimum)
        raise ValueError(f"`{name}` must be {what}, got {plain_repr(value)}{hint}.")
    return out


# what the counts of the explanation calls count, for the refusal of a bool given for one
BATCH_SIZE = "the most sequences per model call"
_IG_STEPS = "the number of points on the path from the baseline to the input"


def _no_switch(name: str, means: str) -> str:
    """The end of the refusal of a bool given for the count or index ``name``: what it
    ``means``, and that it is no switch (``": `steps` is the number of ..., not a switch."``)."""
    return f": `{name}` is {means}, not a switch." if means else ", not a switch."


_DISPATCH: dict[str, Callable[..., Explanation]] = {
    "lrp": lrp,
    "gradxinput": gradient_x_input,
    "sensitivity": sensitivity,
    "ig": integrated_gradients,
    "occlusion": occlusion,
    "random": random_relevance,
}


def check_method_options(method: str, options: Mapping[str, object]) -> None:
    """Refuses keyword options that ``method`` does not take, naming all of them and the ones it
    takes (else Python's "got an unexpected keyword argument", which names one function)."""
    accepted = [
        name
        for name, p in inspect.signature(_DISPATCH[method]).parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and name != "lengths"
    ]
    unknown = [name for name in options if name not in accepted]
    if not unknown:
        return
    hints = [h for name in unknown if (h := _captum_hint(name, method, accepted))]
    tail = f" ({'; '.join(hints)})" if hints else ""
    if accepted:
        raise TypeError(
            f"the options of method {method!r} must be among {tuple(accepted)}, got unknown "
            f"{unknown}{tail}."
        )
    raise TypeError(f"method {method!r} takes no options, got {unknown}{tail}.")


def _captum_hint(name: str, method: str, accepted: Sequence[str]) -> str | None:
    """What Captum's option ``name`` is here, for a user who wrote its name (``n_steps`` was
    refused among ('steps', 'batch_size') without saying that ``steps`` is it), else None."""
    renamed = {"n_steps": "steps", "internal_batch_size": "batch_size"}
    if renamed.get(name) in accepted:
        return f"Captum's `{name}` is `{renamed[name]}` here"
    if name == "baselines" and "value" in accepted:
        # `value` is one number; Captum's baselines may be a tensor, which has no match here
        return (
            "Captum's `baselines` given as one number is `value` here: every occluded entry, "
            "of the inputs or of a token's embedding, is set to it; a tensor of baselines has "
            "no counterpart"
        )
    if name == "baselines" and method == "ig":
        return (
            "Captum's `baselines`: integrated gradients here start from all-zero inputs (a zero "
            "embedding for token ids), which no option changes"
        )
    if name in ("sliding_window_shapes", "strides") and method == "occlusion":
        # a Captum user's window of several steps was refused among value, per_feature and
        # batch_size without a word of the window occlusion uses here
        return (
            f"Captum's `{name}`: occlusion here occludes one step at a time, all its "
            "features (a window of one step, stride 1), and with per_feature=True each "
            "feature of each step on its own too; no option widens the window"
        )
    if name == "perturbations_per_eval" and method == "occlusion":
        return (
            "Captum's `perturbations_per_eval`: occlusion here scores up to `batch_size` "
            "occluded copies of the sequences a model call (512 by default)"
        )
    if name == "return_convergence_delta" and method == "ig":
        return (
            "Captum's `return_convergence_delta`: the result always holds it, "
            "`ex.relevance.sum(1) - (ex.score - ex.baseline_score)`"
        )
    if name == "additional_forward_args":
        return (
            "Captum's `additional_forward_args`: the model is called as `model(inputs)`, or as "
            "`model(inputs, lengths=lengths)` given `lengths=`, the one argument passed besides "
            "the inputs"
        )
    return None


def explain(
    model: nn.Module,
    inputs: Tensor,
    target: int | Sequence[int] | Tensor | None = None,
    *,
    method: Method = "lrp",
    lengths: Tensor | Sequence[int] | None = None,
    **options: object,
) -> Explanation:
    """Runs one explanation ``method`` (``"lrp"``, ``"gradxinput"``, ``"sensitivity"``, ``"ig"``,
    ``"occlusion"``, ``"random"``); ``options`` go to that method.

    An ensemble (a model with a ``members`` ModuleList, its output their mean) is explained as the
    mean of its members' explanations of the same target (see
    :func:`~lstmkit.explain.lrp.mean_over_members`).

    The model returns ``[B, C]`` (or ``[B]``) scores, one row per sequence; ``target`` picks a
    column.

    Raises:
        ValueError: for an unknown ``method``, bad ``inputs``, ``target`` or ``lengths``, and a
            model output with other than 1 or 2 dimensions (an output per time step
            ``[B, T, C]``: wrap the model to return the step to explain).
        TypeError: for a ``method`` that is no str, ``lengths`` given to a model whose forward
            takes no ``lengths`` (or none to one whose forward needs them, or another argument
            without a default), and ``options`` that ``method`` does not take (all of them
            named, with those it takes).
        RuntimeError: for a model or ``inputs`` on MPS: every method computes in float64,
            which MPS does not support (move them to the CPU first); and for a model whose
            output changes from call to call in eval mode (one that draws from torch's random
            generator is called twice and its outputs compared; lrp's output check finds it).

    Example:
        >>> from lstmkit.text import TextClassifier
        >>> model = TextClassifier(20, 4, 3, 2)
        >>> explain(model, torch.tensor([[3, 4, 5]]), method="gradxinput").relevance.shape
        torch.Size([1, 3])
    """
    if not is_choice(method, METHODS):  # a str first: method=5 was a ValueError
        raise choice_error(method, "method", METHODS)
    check_method_options(method, options)
    # NaN or inf in the inputs is warned of by the method once it has explained them (a call
    # refused came with the warning), and an ensemble's after all its members, once
    if (members := _members(model)) is None:
        return _DISPATCH[method](model, inputs, target, lengths=lengths, **options)
    with inputs_checked(), contextlib.ExitStack() as stack:
        if method == "ig" and isinstance(inputs, Tensor) and integrated.get() is None:
            _members_bar(stack, options, len(members) * inputs.shape[0])
        if method == "occlusion" and isinstance(inputs, Tensor) and occluded.get() is None:
            _members_copies_bar(stack, options, inputs, len(members))
        ex = mean_over_members(_DISPATCH[method], model, inputs, target, lengths, **options)
    if ex.inputs is not None:
        not_finite_inputs(ex.inputs, ex.lengths)
    if method == "lrp":  # the members' LRP is checked as one: their mean is shown
        with inputs_checked():
            warn_if_blown_up(model, ex, float(options.get("eps", 1e-3)))  # type: ignore[arg-type]
    return ex
