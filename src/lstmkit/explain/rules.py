r"""Layer-wise relevance propagation rules for linear maps and recurrent cells.

The rules follow Arras, Montavon, Müller & Samek (2017), "Explaining Recurrent Neural Network
Predictions in Sentiment Analysis" (WASSA), and Arras et al. (2019), "Explaining and Interpreting
LSTMs" (in *Explainable AI*, LNCS 11700). Shapes: ``B`` batch, ``K`` lower units of one input
group, ``J`` upper units, ``I`` input features, ``H`` hidden units.

**Epsilon rule** (linear maps). For an upper unit :math:`z_j = \sum_i z_i w_{ij} + b_j` that
received relevance :math:`R_j`, the lower unit :math:`i` gets

.. math::
    R_{i \leftarrow j} = \frac{z_i w_{ij} + \frac{\epsilon\,\mathrm{sign}(z_j) + \delta\, b_j}{N}}
                              {z_j + \epsilon\,\mathrm{sign}(z_j)} \; R_j,

where :math:`N` is the number of lower units connected to :math:`j`, :math:`\epsilon` the
stabilizer and :math:`\delta` the *bias factor*. The stabilizer's share is always handed down
(as in the papers' equation); with :math:`\delta = 1` the bias share is handed down too, so
:math:`\sum_i R_{i \leftarrow j} = R_j` exactly (conservation); with :math:`\delta = 0` the biases
absorb their part, the setting of the papers' experiments. :math:`\mathrm{sign}(0) = +1`.
(The authors' later code scales the stabilizer's share by :math:`\delta` too: ``eps_share``
below, ``convention="lrp_for_lstm"`` of :func:`lstmkit.explain.lrp`.)

**Products of a gate and a signal** (*signal-take-all*): the gate gets no relevance, the signal all
of it. In an LSTM (:mod:`lstmkit.nn.cells`), :math:`h_t = o_t \odot \tanh(c_t)` sends all of
:math:`R_{h_t}` to :math:`c_t`; :math:`c_t = f_t \odot c_{t-1} + i_t \odot g_t` is a sum of two
terms split by the epsilon rule (:math:`N = 2`, no bias) into :math:`c_{t-1}` and :math:`g_t`; and
:math:`g_t = \tanh(W_g x_t + U_g h_{t-1} + b_g)` hands :math:`R_{g_t}` to :math:`x_t` and
:math:`h_{t-1}` by the epsilon rule (:math:`N = I + H`, bias :math:`b_{ig} + b_{hg}`). Elementwise
activations that keep the sign of their input (``tanh``, ``relu``, ``gelu``, ...) pass relevance
through unchanged (Montavon et al. 2019, "Layer-wise relevance propagation: an overview").
Peepholes feed gates only, so they carry no relevance. With a projection (``proj_size`` :math:`P`,
Sak et al. 2014), :math:`h_t = W_{hr} m_t` and :math:`m_t = o_t \odot \tanh(c_t)`: the epsilon
rule (:math:`N = H`, no bias) hands :math:`R_{h_t}` to :math:`m_t`, which sends all of it to
:math:`c_t`, and :math:`g_t` reads the projected :math:`h_{t-1}` (:math:`N = I + P`).

**GRU** (derived here in the same spirit; PyTorch's formulation). With
:math:`u = W_{hn} h_{t-1} + b_{hn}`, :math:`a = W_{in} x_t + b_{in} + r \odot u`,
:math:`n = \tanh(a)` and :math:`h_t = (1 - z) \odot n + z \odot h_{t-1}`:

1. :math:`h_t` is a sum of two gate-times-signal terms; the epsilon rule with :math:`N = 2`
   (no bias) splits :math:`R_{h_t}` proportionally into :math:`R_n` (for
   :math:`(1-z) \odot n`) and a direct share for :math:`h_{t-1}` (for
   :math:`z \odot h_{t-1}`); the gate :math:`z` gets nothing.
2. :math:`R_a = R_n` (``tanh`` passes relevance); the epsilon rule on
   :math:`a` splits it among the :math:`I` inputs and the single product term :math:`r \odot u`
   (:math:`N = I + 1`, bias :math:`b_{in}`).
3. The product :math:`r \odot u` sends all its relevance to the signal :math:`u` (signal-take-all),
   and the epsilon rule on :math:`u` hands it to :math:`h_{t-1}` (:math:`N = H`, bias
   :math:`b_{hn}`).

The reset and update gates get no relevance, as the LSTM's gates. Each stage conserves relevance
exactly when :math:`\delta = 1`. The recurrent layers apply these rules in
:mod:`lstmkit.explain.lrp`, batched over sequences.
"""

