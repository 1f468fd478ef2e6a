"""onnx35: the README's export claims (ONNX, torch.export, torch.jit.trace), measured.

torch.onnx needs the `onnx` package even for its TorchScript exporter (dynamo=False) and
`onnxscript` for dynamo=True, neither of which the test environment holds: the ONNX side is
measured by benchmarks/onnx_check.py, and these tests check the torch.export graph that
`torch.onnx.export(..., dynamo=True)` converts.
"""

from __future__ import annotations

import operator

import pytest
import torch

from lstmkit.nn import GRU, LSTM


def _targets(program: torch.export.ExportedProgram) -> list[str]:
    """The operations an exported program calls, in order."""
    return [str(n.target) for n in program.graph.nodes if n.op == "call_function"]


@pytest.mark.parametrize(
    ("make", "kernel"), [(LSTM, "aten.lstm.input"), (GRU, "aten.gru.input")], ids=["lstm", "gru"]
)
def test_torch_export_of_the_fused_path_records_the_kernel_alone(make, kernel):
    """Under torch.export an LSTM's fused path added the exact zero that compiled CPU training
    needs (a sum of a concatenation of empty slices of the weights), though an export compiles
    no backward: `torch.onnx.export(lstm, (x,), dynamo=True)` of a default LSTM in eval mode then
    failed, "aten::cat received all None or empty tensors". The graph holds the kernel alone
    now, as a GRU's did, and gives the eager values."""
    torch.manual_seed(0)
    module = make(3, 4, implementation="fused").eval()
    x = torch.randn(5, 2, 3)
    program = torch.export.export(module, (x,))
    outputs = 3 if make is LSTM else 2
    assert _targets(program) == ["aten.new_zeros.default", kernel] + [str(operator.getitem)] * (
        outputs
    )
    out, state = program.module()(x)
    ref, ref_state = module(x)
    assert torch.equal(out, ref)
    for a, b in zip(
        state if make is LSTM else (state,),
        ref_state if make is LSTM else (ref_state,),
        strict=True,
    ):
        assert torch.equal(a, b)


def test_compiled_training_still_links_the_input_to_the_weights(monkeypatch):
    """The zero stays where it is needed: under torch.compile (not exporting), a CPU call whose
    weights need a gradient and whose input does not."""
    from lstmkit.nn import _fused

    weights = [torch.ones(2, requires_grad=True)]
    x = torch.zeros(3)
    monkeypatch.setattr(torch.compiler, "is_compiling", lambda: True)
    assert _fused._compiled_training_on_cpu(x, weights)
    monkeypatch.setattr(torch.compiler, "is_exporting", lambda: True)
    assert not _fused._compiled_training_on_cpu(x, weights)
    monkeypatch.delattr(torch.compiler, "is_exporting")  # torch < 2.6 cannot tell an export
    assert _fused._compiled_training_on_cpu(x, weights)


# -- the README's torch.export and torch.jit.trace claims that no test held ----------------------


# torch.nn.LSTM's export warns that its _flat_weights were assigned during it (lstmkit's do not)
@pytest.mark.filterwarnings("ignore:The tensor attributes self._flat_weights")
@pytest.mark.parametrize(
    "make",
    [
        lambda: LSTM(3, 4, implementation="fused"),
        lambda: LSTM(3, 4, implementation="explicit"),
        lambda: LSTM(3, 4, peephole=True),
        lambda: GRU(3, 4, implementation="fused"),
        lambda: torch.nn.LSTM(3, 4),
    ],
    ids=["fused", "explicit", "peephole", "gru", "torch.nn.LSTM"],
)
def test_torch_export_refuses_a_dynamic_time_dimension_as_for_torch_nn(make):
    """README: "torch.export keeps the steps static on every path, as for torch.nn.LSTM (a
    dynamic time dimension is refused)"."""
    module = make().eval()
    steps = torch.export.Dim("T")
    with pytest.raises(torch._dynamo.exc.UserError) as err:
        torch.export.export(module, (torch.randn(5, 2, 3),), dynamic_shapes=({0: steps},))
    assert str(err.value).startswith("Constraints violated (T)!")


@pytest.mark.filterwarnings("ignore:`torch.jit.trace.* is deprecated")  # torch 2.13 and 2.14
@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
def test_a_jit_trace_of_the_fused_path_runs_any_length(make, recwarn):
    """README: "trace "fused" for any length": a trace on 5 steps replays 8 and 2 with the
    eager values, and without the explicit path's TracerWarning."""
    torch.manual_seed(0)
    module = make(3, 4, num_layers=2, bidirectional=True, implementation="fused")
    module = module.to(torch.float64).eval()
    traced = torch.jit.trace(module, (torch.randn(5, 2, 3, dtype=torch.float64),))
    assert [w for w in recwarn if issubclass(w.category, torch.jit.TracerWarning)] == []
    for steps in (8, 2):
        x = torch.randn(steps, 2, 3, dtype=torch.float64)
        out, ref = traced(x), module(x)
        assert out[0].shape == (steps, 2, 8)
        torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-14)
