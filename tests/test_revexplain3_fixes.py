"""Fixes of the review of explain3: lrp_seq2seq explains again a head whose PReLU of several
slopes the model applies per feature, and an ensemble's explanation takes NaN in both its
output and its members' mean (a sequence's NaN inputs) as no difference, as lrp's check does."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstmkit.explain import lrp_seq2seq

DT = torch.float64


class _FlatHead(nn.Module):
    """encoder → decoder → a head with a PReLU of 5 slopes, called on ``[B·T', H]``."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.LSTM(3, 4, batch_first=True)
        self.decoder = nn.LSTM(2, 4, batch_first=True)
        self.head = nn.Sequential(nn.Linear(4, 5), nn.PReLU(5), nn.Linear(5, 1))
        with torch.no_grad():
            self.head[1].weight.copy_(torch.linspace(0.05, 0.4, 5))

    def forward(self, x: torch.Tensor, future: torch.Tensor) -> torch.Tensor:
        out, _ = self.decoder(future, self.encoder(x)[1])
        batch, steps, hidden = out.shape
        return self.head(out.reshape(batch * steps, hidden)).view(batch, steps)


@pytest.mark.parametrize("check", [True, False])
def test_lrp_seq2seq_explains_a_prelu_of_several_slopes_applied_per_feature(check) -> None:
    """explain3 refused every PReLU of several slopes in a seq2seq head ("lrp_seq2seq does not
    support `head.1` (PReLU with 5 slopes): ..."), also this model's, which calls its head on
    [B·T', H] and so gives each feature its slope, as lrp_seq2seq does: it was explained
    before (the check passes) and is again."""
    torch.manual_seed(0)
    model = _FlatHead().to(DT)
    x, future = torch.randn(2, 6, 3, dtype=DT), torch.randn(2, 5, 2, dtype=DT)
    ex = lrp_seq2seq(model, x, future, 1, bias_factor=1.0, check=check)
    with torch.no_grad():
        torch.testing.assert_close(ex.score, model(x, future)[:, 1], rtol=1e-12, atol=1e-14)
    assert float(ex.residual.abs().max()) < 1e-12
    assert float(ex.relevance.abs().min()) > 0