from __future__ import annotations

import numbers
import sys
from collections.abc import Sequence

import torch
from torch import Tensor

from lstmkit._checks import (
    fraction_hint,
    is_finite,
    number_hint,
    percent_hint,
    plain_repr,
    plural_s,
    refused_type,
)
from lstmkit._lazy import public_dir

__all__ = [
    "epsilon_rule",
    "sign0",
    "stabilize",
]
__dir__ = public_dir(globals())


def sign0(z: Tensor) -> Tensor:
    """``sign`` with ``sign(0) = +1``, as the epsilon rule needs (never divides by zero)."""
    return (z >= 0).to(z.dtype) * 2 - 1


def stabilize(z: Tensor, eps: float) -> Tensor:
    r"""The stabilized denominator :math:`z + \epsilon\,\mathrm{sign}(z)`.

    Args:
        z: The upper units' values :math:`z_j`, any shape.
        eps: Stabilizer :math:`\epsilon > 0`, finite and not subnormal in float64 nor in
            ``z``'s dtype (at least 2.2e-308; 1.2e-38 for float32 and bfloat16, 6.1e-5 for
            float16), as :func:`epsilon_rule` takes it: 0 gave ``z`` back, whose units of
            exactly 0 the rule then divides by (inf or NaN relevance), and NaN or inf made
            every unit so.

    Returns:
        A tensor like ``z``, in its dtype (that :func:`epsilon_rule` computes in), no unit of
        it 0 (:math:`\mathrm{sign}(0) = +1`).

    Raises:
        TypeError: If ``eps`` is no real number.
        ValueError: If ``eps`` is not positive and finite, or is subnormal (in ``z``'s dtype).

    Example:
        >>> import torch
        >>> stabilize(torch.tensor([0.0, -1.0]), 0.5)
        tensor([ 0.5000, -1.5000])
    """
    problems, wrong_type = _rule_problems(eps, 0.0)
    problems = _dtype_floor_problems(eps, problems, z) + problems  # eps's first
    if problems:
        raise (TypeError if wrong_type else ValueError)(" ".join(problems))
    return _stabilize(z, float(eps))


def _stabilize(z: Tensor, eps: float) -> Tensor:
    """:func:`stabilize` of an ``eps`` already checked (the rules' own, at every step)."""
    return z + eps * sign0(z)


def eps_floor_problem(eps: float, name: str, dtype: torch.dtype = torch.float64) -> str:
    """Why ``eps`` below ``dtype``'s smallest normal number is refused, without a closing full
    stop, named ``name`` (```eps```, or the CLI's ``--eps``): the one wording of the rule,
    :func:`lstmkit.explain.lrp` and the flag. ``dtype``: that of the rule's ``z`` (float64 in
    ``lrp``, which computes in it)."""
    what = "float64" if dtype == torch.float64 else f"{str(dtype).split('.')[-1]} of `z`"
    return (
        f"{name} must be at least {torch.finfo(dtype).tiny!r} (the smallest normal {what}: a "
        f"smaller one rounds in the rule's arithmetic, and a unit of z = 0 gets NaN "
        f"relevance), got {plain_repr(eps, True)}"
    )


