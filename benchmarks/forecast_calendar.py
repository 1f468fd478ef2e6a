"""Hourly data with a weekly cycle: the weekday inputs, as an RMSE ratio to the season-only anchor.

Anchor: ``calendar="season"`` (the hour of the day only, the calendar before the weekday inputs
existed), in the same run. Compared: the default ``calendar=True``, which also reads the local
day of the week. Series: the synthetic hourly one of ``forecast_long.py`` (daily and weekly cycles,
trend, AR(1) noise), ``--days`` long. Origins: the last ``--origins`` days, one day apart, each
forecasting the next 24 hours from everything before it (7 origins: one of each weekday).
Reported: each origin's RMSE for both and for seasonal naive, their means and the ratio.

Run: ``python benchmarks/forecast_calendar.py [--days 60] [--origins 7] [--ensemble 2]``
(about 8 minutes on 2 cores with the default ``--jobs 2``).
"""

from __future__ import annotations

import argparse

import numpy as np

from _counts import (  # beside this script, as python puts it on the path
    count_problems,
    seed_problems,
)
from forecast_long import hourly_series
from lstmkit.baselines import seasonal_naive
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.metrics import rmse


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=60, help="days of hourly data (default 60)")
    parser.add_argument(
        "--origins", type=int, default=7, help="forecast origins: the last days, one day apart"
    )
    parser.add_argument("--ensemble", type=int, default=2, help="members of each Forecaster")
    parser.add_argument("--seed", type=int, default=0, help="the Forecasters' seed")
    parser.add_argument("--jobs", type=int, default=2, help="members trained at a time")
    args = parser.parse_args(argv)
    counts = ("days", "origins", "ensemble", "jobs")
    # all at once, before any member trains (--origins 0 printed RMSEs of nan)
    if problems := count_problems(args, counts) + seed_problems(args, ("seed",)):
        parser.error(" ".join(problems))
    y = hourly_series(args.days)
    settings = {"season only (anchor)": "season", "with the weekday": True}
    scores: dict[str, list[float]] = {name: [] for name in [*settings, "seasonal naive"]}
    print(f"{len(y)} hourly points; origins: the last {args.origins} days")
    print("origin            " + "  ".join(f"{name:>20s}" for name in scores))
    for k in reversed(range(args.origins)):
        end = len(y) - 24 * k
        train, truth = y[: end - 24], y.to_numpy()[end - 24 : end]
        for name, calendar in settings.items():
            cfg = ForecasterConfig(
                horizon=24,
                ensemble=args.ensemble,
                seed=args.seed,
                calendar=calendar,
                jobs=args.jobs,
                progress=False,
            )
            pred = Forecaster(cfg).fit(train).predict(24)["forecast"].to_numpy()
            scores[name].append(rmse(truth, pred))
        scores["seasonal naive"].append(rmse(truth, seasonal_naive(train.to_numpy(), 24, 24)))
        day = train.index[-1].day_name()[:3]
        row = "  ".join(f"{scores[name][-1]:20.3f}" for name in scores)
        print(f"{str(train.index[-1])[:16]} {day} {row}", flush=True)
    means = {name: float(np.mean(values)) for name, values in scores.items()}
    print("mean                  " + "  ".join(f"{means[name]:20.3f}" for name in scores))
    anchor, weekday = means["season only (anchor)"], means["with the weekday"]
    better = sum(
        w < a
        for w, a in zip(scores["with the weekday"], scores["season only (anchor)"], strict=True)
    )
    print(
        f"weekday inputs against the anchor: RMSE ratio {weekday / anchor:.3f}, "
        f"better at {better} of {args.origins} origins"
    )


if __name__ == "__main__":
    main()
