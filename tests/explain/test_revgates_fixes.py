"""Review of the gate-trace changes (saturation over every call of a layer): a stacked,
bidirectional GRU read in padded windows, counted against a count by hand."""

from __future__ import annotations

import numpy as np
import torch

import lstmkit
from lstmkit.explain.gates import saturation


def test_saturation_of_padded_windows_matches_a_count_by_hand_in_every_direction() -> None:
    torch.manual_seed(0)
    gru = lstmkit.nn.GRU(2, 3, num_layers=2, bidirectional=True, batch_first=True)
    with torch.no_grad():
        for p in gru.parameters():
            p.mul_(4)  # saturated gates, so the fractions are not all 0
    with lstmkit.trace(gru) as tr:
        lengths = torch.tensor([5, 2])
        gru(torch.randn(2, 5, 2), lengths=lengths)
        lengths.copy_(torch.tensor([1, 3]))  # the caller's tensor, refilled for the next window
        gru(torch.randn(2, 3, 2), lengths=lengths)
        gru(torch.randn(1, 4, 2))
    stats = saturation(tr, low=0.2, high=0.8)
    assert sorted(stats["layer"].unique()) == ["l0", "l0_reverse", "l1", "l1_reverse"]
    assert stats["steps"].unique().tolist() == [5 + 2 + 1 + 3 + 4]
    for (key, gate), rows in stats.groupby(["layer", "gate"]):
        # the valid steps of each call, its own lengths: [5, 2], then [1, 3], then all 4
        steps = [(0, 0, 5), (0, 1, 2), (1, 0, 1), (1, 1, 3), (2, 0, 4)]
        calls = tr.calls(key)
        values = np.concatenate([calls[c][gate][b, :n].numpy() for c, b, n in steps])
        assert rows["left"].tolist() == (values < 0.2).mean(0).tolist()
        assert rows["right"].tolist() == (values > 0.8).mean(0).tolist()
    assert stats["right"].sum() > 1  # saturation was counted, not all zeros
