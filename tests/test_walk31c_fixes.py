"""Fixes from walking README's "The recurrent core: `lstmkit.nn`" as a torch.nn.LSTM user."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell


def _refusal(call, error: type[Exception] = ValueError) -> str:
    with pytest.raises(error) as caught:
        call()
    return str(caught.value)


@pytest.mark.parametrize("implementation", ["explicit", "fused"])
def test_a_layer_tells_every_wrong_state_at_once(implementation):
    """An (h_0, c_0) with both states wrong was told of h_0 alone and, once that was fixed,
    came back for c_0; now every wrong shape (then every wrong dtype, every non-tensor) is
    named in one refusal, as the unbatched states already were."""
    lstm = LSTM(3, 4, num_layers=2, implementation=implementation, dtype=torch.float64)
    x = torch.randn(5, 2, 3, dtype=torch.float64)
    h_0 = torch.zeros(2, 2, 4, dtype=torch.float64)
    assert _refusal(lambda: lstm(x, (h_0[:, :1], h_0[:1]))) == (
        "`h_0` must have shape (2, 2, 4) (num_layers * num_directions, batch, hidden_size), "
        "got (2, 1, 4); `c_0` must have shape (2, 2, 4) (num_layers * num_directions, batch, "
        "hidden_size), got (1, 2, 4)."
    )
    assert _refusal(lambda: lstm(x, (h_0.float(), h_0.half())), TypeError) == (
        "`h_0` must have dtype torch.float64 like the input, got torch.float32. `c_0` must "
        "have dtype torch.float64 like the input, got torch.float16."
    )
    assert _refusal(lambda: lstm(x, (1, None)), TypeError) == (
        "`h_0` must be a Tensor, got int; `c_0` must be a Tensor, got NoneType; pass hx=None "
        "for zeros."
    )
    # one wrong state is told as before, and a right pair runs as torch.nn.LSTM does
    assert _refusal(lambda: lstm(x, (h_0, h_0[:, :1]))) == (
        "`c_0` must have shape (2, 2, 4) (num_layers * num_directions, batch, hidden_size), "
        "got (2, 1, 4)."
    )
    reference = torch.nn.LSTM(3, 4, num_layers=2, dtype=torch.float64)
    reference.load_state_dict(lstm.state_dict())
    c_0 = torch.randn(2, 2, 4, dtype=torch.float64)
    out, (h_n, c_n) = lstm(x, (h_0, c_0))
    want, (want_h, want_c) = reference(x, (h_0, c_0))
    for got, expected in ((out, want), (h_n, want_h), (c_n, want_c)):
        torch.testing.assert_close(got, expected, rtol=0, atol=1e-12)


def test_a_cell_tells_every_wrong_state_at_once():
    """LSTMCell checked h_0, then c_0: a pair with both wrong was told of h_0 alone. Now both,
    with one remedy where both need the same change."""
    cell = LSTMCell(3, 4, dtype=torch.float64)
    x = torch.randn(2, 3, dtype=torch.float64)
    zeros = torch.zeros(2, 4, dtype=torch.float64)
    assert _refusal(lambda: cell(x, (zeros[:1], zeros[:, :3]))) == (
        "`h_0` must have shape (2, 4) (batch, hidden_size), got (1, 4); `c_0` must have shape "
        "(2, 4) (batch, hidden_size), got (2, 3)."
    )
    assert _refusal(lambda: cell(x[:1], (zeros[0], zeros[0]))) == (
        "`h_0` must have shape (1, 4) (batch, hidden_size), got (4,); `c_0` must have shape "
        "(1, 4) (batch, hidden_size), got (4,): pass `h_0.unsqueeze(0)` and `c_0.unsqueeze(0)` "
        "(a batch of one)."
    )
    assert _refusal(lambda: cell(x, (zeros.float(), zeros.float())), TypeError) == (
        "`h_0` must have dtype torch.float64 like the input, got torch.float32. `c_0` must "
        "have dtype torch.float64 like the input, got torch.float32."
    )
    assert _refusal(lambda: cell(x, (0.0, 0.0)), TypeError) == (
        "`h_0` must be a Tensor, got float; `c_0` must be a Tensor, got float."
    )
    # one wrong state as before; a GRUCell's one state as before
    assert _refusal(lambda: cell(x, (zeros, zeros[:1]))) == (
        "`c_0` must have shape (2, 4) (batch, hidden_size), got (1, 4)."
    )
    assert _refusal(lambda: GRUCell(3, 4, dtype=torch.float64)(x, zeros[:1])) == (
        "`h_0` must have shape (2, 4) (batch, hidden_size), got (1, 4)."
    )
    reference = torch.nn.LSTMCell(3, 4, dtype=torch.float64)
    reference.load_state_dict(cell.state_dict())
    c_0 = torch.randn(2, 4, dtype=torch.float64)
    for got, expected in zip(cell(x, (zeros, c_0)), reference(x, (zeros, c_0)), strict=True):
        torch.testing.assert_close(got, expected, rtol=0, atol=1e-12)


def test_a_gru_state_is_checked_as_before():
    gru = GRU(3, 4, dtype=torch.float64)
    x = torch.randn(5, 2, 3, dtype=torch.float64)
    assert _refusal(lambda: gru(x, torch.zeros(1, 3, 4, dtype=torch.float64))) == (
        "`h_0` must have shape (1, 2, 4) (num_layers * num_directions, batch, hidden_size), "
        "got (1, 3, 4)."
    )


@pytest.mark.parametrize("implementation", ["explicit", "fused"])
def test_one_number_as_lengths_for_a_batch_is_told_how_to_repeat_it(implementation):
    """`lengths=3` for a batch of 2 was told "got shape ()", a shape the user never gave, with
    no word of what to pass; now the number is shown and repeated for the batch (or dropped,
    where it is every step)."""
    lstm = LSTM(3, 4, batch_first=True, implementation=implementation, dtype=torch.float64)
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    assert _refusal(lambda: lstm(x, lengths=3)) == (
        "`lengths` must be 1-D with one entry per sequence (2), got one number, 3: for the "
        "same length in all 2 sequences pass `lengths=torch.full((2,), 3)`."
    )
    assert _refusal(lambda: lstm(x, lengths=torch.tensor(5))) == (
        "`lengths` must be 1-D with one entry per sequence (2), got one number, tensor(5): "
        "where every sequence has all 5 steps, pass `lengths=None` (or "
        "`lengths=torch.full((2,), 5)`)."
    )
    # out of range: no remedy that would be refused in turn, the range told (revwalk31c)
    assert _refusal(lambda: lstm(x, lengths=6)) == (
        "`lengths` must be 1-D with one entry per sequence (2), got one number, 6, outside "
        "[1, 5] (the number of time steps)."
    )
    # the remedies run, as torch.nn.LSTM on the packed batch does
    reference = torch.nn.LSTM(3, 4, batch_first=True, dtype=torch.float64)
    reference.load_state_dict(lstm.state_dict())
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, [3, 3], batch_first=True)
    _, (want_h, want_c) = reference(packed)
    _, (h_n, c_n) = lstm(x, lengths=torch.full((2,), 3))
    torch.testing.assert_close(h_n, want_h, rtol=0, atol=1e-12)
    torch.testing.assert_close(c_n, want_c, rtol=0, atol=1e-12)
    torch.testing.assert_close(lstm(x, lengths=None)[0], reference(x)[0], rtol=0, atol=1e-12)
    # one sequence takes one number, batched [1, T, I] or unbatched [T, I], as before
    assert lstm(x[:1], lengths=3)[0].shape == (1, 5, 4)
    assert lstm(x[0], lengths=3)[0].shape == (5, 4)


def test_states_on_another_device_are_told_at_once():
    """(h_0, c_0) both on another device than the input were told of h_0 alone; now both,
    for a layer and a cell (meta stands for an accelerator: the check reads devices only)."""
    z = torch.zeros(1, 2, 4)
    x = torch.randn(5, 2, 3)
    both = (
        "`h_0` is on device meta but `input` is on cpu: move it (`h_0.to(input.device)`). "
        "`c_0` is on device meta but `input` is on cpu: move it (`c_0.to(input.device)`)."
    )
    meta = (z.to("meta"), z.to("meta"))
    assert _refusal(lambda: LSTM(3, 4)(x, meta), RuntimeError) == both
    assert _refusal(lambda: LSTMCell(3, 4)(x[0], (meta[0][0], meta[1][0])), RuntimeError) == both
    assert _refusal(lambda: LSTM(3, 4)(x, (z, meta[1])), RuntimeError) == (
        "`c_0` is on device meta but `input` is on cpu: move it (`c_0.to(input.device)`)."
    )
