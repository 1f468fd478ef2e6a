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


@pytest.mark.filterwarnings("ignore:`torch.jit.trace.*` is deprecated")  # torch 2.13 and 2.14
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


@pytest.mark.parametrize(
    ("ratio", "verdict"),
    [
        (1.053, "<= 1.05x  ok"),  # printed "1.05x": was MISSED beside its own figure
        (1.049, "<= 1.05x  ok"),
        (1.056, "<= 1.05x  MISSED"),  # printed "1.06x"
    ],
)
def test_bench_rnn_judges_the_ratio_it_prints(bench_script, ratio, verdict):
    """bench_rnn printed "lstmkit fused 1.05x ... fwd <= 1.05x  MISSED" for a ratio of 1.053:
    the verdict now judges the two-decimal figure shown beside it, as README's table gives it."""
    bench = bench_script("bench_rnn")
    assert f"{ratio:.2f}x" in {"1.05x", "1.06x"}
    assert bench._verdict(ratio, 1.05) == verdict
    assert bench._meets(0.996, 1.0, strict=True) is False  # "1.00x  target < 1.00x": missed
    assert bench._meets(0.994, 1.0, strict=True) is True  # "0.99x"


@pytest.mark.parametrize("cls", [LSTM, GRU])
def test_vmap_grad_of_the_fused_path_gives_each_samples_gradient_without_a_warning(cls):
    """README said `vmap(grad)` ran the fused kernels "with a 'performance drop' warning"; on
    torch 2.13 none comes (warnings are errors here) and the gradients are one backward's per
    sample, in float64, as README now says."""
    torch.manual_seed(3)
    module = cls(
        4, 2, num_layers=2, bidirectional=True, implementation="fused", dtype=torch.float64
    )
    x = torch.randn(3, 5, 4, dtype=torch.float64)  # 3 unbatched sequences [T, I]
    got = torch.func.vmap(torch.func.grad(lambda xi: module(xi)[0].pow(2).sum()))(x)
    for b in range(3):
        xb = x[b].clone().requires_grad_()
        (want,) = torch.autograd.grad(module(xb)[0].pow(2).sum(), xb)
        torch.testing.assert_close(got[b], want, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize(
    ("hx", "got"),
    [
        ((torch.zeros(2, 3, 4),), "a tuple of 1"),
        ([torch.zeros(2, 3, 4), torch.zeros(2, 3, 4)], "a list of 2"),  # an LSTM's (h_0, c_0)
    ],
    ids=["tuple", "lstm-state"],
)
def test_a_gru_given_a_tuple_state_says_what_to_pass(hx, got):
    """A GRU given `(h_0,)` or an LSTM's `(h_0, c_0)` said only "must be a Tensor h_0, got
    tuple" where GRUCell says why and what to pass; the layer now says it too."""
    gru = GRU(5, 4, num_layers=2)
    with pytest.raises(TypeError) as err:
        gru(torch.randn(6, 3, 5), hx)
    assert str(err.value) == (
        "`hx` of a GRU must be a Tensor h_0 [num_layers * num_directions, B, H] (a GRU's state "
        f"is one tensor), got {got}; pass `hx[0]` if it holds h_0."
    )
    out, h_n = gru(torch.randn(6, 3, 5), hx[0])
    assert tuple(out.shape) == (6, 3, 4) and tuple(h_n.shape) == (2, 3, 4)


def _mask_refusal(layer, x, mask) -> str:
    with pytest.raises(ValueError) as err:
        layer(x, lengths=mask)
    return str(err.value)


def test_a_padding_mask_given_as_lengths_is_told_apart():
    """A [B, T] padding mask passed as `lengths` (as Keras and attention layers take one) was
    refused for its dtype ("must hold integers, got dtype torch.bool"), which converting does
    not fix, or for its shape without a word of masks; it is now named a mask, with the
    `lengths` that replaces it, and that call runs."""
    torch.manual_seed(0)
    lstm = LSTM(3, 2, batch_first=True, dtype=torch.float64)
    x = torch.randn(3, 6, 3, dtype=torch.float64)
    mask = torch.ones(3, 6, dtype=torch.bool)
    mask[1, 4:] = False
    head = "`lengths` must be 1-D with one entry per sequence (3), got shape "
    bool_says = _mask_refusal(lstm, x, mask)
    assert bool_says == (
        head + "(3, 6), that of a [B, T] mask: pass each sequence's length, "
        "`lengths=mask.sum(1)` for sequences padded at the end."
    )
    assert _mask_refusal(lstm, x, mask.long()) == bool_says
    assert _mask_refusal(lstm, x, mask.double()) == bool_says.replace(
        "mask.sum(1)", "mask.sum(1).long()"
    )
    out, _ = lstm(x, lengths=mask.double().sum(1).long())
    assert out[1, 4:].abs().max().item() == 0.0 and out[1, 3].abs().min().item() > 0.0
    gru = GRU(3, 2, dtype=torch.float64)  # time-major: a [T, B] mask sums over dim 0
    assert _mask_refusal(gru, x.transpose(0, 1), mask.T) == (
        head + "(6, 3), that of a [T, B] mask: pass each sequence's length, "
        "`lengths=mask.sum(0)` for sequences padded at the end."
    )
