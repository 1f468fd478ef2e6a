"""Fixes from walking README's recurrent core (`lstmkit.nn`) and Text sections (walk25b)."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM, GRUCell

NEW_GATE_HAS_NO_B = (
    "a GRU's `new` gate has no one bias `b`: its `bias_hh` (b_hn) sits inside "
    "r ⊙ (W_hn h + b_hn), so `bias_ih + bias_hh` is no term of its equation; use "
    "`bias_ih` and `bias_hh`."
)


@pytest.mark.parametrize(
    "module",
    [GRU(5, 4, num_layers=2, bidirectional=True), GRUCell(5, 4), torch.nn.GRU(5, 4)],
    ids=["GRU", "GRUCell", "torch.nn.GRU"],
)
def test_a_gru_new_gates_b_is_refused_not_a_sum_its_equation_lacks(module):
    """README and `GateParams.b`'s docstring say `b` is not for a GRU's `new` gate (its b_hn
    sits inside r ⊙ (W_hn h + b_hn)), but `gates()["new"].b` returned bias_ih + bias_hh
    without a word: a pre-activation W x + U h + b built from it was wrong. It raises now; the
    other gates' `b` is still the sum, and the views are unchanged."""
    if isinstance(module, torch.nn.GRU):
        from lstmkit.nn.cells import GRU_GATES, _gate_views

        gates = _gate_views(
            GRU_GATES,
            module.weight_ih_l0,
            module.weight_hh_l0,
            module.bias_ih_l0,
            module.bias_hh_l0,
            None,
        )
    else:
        gates = module.gates()
    new = gates["new"]
    with pytest.raises(AttributeError) as err:
        _ = new.b
    assert str(err.value) == NEW_GATE_HAS_NO_B
    assert not hasattr(new, "b")
    H = 4
    bias_ih = module.bias_ih if isinstance(module, GRUCell) else module.bias_ih_l0
    bias_hh = module.bias_hh if isinstance(module, GRUCell) else module.bias_hh_l0
    assert torch.equal(new.bias_ih, bias_ih[2 * H :]) and torch.equal(new.bias_hh, bias_hh[2 * H :])
    for k, name in enumerate(("reset", "update")):
        rows = slice(k * H, (k + 1) * H)
        assert torch.equal(gates[name].b, bias_ih[rows] + bias_hh[rows])
    # the repr still reads as any gate's, the five views alone
    assert repr(new) == (
        "GateParams(weight_ih [4, 5], weight_hh [4, 4], bias_ih [4], bias_hh [4], weight_c None)"
    )


def test_a_gru_new_gate_without_biases_has_b_none_as_every_gate():
    """Without biases there is no sum to refuse: `b` is None, as for every other gate."""
    gates = GRU(5, 4, bias=False).gates()
    assert [gates[name].b for name in ("reset", "update", "new")] == [None, None, None]


def test_lstm_gates_keep_their_b():
    """Every LSTM gate's `b` is bias_ih + bias_hh, as before (the `new` rule is a GRU's)."""
    torch.manual_seed(0)
    lstm = LSTM(5, 4)
    for k, gate in enumerate(lstm.gates().values()):
        rows = slice(4 * k, 4 * (k + 1))
        assert torch.equal(gate.b, lstm.bias_ih_l0[rows] + lstm.bias_hh_l0[rows])
