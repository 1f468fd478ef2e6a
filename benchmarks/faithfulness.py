"""Faithfulness of LRP and the baselines: deletion curves and AOPC on SST-2 and on airline.

Text: a bidirectional LSTM classifier (``readout="last"``, as Arras et al. 2017) is trained here
on the SST-2 training sentences for a few minutes; on every SST-2 test sentence the ``k = 1..K``
most relevant tokens for the predicted class are deleted (embedding set to zero) and the raw
score of that class is recorded. AOPC = mean over ``k = 0..K`` of the score drop (higher: the
method found the tokens the model relies on). Also reported: the accuracy after ``k`` deletions
on the sentences classified correctly at first (Arras et al.'s measure; lower is better).

Series: a Forecaster is fitted on airline passengers (all but the last year); for every input
window of the series, the ``k`` lags of largest ``|relevance|`` for the one-step forecast are
deleted (scaled input set to zero, the window's level) and the mean *absolute* change of the
forecast is reported (the sign of a regression output carries no "for/against").

Anchor: LRP in the same run; every method's AOPC (and seconds), and its mean change of the
forecast, are also given as ratios to LRP's.

Run: ``python benchmarks/faithfulness.py [--minutes 3] [--steps 5] [--save DIR]`` (``--save``
keeps the trained classifier, e.g. for ``lstmkit explain``).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from lstmkit._checks import flag_number_problem
from lstmkit.cli import flag_message, number_or_text
from lstmkit.explain import METHODS, aopc, deletion_curve, explain
from lstmkit.text._io import check_out_dir
from lstmkit.text.sentiment import SentimentConfig, save_classifier, train_sentiment
from lstmkit.text.sst import load_sst
from lstmkit.text.vocab import Vocabulary, pad_batch

OPTIONS = {"ig": {"steps": 32}}
# what save_classifier writes into --save
SAVED_FILES = ("model.safetensors", "config.json", "vocab.json", "metrics.json")


def lrp_ratios(scores: dict[str, float]) -> dict[str, float]:
    """Each method's figure over LRP's (the anchor), measured in the same run."""
    return {m: v / scores["lrp"] for m, v in scores.items()}


def shown_steps(k_max: int) -> list[int]:
    """The deletions after which the tables show a figure: 1, 3 and 5, those up to ``k_max``
    (``--steps 3``: 1 / 3; the header said "1 / 3 / 5" above two figures)."""
    return [k for k in (1, 3, 5) if k <= k_max]


def _config(args: argparse.Namespace) -> SentimentConfig:
    """The text model's config from the flags (its check refuses bad ones)."""
    return SentimentConfig(
        task="sst2",
        phrases=False,
        embed_dim=args.embed_dim,
        hidden_size=args.hidden_size,
        readout="last",
        dropout=0.3,
        epochs=args.epochs,
        evals_per_epoch=2,
        minutes=args.minutes,
        seed=0,
    )


