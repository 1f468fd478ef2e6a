"""Fixes found reviewing the day's changes to lstmkit.explain (tests fail without their fix)."""

from __future__ import annotations

import pytest
import torch
from torch import Tensor, nn

from lstmkit.explain import lrp_seq2seq


class _Failing(nn.Module):
    """An encoder-decoder with time-major LSTMs whose forward fails as one runs out of GPU
    memory (before it would transpose its batch-first inputs, as such a model must)."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.LSTM(3, 4)
        self.decoder = nn.LSTM(2, 4)
        self.head = nn.Linear(4, 1)

    def forward(self, x: Tensor, future: Tensor) -> Tensor:
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")


def test_lrp_seq2seq_keeps_the_type_of_the_models_error() -> None:
    """An out-of-memory error of a model with a time-major encoder came out of lrp_seq2seq as a
    plain RuntimeError, with the batch_first hint: `except torch.OutOfMemoryError` (to retry on
    a smaller batch) no longer caught it."""
    model = _Failing().double()
    x, future = torch.randn(2, 6, 3).double(), torch.randn(2, 4, 2).double()
    with pytest.raises(torch.OutOfMemoryError) as err:
        lrp_seq2seq(model, x, future, 1)
    assert str(err.value) == "CUDA out of memory. Tried to allocate 2.00 GiB"
