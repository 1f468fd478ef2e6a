"""A researcher's own model explained (qa7x): an ``nn.Embedding`` with ``max_norm``."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstmkit.explain import deletion_curve, explain, lrp

_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 5]])


def _model(tagger) -> nn.Module:
    """nn.Embedding(20, 4, max_norm=0.5) → nn.LSTM (batch first) → nn.Linear on h_n[-1]."""
    torch.manual_seed(0)
    return tagger(max_norm=0.5).double()  # N(0, 1) rows of 4: those read here have norms 0.83-3.2


@pytest.mark.parametrize("method", ["lrp", "gradxinput", "ig", "occlusion", "sensitivity"])
def test_explaining_leaves_a_max_norm_embedding_table_as_it_was(method, tagger) -> None:
    """Each call of a max_norm embedding scales the rows it reads, in place: the gradient
    methods left every explained token's row scaled (README: explaining changes no weight),
    and lrp refused the model ("lrp does not support `embedding` with `max_norm`")."""
    model = _model(tagger)
    table = model.embedding.weight.detach().clone()
    assert (table[_TOKENS].norm(dim=-1) > 0.5).all()
    ex = explain(model, _TOKENS, 1, method=method)
    assert torch.equal(model.embedding.weight, table)
    assert ex.relevance.shape == (2, 5)
    deletion_curve(model, _TOKENS, ex, steps=2)
    assert torch.equal(model.embedding.weight, table)


def test_lrp_of_a_max_norm_embedding_explains_the_rows_the_model_reads(tagger) -> None:
    """lrp reads the rows as the model's call scales them: the same relevance as a model
    whose table holds the scaled rows (w · max_norm / (|w| + 1e-7), torch's rule), and with
    bias_factor=1 input and initial-state relevance sum to the model's output."""
    model = _model(tagger)
    twin = tagger().double()
    twin.load_state_dict(model.state_dict())
    with torch.no_grad():
        w, norm = twin.embedding.weight, twin.embedding.weight.norm(dim=1, keepdim=True)
        w.copy_(torch.where(norm > 0.5, w * (0.5 / (norm + 1e-7)), w))
    ex = lrp(model, _TOKENS, 1, bias_factor=1.0)
    expected = lrp(twin, _TOKENS, 1, bias_factor=1.0)
    torch.testing.assert_close(ex.relevance, expected.relevance, rtol=0, atol=1e-15)
    with torch.no_grad():
        out = model(_TOKENS)[:, 1]
    torch.testing.assert_close(ex.relevance.sum(1) + ex.initial_state, out, rtol=0, atol=1e-12)


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
def test_token_ids_of_another_integer_dtype_are_told_the_two_an_embedding_takes(
    method, tagger
) -> None:
    """uint8 ids were refused as if they were no integers: "`inputs` must be integer token ids
    [B, T] for a model with an embedding, got dtype torch.uint8."."""
    model = _model(tagger)
    with pytest.raises(TypeError) as info:
        explain(model, _TOKENS.to(torch.uint8), 1, method=method)
    assert str(info.value) == (
        "`inputs` must be token ids [B, T] of dtype int64 or int32 (what nn.Embedding takes) "
        "for a model with an embedding, got dtype torch.uint8; convert them (`inputs.long()`)."
    )
    with pytest.raises(TypeError) as info:  # float features are no ids to convert
        explain(model, _TOKENS.float(), 1, method=method)
    assert str(info.value) == (
        "`inputs` must be token ids [B, T] of dtype int64 or int32 (what nn.Embedding takes) "
        "for a model with an embedding, got dtype torch.float32."
    )


class _Conv(nn.Module):
    """A model with no recurrent layer at all: Conv1d over time, then a Linear head."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv1d(4, 5, 3)
        self.head = nn.Linear(5, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.conv(x.transpose(1, 2)).mean(-1))


def test_lrp_of_a_model_without_a_recurrent_layer_names_the_methods_that_explain_it() -> None:
    """It ended at "_Conv has ['conv', 'head']." without a way on, where a LayerNorm or an
    unsupported `rnn` is told of the gradient methods, which do explain it."""
    x = torch.randn(2, 6, 4)
    with pytest.raises(TypeError) as info:
        lrp(_Conv(), x, 0)
    assert str(info.value) == (
        "lrp needs a model with submodules `rnn` or `encoder` (LSTM/GRU) and `head`, optionally "
        "`embedding` (nn.Embedding); _Conv has ['conv', 'head']. The gradient methods explain "
        "it: `explain(model, inputs, target, method='gradxinput')` (or 'ig', 'occlusion')."
    )
    assert explain(_Conv(), x, 0, method="gradxinput").relevance.shape == (2, 6)


class _Wrapped(nn.Module):
    """The embedding and its dropout in one nn.Sequential held as `embedding`."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Sequential(nn.Embedding(20, 4), nn.Dropout(0.2))
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


_HOLD = (
    " _Wrapped holds its nn.Embedding as `embedding.0`, but the explanations embed token ids "
    "through the model's `embedding` alone: hold the nn.Embedding itself as `embedding`."
)


def test_an_embedding_inside_a_sequential_is_told_to_be_held_as_embedding() -> None:
    """The gradient methods refused the token ids as features "for a model without an
    embedding", and lrp said only "supported: nn.Embedding"."""
    with pytest.raises(TypeError) as info:
        explain(_Wrapped(), _TOKENS, 0, method="gradxinput")
    assert str(info.value) == (
        "`inputs` must be a float tensor [B, T, F] for a model without an nn.Embedding as "
        "`embedding`, got dtype torch.int64." + _HOLD
    )
    with pytest.raises(TypeError) as info:
        lrp(_Wrapped(), _TOKENS, 0)
    assert str(info.value) == (
        "lrp does not support the module `embedding` (Sequential); supported: nn.Embedding." + _HOLD
    )
