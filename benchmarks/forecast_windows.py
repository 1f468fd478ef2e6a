"""Preparing the training windows of a long series: fit's batch against one window at a time.

Anchor: the windows built one at a time, in the same run, with the methods ``predict`` uses for
its one window (``_features``, ``_anchor`` and, for seq2seq, ``_decoder_inputs``); that loop was
how ``fit`` built them until it built them all at once. Compared: ``_training_windows``, what
``fit`` runs now. The windows must be the same bit for bit; the script says so, or fails. Also
printed: the whole ``fit`` with one epoch and one member, whose training part does not grow with
the series (``windows_per_epoch="auto"``), so it is mostly preparation. Series: the synthetic
hourly one of ``forecast_long.py``, ``--days`` long.

Run: ``python benchmarks/forecast_windows.py [--days 4167] [--strategies direct recursive]``
(4,167 days are 100,008 points; about a minute on 2 cores). ``seq2seq``'s anchor builds each
window's future calendar with pandas and takes about 10 minutes on 100,000 points.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from _counts import (  # beside this script, as python puts it on the path
    add_strategies,
    count_problems,
)
from forecast_long import hourly_series
from lstmkit.forecast import Forecaster, ForecasterConfig


def one_at_a_time(fc: Forecaster, d: np.ndarray, cal: np.ndarray, index, horizon: int) -> list:
    """The windows as ``fit`` built them before: a Python loop over the window ends."""
    st = fc.state_
    L, none = st["lookback"], np.zeros((len(d), 0))
    xs, ys, fs = [], [], []
    for end in range(L, len(d) - horizon + 1):
        x, level = fc._features(d[end - L : end], none[end - L : end], cal[end - L : end])
        xs.append(x)
        anchor = fc._anchor(d[end - L : end], level, horizon)
        ys.append((d[end : end + horizon] - anchor) / st["scale"])
        if fc.config.strategy == "seq2seq":
            fs.append(fc._decoder_inputs(index[:end], horizon))
    return [torch.tensor(np.array(a), dtype=torch.float32) for a in (xs, ys, fs) if a]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=4167, help="length of the hourly series")
    add_strategies(parser, default=["direct", "recursive"])
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before the series is made
    if problems := count_problems(args, ("days",)):
        parser.error(" ".join(problems))
    series = hourly_series(args.days)
    print(f"{len(series):,} hourly points")
    for strategy in args.strategies:
        fc = Forecaster(ForecasterConfig(epochs=1, ensemble=1, strategy=strategy, progress=False))
        start = time.perf_counter()
        fc.fit(series)
        fitted = time.perf_counter() - start
        horizon = 1 if strategy == "recursive" else fc.config.horizon
        d = np.log(series.to_numpy()) if fc.state_["log"] else series.to_numpy()
        cal = fc._calendar(series.index)
        start = time.perf_counter()
        anchor = one_at_a_time(fc, d, cal, series.index, horizon)
        looped = time.perf_counter() - start
        start = time.perf_counter()
        batch = fc._training_windows(d, np.zeros((len(d), 0)), cal, horizon)
        batched = time.perf_counter() - start
        if len(batch) != len(anchor) or not all(map(torch.equal, batch, anchor)):
            raise SystemExit(f"{strategy}: the batch's windows differ from one at a time")
        print(
            f"{strategy}: {len(batch[0]):,} windows one at a time (anchor) {looped:.2f} s, all "
            f"at once {batched:.2f} s: {looped / batched:.1f}x faster, the same windows bit for "
            f"bit; fit with one epoch {fitted:.2f} s ({fitted / looped:.2f}x the anchor)",
            flush=True,
        )


if __name__ == "__main__":
    main()
