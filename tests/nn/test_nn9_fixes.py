"""Users coming from Keras and torch.nn (nn9): Keras' `input_shape` as an array, `reset_after` and
`implementation`, every missing size named, a hook's own TypeError, and `summary` of a
parametrized layer."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

_INPUT_SHAPE = (
    "`input_shape` (steps, features) is `input_size=features` here; the number of steps is not "
    "fixed"
)


def _refusal(make, *args, **kwargs) -> str:
    with pytest.raises(TypeError) as err:
        make(*args, **kwargs)
    return str(err.value)


@pytest.mark.parametrize(
    "shape",
    [np.array([3, 1]), torch.Size([3, 1]), torch.tensor([3, 1])],
    ids=["numpy", "torch.Size", "tensor"],
)
def test_keras_input_shape_as_an_array_is_translated_as_a_tuple_is(shape) -> None:
    # a numpy array was not read: "...; missing a required argument: 'hidden_size'."
    assert _refusal(LSTM, 4, input_shape=shape) == (
        f"LSTM() takes no Keras argument `input_shape`: {_INPUT_SHAPE}; this call, as Keras "
        "reads it, is LSTM(1, 4, batch_first=True) here."
    )
    assert _refusal(GRUCell, 4, input_shape=shape) == (
        f"GRUCell() takes no Keras argument `input_shape`: {_INPUT_SHAPE}; this call, as Keras "
        "reads it, is GRUCell(1, 4) here."
    )


@pytest.mark.parametrize("make", [LSTM, LSTMCell], ids=lambda m: m.__name__)
def test_reset_after_on_an_lstm_says_an_lstm_has_no_such_option(make) -> None:
    # it was explained as a GRU's: "`reset_after` is always True here (PyTorch's GRU, ...)"
    assert _refusal(make, 1, 4, reset_after=True) == (
        f"{make.__name__}() takes no Keras argument `reset_after`: `reset_after` is an argument "
        "of Keras' GRU; an LSTM has no reset gate and no such option: drop it."
    )


def test_reset_after_on_a_gru_is_still_told_it_is_always_true() -> None:
    assert _refusal(GRU, 1, 4, reset_after=False) == (
        "GRU() takes no Keras argument `reset_after`: `reset_after` is always True here "
        "(PyTorch's GRU, Keras' default): the reset gate multiplies the recurrent product with "
        "its bias."
    )


@pytest.mark.parametrize("make", [LSTM, GRU, LSTMCell, GRUCell], ids=lambda m: m.__name__)
def test_no_arguments_names_both_missing_sizes(make) -> None:
    # it named only the first: "LSTM() missing a required argument: 'input_size'."
    assert _refusal(make) == (
        f"{make.__name__}() missing 2 required arguments: 'input_size' and 'hidden_size'."
    )
    assert _refusal(make, 3) == f"{make.__name__}() missing a required argument: 'hidden_size'."
    assert _refusal(make, hidden_size=3) == (
        f"{make.__name__}() missing a required argument: 'input_size'."
    )


@pytest.mark.parametrize("value", [1, 2, np.int64(2)], ids=["1", "2", "np.int64"])
def test_keras_implementation_is_told_it_has_no_meaning_here(value) -> None:
    # it was the generic "`implementation` must be one of ('auto', 'fused', 'explicit'), got 1."
    with pytest.raises(ValueError) as err:
        LSTM(1, 4, implementation=value)
    assert str(err.value) == (
        f"`implementation` must be one of ('auto', 'fused', 'explicit'), got {value!r}: Keras' "
        "implementation=1 or 2 (many small or a few large matrix products per step) has no "
        "meaning here, PyTorch chooses its kernel; 'auto' (the default) runs PyTorch's fused "
        "kernel when it can."
    )


def test_another_implementation_keeps_the_plain_refusal() -> None:
    for value in (True, 3, "turbo"):
        with pytest.raises(ValueError) as err:
            GRU(1, 4, implementation=value)
        assert str(err.value) == (
            f"`implementation` must be one of ('auto', 'fused', 'explicit'), got {value!r}."
        )


def test_keras_implementation_on_a_cell_is_told_it_has_no_meaning_here() -> None:
    # it was "LSTMCell() got unknown argument(s) 'implementation'; it takes ..."
    assert _refusal(LSTMCell, 1, 4, implementation=2) == (
        "LSTMCell() takes no Keras argument `implementation`: Keras' 1 or 2 (many small or a few "
        "large matrix products per step) has no meaning here, PyTorch chooses its kernel."
    )


def _hook(module, args, kwargs):
    raise TypeError("the hook refuses this batch")


@pytest.mark.parametrize(
    ("make", "x"),
    [(lambda: LSTM(1, 4, batch_first=True), torch.zeros(2, 3, 1)), (lambda: GRUCell(1, 4), None)],
    ids=["LSTM", "GRUCell"],
)
def test_a_forward_pre_hooks_typeerror_comes_through_unchanged(make, x) -> None:
    # with a Keras keyword in the call, the hook's error became the Keras hint
    module = make()
    x = torch.zeros(2, 1) if x is None else x
    module.register_forward_pre_hook(_hook, with_kwargs=True)
    with pytest.raises(TypeError) as err:
        module(x, initial_state=None, mask=None)
    assert str(err.value) == "the hook refuses this batch"
    with pytest.raises(TypeError) as err:
        module(x, flavour=1)
    assert str(err.value) == "the hook refuses this batch"


def test_a_keras_keyword_without_a_hook_is_still_told_lstmkits_way() -> None:
    with pytest.raises(TypeError) as err:
        LSTMCell(1, 4)(torch.zeros(2, 1), states=None, flavour=1)
    assert str(err.value) == (
        "LSTMCell.forward() takes no Keras argument `states`: `states` is `hx` here, "
        "`hx=(h_0, c_0)`, each [B, H]; got unknown argument(s) 'flavour'; it takes input and hx."
    )
