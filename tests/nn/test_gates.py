"""Named gates: ``module.gates(layer, direction)`` returns views of the stored weights per gate."""

from __future__ import annotations

import pytest
import torch

import lstmkit
from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

I, H = 4, 3
LSTM_GATES = ["input", "forget", "candidate", "output"]  # rows 0:H, H:2H, 2H:3H, 3H:4H
GRU_GATES = ["reset", "update", "new"]


def _shares_memory(view: torch.Tensor, base: torch.Tensor) -> bool:
    return view.untyped_storage().data_ptr() == base.untyped_storage().data_ptr()


@pytest.mark.parametrize(
    ("cls", "names"), [(LSTM, LSTM_GATES), (GRU, GRU_GATES)], ids=["lstm", "gru"]
)
@pytest.mark.parametrize(
    ("layer", "direction", "sfx"),
    [(0, "forward", "_l0"), (0, "reverse", "_l0_reverse"), (1, 1, "_l1_reverse"), (1, 0, "_l1")],
)
def test_gate_views_are_the_right_rows(cls, names, layer, direction, sfx):
    torch.manual_seed(0)
    m = cls(I, H, num_layers=2, bidirectional=True)
    gates = m.gates(layer=layer, direction=direction)
    assert list(gates) == names
    w_ih, w_hh = getattr(m, f"weight_ih{sfx}"), getattr(m, f"weight_hh{sfx}")
    b_ih, b_hh = getattr(m, f"bias_ih{sfx}"), getattr(m, f"bias_hh{sfx}")
    in_size = I if layer == 0 else 2 * H
    for k, name in enumerate(names):
        gp = gates[name]
        rows = slice(k * H, (k + 1) * H)
        assert gp.weight_ih.shape == (H, in_size)
        assert gp.weight_hh.shape == (H, H)
        assert gp.bias_ih.shape == gp.bias_hh.shape == (H,)
        torch.testing.assert_close(gp.weight_ih, w_ih[rows], atol=0, rtol=0)
        torch.testing.assert_close(gp.weight_hh, w_hh[rows], atol=0, rtol=0)
        torch.testing.assert_close(gp.bias_ih, b_ih[rows], atol=0, rtol=0)
        torch.testing.assert_close(gp.bias_hh, b_hh[rows], atol=0, rtol=0)
        assert _shares_memory(gp.weight_ih, w_ih) and _shares_memory(gp.weight_hh, w_hh)
        assert gp.W is gp.weight_ih or torch.equal(gp.W, gp.weight_ih)
        assert gp.U is gp.weight_hh or torch.equal(gp.U, gp.weight_hh)
        if name == "new":  # b_hn sits inside r ⊙ (W_hn h + b_hn): no one bias (test_walk25b)
            with pytest.raises(AttributeError):
                _ = gp.b
        else:
            torch.testing.assert_close(gp.b, b_ih[rows] + b_hh[rows], atol=0, rtol=0)


def test_editing_a_gate_edits_the_model():
    torch.manual_seed(0)
    m = LSTM(I, H, bidirectional=True)
    forget = m.gates()["forget"]
    with torch.no_grad():
        forget.weight_ih.fill_(7.0)
        forget.bias_hh.zero_()
        m.gates(direction="reverse")["output"].weight_hh.fill_(-2.0)
    assert torch.all(m.weight_ih_l0[H : 2 * H] == 7.0)
    assert not torch.any(m.weight_ih_l0[:H] == 7.0) and not torch.any(
        m.weight_ih_l0[2 * H :] == 7.0
    )
    assert torch.all(m.bias_hh_l0[H : 2 * H] == 0.0)
    assert torch.all(m.weight_hh_l0_reverse[3 * H :] == -2.0)
    assert not torch.any(m.weight_hh_l0[3 * H :] == -2.0)
    # W and U are the same views
    with torch.no_grad():
        m.gates()["input"].W.fill_(1.5)
        m.gates()["input"].U.fill_(2.5)
    assert torch.all(m.weight_ih_l0[:H] == 1.5) and torch.all(m.weight_hh_l0[:H] == 2.5)
    # b is a new tensor: editing it leaves the model alone
    before = m.bias_ih_l0.detach().clone()
    b = m.gates()["input"].b
    with torch.no_grad():
        b.fill_(100.0)
    torch.testing.assert_close(m.bias_ih_l0.detach(), before, atol=0, rtol=0)


