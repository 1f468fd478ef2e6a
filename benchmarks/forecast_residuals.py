"""One-step residuals of a fitted Forecaster: ``residuals`` against one ``predict`` per origin.

Anchor: ``predict(1, series=y[:o])`` at every origin, in the same run: how ``residuals`` and
``backtest(retrain=False)`` forecast until they made the windows' inputs of all origins at once
(each ``predict`` checked and prepared its past again, several times the cost of its networks).
Compared: ``residuals(y)``. Its errors must equal ``y[o] - predict(...)`` bit for bit at every
origin; the script says so, or fails. Series: the synthetic hourly one of ``forecast_long.py``,
``--days`` long; ensembles of 5 (the default), one epoch.

Run: ``python benchmarks/forecast_residuals.py [--days 125] [--strategies direct recursive
seq2seq]`` (125 days are 3,000 points; about 2 minutes on 2 cores, most of it the anchor:
the run behind README's 3.2x direct, 2.8x seq2seq, 4.7x recursive; the earlier "about three
minutes" was timed before recursive residuals were batched, when they were 1.4x faster).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from _counts import (  # beside this script, as python puts it on the path
    add_strategies,
    count_problems,
)
from forecast_long import hourly_series
from lstmkit.forecast import Forecaster, ForecasterConfig


def speedup(anchor_s: float, compared_s: float) -> float:
    """How many times faster than the anchor."""
    return anchor_s / compared_s


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=125, help="length of the hourly series")
    add_strategies(parser, default=["direct", "recursive", "seq2seq"])
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before the series is made
    if problems := count_problems(args, ("days",)):
        parser.error(" ".join(problems))
    series = hourly_series(args.days)
    print(f"{len(series):,} hourly points")
    for strategy in args.strategies:
        config = ForecasterConfig(epochs=1, strategy=strategy, progress=False)
        fc = Forecaster(config).fit(series)
        start = time.perf_counter()
        res = fc.residuals(series)
        compared = time.perf_counter() - start
        origins = [series.index.get_loc(t) for t in res.index]
        start = time.perf_counter()
        one_at_a_time = np.array(
            [
                series.iloc[o] - fc.predict(1, series=series.iloc[:o])["forecast"].iloc[0]
                for o in origins
            ]
        )
        anchor = time.perf_counter() - start
        if not np.array_equal(res.to_numpy(), one_at_a_time):
            raise SystemExit(f"{strategy}: residuals differ from one predict per origin")
        print(
            f"{strategy:>9}: {len(origins):,} origins, residuals {compared:.1f} s "
            f"({compared / len(origins) * 1e3:.2f} ms each), one predict per origin (anchor) "
            f"{anchor:.1f} s: {speedup(anchor, compared):.1f}x faster, the same bit for bit"
        )


if __name__ == "__main__":
    main()
