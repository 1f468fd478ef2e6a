"""Future covariates (known in advance): backtest RMSE as a ratio to the model without them.

Series: daily, a weekly cycle (amplitude 5) around 50, random promotion days (15 %, known in
advance) that add 8, and noise of standard deviation 1 (seeded by ``--data-seed``). Each method
is backtested over the last ``--origins`` weeks, each origin forecasting the next 7 days
(``H`` = 7) from everything before it, retrained at each origin, one member, default
training otherwise. Compared, each as the ratio of its mean RMSE over the origins to the one of
the default model without covariates (the anchor), measured in the same run for each seed:

- ``future (direct)``, ``future (seq2seq)``: the flag as ``future_covariates``;
- ``lead (direct)``: the workaround before them, the flag led by the horizon as a past
  covariate (``flag.shift(-7)``), which needs its values 7 days past the series' end;
- ``past covariate``: the flag as a plain (past) covariate, which the forecast steps never see;
- ``seasonal naive``: last week's value.

Reported: per seed each method's mean RMSE and its ratio, then the ratios' mean ± sample standard
deviation (ddof=1) over the seeds (``--seeds``, the models' seeds; the series stays the same).
On 2 cores, ``--seeds 0 1 2``: future (direct) 0.426 ± 0.010, future (seq2seq) 0.567 ± 0.003,
lead (direct) 0.439 ± 0.039, past covariate 0.999 ± 0.050, seasonal naive 1.201 ± 0.026
(RMSE without covariates 3.342 on average).

Run: ``python benchmarks/future_covariates.py [--origins 8] [--seeds 0] [--days 365]
[--jobs 2]``: each (seed, method) backtest is a task, ``--jobs`` of them at a time; about 4
minutes on 2 cores for one seed, 11 for ``--seeds 0 1 2``.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from _counts import (  # beside this script, as python puts it on the path
    count_problems,
    seed_problems,
)
from lstmkit.forecast import Forecaster, ForecasterConfig

H = 7
ANCHOR = "without covariates"


def promotion_series(days: int, seed: int) -> tuple[pd.Series, pd.Series]:
    """The daily series and its promotion flag; the flag runs ``H`` days past the series."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2022-01-01", periods=days + H, freq="D")
    flag = pd.Series((rng.random(days + H) < 0.15).astype(float), index=index, name="promo")
    t = np.arange(days + H)
    y = 50 + 5 * np.sin(2 * np.pi * t / 7) + 8 * flag.to_numpy() + rng.normal(0, 1, days + H)
    return pd.Series(y[:days], index=index[:days], name="sales"), flag


def ratios(scores: dict[str, list[float]], anchor: str = ANCHOR) -> dict[str, tuple[float, float]]:
    """Each method's RMSE over the anchor's, seed by seed (``scores``: method → one RMSE per
    seed), as the mean and the sample standard deviation (ddof=1; 0 for one seed) over the
    seeds."""
    base = np.asarray(scores[anchor], dtype=float)
    out = {}
    for method, values in scores.items():
        r = np.asarray(values, dtype=float) / base
        out[method] = (float(r.mean()), float(r.std(ddof=1)) if len(r) > 1 else 0.0)
    return out


def methods(y: pd.Series, flag: pd.Series, seed: int) -> dict[str, tuple[ForecasterConfig, dict]]:
    """Each method's config and the data its backtest reads besides the series."""
    base = ForecasterConfig(horizon=H, ensemble=1, seed=seed, progress=False)
    seq2seq = ForecasterConfig(**{**vars(base), "strategy": "seq2seq"})
    return {
        ANCHOR: (base, {}),
        "future (direct)": (base, {"future_covariates": flag}),
        "future (seq2seq)": (seq2seq, {"future_covariates": flag}),
        "lead (direct)": (base, {"covariates": flag.shift(-H).loc[y.index]}),
        "past covariate": (base, {"covariates": flag.loc[y.index]}),
    }


def backtest(
    y: pd.Series, cfg: ForecasterConfig, data: dict[str, Any], origins: int
) -> tuple[float, float]:
    """The model's and seasonal naive's mean RMSE over the origins (``data``: what the
    backtest reads besides the series)."""
    bt = Forecaster(cfg).backtest(
        y, start=-origins * H, stride=H, statistical_baselines=False, **data
    )
    return bt.summary["model"]["rmse"], bt.summary["seasonal_naive"]["rmse"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365, help="days of the daily series")
    parser.add_argument(
        "--origins", type=int, default=8, help="backtest origins: the last weeks, a week apart"
    )
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=[0], help="the models' seeds (the series stays)"
    )
    parser.add_argument(
        "--data-seed", type=int, default=0, help="the seed of the series' promotions and noise"
    )
    parser.add_argument("--jobs", type=int, default=2, help="backtests run at a time")
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before the series is made
    problems = count_problems(args, ("days", "origins", "jobs"))
    if problems := problems + seed_problems(args, ("seeds", "data_seed")):
        parser.error(" ".join(problems))
    y, flag = promotion_series(args.days, args.data_seed)
    print(f"{len(y)} daily points, {int(flag.sum())} promotion days; {args.origins} origins")
    # every (seed, method) backtest is one task, `--jobs` of them at a time (each on one thread)
    tasks = {
        (seed, name): (y, cfg, data, args.origins)
        for seed in args.seeds
        for name, (cfg, data) in methods(y, flag, seed).items()
    }
    with ProcessPoolExecutor(args.jobs) as pool:
        runs = [pool.submit(backtest, *task) for task in tasks.values()]
        done = {key: run.result() for key, run in zip(tasks, runs, strict=True)}
    scores: dict[str, list[float]] = {}
    for seed in args.seeds:
        result = {name: done[seed, name][0] for name in methods(y, flag, seed)}
        result["seasonal naive"] = done[seed, ANCHOR][1]
        for name, value in result.items():
            scores.setdefault(name, []).append(value)
        row = ", ".join(
            f"{name} {value:.3f} ({value / result[ANCHOR]:.2f}x)" for name, value in result.items()
        )
        print(f"seed {seed}: mean RMSE {row}", flush=True)
    print(f"\nRMSE / RMSE {ANCHOR!r}, mean ± std (ddof=1) over seeds {args.seeds}:")
    for name, (mean, std) in ratios(scores).items():
        print(f"  {name:20s} {mean:.3f} ± {std:.3f}  (RMSE {np.mean(scores[name]):.3f})")


if __name__ == "__main__":
    main()
