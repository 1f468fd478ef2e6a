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
