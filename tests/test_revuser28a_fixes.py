"""Review of user28a (a researcher's own torch.nn.LSTM explained with LRP).

A bidirectional model's head on all of ``h_n`` was told to read ``torch.cat([h_n[-2],
h_n[-1]], -1)``, which its head, built for one direction's width, then refused in torch's words.
"""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstmkit.explain import explain


class OnAllFinalStates(nn.Module):
    """A head on all of h_n, built for one direction's width (else torch refuses the call)."""

    def __init__(self, proj_size: int = 0) -> None:
        super().__init__()
        self.rnn = nn.LSTM(
            3, 4, num_layers=2, bidirectional=True, batch_first=True, proj_size=proj_size
        )
        self.head = nn.Linear(proj_size or 4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0])  # [num_layers * 2, B, C]


@pytest.mark.parametrize(("proj_size", "width"), [(0, 8), (3, 6)])
def test_a_bidirectional_head_on_all_final_states_is_told_the_heads_width(
    proj_size: int, width: int
) -> None:
    torch.manual_seed(0)
    model = OnAllFinalStates(proj_size).double()  # float32 projections warn of oneDNN
    with pytest.raises(ValueError) as err:
        explain(model, torch.randn(3, 5, 3, dtype=torch.float64), 0, method="gradxinput")
    # was: "... give the head the last layer's, `torch.cat([h_n[-2], h_n[-1]], -1)`, rather
    # than `h_n`.", and the head of 4 (or 3) inputs then refused the 8 (6) in torch's words
    assert str(err.value) == (
        "the explained model must return scores of shape [B] or [B, C] (B = 3 sequences), got "
        "shape (4, 3, 2) from OnAllFinalStates. Its shape is that of the head on the final "
        "states h_n, [num_layers * directions, B, ...]: give the head the last layer's two "
        "directions, `torch.cat([h_n[-2], h_n[-1]], -1)`, rather than `h_n`, with a head of "
        f"{width} inputs."
    )
