"""Explanations: LRP through recurrent layers, gradient baselines, faithfulness, gate statistics.

Every method returns an :class:`Explanation` (relevance per time step and per feature, the
explained score and target); :func:`explain` picks a method by name.
"""

from __future__ import annotations

from lstmkit.explain.baselines import (
    METHODS,
    explain,
    gradient_x_input,
    integrated_gradients,
    occlusion,
    random_relevance,
    sensitivity,
)
from lstmkit.explain.evaluate import Faithfulness, aopc, compare, deletion_curve
from lstmkit.explain.explanation import Explanation, Seq2SeqExplanation
from lstmkit.explain.lrp import lrp, lrp_seq2seq

__all__ = [
    "METHODS",
    "Explanation",
    "Faithfulness",
    "Seq2SeqExplanation",
    "aopc",
    "compare",
    "deletion_curve",
    "explain",
    "gradient_x_input",
    "integrated_gradients",
    "lrp",
    "lrp_seq2seq",
    "occlusion",
    "random_relevance",
    "sensitivity",
]