def test_gate_edit_changes_behaviour_as_the_equations_say():
    """Forget gate fully open, input gate shut: the cell state stays c_0 for every step."""
    torch.manual_seed(1)
    m = LSTM(I, H, dtype=torch.float64)
    gates = m.gates()
    with torch.no_grad():
        for name in ("forget", "input"):
            gates[name].weight_ih.zero_()
            gates[name].weight_hh.zero_()
            gates[name].bias_hh.zero_()
        gates["forget"].bias_ih.fill_(60.0)  # sigmoid(60) == 1 in float64 up to 1e-26
        gates["input"].bias_ih.fill_(-60.0)
    x = torch.randn(5, 2, I, dtype=torch.float64)
    c0 = torch.randn(1, 2, H, dtype=torch.float64)
    h0 = torch.zeros(1, 2, H, dtype=torch.float64)
    with lstmkit.trace(m) as tr:
        out, (_, c_n) = m(x, (h0, c0))
    torch.testing.assert_close(c_n, c0, atol=1e-12, rtol=0)
    torch.testing.assert_close(
        tr["l0"]["c"], c0[0].unsqueeze(1).expand(2, 5, H), atol=1e-12, rtol=0
    )
    torch.testing.assert_close(
        out.transpose(0, 1), tr["l0"]["o"] * torch.tanh(tr["l0"]["c"]), atol=1e-12, rtol=0
    )


def test_gates_without_bias():
    m = GRU(I, H, bias=False)
    for gp in m.gates().values():
        assert gp.bias_ih is None and gp.bias_hh is None
        assert gp.b is None or torch.all(gp.b == 0)


def test_peephole_gate_views():
    torch.manual_seed(0)
    m = LSTM(I, H, peephole=True, bidirectional=True)
    for direction, sfx in (("forward", "_l0"), ("reverse", "_l0_reverse")):
        gates = m.gates(direction=direction)
        assert gates["candidate"].weight_c is None
        for gate, letter in (("input", "i"), ("forget", "f"), ("output", "o")):
            peep = getattr(m, f"weight_c{letter}{sfx}")
            assert gates[gate].weight_c.shape == (H,)
            assert _shares_memory(gates[gate].weight_c, peep)
            with torch.no_grad():
                gates[gate].weight_c.fill_(0.25 + len(letter + sfx))
            assert torch.all(peep == 0.25 + len(letter + sfx))
    # plain LSTMs have no peephole
    assert all(gp.weight_c is None for gp in LSTM(I, H).gates().values())


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        (LSTMCell(I, H), LSTM_GATES),
        (GRUCell(I, H), GRU_GATES),
        (LSTMCell(I, H, peephole=True), LSTM_GATES),
    ],
    ids=["lstm", "gru", "peephole"],
)
def test_cell_gates(cell, names):
    gates = cell.gates()
    assert list(gates) == names
    for k, name in enumerate(names):
        rows = slice(k * H, (k + 1) * H)
        torch.testing.assert_close(gates[name].weight_ih, cell.weight_ih[rows], atol=0, rtol=0)
        torch.testing.assert_close(gates[name].weight_hh, cell.weight_hh[rows], atol=0, rtol=0)
        assert _shares_memory(gates[name].weight_ih, cell.weight_ih)
    with torch.no_grad():
        gates[names[1]].bias_ih.fill_(3.0)
    assert torch.all(cell.bias_ih[H : 2 * H] == 3.0)


@pytest.mark.parametrize(
    ("kwargs", "call"),
    [
        ({}, {"layer": 1}),
        ({}, {"layer": -5}),
        ({}, {"direction": "reverse"}),  # unidirectional
        ({"bidirectional": True}, {"direction": "sideways"}),
        ({"bidirectional": True}, {"direction": 2}),
    ],
)
def test_gates_bad_arguments(kwargs, call):
    m = LSTM(I, H, **kwargs)
    with pytest.raises((ValueError, IndexError)):
        m.gates(**call)


def test_gate_views_of_a_projected_lstm():
    # with proj_size the recurrent weights are [4H, P]: the gates split the 4H rows, not P
    lstm = LSTM(5, 4, proj_size=3, num_layers=2, bidirectional=True)
    gates = lstm.gates(layer=1, direction="reverse")
    assert list(gates) == ["input", "forget", "candidate", "output"]
    forget = gates["forget"]
    assert (tuple(forget.W.shape), tuple(forget.U.shape), tuple(forget.b.shape)) == (
        (4, 6),
        (4, 3),
        (4,),
    )
    assert torch.equal(forget.U, lstm.weight_hh_l1_reverse[4:8])
    assert forget.U.data_ptr() == lstm.weight_hh_l1_reverse[4:8].data_ptr()  # a view


@pytest.mark.parametrize("direction", [True, [1], 1.0], ids=["bool", "list", "float"])
def test_a_direction_that_is_no_name_or_index_is_refused(direction):
    # True == 1 gave the reverse direction's gates; a list failed with "unhashable type"
    m = LSTM(I, H, bidirectional=True)
    with pytest.raises(TypeError) as err:
        m.gates(direction=direction)
    assert str(err.value) == (
        "`direction` must be 'forward', 'reverse' or an int direction index, got "
        f"{type(direction).__name__} {direction!r}."
    )


def test_numpy_integers_select_a_layer_and_direction():
    np = pytest.importorskip("numpy")
    m = LSTM(I, H, num_layers=2, bidirectional=True)
    gates = m.gates(layer=np.int64(1), direction=np.int64(1))
    assert _shares_memory(gates["input"].weight_ih, m.weight_ih_l1_reverse)
