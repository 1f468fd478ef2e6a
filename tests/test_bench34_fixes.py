"""bench34: the benchmarks as a new contributor runs them on a fresh clone."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
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


@pytest.mark.parametrize(
    ("loop", "note"),
    [
        (
            ["--loop-sentences", "2"],
            ["(the loop timed 2 of the 4 sentences; its seconds are scaled to all 4)"],
        ),
        ([], []),
    ],
)
def test_lrp_speed_says_when_the_loop_row_is_scaled(bench_script, monkeypatch, capsys, loop, note):
    """With --loop-sentences below the test set's size, the loop's row was the seconds of those
    sentences scaled to all of them, and nothing said so."""
    lrp_speed = bench_script("lrp_speed")
    sets = {
        "train": ["a good film", "a bad film", "not good"],
        "test": ["a good film", "bad", "not a good film at all", "film"],
    }
    monkeypatch.setattr(
        lrp_speed, "load_sst", lambda task, split: SimpleNamespace(texts=sets[split])
    )
    argv = ["--batch-size", "2", "--embed-dim", "3", "--hidden-size", "2", "--repeats", "1"]
    lrp_speed.main(argv + loop)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("SST-5 test: 4 sentences, 11 tokens, max length 6;")
    assert lines[7].startswith("LRP one sentence at a time (loop)")
    assert lines[8:-1] == note
    assert lines[-1].startswith("batched LRP is ")


def test_forecast_long_says_slower_where_the_cap_was_slower(bench_script):
    """A capped run slower than the anchor (every window) printed "0.6x faster"."""
    speed_words = bench_script("forecast_long").speed_words
    assert speed_words(91.5, 157.3) == "1.7x slower"
    assert speed_words(184.3, 45.5) == "4.1x faster"
    assert speed_words(2.0, 2.0) == "1.0x faster"
