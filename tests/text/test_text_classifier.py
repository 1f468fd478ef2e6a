"""Tests for the TextClassifier contract (shapes, readout, padding invariance)."""

from __future__ import annotations

import pytest
import torch

from lstmkit.text import TextClassifier


def test_submodules_and_shapes() -> None:
    torch.manual_seed(0)
    model = TextClassifier(20, 6, 5, 3)
    names = [name for name, _ in model.named_children()]
    assert names == ["embedding", "rnn", "head"]
    assert model.head.in_features == 10
    tokens = torch.tensor([[3, 4, 5, 6], [7, 8, 0, 0]])
    assert model(tokens, lengths=torch.tensor([4, 2])).shape == (2, 3)
    assert model(tokens).shape == (2, 3)


def test_last_readout_equals_manual_directions() -> None:
    """Head input = [forward h after last token; backward h after first token]."""
    torch.manual_seed(1)
    model = TextClassifier(20, 6, 5, 2).double().eval()
    tokens = torch.tensor([[3, 4, 5, 6], [7, 8, 9, 0]])
    lengths = torch.tensor([4, 3])
    s = model.encode(tokens, lengths)
    for b in range(2):
        seq = tokens[b : b + 1, : int(lengths[b])]
        out, _ = model.rnn(model.embedding(seq))  # unpadded, [1, L, 2H]
        expected = torch.cat([out[0, -1, :5], out[0, 0, 5:]])
        torch.testing.assert_close(s[b], expected)


@pytest.mark.parametrize("readout", ["last", "max", "mean"])
def test_padding_does_not_change_logits(readout: str) -> None:
    torch.manual_seed(2)
    model = TextClassifier(20, 6, 5, 2, readout=readout).double().eval()
    short = torch.tensor([[3, 4, 5]])
    padded = torch.tensor([[3, 4, 5, 0, 0], [1, 2, 3, 4, 5]])
    ref = model(short)
    got = model(padded, lengths=[3, 5])
    torch.testing.assert_close(got[0], ref[0])


def test_dropout_identity_in_eval() -> None:
    torch.manual_seed(3)
    model = TextClassifier(20, 6, 5, 2, dropout=0.5).eval()
    tokens = torch.tensor([[3, 4, 5]])
    torch.testing.assert_close(model(tokens), model(tokens))


def test_bad_arguments_listed_at_once() -> None:
    with pytest.raises(ValueError, match=r"`hidden_size`.*`readout`"):
        TextClassifier(20, 6, 0, 2, readout="first")  # type: ignore[arg-type]
