"""Review of nn11 (revnn11): a square padding mask of a time-major layer is told sum(0), an
unbatched sequence's [T] mask is named a mask, and a GRU's tuple state is told the shape an
unbatched call takes (and, empty, hx=None) in the layer and the cell alike."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM, GRUCell

_HEAD = "`lengths` must be 1-D with one entry per sequence ({b}), got shape {shape}, that of a "


def _refusal(call, error=ValueError) -> str:
    with pytest.raises(error) as err:
        call()
    return str(err.value)


def test_a_square_mask_of_a_time_major_layer_is_told_to_sum_over_time():
    """With B == T a time-major layer's [T, B] mask was told "[B, T] mask ... mask.sum(1)",
    which sums over the batch and gives lengths that run (here [4, 4, 3, 3] for [4, 2, 4, 4]):
    the layout is now the input's."""
    torch.manual_seed(0)
    x = torch.randn(4, 4, 3, dtype=torch.float64)  # [T, B, I], T == B == 4
    mask = torch.ones(4, 4, dtype=torch.bool)
    mask[2:, 1] = False  # sequence 1 has 2 steps
    lstm = LSTM(3, 2, dtype=torch.float64)
    assert _refusal(lambda: lstm(x, lengths=mask)) == _HEAD.format(b=4, shape="(4, 4)") + (
        "[T, B] mask: pass each sequence's length, `lengths=mask.sum(0)` for sequences padded "
        "at the end."
    )
    assert mask.sum(0).tolist() == [4, 2, 4, 4]
    out, _ = lstm(x, lengths=mask.sum(0))
    assert out[2:, 1].abs().max().item() == 0.0 and out[1, 1].abs().min().item() > 0.0
    # batch_first: the same square mask is [B, T]; the text classifier and lrp are batch-first
    gru = GRU(3, 2, batch_first=True, dtype=torch.float64)
    # (read [B, T], its sequences 2 and 3 have a gap, which lengths cannot describe: nn12)
    assert "[B, T] mask whose sequence 2 has padded step 1 before real step 2" in _refusal(
        lambda: gru(x, lengths=mask)
    )


def test_an_unbatched_sequences_mask_is_named_a_mask():
    """A [T] bool or float mask for one unbatched sequence was refused for its dtype ("must hold
    integers, got dtype torch.bool"), and converted, for its shape: it is now named a mask, with
    the length that replaces it; a [1, 1] bool mask too."""
    lstm = LSTM(3, 2, dtype=torch.float64)
    x = torch.randn(5, 3, dtype=torch.float64)  # unbatched [T, I]
    mask = torch.tensor([True, True, True, False, False])
    says = _HEAD.format(b=1, shape="(5,)") + (
        "[T] mask: pass the sequence's length, `lengths=mask.sum()` for a sequence padded at the "
        "end."
    )
    assert _refusal(lambda: lstm(x, lengths=mask)) == says
    assert _refusal(lambda: lstm(x, lengths=mask.double())) == says.replace(
        "mask.sum()", "mask.sum().long()"
    )
    out, _ = lstm(x, lengths=mask.double().sum().long())
    assert out[3:].abs().max().item() == 0.0 and out[2].abs().min().item() > 0.0
    # an int [T] of lengths' dtype is not taken for a mask
    assert _refusal(lambda: lstm(x, lengths=mask.long())) == (
        "`lengths` must be 1-D with one entry per sequence (1), got shape (5,): the input is one "
        "unbatched sequence [T, I] of 5 steps, whose length is one int (`lengths=5` or fewer); a "
        "batch of sequences is 3-D [T, B, I]."  # nn12: the shape an unbatched call takes
    )
    one = torch.ones(1, 1, dtype=torch.bool)  # T == B == 1
    assert _refusal(lambda: lstm(x[:1, None], lengths=one)) == _HEAD.format(b=1, shape="(1, 1)") + (
        "[T, B] mask: pass each sequence's length, `lengths=mask.sum(0)` for sequences padded "
        "at the end."
    )


@pytest.mark.parametrize(
    ("make", "x", "hx", "says"),
    [
        (
            lambda: GRU(5, 4, num_layers=2),
            torch.randn(6, 5),
            (torch.zeros(2, 4),),
            "`hx` of a GRU must be a Tensor h_0 [num_layers * num_directions, H] for unbatched "
            "input (a GRU's state is one tensor), got a tuple of 1; pass `hx[0]` if it holds h_0.",
        ),
        (
            lambda: GRU(5, 4, num_layers=2),
            torch.randn(6, 3, 5),
            [],
            "`hx` of a GRU must be a Tensor h_0 [num_layers * num_directions, B, H] (a GRU's "
            "state is one tensor), got a list of 0; pass hx=None for zeros.",
        ),
        (
            lambda: GRUCell(5, 4),
            torch.randn(5),
            (torch.zeros(4),),
            "`hx` of a GRUCell must be a Tensor h_0 [H] for unbatched input (a GRU's state is one "
            "tensor), got a tuple of 1; pass `hx[0]` if it holds h_0.",
        ),
        (
            lambda: GRUCell(5, 4),
            torch.randn(3, 5),
            (),
            "`hx` of a GRUCell must be a Tensor h_0 [B, H] (a GRU's state is one tensor), got a "
            "tuple of 0; pass hx=None for zeros.",
        ),
    ],
    ids=["gru-unbatched", "gru-empty", "cell-unbatched", "cell-empty"],
)
def test_a_gru_tuple_state_is_told_the_shape_this_call_takes(make, x, hx, says):
    """An unbatched call was told the batched [num_layers * num_directions, B, H] (GRUCell:
    [B, H]), a shape it then refuses, and an empty tuple to pass `hx[0]`, an IndexError: the
    shape is now the call's and an empty state is told hx=None; the layer and the cell share
    one message."""
    module = make()
    assert _refusal(lambda: module(x, hx), TypeError) == says
    if hx:  # the remedy runs
        out = module(x, hx[0])
        assert tuple((out if isinstance(module, GRUCell) else out[1]).shape) == tuple(hx[0].shape)


