"""Gate traces that keep what the call saw: the lengths of each call, not the caller's tensor
edited afterwards."""

from __future__ import annotations

import torch

import lstmkit
from lstmkit.explain.gates import saturation
from lstmkit.nn import GRU, LSTM


def test_a_trace_keeps_each_call_s_lengths_when_the_caller_reuses_its_tensor() -> None:
    # a loop that refills one lengths tensor per batch changed the lengths of the calls
    # already recorded, and so the valid steps saturation counts (0 here, of 6 + 5)
    torch.manual_seed(0)
    for layer in (LSTM(2, 3, batch_first=True), GRU(2, 3, batch_first=True, bidirectional=True)):
        lengths = torch.tensor([4, 2])
        with lstmkit.trace(layer) as tr:
            layer(torch.randn(2, 4, 2), lengths=lengths)
            lengths.copy_(torch.tensor([4, 1]))
            layer(torch.randn(2, 4, 2), lengths=lengths)
            lengths.fill_(0)
        assert [call.lengths.tolist() for call in tr.calls("l0")] == [[4, 2], [4, 1]]
        assert saturation(tr)["steps"].unique().tolist() == [11]