def _rule_problems(eps: object, bias_factor: object) -> tuple[list[str], bool]:
    """What is wrong with the rule's ``eps`` (a positive finite number: 0 divides a unit of
    exactly 0 by 0) and ``bias_factor`` (in [0, 1]), all at once, and whether one is of a
    wrong type (a ``TypeError``, else a ``ValueError``): the one wording of
    :func:`epsilon_rule` and :func:`lstmkit.explain.lrp`."""
    problems, wrong_type = [], False
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real):
        # "1e-3" is told the number it reads as; torch.tensor(1e-3) (a number to its user) to
        # pass float(x), as nn's are
        problems.append(
            f"`eps` must be a real number, got {refused_type(eps, float)}{number_hint(eps)}."
        )
        wrong_type = True
    elif not (eps > 0 and is_finite(eps)):
        problems.append(f"`eps` must be a positive finite number, got {plain_repr(eps, True)}.")
    elif eps < sys.float_info.min:
        # a subnormal eps: its share eps / N rounds, and a unit of z = 0 (one whose weights and
        # bias are all 0, say) divides by it to inf, NaN relevances with no warning (5e-324 and
        # 1e-310 did; float64's smallest normal number, 2.2e-308, gave the relevances of 1e-300)
        problems.append(eps_floor_problem(eps, "`eps`") + ".")
    if isinstance(bias_factor, bool) or not isinstance(bias_factor, numbers.Real):
        # "50%" for the share of each bias is told the fraction it stands for
        problems.append(
            f"`bias_factor` must be a real number, got {refused_type(bias_factor, float)}"
            f"{fraction_hint(bias_factor, '[0, 1]')}."
        )
        wrong_type = True
    elif not 0 <= bias_factor <= 1:
        problems.append(
            "`bias_factor` must be a number in [0, 1] (the share of each bias handed down: "
            f"0 keeps it, 1 conserves relevance exactly), got "
            f"{plain_repr(bias_factor, True)}{percent_hint(bias_factor)}."
        )
    return problems, wrong_type


def _dtype_floor_problems(eps: object, problems: list[str], z: object) -> list[str]:
    """The refusal of an ``eps`` below the smallest normal number of ``z``'s dtype where that is
    narrower than float64 (whose floor :func:`_rule_problems` checks): the public rule computes
    in ``z``'s dtype, and float32 or bfloat16 at ``eps=1e-40`` (float16 at 1e-5) gave a unit of
    z = 0 NaN relevance, unsaid; ``[]`` where ``eps`` was refused already or is no number."""
    if (
        any(p.startswith("`eps`") for p in problems)
        or not isinstance(eps, numbers.Real)
        or not isinstance(z, Tensor)
        or not z.is_floating_point()
        or eps >= torch.finfo(z.dtype).tiny
    ):
        return []
    return [eps_floor_problem(eps, "`eps`", z.dtype) + "."]


def _share_problems(eps_share: object) -> tuple[list[str], bool]:
    """What is wrong with :func:`epsilon_rule`'s ``eps_share`` (a number in [0, 1]: 1 in the
    equation, ``bias_factor`` in LRP_for_LSTM's code), in the words of ``bias_factor``'s
    refusal, and whether it is of a wrong type: ``"x"`` and None failed in a product
    ("can't multiply sequence by non-int of type 'float'"), 2 or -1 scaled the stabilizer's
    share past what either convention hands down, silently."""
    if isinstance(eps_share, bool) or not isinstance(eps_share, numbers.Real):
        return [f"`eps_share` must be a real number, got {refused_type(eps_share, float)}."], True
    if not 0 <= eps_share <= 1:
        return [
            "`eps_share` must be a number in [0, 1] (the factor on the stabilizer's share "
            "handed down: 1 in the equation, `bias_factor` in LRP_for_LSTM's code), got "
            f"{plain_repr(eps_share, True)}."
        ], False
    return [], False


