"""A PyTorch user swapping torch.nn's recurrent modules for lstmkit.nn's (nn11): a jit trace of
the explicit path names the layer it refuses for and, for a peephole LSTM, the one remedy it has;
bench_rnn's verdicts judge the ratio as printed beside them."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM

_TRACED = (
    "this {name} was traced (torch.jit.trace) on its explicit path, whose time loop the trace "
    "unrolled to 5 time steps; the input has 7. {remedy}."
)
_FUSED = (
    "Trace with implementation='fused' for any length, or with an input of the length you will run"
)
_PEEPHOLE = "Trace it with an input of the length you will run (it has no fused path)"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # torch.jit.trace, from torch 2.13
@pytest.mark.parametrize(
    ("make", "name", "remedy"),
    [
        (lambda: LSTM(3, 2, peephole=True, dtype=torch.float64), "peephole LSTM", _PEEPHOLE),
        (lambda: GRU(3, 2, implementation="explicit", dtype=torch.float64), "GRU", _FUSED),
        (lambda: LSTM(3, 2, implementation="explicit", dtype=torch.float64), "LSTM", _FUSED),
    ],
    ids=["peephole", "gru", "lstm"],
)
def test_a_jit_trace_of_the_explicit_path_names_its_layer_and_remedy(make, name, remedy):
    """Before, every refusal said "this LSTM/GRU was traced" and told a peephole LSTM, which has
    no fused path, to trace implementation='fused' (no peepholes): the warning and the error now
    name the layer and give a peephole LSTM the remedy it has."""
    torch.manual_seed(0)
    module = make()
    with pytest.warns(torch.jit.TracerWarning) as caught:
        traced = torch.jit.trace(module, (torch.randn(5, 2, 3, dtype=torch.float64),))
    ours = {str(w.message) for w in caught if "explicit path" in str(w.message)}
    assert ours == {
        f"{name}: the explicit path's time loop is recorded for the example input's 5 time "
        f"steps; the traced module refuses inputs of another length. {remedy}."
    }
    x = torch.randn(5, 4, 3, dtype=torch.float64)
    torch.testing.assert_close(traced(x)[0], module(x)[0], rtol=0, atol=1e-15)
    with pytest.raises(torch.jit.Error) as err:
        traced(torch.randn(7, 2, 3, dtype=torch.float64))
    assert str(err.value).splitlines()[-1] == "builtins.RuntimeError: " + _TRACED.format(
        name=name, remedy=remedy
    )
