"""Fixes from reviewing walk31d: the explanations' refusals of a model's forward and inputs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from lstmkit.explain import deletion_curve, explain, lrp
from lstmkit.nn import LSTM, LSTMCell
from lstmkit.text import pad_batch

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


class _Features(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 5, batch_first=True)
        self.head = nn.Linear(5, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


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


_AS_TEXT = (
    "; the explanations take token ids, not text: encode the texts with the model's vocabulary, "
    "`inputs, lengths = pad_batch([vocab.encode(text) for text in texts])` (lstmkit.text), and "
    "pass `lengths=lengths`."
)


@pytest.mark.parametrize(
    ("inputs", "kind"),
    [
        (["a gorgeous , witty movie"], "list"),
        ("a gorgeous , witty movie", "str"),
        (np.array(["gorgeous", "witty"]), "ndarray"),
        ([["gorgeous", "witty"], ["dull"]], "list"),
    ],
)
def test_text_given_to_a_model_with_an_embedding_is_told_to_encode_it(
    inputs: object, kind: str
) -> None:
    """Text was told to convert it, e.g. `torch.as_tensor(inputs, dtype=torch.int64)`, which
    fails on text ("too many dimensions 'str'")."""
    with pytest.raises(TypeError) as err:
        lrp(_Packed(), inputs, 1)
    assert str(err.value) == f"`inputs` must be a Tensor, got {kind}" + _AS_TEXT


def test_token_ids_of_different_lengths_are_told_to_pad_them_and_that_works() -> None:
    """They were told `torch.as_tensor(inputs, dtype=torch.int64)`, which fails: "expected
    sequence of length 3 at dim 1 (got 2)"."""
    torch.manual_seed(0)
    ids = [[5, 17, 3], [7, 8]]
    with pytest.raises(TypeError) as err:
        explain(_Packed().double(), ids, 1, method="gradxinput")
    assert str(err.value) == (
        "`inputs` must be a Tensor, got list; pad the sequences to one length, `inputs, lengths "
        "= pad_batch(inputs)` (lstmkit.text), and pass `lengths=lengths`."
    )
    inputs, lengths = pad_batch(ids)
    ex = explain(_Packed().double(), inputs, 1, method="gradxinput", lengths=lengths)
    assert ex.relevance[1, 2].item() == 0.0


def test_text_to_a_layer_or_to_features_gets_no_conversion_to_floats() -> None:
    """Layers and feature models told text to convert it, e.g. `torch.as_tensor(input,
    dtype=torch.float32)`; the layers' hint is now written as the explanations' (backticks)."""
    with pytest.raises(TypeError) as err:
        LSTM(1, 4)(["a", "b"])
    assert str(err.value) == "`input` must be a Tensor or PackedSequence, got list."
    with pytest.raises(TypeError) as err:
        explain(_Features(), np.array([["1.5", "2", "3"]]), 0, method="ig")
    assert str(err.value) == "`inputs` must be a Tensor, got ndarray."
    with pytest.raises(TypeError) as err:
        LSTMCell(1, 4)(np.zeros((3, 1)))
    assert str(err.value) == (
        "`input` must be a Tensor, got ndarray; convert it, e.g. "
        "`torch.as_tensor(input, dtype=torch.float32)` (the parameters' dtype)."
    )


def test_the_lengths_example_says_what_it_stands_for() -> None:
    """ "pass each sequence's number of valid steps (`lengths=torch.tensor([5, 3])`)" read as
    the lengths to pass: for these tokens, whose lengths are 3 and 5, copying it explained the
    first sequence's padding and cut the second short, with no error."""
    with pytest.raises(TypeError) as err:
        lrp(_Packed().double(), _TOKENS, 1)
    assert (
        "pass each sequence's number of valid steps (`lengths=torch.tensor([5, 3])` for two "
        "sequences of 5 and 3 steps), or give its forward `lengths=None` to explain inputs "
        "without padding."
    ) in str(err.value)