def _text(args: argparse.Namespace) -> None:
    start = time.perf_counter()
    cfg = _config(args)
    result = train_sentiment(cfg)
    model = result.model.eval()
    if args.save is not None:
        save_classifier(result, args.save)
    print(
        f"SST-2 BiLSTM (E={cfg.embed_dim}, H={cfg.hidden_size}, readout=last) trained in "
        f"{time.perf_counter() - start:.0f} s: dev accuracy {result.metrics['dev_accuracy']:.3f}, "
        f"test accuracy {result.metrics['test_accuracy']:.3f}"
    )
    test = load_sst("sst2", "test")
    ids = []
    for text in test.texts:
        encoded = result.vocab.encode(text)
        if not encoded:  # a sentence of no known token: one unknown one, so it has a step
            encoded = [Vocabulary.unk_id]
        ids.append(encoded)
    labels = torch.tensor(test.labels)
    # shortest sentences first, so that each batch is padded little
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    k_max = args.steps
    per_method: dict[str, list[torch.Tensor]] = {m: [] for m in METHODS}
    correct_after: dict[str, list[torch.Tensor]] = {m: [] for m in METHODS}
    seconds = dict.fromkeys(METHODS, 0.0)
    for lo in range(0, len(order), args.batch_size):
        idx = order[lo : lo + args.batch_size]
        tokens, lengths = pad_batch([ids[i] for i in idx])
        with torch.no_grad():
            pred = model(tokens, lengths).argmax(1)
        right = pred == labels[idx]
        for m in METHODS:
            t0 = time.perf_counter()
            ex = explain(model, tokens, pred, method=m, lengths=lengths, **OPTIONS.get(m, {}))
            seconds[m] += time.perf_counter() - t0
            curve = deletion_curve(model, tokens, ex, steps=k_max)
            per_method[m].append(curve)
            # accuracy after k deletions, on the initially correct sentences (binary: the other
            # class wins when the explained logit falls below the other logit)
            correct_after[m].append(_still_correct(model, tokens, lengths, ex, pred, k_max)[right])
    n = len(ids)
    shown = shown_steps(k_max)
    after = " / ".join(str(k) for k in shown)
    if shown == [1]:
        after += " deletion"
    else:
        after += " deletions"
    print(f"\nDeletion of the K = {k_max} most relevant tokens, {n} SST-2 test sentences:")
    print(
        f"| method | AOPC (raw score) | AOPC / LRP's | ± s.e. | accuracy after {after} "
        "| seconds | seconds / LRP's |\n|---|---|---|---|---|---|---|"
    )
    mean_aopc: dict[str, float] = {}
    std_error: dict[str, float] = {}
    accuracy: dict[str, torch.Tensor] = {}  # method -> [K + 1], after k deletions
    for m in METHODS:
        per_sentence = aopc(torch.cat(per_method[m]))  # [N]
        mean_aopc[m] = float(per_sentence.mean())
        std_error[m] = float(per_sentence.std() / len(per_sentence) ** 0.5)
        accuracy[m] = torch.cat(correct_after[m]).double().mean(0)
    aopc_x = lrp_ratios(mean_aopc)
    seconds_x = lrp_ratios(seconds)
    for m in _best_first(mean_aopc):
        accs = " / ".join(f"{float(accuracy[m][k]):.3f}" for k in shown)
        print(
            f"| {m} | {mean_aopc[m]:.3f} | {aopc_x[m]:.3f} | {std_error[m]:.3f} | {accs} "
            f"| {seconds[m]:.1f} | {seconds_x[m]:.2f} |"
        )


def _best_first(figures: dict[str, float]) -> list[str]:
    """The methods, largest figure first; a tie puts the later name first (the order the
    tables have always had, so that a rerun's table reads the same)."""
    return sorted(figures, key=lambda m: (figures[m], m), reverse=True)


def _still_correct(model, tokens, lengths, ex, pred, k_max) -> torch.Tensor:
    """``[B, K + 1]``: whether the prediction is unchanged after deleting the top-k tokens."""
    emb = model.embedding(tokens).detach()  # [B, T, E]
    valid = torch.zeros(tokens.shape, dtype=torch.bool)  # [B, T]: not padding
    for b in range(len(tokens)):
        valid[b, : lengths[b]] = True
    # the tokens by relevance, most relevant first; padding last, never among the top k
    relevance = ex.relevance.masked_fill(~valid, float("-inf"))
    rank = relevance.argsort(dim=1, descending=True, stable=True)  # [B, T]
    out = []
    with torch.no_grad():
        for k in range(k_max + 1):
            deleted = torch.zeros_like(valid)  # [B, T]: the top k of each sentence
            for b in range(len(tokens)):
                deleted[b, rank[b, :k]] = True
            deleted &= valid
            x = emb.clone()
            x[deleted] = 0.0  # a deleted token's embedding is zero
            out.append(_predicted_with(model, tokens, lengths, x) == pred)
    return torch.stack(out, 1)


def _predicted_with(model, tokens, lengths, embedded: torch.Tensor) -> torch.Tensor:
    """``[B]``: the model's predicted class with its embedding's output replaced by
    ``embedded`` (a forward hook's return value replaces the module's output)."""

    def replace_output(module, inputs, output):
        return embedded

    handle = model.embedding.register_forward_hook(replace_output)
    try:
        return model(tokens, lengths).argmax(1)
    finally:
        handle.remove()


