"""Forecast accuracy on airline passengers and Quebec car sales, beside classical baselines.

For each dataset and each holdout (the last 12 and the last 24 months), one multi-step forecast
from the origin (no peeking) by the default :class:`~lstmkit.forecast.Forecaster` (its only
setting is ``horizon`` = the holdout), over 3 seeds, next to seasonal naive (the anchor: each
RMSE is also given as a ratio to its) and, when statsforecast is importable, AutoARIMA / AutoETS /
AutoTheta fitted in the same run. Then a rolling-origin backtest (origins 36, 24 and 12 months
before the end, horizon 12, refit at each origin), the classic tutorial setup (first 67 % train,
look-back 1, one step ahead, min-max scaler, inverted predictions), and the time of the default
``lstmkit forecast airline``. Times are ratios to the anchor, lstmkit's fit on the first
dataset's 12-month holdout (mean over the seeds) measured in the same run; the seconds follow
as secondary figures (a loaded machine stretches them, less so their ratios).

Run it in the environment that has statsforecast (it pins pandas < 3)::

    python3 -m venv .venv-baselines
    .venv-baselines/bin/pip install -c constraints.txt -e . statsforecast
    .venv-baselines/bin/python benchmarks/forecast_accuracy.py

``--quick`` runs one seed and skips the backtest (a smoke test); ``--no-backtest`` skips the
backtest; ``--datasets airline`` limits every table but the tutorial's to some datasets; and
``--set FIELD=VALUE`` (repeatable) changes a :class:`~lstmkit.forecast.ForecasterConfig` field
of the holdout and backtest fits (the growth-window table reads the holdout's forecasts), e.g.
``--set anchor=level`` for the previous default or ``--set weight_decay=1e-3``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import torch

import lstmkit.backtest as _backtest
from _counts import json_path_problem  # beside this script, as python puts it on the path
from lstmkit._checks import and_list
from lstmkit.baselines import available_baselines, baseline_forecasts
from lstmkit.data import DATASETS, load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig, smoothed_season
from lstmkit.metrics import evaluate

# the names load_dataset takes: each dataset's, and its CSV file's stem (milk_production)
NAMES = sorted({*DATASETS, *(Path(info.filename).stem for info in DATASETS.values())})

SEEDS = (0, 100, 200)  # each run is an ensemble with seeds s, s+1, ...: keep them disjoint
SHOWN = ("rmse", "mape", "mase")
FAR_OUTSIDE = "lies far outside the training series"  # predict's warning, see tutorial()
# backtest's warning that some origin's model kept too few validation errors for the 90 % level
# alone (car sales, whose table says "too few errors"): printed once per seed, it said nothing
# the table does not; a warning of another level, or of more, still shows
LONE_90 = r"backtest: the 90% level is not scored "


def spread_words(seeds: tuple[int, ...]) -> str:
    """How a table's figures summarise the seeds: one seed has no standard deviation; the std
    is numpy's, of the seeds themselves (ddof=0), which the heading says: with 3 seeds the
    sample std (ddof=1) is 1.22 times it."""
    if len(seeds) == 1:
        return f"one seed, {seeds[0]}: no ± std"
    return f"mean ± std (ddof=0) over {len(seeds)} seeds"


def _digits3(value: float) -> str:
    """Three significant digits, trailing zeros kept: AutoARIMA's MASE of 2.3997 was "2.4"
    beside AutoETS' "2.38", as if it were known to one decimal only."""
    return f"{value:#.3g}"


def _percent(level: float) -> str:
    """A nominal level in percent, as few digits as it has: 0.8 is "80", 0.975 "97.5"."""
    return f"{round(100 * level, 6):g}"


def coverage_label(interval: float | None) -> str:
    """The backtest table's coverage column, of the config's interval: it said "80 %" under
    ``--set interval=0.95`` too, beside that level's coverage."""
    if interval is None:
        return "interval coverage (--set interval=None: none)"
    return f"{_percent(interval)} % interval coverage"


def anchor_seconds(rows: list[dict]) -> tuple[str, float]:
    """The anchor of the time ratios: the first lstmkit row of the holdout table (the first
    dataset's first holdout, mean over the seeds), its label and seconds."""
    first = next(r for r in rows if r["method"].startswith("lstmkit"))
    return f"lstmkit's fit on {first['dataset']}, holdout {first['holdout']}", first["seconds"]


