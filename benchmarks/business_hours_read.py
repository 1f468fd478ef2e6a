"""Reading hourly stamps open on every day, as ratios to plain hourly stamps read in the same run.

Hours from 8:00 to 15:00 on every day (and nights from 22:00 to 5:00) read as pandas'
``CustomBusinessHour`` (``"cbh"``) with a weekmask of every day. Setting that frequency on an
index, pandas checks it stamp by stamp (about a second per 20,000 stamps), which every read and
every fit, predict and backtest of such a series paid. The anchor is the same number of plain
hourly stamps (``"h"``), through the same paths: ``read_csv`` of a file, and ``to_frame`` of a
Series whose index has no frequency yet (what ``Forecaster.fit`` checks). Reported: the
median seconds of each and its ratio to the anchor's.

A second table predicts from a newer history of as many stamps, of weekdays only, with a tiny
model fitted on every day's: the history is read alone as Monday to Friday's ``"bh"`` and
checked against the trained hours before it is refused as another frequency (pandas checked it
stamp by stamp until bh11). The anchor: an hourly model predicting from hourly stamps.

Run: ``python benchmarks/business_hours_read.py [--rows 20000] [--repeats 5]`` (seconds).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from _counts import count_problems  # beside this script, as python puts it on the path
from lstmkit import data as D


def stamps(kind: str, rows: int) -> pd.DatetimeIndex:
    """``rows`` hourly stamps from 2024-01-01: every hour (``"hourly"``), 8:00 to 15:00 every
    day (``"days"``) or 22:00 to 5:00 every night (``"nights"``)."""
    every = pd.date_range("2024-01-01", periods=rows * 3 + 24, freq="h")
    if kind == "days":
        every = every[(every.hour >= 8) & (every.hour <= 15)]
    elif kind == "nights":
        every = every[(every.hour >= 22) | (every.hour <= 5)]
        every = every[every >= "2024-01-01 22:00"]
    return pd.DatetimeIndex(every[:rows], freq=None)


def weekdays(index: pd.DatetimeIndex, opening: int) -> pd.DatetimeIndex:
    """The stamps of ``index`` whose opening (at ``opening`` o'clock) is on a weekday."""
    opened = index - pd.Timedelta(hours=opening)
    return pd.DatetimeIndex(index[opened.day_of_week < 5], freq=None)


def predict_seconds(kind: str, rows: int, repeats: int) -> float:
    """Median seconds of a tiny model's ``predict`` from a newer history of ``rows`` stamps:
    hourly after hourly (``"hourly"``), else weekdays after every day (refused)."""
    from lstmkit.forecast import Forecaster, ForecasterConfig

    config = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
    trained = stamps(kind, 200)
    fc = Forecaster(config).fit(pd.Series(np.sin(np.arange(200) / 7.0), index=trained))
    newer = stamps(kind, rows * 2)
    if kind != "hourly":
        newer = weekdays(newer, 22 if kind == "nights" else 8)
    newer = newer[:rows]
    series = pd.Series(np.sin(np.arange(len(newer)) / 7.0), index=newer)

    def predict() -> None:
        try:
            fc.predict(2, series=series)
        except ValueError:  # another frequency than the model's: the history is refused
            if kind == "hourly":
                raise

    return median_seconds(predict, repeats)


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=20_000, help="stamps in each series read (default 20,000)"
    )
    parser.add_argument(
        "--repeats", type=int, default=5, help="timed runs of each read; their median is shown"
    )
    args = parser.parse_args(argv)
    counts = ("rows", "repeats")
    # all at once, before any file is written: --repeats 0 ended in "no median for empty data"
    if problems := count_problems(args, counts):
        parser.error(" ".join(problems))

    values = np.sin(np.arange(args.rows) / 7.0)
    print(f"{args.rows} rows, median of {args.repeats} runs")
    print(f"{'stamps':<32}{'read_csv s':>12}{'ratio':>8}{'to_frame s':>12}{'ratio':>8}  freq")
    anchor: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for kind, words in (
            ("hourly", "every hour (anchor)"),
            ("days", "8:00-15:00 every day"),
            ("nights", "22:00-5:00 every night"),
        ):
            index = stamps(kind, args.rows)
            series = pd.Series(values, index=index, name="y")
            path = Path(tmp) / f"{kind}.csv"
            series.rename_axis("date").to_frame().to_csv(path)
            read = median_seconds(lambda p=path: D.read_csv(p, "date", ["y"]), args.repeats)
            frame = median_seconds(lambda s=series: D.to_frame(s), args.repeats)
            anchor = anchor or (read, frame)
            freq = D.to_frame(series).index.freqstr
            print(
                f"{words:<32}{read:>12.4f}{read / anchor[0]:>8.2f}"
                f"{frame:>12.4f}{frame / anchor[1]:>8.2f}  {freq}"
            )
    print(f"\n{'predict, newer history':<32}{'seconds':>12}{'ratio':>8}")
    plain = predict_seconds("hourly", args.rows, args.repeats)
    print(f"{'hourly after hourly (anchor)':<32}{plain:>12.4f}{1:>8.2f}")
    for kind, words in (
        ("days", "weekdays after every day"),
        ("nights", "weeknights after every night"),
    ):
        took = predict_seconds(kind, args.rows, args.repeats)
        print(f"{words:<32}{took:>12.4f}{took / plain:>8.2f}  (refused)")


if __name__ == "__main__":
    main()
