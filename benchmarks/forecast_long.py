"""Forecasting a long series: time and accuracy of ``windows_per_epoch``, as ratios to an anchor.

Anchor: the Forecaster trained on every window every epoch (``windows_per_epoch=None``, the
default before ``"auto"``), in the same run. Compared: ``windows_per_epoch=1024`` (a fresh random
subset of the windows each epoch), or the caps given with ``--caps`` (``auto``, the default: 256
above 256 training windows). The series is synthetic and seeded (no data ships for this): 200
days of hourly values with a daily and a weekly cycle, a slow trend and AR(1) noise (4,800
points), the last day held out. Reported per setting: fit + predict seconds, RMSE and MASE on
the held-out day beside seasonal naive, and the time and RMSE ratios to the anchor.

Run: ``python benchmarks/forecast_long.py [--ensemble 2] [--seeds 0 10] [--days 200]
[--caps 1024 auto]``
(7 minutes; the anchor is the slow part, about 85 s per member on one core: its early-stopped
fit and its refit).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from _counts import (
    count_or_word,
    count_problems,
    mean_std,
    seed_problems,
)  # beside this script, as python puts it on the path
from lstmkit.baselines import baseline_forecasts
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.metrics import evaluate


def hourly_series(days: int, seed: int = 0) -> pd.Series:
    """Daily and weekly cycles, a trend and AR(1) noise, hourly from 2024-01-01."""
    rng = np.random.default_rng(seed)
    n = 24 * days
    t = np.arange(n)
    noise = np.zeros(n)
    for i in range(1, n):
        noise[i] = 0.8 * noise[i - 1] + rng.normal(0.0, 1.0)
    weekday = np.array([0.0, 1.0, 1.5, 1.5, 1.0, -3.0, -4.0])[(t // 24) % 7]
    daily = 8.0 * np.sin(2 * np.pi * t / 24) + 3.0 * np.sin(4 * np.pi * t / 24)
    values = 60.0 + 0.002 * t + daily + 2.0 * weekday + noise
    return pd.Series(values, index=pd.date_range("2024-01-01", periods=n, freq="h"), name="load")


def speed_words(anchor_s: float, compared_s: float) -> str:
    """How fast ``compared_s`` seconds were against the anchor's: ``3.2x faster``, or, where
    slower, ``1.7x slower`` (a capped run that was slower read ``0.6x faster``)."""
    if compared_s <= anchor_s:
        return f"{anchor_s / compared_s:.1f}x faster"
    return f"{compared_s / anchor_s:.1f}x slower"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days", type=int, default=200, help="days of hourly data, the last held out"
    )
    parser.add_argument("--ensemble", type=int, default=2, help="members of each Forecaster")
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=[0, 10], help="a fit of each setting per seed"
    )
    parser.add_argument(
        "--caps", type=count_or_word, nargs="+", default=[1024], help="integers or 'auto'"
    )
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before the series is made (a cap of 0 was refused
    # after the anchor had trained, `--caps abc` ended in int()'s traceback there)
    problems = count_problems(args, ("days", "ensemble"))
    problems += count_problems(args, ("caps",), words=("auto",))
    if problems := problems + seed_problems(args, ("seeds",)):
        parser.error(" ".join(problems))

    y = hourly_series(args.days)
    horizon = 24
    train, truth = y[:-horizon], y.to_numpy()[-horizon:]
    naive = baseline_forecasts(train.to_numpy(), horizon, 24, statistical=False)
    sn = evaluate(truth, naive["seasonal_naive"], train.to_numpy(), 24)
    print(f"{len(y)} hourly points, last {horizon} held out; seasonal naive RMSE {sn['rmse']:.3f}")

    results: dict[str, tuple[float, float, float]] = {}
    settings = [
        ("every window (anchor)", None),
        *((f"windows_per_epoch={c!r}", c) for c in args.caps),
    ]
    for label, cap in settings:
        seconds, rmses, mases = [], [], []
        for seed in args.seeds:
            cfg = ForecasterConfig(
                horizon=horizon,
                ensemble=args.ensemble,
                windows_per_epoch=cap,
                seed=seed,
                progress=False,
            )
            start = time.perf_counter()
            pred = Forecaster(cfg).fit(train).predict(horizon)["forecast"].to_numpy()
            seconds.append(time.perf_counter() - start)
            scores = evaluate(truth, pred, train.to_numpy(), 24)
            rmses.append(scores["rmse"])
            mases.append(scores["mase"])
        results[label] = (float(np.mean(seconds)), float(np.mean(rmses)), float(np.mean(mases)))
        print(
            f"{label:24s} {results[label][0]:7.1f} s  RMSE {mean_std(rmses)}  "
            f"MASE {results[label][2]:.3f}",
            flush=True,
        )
    anchor = results["every window (anchor)"]
    for label, _ in settings[1:]:
        capped = results[label]
        print(
            f"{label} against the anchor: {speed_words(anchor[0], capped[0])}, "
            f"RMSE ratio {capped[1] / anchor[1]:.3f}"
        )


if __name__ == "__main__":
    main()
