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
import numbers
from collections.abc import Callable

import numpy as np

from lstmkit._checks import (
    _not_positive,
    as_int,
    count_too_large,
    plain_repr,
    text_refusal,
    typed_repr,
    whole_float_hint,
)
from lstmkit._lazy import public_dir
from lstmkit.metrics import _duration_hint, _period, _scored

logger = logging.getLogger(__name__)

__all__ = [
    "STATSFORECAST_MODELS",
    "available_baselines",
    "baseline_forecasts",
    "naive",
    "seasonal_naive",
]
__dir__ = public_dir(globals())

STATSFORECAST_MODELS = ("AutoARIMA", "AutoETS", "AutoTheta")


def _checked(y: object, horizon: object) -> tuple[np.ndarray, int]:
    """``y`` as a float series ``[T]`` of at least one point (a column ``[T, 1]``, a one-column
    DataFrame, read as one) and ``horizon`` as a positive integer, or a ``ValueError`` naming
    every one that is not (an empty ``y`` was an IndexError, a negative ``horizon`` numpy's
    "negative dimensions", or an empty forecast); ``y`` is read as the metrics read theirs: a
    column of dates was forecast as microseconds since 1970, text met numpy's bare error, and
    text that reads as numbers (``['1', '2']``) is refused as they refuse it (it was read as
    numbers)."""
    values = _scored(y, "y")
    shape = values.shape
    if values.ndim == 2 and values.shape[1] == 1:
        values = values[:, 0]
    steps = as_int(horizon)
    no_series = values.ndim != 1 or len(values) == 0
    # past torch's int64, as every count: 2**70 met numpy's "Maximum allowed dimension exceeded"
    large = count_too_large(horizon, "`horizon`")
    if no_series or large or steps is None or steps < 1:
        problems = []
        if no_series:
            problems.append(f"`y` must be a series [T] of at least one point, got shape {shape}")
        if large:
            problems.append(large)
        elif steps is None or steps < 1:
            hint = _duration_hint(horizon) or whole_float_hint(horizon)
            problems.append(
                f"`horizon` must be a positive integer, got {plain_repr(horizon)}{hint}"
            )
        # text told the number it reads as, and whether that is refused too, as positive_int
        # tells it ("-3" was told "-3" with no word that -3 is refused)
        refusal = text_refusal("; ".join(problems) + ".", {"horizon": horizon}, _not_positive)
        if type(refusal) is ValueError and (
            isinstance(horizon, bool | np.bool_) or not isinstance(horizon, numbers.Real)
        ):  # a wrong type, as positive_int (predict's horizon) tells it: True was a ValueError
            raise TypeError(str(refusal))
        raise refusal
    return values, steps


def naive(y: np.ndarray, horizon: int) -> np.ndarray:
    """Repeat the last observation ``horizon`` times.

    Args:
        y: the series ``[T]``, or one column of it ``[T, 1]`` (a one-column DataFrame).
        horizon: how many steps to forecast.

    Returns:
        The forecast ``[horizon]``.

    Raises:
        TypeError: for a ``y`` of complex values or durations, or a ``horizon`` that is no
            number or a bool.
        ValueError: for a ``y`` that is no series ``[T]`` or ``[T, 1]`` of at least one point
            or holds dates, periods or text, or a ``horizon`` that is no positive integer.
    """
    y, horizon = _checked(y, horizon)
    return np.full(horizon, y[-1])


def seasonal_naive(y: np.ndarray, horizon: int, m: int) -> np.ndarray:
    """Repeat the last full season: ``ŷ_{T+h} = y_{T+h-m·k}`` with the smallest ``k >= 1``.

    ``m`` is the seasonal period, an integer >= 1 as for :func:`lstmkit.metrics.mase` (``12.0``
    and numpy integers too); ``m=1`` is the naive forecast. ``y`` is the series ``[T]``, or one
    column of it ``[T, 1]`` (a one-column DataFrame); the forecast is ``[horizon]``.

    Raises:
        TypeError: for an ``m`` or ``horizon`` that is no number (or a bool), or a ``y`` of
            complex values or durations.
        ValueError: for a ``y`` that is no series ``[T]`` or ``[T, 1]`` or holds dates,
            periods or text, a ``horizon`` that is no positive integer, an ``m`` below 1 or not
            whole (0 or -4 gave the naive forecast), or fewer than ``m`` points.
    """
    y, horizon = _checked(y, horizon)
    m = _period(m)
    if m == 1:
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

    Raises:
        TypeError: for an ``m`` or ``horizon`` that is no number (or a bool), a ``y`` of
            complex values or durations, or a ``statistical`` that is not a bool.
        ValueError: for what :func:`naive` or :func:`seasonal_naive` refuses: a ``y`` that is
            no series or holds dates, periods or text, a ``horizon`` that is no positive
            integer, an ``m`` below 1 or not whole, or fewer than ``m`` points.
    """
    if not isinstance(statistical, bool | np.bool_):  # read as truth: "no" ran them
        raise TypeError(f"`statistical` must be True or False, got {typed_repr(statistical)}.")
    y, _ = _checked(y, horizon)  # a column [T, 1] as [T] for statsforecast too
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
