"""LRP's refusals: a seq2seq model returning probabilities, a softmax inside a renamed head and
a model on the meta device."""

from __future__ import annotations

import re

import pytest
import torch
from torch import nn

from lstmkit.explain import lrp, lrp_seq2seq
from lstmkit.forecast import ForecastNet
from lstmkit.text import TextClassifier


class _SigmoidForecast(ForecastNet):
    """A seq2seq forecaster whose forward squashes its outputs into (0, 1)."""

    def forward(self, *args: torch.Tensor, **kwargs: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(super().forward(*args, **kwargs))


def test_lrp_seq2seq_names_a_sigmoid_of_the_outputs() -> None:
    """lrp_seq2seq said only "computes something beyond encoder → decoder → head" for a model
    that returns the sigmoid of its outputs, where lrp names it."""
    torch.manual_seed(0)
    net = _SigmoidForecast("lstm", 3, 4, 1, decoder_input_size=2).double()
    x, future = torch.randn(2, 5, 3).double(), torch.randn(2, 4, 2).double()
    with torch.no_grad():
        raw = ForecastNet.forward(net, x, future)
        err = (net(x, future) - raw).abs().max().item()
    message = (
        "lrp_seq2seq's float64 recomputation of _SigmoidForecast differs from the model's output "
        f"(max abs difference {err:.3g}): the model computes something beyond encoder → "
        "decoder → head, which lrp_seq2seq cannot explain. Its output is the sigmoid of the "
        "head's scores (`torch.sigmoid(scores)`): lrp_seq2seq explains the raw scores, as "
        "relevance starts at the score before the sigmoid; let forward return the head's output "
        "and apply the sigmoid outside the model (nn.CrossEntropyLoss and nn.BCEWithLogitsLoss "
        "take the raw scores)."
    )
    with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
        lrp_seq2seq(net, x, future, 1)


def test_lrp_seq2seq_names_itself_for_a_final_sigmoid_in_its_head() -> None:
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).double()
    net.head = nn.Sequential(net.head, nn.Sigmoid())
    message = (
        "lrp_seq2seq does not support the module `head.1` (Sigmoid); "
        "a head (an nn.Sequential, nested ones too) may contain nn.Linear, Identity, Dropout and "
        "activations that keep the sign of every input, which pass relevance unchanged: ReLU, "
        "Tanh, GELU, SiLU, Mish, SELU, CELU, Softsign, Hardswish, LeakyReLU and PReLU with slopes "
        ">= 0, ELU with alpha >= 0, and "
        "Hardtanh with min_val <= 0 <= max_val. "
        "lrp_seq2seq explains the raw scores before a final Sigmoid: leave `head.1` out of the "
        "head and apply it outside the model (nn.CrossEntropyLoss and nn.BCEWithLogitsLoss "
        "take the raw scores)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp_seq2seq(net, torch.randn(1, 5, 3).double(), torch.randn(1, 4, 2).double())


class _Renamed(nn.Module):
    def __init__(self, fc: nn.Module) -> None:
        super().__init__()
        self.lstm = nn.LSTM(3, 4, batch_first=True)
        self.fc = fc

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.lstm(x)[1][0][-1])


def test_a_softmax_before_another_layer_is_no_head_to_rename() -> None:
    """`fc = Sequential(Linear, Softmax, Linear)` was offered as the `head`, which lrp then
    refused for that Softmax: only a softmax or sigmoid at the end is one lrp can advise on."""
    start = (
        "lrp needs a model with submodules `rnn` or `encoder` (LSTM/GRU) and `head`, optionally "
        "`embedding` (nn.Embedding); _Renamed has ['fc', 'lstm']."
    )
    rename = (
        " lrp finds the parts by these names: hold `lstm` (LSTM) as `rnn` and `fc` (Sequential) "
        "as `head` (rename the attributes, or wrap the model in a module that holds them under "
        "those names)."
    )
    x = torch.randn(1, 2, 3).double()
    middle = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1), nn.Linear(3, 2))
    only_rnn = (
        " lrp finds the parts by these names: hold `lstm` (LSTM) as `rnn` (rename the "
        "attributes, or wrap the model in a module that holds them under those names)."
    )
    with pytest.raises(TypeError, match=re.escape(start + only_rnn) + "$"):
        lrp(_Renamed(middle).double(), x)
    # a final softmax is still offered: lrp's refusal of it then says to move it out
    final = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2), nn.Softmax(dim=1))
    with pytest.raises(TypeError, match=re.escape(start + rename) + "$"):
        lrp(_Renamed(final).double(), x)


@pytest.mark.parametrize("inputs_on", ["cpu", "meta"])
def test_a_model_on_the_meta_device_is_refused_before_lrp_computes(inputs_on: str) -> None:
    """A model on meta (no values) failed inside lrp with torch's "Tensor.item() cannot be
    called on meta tensors", or was told to move its inputs to meta."""
    with torch.device("meta"):
        model = TextClassifier(20, 4, 3, 2).double()
    inputs = torch.tensor([[3, 4, 5]], device=inputs_on)
    got = "the parameters of TextClassifier" + (" and `inputs`" if inputs_on == "meta" else "")
    message = (
        "explanations compute with the values of the model and its inputs, which the meta "
        f"device does not hold; got {got} on meta. Give the model its weights first "
        "(`model.to_empty(device='cpu')`, then `model.load_state_dict(...)`) and its inputs on "
        "the same device."
    )
    for kwargs in ({}, {"lengths": [3]}, {"check": False}):
        with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
            lrp(model, inputs, **kwargs)
