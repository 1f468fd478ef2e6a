"""Baseline forecasts reported beside every model score.

``naive`` and ``seasonal_naive`` are always available. ``AutoARIMA``, ``AutoETS`` and
``AutoTheta`` come from the optional ``statsforecast`` package (``pip install lstmkit[baselines]``;
it pins pandas < 3, so it usually lives in a separate environment); without it they are skipped
and :func:`available_baselines` says so.

Example:
    >>> import numpy as np
    >>> from lstmkit.baselines import seasonal_naive
    >>> seasonal_naive(np.arange(1.0, 9.0), horizon=3, m=4).tolist()
    [5.0, 6.0, 7.0]
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np

logger = logging.getLogger(__name__)

__all__ = [
    "STATSFORECAST_MODELS",
    "available_baselines",
    "baseline_forecasts",
    "naive",
    "seasonal_naive",
]

STATSFORECAST_MODELS = ("AutoARIMA", "AutoETS", "AutoTheta")


def naive(y: np.ndarray, horizon: int) -> np.ndarray:
    """Repeat the last observation ``horizon`` times."""
    y = np.asarray(y, dtype=float)
    return np.full(horizon, y[-1])


def seasonal_naive(y: np.ndarray, horizon: int, m: int) -> np.ndarray:
    """Repeat the last full season: ``ŷ_{T+h} = y_{T+h-m·k}`` with the smallest ``k >= 1``."""
    y = np.asarray(y, dtype=float)
    if m <= 1:
        return naive(y, horizon)
    if len(y) < m:
        raise ValueError(f"seasonal naive needs at least m={m} points, got {len(y)}.")
    last = y[-m:]
    return np.array([last[h % m] for h in range(horizon)])


def _statsforecast() -> dict[str, Callable[[int], object]] | None:
    try:
        from statsforecast.models import AutoARIMA, AutoETS, AutoTheta
    except ImportError:
        return None
    return {
        "AutoARIMA": lambda m: AutoARIMA(season_length=m),
        "AutoETS": lambda m: AutoETS(season_length=m),
        "AutoTheta": lambda m: AutoTheta(season_length=m),
    }


def available_baselines() -> dict[str, bool]:
    """Which baselines can run here (statsforecast ones need the optional extra)."""
    have = _statsforecast() is not None
    return {"naive": True, "seasonal_naive": True, **dict.fromkeys(STATSFORECAST_MODELS, have)}


def baseline_forecasts(
    y: np.ndarray, horizon: int, m: int, statistical: bool = True
) -> dict[str, np.ndarray]:
    """Forecasts of every available baseline from the end of ``y``.

    Args:
        y: training series ``[T]`` in original units.
        horizon: number of steps.
        m: seasonal period (1 for none).
        statistical: also run AutoARIMA/AutoETS/AutoTheta when statsforecast is installed.

    Returns:
        ``{"naive": [H], "seasonal_naive": [H], "AutoARIMA": [H], ...}``; a statistical model
        that fails on this series is left out (logged), never half-reported.
    """
    y = np.asarray(y, dtype=float)
    out = {"naive": naive(y, horizon), "seasonal_naive": seasonal_naive(y, horizon, m)}
    models = _statsforecast() if statistical else None
    if models is None:
        return out
    for name, make in models.items():
        try:
            model = make(m)
            pred = model.forecast(y=y, h=horizon)["mean"]  # type: ignore[attr-defined]
            out[name] = np.asarray(pred, dtype=float)
        except Exception as err:  # a baseline failing must not sink the report
            logger.warning("baseline %s failed: %s", name, err)
    return out
