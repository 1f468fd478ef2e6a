"""The fused path, exactly: ``implementation="fused"`` against ``torch.nn.LSTM``/``GRU`` given the
same weights (the same kernel: equal within float64 rounding) and against the explicit cells,
with unsorted lengths, initial states, stacks run a layer at a time for tracing, and dropout."""

from __future__ import annotations

import contextlib
import warnings

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from lstmkit.nn import GRU, LSTM, _fused
from lstmkit.nn.trace import trace

# T = 6 steps, B = 3 sequences whose lengths (max 5 < T) sort to [1, 2, 0]: a 3-cycle, so the
# order and its inverse differ
LENGTHS = torch.tensor([2, 5, 3])
KINDS = [(LSTM, nn.LSTM), (GRU, nn.GRU)]


def _pair(ours_cls, torch_cls, **kw):
    torch.manual_seed(0)
    ours = ours_cls(3, 4, implementation="fused", dtype=torch.float64, **kw)
    ref = torch_cls(3, 4, dtype=torch.float64, **kw)
    ref.load_state_dict(ours.state_dict())
    return ours, ref


def _states(ours, rows: int):
    g = torch.Generator().manual_seed(1)
    h = torch.randn(rows, 3, 4, generator=g, dtype=torch.float64)
    c = torch.randn(rows, 3, 4, generator=g, dtype=torch.float64)
    return (h, c) if isinstance(ours, LSTM) else h


def _close(got: torch.Tensor, want: torch.Tensor) -> None:
    torch.testing.assert_close(got, want, rtol=1e-12, atol=1e-14)


def _flat(states):
    return list(states) if isinstance(states, tuple) else [states]


def _torch_with_lengths(ref, x, hx):
    packed = pack_padded_sequence(x, LENGTHS, enforce_sorted=False)
    out, states = ref(packed, hx)
    return pad_packed_sequence(out, total_length=x.shape[0])[0], states


@pytest.mark.parametrize(("ours_cls", "torch_cls"), KINDS)
def test_fused_runs_as_torch_nn_with_unsorted_lengths_and_initial_states(ours_cls, torch_cls):
    ours, ref = _pair(ours_cls, torch_cls, num_layers=2, bidirectional=True)
    x = torch.randn(6, 3, 3, dtype=torch.float64)
    hx = _states(ours, 4)
    out, states = ours(x, hx, lengths=LENGTHS)
    want_out, want_states = _torch_with_lengths(ref, x, hx)
    assert out.shape == (6, 3, 8)
    _close(out, want_out)
    for got, want in zip(_flat(states), _flat(want_states), strict=True):
        _close(got, want)
    # and without lengths, time-major with T != B
    out, states = ours(x, hx)
    want_out, want_states = ref(x, hx)
    _close(out, want_out)
    for got, want in zip(_flat(states), _flat(want_states), strict=True):
        _close(got, want)


@pytest.mark.parametrize(("ours_cls", "torch_cls"), KINDS)
@pytest.mark.parametrize("lengths", [None, LENGTHS])
def test_a_traced_stack_runs_a_layer_at_a_time_as_one_kernel_and_as_the_explicit_cells(
    ours_cls,
    torch_cls,
    lengths,
):
    ours, ref = _pair(ours_cls, torch_cls, num_layers=3, bidirectional=True)
    x = torch.randn(6, 3, 3, dtype=torch.float64)
    hx = _states(ours, 6)
    want_out, want_states = ref(x, hx) if lengths is None else _torch_with_lengths(ref, x, hx)
    with trace(ours) as tr:
        out, states = ours(x, hx, lengths=lengths)
    _close(out, want_out)
    for got, want in zip(_flat(states), _flat(want_states), strict=True):
        _close(got, want)
    ours.implementation = "explicit"
    with trace(ours) as tr_explicit:
        out_explicit, _ = ours(x, hx, lengths=lengths)
    torch.testing.assert_close(out, out_explicit, rtol=1e-10, atol=1e-12)
    assert list(tr) == [f"l{k}{d}" for k in range(3) for d in ("", "_reverse")]
    for key in tr:
        for gate in tr[key]:
            torch.testing.assert_close(
                tr[key][gate], tr_explicit[key][gate], rtol=1e-10, atol=1e-12
            )


