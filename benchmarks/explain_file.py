"""What ``lstmkit explain --file`` of a classifier costs, as a ratio to predicting the same lines
(``lstmkit text predict --file``, the anchor) in the same run.

A small SST-2 classifier trains first (``--train`` sentences, one epoch: a few seconds; speed
does not depend on how well it learned), then ``--lines`` sentences of SST-2's dev and test sets
(repeated past their 2,693) go to a file. Cases, each a new interpreter as a user runs it, on
1 thread:

- ``text predict MODEL --file F --json`` (the anchor: the float32 model once a batch);
- ``explain MODEL --file F --json`` (LRP of every line, with its output check, and the
  prediction);
- ``text predict MODEL --file F --explain --json`` (the prediction, then LRP of every line for
  the label printed).

Each case's seconds are those of the command itself, after its interpreter started and imported
torch and lstmkit (over a second, which would dilute the ratios).

The repetitions are interleaved (each runs every case once, in a rotating order), so that the
drifts of a shared machine hit all cases alike; the figures are medians. With ``--baseline DIR``
(another checkout's ``src``, e.g. ``git worktree add /tmp/old HEAD~3``: ``/tmp/old/src``) every
case runs against it too, in the same rotation, its figures print beside this tree's with the
ratio this / baseline, and the script fails unless both print the same bytes for every case
(each case must print the same bytes in every repetition too).

Usage::

    python benchmarks/explain_file.py                          # 2,000 lines, 3 repetitions
    python benchmarks/explain_file.py --baseline /tmp/old/src
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from itertools import zip_longest
from pathlib import Path

from _counts import count_problems  # beside this script, as python puts it on the path
from startup import compared_trees, summarize  # beside this script, as python puts it on the path

SRC = Path(__file__).resolve().parents[1] / "src"
ANCHOR = "text predict --json"
CASES = {
    ANCHOR: ["text", "predict", "{model}", "--file", "{lines}", "--json"],
    "explain --file --json": ["explain", "{model}", "--file", "{lines}", "--json"],
    "text predict --explain --json": [
        *("text", "predict", "{model}", "--file", "{lines}", "--explain", "--json"),
    ],
}


def ratio_to(times: dict[str, list[float]], other: dict[str, list[float]]) -> dict[str, float]:
    """``{case: median seconds of times / median seconds of other}`` (this tree over the
    baseline's)."""
    this, base = summarize(times, ANCHOR), summarize(other, ANCHOR)
    return {case: this[case][0] / base[case][0] for case in times}


def first_difference(first: str, other: str) -> str:
    """Where ``other`` first differs from ``first``: ``"line L, character C"`` (both from 1;
    one past the shorter line's end where one line runs on). The failure said only "other
    bytes than before", about records of thousands of characters each."""
    lines = zip_longest(first.splitlines(True), other.splitlines(True), fillvalue="")
    for number, (a, b) in enumerate(lines, 1):
        if a != b:
            same = 0
            while same < min(len(a), len(b)) and a[same] == b[same]:
                same += 1
            return f"line {number}, character {same + 1}"
    raise ValueError("the two outputs are the same")


def prepare(folder: Path, train: int, lines: int) -> tuple[Path, Path]:
    """A classifier trained on ``train`` SST-2 training sentences, saved in ``folder``, and a file
    of ``lines`` SST-2 dev and test sentences."""
    import torch

    from lstmkit.text.sentiment import SentimentConfig, save_classifier, train_classifier
    from lstmkit.text.sst import LABEL_NAMES, load_sst

    torch.set_num_threads(1)
    names = LABEL_NAMES["sst2"]
    data = load_sst("sst2", "train")
    texts, labels = data.texts[:train], [names[y] for y in data.labels[:train]]
    config = SentimentConfig(
        embed_dim=64, hidden_size=48, epochs=1, evals_per_epoch=1, progress=False
    )
    model = folder / "model"
    save_classifier(train_classifier(texts, labels, config), model)
    held = [*load_sst("sst2", "dev").texts, *load_sst("sst2", "test").texts]
    path = folder / "lines.txt"
    path.write_text("\n".join(held[k % len(held)] for k in range(lines)) + "\n", "utf-8")
    return model, path


# What a child runs: lstmkit and torch imported first, so that the seconds are the command's
# own work (reading, explaining, printing), which the interpreter's start would dilute.
CHILD = """
import sys, time
import torch, lstmkit.cli.explain, lstmkit.cli.text, lstmkit.explain, lstmkit.text.sentiment
start = time.perf_counter()
code = lstmkit.cli.main(sys.argv[1:])
sys.stdout.flush()
print(time.perf_counter() - start, file=sys.stderr)
sys.exit(code)
"""


def timed(src: Path, argv: list[str], cwd: Path) -> tuple[float, str]:
    """Seconds of ``lstmkit ARGV --threads 1 --no-progress`` in a new interpreter importing
    lstmkit from ``src`` (from the call of the command, its imports done), and what it
    printed."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *argv, "--threads", "1", "--no-progress"],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} ({src}) failed:\n{done.stderr}")
    return float(done.stderr.splitlines()[-1]), done.stdout


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=2000, help="sentences in the file")
    parser.add_argument("--train", type=int, default=2000, help="sentences the model trains on")
    parser.add_argument(
        "--reps", type=int, default=3, help="interleaved repetitions; medians are shown"
    )
    parser.add_argument("--baseline", type=Path, help="another checkout's src to compare")
    args = parser.parse_args(argv)
    counts = ("lines", "train", "reps")
    # all at once, before the classifier trains (--reps 0: "no median for empty data")
    if problems := count_problems(args, counts):
        parser.error(" ".join(problems))
    trees = compared_trees(parser, args.baseline)
    runs = [(tree, case) for tree in trees for case in CASES]
    times: dict[str, dict[str, list[float]]] = {t: {case: [] for case in CASES} for t in trees}
    printed: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        model, lines = prepare(folder, args.train, args.lines)
        print(
            f"{os.cpu_count()} CPUs, {args.lines} lines, classifier trained in "
            f"{time.perf_counter() - start:.1f} s, {args.reps} repetitions, 1 thread",
            flush=True,
        )
        for rep in range(args.reps):
            shift = rep % len(runs)
            for tree, case in runs[shift:] + runs[:shift]:
                # the same relative paths for both trees, so that the records name them alike
                argv = [a.format(model=model.name, lines=lines.name) for a in CASES[case]]
                seconds, out = timed(trees[tree], argv, folder)
                times[tree][case].append(seconds)
                if printed.setdefault(case, out) != out:
                    # the first run of every case is this tree's (the first repetition's
                    # rotation starts with it)
                    raise SystemExit(
                        f"{tree}: {case} printed other bytes than this tree's first run, from "
                        f"{first_difference(printed[case], out)} on"
                    )
                print(f"  {tree}: {case}: {seconds:.2f} s", flush=True)
    for tree, by_case in times.items():
        for case, (seconds, ratio) in summarize(by_case, ANCHOR).items():
            print(f"{tree}: {case}: {seconds:.2f} s = {ratio:.2f}x the anchor")
    if args.baseline is not None:
        for case, ratio in ratio_to(times["this tree"], times["baseline"]).items():
            print(f"this / baseline: {case}: {ratio:.3f} (the same output, byte for byte)")


if __name__ == "__main__":
    main()
