"""Character LM on Tiny Shakespeare: lstmkit's CharLM vs a small Transformer decoder.

Both models train for the same wall-clock budget on one CPU thread, on nanoGPT's split (first 90 %
train, last 10 % validation), and report validation loss in nats per character. Then the time to
generate one more character is measured as the generated text grows: the LSTM carries a fixed-size
state (constant cost per character); the Transformer (``torch.nn.TransformerEncoder`` with a causal
mask, no key/value cache — torch.nn has none) re-reads the whole context at every step.

The Transformer follows nanoGPT's ``train_shakespeare_char`` CPU setting (4 layers, 4 heads,
128-dim, 64-character context, batch 12, lr 1e-3, no dropout), which nanoGPT's README reports at
1.88 validation loss after 2,000 iterations.

Validation: the LSTM reads the validation text as 16 streams with carried state; the Transformer
reads non-overlapping 64-character windows (each character sees only the context inside its
window, as in training).

Run:  python benchmarks/charlm_vs_transformer.py --minutes 5
"""

from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

from _counts import json_path_problem  # beside this script, as python puts it on the path
from lstmkit._checks import flag_number_problem
from lstmkit.cli import flag_message, number_or_text
from lstmkit.text.charlm import (
    CharLMConfig,
    generate,
    load_shakespeare,
    split_text,
    train_charlm,
)