def _fmt(values: list[float]) -> str:
    if len(values) == 1:
        return _digits3(values[0]) if abs(values[0]) < 10 else f"{values[0]:.1f}"
    mean, std = float(np.mean(values)), float(np.std(values))
    if abs(mean) < 10:
        return f"{mean:.3f} ± {std:.3f}"
    return f"{mean:.1f} ± {std:.1f}"


def holdout_table(
    names: list[str],
    holdouts: list[int],
    seeds: tuple[int, ...],
    strategy: str = "direct",
    overrides: dict | None = None,
    forecasts: dict | None = None,
) -> list[dict]:
    """The holdout rows; ``forecasts`` (if given) receives each ``(name, h)``'s forecasts by
    method (lstmkit's averaged over the seeds) for :func:`growth_window`."""
    rows = []
    for name in names:
        y = load_dataset(name)
        values = y.to_numpy()
        for h in holdouts:
            train, truth = values[:-h], values[-h:]
            scores: dict[str, list[dict[str, float]]] = {}
            seconds, preds = [], []
            for seed in seeds:
                t0 = time.perf_counter()
                cfg = ForecasterConfig(horizon=h, seed=seed, strategy=strategy, **(overrides or {}))
                fc = Forecaster(cfg).fit(y[:-h])
                pred = fc.predict(h)["forecast"].to_numpy()
                seconds.append(time.perf_counter() - t0)
                preds.append(pred)
                scores.setdefault("lstmkit Forecaster", []).append(evaluate(truth, pred, train, 12))
            t0 = time.perf_counter()
            base = baseline_forecasts(train, h, 12)
            base_seconds = time.perf_counter() - t0
            if forecasts is not None:
                forecasts[name, h] = {"lstmkit Forecaster": np.mean(preds, axis=0), **base}
            for method, pred in base.items():
                if method == "naive":
                    continue
                scores[method] = [evaluate(truth, pred, train, 12)]
            for method, runs in scores.items():
                rows.append(
                    {
                        "dataset": name,
                        "holdout": h,
                        "method": method,
                        **{k: [r[k] for r in runs] for k in SHOWN},
                        "seconds": float(np.mean(seconds))
                        if method.startswith("lstmkit")
                        else base_seconds,
                    }
                )
            print(f"  done {name} holdout {h}", flush=True)
    return rows


# Nominal coverages the backtest scores besides the config's 0.8 (from the same errors).
LEVELS = (0.5, 0.9)


@contextlib.contextmanager
def _baselines_timed(spent: list[float]) -> Iterator[None]:
    """While open, each call of the backtest's ``baseline_forecasts`` adds its seconds to
    ``spent``: the backtest of the first seed fits the statistical baselines at every origin
    too, which the model's time per seed leaves out, as the holdout table's does. Opened again
    inside itself with the same ``spent``, it counts each call once (twice, it was subtracted
    twice)."""
    inner = _backtest.baseline_forecasts
    if getattr(inner, "_timed_into", None) is spent:
        yield
        return

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - t0)

    timed._timed_into = spent  # type: ignore[attr-defined]
    _backtest.baseline_forecasts = timed
    try:
        yield
    finally:
        _backtest.baseline_forecasts = inner


def backtest_table(
    names: list[str],
    seeds: tuple[int, ...],
    strategy: str = "direct",
    overrides: dict | None = None,
) -> list[dict]:
    """The backtest rows; the model's seconds per seed leave out the baselines' fits (the
    statistical ones run with the first seed only: counted in, they added a third of their
    time to each seed's, about a fifth of car sales')."""
    rows = []
    for name in names:
        y = load_dataset(name)
        per_seed: dict[str, list[dict[str, float]]] = {}
        coverage, levels = [], []
        spent: list[float] = []
        t0 = time.perf_counter()
        for i, seed in enumerate(seeds):
            cfg = ForecasterConfig(horizon=12, seed=seed, strategy=strategy, **(overrides or {}))
            with _baselines_timed(spent), warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=LONE_90, category=UserWarning)
                res = Forecaster(cfg).backtest(
                    y,
                    start=-36,
                    stride=12,
                    horizon=12,
                    statistical_baselines=i == 0,
                    # interval=None keeps no errors to score levels with: refused
                    levels=LEVELS if cfg.interval is not None else (),
                )
            cal = res.calibration  # None under --set interval=None: no level scored
            levels.append(
                {} if cal is None else dict(zip(cal["nominal"], cal["coverage"], strict=True))
            )
            for method, summary in res.summary.items():
                if method == "naive" or (i > 0 and method != "model"):
                    continue
                per_seed.setdefault(method, []).append(summary)
            coverage.append(res.summary["model"]["coverage"])
        seconds = (time.perf_counter() - t0 - sum(spent)) / len(seeds)
        for method, runs in per_seed.items():
            label = "lstmkit Forecaster" if method == "model" else method
            rows.append(
                {
                    "dataset": name,
                    "method": label,
                    **{k: [r[k] for r in runs] for k in SHOWN},
                    "coverage": coverage if method == "model" else None,
                    "levels": levels if method == "model" else None,
                    "seconds": seconds if method == "model" else None,
                }
            )
        print(f"  done backtest {name}", flush=True)
    return rows


