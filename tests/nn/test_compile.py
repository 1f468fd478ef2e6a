"""torch.compile traces the layers as one graph (fullgraph=True).

The "eager" backend runs Dynamo's tracing (where graph breaks happen) without code generation,
which keeps these tests fast; the values must equal the uncompiled layer's (to rounding:
the traced graph may order a few operations differently).
"""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM


@pytest.mark.parametrize(
    ("make", "lengths"),
    [
        (lambda: LSTM(3, 4, batch_first=True, dtype=torch.float64), None),
        (
            lambda: LSTM(3, 4, batch_first=True, implementation="explicit", dtype=torch.float64),
            torch.tensor([5, 3]),
        ),
        (
            lambda: LSTM(
                3, 4, bidirectional=True, peephole=True, batch_first=True, dtype=torch.float64
            ),
            [5, 2],
        ),
        (
            lambda: GRU(3, 4, batch_first=True, implementation="explicit", dtype=torch.float64),
            torch.tensor([4, 5]),
        ),
    ],
    ids=["fused", "explicit lengths", "peephole bidirectional lengths", "gru lengths"],
)
def test_fullgraph_compile_matches_eager(make, lengths):
    torch.manual_seed(0)
    torch._dynamo.reset()
    module = make()
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    kw = {} if lengths is None else {"lengths": lengths}
    compiled = torch.compile(module, fullgraph=True, backend="eager")
    out, state = compiled(x, **kw)
    ref, ref_state = module(x, **kw)
    torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-14)
    for a, b in zip(
        state if isinstance(state, tuple) else (state,),
        ref_state if isinstance(ref_state, tuple) else (ref_state,),
        strict=True,
    ):
        torch.testing.assert_close(a, b, rtol=1e-12, atol=1e-14)