class TinyGPT(nn.Module):
    """Token + position embeddings → pre-norm causal Transformer blocks → linear read-out."""

    def __init__(self, vocab: int, block: int, n_layer: int, n_head: int, n_embd: int) -> None:
        super().__init__()
        self.block = block
        self.tok = nn.Embedding(vocab, n_embd)
        self.pos = nn.Embedding(block, n_embd)
        layer = nn.TransformerEncoderLayer(
            n_embd,
            n_head,
            4 * n_embd,
            dropout=0.0,
            activation="gelu",
            batch_first=True,
            norm_first=True,
        )
        self.blocks = nn.TransformerEncoder(layer, n_layer, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(n_embd)
        self.head = nn.Linear(n_embd, vocab)

    def forward(self, idx: torch.Tensor) -> torch.Tensor:  # idx [B, T] -> logits [B, T, V]
        t = idx.shape[1]
        x = self.tok(idx) + self.pos(torch.arange(t))
        mask = nn.Transformer.generate_square_subsequent_mask(t)
        return self.head(self.norm(self.blocks(x, mask=mask, is_causal=True)))


@torch.no_grad()
def gpt_val_loss(model: TinyGPT, ids: torch.Tensor) -> float:
    model.eval()
    n = (ids.numel() - 1) // model.block
    x = ids[: n * model.block].view(n, model.block)
    y = ids[1 : n * model.block + 1].view(n, model.block)
    total = 0.0
    for s in range(0, n, 64):
        logits = model(x[s : s + 64])
        total += float(
            F.cross_entropy(logits.flatten(0, 1), y[s : s + 64].flatten(), reduction="sum")
        )
    model.train()
    return total / y.numel()


def train_gpt(train_ids, val_ids, vocab: int, minutes: float, seed: int) -> tuple[TinyGPT, dict]:
    torch.manual_seed(seed)
    model = TinyGPT(vocab, block=64, n_layer=4, n_head=4, n_embd=128)
    # fused like CharLM's Adam (lstmkit.train.adam), so neither loop gets a faster optimizer
    opt = torch.optim.AdamW(
        model.parameters(), lr=1e-3, betas=(0.9, 0.99), weight_decay=0.1, fused=True
    )
    g = torch.Generator().manual_seed(seed)
    budget, start, step = 60 * minutes, time.perf_counter(), 0
    history = []
    while (elapsed := time.perf_counter() - start) < budget:
        for group in opt.param_groups:  # cosine to 10 % over the budget, like CharLM's loop
            group["lr"] = 1e-3 * (0.1 + 0.45 * (1 + math.cos(math.pi * elapsed / budget)))
        ix = torch.randint(0, train_ids.numel() - 65, (12,), generator=g)
        x = torch.stack([train_ids[i : i + 64] for i in ix.tolist()])
        y = torch.stack([train_ids[i + 1 : i + 65] for i in ix.tolist()])
        loss = F.cross_entropy(model(x).flatten(0, 1), y.flatten())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 500 == 0:
            history.append((step, round(time.perf_counter() - start), gpt_val_loss(model, val_ids)))
            print(f"  gpt step {step}: val {history[-1][2]:.4f}", flush=True)
    seconds = time.perf_counter() - start
    val = gpt_val_loss(model, val_ids)
    return model, {
        "val_loss": val,
        "steps": step,
        "train_seconds": round(seconds, 1),
        "parameters": sum(p.numel() for p in model.parameters()),
        "history": history,
    }


@torch.no_grad()
def gpt_sample(model: TinyGPT, ids: list[int], length: int, seed: int) -> list[int]:
    """Temperature 0.8, top-k 20 sampling with the context cropped to the model's window."""
    model.eval()
    g = torch.Generator().manual_seed(seed)
    out = list(ids)
    for _ in range(length):
        logits = model(torch.tensor([out[-model.block :]]))[0, -1] / 0.8
        kth = torch.topk(logits, 20).values[-1]
        probs = torch.softmax(logits.masked_fill(logits < kth, float("-inf")), -1)
        out.append(int(torch.multinomial(probs, 1, generator=g)))
    return out


@torch.no_grad()
def per_char_ms(step_fn, lengths: list[int], repeats: int = 20) -> dict[int, float]:
    """Milliseconds for one more character when the text already has ``n`` characters."""
    out = {}
    for n in lengths:
        step_fn(n)  # warm-up
        t = time.perf_counter()
        for _ in range(repeats):
            step_fn(n)
        out[n] = 1000 * (time.perf_counter() - t) / repeats
    return out


def _checks(m: dict) -> str:
    """``4 checks`` (``1 check``)."""
    return f"{m['val_checks']} check" + ("s" if m["val_checks"] != 1 else "")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--minutes", type=number_or_text, default=5.0, help="training budget per model"
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of both models' training and samples"
    )
    parser.add_argument("--json", default=None, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    # refused now, not as a traceback (--minutes 0) or after both trainings (--json DIR);
    # --minutes in the one shape of lstmkit's decimal flags (0 as typed, 1e-3x too), with --seed
    problems = []
    if problem := flag_number_problem(args.minutes, "--minutes", "positive"):
        problems.append(problem + ".")
        args.minutes = 5.0
    try:
        lstm_cfg = CharLMConfig(minutes=args.minutes, seed=args.seed, eval_every=250)
    except ValueError as err:
        problems.append(flag_message(str(err), ["minutes", "seed"]))
    if problems:
        parser.error(" ".join(problems))
    if args.json and (problem := json_path_problem(Path(args.json))) is not None:
        parser.error(problem)
    torch.set_num_threads(1)

    text = load_shakespeare()
    print(f"Tiny Shakespeare: {len(text):,} chars; budget {args.minutes} min per model, 1 thread")

    lstm = train_charlm(text, lstm_cfg)
    m = lstm.metrics
    print(
        f"CharLM  : val {m['best_val_loss']:.4f} nats/char (best of {_checks(m)}, "
        f"step {m['best_step']}; final {m['final_val_loss']:.4f}), {m['steps']} steps, "
        f"{m['parameters']:,} params",
        flush=True,
    )

    vocab = lstm.vocab
    train_text, val_text = split_text(text)
    train_ids = torch.tensor(vocab.encode(train_text))
    val_ids = torch.tensor(vocab.encode(val_text))
    gpt, g = train_gpt(train_ids, val_ids, len(vocab), args.minutes, args.seed)
    print(
        f"TinyGPT : val {g['val_loss']:.4f} nats/char, {g['steps']} steps, "
        f"{g['parameters']:,} params",
        flush=True,
    )

    # Per-character generation time as the text grows.
    lengths = [64, 256, 1024, 4096]
    model = lstm.model.eval()
    state_cache: dict[int, tuple] = {}

    def lstm_step(n: int) -> None:
        if n not in state_cache:  # state after reading n characters (its size does not depend on n)
            _, state_cache[n] = model(torch.randint(0, len(vocab), (1, n)))
        model(torch.tensor([[0]]), state_cache[n])

    timing_gpt = TinyGPT(len(vocab), block=max(lengths) + 1, n_layer=4, n_head=4, n_embd=128).eval()

    def gpt_step(n: int) -> None:  # no KV cache: the whole context is re-read for every character
        timing_gpt(torch.randint(0, len(vocab), (1, n)))

    lstm_ms = per_char_ms(lstm_step, lengths, repeats=50)
    gpt_ms = per_char_ms(gpt_step, lengths, repeats=3)

    print("\n| model | params | steps | val loss (nats/char) |")
    print("|---|---:|---:|---:|")
    print(
        f"| CharLM (2×256 LSTM) | {m['parameters']:,} | {m['steps']} | "
        f"{m['best_val_loss']:.3f} (best of {_checks(m)}) |"
    )
    print(
        f"| Transformer (4 layers, 128, ctx 64) | {g['parameters']:,} | {g['steps']} | "
        f"{g['val_loss']:.3f} |"
    )
    print("| nanoGPT README, CPU setting (reference) | ~0.8M | 2000 | 1.88 |")
    print("\n| characters so far | CharLM ms/char | Transformer ms/char (no KV cache) | ratio |")
    print("|---:|---:|---:|---:|")
    for n in lengths:
        print(f"| {n} | {lstm_ms[n]:.2f} | {gpt_ms[n]:.2f} | {gpt_ms[n] / lstm_ms[n]:.1f}× |")
    sample = generate(model, vocab, "ROMEO:", 300, temperature=0.8, top_k=20, seed=args.seed)
    print("\nCharLM sample (temperature 0.8, top-k 20):\n" + sample)
    gpt_text = vocab.decode(gpt_sample(gpt, vocab.encode("ROMEO:"), 300, args.seed))
    print("\nTransformer sample (temperature 0.8, top-k 20):\n" + gpt_text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(
                {"lstm": m, "gpt": g, "lstm_ms": lstm_ms, "gpt_ms": gpt_ms, "sample": sample},
                f,
                indent=2,
            )


if __name__ == "__main__":
    main()