def _tensor_problems(
    groups: object, z: object, relevance: object, bias: object
) -> tuple[list[str], bool]:
    """What is wrong with :func:`epsilon_rule`'s tensors, all at once, and whether one is of a
    wrong type. Their shapes were not read: an elementwise ``a`` of ``[B, 1]`` for 3 upper
    units, or a ``bias`` of 2 for 1 unit, broadcast to relevances of another shape or sum
    without a word, and a ``W`` of ``[K, J]`` failed in torch's words ("mat1 and mat2 shapes
    cannot be multiplied (1x1 and 2x1)")."""
    problems: list[str] = []
    wrong_type = False
    # (name, tensor, the shape it must have or None for any, that shape in words)
    wanted: list[tuple[str, Tensor, tuple[int, ...] | None, str]] = []
    zs: tuple[int, ...] | None = None
    if not isinstance(z, Tensor):
        problems.append(f"`z` must be a tensor [B, J], got {type(z).__name__}.")
        wrong_type = True
    elif z.dim() != 2 or not z.is_floating_point():
        problems.append(
            f"`z` must be a 2-D floating-point tensor [B, J], got {z.dtype} of shape "
            f"{tuple(z.shape)}."
        )
    else:
        zs = tuple(z.shape)
        wanted.append(("`relevance`", relevance, zs, f"of the shape of `z`, {zs}"))
    if not isinstance(relevance, Tensor):
        problems.append(f"`relevance` must be a tensor [B, J], got {type(relevance).__name__}.")
        wrong_type = True
        wanted = []
    if bias is not None and not isinstance(bias, Tensor):
        problems.append(f"`bias` must be a tensor or None, got {type(bias).__name__}.")
        wrong_type = True
    elif bias is not None and zs is not None:
        bias_shape = tuple(bias.shape) if tuple(bias.shape) == zs else (zs[1],)
        wanted.append(("`bias`", bias, bias_shape, f"[J] = ({zs[1]},) or [B, J] = {zs}"))
    if isinstance(groups, Tensor) or not isinstance(groups, (list, tuple)) or not groups:
        # an empty list or tuple shown as such; `groups == []` of an array compared elementwise
        # (numpy's "truth value of an empty array is ambiguous")
        empty = isinstance(groups, (list, tuple))  # here: [] or ()
        got = f"{type(groups).__name__} {groups!r}" if empty else ""
        problems.append(
            "`groups` must be a non-empty list of (a, W) pairs, got "
            f"{got or type(groups).__name__}."
        )
        wrong_type = wrong_type or not got
        groups = []
    fitted = lower = 0  # the groups whose W fits z, and their lower units
    for m, pair in enumerate(groups):
        if not (
            isinstance(pair, (tuple, list))
            and len(pair) == 2
            and isinstance(pair[0], Tensor)
            and (pair[1] is None or isinstance(pair[1], Tensor))
        ):
            problems.append(
                f"`groups[{m}]` must be a pair (a, W) of a tensor and a tensor or None, got "
                f"{type(pair).__name__}"
                + (f" of {len(pair)}" if isinstance(pair, (tuple, list)) else "")
                + "."
            )
            wrong_type = True
            continue
        a, w = pair
        if zs is None:
            continue
        if w is None or (w.dim() == 2 and w.shape[0] == zs[1]):
            fitted += 1
            lower += 1 if w is None else w.shape[1]
        if w is None:
            wanted.append(
                (f"`groups[{m}]`'s a", a, zs, f"of the shape of `z`, {zs}, where W is None")
            )
        elif w.dim() != 2 or w.shape[0] != zs[1]:
            words = f"[J, K] with J = {zs[1]}, the upper units of `z`"
            wanted.append((f"`groups[{m}]`'s W", w, (-1,), words))
        else:
            wanted.append((f"`groups[{m}]`'s W", w, None, ""))
            shape = (zs[0], w.shape[1])
            words = f"[B, K] = {shape} (B of `z`, K of its W)"
            wanted.append((f"`groups[{m}]`'s a", a, shape, words))
    for name, t, shape, words in wanted:
        if shape is not None and tuple(t.shape) != shape:
            problems.append(f"{name} must be {words}, got shape {tuple(t.shape)}.")
        elif isinstance(z, Tensor) and not _held_by(t.dtype, z.dtype):
            problems.append(_dtype_problem(name, t.dtype, z.dtype))
    if zs is not None and zs[1] and fitted and fitted == len(groups) and not lower:
        # every W of [J, 0]: the upper units' relevance went to no unit, and an empty
        # relevance per group came back without a word
        problems.append(
            "`groups` must hold at least one lower unit (a W of [J, K] with K >= 1, or None), "
            f"got K = 0 in {'its' if len(groups) == 1 else f'all {len(groups)}'} "
            f"group{plural_s(len(groups))}: the relevance of `z`'s {zs[1]} upper "
            f"unit{plural_s(zs[1])} would go to no unit."
        )
    return problems, wrong_type


