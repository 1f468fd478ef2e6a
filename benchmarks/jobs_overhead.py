"""What ``--jobs 2`` costs or saves on short runs: fresh ``lstmkit forecast`` commands with
``--jobs 1`` and ``--jobs 2``, each figure as a ratio to the same command with ``--jobs 1`` in
the same run.

Cases (each a new interpreter, as a user runs it):

- ``lstmkit forecast airline --json``: the default five members, one fit;
- ``lstmkit forecast airline --json --backtest --epochs 20``: the fit and a rolling-origin
  backtest that retrains at 3 origins (4 fits of five members; ``--epochs 20`` keeps a
  repetition under a minute).

With ``--jobs 2`` the members train in this process and in one worker process, which imports
torch first (seconds); the fit's worker serves the backtest's fits too. Every ``--jobs 2`` run
must print the same JSON as ``--jobs 1`` but for ``fit_seconds``, or the script fails.

The repetitions are interleaved (each runs every case once, in a rotating order), so that the
drifts of a shared machine hit all cases alike; the figures are medians. With ``--baseline DIR``
(another checkout's ``src``, e.g. the main branch's) every case runs against it too, in the same
rotation, and its figures print beside this tree's.

Usage::

    python benchmarks/jobs_overhead.py                       # 3 repetitions, ~5 minutes
    python benchmarks/jobs_overhead.py --baseline ../main/src
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from _counts import count_problems  # beside this script, as python puts it on the path
from startup import compared_trees, summarize  # beside this script, as python puts it on the path

SRC = Path(__file__).resolve().parents[1] / "src"

CASES = {
    "forecast airline": ["forecast", "airline", "--json"],
    "forecast airline --backtest --epochs 20": [
        *("forecast", "airline", "--json", "--backtest", "--epochs", "20"),
    ],
}


def ratios(times: dict[int, list[float]]) -> dict[int, tuple[float, float]]:
    """``{jobs: (median seconds, median / the median of jobs 1)}``."""
    return summarize(times, 1)


def timed(src: Path, argv: list[str]) -> tuple[float, dict]:
    """Seconds of ``python -m lstmkit ARGV`` importing lstmkit from ``src``, and its JSON."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "lstmkit", *argv], capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    result = json.loads(done.stdout)
    result.pop("fit_seconds")
    result["config"].pop("jobs")
    result.pop("command")
    return seconds, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reps", type=int, default=3, help="interleaved repetitions; medians are shown"
    )
    parser.add_argument("--baseline", type=Path, help="another checkout's src to compare")
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before any command runs
    if problems := count_problems(args, ("reps",)):
        parser.error(" ".join(problems))
    trees = compared_trees(parser, args.baseline)
    runs = [(tree, case, jobs) for tree in trees for case in CASES for jobs in (1, 2)]
    times: dict[tuple[str, str], dict[int, list[float]]] = {}
    results: dict[tuple[str, str], dict] = {}
    print(f"{os.cpu_count()} CPUs, {args.reps} repetitions", flush=True)
    for rep in range(args.reps):
        shift = rep % len(runs)
        for tree, case, jobs in runs[shift:] + runs[:shift]:
            seconds, result = timed(trees[tree], [*CASES[case], "--jobs", str(jobs)])
            times.setdefault((tree, case), {1: [], 2: []})[jobs].append(seconds)
            if results.setdefault((tree, case), result) != result:
                raise SystemExit(f"{tree}: {case} --jobs {jobs} gave another result")
            print(f"  {tree}: {case} --jobs {jobs}: {seconds:.1f} s", flush=True)
    for (tree, case), by_jobs in times.items():
        scored = ratios(by_jobs)
        (one, _), (two, ratio) = scored[1], scored[2]
        print(
            f"{tree}: {case}: --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s = {ratio:.2f}x "
            "(the same JSON)"
        )


if __name__ == "__main__":
    main()
