"""``units=`` of the gate plots as a tensor or array of unit indices."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.explain.gates import plot_cell_states, plot_gates

HIDDEN = "(the trace's hidden size)"


def _trace() -> dict[str, torch.Tensor]:
    torch.manual_seed(0)
    return {"f": torch.rand(1, 5, 6), "c": torch.randn(1, 5, 6)}


@pytest.mark.parametrize(
    "units",
    [
        torch.tensor([4, 1]),
        torch.tensor([4, 1], dtype=torch.int32),
        np.array([4, 1]),
        np.array([4, 1], dtype=np.uint8),
    ],
)
def test_a_1d_integer_tensor_or_array_of_units_is_drawn_as_the_list_would_be(units):
    # a tensor was refused: "got tensor([4, 1]); not unit indices: [tensor(4), tensor(1)]."
    trace = _trace()
    lines = plot_cell_states(trace, units=units).axes[0].get_lines()
    assert [line.get_label() for line in lines] == ["unit 4", "unit 1"]
    assert lines[0].get_ydata().tolist() == trace["c"][0, :, 4].double().tolist()
    rows = plot_gates(trace, gates="f", units=units).axes[0].get_images()[0].get_array()
    np.testing.assert_array_equal(rows, trace["f"][0][:, [4, 1]].T.double().numpy())


def test_the_indices_topk_gives_are_drawn():
    trace = _trace()
    spread = trace["c"][0].amax(0) - trace["c"][0].amin(0)
    top = torch.topk(spread, 3).indices
    lines = plot_cell_states(trace, units=top).axes[0].get_lines()
    assert [line.get_label() for line in lines] == [f"unit {u}" for u in top.tolist()]


def test_a_0d_integer_tensor_is_one_unit():
    # "iteration over a 0-d tensor", torch's TypeError
    lines = plot_cell_states(_trace(), units=torch.tensor(2)).axes[0].get_lines()
    assert [line.get_label() for line in lines] == ["unit 2"]


def test_a_tensor_of_units_outside_the_layer_is_refused_by_its_indices():
    with pytest.raises(ValueError) as err:
        plot_cell_states(_trace(), units=torch.tensor([3, 9]))
    assert str(err.value) == (
        f"`units` must be a non-empty list of unit indices in [0, 6) {HIDDEN}, got [3, 9]; not "
        "unit indices: [9]."
    )


@pytest.mark.parametrize(
    ("units", "error", "got"),
    [
        (torch.tensor([1.0, 2.0]), TypeError, "a float32 tensor of shape (2,)"),
        (torch.tensor([True, False]), TypeError, "a bool tensor of shape (2,)"),
        (np.array([1.5]), TypeError, "a float64 array of shape (1,)"),
        (torch.tensor([[1, 2]]), ValueError, "an int64 tensor of shape (1, 2)"),
        (np.zeros((2, 300), dtype=np.int64), ValueError, "an int64 array of shape (2, 300)"),
        (torch.zeros(2, 300), TypeError, "a float32 tensor of shape (2, 300)"),
    ],
)
def test_a_tensor_or_array_of_another_dtype_or_shape_is_refused_by_them(units, error, got):
    # its values were listed one by one (600 of them for a 2 x 300 array)
    for plot in (plot_cell_states, plot_gates):
        with pytest.raises(error) as err:
            plot(_trace(), units=units)
        assert str(err.value) == (
            "`units` must be a list (or a 1-D integer tensor or array) of unit indices in "
            f"[0, 6) {HIDDEN}, got {got}."
        )
