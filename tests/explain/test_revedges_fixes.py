"""Review of ``units=`` as a tensor or array: the article of an unsigned dtype."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.explain.gates import plot_cell_states


@pytest.mark.parametrize(
    ("units", "got"),
    [
        (np.zeros((2, 2), dtype=np.uint8), "a uint8 array of shape (2, 2)"),
        (torch.zeros(1, 2, dtype=torch.uint8), "a uint8 tensor of shape (1, 2)"),
        (torch.zeros(1, 2, dtype=torch.int8), "an int8 tensor of shape (1, 2)"),
    ],
)
def test_a_tensor_of_unsigned_integers_is_a_uint8_one(units, got):
    # "got an uint8 array of shape (2, 2)"
    trace = {"c": torch.zeros(1, 5, 6)}
    with pytest.raises(ValueError) as err:
        plot_cell_states(trace, units=units)
    assert str(err.value) == (
        "`units` must be a list (or a 1-D integer tensor or array) of unit indices in [0, 6) "
        f"(the trace's hidden size), got {got}."
    )
