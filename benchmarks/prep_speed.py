"""What the CLI spends preparing data before the first fit, as ratios to a plain pandas read of
the same file measured in the same process.

Cases (each a new interpreter, its file synthesized here from a fixed seed):

- ``series``: ``lstmkit forecast --csv FILE --series-col store`` on a long-format file of
  ``--series`` monthly series of 48 rows: reading the file, then reading and checking every
  series (the "check" bar), up to the first series' fit, which is not run;
- ``text``: ``lstmkit text train --csv FILE`` on ``--rows`` labelled texts: reading and
  checking the file, the split, the vocabulary and the ids, up to the first epoch, which is not
  run.

Each child process imports lstmkit, times ``pandas.read_csv(FILE, dtype=str)`` (the anchor,
the best of three), then the command up to the point named above (wall and CPU time: the
CPU time moves less with the load of a shared machine), and hashes what the command prepared
(each series' values, index and settings; the vocabulary, ids and label masks). The
repetitions are interleaved (each runs every case once, in a rotating order), so that the
drifts of a shared machine hit all cases alike; the figures are medians. With ``--baseline
DIR`` (another checkout's ``src``, e.g. from ``git worktree add /tmp/old HEAD``), every case
runs against it too, in the same rotation; the ratio this / baseline is printed, and the
script fails where the two prepared anything differently.

Usage::

    python benchmarks/prep_speed.py                          # 3 repetitions, ~2 minutes
    python benchmarks/prep_speed.py --baseline /tmp/old/src
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _counts import count_problems  # beside this script, as python puts it on the path
from startup import compared_trees  # beside this script, as python puts it on the path

SRC = Path(__file__).resolve().parents[1] / "src"

_WORDS = [f"w{k}" for k in range(5000)]


def write_series(path: Path, series: int, seed: int = 0) -> None:
    """A long-format CSV ``store,month,sales`` of ``series`` monthly series of 48 rows."""
    rng = random.Random(seed)
    lines = ["store,month,sales"]
    for s in range(series):
        level = rng.uniform(50, 500)
        for t in range(48):
            value = level * (1 + 0.2 * (t % 12) / 12) + 0.5 * t + rng.gauss(0, 5)
            lines.append(f"S{s:05d},{2015 + t // 12}-{t % 12 + 1:02d},{value:.2f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_texts(path: Path, rows: int, seed: int = 0) -> None:
    """A CSV ``review,rating`` of ``rows`` texts of 5 to 40 words (Zipf-like), 5 classes."""
    rng = random.Random(seed)
    weights = [1 / (k + 1) for k in range(len(_WORDS))]
    lines = ["review,rating"]
    for _ in range(rows):
        words = rng.choices(_WORDS, weights, k=rng.randint(5, 40))
        lines.append(f"{' '.join(words).capitalize()}.,{rng.randint(1, 5)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class _Prepared(BaseException):
    """Raised where the command would start fitting: not an error the CLI reports."""


def _child(case: str, file: Path, out: Path) -> None:
    """Time the anchor and ``case`` on ``file`` in this process; print seconds and a digest."""
    import pandas as pd

    from lstmkit.cli import main

    digest = hashlib.sha256()
    if case == "series":
        import lstmkit.cli._forecast_run as run

        plan = run._plan

        def recorded(*args, **kwargs):
            done = plan(*args, **kwargs)
            digest.update(done.frame.to_numpy().tobytes())
            digest.update(repr((list(done.frame.index), list(done.frame.columns))).encode())
            digest.update(repr((done.config, done.holdout, done.season, done.starts)).encode())
            return done

        def stop(_run):
            raise _Prepared

        run._plan, run._execute = recorded, stop
        argv = ["forecast", "--csv", str(file), "--series-col", "store", "--date-col", "month"]
        argv += ["--value-col", "sales", "--no-progress", "--json"]
    else:
        import lstmkit.text.sentiment as sentiment

        def stop(config, vocab, data, dev, test, *rest):
            digest.update(json.dumps([vocab.itos, data[0], dev, test]).encode())
            digest.update(data[1].numpy().tobytes())
            raise _Prepared

        sentiment._train_and_measure = stop
        argv = ["text", "train", "--csv", str(file), "--text-col", "review", "--label-col"]
        argv += ["rating", "--out", str(out), "--no-progress", "--json"]
    anchor = float("inf")
    for _ in range(3):  # the best of three: the first read in a process warms pandas' parser
        start = time.perf_counter()
        pd.read_csv(file, dtype=str)
        anchor = min(anchor, time.perf_counter() - start)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        main(argv)
    except _Prepared:
        pass
    else:
        raise SystemExit(f"{case}: the command ended without reaching its fit")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        json.dumps({"anchor": anchor, "seconds": seconds, "cpu": cpu, "digest": digest.hexdigest()})
    )


def over_baseline(this: list[dict], base: list[dict]) -> float:
    """The median over the repetitions of this tree's time over the baseline's, which ran in
    the same repetition, under the same load: the baseline is the anchor. Not each over its own
    pandas read: a tenth of a second, which the load moved 2.6x between the trees of one run."""
    return statistics.median(t["seconds"] / b["seconds"] for t, b in zip(this, base, strict=True))


def timed(src: Path, case: str, file: Path, out: Path) -> dict:
    """The child's figures for ``case``, importing lstmkit from ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"}
    argv = [sys.executable, __file__, "--child", case, str(file), str(out)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{case} ({src}) failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reps", type=int, default=3, help="interleaved repetitions; medians are shown"
    )
    parser.add_argument("--series", type=int, default=2000, help="series of the series case")
    parser.add_argument("--rows", type=int, default=50_000, help="texts of the text case")
    parser.add_argument("--baseline", type=Path, help="another checkout's src to compare")
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before any data are written
    if problems := count_problems(args, ("reps", "series", "rows")):
        parser.error(" ".join(problems))
    trees = compared_trees(parser, args.baseline)
    with tempfile.TemporaryDirectory() as folder:
        files = {"series": Path(folder, "series.csv"), "text": Path(folder, "texts.csv")}
        write_series(files["series"], args.series)
        write_texts(files["text"], args.rows)
        runs = [(tree, case) for case in files for tree in trees]
        found: dict[tuple[str, str], list[dict]] = {run: [] for run in runs}
        print(f"{os.cpu_count()} CPUs, {args.reps} repetitions", flush=True)
        for rep in range(args.reps):
            shift = rep % len(runs)
            for tree, case in runs[shift:] + runs[:shift]:
                result = timed(trees[tree], case, files[case], Path(folder, "model"))
                found[(tree, case)].append(result)
                print(f"  {tree}: {case}: {result['seconds']:.2f} s", flush=True)
    sizes = {"series": f"{args.series} series", "text": f"{args.rows} texts"}
    for tree, case in runs:
        results = found[(tree, case)]
        seconds = statistics.median(r["seconds"] for r in results)
        anchor = statistics.median(r["anchor"] for r in results)
        ratio = statistics.median(r["seconds"] / r["anchor"] for r in results)
        cpu = statistics.median(r["cpu"] for r in results)
        print(
            f"{tree}: {case} ({sizes[case]}): {seconds:.2f} s = {ratio:.1f}x the pandas read "
            f"({anchor:.3f} s); CPU time {cpu:.2f} s"
        )
    if args.baseline is None:
        return
    for case in files:
        this, base = found[("this tree", case)], found[("baseline", case)]
        if {r["digest"] for r in this} != {r["digest"] for r in base}:
            raise SystemExit(f"{case}: this tree and the baseline prepared different data")
        ratio = over_baseline(this, base)
        cpu = statistics.median(t["cpu"] / b["cpu"] for t, b in zip(this, base, strict=True))
        print(f"{case}: this / baseline = {ratio:.2f}, in CPU time {cpu:.2f} (the same data)")


if __name__ == "__main__":
    main()
