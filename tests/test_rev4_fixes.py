"""Last reading of the lrp hints, the CLI's columns and numpy scalars in messages: what a
hint offers is true of the model it names."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit.explain import lrp
from lstmkit.text.charlm import split_text


class _NormBeforeRnn(nn.Module):
    """An LSTM with a layer norm before it, under `pre`, and its head under `out`."""

    def __init__(self, out: nn.Module) -> None:
        super().__init__()
        self.pre = nn.Sequential(nn.LayerNorm(3))
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.out = out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.rnn(self.pre(x))[1][0][-1])


def test_a_sequential_that_is_no_head_is_not_offered_as_the_head() -> None:
    # the Sequential `pre` holds a LayerNorm: it was offered as `head`, the only candidate
    model = _NormBeforeRnn(nn.Linear(4, 2)).double()
    del model.out
    message = (
        "lrp needs a model with submodules `rnn` or `encoder` (LSTM/GRU) and `head`, optionally "
        "`embedding` (nn.Embedding); _NormBeforeRnn has ['pre', 'rnn']."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, torch.zeros(1, 2, 3, dtype=torch.float64))


def test_the_head_is_found_beside_a_sequential_that_is_no_head() -> None:
    # `pre` and `out` were two candidates, so `out` was not named
    model = _NormBeforeRnn(nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2))).double()
    message = (
        "lrp needs a model with submodules `rnn` or `encoder` (LSTM/GRU) and `head`, optionally "
        "`embedding` (nn.Embedding); _NormBeforeRnn has ['out', 'pre', 'rnn']. lrp finds the "
        "parts by these names: hold `out` (Sequential) as `head` (rename the attributes, or "
        "wrap the model in a module that holds them under those names)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, torch.zeros(1, 2, 3, dtype=torch.float64))


def test_a_float16_fraction_splits_a_text_longer_than_float16_counts() -> None:
    # 100000 is beyond float16 (65504): "cannot convert float infinity to integer"
    train, held_out = split_text("x" * 100_000, np.float16(0.1))  # 0.0999755859375
    assert (len(train), len(held_out)) == (90_002, 9_998)


class _EncoderOnly(nn.Module):
    """An LSTM under `encoder` (as lstmkit.forecast's ForecastNet) and its head under `fc`."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.LSTM(3, 4, batch_first=True)
        self.fc = nn.Linear(4, 2)


def test_a_model_with_an_encoder_is_told_its_own_submodule_names() -> None:
    # it said "_EncoderOnly has ['fc', 'rnn']": the name lrp reads `encoder` as
    message = (
        "lrp needs a model with submodules `rnn` or `encoder` (LSTM/GRU) and `head`, optionally "
        "`embedding` (nn.Embedding); _EncoderOnly has ['encoder', 'fc']. lrp finds the parts by "
        "these names: hold `fc` (Linear) as `head` (rename the attributes, or wrap the model in "
        "a module that holds them under those names)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_EncoderOnly().double(), torch.zeros(1, 2, 3, dtype=torch.float64))


class _SoftmaxHead(nn.Module):
    """An LSTM whose `head` is a softmax alone, with no scores before it."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Softmax(dim=-1)


def test_a_head_that_is_a_softmax_alone_is_not_told_to_leave_it_out() -> None:
    # it said "leave `head` out of the head": there are no raw scores before it
    message = (
        "lrp does not support the module `head` (Softmax); "
        "a head (an nn.Sequential, nested ones too) may contain nn.Linear, Identity, Dropout and "
        "activations that keep the sign of every input, which pass relevance unchanged: ReLU, "
        "Tanh, GELU, SiLU, Mish, SELU, CELU, Softsign, Hardswish, LeakyReLU and PReLU with slopes "
        ">= 0, ELU with alpha >= 0, and "
        "Hardtanh with min_val <= 0 <= max_val. "
        "The gradient methods explain it: `explain(model, inputs, target, method='gradxinput')` "
        "(or 'ig', 'occlusion')."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_SoftmaxHead().double(), torch.zeros(1, 2, 3, dtype=torch.float64))