TUTORIAL_VARIANTS = {
    "min-max scaler (fit on train only), no differencing": {},
    "min-max scaler + first differences": {"difference": 1},
    "min-max scaler + first differences + month sin/cos": {"difference": 1, "calendar": True},
}


def tutorial(seeds: tuple[int, ...]) -> dict[str, dict[str, list[float]]]:
    """First 67 % train, look-back 1, one step ahead, min-max scaler, inverted predictions.

    Each test point is forecast one step ahead from the true history before it (no refit), as in
    the tutorial. Its network (4 LSTM units), scaler and plain Adam (no weight decay) are kept;
    the variants add differencing and calendar inputs.
    """
    y = load_dataset("airline")
    n_train = int(len(y) * 0.67)
    results = {}
    for label, extra in TUTORIAL_VARIANTS.items():
        out = []
        for seed in seeds:
            cfg = ForecasterConfig(
                **{
                    "horizon": 1,
                    "lookback": 1,
                    "transform": "none",
                    "scaling": "minmax",
                    "calendar": False,
                    "hidden_size": 4,
                    "ensemble": 1,
                    "interval": None,
                    "weight_decay": 0.0,
                    "seed": seed,
                    **extra,
                }
            )
            fc = Forecaster(cfg).fit(y[:n_train])
            # predict warns, rightly, of each test month that lies far above the training range
            # (the test years do): counted here and said once under the table, not 36 times
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                preds = [
                    fc.predict(1, series=y[:t])["forecast"].iloc[0] for t in range(n_train, len(y))
                ]
            far = 0
            for w in caught:
                if FAR_OUTSIDE in str(w.message):
                    far += 1
                else:
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            truth = y.to_numpy()[n_train:]
            out.append(
                {
                    **evaluate(truth, np.array(preds), y.to_numpy()[:n_train], 12),
                    "far_outside": far,
                    "forecasts": len(preds),
                }
            )
        results[label] = {k: [r[k] for r in out] for k in (*SHOWN, "far_outside", "forecasts")}
    return results


def far_outside_note(tut: dict[str, dict[str, list[float]]]) -> str | None:
    """One line for the tutorial's warnings that a test month lies far outside the training
    series (predict's, one per forecast that reads such a month), by variant; None: none."""
    parts = [
        f"{sum(r['far_outside'])} of the {sum(r['forecasts'])} one-step forecasts with "
        f"{label.split(', ')[-1]}"
        for label, r in tut.items()
        if sum(r["far_outside"])
    ]
    if not parts:
        return None
    return (
        f"predict warned that `series` {FAR_OUTSIDE} in {'; '.join(parts)} "
        "(the test years lie above the training range, as the scaler is fitted on the training "
        "part only): expected here, so said once."
    )


def hindsight_growth(names: list[str], holdouts: list[int]) -> list[dict]:
    """How far a seasonal pattern goes if the growth is known: the best constant log-growth in
    hindsight (grid of 0.001) on top of the last season, and on top of the smoothed season of
    ``anchor="smooth"`` over the last three seasons (the default look-back)."""
    out = []
    grid = np.arange(-0.2, 0.3, 0.001)
    for name in names:
        y = load_dataset(name).to_numpy(dtype=float).ravel()
        for h in holdouts:
            t, truth = np.log(y[:-h]), y[-h:]
            steps, years = np.arange(h) % 12, 1 + np.arange(h) // 12
            row = {"dataset": name, "holdout": h}
            for label, base in (("last", t[-12:]), ("smooth", smoothed_season(t[-36:], 12))):
                errors = [
                    np.sqrt(np.mean((np.exp(base[steps] + g * years) - truth) ** 2)) for g in grid
                ]
                row[label] = float(min(errors))
                row[label + "_growth"] = float(grid[int(np.argmin(errors))])
            out.append(row)
    return out


