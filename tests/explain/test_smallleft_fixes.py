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


def test_the_reference_output_is_computed_without_gradients_by_its_callers() -> None:
    """`_model_output` wrapped its call in a `torch.no_grad()` of its own, though both of its
    callers, `lrp` and `lrp_seq2seq`, run under one: the model is still called without
    gradients there, and the helper leaves the grad mode to them."""
    from lstmkit.explain import lrp, lrp_seq2seq
    from lstmkit.explain.lrp import _model_output
    from lstmkit.forecast import ForecastNet

    torch.manual_seed(0)
    seen: list[bool] = []
    for net, explain in [
        (ForecastNet("lstm", 2, 4, 3), lambda n, x: lrp(n, x, 0)),
        (
            ForecastNet("lstm", 2, 4, 1, decoder_input_size=2),
            lambda n, x: lrp_seq2seq(n, x, torch.randn(2, 3, 2, dtype=torch.float64)),
        ),
    ]:
        net = net.double().eval()
        net.register_forward_hook(lambda *_: seen.append(torch.is_grad_enabled()))
        ex = explain(net, torch.randn(2, 5, 2, dtype=torch.float64))
        assert ex.output is not None and not ex.output.requires_grad
    assert seen and not any(seen)  # every call of the model, the reference's too
    identity = torch.nn.Identity()
    with torch.enable_grad():
        grad_mode = _model_output(identity, lambda: torch.tensor(float(torch.is_grad_enabled())))
    assert grad_mode.item() == 1.0