def _series(args: argparse.Namespace) -> None:
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    y = load_dataset("airline")
    fc = Forecaster(ForecasterConfig(horizon=1, ensemble=1, epochs=200, seed=0)).fit(y[:-12])
    lookback = fc._state()["lookback"]
    # every window of the whole series as the network reads it: the series as the forecaster
    # models it (its log, where it takes logs), the calendar features, no covariates
    modelled = fc._to_t(y.to_numpy())
    calendar = fc._calendar(y.index)
    no_covariates = np.zeros((lookback, 0))
    windows = []
    for end in range(lookback, len(modelled)):
        start = end - lookback
        features = fc._features(modelled[start:end], no_covariates, calendar[start:end])[0]
        windows.append(features)  # [lookback, F]
    x = torch.tensor(np.stack(windows), dtype=torch.float32)  # [N, lookback, F]
    net = fc.members_[0].eval()
    k_max = args.steps
    print(
        f"\nAirline forecaster (LSTM H={fc.config.hidden_size}, lookback {lookback}, "
        f"{len(x)} windows): deleting the K = {k_max} lags of largest |relevance| for the "
        "one-step forecast"
    )
    shown = shown_steps(k_max)
    print(
        "| method | mean abs. change of the forecast (scaled), k = 0..K | mean / LRP's "
        f"| after {' / '.join(map(str, shown))} |"
    )
    print("|---|---|---|---|")
    mean_change: dict[str, float] = {}
    change_after: dict[str, torch.Tensor] = {}  # method -> [K + 1], mean after k deletions
    for m in METHODS:
        ex = explain(net, x, 0, method=m, **OPTIONS.get(m, {}))
        curve = deletion_curve(net, x, ex, steps=k_max, by="magnitude")  # [N, K + 1]
        # a regression output has no "for/against": how far it moved, either way
        change = (curve - curve[:, :1]).abs()
        mean_change[m] = float(change.mean())
        change_after[m] = change.mean(0)
    change_x = lrp_ratios(mean_change)
    for m in _best_first(mean_change):
        after = " / ".join(f"{float(change_after[m][k]):.3f}" for k in shown)
        print(f"| {m} | {mean_change[m]:.4f} | {change_x[m]:.3f} | {after} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--minutes", type=number_or_text, default=3.0, help="training budget (text)"
    )
    parser.add_argument("--epochs", type=int, default=8, help="the text classifier's epochs")
    parser.add_argument(
        "--embed-dim", type=int, default=100, help="the text classifier's embedding size"
    )
    parser.add_argument(
        "--hidden-size", type=int, default=64, help="the text classifier's LSTM units"
    )
    parser.add_argument("--steps", type=int, default=5, help="deletions K")
    parser.add_argument("--batch-size", type=int, default=256, help="sentences explained at a time")
    parser.add_argument("--skip-text", action="store_true", help="skip the text classifier")
    parser.add_argument("--save", help="folder to save the trained classifier into (optional)")
    parser.add_argument("--skip-series", action="store_true", help="skip the forecaster")
    args = parser.parse_args(argv)
    # refused now, all at once, not as a traceback after the minute of training (--batch-size
    # 0), in the config (--minutes 0, --epochs 0), or as "float division by zero" (--steps 0:
    # LRP's AOPC of no deletion, the anchor of the ratios, is 0)
    problems = []
    if args.skip_text and args.skip_series:
        problems.append("--skip-text and --skip-series leave nothing to measure: drop one.")
    counts = [("--steps", args.steps)]
    if not args.skip_text:  # the text's flags where the text runs
        counts.append(("--batch-size", args.batch_size))
    for flag, value in counts:
        if value < 1:
            problems.append(f"{flag} must be a positive integer, got {value}.")
    if not args.skip_text:
        if problem := flag_number_problem(args.minutes, "--minutes", "positive"):
            problems.append(problem + ".")
            args.minutes = 3.0  # told once, not again by the config's check
        try:
            _config(args)
        except ValueError as err:
            names = ["minutes", "epochs", "embed_dim", "hidden_size"]
            problems.append(flag_message(str(err), names))
    if problems:
        parser.error(" ".join(problems))
    if args.save is not None and not args.skip_text:
        # refused now, not after minutes of training (a forecast run's folder, a file, ...)
        try:
            check_out_dir(args.save, "classifier", "--save", SAVED_FILES)
        except ValueError as err:
            parser.error(str(err))
    torch.set_num_threads(1)
    if not args.skip_text:
        _text(args)
    if not args.skip_series:
        _series(args)


if __name__ == "__main__":
    main()