# the growths g of growth_window, -50 % to +100 % by 0.1 %: from -10 % to +30 %, the range
# of seasonal naive's pattern on airline's last 24 months (+5.3 % to +31.8 % against AutoTheta)
# was cut at +30 %, and "or more" read as every growth past it, where +31.9 % already loses
GROWTH_GRID = np.round(np.arange(-0.50, 1.00001, 0.001), 3)


def window_words(row: dict) -> str:
    """A growth_window row's range of g as printed; an end at the grid's end says it may go on
    (airline's last 24 months gave "+5.3% … +30.0%" for seasonal naive, at the -10 % to +30 %
    grid's end, as if +30 % were its bound)."""
    if row["window"] is None:
        return "none"
    (low, high), (low_open, high_open) = row["window"], row["open"]
    return (
        f"{low:+.1%}{' or less' if low_open else ''} … {high:+.1%}{' or more' if high_open else ''}"
    )


def growth_window(forecasts: dict, names: list[str], holdouts: list[int]) -> list[dict]:
    """Which yearly level each forecast's month-by-month pattern needs to beat every baseline.

    A forecast ``f`` is rescaled to ``f * (1 + g) / (1 + g_f)``, where ``g_f`` is its own growth
    (its first 12 months' total over the last 12 observed months', minus 1), for ``g`` on a grid
    of 0.1 %; the row gives ``g_f``, the best ``g`` in hindsight and its RMSE, and the range of
    ``g`` whose RMSE is at most the best baseline's (naive excluded) in the same run, within
    0.1 % (so the best baseline's own row shows the growth it forecasts); ``open`` says which
    ends of that range are the grid's (−50 %, +100 %), past which it may go on.
    """
    grid = GROWTH_GRID
    out = []
    for name in names:
        y = load_dataset(name).to_numpy(dtype=float).ravel()
        for h in holdouts:
            truth, last = y[-h:], y[-h - 12 : -h].sum()
            preds = forecasts[name, h]
            baselines = {k: v for k, v in preds.items() if k not in ("naive", "lstmkit Forecaster")}
            scores = {k: float(np.sqrt(np.mean((v - truth) ** 2))) for k, v in baselines.items()}
            best = min(scores, key=scores.get)
            for method in ("lstmkit Forecaster", *baselines):
                f = np.asarray(preds[method], dtype=float)
                own = f[:12].sum() / last - 1
                errors = np.array(
                    [np.sqrt(np.mean((f * (1 + g) / (1 + own) - truth) ** 2)) for g in grid]
                )
                ok = grid[errors <= scores[best] * (1 + 1e-3)]  # the target itself: its own g
                out.append(
                    {
                        "dataset": name,
                        "holdout": h,
                        "method": method,
                        "own": float(own),
                        "best_growth": float(grid[errors.argmin()]),
                        "best_rmse": float(errors.min()),
                        "target": f"{best} {scores[best]:.1f}",
                        "window": (float(ok.min()), float(ok.max())) if len(ok) else None,
                        "open": (bool(ok.min() == grid[0]), bool(ok.max() == grid[-1]))
                        if len(ok)
                        else (False, False),
                    }
                )
    return out


def naive_ratios(rows: list[dict]) -> list[float]:
    """Each row's mean RMSE over seasonal naive's (the anchor) for the same dataset and holdout
    (backtest rows, which have no holdout, against seasonal naive's backtest)."""
    anchor = {
        (r["dataset"], r.get("holdout")): np.mean(r["rmse"])
        for r in rows
        if r["method"] == "seasonal_naive"
    }
    return [float(np.mean(r["rmse"]) / anchor[r["dataset"], r.get("holdout")]) for r in rows]


def cli_seconds() -> float:
    from lstmkit.cli import main

    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["forecast", "airline"])
    if code != 0:
        raise RuntimeError("lstmkit forecast airline failed")
    return time.perf_counter() - t0


SET_BY_THE_RUN = {
    "horizon": "is set by the run (each holdout's length: 12, 24; 12 in the backtest)",
    "seed": f"is set by the run (the seeds {', '.join(map(str, SEEDS))}; --quick: {SEEDS[0]})",
    "strategy": "is set by --strategy",
}
# Python's words for JSON's true, false and null: `--set early_stopping=False` was the text
# 'False', refused by ForecasterConfig
PYTHON_WORDS = {"True": True, "False": False, "None": None}