def test_implementation_is_checked_on_assignment_as_at_construction():
    """`m.implementation = "bogus"` after construction was taken and ran the fused path (a
    peephole LSTM's "fused" too, failing later): it is now refused with the constructor's
    message, and a valid value still switches the path."""
    lstm = LSTM(3, 2, dtype=torch.float64)

    def assign(module, value):
        module.implementation = value

    assert _refusal(lambda: assign(lstm, "bogus")) == (
        "`implementation` must be one of ('auto', 'fused', 'explicit'), got 'bogus'."
    )
    assert lstm.implementation == "auto"
    peephole = LSTM(3, 2, peephole=True)
    assert _refusal(lambda: assign(peephole, "fused")) == (
        "`implementation='fused'` cannot run peephole=True: PyTorch's kernel has no peephole "
        "connections. Use implementation='explicit' or 'auto'."
    )
    x = torch.randn(4, 2, 3, dtype=torch.float64)
    fused = lstm(x)[0]
    lstm.implementation = "explicit"
    assert not lstm._use_fused()
    torch.testing.assert_close(lstm(x)[0], fused, rtol=0, atol=1e-15)


def test_a_mask_that_is_no_tensor_is_told_lengths_in_its_own_type():
    """A NumPy float mask was told `mask.sum(1).long()` and a list mask `mask.sum(1)`, both an
    AttributeError; float lengths in a list were named "dtype torch.float32", which the user
    never wrote. Each hint now runs on what was passed (checked by evaluating it)."""
    np = pytest.importorskip("numpy")
    lstm = LSTM(3, 2, batch_first=True, dtype=torch.float64)
    x = torch.randn(2, 3, 3, dtype=torch.float64)
    rows = [[1.0, 1.0, 0.0], [1.0, 1.0, 1.0]]
    for mask, hint in [
        (np.array(rows), "mask.sum(1).astype(int)"),
        (np.array(rows, dtype=bool), "mask.sum(1)"),
        (rows, "torch.as_tensor(mask).sum(1).long()"),
        ([[bool(v) for v in row] for row in rows], "torch.as_tensor(mask).sum(1)"),
    ]:
        says = _refusal(lambda mask=mask: lstm(x, lengths=mask))
        assert says == _HEAD.format(b=2, shape="(2, 3)") + (
            f"[B, T] mask: pass each sequence's length, `lengths={hint}` for sequences padded "
            "at the end."
        )
        lengths = eval(hint, {"mask": mask, "torch": torch})  # the hint, as given
        out, _ = lstm(x, lengths=lengths)
        assert out[0, 2].abs().max().item() == 0.0 and out[1, 2].abs().min().item() > 0.0
    assert _refusal(lambda: lstm(x, lengths=[3, 2.5]), TypeError) == (
        "`lengths` must hold integers, got [3, 2.5]."
    )
    # whole numbers are told the conversion (test_lengths_hint_fixes)
    assert _refusal(lambda: lstm(x, lengths=np.array([3.0, 2.0])), TypeError) == (
        "`lengths` must hold integers, got dtype float64 (whole numbers: pass them as ints, "
        "`lengths=lengths.astype(int)`)."
    )
    assert _refusal(lambda: lstm(x, lengths=torch.tensor([3.0, 2.0])), TypeError) == (
        "`lengths` must hold integers, got dtype torch.float32 (whole numbers: pass them as "
        "ints, `lengths=lengths.long()`)."
    )


@pytest.mark.parametrize("cls", [LSTM, GRU])
def test_fused_lengths_under_vmap_are_refused_with_what_to_use(cls):
    """README said `vmap(grad)` of `"fused"` gives each sample's gradient; with `lengths` it
    warned of a "performance drop" (an error here) and failed with "Cannot access data pointer
    of Tensor that doesn't have storage". `"fused"` now refuses lengths under vmap, saying why
    and what to use; `"auto"` gives one backward's gradient per sample."""
    torch.manual_seed(0)
    kwargs = {"num_layers": 2, "bidirectional": True, "batch_first": True}
    fused = cls(4, 2, implementation="fused", dtype=torch.float64, **kwargs)
    x = torch.randn(3, 2, 5, 4, dtype=torch.float64)  # 3 samples of a [B, T, I] batch
    lengths = torch.tensor([5, 3])

    def per_sample(module):
        return torch.func.vmap(
            torch.func.grad(lambda xi: module(xi, lengths=lengths)[0].pow(2).sum())
        )(x)

    assert _refusal(lambda: per_sample(fused), RuntimeError) == (
        "`implementation='fused'` cannot take `lengths` under vmap: PyTorch's packed sequences "
        "have no batching rule. Use implementation='auto' or 'explicit'."
    )
    auto = cls(4, 2, dtype=torch.float64, **kwargs)
    auto.load_state_dict(fused.state_dict())
    got = per_sample(auto)
    for b in range(3):
        xb = x[b].clone().requires_grad_()
        (want,) = torch.autograd.grad(fused(xb, lengths=lengths)[0].pow(2).sum(), xb)
        torch.testing.assert_close(got[b], want, rtol=1e-12, atol=1e-14)
    # without padding there is nothing to pack: "fused" runs under vmap(grad), as before
    full = torch.func.vmap(torch.func.grad(lambda xi: fused(xi)[0].pow(2).sum()))(x)
    assert tuple(full.shape) == (3, 2, 5, 4)
