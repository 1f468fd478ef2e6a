"""LRP speed over all SST-5 test sentences, as ratios to anchors measured in the same run.

Anchor: the classifier's forward + backward pass (float32, PyTorch's fused LSTM kernel) over the
same 2,210 sentences in the same batches. Reported: batched LRP (float64, one pass backwards over
time per layer and direction for a whole batch), with and without the check against the model's
own output, gradient × input, and LRP run one sentence at a time (a per-sequence loop).

Run: ``python benchmarks/lrp_speed.py [--batch-size 256] [--embed-dim 200] [--hidden-size 150]``
(the model is untrained: speed does not depend on the weights).
"""

from __future__ import annotations

import argparse
import time

import torch

from lstmkit.explain import gradient_x_input, lrp
from lstmkit.text import TextClassifier
from lstmkit.text.sst import load_sst
from lstmkit.text.vocab import Vocabulary, pad_batch


def _batches(ids: list[list[int]], size: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths together
    return [pad_batch([ids[i] for i in order[k : k + size]]) for k in range(0, len(ids), size)]


def _time(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--embed-dim", type=int, default=200)
    parser.add_argument("--hidden-size", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--loop-sentences", type=int, default=2210, help="sentences in the loop")
    args = parser.parse_args()
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
        f"batches of {args.batch_size}, 1 thread, best of {args.repeats}"
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

    anchor = _time(forward_backward, args.repeats)
    rows = [
        ("forward + backward (anchor, float32 fused)", anchor),
        ("forward only (float32 fused)", _time(forward_only, args.repeats)),
        ("gradient x input", _time(gxi, args.repeats)),
        ("LRP batched, float64, no check", _time(lambda: lrp_batched(False), args.repeats)),
        ("LRP batched, float64, with check", _time(lambda: lrp_batched(True), args.repeats)),
    ]
    loop = _time(lrp_loop, 1) * len(ids) / len(loop_ids)
    rows.append(("LRP one sentence at a time (loop)", loop))
    print(f"{'what':<45} {'seconds':>8} {'x anchor':>9}")
    for name, sec in rows:
        print(f"{name:<45} {sec:8.2f} {sec / anchor:9.2f}")
    batched = rows[3][1]
    print(f"batched LRP is {loop / batched:.1f}x faster than the per-sentence loop")


if __name__ == "__main__":
    main()
