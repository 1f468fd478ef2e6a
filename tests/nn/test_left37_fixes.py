"""left37: left-overs in the recurrent core (summary of a parametrized plain module, NaN lengths
from pandas, explicit-path dropout with lengths under a vmap that batches nothing of it)."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.parametrizations import weight_norm

from lstmkit.nn import LSTM, summary


class _NormedHead(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lstm = LSTM(3, 4, batch_first=True)
        self.head = weight_norm(nn.Linear(4, 2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.lstm(x)[0])


def test_summary_gives_a_parametrized_plain_module_one_row() -> None:
    # a weight_norm'd head got two rows: `head (Linear)` of 2 (its bias alone) and
    # `head.parametrizations.weight (ParametrizationList)` of 10 (its magnitude and direction);
    # and output_shapes recorded the weight computed, as if an output of the model
    model = _NormedHead()
    s = summary(model, input_size=(5, 3))
    assert [(r["layer"], r.get("type"), r["total"]) for r in s.rows] == [
        ("lstm (l0)", None, 36),
        ("lstm (l0)", None, 36),
        ("lstm (l0)", None, 36),
        ("lstm (l0)", None, 36),
        ("head", "Linear", 12),
    ]
    assert s.total == sum(p.numel() for p in model.parameters()) == 156
    assert s.output_shapes == {"lstm": (1, 5, 4), "head": (1, 5, 2), "_NormedHead": (1, 5, 2)}
    assert str(s).splitlines()[-3] == (
        "head (Linear)  -          -              -          -     -         -     12     [1, 5, 2]"
    )


def test_summary_gives_a_parametrized_module_without_own_parameters_its_row() -> None:
    # without a bias the Linear has no parameter of its own: its row was missing, the
    # ParametrizationList's `0.parametrizations.weight` of 16 stood in for it
    head = weight_norm(nn.Linear(3, 4, bias=False))
    s = summary(nn.Sequential(head, nn.Tanh(), nn.Linear(4, 1)))
    assert [(r["layer"], r["type"], r["total"]) for r in s.rows] == [
        ("0", "Linear", 16),
        ("2", "Linear", 5),
    ]
    assert s.total == 21
