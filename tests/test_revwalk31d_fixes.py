"""Fixes from reviewing walk31d: the explanations' refusals of a model's forward and inputs."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from lstmkit.explain import deletion_curve, explain, lrp

_TOKENS = torch.tensor([[5, 17, 3, 0, 0], [7, 8, 11, 12, 9]])
_LENGTHS = torch.tensor([3, 5])
_CALL = (
    "(the explanations call it as `model(inputs)`, or as `model(inputs, lengths=lengths)` "
    "given `lengths`)"
)


class _Packed(nn.Module):
    """A model of one's own on torch.nn.LSTM whose forward packs with the lengths."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4, padding_idx=0)
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        x = pack_padded_sequence(
            self.embedding(tokens), lengths.cpu(), batch_first=True, enforce_sorted=False
        )
        return self.head(self.rnn(x)[1][0][-1])


class _LengthsAndMask(_Packed):
    def forward(
        self, tokens: torch.Tensor, lengths: torch.Tensor, mask: torch.Tensor
    ) -> torch.Tensor:
        return super().forward(tokens, lengths)


_NEEDS_MASK = (
    f"the explained model's forward must take the inputs alone {_CALL}, got _LengthsAndMask "
    "with forward(tokens, lengths, mask), which needs `mask` too: give it a default in "
    "_LengthsAndMask.forward."
)


@pytest.mark.parametrize("method", ["lrp", "ig", "occlusion"])
def test_lengths_given_to_a_forward_that_needs_another_argument_is_refused_by_name(
    method: str,
) -> None:
    """Given `lengths`, the check was skipped: forward(tokens, lengths, mask) failed inside the
    explanation with Python's bare "_LengthsAndMask.forward() missing 1 required positional
    argument: 'mask'"."""
    torch.manual_seed(0)
    with pytest.raises(TypeError) as err:
        explain(_LengthsAndMask().double(), _TOKENS, 1, method=method, lengths=_LENGTHS)
    assert str(err.value) == _NEEDS_MASK


def test_deletion_curve_with_lengths_refuses_the_same_forward() -> None:
    torch.manual_seed(0)
    ex = lrp(_Packed().double(), _TOKENS, 1, lengths=_LENGTHS)
    with pytest.raises(TypeError) as err:
        deletion_curve(_LengthsAndMask().double(), _TOKENS, ex)
    assert str(err.value) == _NEEDS_MASK
