"""The result every explanation method returns.

Shape letters: ``B`` batch, ``T`` time steps (tokens or lags), ``F`` features per step (embedding
dimensions for token inputs, covariates for series).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from torch import Tensor

from lstmkit._lazy import public_dir
from lstmkit._reprs import shape

__all__ = [
    "Explanation",
    "Seq2SeqExplanation",
]
__dir__ = public_dir(globals())

_REPR_TARGETS = 6  # distinct targets a repr shows


@dataclass(frozen=True, repr=False)
class Explanation:
    """Relevance of each input step (and feature) for one target score per sequence.

    Attributes:
        relevance: ``[B, T]`` relevance per time step (per token: summed over embedding
            dimensions); zero at padded steps.
        relevance_per_feature: ``[B, T, F]`` the per-feature (per-embedding-dimension) relevance, or
            None where a method has no per-feature figure (occlusion of tokens).
        score: ``[B]`` the explained score: the raw (pre-softmax) output of the target.
        target: ``[B]`` the explained output index (class) per sequence.
        initial_state: ``[B]`` relevance left on the initial states ``h_0`` (and ``c_0``) of
            every layer and direction (LRP only; zeros for the other methods).
        lengths: ``[B]`` true lengths, or None when nothing is padded.
        method: the method's name (``"lrp"``, ``"gradxinput"``, ...).
        output: the model's own output on the inputs, ``[B, C]`` (``[B, 1]`` for a model that
            returns ``[B]``; ``[B, T']`` of an encoder-decoder), in its dtype and on its device,
            detached, where the explanation computed it as a prediction does (eval mode, no
            gradients): :func:`~lstmkit.explain.lrp` and :func:`~lstmkit.explain.lrp_seq2seq`
            with ``check``, and an ensemble by every method; else None. A classifier's
            prediction is its softmax, with no second run of the model (``lstmkit explain``
            reads it so).
        inputs: a copy of the explained inputs (token ids ``[B, T]`` or features
            ``[B, T, F]``; the encoder's of an encoder-decoder), as every method of lstmkit
            records them, so that :func:`~lstmkit.explain.deletion_curve` refuses other inputs;
            None in an explanation made by hand.
        baseline_score: ``[B]`` the target's score at the baseline, all-zero inputs (a token's
            embedding set to zero), for integrated gradients; None for the other methods. Their
            relevance sums to ``score - baseline_score`` as the path's steps grow, so
            ``relevance.sum(1) - (score - baseline_score)`` is Captum's convergence delta
            (``return_convergence_delta=True``): how far ``steps`` points are from the integral.
    """

    relevance: Tensor
    relevance_per_feature: Tensor | None
    score: Tensor
    target: Tensor
    initial_state: Tensor
    lengths: Tensor | None
    method: str
    # keyword-only, so that the positional order above, and a subclass's own fields, stay
    output: Tensor | None = field(default=None, kw_only=True)
    inputs: Tensor | None = field(default=None, kw_only=True)
    baseline_score: Tensor | None = field(default=None, kw_only=True)

    @property
    def residual(self) -> Tensor:
        """``score - relevance.sum(1) - initial_state`` ``[B]``: what LRP's biases kept.

        For LRP with ``bias_factor=1`` this is zero up to rounding (conservation); below it,
        what the biases kept (each ``1 - bias_factor`` of its share; the stabilizer's share is
        handed down), and with ``convention="lrp_for_lstm"`` the stabilizer's too. For the
        gradient methods, the score less their relevance's sum.
        """
        return self.score - self.relevance.sum(dim=1) - self.initial_state

    def _arrays(self) -> dict[str, object]:
        return {
            "relevance": self.relevance,
            "relevance_per_feature": self.relevance_per_feature,
            "score": self.score,
        }

    def __repr__(self) -> str:
        """The method, the batch and the shapes, not every tensor (the dataclass's repr printed
        them all, a hundred lines for 64 sequences): ``Explanation(lrp, 2 sequences of 5 steps,
        target [1], padded; relevance [2, 5], relevance_per_feature [2, 5, 8], score [2])``."""
        size = list(getattr(self.relevance, "shape", ()))
        batch = f"{size[0]} sequence" + "s" * (size[0] != 1) if size else "no batch"
        steps = f" of {size[1]} step" + "s" * (size[1] != 1) if len(size) > 1 else ""
        targets = getattr(self.target, "tolist", lambda: self.target)()
        if isinstance(targets, list):
            # each distinct target once, in order; a target per sequence that is a list (one
            # made by hand, [B, 1]) cannot be a dict's key: those as they are
            with contextlib.suppress(TypeError):
                targets = list(dict.fromkeys(targets))
            more = ", ..." if len(targets) > _REPR_TARGETS else ""
            targets = "[" + ", ".join(map(str, targets[:_REPR_TARGETS])) + more + "]"
        padded = ", padded" if self.lengths is not None else ""
        shapes = ", ".join(f"{name} {shape(value)}" for name, value in self._arrays().items())
        return (
            f"{type(self).__name__}({self.method}, {batch}{steps}, target {targets}{padded}; "
            f"{shapes})"
        )


@dataclass(frozen=True, repr=False)
class Seq2SeqExplanation(Explanation):
    """An :class:`Explanation` of one output step of an encoder-decoder (seq2seq) model.

    ``relevance`` and ``relevance_per_feature`` refer to the encoder inputs, ``target`` is the
    explained output step and ``initial_state`` the relevance left on the encoder's initial
    states (the decoder starts from the encoder's final states, which pass theirs on).

    Attributes:
        decoder_relevance: ``[B, T', F']`` relevance of the decoder inputs; zero after the
            explained step, which they cannot affect.
    """

    decoder_relevance: Tensor

    @property
    def residual(self) -> Tensor:
        """``score`` minus all input and initial-state relevance, decoder inputs included."""
        return super().residual - self.decoder_relevance.sum(dim=(1, 2))

    def _arrays(self) -> dict[str, object]:
        return {**super()._arrays(), "decoder_relevance": self.decoder_relevance}
