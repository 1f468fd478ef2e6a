"""bench34: the benchmarks as a new contributor runs them on a fresh clone."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import torch

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_cuda_check_refuses_cuda_where_torch_sees_none(bench_refusal, monkeypatch):
    """Without CUDA each of the 29 checks failed on its own, with torch's "Torch not compiled
    with CUDA enabled" traceback, after the CPU's side of each had run for minutes."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert bench_refusal("cuda_check", ["--device", "cuda:1"]) == (
        f"cuda_check.py: error: --device cuda:1: this torch ({torch.__version__}) sees no CUDA "
        "device; run the script on a machine with a GPU, or with --device cpu to try it here."
    )


def test_cuda_check_names_the_folder_of_its_results(bench_script, monkeypatch, capsys, tmp_path):
    """The results went into a new temporary folder that nothing named, so cuda_check.json
    could not be found; the last line names the folder now."""
    monkeypatch.setattr(sys, "argv", [str(BENCHMARKS / "cuda_check.py")])
    argv = ["--device", "cpu", "--only", "peephole", "--out", str(tmp_path)]
    assert bench_script("cuda_check").main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2:] == [
        "1 of 1 checks ok; failed: []",
        f"outputs and cuda_check.json: {tmp_path}",
    ]
    (result,) = json.loads((tmp_path / "cuda_check.json").read_text(encoding="utf-8"))
    assert (result["check"], result["ok"], result["out"]) == (
        "peephole LSTM explicit on cpu vs cpu, float64",
        True,
        0.0,
    )
