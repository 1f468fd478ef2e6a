"""LRP on models a researcher writes: the parts lrp accepts, refuses and explains the refusal of."""

from __future__ import annotations

import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import lrp, lrp_seq2seq
from lstmkit.forecast import ForecastNet


class _Own(nn.Module):
    """embedding → lstmkit LSTM → head, with what ``forward`` does to the outputs chosen by
    ``pool``: ``"last"`` (``h_n``), ``"mean"`` (valid steps), ``"mean_all"`` (padding too) or
    an int step ``t`` (``out[:, t]``); ``drop`` adds dropout and identity submodules."""

    def __init__(self, pool: str | int = "last", bidirectional=False, drop=False, head=None):
        super().__init__()
        torch.manual_seed(0)
        self.embedding = nn.Embedding(11, 3)
        self.rnn = lnn.LSTM(3, 4, batch_first=True, bidirectional=bidirectional)
        d = 2 if bidirectional else 1
        self.head = head if head is not None else nn.Linear(4 * d, 2)
        if drop:
            self.drop = nn.Dropout(0.5)
            self.same = nn.Identity()
        self.pool = pool

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        x = self.embedding(tokens)
        if hasattr(self, "drop"):
            x = self.same(self.drop(x))
        out, (h_n, _) = self.rnn(x, lengths=lengths)
        if self.pool == "last":
            s = torch.cat(list(h_n[-self.rnn.num_directions :]), dim=-1)
        elif self.pool == "mean":
            s = out.sum(1) / lengths.unsqueeze(1)
        elif self.pool == "mean_all":
            s = out.mean(1)
        else:
            s = out[:, self.pool]
        if hasattr(self, "drop"):
            s = self.drop(s)
        return self.head(s)


TOKENS = torch.tensor([[1, 5, 3, 9, 2], [7, 4, 10, 0, 0]])
LENGTHS = torch.tensor([5, 3])
PREFIX = "lrp's float64 recomputation of _Own differs from the model's output (max abs difference "


def _refusal(model: nn.Module, tokens=TOKENS, lengths=LENGTHS) -> str:
    with pytest.raises(RuntimeError) as info:
        lrp(model.double(), tokens, 1, lengths=lengths)
    message = str(info.value)
    assert message.startswith(PREFIX)
    return message


def test_dropout_and_identity_submodules_are_explained_as_the_no_ops_they_are() -> None:
    """Refused by name before (`drop` (Dropout), `same` (Identity)): they compute nothing in
    inference, so the model is explained as the one without them, even in training mode."""
    plain = _Own().double()
    with_drop = _Own(drop=True).double().train()
    ex = lrp(with_drop, TOKENS, 1, lengths=LENGTHS, bias_factor=1.0)
    same = lrp(plain, TOKENS, 1, lengths=LENGTHS, bias_factor=1.0)
    assert torch.equal(ex.relevance_per_feature, same.relevance_per_feature)
    assert torch.equal(ex.score, same.score)
    assert ex.relevance[1].tolist()[3:] == [0.0, 0.0]
    assert (ex.relevance.sum(1) + ex.initial_state - ex.score).abs().max() < 1e-15
    assert with_drop.drop.training  # the caller's mode, back


def test_a_seq2seq_model_may_hold_dropout_too() -> None:
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).double()
    x, future = torch.randn(2, 6, 3).double(), torch.randn(2, 3, 2).double()
    before = lrp_seq2seq(net, x, future, 1, bias_factor=1.0)
    net.drop = nn.Dropout(0.2)
    after = lrp_seq2seq(net, x, future, 1, bias_factor=1.0)
    assert torch.equal(after.relevance_per_feature, before.relevance_per_feature)


def test_parameters_on_the_model_and_unknown_submodules_are_named_together() -> None:
    """A learned query (attention pooling) held by the model itself was not seen by the walk:
    with check=False lrp explained the model without it, silently."""
    model = _Own()
    model.query = nn.Parameter(torch.ones(4))
    model.norm = nn.LayerNorm(4)
    message = (
        "lrp does not support the submodule `norm` (LayerNorm), the parameter `query` [4] of "
        "_Own; supported: embedding, rnn, head, and dropout and identity layers, which do "
        "nothing in inference."
    )
    for check in (True, False):
        with pytest.raises(TypeError) as info:
            lrp(model, TOKENS, 1, check=check)
        assert str(info.value) == message


def test_a_nested_sequential_head_is_read_layer_by_layer() -> None:
    inner = nn.Sequential(nn.Sequential(nn.Linear(4, 5), nn.ReLU()), nn.Linear(5, 2))
    nested = _Own(head=inner).double()
    flat = _Own(head=nn.Sequential(inner[0][0], inner[0][1], inner[1])).double()
    ex = lrp(nested, TOKENS, 0, lengths=LENGTHS)
    assert torch.equal(ex.relevance, lrp(flat, TOKENS, 0, lengths=LENGTHS).relevance)
    bad = _Own(head=nn.Sequential(nn.Sequential(nn.Linear(4, 2), nn.Sigmoid())))
    with pytest.raises(TypeError) as info:
        lrp(bad, TOKENS)
    assert str(info.value) == (
        "lrp does not support the modules `head.0.1` (Sigmoid); a head may contain nn.Linear, "
        "ReLU, LeakyReLU, Tanh, Identity and Dropout (nested in nn.Sequential too)."
    )