@pytest.mark.filterwarnings("ignore::torch.jit.TracerWarning")
@pytest.mark.filterwarnings("ignore:`torch.jit.trace.* is deprecated")
@pytest.mark.parametrize("peephole", [False, True], ids=["explicit", "peephole"])
def test_jit_trace_replays_the_explicit_lstm_with_gradients(peephole):
    """torch.jit.trace of the explicit path (peepholes always take it): the traced module runs
    with gradients and gives the eager values and gradients (its in-place step writes failed
    on replay: 'Output 0 of Unbind is a view and is being modified inplace')."""
    torch.manual_seed(0)
    module = LSTM(
        3, 4, batch_first=True, peephole=peephole, implementation="explicit", dtype=torch.float64
    )
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    traced = torch.jit.trace(module, (x,), check_trace=False)
    out, (h_n, c_n) = traced(x)
    ref, (ref_h, ref_c) = module(x)
    torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(h_n, ref_h, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(c_n, ref_c, rtol=1e-12, atol=1e-14)
    grad = torch.autograd.grad((out.sum() + c_n.sum()), module.weight_hh_l0)[0]
    ref_grad = torch.autograd.grad((ref.sum() + ref_c.sum()), module.weight_hh_l0)[0]
    torch.testing.assert_close(grad, ref_grad, rtol=1e-12, atol=1e-14)


@pytest.mark.filterwarnings("ignore:`torch.jit.trace.* is deprecated")
@pytest.mark.filterwarnings("ignore:Converting a tensor:torch.jit.TracerWarning")
@pytest.mark.parametrize(
    "make",
    [
        lambda: LSTM(3, 4, peephole=True, dtype=torch.float64),
        lambda: GRU(3, 4, bidirectional=True, implementation="explicit", dtype=torch.float64),
    ],
    ids=["lstm peephole", "gru explicit"],
)
def test_a_jit_trace_of_the_explicit_path_refuses_another_number_of_steps(make):
    """The trace unrolls the explicit path's time loop: replayed on 7 steps after a trace on 5,
    an LSTM returned the outputs of 5 steps (out[-1] silently another number) and a GRU failed
    with "Expected 5 elements in a list but found 7"."""
    torch.manual_seed(0)
    module = make()
    with pytest.warns(torch.jit.TracerWarning, match="recorded for the example input's 5 time"):
        traced = torch.jit.trace(module, (torch.randn(5, 2, 3, dtype=torch.float64),))
    x = torch.randn(5, 3, 3, dtype=torch.float64)  # another batch size is fine
    torch.testing.assert_close(traced(x)[0], module(x)[0], rtol=1e-12, atol=1e-14)
    with pytest.raises(torch.jit.Error, match=r"unrolled to 5 time steps; the input has 7\. Trace"):
        traced(torch.randn(7, 2, 3, dtype=torch.float64))


def test_torch_export_runs_the_explicit_lstm():
    """torch.export of the explicit path (it failed as torch.jit.trace did, on the in-place
    step writes); the exported program gives the eager values."""
    torch.manual_seed(0)
    module = LSTM(3, 4, batch_first=True, implementation="explicit", dtype=torch.float64)
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    exported = torch.export.export(module, (x,)).module()
    out, (h_n, c_n) = exported(x)
    ref, (ref_h, ref_c) = module(x)
    torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(h_n, ref_h, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(c_n, ref_c, rtol=1e-12, atol=1e-14)


def test_the_explicit_lstm_runs_on_a_torch_without_is_exporting(monkeypatch):
    """torch.compiler.is_exporting came with torch 2.6; the package declares torch>=2.4, where
    every explicit LSTM call (peepholes always) failed with an AttributeError naming it."""
    torch.manual_seed(0)
    module = LSTM(3, 4, batch_first=True, peephole=True, dtype=torch.float64)
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    ref, (ref_h, ref_c) = module(x)
    monkeypatch.delattr(torch.compiler, "is_exporting", raising=False)  # torch 2.4 has none
    out, (h_n, c_n) = module(x)
    assert torch.equal(out, ref) and torch.equal(h_n, ref_h) and torch.equal(c_n, ref_c)


def test_compiled_training_of_the_fused_lstm_on_the_cpu():
    """torch.compile of a training step (weights that need a gradient, an input that does not,
    float32 on the CPU): Inductor's decomposition took oneDNN's inference-only layer and the
    backward failed (under Inductor with "expected Tensor() for op: mkldnn_rnn_layer"; here,
    with its decompositions but no code generation, "expected all tensors_saved_with_vc_check
    to be Tensors"). torch.nn.LSTM never met it: Dynamo does not trace into it."""
    torch.manual_seed(0)
    torch._dynamo.reset()
    module = LSTM(3, 2, batch_first=True)
    x = torch.randn(2, 3, 3)
    compiled = torch.compile(module, fullgraph=True, backend="aot_eager_decomp_partition")
    out, (h_n, c_n) = compiled(x)
    (out.sum() + h_n.sum() + c_n.sum()).backward()
    grads = [p.grad.clone() for p in module.parameters()]
    module.zero_grad()
    ref, (ref_h, ref_c) = module(x)
    (ref.sum() + ref_h.sum() + ref_c.sum()).backward()
    torch.testing.assert_close(out, ref)
    torch.testing.assert_close(h_n, ref_h)
    torch.testing.assert_close(c_n, ref_c)
    for grad, p in zip(grads, module.parameters(), strict=True):
        torch.testing.assert_close(grad, p.grad)


@pytest.mark.parametrize("lengths", [None, [3, 2]])
@pytest.mark.parametrize("gru", [False, True])
def test_final_states_keep_their_shape_when_the_kernel_adds_a_dimension(monkeypatch, gru, lengths):
    """Under torch.compile, torch 2.11's decomposition of torch.lstm returned h_n and c_n as
    [L * D, 1, B, H] (pytorch#185716; this test's compiled training failed so on a machine with
    torch 2.11): the fused path gives the final states back in their own shape, values kept."""
    torch.manual_seed(0)
    module = (GRU if gru else LSTM)(3, 2, num_layers=2, bidirectional=True, batch_first=True)
    x = torch.randn(2, 3, 3)
    expected = module(x, lengths=lengths)
    kernel = torch.gru if gru else torch.lstm

    def widened(*args):
        out, *states = kernel(*args)
        return (out, *(s.unsqueeze(1) for s in states))

    monkeypatch.setattr(torch, "gru" if gru else "lstm", widened)
    torch.testing.assert_close(module(x, lengths=lengths), expected, rtol=0, atol=0)
