"""Time to first result: lstmkit's commands and first calls in fresh processes, as ratios to
``python -c "import torch"`` measured in the same run.

Every figure is the wall time of a new interpreter (what a shell loop, a job scheduler or a web
worker that imports lstmkit per request pays each time), or of one step inside one:

- ``import lstmkit``, ``lstmkit --help``, ``lstmkit datasets``, ``lstmkit forecast --help``;
- ``lstmkit forecast airline --epochs 1 --json`` (the default five members, in this process)
  and the same with ``--ensemble 2 --jobs 2`` (one member in this process, the other in a
  worker process, which imports torch again);
- ``lstmkit text predict DIR TEXT --explain`` and ``lstmkit explain DIR --text TEXT`` on a tiny
  untrained classifier saved into a temporary folder first (text output, no figure);
- in one process: importing the forecasting API (``from lstmkit.forecast import Forecaster``),
  the first and the second ``Forecaster(epochs=1, ensemble=1).fit`` (their difference is what
  the first fit pays once), and the first and second ``plot_forecast(..., path=...)``; with the
  modules the first fit and the first plot loaded (``torch._dynamo``, ``matplotlib``).

The repetitions are interleaved (each one runs every case once, in a rotating order), so that
the drifts of a shared machine hit all cases alike; the figures are medians. With ``--baseline
DIR`` (another checkout's ``src``, e.g. the main branch's), every lstmkit case runs against it
too, in the same rotation, and its figures print beside this tree's.

Usage::

    python benchmarks/startup.py                              # 5 repetitions
    python benchmarks/startup.py --reps 3 --baseline ../main/src
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Hashable
from pathlib import Path
from typing import TypeVar

from _counts import count_problems  # beside this script, as python puts it on the path

K = TypeVar("K", bound=Hashable)  # a case's name, or jobs_overhead.py's number of jobs

SRC = Path(__file__).resolve().parents[1] / "src"
ANCHOR = "import torch"

# name -> the interpreter's arguments
COMMANDS = {
    ANCHOR: ["-c", "import torch"],
    "import lstmkit": ["-c", "import lstmkit"],
    "lstmkit --help": ["-m", "lstmkit", "--help"],
    "lstmkit datasets": ["-m", "lstmkit", "datasets"],
    "lstmkit forecast --help": ["-m", "lstmkit", "forecast", "--help"],
    "lstmkit forecast airline --epochs 1 --json": [
        *("-m", "lstmkit", "forecast", "airline", "--epochs", "1", "--json"),
    ],
    "lstmkit forecast ... --ensemble 2 --jobs 2": [
        *("-m", "lstmkit", "forecast", "airline", "--epochs", "1", "--json"),
        *("--ensemble", "2", "--jobs", "2"),
    ],
}

# The text commands' cases read a classifier from the folder CLASSIFIER (filled in by main)
CLASSIFIER = "{classifier}"
TEXT_COMMANDS = {
    "lstmkit text predict ... --explain": [
        *("-m", "lstmkit", "text", "predict", CLASSIFIER, "a good film", "--explain"),
    ],
    "lstmkit explain ... --text": ["-m", "lstmkit", "explain", CLASSIFIER, "--text", "a good film"],
}

# A tiny untrained classifier, saved as `lstmkit text train` saves one, into sys.argv[1]
SAVE_CLASSIFIER = """
import sys, torch
from lstmkit.text import TextClassifier
from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier
from lstmkit.text.vocab import Vocabulary
torch.manual_seed(0)
vocab = Vocabulary.build(["a good film", "a bad film", "not good at all"])
model = TextClassifier(len(vocab), 6, 5, 2).eval()
save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), sys.argv[1])
"""

# One process, step by step: prints {step: seconds} and the modules loaded, as JSON.
STEPS = """
import json, sys, tempfile, time
t = time.perf_counter()
times, loaded = {}, {}
def step(name):
    global t
    now = time.perf_counter()
    times[name] = now - t
    loaded[name] = [m for m in ("torch._dynamo", "matplotlib", "pandas") if m in sys.modules]
    t = time.perf_counter()
from lstmkit.forecast import Forecaster, plot_forecast
from lstmkit.data import load_dataset
step("from lstmkit.forecast import Forecaster")
y = load_dataset("airline")
fc = Forecaster(horizon=12, epochs=1, ensemble=1, seed=0).fit(y[:-12])
step("first fit (epochs=1, ensemble=1)")
fc = Forecaster(horizon=12, epochs=1, ensemble=1, seed=0).fit(y[:-12])
step("second fit")
pred = fc.predict(12)
t = time.perf_counter()
with tempfile.TemporaryDirectory() as folder:
    plot_forecast(y[:-12], pred, y[-12:], path=f"{folder}/a.png")
    step("first plot_forecast (PNG)")
    plot_forecast(y[:-12], pred, y[-12:], path=f"{folder}/b.png")
    step("second plot_forecast")
