"""End-to-end check of the CUDA paths, for a machine with a GPU (under 2 minutes on one).

    PYTHONPATH=src python benchmarks/device_check.py [--device cuda:0]

Each check prints PASS or FAIL (with the reason); the exit status is 1 when one failed. Without
CUDA it prints why and exits 0. Warnings are errors, as in the test suite, so a warning that only
a GPU raises (cuDNN's, say) fails its check. The checks:

* forecast: a Forecaster (each cell and strategy) fits and forecasts on the GPU, its forecast
  agrees with the CPU's for the same seed (to a tolerance: GPU kernels round differently), it
  saves CPU tensors, and it loads back on the GPU and on the CPU with the same forecast;
* lrp: LRP and the other explanation methods of a CPU-trained model, moved to the GPU, agree
  with the CPU's (LRP in float64: to 1e-6), for a forecaster and a text classifier, and
  ``lstmkit explain --device cuda`` gives the CPU's relevance;
* text: a few training steps of the sentiment classifier, the character LM and the seq2seq
  speller on the GPU (finite losses, weights on the GPU, saved on the CPU, loaded back on the
  GPU), with generation and beam search there.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from lstmkit.cli import main as cli
from lstmkit.data import load_dataset
from lstmkit.explain import METHODS, explain
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.io import load_state
from lstmkit.text import charlm, seq2seq
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import (
    SentimentConfig,
    SentimentPredictor,
    SentimentResult,
    fit_classifier,
    save_classifier,
)
from lstmkit.text.vocab import Vocabulary


def _kind(device: str) -> str:
    return torch.device(device).type


def _devices(model: torch.nn.Module) -> set[str]:
    return {p.device.type for p in model.parameters()}


def _close(a, b, tol: float, what: str) -> None:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    err = float(np.max(np.abs(a - b) / (1 + np.abs(b)))) if a.size else 0.0
    if a.shape != b.shape or not err <= tol:
        raise AssertionError(f"{what}: GPU and CPU differ by {err:.3g} (tolerance {tol:g})")


def check_forecast(device: str, tmp: Path) -> None:
    y = load_dataset("airline")
    for cell, strategy in (("lstm", "direct"), ("gru", "seq2seq"), ("peephole", "recursive")):
        settings = dict(horizon=6, lookback=12, ensemble=2, epochs=8, hidden_size=8, seed=3)
        settings.update(cell=cell, strategy=strategy)
        cpu = Forecaster(ForecasterConfig(**settings)).fit(y)
        gpu = Forecaster(ForecasterConfig(**settings, device=device)).fit(y)
        assert _devices(gpu.members_) == {_kind(device)}, _devices(gpu.members_)
        p_cpu, p_gpu = cpu.predict(6), gpu.predict(6)
        # a few epochs of float32 training on other kernels (cuDNN, not oneDNN): close, not
        # bit for bit (only the CPU repeats a seed exactly)
        _close(p_gpu["forecast"], p_cpu["forecast"], 2e-2, f"{cell}/{strategy} forecast")
        folder = tmp / f"fc-{cell}"
        gpu.save(folder)
        assert {t.device.type for t in load_state(folder).values()} == {"cpu"}
        again = Forecaster.load(folder, device=device)
        assert _devices(again.members_) == {_kind(device)} and again.config.device == device
        _close(again.predict(6)["forecast"], p_gpu["forecast"], 1e-6, "reloaded on the GPU")
        on_cpu = Forecaster.load(folder)
        _close(on_cpu.predict(6)["forecast"], p_gpu["forecast"], 1e-4, "reloaded on the CPU")
        # predict's CLI on the GPU reads the same model
        with contextlib.redirect_stdout(io.StringIO()) as out:
            assert cli(["predict", str(folder), "--device", device, "--json"]) == 0
        printed = json.loads(out.getvalue())
        _close(printed["forecast"]["forecast"], p_gpu["forecast"], 1e-6, "lstmkit predict")


def check_lrp(device: str, tmp: Path) -> None:
    y = load_dataset("airline")
    for strategy in ("direct", "seq2seq"):
        cfg = ForecasterConfig(horizon=3, lookback=12, ensemble=1, epochs=3, strategy=strategy)
        Forecaster(cfg).fit(y).save(tmp / f"lrp-{strategy}")
        cpu = Forecaster.load(tmp / f"lrp-{strategy}")
        gpu = Forecaster.load(tmp / f"lrp-{strategy}", device=device)
        for method in METHODS:
            a = explain_forecast(cpu, step=1, method=method)
            b = explain_forecast(gpu, step=1, method=method)
            tol = 1e-6 if method in ("lrp", "random") else 1e-3
            _close(b.per_lag, a.per_lag, tol, f"{strategy} {method} per lag")
            if a.future is not None:
                _close(b.future, a.future, tol, f"{strategy} {method} decoder inputs")
        args = ["explain", str(tmp / f"lrp-{strategy}"), "--step", "1", "--json"]
        outs = []
        for dev in ("cpu", device):
            with contextlib.redirect_stdout(io.StringIO()) as out:
                assert cli([*args, "--device", dev]) == 0
            outs.append([r["relevance"] for r in json.loads(out.getvalue())["relevance"]])
        _close(outs[1], outs[0], 1e-6, f"lstmkit explain (forecaster, {strategy})")
    # a text classifier: the token ids go to the GPU with the model
    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film", "not good at all"])
    model = TextClassifier(len(vocab), 6, 5, 2, bidirectional=True).eval()
    save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), tmp / "clf")
    ids = torch.tensor([[2, 3, 4, 0], [5, 3, 2, 4]])
    gpu_model = TextClassifier(len(vocab), 6, 5, 2, bidirectional=True).eval()
    gpu_model.load_state_dict(model.state_dict())
    gpu_model.to(device)
    for method in METHODS:
        a = explain(model, ids, 1, method=method, lengths=[3, 4])
        b = explain(gpu_model, ids.to(device), 1, method=method, lengths=[3, 4])
        assert b.relevance.device.type == _kind(device), b.relevance.device
        tol = 1e-6 if method in ("lrp", "random") else 1e-3
        _close(b.relevance.cpu(), a.relevance, tol, f"classifier {method}")
    outs = []
    for dev in ("cpu", device):
        argv = ["explain", str(tmp / "clf"), "--text", "not a good film", "--json"]
        with contextlib.redirect_stdout(io.StringIO()) as out:
            assert cli([*argv, "--device", dev]) == 0
        outs.append(json.loads(out.getvalue())["relevance"])
    _close(outs[1], outs[0], 1e-6, "lstmkit explain --text")
    on_gpu = SentimentPredictor.load(tmp / "clf", device=device)
    _close(
        [r for _, r in on_gpu.explain("not a good film")],
        [r for _, r in SentimentPredictor.load(tmp / "clf").explain("not a good film")],
        1e-6,
        "SentimentPredictor.explain",
    )


def check_text(device: str, tmp: Path) -> None:
    # sentiment: a few steps of fit_classifier (the batches go to the model's device)
    sentences = ["a great film", "a dull mess", "warm and wise", "far too long"] * 4
    vocab = Vocabulary.build(sentences)
    ids = [vocab.encode(s.split()) for s in sentences]
    labels = [1, 0, 1, 0] * 4
    mask = torch.nn.functional.one_hot(torch.tensor(labels), 2).bool()
    torch.manual_seed(0)
    model = TextClassifier(len(vocab), 8, 6, 2).to(device)
    config = SentimentConfig(epochs=2, batch_size=4, word_dropout=0.1, ema=0.9, device=device)
    fit = fit_classifier(model, (ids, mask), (ids, labels), config)
    assert fit["steps"] == 8 and 0 <= fit["best_dev"] <= 1 and _devices(model) == {_kind(device)}
    save_classifier(SentimentResult(model, vocab, config), tmp / "sst")
    predictor = SentimentPredictor.load(tmp / "sst", device=device)
    probs = predictor.predict_proba(["a great film", "a dull mess"])
    assert probs.device.type == "cpu" and torch.allclose(probs.sum(-1), torch.ones(2))
    # character LM: a few steps, generation on the GPU, saved on the CPU
    text = "to be or not to be, that is the question. " * 20
    cfg = charlm.CharLMConfig(
        embed_dim=8,
        hidden_size=16,
        batch_size=4,
        bptt=16,
        max_steps=20,
        eval_every=10,
        device=device,
    )
    lm = charlm.train_charlm(text, cfg)
    assert _devices(lm.model) == {_kind(device)} and np.isfinite(lm.metrics["best_val_loss"])
    sample = charlm.generate(lm.model, lm.vocab, "to ", 30, seed=1)
    assert len(sample) == 33, sample
    charlm.save_charlm(lm, tmp / "lm")
    assert {t.device.type for t in load_state(tmp / "lm").values()} == {"cpu"}
    model_gpu, vocab = charlm.load_charlm(tmp / "lm", device=device)
    assert charlm.generate(model_gpu, vocab, "to ", 30, temperature=0) == charlm.generate(
        lm.model, vocab, "to ", 30, temperature=0
    )
    # seq2seq: a few epochs, greedy and beam decoding on the GPU
    s2s_cfg = seq2seq.Seq2SeqConfig(
        max_digits=2, train_size=64, test_size=8, hidden_size=16, epochs=2, device=device
    )
    s2s = seq2seq.train_numbers(s2s_cfg)
    assert _devices(s2s.model) == {_kind(device)} and np.isfinite(s2s.metrics["final_loss"])
    seq2seq.save_seq2seq(s2s, tmp / "s2s")
    again = seq2seq.load_seq2seq(tmp / "s2s", device=device)
    assert seq2seq.spell(again, "42", beam_size=3) == seq2seq.spell(s2s.model, "42", beam_size=3)
    assert seq2seq.spell(again, "42") == seq2seq.spell(seq2seq.load_seq2seq(tmp / "s2s"), "42")


CHECKS: dict[str, Callable[[str, Path], None]] = {
    "forecast": check_forecast,
    "lrp": check_lrp,
    "text": check_text,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--device",
        default="cuda",
        help="the CUDA device to check (cuda:1, ...); 'cpu' runs the checks against the CPU "
        "itself, to test this script where there is no GPU",
    )
    parser.add_argument("checks", nargs="*", help=f"some of {', '.join(CHECKS)} (default: all)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.checks if name not in CHECKS]
    if unknown:
        parser.error(f"unknown check(s) {unknown}; choose from {list(CHECKS)}")
    if _kind(args.device) == "cuda" and not torch.cuda.is_available():
        print(f"SKIP: no CUDA here (torch {torch.__version__}); nothing checked.")
        return 0
    name = torch.cuda.get_device_name(args.device) if _kind(args.device) == "cuda" else "no GPU"
    print(f"torch {torch.__version__}, {args.device}: {name}")
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.checks or list(CHECKS):
            start = time.perf_counter()
            folder = Path(tmp) / name
            folder.mkdir()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    CHECKS[name](args.device, folder)
            except Exception as err:
                failed.append(name)
                print(f"FAIL {name}: {type(err).__name__}: {err}")
                traceback.print_exc(limit=-3)
            else:
                print(f"PASS {name} ({time.perf_counter() - start:.1f} s)")
    print("all passed" if not failed else f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
