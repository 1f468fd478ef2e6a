"""SST-2 / SST-5 sentiment with lstmkit's bidirectional-LSTM TextClassifier, several seeds.

Randomly initialised embeddings (no pretrained vectors offline); model selection on dev, accuracy
on test, also as a ratio to the anchor, Kim 2014's CNN-rand (no pretrained vectors either); SST-2
trains on the GLUE training phrases + sentences, SST-5 on its sentences plus the same phrases with
coarse labels (see ``lstmkit.text.sentiment``). Each run uses one CPU thread, so two runs can
share the 2-core machine (``--jobs 2``).

Run:  python benchmarks/sst.py --tasks sst2 sst5 --seeds 0 1 2 --jobs 2
      python benchmarks/sst.py --tasks sst2 sst5 --seeds 0 10 20 --jobs 1 --ensemble 3
      python benchmarks/sst.py --tasks sst5 --seeds 0 10 20 --jobs 1 --epochs 5 --ensemble 6 \\
          --member-jobs 2
(an ensemble run with seed s trains seeds s, s + 1, s + 2, so ensemble runs take seeds 10 apart;
``--member-jobs 2`` trains two members of a run at a time, one thread each).
"""

from __future__ import annotations

import argparse
import json
import statistics
import typing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

import torch

from _counts import (  # beside this script, as python puts it on the path
    count_problems,
    json_path_problem,
    seed_problems,
)
from lstmkit.text.classifier import Readout
from lstmkit.text.sentiment import SentimentConfig, train_sentiment

PUBLISHED = {
    "sst2": "Kim 2014 CNN-rand 82.7; Tai et al. 2015 BiLSTM (GloVe) 87.5",
    "sst5": "Kim 2014 CNN-rand 45.0; Tai et al. 2015 BiLSTM (GloVe) 49.1",
}
# The anchor: the published model that, like these runs, has no pretrained vectors.
ANCHOR = {"sst2": 82.7, "sst5": 45.0}


# SentimentConfig's fields that flags of the same names give as they are: each's type (or choices)
GIVEN: dict[str, type | tuple[str, ...]] = {
    "epochs": int,
    "evals_per_epoch": int,
    "embed_dim": int,
    "hidden_size": int,
    "readout": typing.get_args(Readout),
    "ema": float,
    "neighbours": float,
    "sentence_epochs": int,
}


def anchor_ratio(task: str, accuracy: float) -> float:
    """Test accuracy (in %) over Kim 2014 CNN-rand's on the same task."""
    return accuracy / ANCHOR[task]


def run(config: SentimentConfig) -> dict:
    torch.set_num_threads(1)
    metrics = train_sentiment(config).metrics
    print(json.dumps(metrics), flush=True)
    return metrics


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--tasks",
        nargs="+",
        default=["sst2", "sst5"],
        choices=["sst2", "sst5"],
        help="the tasks run (default both)",
    )
    parser.add_argument(
        "--seeds", nargs="+", type=int, default=[0, 1, 2], help="a classifier per task and seed"
    )
    for name, kind in GIVEN.items():
        parser.add_argument(
            "--" + name.replace("_", "-"),
            **({"choices": kind} if isinstance(kind, tuple) else {"type": kind}),
            default=getattr(SentimentConfig, name),
            help=f"SentimentConfig.{name} (default %(default)s)",
        )
    parser.add_argument(
        "--polar-phrases",
        action=argparse.BooleanOptionalAction,
        default=SentimentConfig.polar_phrases,
        help="SST-5: phrase loss conditional on 'not neutral' (not passed to SST-2 runs)",
    )
    parser.add_argument(
        "--neutral-words",
        action=argparse.BooleanOptionalAction,
        default=SentimentConfig.neutral_words,
        help="SST-5: train words missing from the GLUE phrases as neutral (default: on for "
        "SST-5 with phrases; not passed to SST-2 runs)",
    )
    parser.add_argument(
        "--ensemble", type=int, default=SentimentConfig.ensemble, help="classifiers per run"
    )
    parser.add_argument("--jobs", type=int, default=2, help="runs in parallel (1 thread each)")
    parser.add_argument(
        "--member-jobs",
        type=int,
        default=SentimentConfig.jobs,
        help="ensemble members of one run trained in parallel (1 thread each)",
    )
    parser.add_argument("--json", default=None, help="also write all runs to this JSON file")
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before any run starts (--jobs 0 was ProcessPoolExecutor's
    # "max_workers must be greater than 0", the others SentimentConfig's tracebacks)
    counts = ("epochs", "evals_per_epoch", "embed_dim", "hidden_size", "ensemble", "jobs")
    problems = count_problems(args, (*counts, "member_jobs"))
    # --json DIR or a missing folder was open()'s traceback after every run
    if args.json and (problem := json_path_problem(Path(args.json))) is not None:
        problems.append(problem)
    if problems := problems + seed_problems(args, ("seeds",)):
        parser.error(" ".join(problems))

    configs = [
        SentimentConfig(
            task=t,
            seed=s,
            **{name: getattr(args, name) for name in GIVEN},
            # SST-5 options: SentimentConfig refuses them for SST-2, where they do nothing
            polar_phrases=args.polar_phrases and t == "sst5",
            neutral_words=args.neutral_words if t == "sst5" else None,
            ensemble=args.ensemble,
            jobs=args.member_jobs,
        )
        for t in args.tasks
        for s in args.seeds
    ]
    if args.jobs == 1:
        results = [run(c) for c in configs]
    else:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(run, configs))

    print(
        "\n| task | test accuracy (mean ± std) | / CNN-rand | per run "
        "| members' test accuracy (mean) | dev accuracy | train minutes | runs | published |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---|")
    for task in args.tasks:
        rows = [r for r in results if r["task"] == task]
        test = [100 * r["test_accuracy"] for r in rows]
        members = [100 * m["test_accuracy"] for r in rows for m in r["members"]]
        dev = [100 * r["dev_accuracy"] for r in rows]
        minutes = [r["train_seconds"] / 60 for r in rows]
        sd = statistics.stdev(test) if len(test) > 1 else 0.0
        print(
            f"| {task} | {statistics.mean(test):.1f} ± {sd:.1f} | "
            f"{anchor_ratio(task, statistics.mean(test)):.3f} | "
            f"{', '.join(f'{t:.1f}' for t in test)} | {statistics.mean(members):.1f} | "
            f"{statistics.mean(dev):.1f} | {statistics.mean(minutes):.1f} "
            f"(max {max(minutes):.1f}) | {len(rows)} | {PUBLISHED[task]} |"
        )
    print("\nconfig (seed varies):", json.dumps(asdict(configs[0])))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
