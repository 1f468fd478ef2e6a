"""Users coming from Keras and torch.nn (nn9): Keras' `input_shape` as an array, `reset_after` and
`implementation`, every missing size named, a hook's own TypeError, and `summary` of a
parametrized layer."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.nn.utils.parametrizations import spectral_norm, weight_norm

import lstmkit
from lstmkit._checks import typed_repr
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
    # (a ValueError; nn22: a TypeError, as every choice given a non-str)
    with pytest.raises(TypeError) as err:
        LSTM(1, 4, implementation=value)
    assert str(err.value) == (
        # typed_repr: np.int64(2) as numpy 2 writes it, on numpy 1 too (whose repr is "2")
        "`implementation` must be a str, one of ('auto', 'fused', 'explicit'), got "
        f"{typed_repr(value)}: "
        "Keras' implementation=1 or 2 (many small or a few large matrix products per step) has "
        "no meaning here, PyTorch chooses its kernel; 'auto' (the default) runs PyTorch's fused "
        "kernel when it can."
    )


def test_another_implementation_keeps_the_plain_refusal() -> None:
    for value in (True, 3):  # nn22: no str, a TypeError naming its type
        with pytest.raises(TypeError) as err:
            GRU(1, 4, implementation=value)
        assert str(err.value) == (
            "`implementation` must be a str, one of ('auto', 'fused', 'explicit'), got "
            f"{typed_repr(value)}."
        )
    with pytest.raises(ValueError) as err:
        GRU(1, 4, implementation="turbo")
    assert str(err.value) == (
        "`implementation` must be one of ('auto', 'fused', 'explicit'), got 'turbo'."
    )


def test_keras_implementation_on_a_cell_is_told_it_has_no_meaning_here() -> None:
    # it was "LSTMCell() got unknown argument 'implementation'; it takes ..."
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
        "`hx=(h_0, c_0)`, each [B, H]; got unknown argument 'flavour'; it takes input and hx."
    )


def _rows_total(s) -> int:
    return sum(r["total"] for r in s.rows)


@pytest.mark.parametrize("make", [torch.nn.LSTM, LSTM], ids=["torch.nn", "lstmkit"])
def test_summary_of_a_weight_normed_layer_says_why_its_rows_do_not_add_up(make) -> None:
    # the rows added up to 112, the total said 128, and nothing said why
    model = weight_norm(make(1, 4), "weight_hh_l0")
    s = lstmkit.summary(model)
    assert (_rows_total(s), s.total) == (112, 128)
    note = (
        "LSTM: its rows count the 112 weights and biases its gates use, the total "
        "128 of its parameters: weight_hh_l0 is computed from "
        "parametrizations.weight_hh_l0.original0 and parametrizations.weight_hh_l0.original1."
    )
    assert s.notes == [note]
    assert str(s).endswith("Total params: 128    Trainable params: 128\n" + note)


def test_summary_names_every_computed_weight_of_a_layer_and_a_cell() -> None:
    layer = LSTM(1, 2, bidirectional=True)
    layer = weight_norm(weight_norm(layer, "weight_hh_l0"), "weight_ih_l0_reverse")
    cell = weight_norm(GRUCell(2, 3), "weight_hh")
    s = lstmkit.summary(torch.nn.Sequential(layer, cell))
    assert (_rows_total(s), s.total) == (80 + 63, 80 + 16 + 63 + 9)  # g: [8, 1] and [9, 1]
    assert s.notes == [
        "0 (LSTM): its rows count the 80 weights and biases its gates use, the "
        "total 96 of its parameters: weight_hh_l0 and weight_ih_l0_reverse are computed from "
        "parametrizations.weight_hh_l0.original0, parametrizations.weight_hh_l0.original1, "
        "parametrizations.weight_ih_l0_reverse.original0 and "
        "parametrizations.weight_ih_l0_reverse.original1.",
        "1 (GRUCell): its rows count the 63 weights and biases its gates use, the "
        "total 72 of its parameters: weight_hh is computed from "
        "parametrizations.weight_hh.original0 and parametrizations.weight_hh.original1.",
    ]


def test_summary_of_the_older_weight_norm_names_its_g_and_v() -> None:
    with pytest.warns(FutureWarning, match="weight_norm"):
        model = torch.nn.utils.weight_norm(torch.nn.LSTM(1, 4), "weight_hh_l0")
    s = lstmkit.summary(model)
    assert s.notes == [
        "LSTM: its rows count the 112 weights and biases its gates use, the total 128 of its "
        "parameters: weight_hh_l0 is computed from weight_hh_l0_g and weight_hh_l0_v."
    ]


def test_summary_of_a_weight_shared_by_two_layers_says_where_it_is_counted() -> None:
    first, second = LSTM(1, 4), LSTM(4, 4)
    second.weight_hh_l0 = first.weight_hh_l0
    s = lstmkit.summary(torch.nn.Sequential(first, second))
    assert (_rows_total(s), s.total) == (112 + 160, 112 + 96)
    assert s.notes == [
        "1 (LSTM): its rows count the 160 weights and biases its gates use, the total 96 of its "
        "parameters: weight_hh_l0 is the same parameter as weight_hh_l0 of 0 (LSTM), counted "
        "there."
    ]


def test_summary_adds_no_note_where_the_rows_add_up() -> None:
    for model in (
        spectral_norm(LSTM(2, 4), "weight_hh_l0"),  # computed, but from as many parameters
        LSTM(2, 4, num_layers=2, bidirectional=True, proj_size=2, peephole=True),
        torch.nn.Sequential(LSTMCell(2, 3), torch.nn.Linear(3, 1)),
    ):
        s = lstmkit.summary(model)
        assert s.notes == []
        assert _rows_total(s) == s.total
