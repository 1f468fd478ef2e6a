"""Second mutation pass on lstmkit.nn.layers: the shape check of `lengths` and the direction
check of `gates` on a one-directional layer."""

import pytest
import torch

from lstmkit.nn import GRU, LSTM


@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
def test_lengths_of_two_dimensions_are_refused_even_with_one_entry_per_sequence(make):
    layer = make(3, 2, batch_first=True)
    x = torch.zeros(2, 4, 3)
    with pytest.raises(ValueError) as e:
        layer(x, lengths=torch.tensor([[4], [2]]))
    assert (
        str(e.value) == "`lengths` must be 1-D with one entry per sequence (2), got shape (2, 1)."
    )


@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
@pytest.mark.parametrize("direction", [1, "reverse"])
def test_a_one_directional_layer_has_no_reverse_gates(make, direction):
    layer = make(3, 2, num_layers=2)
    with pytest.raises(ValueError) as e:
        layer.gates(1, direction)
    assert str(e.value) == (
        "`direction` must be 'forward' or 0, the only direction of a layer that is not "
        f"bidirectional (bidirectional=False), got {direction!r}."
    )


@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
def test_boolean_lengths_are_refused(make):
    layer = make(3, 2, batch_first=True)
    with pytest.raises(TypeError) as e:
        layer(torch.zeros(2, 4, 3), lengths=torch.tensor([True, True]))
    assert str(e.value) == (  # named a mask since nn13
        "`lengths` must hold integers, got dtype torch.bool: one bool per sequence, not lengths: "
        "lengths count each sequence's real steps (ints in [1, 4]), `lengths=mask.sum(1)` of "
        "their [B, T] padding mask."
    )


@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
def test_lengths_beside_a_packed_sequence_are_refused(make):
    layer = make(3, 2, batch_first=True)
    packed = torch.nn.utils.rnn.pack_padded_sequence(torch.zeros(2, 4, 3), [4, 2], batch_first=True)
    with pytest.raises(ValueError) as e:
        layer(packed, lengths=[4, 2])
    assert str(e.value) == "`lengths` must be None when `input` is a PackedSequence."
