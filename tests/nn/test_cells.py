"""Parity of lstmkit's one-step cells with ``torch.nn.LSTMCell``/``torch.nn.GRUCell`` in float64,
plus a check of the cell equations written out by hand."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstmkit.nn import GRUCell, LSTMCell

DT = torch.float64
B, I, H = 3, 4, 3
TOL = {"atol": 1e-10, "rtol": 1e-9}


def _pair(kind: str, bias: bool, seed: int = 0):
    torch.manual_seed(seed)
    if kind == "lstm":
        ref, kit = nn.LSTMCell(I, H, bias=bias, dtype=DT), LSTMCell(I, H, bias=bias, dtype=DT)
    else:
        ref, kit = nn.GRUCell(I, H, bias=bias, dtype=DT), GRUCell(I, H, bias=bias, dtype=DT)
    return ref, kit


def _as_tuple(state):
    return state if isinstance(state, tuple) else (state,)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("with_state", [True, False])
@pytest.mark.parametrize("direction", ["torch_to_kit", "kit_to_torch"])
def test_cell_parity_values_and_grads(kind, bias, with_state, direction):
    ref, kit = _pair(kind, bias)
    assert list(kit.state_dict()) == list(ref.state_dict())
    if direction == "torch_to_kit":
        kit.load_state_dict(ref.state_dict())
    else:
        ref.load_state_dict(kit.state_dict())
    g = torch.Generator().manual_seed(1)
    x = torch.randn(B, I, generator=g, dtype=DT)
    h0 = torch.randn(B, H, generator=g, dtype=DT)
    c0 = torch.randn(B, H, generator=g, dtype=DT)
    w = [torch.randn(B, H, generator=g, dtype=DT) for _ in range(2)]

    def run(cell):
        xx = x.clone().requires_grad_(True)
        hh, cc = h0.clone().requires_grad_(True), c0.clone().requires_grad_(True)
        if with_state:
            state = cell(xx, (hh, cc)) if kind == "lstm" else cell(xx, hh)
        else:
            state = cell(xx)
        state = _as_tuple(state)
        loss = sum((s * wk).sum() for s, wk in zip(state, w, strict=False))
        loss.backward()
        grads = [xx.grad] + ([hh.grad] if with_state else [])
        if with_state and kind == "lstm":
            grads.append(cc.grad)
        grads += [p.grad for p in cell.parameters()]
        return [s.detach() for s in state], grads

    s_r, g_r = run(ref)
    s_k, g_k = run(kit)
    assert len(s_k) == len(s_r)
    for a, b in zip(s_k, s_r, strict=True):
        torch.testing.assert_close(a, b, **TOL)
    assert len(g_k) == len(g_r)
    for a, b in zip(g_k, g_r, strict=True):
        assert a is not None
        torch.testing.assert_close(a, b, **TOL)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_cell_unbatched_input(kind):
    ref, kit = _pair(kind, True, seed=2)
    kit.load_state_dict(ref.state_dict())
    x = torch.randn(I, dtype=DT)
    s_r, s_k = _as_tuple(ref(x)), _as_tuple(kit(x))
    for a, b in zip(s_k, s_r, strict=True):
        assert a.shape == (H,)
        torch.testing.assert_close(a, b, **TOL)


def test_lstm_cell_equations_by_hand():
    """One step written from the equations (gate order i, f, g, o) with the cell's own weights."""
    torch.manual_seed(3)
    cell = LSTMCell(I, H, dtype=DT)
    x, h, c = (torch.randn(B, n, dtype=DT) for n in (I, H, H))
    p = dict(cell.named_parameters())
    z = x @ p["weight_ih"].T + p["bias_ih"] + h @ p["weight_hh"].T + p["bias_hh"]
    zi, zf, zg, zo = z.split(H, dim=1)
    c_new = torch.sigmoid(zf) * c + torch.sigmoid(zi) * torch.tanh(zg)
    h_new = torch.sigmoid(zo) * torch.tanh(c_new)
    h_k, c_k = cell(x, (h, c))
    torch.testing.assert_close(c_k, c_new, **TOL)
    torch.testing.assert_close(h_k, h_new, **TOL)


def test_gru_cell_equations_by_hand():
    """One step written from the equations (gate order r, z, n), r applied after W_hn h + b_hn."""
    torch.manual_seed(4)
    cell = GRUCell(I, H, dtype=DT)
    x, h = torch.randn(B, I, dtype=DT), torch.randn(B, H, dtype=DT)
    p = dict(cell.named_parameters())
    xi = x @ p["weight_ih"].T + p["bias_ih"]
    hh = h @ p["weight_hh"].T + p["bias_hh"]
    xr, xz, xn = xi.split(H, dim=1)
    hr, hz, hn = hh.split(H, dim=1)
    r, z = torch.sigmoid(xr + hr), torch.sigmoid(xz + hz)
    n = torch.tanh(xn + r * hn)
    torch.testing.assert_close(cell(x, h), (1 - z) * n + z * h, **TOL)


def test_cell_golden_value():
    """A golden value computed by hand: all weights 0.5, biases 0, x = 1, h = c = 0.

    Every pre-activation is 0.5 * I = 2, so i = f = o = sigmoid(2), g = tanh(2),
    c = sigmoid(2) * tanh(2) and h = sigmoid(2) * tanh(c).
    """
    cell = LSTMCell(I, H, dtype=DT)
    with torch.no_grad():
        cell.weight_ih.fill_(0.5)
        cell.weight_hh.fill_(0.5)
        cell.bias_ih.zero_()
        cell.bias_hh.zero_()
    h, c = cell(torch.ones(1, I, dtype=DT))
    s2 = 1 / (1 + torch.exp(torch.tensor(-2.0, dtype=DT)))
    c_exp = s2 * torch.tanh(torch.tensor(2.0, dtype=DT))
    torch.testing.assert_close(c, torch.full((1, H), c_exp.item(), dtype=DT), **TOL)
    torch.testing.assert_close(
        h, torch.full((1, H), (s2 * torch.tanh(c_exp)).item(), dtype=DT), **TOL
    )
    assert c_exp.item() == pytest.approx(0.8491126756, abs=1e-9)
    assert h.flatten()[0].item() == pytest.approx(0.6082834182, abs=1e-9)


@pytest.mark.parametrize(
    ("cls", "kwargs"), [(LSTMCell, {}), (LSTMCell, {"peephole": True}), (GRUCell, {})]
)
def test_cell_init_is_uniform_within_one_over_sqrt_hidden(cls, kwargs):
    """U(-1/sqrt(H), 1/sqrt(H)) for every parameter, as torch's cells: with H = 16 the ~1,000
    draws fill [-0.25, 0.25] up to its ends."""
    torch.manual_seed(0)
    values = torch.cat([p.detach().flatten() for p in cls(3, 16, **kwargs).parameters()])
    assert -0.25 <= values.min() < -0.245 and 0.245 < values.max() <= 0.25
