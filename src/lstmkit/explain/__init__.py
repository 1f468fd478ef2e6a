"""Explanations: LRP through recurrent layers, gradient baselines, faithfulness, gate statistics.

Every method returns an :class:`Explanation` (relevance per time step and per feature, the
explained score and target); :func:`explain` picks a method by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lstmkit._lazy import lazy_attributes
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

if TYPE_CHECKING:  # at run time it loads on first use (it imports pandas and the forecaster)
    # ``X as X``: a re-export, so that ``lstmkit.explain.gates`` after ``import lstmkit.explain``
    # checks; ``rules`` loads at run time with ``lrp``'s module, which a checker does not follow
    from lstmkit.explain import forecast as forecast
    from lstmkit.explain import gates as gates
    from lstmkit.explain import render as render
    from lstmkit.explain import rules as rules
    from lstmkit.explain.forecast import ForecastExplanation as ForecastExplanation
    from lstmkit.explain.forecast import explain_forecast as explain_forecast

# A forecaster's explanation, reachable here as the other methods are (it lived only in
# ``lstmkit.explain.forecast``, where a user looking for it beside ``explain`` did not find it).
_LAZY = {name: "lstmkit.explain.forecast" for name in ("ForecastExplanation", "explain_forecast")}
# The modules ``dir()`` lists beside ``__all__`` (``lstmkit.explain.gates``, as the README uses
# it), the last three loaded on first use; ``lrp`` is the function, as ``from lstmkit.explain
# import lrp`` has it, not its module
_SUBMODULES = ("baselines", "evaluate", "explanation", "rules", "forecast", "gates", "render")
__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, _SUBMODULES, globals())

__all__ = [
    "METHODS",
    "Explanation",
    "Faithfulness",
    "ForecastExplanation",
    "Seq2SeqExplanation",
    "aopc",
    "compare",
    "deletion_curve",
    "explain",
    "explain_forecast",
    "gradient_x_input",
    "integrated_gradients",
    "lrp",
    "lrp_seq2seq",
    "occlusion",
    "random_relevance",
    "sensitivity",
]