def _held_by(dtype: torch.dtype, computed: torch.dtype) -> bool:
    """Whether a tensor of ``dtype`` is one the rule, computing in ``z``'s dtype ``computed``,
    takes: that dtype, or a floating-point one it holds exactly (float32 in float64), which it
    converts without rounding, as torch's promotion of the products did before the rule read
    dtypes (a float32 ``a`` or ``bias`` beside a float64 ``z`` gave the float64 relevances)."""
    if dtype == computed:
        return True
    return dtype.is_floating_point and torch.promote_types(dtype, computed) == computed


def _dtype_problem(name: str, dtype: torch.dtype, computed: torch.dtype) -> str:
    """The refusal of a tensor ``name`` of ``dtype`` beside a ``z`` of ``computed``: a wider
    floating-point one (float64 beside a float32 ``z``) is rounded in ``z``'s dtype, so it is
    told how to compute in its own; an integer or complex one is no activation."""
    held = [
        str(d)
        for d in (torch.float32, torch.float16, torch.bfloat16)
        if d != computed and _held_by(d, computed)
    ]
    narrower = f", or one it holds exactly ({' or '.join(held)})" if held else ""
    why = ""
    if dtype.is_floating_point:
        wider = torch.promote_types(dtype, computed)
        why = (
            f": the rule computes in `z`'s dtype, which would round it; give `z` (and the "
            f"other tensors) as {wider} to compute in that"
        )
    return f"{name} must have the dtype of `z`, {computed}{narrower}, got {dtype}{why}."


