"""Forecasting 15-minute data a day ahead: the day as the season, as ratios to anchors.

Since minute data from 15-minute steps up has the day as its season (96 steps of 15 minutes),
the default Forecaster looks back three days, forecasts the next day and reads the local time
of day and the weekday. Anchors, in the same run: seasonal naive (yesterday, same time), and the
Forecaster as minute data had it before, with no season (``season_length=1``: a 24-step
look-back, calendar inputs that are constant), asked for the same day (``horizon=96``). The
series is synthetic and seeded (no data ships for this): a daily load curve that weekdays
raise, a slow trend and AR(1) noise, the last day held out. Reported: fit + predict seconds,
RMSE and MASE on the held-out day, and the ratios of RMSE to seasonal naive's and of time to
the no-season anchor.

Run: ``python benchmarks/forecast_minutes.py [--days 28] [--ensemble 5] [--seeds 0]``
(about 4 minutes with the defaults on 2 cores; the default Forecaster is the slow part).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from _counts import (  # beside this script, as python puts it on the path
    count_problems,
    mean_std,
    seed_problems,
)
from lstmkit.baselines import baseline_forecasts
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.metrics import evaluate

DAY = 96  # 15-minute steps in a day


def quarter_hourly_series(days: int, seed: int = 0) -> pd.Series:
    """A weekday-raised daily load curve, a trend and AR(1) noise, every 15 minutes from
    2024-01-01."""
    rng = np.random.default_rng(seed)
    n = DAY * days
    t = np.arange(n)
    noise = np.zeros(n)
    for i in range(1, n):
        noise[i] = 0.9 * noise[i - 1] + rng.normal(0.0, 0.7)
    hour = (t % DAY) / 4
    weekday = (t // DAY) % 7 < 5
    office = np.exp(-(((hour - 13.0) / 3.5) ** 2)) * np.where(weekday, 25.0, 6.0)
    daily = 8.0 * np.sin(2 * np.pi * (hour - 9.0) / 24)
    values = 100.0 + 0.001 * t + daily + office + noise
    index = pd.date_range("2024-01-01", periods=n, freq="15min")
    return pd.Series(values, index=index, name="load")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days", type=int, default=28, help="days of 15-minute data, the last held out"
    )
    parser.add_argument("--ensemble", type=int, default=5, help="members of each Forecaster")
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=[0], help="a fit of each setting per seed"
    )
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before the series is made
    if problems := count_problems(args, ("days", "ensemble")) + seed_problems(args, ("seeds",)):
        parser.error(" ".join(problems))

    y = quarter_hourly_series(args.days)
    train, truth = y[:-DAY], y.to_numpy()[-DAY:]
    naive = baseline_forecasts(train.to_numpy(), DAY, DAY, statistical=False)
    sn = evaluate(truth, naive["seasonal_naive"], train.to_numpy(), DAY)
    print(
        f"{len(y)} points every 15 minutes ({args.days} days), the last day held out; "
        f"seasonal naive RMSE {sn['rmse']:.3f}"
    )

    settings = {
        "no season (season_length=1, horizon=96): anchor": {"season_length": 1, "horizon": DAY},
        "default (the day as season)": {},
    }
    results: dict[str, tuple[float, float]] = {}
    for name, extra in settings.items():
        seconds, rmses, mases = [], [], []
        for seed in args.seeds:
            config = ForecasterConfig(ensemble=args.ensemble, seed=seed, progress=False, **extra)
            start = time.perf_counter()
            model = Forecaster(config).fit(train)
            forecast = model.predict(DAY)["forecast"].to_numpy()
            seconds.append(time.perf_counter() - start)
            scores = evaluate(truth, forecast, train.to_numpy(), DAY)
            rmses.append(scores["rmse"])
            mases.append(scores["mase"])
        st = model.state_
        results[name] = (float(np.mean(seconds)), float(np.mean(rmses)))
        print(
            f"{name}: look-back {st['lookback']}, season {st['m']}, "
            f"{results[name][0]:.1f} s, RMSE {mean_std(rmses)}, "
            f"MASE {np.mean(mases):.3f}"
        )
    anchor_s = results["no season (season_length=1, horizon=96): anchor"][0]
    for name, (secs, rmse) in results.items():
        print(
            f"{name}: RMSE / seasonal naive {rmse / sn['rmse']:.3f}, "
            f"time / no-season anchor {secs / anchor_s:.2f}x"
        )


if __name__ == "__main__":
    main()
