"""Runs lstmkit's device paths on a real GPU: the checks a CPU-only machine cannot make.

Usage (on a machine with CUDA; the shared text data found as for the tests, or ``LSTMKIT_DATA``)::

    python benchmarks/cuda_check.py [--out DIR] [--device cuda] [--only PART ...]

Each check prints ``ok`` or ``FAIL`` with its figures, and the script exits 1 if any failed; the
last line names the folder that holds the commands' outputs and ``cuda_check.json`` (a new
temporary folder unless ``--out`` is given). Where torch sees no CUDA, ``--device cuda`` is
refused before any check (``--device cpu`` runs the checks against the CPU itself, to try the
script there). ``--only`` runs the checks whose names hold one of its words (``--only peephole
lrp``); a word that no check's name holds is refused before any check, with the checks' names.
What it checks, each against the CPU in the same run:

* the layers: ``lstmkit.nn.LSTM``/``GRU`` (explicit and fused paths, peepholes) against
  ``torch.nn`` on the GPU, values and input gradients, in float64 and float32;
* LRP's float32 check (its ``_tolerance``) on float32 models run by cuDNN, which may compute in
  TF32; relevances on the GPU against the CPU's in float64; the gradient methods on a
  ``torch.nn.LSTM`` model in eval mode, where cuDNN's RNN has no backward;
* the Forecaster: ``fit`` / ``predict`` / ``backtest`` / ``save`` / ``load`` / ``explain_forecast``
  with ``device=`` the GPU, the forecast against the CPU's, and the fit time as a ratio to the
  CPU's (the anchor, measured in the same run);
* the commands with ``--device``: ``forecast``, ``predict``, ``explain``, ``text train``,
  ``text predict --explain``, ``train-lm``, ``generate``, ``train-seq2seq``, ``spell``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import torch

RESULTS: list[dict[str, object]] = []
ONLY: list[str] = []  # --only: run the checks whose names hold one of these
NAMES: list[str] | None = None  # a list while the checks' names are gathered, none run


def check(name: str) -> Callable[[Callable[[], dict[str, object]]], None]:
    """Runs the decorated function at once and records its figures, or its failure."""

    def run(fn: Callable[[], dict[str, object]]) -> None:
        if NAMES is not None:
            NAMES.append(name)
            return
        if ONLY and not any(part in name for part in ONLY):
            return
        start = time.perf_counter()
        try:
            figures = fn() or {}
            ok = bool(figures.pop("ok", True))
        except Exception:  # a check's failure is a result, and the next check still runs
            figures, ok = {"error": traceback.format_exc(limit=6)}, False
        figures["seconds"] = round(time.perf_counter() - start, 2)
        RESULTS.append({"check": name, "ok": ok, **figures})
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {json.dumps(figures, default=str)}", flush=True)

    return run


def _max_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a.detach().double().cpu() - b.detach().double().cpu()).abs().max())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--device", default="cuda", help="the device checked against the CPU (default: cuda)"
    )
    parser.add_argument("--out", default=None, help="folder for the commands' outputs")
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        help="run only the checks whose names hold one of these (each must match a check)",
    )
    args = parser.parse_args(argv)
    dev = torch.device(args.device)
    # without CUDA every check failed on its own, each with torch's traceback ("Torch not
    # compiled with CUDA enabled"), after the minutes of the CPU's side of each
    if dev.type == "cuda" and not torch.cuda.is_available():
        parser.error(
            f"--device {args.device}: this torch ({torch.__version__}) sees no CUDA device; run "
            "the script on a machine with a GPU, or with --device cpu to try it here."
        )
    # a name that matched no check ran nothing and exited 0, "0 of 0 checks ok"
    names = check_names(dev)
    if missed := [part for part in args.only if not any(part in name for name in names)]:
        parser.error(
            f"--only {' '.join(missed)}: no check's name holds "
            f"{'it' if len(missed) == 1 else 'them'}; the checks: {'; '.join(names)}."
        )
    ONLY[:] = args.only
    out = Path(args.out or tempfile.mkdtemp(prefix="cuda_check_"))
    out.mkdir(parents=True, exist_ok=True)

    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "cuda": torch.version.cuda,
                "available": torch.cuda.is_available(),
                "gpu": torch.cuda.get_device_name(dev) if torch.cuda.is_available() else None,
                "cudnn": torch.backends.cudnn.version(),
                "cudnn.allow_tf32": torch.backends.cudnn.allow_tf32,
                "matmul.allow_tf32": torch.backends.cuda.matmul.allow_tf32,
                "python": sys.version.split()[0],
            }
        ),
        flush=True,
    )
    run_checks(dev, out)
    failed = [r["check"] for r in RESULTS if not r["ok"]]
    print(f"{len(RESULTS) - len(failed)} of {len(RESULTS)} checks ok; failed: {failed}")
    (out / "cuda_check.json").write_text(json.dumps(RESULTS, indent=1, default=str))
    # the default folder is a new temporary one, which nothing else names
    print(f"outputs and cuda_check.json: {out}")
    return 1 if failed else 0


def run_checks(dev: torch.device, out: Path) -> None:
    """Every check, in order (each runs as it is declared, :func:`check`)."""
    _layers(dev)
    _lrp(dev)
    _forecaster(dev, out)
    _commands(str(dev), out)


def check_names(dev: torch.device) -> list[str]:
    """The names of the checks on ``dev``, gathered without running any."""
    global NAMES
    NAMES = []
    try:
        run_checks(dev, Path("OUT"))
        return NAMES
    finally:
        NAMES = None


def _layers(dev: torch.device) -> None:
    from lstmkit.nn import GRU, LSTM

    for cls, ref_cls in ((LSTM, torch.nn.LSTM), (GRU, torch.nn.GRU)):
        for impl in ("explicit", "fused"):
            for dtype in (torch.float64, torch.float32):

                @check(f"{cls.__name__} {impl} {dtype} vs torch.nn on {dev}")
                def _(cls=cls, ref_cls=ref_cls, impl=impl, dtype=dtype) -> dict[str, object]:
                    # each against the float64 truth (torch.nn in float64 on the CPU): in
                    # float32, cuDNN may compute torch.nn's reference in TF32
                    torch.manual_seed(0)
                    kw = dict(num_layers=2, bidirectional=True, batch_first=True)
                    truth = ref_cls(5, 8, **kw).double()
                    ref = ref_cls(5, 8, **kw).to(dev, dtype)
                    kit = cls(5, 8, implementation=impl, **kw).to(dev, dtype)
                    ref.load_state_dict(truth.state_dict())
                    kit.load_state_dict(truth.state_dict())
                    x64 = torch.randn(4, 30, 5, dtype=torch.float64)
                    errors = {}
                    for name, layer in (("torch.nn", ref), ("lstmkit", kit), ("truth", truth)):
                        on = x64 if layer is truth else x64.to(dev, dtype)
                        x = on.clone().requires_grad_(True)
                        y = layer(x)[0]
                        (g,) = torch.autograd.grad(y.square().sum(), x)
                        errors[name] = (y, g)
                    y0, g0 = errors.pop("truth")
                    figures = {
                        f"{name} out, grad error": [_max_diff(y, y0), _max_diff(g, g0)]
                        for name, (y, g) in errors.items()
                    }
                    theirs, mine = figures.values()  # torch.nn's, then lstmkit's
                    tol = 1e-10 if dtype == torch.float64 else 1e-5
                    worse = [m > max(2 * t, tol) for m, t in zip(mine, theirs, strict=True)]
                    return {"ok": not any(worse), **figures}

    @check(f"LSTM fused float32 on {dev} with torch.backends.cudnn.allow_tf32 = False")
    def _() -> dict[str, object]:
        # cuDNN may compute float32 in TF32 (allowed by default): without it, full float32
        torch.manual_seed(0)
        truth = torch.nn.LSTM(5, 8, num_layers=2, bidirectional=True, batch_first=True).double()
        kit = LSTM(5, 8, num_layers=2, bidirectional=True, batch_first=True).to(dev)
        kit.load_state_dict(truth.state_dict())
        x = torch.randn(4, 30, 5, dtype=torch.float64)
        allowed = torch.backends.cudnn.allow_tf32
        errors = {}
        try:
            for tf32 in (True, False):
                torch.backends.cudnn.allow_tf32 = tf32
                errors[f"error, allow_tf32={tf32}"] = _max_diff(
                    kit(x.to(dev, torch.float32))[0], truth(x)[0]
                )
        finally:
            torch.backends.cudnn.allow_tf32 = allowed
        return {"ok": errors["error, allow_tf32=False"] < 1e-5, **errors}

    @check(f"peephole LSTM explicit on {dev} vs cpu, float64")
    def _() -> dict[str, object]:
        torch.manual_seed(0)
        cpu = LSTM(5, 8, peephole=True, batch_first=True).double()
        gpu = LSTM(5, 8, peephole=True, batch_first=True).double().to(dev)
        gpu.load_state_dict(cpu.state_dict())
        x = torch.randn(3, 20, 5, dtype=torch.float64)
        lengths = [20, 11, 3]
        d = _max_diff(cpu(x, lengths=lengths)[0], gpu(x.to(dev), lengths=lengths)[0])
        return {"ok": d < 1e-12, "out": d}


def _lrp(dev: torch.device) -> None:
    from lstmkit.explain import lrp
    from lstmkit.text import TextClassifier

    for dtype in (torch.float32, torch.float64):
        for bidirectional in (False, True):

            @check(f"lrp of a {dtype} classifier on {dev} (bidirectional={bidirectional})")
            def _(dtype=dtype, bidirectional=bidirectional) -> dict[str, object]:
                torch.manual_seed(1)
                model = TextClassifier(
                    vocab_size=5000,
                    embed_dim=128,
                    hidden_size=256,
                    num_classes=5,
                    bidirectional=bidirectional,
                ).eval()
                tokens = torch.randint(1, 5000, (16, 60))
                lengths = torch.randint(5, 61, (16,))
                on_cpu = lrp(model.to(dtype), tokens, lengths=lengths, bias_factor=1.0)
                on_gpu = lrp(model.to(dev), tokens.to(dev), lengths=lengths, bias_factor=1.0)
                gap = (on_gpu.relevance.sum(1) + on_gpu.initial_state - on_gpu.score).abs()
                d = _max_diff(on_cpu.relevance, on_gpu.relevance)
                same_target = bool((on_cpu.target.cpu() == on_gpu.target.cpu()).all())
                return {
                    "ok": same_target and float(gap.max()) < 1e-8,
                    "relevance cpu-gpu": d,
                    "conservation": float(gap.max()),
                    "device of relevance": str(on_gpu.relevance.device),
                }

    for method in ("gradxinput", "ig", "sensitivity"):

        @check(f"{method} of a torch.nn.LSTM classifier in eval mode on {dev} (cuDNN's RNN)")
        def _(method=method) -> dict[str, object]:
            # cuDNN's RNN has no backward in eval mode, where explanations run the model
            from lstmkit.explain import explain

            class Tagger(torch.nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.embedding = torch.nn.Embedding(50, 8)
                    self.rnn = torch.nn.LSTM(8, 16, batch_first=True)
                    self.head = torch.nn.Linear(16, 3)

                def forward(self, tokens: torch.Tensor) -> torch.Tensor:
                    return self.head(self.rnn(self.embedding(tokens))[1][0][-1])

            torch.manual_seed(2)
            model = Tagger().double().eval()
            tokens = torch.randint(1, 50, (4, 12))
            options = {"steps": 8} if method == "ig" else {}
            on_cpu = explain(model, tokens, 0, method=method, **options)
            on_gpu = explain(model.to(dev), tokens.to(dev), 0, method=method, **options)
            d = _max_diff(on_cpu.relevance, on_gpu.relevance)
            return {"ok": d < 1e-10, "relevance cpu-gpu": d}


def _forecaster(dev: torch.device, out: Path) -> None:
    import numpy as np

    from lstmkit.data import load_dataset
    from lstmkit.explain.forecast import explain_forecast
    from lstmkit.forecast import Forecaster
    from lstmkit.metrics import rmse

    y = load_dataset("airline")
    fitted: dict[str, object] = {}

    @check(f"Forecaster airline on {dev} vs cpu (default config, seed 0)")
    def _() -> dict[str, object]:
        t0 = time.perf_counter()
        cpu = Forecaster(horizon=12, seed=0, progress=False).fit(y[:-12])
        t_cpu = time.perf_counter() - t0
        t0 = time.perf_counter()
        gpu = Forecaster(horizon=12, seed=0, progress=False, device=str(dev)).fit(y[:-12])
        t_gpu = time.perf_counter() - t0
        again = Forecaster(horizon=12, seed=0, progress=False, device=str(dev)).fit(y[:-12])
        p_cpu, p_gpu = cpu.predict(12), gpu.predict(12)
        fitted["gpu"] = gpu
        same = np.array_equal(p_gpu["forecast"].to_numpy(), again.predict(12)["forecast"])
        return {
            "rmse cpu": rmse(y[-12:], p_cpu["forecast"]),
            "rmse gpu": rmse(y[-12:], p_gpu["forecast"]),
            "gpu fit time / cpu fit time": round(t_gpu / t_cpu, 2),
            "cpu fit s (anchor)": round(t_cpu, 2),
            "gpu repeats itself bit for bit": same,
        }

    @check(f"Forecaster on {dev}: save, load on cpu and on {dev}, backtest, explain")
    def _() -> dict[str, object]:
        gpu = fitted["gpu"]
        path = out / "forecaster"
        gpu.save(path)
        p = gpu.predict(12)["forecast"].to_numpy()
        on_cpu = Forecaster.load(path).predict(12)["forecast"].to_numpy()
        on_gpu = Forecaster.load(path, device=str(dev)).predict(12)["forecast"].to_numpy()
        bt = gpu.backtest(y, start=-12, retrain=False)
        ex = explain_forecast(gpu, step=0)
        ex_cpu = explain_forecast(Forecaster.load(path), step=0)
        d_ex = float(np.abs(ex.per_lag - ex_cpu.per_lag).max())
        return {
            "ok": np.array_equal(p, on_gpu) and d_ex < 1e-3 * (1 + np.abs(ex.score)),
            "load on gpu equals": np.array_equal(p, on_gpu),
            "load on cpu max rel diff": float(np.abs(on_cpu / p - 1).max()),
            "backtest rmse": float(bt.summary["model"]["rmse"]),
            "explain per_lag gpu-cpu": d_ex,
        }


def _commands(device: str, out: Path) -> None:
    lm_flags = ["--max-steps", "60", "--eval-every", "30", "--minutes", "1"]
    runs = [
        ["forecast", "airline", "--out", f"{out}/airline", "--json"],
        ["predict", f"{out}/airline", "--json"],
        ["explain", f"{out}/airline/model", "--step", "0", "--out", f"{out}/why", "--json"],
        ["text", "train", "sst2", "--epochs", "1", "--minutes", "1", "--out", f"{out}/sst2"],
        ["text", "predict", f"{out}/sst2", "a gorgeous , witty movie", "--explain", "--json"],
        ["explain", f"{out}/sst2", "--text", "a dull , lifeless mess", "--json"],
        ["text", "train-lm", "shakespeare", *lm_flags, "--out", f"{out}/lm"],
        ["text", "generate", f"{out}/lm"],
        ["text", "train-seq2seq", "numbers", "--epochs", "1", "--out", f"{out}/s2s"],
        ["text", "spell", f"{out}/s2s", "42", "--json"],
    ]
    for argv in runs:
        words = [a for a in argv[:2] if not a.startswith(str(out))]

        @check(f"lstmkit {' '.join(words)} --device {device}")
        def _(argv=argv) -> dict[str, object]:
            cmd = [sys.executable, "-m", "lstmkit", *argv, "--device", device]
            t0 = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
            return {
                "ok": done.returncode == 0,
                "rc": done.returncode,
                "wall s": round(time.perf_counter() - t0, 1),
                "stdout": done.stdout[-600:],
                "stderr": done.stderr[-1500:],
            }


if __name__ == "__main__":
    sys.exit(main())
