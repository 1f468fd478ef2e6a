"""Review of nn9: Keras' call hints on a module with hooks, a weight shared within one layer in
`summary`, and `implementation` on a cell."""

from __future__ import annotations

import pytest
import torch

import lstmkit
from lstmkit.nn import LSTM, LSTMCell

_INITIAL_STATE = (
    "LSTM.forward() takes no Keras argument `initial_state`: `initial_state` is `hx` here, "
    "`hx=(h_0, c_0)`, each [L*D, B, H] (Keras' [B, H] states are `h.unsqueeze(0)` for one layer "
    "and direction)."
)


def _call_refusal(module, *args, **kwargs) -> str:
    with pytest.raises(TypeError) as err:
        module(*args, **kwargs)
    return str(err.value)


@pytest.mark.parametrize(
    "hook",
    [
        lambda m: m.register_forward_hook(lambda _m, _a, _o: None),
        lambda m: m.register_forward_pre_hook(lambda _m, _a: None),
        lambda m: m.register_full_backward_hook(lambda _m, _gi, _go: None),
        lambda m: torch.nn.modules.module.register_module_forward_hook(lambda _m, _a, _o: None),
    ],
    ids=["forward", "pre", "backward", "global"],
)
def test_a_module_with_hooks_still_gets_the_keras_hint(hook) -> None:
    # nn9 lost it: with any hook torch calls forward from `_call_impl`'s inner function, and the
    # refusal read as a hook's own: "LSTM.forward() got an unexpected keyword argument ..."
    layer = LSTM(1, 4, batch_first=True)
    handle = hook(layer)
    try:
        assert _call_refusal(layer, torch.zeros(2, 3, 1), initial_state=None) == _INITIAL_STATE
        cell = LSTMCell(1, 4)
        cell.register_forward_hook(lambda _m, _a, _o: None)
        assert _call_refusal(cell, torch.zeros(2, 1), states=None) == (
            "LSTMCell.forward() takes no Keras argument `states`: `states` is `hx` here, "
            "`hx=(h_0, c_0)`, each [B, H]."
        )
    finally:
        handle.remove()


def test_a_pre_hooks_typeerror_still_comes_through_unchanged() -> None:
    layer = LSTM(1, 4, batch_first=True)

    def refuse(_m, _a, _k):
        raise TypeError("the hook refuses this batch")

    layer.register_forward_pre_hook(refuse, with_kwargs=True)
    assert _call_refusal(layer, torch.zeros(2, 3, 1), initial_state=None) == (
        "the hook refuses this batch"
    )


def test_summary_names_a_weight_shared_within_one_layer_or_cell() -> None:
    # nn9's line ended half-written: "...: the total 96 of its parameters: ."
    layer = LSTM(4, 4)
    layer.weight_hh_l0 = layer.weight_ih_l0
    assert lstmkit.summary(layer).notes == [
        "LSTM: its rows count the 160 weights and biases its gates use, the total 96 of its "
        "parameters: weight_hh_l0 is the same parameter as weight_ih_l0, counted once."
    ]
    stacked = torch.nn.LSTM(4, 4, num_layers=2)
    stacked.weight_hh_l1 = stacked.weight_hh_l0
    cell = LSTMCell(4, 4)
    cell.weight_hh = cell.weight_ih
    s = lstmkit.summary(torch.nn.Sequential(stacked, cell))
    assert s.notes == [
        "0 (LSTM): its rows count the 320 weights and biases its gates use, the total 256 of its "
        "parameters: weight_hh_l1 is the same parameter as weight_hh_l0, counted once.",
        "1 (LSTMCell): its rows count the 160 weights and biases its gates use, the total 96 of "
        "its parameters: weight_hh is the same parameter as weight_ih, counted once.",
    ]
    assert s.total == sum(p.numel() for p in torch.nn.Sequential(stacked, cell).parameters())


@pytest.mark.parametrize("value", ["fused", "explicit", "auto", True])
def test_a_cell_given_a_layers_implementation_is_not_told_it_is_keras(value) -> None:
    # nn9 called any `implementation` on a cell Keras' 1 or 2: "LSTMCell() takes no Keras
    # argument `implementation`: Keras' 1 or 2 (...) has no meaning here, ..."
    with pytest.raises(TypeError) as err:
        LSTMCell(1, 4, implementation=value)
    assert str(err.value) == (
        "LSTMCell() got unknown argument 'implementation'; it takes input_size, hidden_size, "
        "bias, peephole, device and dtype."
    )
    with pytest.raises(TypeError) as err:
        LSTMCell(1, 4, implementation=1)
    assert str(err.value).startswith("LSTMCell() takes no Keras argument `implementation`: ")
