"""core38: walk of the README's recurrent core (`lstmkit.nn`), ported from torch.nn."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import torch

import lstmkit
from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

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


def _moved(module: torch.nn.Module, name: str) -> torch.nn.Module:
    """``module`` as AWD-LSTM's WeightDrop leaves it before its first call: ``name`` deleted,
    the weight kept as ``{name}_raw``, from which the wrapper sets a dropped copy at each call."""
    raw = getattr(module, name)
    delattr(module, name)
    module.register_parameter(f"{name}_raw", raw)
    return module


@pytest.mark.parametrize(
    ("make", "name", "row"),
    [
        (lambda: LSTM(3, 2), "weight_hh_l0", ("LSTM", "LSTM", 56)),
        (
            lambda: LSTM(3, 4, proj_size=2, peephole=True, bidirectional=True),
            "weight_co_l0_reverse",
            ("LSTM", "LSTM", 264),
        ),
        (lambda: GRU(3, 2, num_layers=2), "bias_hh_l1", ("GRU", "GRU", 78)),
        (lambda: LSTMCell(3, 2, peephole=True), "weight_ih", ("LSTMCell", "LSTMCell", 62)),
        (lambda: GRUCell(3, 2), "weight_hh", ("GRUCell", "GRUCell", 42)),
        (lambda: torch.nn.LSTMCell(3, 2), "weight_hh", ("LSTMCell", "LSTMCell", 56)),
        (lambda: torch.nn.LSTM(3, 2, bias=True), "bias_ih_l0", ("LSTM", "LSTM", 56)),
    ],
    ids=[
        "lstm",
        "proj-peephole",
        "gru-bias",
        "peephole-cell",
        "gru-cell",
        "torch-cell",
        "torch-bias",
    ],
)
def test_summary_gives_a_layer_or_cell_whose_weight_was_moved_one_row(make, name, row):
    """summary of an lstmkit layer or cell, or a torch.nn cell, whose weight a weight-dropping
    wrapper had moved (AWD-LSTM's WeightDrop, printed before the first call) failed with
    "AttributeError: 'LSTM' object has no attribute 'weight_hh_l0'"; a torch.nn.LSTM got one row
    there, and a torch.nn.LSTM's moved bias counted 0 in its gates' rows. Each gets the row of
    any other module with parameters, all of them counted."""
    table = lstmkit.summary(_moved(make(), name))
    assert [(r["layer"], r["type"], r["total"]) for r in table.rows] == [row]
    assert table.total == row[2] and table.notes == []


def test_summary_of_an_awd_lstm_weight_drop_before_and_after_its_first_call():
    """The WeightDrop pattern itself: one row before the first call, the gates after it (their
    recurrent weights the dropped copy the wrapper set), the total the same."""

    class WeightDrop(torch.nn.Module):
        def __init__(self, module: torch.nn.Module) -> None:
            super().__init__()
            self.module = _moved(module, "weight_hh_l0")

        def forward(self, x):
            raw = self.module.weight_hh_l0_raw
            self.module.weight_hh_l0 = torch.nn.functional.dropout(raw, 0.5, self.training)
            return self.module(x)

    model = WeightDrop(LSTM(3, 4))
    before = lstmkit.summary(model)
    assert [(r["layer"], r["type"], r["total"]) for r in before.rows] == [("module", "LSTM", 144)]
    model(torch.randn(5, 2, 3))
    after = lstmkit.summary(model)
    assert [(r["layer"], r["gate"], r["recurrent"], r["total"]) for r in after.rows] == [
        ("module (l0)", gate, 16, 36) for gate in ("input", "forget", "candidate", "output")
    ]
    assert before.total == after.total == 144
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert (
        "a `torch.nn.RNN`, which has no gates, one row, as does a layer or cell, lstmkit's or "
        "torch's, one of whose weights a weight-dropping wrapper has moved (AWD-LSTM's "
        "`WeightDrop` deletes `weight_hh_l0`"
    ) in text