@pytest.mark.parametrize("traced", [False, True])
@pytest.mark.parametrize(("ours_cls", "torch_cls"), KINDS)
def test_training_dropout_of_one_zeroes_what_the_upper_layer_reads(ours_cls, torch_cls, traced):
    """With dropout 1 between the layers, the second layer reads zeros: its output is that of a
    one-layer network with its weights on a zero input; in eval mode there is no dropout."""
    ours, ref = _pair(ours_cls, torch_cls, num_layers=2, dropout=1.0)
    top = torch_cls(4, 4, dtype=torch.float64)
    top.load_state_dict(
        {k.replace("_l1", "_l0"): v for k, v in ours.state_dict().items() if "_l1" in k}
    )
    x = torch.randn(5, 3, 3, dtype=torch.float64)
    ours.train()
    with trace(ours) if traced else contextlib.nullcontext():
        out, _ = ours(x)
    _close(out, top(torch.zeros(5, 3, 4, dtype=torch.float64))[0])
    ours.eval()
    ref.eval()
    with trace(ours) if traced else contextlib.nullcontext():
        out, _ = ours(x)
    _close(out, ref(x)[0])


def test_the_cudnn_warning_is_hidden_on_cuda_only_and_no_other_warning() -> None:
    assert isinstance(_fused.quiet_cudnn_weights(torch.device("cpu")), contextlib.nullcontext)
    message = _fused.CUDNN_WEIGHTS_WARNING + "; call flatten_parameters()"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with _fused.quiet_cudnn_weights(torch.device("cuda")):
            warnings.warn(message, UserWarning, stacklevel=1)
            warnings.warn("another", UserWarning, stacklevel=1)
            warnings.warn(message, DeprecationWarning, stacklevel=1)
        warnings.warn(message, UserWarning, stacklevel=1)  # after the block: shown again
    assert [(str(w.message), w.category) for w in caught] == [
        ("another", UserWarning),
        (message, DeprecationWarning),
        (message, UserWarning),
    ]


def test_compiled_training_on_cpu_is_a_traced_cpu_call_whose_weights_alone_need_a_gradient(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    check = _fused._compiled_training_on_cpu
    w = [torch.zeros(2), torch.zeros(2, requires_grad=True)]
    x = torch.zeros(3)
    assert not check(x, w)  # eager
    monkeypatch.setattr(torch.compiler, "is_compiling", lambda: True)
    assert check(x, w)
    assert not check(x.requires_grad_(), w)
    assert not check(torch.zeros(3, device="meta"), w)
    assert not check(torch.zeros(3), [w[0]])
    with torch.no_grad():
        assert not check(torch.zeros(3), w)


def test_zero_from_is_an_exact_zero_in_the_weights_graph() -> None:
    w = [torch.full((2, 3), float("inf"), requires_grad=True), torch.ones(4, requires_grad=True)]
    zero = _fused._zero_from(w)
    assert zero.item() == 0.0
    assert zero.requires_grad
    zero.backward()
    assert torch.equal(w[0].grad, torch.zeros(2, 3))


@pytest.mark.parametrize("cls", [LSTM, GRU])
def test_a_traced_training_call_draws_the_untraced_dropout_masks_and_no_more(cls):
    """A traced stack runs a layer at a time with a dropout between layers, as the kernel does
    on the CPU: the same masks from the same seed, and the same draws left to the caller (none
    after the last layer)."""
    torch.manual_seed(0)
    lstm = cls(3, 4, num_layers=3, dropout=0.5, implementation="fused", dtype=torch.float64)
    x = torch.randn(5, 2, 3, dtype=torch.float64)
    torch.manual_seed(7)
    want, after = lstm(x)[0], torch.rand(4)
    torch.manual_seed(7)
    with trace(lstm):
        got = lstm(x)[0]
    assert torch.equal(got, want)
    assert torch.equal(torch.rand(4), after)
