"""Rolling-origin evaluation of a :class:`~lstmkit.forecast.Forecaster` beside the baselines.

:meth:`Forecaster.backtest <lstmkit.forecast.Forecaster.backtest>` is the entry point; this module
holds the loop and its result so the estimator stays about fitting and forecasting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from lstmkit import data as D
from lstmkit.baselines import baseline_forecasts
from lstmkit.metrics import evaluate
from lstmkit.train import show_progress

if TYPE_CHECKING:
    from lstmkit.forecast import Forecaster

__all__ = ["BacktestResult", "rolling_origin"]


@dataclass
class BacktestResult:
    """Rolling-origin evaluation.

    Attributes:
        forecasts: one row per origin and step: ``origin, timestamp, step, y_true, forecast,
            lower, upper`` and one column per baseline.
        metrics: one row per origin and method (``model`` and each baseline) with the five
            metrics, in original units.
        summary: per method, the mean of each metric over origins; ``summary["model"]`` also
            holds ``coverage`` (fraction of truths inside the interval) and ``nominal``.
    """

    forecasts: pd.DataFrame
    metrics: pd.DataFrame
    summary: dict[str, dict[str, float]]


def rolling_origin(
    forecaster: Forecaster,
    frame: pd.DataFrame,
    *,
    start: int | None = None,
    stride: int | None = None,
    horizon: int | None = None,
    retrain: bool = True,
    statistical_baselines: bool = True,
) -> BacktestResult:
    """:meth:`Forecaster.backtest` on a prepared frame (target first, then covariates)."""
    n = len(frame)
    horizon = horizon or forecaster.config.horizon
    if not isinstance(horizon, int) or horizon < 1:
        raise ValueError(f"`horizon` must be a positive integer, got {horizon!r}.")
    stride = stride or horizon
    start = n - 3 * horizon if start is None else (start + n if start < 0 else start)
    origins = list(range(start, n - horizon + 1, stride))
    if not origins or start < 1:
        raise ValueError(
            f"`start` ({start}) must leave room for at least one origin with horizon "
            f"{horizon} in {n} points."
        )
    m = forecaster.config.season_length or D.season_length(frame.index)
    rows, metric_rows = [], []
    bar = tqdm(
        origins,
        desc="backtest",
        unit="origin",
        disable=not show_progress(forecaster.config.progress),
        leave=False,
    )
    for o in bar:
        past, truth = frame.iloc[:o], frame.iloc[o : o + horizon, 0].to_numpy()
        if retrain:
            cfg = replace(
                forecaster.config,
                horizon=max(forecaster.config.horizon, horizon),
                progress=False,  # one bar over the origins
            )
            model = type(forecaster)(cfg).fit(
                past.iloc[:, :1], past.iloc[:, 1:] if past.shape[1] > 1 else None
            )
            pred = model.predict(horizon)
        else:
            pred = forecaster.predict(
                horizon,
                series=past.iloc[:, :1],
                covariates=past.iloc[:, 1:] if past.shape[1] > 1 else None,
            )
        y_train = past.iloc[:, 0].to_numpy()
        base = baseline_forecasts(y_train, horizon, m, statistical=statistical_baselines)
        for method, values in {"model": pred["forecast"].to_numpy(), **base}.items():
            metric_rows.append(
                {
                    "origin": frame.index[o],
                    "method": method,
                    **evaluate(truth, values, y_train, m),
                }
            )
        block = pd.DataFrame(
            {
                "origin": frame.index[o],
                "timestamp": pred.index,
                "step": np.arange(1, horizon + 1),
                "y_true": truth,
                **{c: pred[c].to_numpy() for c in pred.columns},
                **base,
            }
        )
        rows.append(block)
    forecasts = pd.concat(rows, ignore_index=True)
    metrics = pd.DataFrame(metric_rows)
    summary = {
        method: {k: float(v) for k, v in group.drop(columns=["origin", "method"]).mean().items()}
        for method, group in metrics.groupby("method", sort=False)
    }
    inside = (forecasts["y_true"] >= forecasts["lower"]) & (
        forecasts["y_true"] <= forecasts["upper"]
    )
    summary["model"]["coverage"] = (
        float(inside.mean()) if forecasts["lower"].notna().any() else math.nan
    )
    summary["model"]["nominal"] = (
        forecaster.config.interval if forecaster.config.interval is not None else math.nan
    )
    return BacktestResult(forecasts=forecasts, metrics=metrics, summary=summary)
