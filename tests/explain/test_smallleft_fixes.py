"""Fixes of small defects left by earlier sessions in ``lstmkit.explain`` (each test fails
without its fix)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.explain.gates import plot_cell_states, plot_gates


def _trace() -> dict[str, torch.Tensor]:
    torch.manual_seed(0)
    return {"f": torch.rand(1, 5, 6), "c": torch.randn(1, 5, 6)}


def test_an_array_of_python_ints_is_drawn_as_their_list_is() -> None:
    """`units=np.array([4, 1], dtype=object)` was refused ("got an object array of shape
    (2,)"), though `units=[4, 1]` is drawn."""
    trace = _trace()
    units = np.array([4, 1], dtype=object)
    lines = plot_cell_states(trace, units=units).axes[0].get_lines()
    assert [line.get_label() for line in lines] == ["unit 4", "unit 1"]
    assert lines[0].get_ydata().tolist() == trace["c"][0, :, 4].double().tolist()
    rows = plot_gates(trace, gates="f", units=units).axes[0].get_images()[0].get_array()
    np.testing.assert_array_equal(rows, trace["f"][0][:, [4, 1]].T.double().numpy())


HIDDEN = "in [0, 6) (the trace's hidden size)"


@pytest.mark.parametrize(
    ("units", "got"),
    [
        ([1.0, 2.0], "[1.0, 2.0]; not unit indices: [1.0, 2.0]."),
        ([1, 2.0], "[1, 2.0]; not unit indices: [2.0]."),
        ([True], "[True]."),
        (np.array([1.0, 2.0], dtype=object), "[1.0, 2.0]; not unit indices: [1.0, 2.0]."),
        (np.array([1, "a"], dtype=object), "[1, 'a']; not unit indices: ['a']."),
    ],
)
def test_a_list_of_other_than_integers_is_a_type_error_as_a_float_tensor_is(units, got) -> None:
    """`units=[1.0, 2.0]` was a ValueError where `units=torch.tensor([1.0, 2.0])` is a
    TypeError; an object array of floats was refused by its dtype, not by its values."""
    for plot in (plot_cell_states, plot_gates):
        with pytest.raises(TypeError) as err:
            plot(_trace(), units=units)
        assert (
            str(err.value)
            == f"`units` must be a non-empty list of unit indices {HIDDEN}, got {got}"
        )
    with pytest.raises(TypeError) as err:  # the tensor of the same floats, as before
        plot_cell_states(_trace(), units=torch.tensor([1.0, 2.0]))
    assert str(err.value) == (
        f"`units` must be a list (or a 1-D integer tensor or array) of unit indices {HIDDEN}, "
        "got a float32 tensor of shape (2,)."
    )
    # integers outside the layer are values, a ValueError, as before
    with pytest.raises(ValueError) as err:
        plot_cell_states(_trace(), units=np.array([1, 9], dtype=object))
    assert str(err.value) == (
        f"`units` must be a non-empty list of unit indices {HIDDEN}, got [1, 9]; not unit "
        "indices: [9]."
    )
