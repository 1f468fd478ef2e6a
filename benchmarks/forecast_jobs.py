"""Training the ensemble's members in parallel processes (``jobs``): time, as a ratio to ``jobs=1``.

Anchor: the default Forecaster (an ensemble of 5, every member on one thread, one after the
other) in the same run. Compared: ``jobs=N`` for each N given, which trains N members at a time,
one in this process and the others in N - 1 worker processes. The forecast must be the same bit
for bit; the script says so, or fails. Series: the synthetic hourly one of ``forecast_long.py``
(daily and weekly cycles, trend, AR(1) noise), ``--days`` long, the last day held out, and the
bundled airline series (short: there the workers' start-up is a large part of the time).

Run: ``python benchmarks/forecast_jobs.py [--days 40] [--jobs 2]`` (about 4 minutes on 2 cores).
The speed-up is bounded by the cores free for the workers and by ``ensemble / jobs`` rounds.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from _counts import count_problems  # beside this script, as python puts it on the path
from forecast_long import hourly_series
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig


def timed_forecast(series, horizon: int, jobs: int) -> tuple[float, np.ndarray]:
    cfg = ForecasterConfig(horizon=horizon, jobs=jobs, progress=False)
    start = time.perf_counter()
    pred = Forecaster(cfg).fit(series).predict(horizon).to_numpy()
    return time.perf_counter() - start, pred


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=40, help="length of the hourly series")
    parser.add_argument("--jobs", type=int, nargs="+", default=[2], help="settings to compare")
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before the series is made
    if problems := count_problems(args, ("days", "jobs")):
        parser.error(" ".join(problems))
    print(f"{os.cpu_count()} CPUs; ensemble of 5 (the default)")
    cases = [
        (f"hourly, {24 * args.days} points", hourly_series(args.days)[:-24], 24),
        ("airline, 132 points", load_dataset("airline")[:-12], 12),
    ]
    for label, series, horizon in cases:
        anchor, reference = timed_forecast(series, horizon, 1)
        print(f"{label}: jobs=1 (anchor) {anchor:.1f} s", flush=True)
        for jobs in args.jobs:
            seconds, pred = timed_forecast(series, horizon, jobs)
            if not np.array_equal(pred, reference):
                raise SystemExit(f"jobs={jobs} changed the forecast of {label}")
            print(
                f"{label}: jobs={jobs} {seconds:.1f} s, {anchor / seconds:.2f}x the anchor's "
                "speed, the same forecast bit for bit",
                flush=True,
            )


if __name__ == "__main__":
    main()
