"""The recurrent core for a fresh user (qa7x): ``gates(layer=...)`` of another type."""

from __future__ import annotations

import pytest

from lstmkit.nn import GRU, LSTM


@pytest.mark.parametrize(
    ("layer", "what"),
    [("0", "'0' (a number, not text: 0)"), (True, "bool True"), (1.0, "float 1.0")],
)
def test_gates_of_a_layer_that_is_no_int_is_a_type_error(layer, what) -> None:
    """`layer="0"` was a ValueError "`layer` must be in [0, 1], got '0'.", as if out of range."""
    with pytest.raises(TypeError) as info:
        LSTM(3, 4, num_layers=2).gates(layer)
    assert str(info.value) == f"`layer` must be an integer layer index in [0, 1], got {what}."


def test_gates_of_a_layer_out_of_range_is_still_a_value_error() -> None:
    with pytest.raises(ValueError) as info:
        GRU(3, 4).gates(layer=1)
    assert str(info.value) == "`layer` must be in [0, 0], got 1."
