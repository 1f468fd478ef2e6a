"""walk35a: the README walk of "Explanations", "Your own model", "The rules" and "Baselines and
faithfulness" by a researcher who checks each claim numerically."""

from __future__ import annotations

import re

import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import lrp

DT = torch.float64
_HEAD_LAYERS = (
    "a head (an nn.Sequential, nested ones too) may contain nn.Linear, Identity, Dropout and "
    "activations that keep the sign of every input, which pass relevance unchanged: ReLU, Tanh, "
    "GELU, SiLU, Mish, LeakyReLU and PReLU with slopes >= 0, ELU with alpha >= 0, and Hardtanh "
    "with min_val <= 0 <= max_val."
)
_GRADIENT = (
    " The gradient methods explain it: `explain(model, inputs, target, method='gradxinput')` "
    "(or 'ig', 'occlusion')."
)


class _Head(nn.Module):
    def __init__(self, *between: nn.Module) -> None:
        super().__init__()
        self.rnn = lnn.LSTM(3, 4, batch_first=True)
        self.head = nn.Sequential(*between, nn.Linear(4, 2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


def test_one_unsupported_head_layer_is_called_a_module_and_several_modules() -> None:
    # one layer was "the modules `head.0` (LayerNorm)", where the refusal of an unsupported
    # `rnn` says "the module `rnn` (RNN)"
    one = f"lrp does not support the module `head.0` (LayerNorm); {_HEAD_LAYERS}{_GRADIENT}"
    with pytest.raises(TypeError, match=re.escape(one) + "$"):
        lrp(_Head(nn.LayerNorm(4)).to(DT), torch.randn(1, 2, 3, dtype=DT))
    two = (
        "lrp does not support the modules `head.0` (LayerNorm), `head.1` (BatchNorm1d); "
        f"{_HEAD_LAYERS}{_GRADIENT}"
    )
    with pytest.raises(TypeError, match=re.escape(two) + "$"):
        lrp(_Head(nn.LayerNorm(4), nn.BatchNorm1d(4)).to(DT), torch.randn(1, 2, 3, dtype=DT))