def _override_problems(strategy: str, overrides: dict[str, object]) -> list[str]:
    """What is wrong with ``--set``, told before any work: a field the run sets itself, or one
    ForecasterConfig refuses (``epoch=20``, ``anchor=seasn``), was a traceback after the timing
    of ``lstmkit forecast airline`` (``horizon``: after a table's fits)."""
    own = [f"{key} {how}" for key, how in SET_BY_THE_RUN.items() if key in overrides]
    problems = [f"--set {'; '.join(own)}."] if own else []
    # the others checked too, so that `horizon=3 epoch=20` is not told of `epoch` a run later
    rest = {key: value for key, value in overrides.items() if key not in SET_BY_THE_RUN}
    try:
        ForecasterConfig(horizon=12, seed=SEEDS[0], strategy=strategy, **rest)
    except (TypeError, ValueError) as exc:
        problems.append(f"--set: {exc}")
    return problems


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one seed, no backtest")
    parser.add_argument("--json", help="also write the raw numbers to this file")
    parser.add_argument(
        "--strategy",
        choices=["direct", "recursive", "seq2seq"],
        default="direct",
        help="Forecaster strategy for the holdout and backtest tables (default: the default)",
    )
    parser.add_argument("--no-backtest", action="store_true", help="skip the backtest")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override a ForecasterConfig field in the holdout and backtest tables, e.g. "
        "--set weight_decay=1e-3 --set anchor=level (repeatable; JSON, True/False/None or a "
        "bare string; refused at once where ForecasterConfig refuses it)",
    )
    parser.add_argument(
        "--datasets",
        nargs="+",
        default=["airline", "car_sales"],
        # refused at once: a misspelt one was load_dataset's traceback after the CLI's timing
        choices=NAMES,
        metavar="NAME",
        help="datasets of every table but the tutorial's (airline's alone): the holdout, "
        "backtest, growth-in-hindsight and growth-window tables",
    )
    args = parser.parse_args(argv)
    overrides: dict[str, object] = {}
    # every --set without "=" at once, with a full stop as the other problems have ("--set
    # expects FIELD=VALUE, got 'epochs'" named the first alone and stopped there)
    bare = [repr(item) for item in args.set if "=" not in item]
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            continue
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            # a bare string, e.g. anchor=level
            overrides[key] = PYTHON_WORDS.get(value, value)
    problems = [f"--set expects FIELD=VALUE, got {and_list(bare)}."] if bare else []
    problems += _override_problems(args.strategy, overrides)
    # --json DIR or a missing folder was open()'s traceback after every table's fits
    if args.json and (problem := json_path_problem(Path(args.json))) is not None:
        problems.append(problem)
    if problems:
        parser.error(" ".join(problems))
    torch.set_num_threads(1)
    # the backtest's interval, the default's or --set interval's (checked above)
    interval = ForecasterConfig(horizon=12, strategy=args.strategy, **overrides).interval
    seeds = SEEDS[:1] if args.quick else SEEDS
    have = available_baselines()
    print(f"statsforecast baselines available: {have['AutoARIMA']}", flush=True)
    t_cli = cli_seconds()
    print(f"strategy: {args.strategy}, overrides: {overrides}", flush=True)
    forecasts: dict = {}
    rows = holdout_table(args.datasets, [12, 24], seeds, args.strategy, overrides, forecasts)
    skip_bt = args.quick or args.no_backtest
    bt = [] if skip_bt else backtest_table(args.datasets, seeds, args.strategy, overrides)
    tut = tutorial(seeds)

    anchor_label, anchor_s = anchor_seconds(rows)
    print(f"\n### One forecast from the origin ({spread_words(seeds)})\n")
    print(
        "| dataset | holdout | method | RMSE | RMSE / seasonal naive | MAPE % | MASE "
        "| fit time / anchor | fit s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r, ratio in zip(rows, naive_ratios(rows), strict=True):
        print(
            f"| {r['dataset']} | {r['holdout']} | {r['method']} | {_fmt(r['rmse'])} | "
            f"{ratio:.3f} | {_fmt(r['mape'])} | {_fmt(r['mase'])} | "
            f"{r['seconds'] / anchor_s:.2f} | {r['seconds']:.1f} |"
        )
    print(f"\nTime anchor: {anchor_label} ({anchor_s:.1f} s), in this run.")
    if not have["AutoARIMA"]:
        print("\nAutoARIMA / AutoETS / AutoTheta: skipped (statsforecast not installed).")
    if bt:
        print("\n### Rolling-origin backtest: origins 36, 24, 12 months before the end, horizon 12")
        print("(metrics averaged over the 3 origins; model refit at each origin)\n")
        print(
            "| dataset | method | RMSE | RMSE / seasonal naive | MAPE % | MASE "
            f"| {coverage_label(interval)} | time per seed / anchor | s / seed |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for r, ratio in zip(bt, naive_ratios(bt), strict=True):
            scored = r["coverage"] and interval is not None
            cov = _fmt([100 * c for c in r["coverage"]]) + " %" if scored else ""
            sec = f"{r['seconds'] / anchor_s:.2f} | {r['seconds']:.1f}" if r["seconds"] else " | "
            print(
                f"| {r['dataset']} | {r['method']} | {_fmt(r['rmse'])} | {ratio:.3f} | "
                f"{_fmt(r['mape'])} | {_fmt(r['mase'])} | {cov} | {sec} |"
            )
        print(
            "\ns / seed: lstmkit's fits and forecasts at the 3 origins, the baselines' fits left"
            " out (as in the holdout table)."
        )
    # the levels scored: LEVELS and the config's interval (--set interval=0.95 has no 80 %)
    nominal = sorted({v for r in bt for run in r["levels"] or [] for v in run})
    if nominal:
        print(f"\n### Interval coverage by nominal level (backtest, {spread_words(seeds)})\n")
        print("| dataset | " + " | ".join(f"{_percent(v)} %" for v in nominal) + " |")
        print("|---|" + "---|" * len(nominal))
        for r in bt:
            if r["levels"]:
                cells = [
                    _fmt([100 * run[v] for run in r["levels"]]) + " %"
                    if all(math.isfinite(run[v]) for run in r["levels"])
                    else "too few errors"  # a level needs level / (1 - level) of them
                    for v in nominal
                ]
                print(f"| {r['dataset']} | " + " | ".join(cells) + " |")
    print("\n### Classic tutorial setup (airline, first 67 % train, look-back 1, one step ahead)\n")
    print("| variant | test RMSE | MAPE % |")
    print("|---|---|---|")
    for label, r in tut.items():
        print(f"| {label} | {_fmt(r['rmse'])} | {_fmt(r['mape'])} |")
    y = load_dataset("airline").to_numpy()
    n_train = int(len(y) * 0.67)
    naive = float(np.sqrt(np.mean((y[n_train:] - y[n_train - 1 : -1]) ** 2)))
    print(f"| (naive: previous month) | {naive:.1f} | |")
    print("\nThe tutorial's published test RMSE: 47.5.")
    note = far_outside_note(tut)
    if note:
        print(note)
    print("\n### The seasonal pattern with the growth known in hindsight (RMSE, best constant")
    print("yearly log-growth on top of it; a bound for anchor-plus-growth forecasts)\n")
    print("| dataset | holdout | last season | growth | smoothed season | growth |")
    print("|---|---|---|---|---|---|")
    for r in hindsight_growth(args.datasets, [12, 24]):
        print(
            f"| {r['dataset']} | {r['holdout']} | {r['last']:.1f} | {r['last_growth']:+.3f} | "
            f"{r['smooth']:.1f} | {r['smooth_growth']:+.3f} |"
        )
    print("\n### The yearly growth each forecast's pattern needs to beat every baseline")
    print("(own: the forecast's first 12 months over the last 12 observed; the pattern rescaled")
    print("to growth g; lstmkit's forecast is the mean over the seeds)\n")
    print("| dataset | holdout | forecast | own growth | best g: RMSE | g that beats the target |")
    print("|---|---|---|---|---|---|")
    window = growth_window(forecasts, args.datasets, [12, 24])
    for r in window:
        span = window_words(r)
        print(
            f"| {r['dataset']} | {r['holdout']} | {r['method']} | {r['own']:+.1%} | "
            f"{r['best_growth']:+.1%}: {r['best_rmse']:.1f} | {span} ({r['target']}) |"
        )
    print(
        f"\n`lstmkit forecast airline` (defaults, in-process): {t_cli / anchor_s:.2f}x the time "
        f"anchor's fit ({t_cli:.1f} s wall)"
    )
    if args.json:
        with open(args.json, "w") as fh:
            raw = {"holdout": rows, "backtest": bt, "tutorial": tut, "growth_window": window}
            json.dump({**raw, "cli_seconds": t_cli}, fh)


if __name__ == "__main__":
    main()
