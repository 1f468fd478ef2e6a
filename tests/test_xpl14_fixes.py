"""Explanations leftovers (xpl14): an embedding held inside an nn.Sequential named truly by the
gradient methods, the last deletion in the comparison table, long and decoder-only row names in
the lag heatmap, a forward that sums its outputs over time under readout 'mean'."""

import re

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.explain import explain, lrp

DT = torch.float64
_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])


class _Wrapped(nn.Module):
    """nn.Sequential(nn.Embedding, nn.Dropout) held as `embedding`."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Sequential(nn.Embedding(50, 4), nn.Dropout(0.2))
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


def test_the_gradient_methods_do_not_call_a_model_holding_an_embedding_one_without() -> None:
    """They said "for a model without an embedding" of a model holding one in an
    nn.Sequential, then named it in the next sentence."""
    message = (
        "`inputs` must be a float tensor [B, T, F] for a model without an nn.Embedding as "
        "`embedding`, got dtype torch.int64. _Wrapped holds its nn.Embedding as `embedding.0`, "
        "but the explanations embed token ids through the model's `embedding` alone: hold the "
        "nn.Embedding itself as `embedding`."
    )
    for method in ("sensitivity", "ig", "gradxinput"):
        with pytest.raises(TypeError, match=re.escape(message) + "$"):
            explain(_Wrapped().to(DT), _TOKENS, 0, method=method)


def test_a_model_with_no_embedding_anywhere_keeps_its_words() -> None:
    model = nn.Sequential(nn.Flatten(), nn.Linear(15, 2)).to(DT)
    message = (
        "`inputs` must be a float tensor [B, T, F] for a model without an embedding, got dtype "
        "torch.int64."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        explain(model, _TOKENS, 0, method="gradxinput")


def test_the_comparison_table_shows_the_score_after_the_last_deletion() -> None:
    """compare(steps=2).table() showed the score after 1 deletion alone, not after the 2 asked
    for; steps=10 ended at 5 of them."""
    from lstmkit.explain import Faithfulness

    def table(steps: int) -> list[str]:
        curve = 1 - torch.arange(steps + 1, dtype=DT) / 16
        return Faithfulness({"lrp": curve}, {"lrp": 0.25}, {"lrp": 0.0}).table().splitlines()

    assert table(2) == [
        "| method | AOPC | ± s.e. | score after 1 / 2 deletions |",
        "|---|---|---|---|",
        "| lrp | 0.2500 | 0.0000 | 0.938 / 0.875 |",
    ]
    assert table(4)[2] == "| lrp | 0.2500 | 0.0000 | 0.938 / 0.812 / 0.750 |"
    assert table(10)[0] == "| method | AOPC | ± s.e. | score after 1 / 3 / 5 / 10 deletions |"
    assert table(10)[2] == "| lrp | 0.2500 | 0.0000 | 0.938 / 0.812 / 0.688 / 0.375 |"
    assert table(0)[0] == "| method | AOPC | ± s.e. |"


class _Summed(nn.Module):
    """The head on `out.sum(1)`, the outputs summed over time, under `readout`."""

    def __init__(self, readout: str) -> None:
        super().__init__()
        self.readout = readout
        self.embedding = nn.Embedding(50, 4)
        self.rnn = lstmkit.nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        out = self.rnn(self.embedding(tokens), lengths=lengths)[0]
        return self.head(out.sum(1))


_DIVIDE = "`out.sum(1) / lengths.unsqueeze(1)` with padding, else `out.mean(1)`"


def test_a_forward_that_sums_its_outputs_is_told_to_take_their_mean() -> None:
    """The head on `out.sum(1)` under readout 'mean' got "computes something beyond embedding
    → rnn → readout 'mean' → head, which lrp cannot explain" and no word of the sum."""
    torch.manual_seed(0)
    model = _Summed("mean").to(DT)
    with pytest.raises(RuntimeError) as info:
        lrp(model, _TOKENS, 0, lengths=[5, 3])
    assert str(info.value).endswith(
        "the model computes something beyond embedding → rnn → readout 'mean' → head, which "
        "lrp cannot explain. Its output is the head on the sum of the outputs over time "
        "(`out.sum(1)`); lrp's readout 'mean' divides that sum by each sequence's length: "
        f"divide so in forward ({_DIVIDE}) to explain the model."
    )
    model.readout = "last"
    with pytest.raises(RuntimeError) as info:
        lrp(model, _TOKENS, 0)
    assert str(info.value).endswith(
        "(`out.sum(1)`); lrp has no readout 'sum' (its readouts: 'last', 'mean', 'max'): take "
        f"the mean in forward ({_DIVIDE}) and set `readout = 'mean'` on the model to explain it."
    )


def test_the_sum_divided_as_advised_is_explained() -> None:
    torch.manual_seed(0)
    model = _Summed("mean").to(DT)
    lengths = torch.tensor([5, 3])
    model.forward = lambda tokens, lengths=None: model.head(  # as the hint says
        model.rnn(model.embedding(tokens), lengths=lengths)[0].sum(1) / lengths.unsqueeze(1)
    )
    ex = lrp(model, _TOKENS, 0, lengths=lengths, bias_factor=1.0)
    assert torch.allclose(ex.relevance.sum(1) + ex.initial_state, ex.score, atol=1e-12)
