"""lrp_seq2seq's refusal of a model that returns the sigmoid of its outputs names it."""

from __future__ import annotations

import pytest
import torch

from lstmkit.explain import lrp_seq2seq
from lstmkit.forecast import ForecastNet


class _Squashed(ForecastNet):
    def forward(self, *args: torch.Tensor, **kwargs: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(super().forward(*args, **kwargs))


def test_lrp_seq2seq_says_it_explains_the_raw_scores_not_lrp() -> None:
    """The refusal said "which lrp_seq2seq cannot explain. ... lrp explains the raw scores",
    where a sigmoid inside its head was told "lrp_seq2seq explains the raw scores"."""
    torch.manual_seed(0)
    net = _Squashed("lstm", 3, 4, 1, decoder_input_size=2).double()
    with pytest.raises(RuntimeError) as err:
        lrp_seq2seq(net, torch.randn(2, 5, 3).double(), torch.randn(2, 4, 2).double(), 1)
    told = str(err.value)
    assert told.endswith(
        "which lrp_seq2seq cannot explain. Its output is the sigmoid of the head's scores "
        "(`torch.sigmoid(scores)`): lrp_seq2seq explains the raw scores, as relevance starts at "
        "the score before the sigmoid; let forward return the head's output and apply the "
        "sigmoid outside the model (nn.CrossEntropyLoss and nn.BCEWithLogitsLoss take the raw "
        "scores)."
    )
    assert told.count("lrp ") == 0