def epsilon_rule(
    groups: Sequence[tuple[Tensor, Tensor | None]],
    z: Tensor,
    relevance: Tensor,
    *,
    bias: Tensor | None = None,
    eps: float = 1e-3,
    bias_factor: float = 0.0,
    eps_share: float = 1.0,
) -> list[Tensor]:
    r"""The epsilon rule for one linear map whose inputs come in several groups.

    The upper units are :math:`z = \sum_m a_m W_m^\top + b` (``[B, J]``). A group is a pair
    ``(a, W)``: ``a`` is ``[B, K]`` and ``W`` is ``[J, K]``; ``W = None`` means an elementwise
    (diagonal, unit-weight) connection, ``a`` being ``[B, J]`` and contributing one lower unit to
    each upper unit. ``N`` is the total number of lower units each upper unit is connected to.

    Args:
        groups: The input groups ``(a, W)``.
        z: The upper units' values ``[B, J]``, bias included (as computed in the forward pass).
        relevance: The upper units' relevance ``[B, J]``.
        bias: The bias ``[J]`` (or ``[B, J]``), or None.
        eps: Stabilizer :math:`\epsilon > 0`, finite and at least 2.2e-308, float64's smallest
            normal number, and that of ``z``'s dtype (1.2e-38 for float32 and bfloat16, 6.1e-5
            for float16): 0 divides a unit of exactly 0 by 0; a subnormal one overflows there.
        bias_factor: :math:`\delta \in [0, 1]`; 1 redistributes the bias too (exact conservation).
        eps_share: The factor in [0, 1] on the stabilizer's share handed down: 1 in the
            equation above; LRP_for_LSTM's later ``lrp_linear`` uses :math:`\delta`
            (``convention="lrp_for_lstm"`` of :func:`lstmkit.explain.lrp`).

    The rule computes in ``z``'s dtype, as :func:`stabilize` does: ``a``, ``W``,
    ``relevance`` and ``bias`` may have that dtype or a floating-point one it holds exactly
    (float32, float16 or bfloat16 beside a float64 ``z``; float16 or bfloat16 beside a float32
    one), converted to it without rounding, as torch promotes them; a wider one (float64
    beside a float32 ``z``) would be rounded, and is refused.

    Returns:
        The relevance of each group's lower units, in the order of ``groups``, in ``z``'s
        dtype.

    Raises:
        TypeError: If ``eps``, ``bias_factor`` or ``eps_share`` is no real number, or
            ``groups``, ``z``, ``relevance`` or ``bias`` not of the types above.
        ValueError: If ``eps`` is not positive and finite, ``bias_factor`` or ``eps_share``
            not in [0, 1], or a tensor of another shape than ``z`` and ``W`` make it, or of
            a dtype ``z``'s does not hold, or no group has a lower unit (every ``W`` of
            ``[J, 0]``, where ``J > 0``: the relevance would go to no unit) (all told at once).
    """
    problems, wrong_type = _rule_problems(eps, bias_factor)
    share_problems, share_type = _share_problems(eps_share)
    tensor_problems, tensor_type = _tensor_problems(groups, z, relevance, bias)
    problems = _dtype_floor_problems(eps, problems, z) + problems + share_problems
    problems += tensor_problems
    wrong_type = wrong_type or share_type or tensor_type
    if problems:
        raise (TypeError if wrong_type else ValueError)(" ".join(problems))
    # in z's dtype, as stabilize computes: a narrower tensor converted exactly (the product
    # of a float64 s and a float32 W failed in torch's words, "expected m1 and m2 to have the
    # same dtype")
    groups = [(a.to(z.dtype), None if w is None else w.to(z.dtype)) for a, w in groups]
    # a Fraction, or an int of 2**64 or more, is a real number a tensor refuses to multiply
    return _epsilon_rule(
        groups,
        z,
        relevance.to(z.dtype),
        bias=None if bias is None else bias.to(z.dtype),
        eps=float(eps),
        bias_factor=float(bias_factor),
        eps_share=float(eps_share),
    )


def _epsilon_rule(
    groups: Sequence[tuple[Tensor, Tensor | None]],
    z: Tensor,
    relevance: Tensor,
    *,
    bias: Tensor | None = None,
    eps: float = 1e-3,
    bias_factor: float = 0.0,
    eps_share: float = 1.0,
) -> list[Tensor]:
    """:func:`epsilon_rule` on options already checked and read as floats: ``lrp`` checks
    them once per call, not once per gate product and step."""
    n_lower = sum(1 if w is None else w.shape[1] for _, w in groups)
    s = relevance / _stabilize(z, eps)  # [B, J]
    # The share of bias and stabilizer each lower unit of upper unit j receives, times s_j.
    absorbed = eps_share * eps * sign0(z)
    if bias is not None:
        absorbed = absorbed + bias_factor * bias
    share = absorbed * s / n_lower  # [B, J]
    out = []
    for a, w in groups:
        if w is None:
            out.append(a * s + share)
        else:
            out.append(a * (s @ w) + share.sum(dim=-1, keepdim=True))
    return out
