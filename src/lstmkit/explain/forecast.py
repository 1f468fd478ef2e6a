"""Relevance per lag and per covariate for a fitted :class:`lstmkit.forecast.Forecaster`.

Shape letters: ``L`` lookback (lags), ``F`` input features per step (the scaled target, the
covariates, then the calendar sin/cos when used).

A Forecaster's network is an ``encoder`` (LSTM/GRU) and a linear ``head``; each output is one
forecast step in scaled units. :func:`explain_forecast` builds the input window the Forecaster
would use for its next forecast, explains the chosen output step of every ensemble member and
averages the relevance over members. The relevance refers to the network's *scaled* inputs (the
scaling is fitted, not learned), so it answers "which lags and covariates moved this forecast".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import torch

from lstmkit.explain.baselines import explain


@dataclass(frozen=True)
class ForecastExplanation:
    """Relevance of each lag (and feature) for one forecast step, averaged over the ensemble.

    Attributes:
        per_lag: ``[L]`` relevance per lag (oldest first).
        per_feature: ``[L, F]`` relevance per lag and feature, or None (methods without it).
        features: The ``F`` feature names.
        window: ``[L]`` the target's last ``L`` values in original units.
        index: The ``L`` time labels of the window.
        score: The explained network output (scaled units), averaged over members.
        step: The explained forecast step (0: one step ahead).
        method: The explanation method.
    """

    per_lag: np.ndarray
    per_feature: np.ndarray | None
    features: list[str]
    window: np.ndarray
    index: list[str]
    score: float
    step: int
    method: str


def _label(stamp: Any) -> str:
    if isinstance(stamp, pd.Timestamp) and stamp == stamp.normalize():
        return str(stamp.date())
    return str(stamp)


def explain_forecast(
    forecaster: Any,
    *,
    step: int = 0,
    method: str = "lrp",
    series: Any = None,
    covariates: Any = None,
    **options: object,
) -> ForecastExplanation:
    """Explains forecast step ``step`` of a fitted Forecaster from the end of its history.

    With ``series`` (and ``covariates``), the window is taken from the end of that newer history
    instead, as :meth:`~lstmkit.forecast.Forecaster.predict` does.

    Args:
        forecaster: A fitted :class:`lstmkit.forecast.Forecaster` (``direct`` or ``recursive``).
        step: Forecast step to explain (``0 <= step < horizon`` for ``direct``; 0 for
            ``recursive``).
        method: ``"lrp"``, ``"gradxinput"``, ``"sensitivity"``, ``"ig"``, ``"occlusion"`` or
            ``"random"``.
        series: Optional newer history (same columns as in ``fit``).
        covariates: Covariates for ``series``.
        **options: Passed to the method (e.g. ``eps``, ``bias_factor`` for LRP).

    Returns:
        A :class:`ForecastExplanation`.

    Raises:
        TypeError: for a ``seq2seq`` Forecaster (its decoder is not supported).
        ValueError: for a ``step`` the network does not output.
    """
    frame = forecaster.history(series, covariates)  # NotFittedError before fit
    cfg = forecaster.config
    if cfg.strategy == "seq2seq":
        raise TypeError(
            "explain_forecast does not support strategy='seq2seq' (module `decoder`); "
            "use strategy='direct' or 'recursive'."
        )
    outputs = cfg.horizon if cfg.strategy == "direct" else 1
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < outputs:
        raise ValueError(f"`step` must be an int in [0, {outputs}), got {step!r}.")
    inputs = forecaster.encoder_inputs(frame)
    x, names, lookback = inputs.to_numpy(), list(inputs.columns), len(inputs)
    per_lag = np.zeros(lookback)
    per_feature: np.ndarray | None = np.zeros((lookback, x.shape[1]))
    score = 0.0
    members = list(forecaster.members_)
    for net in members:
        dtype = next(net.parameters()).dtype
        xt = torch.tensor(x[None], dtype=dtype)
        ex = explain(net, xt, step, method=method, **options)  # type: ignore[arg-type]
        per_lag += ex.relevance[0].cpu().numpy()
        if ex.relevance_per_feature is None:
            per_feature = None
        elif per_feature is not None:
            per_feature += ex.relevance_per_feature[0].cpu().numpy()
        score += float(ex.score[0])
    n = len(members)
    return ForecastExplanation(
        per_lag=per_lag / n,
        per_feature=None if per_feature is None else per_feature / n,
        features=names,
        window=frame.iloc[-lookback:, 0].to_numpy(dtype=float),
        index=[_label(i) for i in frame.index[-lookback:]],
        score=score / n,
        step=step,
        method=method,
    )
