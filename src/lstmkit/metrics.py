"""Forecast error metrics in original units (numpy, ``y_true`` first, as in scikit-learn).

Definitions (``e_t = y_t - ŷ_t`` over the ``n`` forecast points):

- RMSE = sqrt(mean(e²)); MAE = mean(|e|);
- MAPE = 100 · mean(|e| / |y|) (percent; undefined when some ``y == 0``);
- sMAPE = 100 · mean(2|e| / (|y| + |ŷ|)) (percent, in [0, 200]; terms with ``y = ŷ = 0`` count 0);
- MASE = MAE / mean(|y_t - y_{t-m}|) over the *training* series (Hyndman & Koehler 2006), with
  ``m`` the seasonal period (1 for none): below 1 beats the in-sample seasonal naive forecast.

Example:
    >>> import numpy as np
    >>> from lstmkit.metrics import rmse, mase
    >>> float(rmse(np.array([1.0, 2.0]), np.array([1.0, 4.0])))
    1.4142135623730951
    >>> float(mase([3.0], [4.0], y_train=[1.0, 2.0, 3.0], m=1))
    1.0
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["METRICS", "evaluate", "mae", "mape", "mase", "rmse", "smape"]

ArrayLike = np.ndarray | Sequence[float]


def _pair(y_true: ArrayLike, y_pred: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    t = np.asarray(y_true, dtype=float).ravel()
    p = np.asarray(y_pred, dtype=float).ravel()
    if t.shape != p.shape:
        raise ValueError(
            f"`y_true` and `y_pred` must have the same number of points, got {t.size} and {p.size}."
        )
    if t.size == 0:
        raise ValueError("`y_true` must not be empty.")
    return t, p


def rmse(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Root mean squared error."""
    t, p = _pair(y_true, y_pred)
    return float(np.sqrt(np.mean((t - p) ** 2)))


def mae(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean absolute error."""
    t, p = _pair(y_true, y_pred)
    return float(np.mean(np.abs(t - p)))


def mape(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean absolute percentage error, in percent; ``nan`` if some ``y_true`` is 0."""
    t, p = _pair(y_true, y_pred)
    if np.any(t == 0):
        return float("nan")
    return float(100.0 * np.mean(np.abs(t - p) / np.abs(t)))


def smape(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Symmetric MAPE in percent (0 to 200)."""
    t, p = _pair(y_true, y_pred)
    den = np.abs(t) + np.abs(p)
    ratio = np.divide(2.0 * np.abs(t - p), den, out=np.zeros_like(den), where=den > 0)
    return float(100.0 * np.mean(ratio))


def mase(y_true: ArrayLike, y_pred: ArrayLike, y_train: ArrayLike, m: int = 1) -> float:
    """Mean absolute scaled error against the in-sample seasonal naive forecast of period ``m``.

    Raises:
        ValueError: if ``y_train`` has ``m`` points or fewer.
    """
    t, p = _pair(y_true, y_pred)
    train = np.asarray(y_train, dtype=float).ravel()
    if m < 1:
        raise ValueError(f"`m` must be >= 1, got {m}.")
    if train.size <= m:
        raise ValueError(f"`y_train` must have more than m={m} points, got {train.size}.")
    scale = float(np.mean(np.abs(train[m:] - train[:-m])))
    if scale == 0.0:
        return float("nan")
    return float(np.mean(np.abs(t - p)) / scale)


METRICS = ("rmse", "mae", "mape", "smape", "mase")


def evaluate(
    y_true: ArrayLike, y_pred: ArrayLike, y_train: ArrayLike, m: int = 1
) -> dict[str, float]:
    """All five metrics as a dict with keys ``rmse, mae, mape, smape, mase`` (in that order)."""
    return {
        "rmse": rmse(y_true, y_pred),
        "mae": mae(y_true, y_pred),
        "mape": mape(y_true, y_pred),
        "smape": smape(y_true, y_pred),
        "mase": mase(y_true, y_pred, y_train, m),
    }