print(json.dumps({"times": times, "loaded": loaded}))
"""


def _run(args: list[str], src: Path) -> tuple[float, str]:
    """Wall time of a new interpreter running ``args`` with ``src`` first on its path, and its
    standard output."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout


def summarize(times: dict[K, list[float]], anchor: K) -> dict[K, tuple[float, float]]:
    """``{case: (median seconds, median / the anchor's median)}`` for every case of ``times``."""
    base = statistics.median(times[anchor])
    return {
        name: (statistics.median(values), statistics.median(values) / base)
        for name, values in times.items()
    }


def compared_trees(parser: argparse.ArgumentParser, baseline: Path | None) -> dict[str, Path]:
    """``{"this tree": SRC}``, and ``"baseline"``: ``--baseline``, refused unless it holds
    lstmkit/. A folder without it (a checkout's root, not its src) left the children importing
    the installed lstmkit, this tree: timed against itself, and "the same output"."""
    trees = {"this tree": SRC}
    if baseline is None:
        return trees
    if not (baseline / "lstmkit" / "__init__.py").is_file():
        inner = baseline / "src"
        hint = f"; pass {str(inner)!r}" if (inner / "lstmkit" / "__init__.py").is_file() else ""
        parser.error(
            "--baseline must be another checkout's src folder (the one holding lstmkit/), "
            f"got {str(baseline)!r}{hint}."
        )
    trees["baseline"] = baseline.resolve()
    return trees


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=5, help="repetitions (default: 5)")
    parser.add_argument(
        "--baseline", type=Path, help="another checkout's src folder, timed beside this one"
    )
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before any command runs
    if problems := count_problems(args, ("reps",)):
        parser.error(" ".join(problems))
    trees = compared_trees(parser, args.baseline)
    with tempfile.TemporaryDirectory() as folder:
        _run(["-c", SAVE_CLASSIFIER, folder], SRC)
        commands = {**COMMANDS}
        for name, command in TEXT_COMMANDS.items():
            commands[name] = [folder if a == CLASSIFIER else a for a in command]
        _measure(args.reps, trees, commands)


def _measure(reps: int, trees: dict[str, Path], commands: dict[str, list[str]]) -> None:
    """Run every case of ``commands`` and the steps ``reps`` times in each tree, interleaved,
    and print the medians."""
    cases = [(ANCHOR, "this tree")] + [
        (name, tree) for name in commands if name != ANCHOR for tree in trees
    ]
    cases += [("steps", tree) for tree in trees]
    times: dict[tuple[str, str], list[float]] = {}
    loaded: dict[tuple[str, str], list[str]] = {}
    for rep in range(reps):
        shift = rep % len(cases)
        for name, tree in cases[shift:] + cases[:shift]:
            if name == "steps":
                _, out = _run(["-c", STEPS], trees[tree])
                result = json.loads(out)
                for step, seconds in result["times"].items():
                    times.setdefault((step, tree), []).append(seconds)
                    loaded[step, tree] = result["loaded"][step]
            else:
                seconds, _ = _run(commands[name], trees[tree])
                times.setdefault((name, tree), []).append(seconds)
        print(f"repetition {rep + 1}/{reps} done", file=sys.stderr)
    flat = {f"{name}|{tree}": values for (name, tree), values in times.items()}
    figures = summarize(flat, f"{ANCHOR}|this tree")
    names = list(dict.fromkeys(name for name, _ in times))
    header = f"{'':48}" + "".join(f"{tree:>24}" for tree in trees)
    print(f"median of {reps} fresh processes; ratio to `{ANCHOR}` (1.00x)\n")
    print(header)
    for name in names:
        cells = []
        for tree in trees:
            if f"{name}|{tree}" not in figures:
                cells.append(f"{'':>24}")
                continue
            seconds, ratio = figures[f"{name}|{tree}"]
            cells.append(f"{seconds:8.2f} s {ratio:7.2f}x    ")
        print(f"{name:48}" + "".join(f"{c:>24}" for c in cells))
    print("\nloaded after each step (of torch._dynamo, matplotlib, pandas):")
    for (step, tree), modules in loaded.items():
        print(f"  {tree:10} {step:40} {', '.join(modules) or '-'}")


if __name__ == "__main__":
    main()
