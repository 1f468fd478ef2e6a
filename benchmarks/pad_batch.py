"""Padding a batch of token ids: ``lstmkit.text.pad_batch`` against torch's own padding.

Anchor: ``torch.nn.utils.rnn.pad_sequence(..., batch_first=True)`` on the same batch, in the same
run, after making each sequence a tensor (for lists) as it needs; it checks no id. Compared:
``pad_batch``, which also checks that every id is an int (a float id is refused, not cut) and
returns the lengths. Batches: 64 sequences of 50 to 200 ids, as lists of ints and as int64
tensors. The two results must be equal; the script says so, or fails. Printed: the median of
each over ``--rounds`` alternated rounds of its best CPU time (``time.process_time``: other
processes on a loaded machine slow neither side's figure, where by the wall clock they made the
tensors' ratio 2.3 to 5.3 for this pad_batch and 917cb0c's alike, timed in one process, and 17
to 20 in another session) and the ratio pad_batch / anchor: on the machine it is developed on
about 0.55 for lists and 1.9 for tensors (two runs; 917cb0c's pad_batch, which first printed 0.5
and 1.8, took the same CPU time as this one to within 4%, timed in one process), where it was 2.7
and 6.6 to 8.9 by the wall clock before pad_batch checked a batch's ids at once (commit 8be448a,
two runs each).

Run: ``python benchmarks/pad_batch.py [--rounds 15]`` (a few seconds).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import timeit

import torch
from torch.nn.utils.rnn import pad_sequence

from _counts import count_problems  # beside this script, as python puts it on the path
from lstmkit.text.vocab import pad_batch


def anchor(batch: list) -> torch.Tensor:
    """torch's padding of the batch (each list made a tensor first)."""
    rows = [r if isinstance(r, torch.Tensor) else torch.tensor(r, dtype=torch.long) for r in batch]
    return pad_sequence(rows, batch_first=True, padding_value=0)


def cpu_times(call) -> list[float]:
    """Three CPU times (s) of 20 calls: the process's own time, which others' load leaves alone."""
    return timeit.repeat(call, timer=time.process_time, number=20, repeat=3)


def ratio(ours: float, theirs: float) -> float:
    """pad_batch's time over the anchor's."""
    return ours / theirs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="alternated timing rounds")
    args = parser.parse_args(argv)
    # every count flag below 1 at once, before any timing
    if problems := count_problems(args, ("rounds",)):
        parser.error(" ".join(problems))
    rng = random.Random(0)
    lists = [[rng.randrange(1, 30000) for _ in range(rng.randrange(50, 201))] for _ in range(64)]
    batches = {"lists": lists, "int64 tensors": [torch.tensor(r) for r in lists]}
    for name, batch in batches.items():
        tokens, _ = pad_batch(batch)
        if not torch.equal(tokens, anchor(batch)):
            raise SystemExit(f"{name}: pad_batch and pad_sequence differ")
        ours, theirs = [], []
        for _ in range(args.rounds):
            ours.append(min(cpu_times(lambda b=batch: pad_batch(b))))
            theirs.append(min(cpu_times(lambda b=batch: anchor(b))))
        a, b = statistics.median(ours) / 20, statistics.median(theirs) / 20
        print(
            f"{name}: pad_batch {a * 1e6:.0f} µs, pad_sequence {b * 1e6:.0f} µs, "
            f"ratio {ratio(a, b):.2f}"
        )


if __name__ == "__main__":
    main()
