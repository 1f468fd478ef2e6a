"""Small defects left by this session's helpers: Keras' call arguments on the nn modules."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

TRAINING = (
    "there is no `training` argument: dropout follows the module's mode, set by "
    "`module.train()` or `module.eval()` (as in torch.nn)."
)


@pytest.mark.parametrize(
    ("make", "state"),
    [(lambda: LSTM(2, 3, batch_first=True), "(h_0, c_0)"), (lambda: GRU(2, 3), "h_0")],
)
def test_a_layer_tells_keras_initial_state_as_hx(make, state: str) -> None:
    # it was "LSTM.forward() got an unexpected keyword argument 'initial_state'"
    layer = make()
    name = type(layer).__name__
    with pytest.raises(TypeError) as err:
        layer(torch.randn(2, 4, 2), initial_state=None)
    assert str(err.value) == (
        f"{name}.forward() takes no Keras argument `initial_state`: `initial_state` is `hx` "
        f"here, `hx={state}`, each [L*D, B, H] (Keras' [B, H] states are `h.unsqueeze(0)` for "
        "one layer and direction)."
    )


def test_a_layer_tells_mask_training_and_unknown_arguments_at_once() -> None:
    with pytest.raises(TypeError) as err:
        LSTM(2, 3)(torch.randn(4, 2, 2), mask=None, training=True, foo=1)
    assert str(err.value) == (
        "LSTM.forward() takes no Keras argument `mask` and `training`: `mask` is `lengths` "
        "here, each sequence's true length [B]: `lengths=mask.sum(1)` for a [B, T] mask of "
        "sequences padded at the end; " + TRAINING[:-1] + "; got unknown argument 'foo'; "
        "it takes input, hx and lengths."
    )


@pytest.mark.parametrize(("cls", "state"), [(LSTMCell, "(h_0, c_0)"), (GRUCell, "h_0")])
def test_a_cell_tells_keras_states_and_training(cls: type, state: str) -> None:
    with pytest.raises(TypeError) as err:
        cls(2, 3)(torch.randn(1, 2), states=None, training=False)
    assert str(err.value) == (
        f"{cls.__name__}.forward() takes no Keras argument `states` and `training`: `states` "
        f"is `hx` here, `hx={state}`, each [B, H]; " + TRAINING
    )


def test_a_type_error_from_inside_a_call_that_binds_comes_as_it_was() -> None:
    with pytest.raises(TypeError, match=r"^`hx` of an LSTMCell must be a tuple \(h_0, c_0\), "):
        LSTMCell(2, 3)(torch.randn(1, 2), hx=torch.zeros(1, 3))
    with pytest.raises(TypeError, match=r"takes from 2 to 4 positional arguments but 5"):
        LSTM(2, 3)(torch.randn(4, 2), None, None, None)
    out, (h, c) = LSTM(2, 3)(torch.randn(4, 2), hx=None, lengths=None)
    assert out.shape == (4, 3) and h.shape == c.shape == (1, 3)
