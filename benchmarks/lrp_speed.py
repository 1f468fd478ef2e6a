"""LRP speed over all SST-5 test sentences, as ratios to anchors measured in the same run.

Anchor: the classifier's forward + backward pass (float32, PyTorch's fused LSTM kernel) over the
same 2,210 sentences in the same batches. Reported: batched LRP (float64, one pass backwards over
time per layer and direction for a whole batch), with and without the check against the model's
own output, gradient × input, and LRP run one sentence at a time (a per-sequence loop; with
``--loop-sentences N`` it times the first N sentences and scales their seconds to all 2,210,
and says so under the table).

Run: ``python benchmarks/lrp_speed.py [--batch-size 256] [--embed-dim 200] [--hidden-size 150]``
(the model is untrained: speed does not depend on the weights).

``--baseline FILE`` times an earlier ``lstmkit/explain/lrp.py`` against this one (e.g. from
``git worktree add /tmp/old 8f8538a``: ``--baseline /tmp/old/src/lstmkit/explain/lrp.py``), in
batches of 64 as ``lstmkit explain --file`` runs them, with the output check: the two alternate
``--repeats`` times, and the median of the ratios (this / baseline) is printed, with each one's
median against the anchor, and whether their relevances agree to the bit.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import torch

from _counts import count_problems  # beside this script, as python puts it on the path
from lstmkit._checks import typed_path
from lstmkit.explain import gradient_x_input, lrp
from lstmkit.text import TextClassifier
from lstmkit.text.sst import load_sst
from lstmkit.text.vocab import Vocabulary, pad_batch


def _batches(ids: list[list[int]], size: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths together
    return [pad_batch([ids[i] for i in order[k : k + size]]) for k in range(0, len(ids), size)]


def _time(fn, repeats: int) -> float:
    return _interleaved([fn], repeats)[0]


def _interleaved(fns: list[Callable[[], object]], repeats: int) -> list[float]:
    """Each of ``fns``' best seconds of ``repeats`` runs, the runs interleaved: every repeat
    times each once, in an order rotated by one each time, so that a shared machine's drift
    hits every case alike. Timed one case after another (the anchor's three runs, then
    gradient x input's, ...), batched LRP read 0.43x and 1.40x the anchor in two runs on a
    machine at load 9 on 2 cores."""
    best = [float("inf")] * len(fns)
    for r in range(repeats):
        for k in range(len(fns)):
            i = (k + r) % len(fns)
            start = time.perf_counter()
            fns[i]()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def _load_baseline(path: str, error: Callable[[str], NoReturn]) -> ModuleType:
    """An earlier lrp.py as a module of its own (its imports read this checkout's package);
    why ``path`` cannot be timed said through ``error``, ``main``'s ``parser.error``
    ("lrp_speed.py: error: ...", exit 2, as the other benchmarks refuse a flag)."""
    if not Path(path).exists():
        # was "is not a Python file", as for a CSV: the worktree README's command makes first
        error(
            f"--baseline {typed_path(Path(path))} not found (an earlier "
            "src/lstmkit/explain/lrp.py: `git worktree add /tmp/lstmkit-old COMMIT` makes one)."
        )
    spec = importlib.util.spec_from_file_location("_baseline_lrp", path)  # None: no .py
    if not Path(path).is_file() or spec is None or spec.loader is None:
        error(f"--baseline {typed_path(Path(path))} is not a Python file.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _against_baseline(baseline: ModuleType, model, ids, repeats: int) -> None:
    """Alternates this lrp and the baseline's over ``ids`` in batches of 64, with the check."""
    batches = _batches(ids, 64)

    def anchor() -> None:
        with torch.no_grad():
            for tokens, lengths in batches:
                model(tokens, lengths)

    def run(explain) -> list[torch.Tensor]:
        return [explain(model, t, lengths=n).relevance_per_feature for t, n in batches]

    times: dict[str, list[float]] = {"anchor": [], "baseline": [], "this": []}
    for _ in range(repeats):
        for name, fn in (
            ("anchor", anchor),
            ("baseline", lambda: run(baseline.lrp)),
            ("this", lambda: run(lrp)),
        ):
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    same = all(torch.equal(a, b) for a, b in zip(run(baseline.lrp), run(lrp), strict=True))
    ratios = [t / b for t, b in zip(times["this"], times["baseline"], strict=True)]
    anchor_s = statistics.median(times["anchor"])
    print(f"\nbaseline vs this lrp, batches of 64, with the check, median of {repeats} alternated:")
    print(f"{'what':<45} {'seconds':>8} {'x anchor':>9}")
    print(f"{'forward only (anchor, float32 fused)':<45} {anchor_s:8.2f} {1:9.2f}")
    for name in ("baseline", "this"):
        sec = statistics.median(times[name])
        print(f"{'LRP, ' + name:<45} {sec:8.2f} {sec / anchor_s:9.2f}")
    print(f"this / baseline: {statistics.median(ratios):.3f}; relevances bit-identical: {same}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=256, help="sentences per batch")
    parser.add_argument("--embed-dim", type=int, default=200, help="the model's embedding size")
    parser.add_argument("--hidden-size", type=int, default=150, help="the model's LSTM units")
    parser.add_argument(
        "--repeats", type=int, default=3, help="timed runs of each; the best is shown"
    )
    parser.add_argument(
        "--loop-sentences",
        type=int,
        default=2210,
        help="sentences the one-at-a-time loop times, its seconds scaled to all of them "
        "(default: all 2210)",
    )
    parser.add_argument("--baseline", help="an earlier lstmkit/explain/lrp.py to time against")
    args = parser.parse_args(argv)
    counts = ("batch_size", "embed_dim", "hidden_size", "repeats", "loop_sentences")
    # all at once, before SST loads: --batch-size 0 ended in range()'s "arg 3 must not be zero"
    if problems := count_problems(args, counts):
        parser.error(" ".join(problems))
    # before SST and the model load; SystemExit(message) printed it with no "error:"
    baseline = None if args.baseline is None else _load_baseline(args.baseline, parser.error)
    torch.set_num_threads(1)
    torch.manual_seed(0)

    train, test = load_sst("sst5", "train"), load_sst("sst5", "test")
    vocab = Vocabulary.build(train.texts)
    ids = [vocab.encode(t) or [Vocabulary.unk_id] for t in test.texts]
    model = TextClassifier(len(vocab), args.embed_dim, args.hidden_size, 5).eval()
    batches = _batches(ids, args.batch_size)
    n_tokens = sum(len(s) for s in ids)
    print(
        f"SST-5 test: {len(ids)} sentences, {n_tokens} tokens, max length "
        f"{max(len(s) for s in ids)}; BiLSTM E={args.embed_dim} H={args.hidden_size}, "
        f"batches of {args.batch_size}, 1 thread, best of {args.repeats} interleaved"
    )

    def forward_backward() -> None:
        for tokens, lengths in batches:
            model.zero_grad(set_to_none=True)
            logits = model(tokens, lengths)
            logits.max(dim=1).values.sum().backward()

    def forward_only() -> None:
        with torch.no_grad():
            for tokens, lengths in batches:
                model(tokens, lengths)

    def lrp_batched(check: bool) -> None:
        for tokens, lengths in batches:
            lrp(model, tokens, lengths=lengths, check=check)

    def gxi() -> None:
        for tokens, lengths in batches:
            gradient_x_input(model, tokens, lengths=lengths)

    loop_ids = ids[: args.loop_sentences]

    def lrp_loop() -> None:
        for s in loop_ids:
            lrp(model, torch.tensor([s]), check=False)

    cases = [
        ("forward + backward (anchor, float32 fused)", forward_backward),
        ("forward only (float32 fused)", forward_only),
        ("gradient x input", gxi),
        ("LRP batched, float64, no check", lambda: lrp_batched(False)),
        ("LRP batched, float64, with check", lambda: lrp_batched(True)),
    ]
    seconds = _interleaved([fn for _, fn in cases], args.repeats)
    rows = [(name, sec) for (name, _), sec in zip(cases, seconds, strict=True)]
    anchor = rows[0][1]
    loop = _time(lrp_loop, 1) * len(ids) / len(loop_ids)
    rows.append(("LRP one sentence at a time (loop)", loop))
    print(f"{'what':<45} {'seconds':>8} {'x anchor':>9}")
    for name, sec in rows:
        print(f"{name:<45} {sec:8.2f} {sec / anchor:9.2f}")
    batched = rows[3][1]
    if len(loop_ids) < len(ids):  # the row's seconds were scaled up without a word
        print(
            f"(the loop timed {len(loop_ids)} of the {len(ids)} sentences; its seconds are "
            f"scaled to all {len(ids)})"
        )
    print(f"batched LRP is {loop / batched:.1f}x faster than the per-sentence loop")
    if baseline is not None:
        _against_baseline(baseline, model, ids, args.repeats)


if __name__ == "__main__":
    main()
