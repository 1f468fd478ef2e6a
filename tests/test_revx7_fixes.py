"""The revx7 review of int7 and qa7x: a max_norm embedding's table kept row by row (not copied
whole on every explanation), and lrp told where a model holds an embedding nested in a module
of its own."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile

from lstmkit.explain import explain, lrp

_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 5]])


def _model(tagger) -> nn.Module:
    """nn.Embedding(5000, 64, max_norm=0.5) → nn.LSTM → nn.Linear on h_n[-1]."""
    torch.manual_seed(0)
    return tagger(5000, 64, max_norm=0.5).double()  # N(0, 1) rows of 64: every norm above 0.5


@pytest.mark.parametrize("method", ["lrp", "gradxinput", "occlusion"])
def test_a_max_norm_embedding_keeps_the_rows_read_not_a_copy_of_its_table(method, tagger) -> None:
    """Every explanation copied the whole table to put it back afterwards: 65 ms for a
    50k x 300 float32 table, where lrp explains a sentence in 2.5 ms. The rows its calls read
    are kept instead; the table comes back all the same, bit for bit, and its .grad too."""
    model = _model(tagger)
    table = model.embedding.weight
    table.grad = torch.randn_like(table)
    was, grad = table.detach().clone(), table.grad.clone()
    with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
        ex = explain(model, _TOKENS, 1, method=method)
    largest = max(e.cpu_memory_usage for e in prof.events())
    assert largest < table.numel() * table.element_size() / 50  # 2.56 MB: was all of it
    assert ex.relevance.shape == (2, 5)
    assert torch.equal(table, was)
    assert torch.equal(table.grad, grad)


def test_the_rows_kept_are_those_the_embedding_reads_after_the_callers_pre_hooks(tagger) -> None:
    # a pre-hook of the caller's that shifts the ids: the rows read are the shifted ones
    model = _model(tagger)
    was = model.embedding.weight.detach().clone()
    model.embedding.register_forward_pre_hook(lambda _m, args: (args[0] + 100,))
    explain(model, _TOKENS, 1, method="gradxinput")
    assert torch.equal(model.embedding.weight, was)
    with torch.no_grad():  # outside an explanation the call scales them, as torch does
        model(_TOKENS)
    assert not torch.equal(model.embedding.weight[_TOKENS + 100], was[_TOKENS + 100])
    assert torch.equal(model.embedding.weight[:100], was[:100])


class _Nested(nn.Module):
    """The embedding and its dropout in an nn.Sequential held as `enc`."""

    def __init__(self) -> None:
        super().__init__()
        self.enc = nn.Sequential(nn.Embedding(20, 4), nn.Dropout(0.2))
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.enc(tokens))[1][0][-1])


def test_lrp_of_an_embedding_nested_in_a_module_of_its_own_says_where_it_is() -> None:
    """The gradient methods said where (`enc.0`), lrp ended at its supported submodules."""
    with pytest.raises(TypeError) as info:
        lrp(_Nested(), _TOKENS, 0)
    assert str(info.value) == (
        "lrp does not support the submodule `enc` (Sequential) of _Nested; supported: "
        "embedding, rnn, head, and dropout and identity layers, which do nothing in inference. "
        "_Nested holds its nn.Embedding as `enc.0`, but the explanations embed token ids "
        "through the model's `embedding` alone: hold the nn.Embedding itself as `embedding`."
    )
