"""core36: the recurrent core walked as a PyTorch user swapping ``torch.nn.LSTM``/``GRU`` for
lstmkit's layers in training code."""

from __future__ import annotations

import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

import lstmkit
from lstmkit.nn import GRU, LSTM


@pytest.mark.parametrize("kind", [LSTM, GRU])
def test_traced_training_with_lengths_drops_as_the_untraced_call(kind) -> None:
    # A traced stack runs one kernel call per layer, and drew the dropout between layers on
    # the padded output, where the whole-stack kernel draws it on the packed one: under the
    # same seed a traced 3-layer LSTM's output differed from the untraced one by 0.09 (a
    # GRU's by 0.72), against the README's "outputs bit-identical to untraced ones".
    torch.manual_seed(0)
    layer = kind(5, 4, num_layers=3, dropout=0.5, bidirectional=True, batch_first=True)
    reference = getattr(torch.nn, kind.__name__)(
        5, 4, num_layers=3, dropout=0.5, bidirectional=True, batch_first=True
    )
    reference.load_state_dict(layer.state_dict())
    x = torch.randn(3, 7, 5)
    lengths = torch.tensor([7, 4, 2])

    torch.manual_seed(5)
    untraced = layer(x, lengths=lengths)[0]
    with lstmkit.trace(layer) as tr:
        torch.manual_seed(5)
        traced = layer(x, lengths=lengths)[0]
        traced.sum().backward()
    traced_grads = [p.grad.clone() for p in layer.parameters()]
    layer.zero_grad()
    torch.manual_seed(5)
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    expected = pad_packed_sequence(reference(packed)[0], batch_first=True, total_length=7)[0]
    expected.sum().backward()

    assert torch.equal(traced, untraced)
    assert torch.equal(traced, expected)  # torch.nn's own draw, bit for bit
    for ours, theirs in zip(traced_grads, reference.parameters(), strict=True):
        assert torch.equal(ours, theirs.grad)
    assert torch.equal(tr["l2"]["h"], traced[..., :4])  # the trace is of the output's masks
    assert torch.equal(traced[1, 4:], torch.zeros(3, 8))  # padded steps stay zero
