"""revcore38: review of core38 (summary of weight-dropped layers, bench_rnn's trace rows)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import torch

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell


def test_bench_rnn_tells_the_explicit_forward_against_the_cell_loop_without_a_verdict(
    bench_script, capsys
):
    """bench_rnn printed "explicit / LSTMCell loop (fwd): ... target < 1.00x  MISSED" in every
    run, where the README's Speed table states the target for forward+backward only and lists
    the forward as what is left: the forward's line is informational, the forward+backward's
    keeps its target and verdict."""
    bench = bench_script("bench_rnn")
    times = {"torch.nn.LSTM": 1.0, "lstmkit explicit": 2.2, "LSTMCell loop": 2.0}
    bench._measure = lambda jobs, reps, sample_s, stat: {k: times.get(k, 1.0) for k in jobs}
    bench.run_shape("forecast", 1, 0.0, "min")
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("explicit /")]
    assert lines == [
        "explicit / LSTMCell loop (fwd): 1.10x  no target (informational; the README's "
        "'What is left')",
        "explicit / LSTMCell loop (fwd+bwd): 1.10x  target < 1.00x  MISSED",
    ]


README = Path(__file__).resolve().parents[1] / "README.md"


def _readme() -> str:
    return " ".join(README.read_text(encoding="utf-8").split())


def _output(cell: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
    out = cell(x)
    return out[0] if isinstance(out, tuple) else out


@pytest.mark.parametrize(
    ("ours", "theirs"), [(LSTMCell, torch.nn.LSTMCell), (GRUCell, torch.nn.GRUCell)]
)
def test_a_cell_under_cpu_bfloat16_autocast_does_as_torch_nn_s_and_the_readme_says_so(ours, theirs):
    """The README told the layers' paths under torch.autocast, not the cells': under the CPU's
    bfloat16 autocast lstmkit's cell, as torch.nn's, runs its products in bfloat16 and returns
    float32 (its parameters' dtype), about 1e-3 from an uncast call."""
    torch.manual_seed(0)
    x = torch.randn(8, 3)
    theirs_cell = theirs(3, 16)
    ours_cell = ours(3, 16)
    ours_cell.load_state_dict(theirs_cell.state_dict())
    for cell in (ours_cell, theirs_cell):
        plain = _output(cell, x)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            cast = _output(cell, x)
        assert cast.dtype == torch.float32
        assert 0 < (cast - plain).abs().max().item() < 1e-2
    assert (
        "A cell, `LSTMCell` or `GRUCell`, under the CPU's autocast (bfloat16 or float16, torch "
        "2.13) does as `torch.nn.LSTMCell` and `GRUCell` do there: its matrix products run in the "
        "lower precision, its output comes in the parameters' dtype (float32 for float32 "
        "parameters), about 1e-3 from an uncast call in bfloat16"
    ) in _readme()


_TRACE = "`torch.jit.trace` is deprecated. Please switch to `torch.compile` or `torch.export`."
_TRACE_METHOD = _TRACE.replace("`torch.jit.trace`", "`torch.jit.trace_method`")


@pytest.mark.skipif(
    tuple(int(n) for n in torch.__version__.split(".")[:2]) < (2, 13),
    reason="torch.jit.trace warns from torch 2.13",
)
@pytest.mark.parametrize("make", [lambda: LSTM(3, 4), lambda: torch.nn.LSTM(3, 4)])
def test_a_jit_trace_of_a_module_also_warns_that_trace_method_is_deprecated(make):
    """The README gave torch.jit.trace's deprecation warning alone; a trace of a module, torch.nn's
    too, also warns that torch.jit.trace_method is deprecated, once more for check_trace."""
    counts = []
    for check in (False, True):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            torch.jit.trace(make(), (torch.randn(5, 2, 3),), check_trace=check)
        said = [str(w.message) for w in caught]
        counts.append((said.count(_TRACE), said.count(_TRACE_METHOD)))
    assert counts == [(1, 1), (1, 2)]
    assert (
        f'a trace of a module, `torch.nn`\'s too, "{_TRACE_METHOD}" as well (a '
        "`DeprecationWarning` under 2.13; once more for the check it runs, `check_trace=True`, "
        "where Python shows every warning)"
    ) in _readme()


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"num_layers": 2, "bidirectional": True, "proj_size": 2},
        {"bias": False, "proj_size": 3, "bidirectional": True},
        {"mode": "GRU", "num_layers": 3, "bias": False},
    ],
    ids=["lstm", "bi-proj-stack", "nobias-proj", "gru"],
)
def test_flat_weights_is_a_list_as_torch_nn_s(kwargs):
    """``LSTM._flat_weights`` was a method where torch.nn.LSTM's is a list attribute: code
    written for torch (``len(m._flat_weights)``, ``zip(m._flat_weights_names, m._flat_weights)``
    to initialise the weights) failed with "object of type 'method' has no len()" and "'LSTM'
    object has no attribute '_flat_weights_names'". Both are lists now, named and ordered as
    torch's, of the layer's own tensors."""
    kwargs = dict(kwargs)
    gru = kwargs.pop("mode", "LSTM") == "GRU"
    ours = (GRU if gru else LSTM)(3, 4, **kwargs)
    theirs = (torch.nn.GRU if gru else torch.nn.LSTM)(3, 4, **kwargs)
    assert ours._flat_weights_names == theirs._flat_weights_names
    assert len(ours._flat_weights) == len(theirs._flat_weights)
    for name, w in zip(ours._flat_weights_names, ours._flat_weights, strict=True):
        assert w is getattr(ours, name)
        torch.nn.init.zeros_(w) if name.startswith("bias") else torch.nn.init.eye_(w)
    assert all(torch.equal(w, getattr(ours, n)) for n, w in ours.named_parameters())


def test_flat_weights_follows_the_layer_and_leaves_out_the_peepholes():
    """Read afresh: a weight set anew is the one in the list, a moved one None (as torch's list
    holds for a name it lacks); peepholes, which torch's kernel does not take, are not in it. The
    fused path runs as before."""
    lstm = LSTM(3, 4, peephole=True)
    assert lstm._flat_weights_names == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]
    lstm.weight_hh_l0 = torch.nn.Parameter(torch.zeros(16, 4))
    assert lstm._flat_weights[1] is lstm.weight_hh_l0
    del lstm.weight_hh_l0
    assert lstm._flat_weights[1] is None
    fused = LSTM(3, 4, implementation="fused")
    twin = torch.nn.LSTM(3, 4)
    twin.load_state_dict(fused.state_dict())
    x = torch.randn(5, 2, 3)
    assert torch.equal(fused(x)[0], twin(x)[0])
    assert (
        "`all_weights` lists the parameters as torch's does, as `_flat_weights` and "
        "`_flat_weights_names` do (lists, read afresh at each access; no peepholes, which "
        "torch's kernel does not take)."
    ) in _readme()
