"""core38: walk of the README's recurrent core (`lstmkit.nn`), ported from torch.nn."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import torch

from lstmkit.nn import GRU, LSTM

README = Path(__file__).resolve().parents[1] / "README.md"


def _size_warnings(module: torch.nn.Module) -> list[tuple[str, int]]:
    """Where a jit trace of ``module`` warns "Converting a tensor to a Python boolean", shown
    as Python's default filter shows them (once per place)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        torch.jit.trace(module, (torch.randn(5, 2, 3),), check_trace=False)
    return [
        (Path(w.filename).name, w.category.__name__)
        for w in caught
        if "Converting a tensor to a Python boolean" in str(w.message)
    ]


@pytest.mark.parametrize(("ours", "theirs"), [(LSTM, torch.nn.LSTM), (GRU, torch.nn.GRU)])
def test_a_jit_trace_of_torch_nn_shows_the_size_warnings_that_lstmkit_silences(ours, theirs):
    """The README said torch silences its "Converting a tensor to a Python boolean" TracerWarning
    inside torch.nn as lstmkit does: a trace of torch.nn.LSTM or GRU shows it twice, at its
    input's and its state's size checks (rnn.py); lstmkit's layer shows none. The README says so."""
    assert _size_warnings(theirs(3, 4)) == [("rnn.py", "TracerWarning")] * 2
    assert _size_warnings(ours(3, 4, implementation="fused")) == []
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "which torch silences inside `torch.nn` too" not in text
    assert (
        'nor joined by torch\'s "Converting a tensor to a Python boolean" at each size the layer '
        "reads, which a trace of `torch.nn.LSTM` or `torch.nn.GRU` shows, at its input's and its "
        "state's size checks, twice under Python's default filter;"
    ) in text


def test_bench_rnn_gives_its_trace_rows_as_ratios_to_the_fused_forward(bench_script, capsys):
    """bench_rnn's docstring and the README's Speed table give the trace rows as ratios to
    lstmkit's fused forward, but their rows printed the ratio to torch.nn.LSTM in the column of
    the other rows (3.35x, and 3.38x to the fused forward two lines under it): each row now
    prints its ratio to the fused forward and says so, the target beside the auto row's."""
    bench = bench_script("bench_rnn")
    times = {"torch.nn.LSTM": 1.0, "lstmkit fused": 0.8, "trace (auto)": 2.6}
    times |= {"trace (explicit)": 4.0, "torch.nn.GRU": 1.0}
    bench._measure = lambda jobs, reps, sample_s, stat: {k: times.get(k, 1.0) for k in jobs}
    ratios = bench.run_shape("forecast", 1, 0.0, "min")
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("trace")]
    assert rows == [
        "trace (auto)"
        + " " * 12
        + "2600.000   3.25x"
        + " " * 25
        + "x lstmkit fused fwd; <= 3.00x  MISSED",
        "trace (explicit)" + " " * 8 + "4000.000   5.00x" + " " * 25 + "x lstmkit fused fwd",
    ]
    assert ratios["trace (auto)"] == {"fwd": 2.6 / 0.8}
