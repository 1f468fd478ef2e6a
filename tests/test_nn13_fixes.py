"""lstmkit.nn leftovers of nn12 (nn13): a [T] mask of bools passed as `lengths` beside a batch,
a pandas mask holding a missing value, Keras' square `mask=` beside a time-major input, and an
unbatched call's batched (h_0, c_0) told both at once."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import LSTM


def _refusal(call, error=ValueError) -> str:
    with pytest.raises(error) as err:
        call()
    return str(err.value)


def _hint(message: str) -> list[str]:
    """The code spans of a message, in order."""
    return message.split("`")[1::2]


def _alone(layer, x, real, batch_first):
    """Each sequence's real steps (``real``: [B, T] bools) run alone (unbatched): its outputs."""
    xs = x if batch_first else x.transpose(0, 1)
    return [layer(xs[b][real[b]])[0] for b in range(xs.shape[0])]


def test_an_unbatched_call_with_batched_states_is_told_both():
    """An unbatched call given a batch of one's (h_0, c_0) was told "`h_0` must be 2-D ..."
    alone, then c_0 on the next try; both are now told at once, with the squeeze of each."""
    lstm = LSTM(3, 4, num_layers=2, dtype=torch.float64)
    x = torch.randn(5, 3, dtype=torch.float64)
    shape = "must be 2-D (2, 4) for unbatched input (num_layers * num_directions, hidden_size)"
    one = torch.zeros(2, 1, 4, dtype=torch.float64)
    says = _refusal(lambda: lstm(x, (one, one)))
    assert says == (
        f"`h_0` {shape}, got shape (2, 1, 4); `c_0` {shape}, got shape (2, 1, 4): pass "
        "`h_0.squeeze(1)` and `c_0.squeeze(1)`, or batch the input too (`input.unsqueeze(1)`)."
    )
    h_0 = c_0 = one
    _, (h_n, _) = lstm(x, (eval(_hint(says)[-3]), eval(_hint(says)[-2])))
    assert tuple(h_n.shape) == (2, 4)
    two = torch.zeros(2, 2, 4, dtype=torch.float64)
    assert _refusal(lambda: lstm(x, (two, two))) == (
        f"`h_0` {shape}, got shape (2, 2, 4); `c_0` {shape}, got shape (2, 2, 4)."
    )
    assert h_0 is c_0
