"""Series the network fits exactly (a constant): fit time, as a ratio to airline's.

Anchor: the default Forecaster on the airline series (its first 132 months), fitted in the same
run. Compared: the default Forecaster on 120 months of a constant, and on a noiseless season
repeated for 10 years, with early stopping's least counted improvement as shipped
(``MIN_IMPROVEMENT``, 1e-12) and at 0, as before it: at 0 every ever smaller decrease of the
validation loss counted, and the members trained up to all 300 epochs into subnormal floats
(on an AVX2 CPU 300, 300 and 277 to 279: the column ``epochs`` prints them).

Run: ``python benchmarks/forecast_constant.py`` (about 4 minutes on 2 cores, as the README has it).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import lstmkit._forecast_config as F  # where each member's TrainConfig reads it
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster


def timed_fit(series: pd.Series) -> tuple[float, Forecaster]:
    start = time.perf_counter()
    model = Forecaster(progress=False).fit(series)
    return time.perf_counter() - start, model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    index = pd.date_range("2000-01-01", periods=120, freq="MS")
    season = np.sin(np.arange(12) / 12 * 2 * np.pi) * 10 + 50
    series = {
        "constant": pd.Series(50.0, index=index),
        "season": pd.Series(np.tile(season, 10), index=index),
    }
    anchor, _ = timed_fit(load_dataset("airline")[:-12])
    print(f"anchor: airline, default Forecaster, {anchor:.1f} s")
    print(f"{'series':<10} {'least improvement':>18} {'s':>7} {'/ anchor':>9} {'epochs':>22}")
    shipped = F.MIN_IMPROVEMENT
    try:
        for name, y in series.items():
            for least in (shipped, 0.0):
                F.MIN_IMPROVEMENT = least  # read when each member's TrainConfig is made
                seconds, model = timed_fit(y)
                epochs = ",".join(str(h.epochs_run) for h in model.history_)
                ratio = seconds / anchor
                print(f"{name:<10} {least:>18g} {seconds:>7.1f} {ratio:>8.2f}x {epochs:>22}")
    finally:
        F.MIN_IMPROVEMENT = shipped


if __name__ == "__main__":
    main()
