"""Explanations leftovers (xpl14): an embedding held inside an nn.Sequential named truly by the
gradient methods, the last deletion in the comparison table, long and decoder-only row names in
the lag heatmap, a forward that sums its outputs over time under readout 'mean'."""

import re

import pytest
import torch
from torch import nn

from lstmkit.explain import explain

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
