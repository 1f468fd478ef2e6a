"""onnx35: the README's export claims (ONNX, torch.export, torch.jit.trace), measured.

torch.onnx needs the `onnx` package even for its TorchScript exporter (dynamo=False) and
`onnxscript` for dynamo=True, neither of which the test environment holds: the ONNX side is
measured by benchmarks/onnx_check.py, and these tests check the torch.export graph that
`torch.onnx.export(..., dynamo=True)` converts.
"""

from __future__ import annotations

import importlib.machinery
import operator
import sys
import types

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


# -- benchmarks/onnx_check.py, where onnxruntime is not installed --------------------------------


def test_onnx_check_says_what_it_needs_where_onnxruntime_is_missing(bench_refusal, monkeypatch):
    """Without onnx, onnxruntime or onnxscript (the test environment has none of them) the
    script says which it lacks and how to install them, before any export."""
    for name in ("onnx", "onnxruntime", "onnxscript"):
        monkeypatch.setitem(sys.modules, name, None)  # find_spec says None: not installed
    assert bench_refusal("onnx_check", []) == (
        "onnx_check.py: error: this script runs the exported models in onnxruntime and needs "
        "onnx, onnxruntime, onnxscript; this Python "
        f"({sys.executable}) lacks onnx, onnxruntime, onnxscript. Install them beside lstmkit: "
        "pip install -c constraints.txt onnx onnxruntime onnxscript"
    )


def test_onnx_check_refuses_a_word_that_names_no_row(bench_refusal, monkeypatch):
    """Its flags are refused before any export (here as if the packages were installed)."""
    for name in ("onnx", "onnxruntime", "onnxscript"):
        module = types.ModuleType(name)
        module.__spec__ = importlib.machinery.ModuleSpec(name, None)
        monkeypatch.setitem(sys.modules, name, module)
    message = bench_refusal("onnx_check", ["--only", "gru", "lsmt", "--steps", "0"])
    assert message == "onnx_check.py: error: --steps must be a positive integer, got 0."
    message = bench_refusal("onnx_check", ["--only", "gru", "lsmt"])
    assert message.startswith(
        "onnx_check.py: error: --only lsmt: no row's name holds it; the rows: LSTM fused; "
    )
    assert message.endswith("; torch.nn.LSTM; torch.nn.GRU.")


def test_onnx_check_tells_a_wrong_output_from_a_failure(bench_script):
    """The helpers behind its tables: differences over outputs of one shape, None for shapes
    that differ (the TorchScript exporter's explicit LSTM returns the traced steps' outputs
    for a longer input), and the cause of a torch.onnx error rather than its next steps."""
    onnx_check = bench_script("onnx_check")
    a = [torch.zeros(5, 2, 4), torch.zeros(1, 2, 4)]
    assert onnx_check.max_diff(a, [torch.full((5, 2, 4), 0.25), torch.zeros(1, 2, 4)]) == 0.25
    assert onnx_check.max_diff(a, [torch.zeros(8, 2, 4), torch.zeros(1, 2, 4)]) is None
    err = RuntimeError(
        "Failed to convert the exported program to an ONNX model. \x1b[96mThis is step 3/3"
        "\x1b[0m of exporting the model to ONNX. Next steps:\n- If there is ...\n\n"
        "## Exception summary\n\n<class 'AssertionError'>: aten::cat received all None or "
        "empty tensors\n⬆️\n<class 'torch.onnx._internal.exporter._errors.ConversionError'>: ..."
    )
    assert onnx_check.first_line(err) == (
        "AssertionError: aten::cat received all None or empty tensors"
    )
    assert onnx_check.first_line(ValueError("bad\nmore")) == "ValueError: bad"
    # onnxruntime's: the node and its message, without the source file; on one line
    err = RuntimeError(
        "[ONNXRuntimeError] : 1 : FAIL : Non-zero status code returned while running Reshape "
        "node. Name:'node_Reshape_56' Status Message: /onnxruntime_src/onnxruntime/core/"
        "providers/cpu/tensor/reshape_helper.h:91 onnxruntime::ReshapeHelper::ReshapeHelper("
        "const onnxruntime::TensorShape&, bool) input_shape_size == requested_shape_size was "
        "false. The input tensor cannot be reshaped. Input shape:{8,2,1,4}"
    )
    assert onnx_check.first_line(err) == (
        "RuntimeError: Reshape node: The input tensor cannot be reshaped. Input shape:{8,2,1,4}"
    )
    err = RuntimeError(
        "[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Got invalid dimensions for input: x for "
        "the following indices\n index: 0 Got: 8 Expected: 5\n Please fix the inputs."
    )
    assert onnx_check.first_line(err) == (
        "RuntimeError: Got invalid dimensions for input: x for the following indices index: 0 "
        "Got: 8 Expected: 5 Please fix the inputs."
    )


# -- the TorchScript ONNX exporter (dynamo=False) and the explicit path's length -----------------


@pytest.mark.filterwarnings("ignore:`torch.jit.trace.* is deprecated")  # torch 2.13 and 2.14
@pytest.mark.parametrize(
    ("make", "said"),
    [
        (
            lambda: LSTM(3, 4, implementation="explicit"),
            "LSTM: the explicit path's time loop is recorded for the example input's 5 time "
            "steps, and the ONNX model does not check the length: onnxruntime refuses another "
            "one only where the time axis is static (no dynamic_axes); with a dynamic one, run "
            "it on 5 steps only. Export with implementation='fused' for any length, or with an "
            "input of the length you will run.",
        ),
        (
            lambda: LSTM(3, 4, peephole=True),
            "peephole LSTM: the explicit path's time loop is recorded for the example input's 5 "
            "time steps, and the ONNX model does not check the length: onnxruntime refuses "
            "another one only where the time axis is static (no dynamic_axes); with a dynamic "
            "one, run it on 5 steps only. Export it with an input of the length you will run (it "
            "has no fused path).",
        ),
    ],
    ids=["explicit", "peephole"],
)
def test_an_onnx_export_of_the_explicit_path_says_the_model_does_not_check_the_length(
    make, said, monkeypatch
):
    """torch.onnx.export(..., dynamo=False) traces the layer as torch.jit.trace does, and its
    TracerWarning said "the traced module refuses inputs of another length"; the ONNX model
    drops that check (benchmarks/onnx_check.py: with a dynamic time axis, onnxruntime ran an
    explicit LSTM exported on 5 steps on 8 and returned outputs of 5 steps, without a word).
    The warning says so now, and that a static time axis (the default) is still checked, by
    onnxruntime on the input's shape ("Got invalid dimensions for input: x ... Got: 8 Expected:
    5"; revonnx35: the warning said the model checked no length at all). torch.onnx.export
    needs the onnx package, which the tests lack: the trace runs as the exporter runs it, with
    torch.onnx.is_in_onnx_export() true."""
    monkeypatch.setattr(torch.onnx, "is_in_onnx_export", lambda: True)
    with pytest.warns(torch.jit.TracerWarning) as caught:
        torch.jit.trace(make().eval(), (torch.randn(5, 2, 3),), check_trace=False)
    tracer = [str(w.message) for w in caught if w.category is torch.jit.TracerWarning]
    assert tracer == [said]
