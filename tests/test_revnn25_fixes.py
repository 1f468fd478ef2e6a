"""revnn25: review of nn25 — every LSTM-only argument of a GRU at once, 'Reverse' gates of a
one-direction layer, GRUCell's sizes before its peephole, a parameter memory cannot hold named,
1000 to 1023 of a unit written in the next one."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit import _memory
from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell


def test_a_gru_given_a_peephole_and_a_projection_is_told_both():
    # only "`peephole=True` applies to LSTM only; GRU has no cell state." was said
    with pytest.raises(ValueError) as err:
        GRU(5, 4, proj_size=2, peephole=True)
    assert str(err.value) == (
        "`peephole=True` applies to LSTM only; GRU has no cell state. `proj_size` applies to "
        "LSTM only (as in torch.nn), got proj_size=2 for a GRU."
    )
    with pytest.raises(ValueError, match=r"^`peephole=True` applies to LSTM only; GRU has no "):
        GRU(5, 4, peephole=np.bool_(True))


@pytest.mark.parametrize("direction", ["Reverse", "REVERSE"])
def test_the_reverse_gates_of_a_one_direction_layer_in_any_case_say_it_is_not_bidirectional(
    direction,
):
    # 'Reverse' was "`direction` must be 'forward', got 'Reverse'.", as a word it did not know
    with pytest.raises(ValueError) as err:
        LSTM(5, 4).gates(direction=direction)
    assert str(err.value) == (
        "`direction` must be 'forward', the only direction of a layer that is not bidirectional "
        f"(bidirectional=False), got '{direction}'."
    )
    # a bidirectional layer has it: the slip is told the word meant
    with pytest.raises(ValueError) as err:
        LSTM(5, 4, bidirectional=True).gates(direction=direction)
    assert str(err.value) == (
        f"`direction` must be 'forward' or 'reverse', got '{direction}' (did you mean 'reverse'?)."
    )


def test_a_gru_cell_checks_its_sizes_before_its_peephole_as_the_gru_layer_does():
    # GRUCell(0, 4, peephole=True) told the peephole where GRU(0, 4, peephole=True) told the 0
    for module in (GRUCell, GRU):
        with pytest.raises(ValueError) as err:
            module(0, 4, peephole=True)
        assert str(err.value) == "`input_size` must be a positive integer, got 0."
