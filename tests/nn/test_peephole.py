"""Peephole LSTM (Gers & Schmidhuber 2000) against a slow re-implementation of its equations.

    i_t = sigmoid(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi + w_ci * c_{t-1})
    f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf + w_cf * c_{t-1})
    g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
    c_t = f_t * c_{t-1} + i_t * g_t
    o_t = sigmoid(W_io x_t + b_io + W_ho h_{t-1} + b_ho + w_co * c_t)
    h_t = o_t * tanh(c_t)

The reference below loops over layers, directions, sequences and steps one at a time; for a
sequence of length n the forward direction runs t = 0..n-1 and the reverse t = n-1..0.
"""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.func import functional_call

from lstmkit.nn import LSTM, LSTMCell

DT = torch.float64
B, T, I, H = 3, 5, 4, 3
LENGTHS = [5, 2, 4]
TOL = {"atol": 1e-10, "rtol": 1e-9}


def _peephole_step(p: dict, sfx: str, x, h, c):
    z = x @ p[f"weight_ih{sfx}"].T + h @ p[f"weight_hh{sfx}"].T
    if f"bias_ih{sfx}" in p:
        z = z + p[f"bias_ih{sfx}"] + p[f"bias_hh{sfx}"]
    zi, zf, zg, zo = z.split(H, dim=-1)
    i = torch.sigmoid(zi + p[f"weight_ci{sfx}"] * c)
    f = torch.sigmoid(zf + p[f"weight_cf{sfx}"] * c)
    g = torch.tanh(zg)
    c_new = f * c + i * g
    o = torch.sigmoid(zo + p[f"weight_co{sfx}"] * c_new)
    return o * torch.tanh(c_new), c_new


def reference_peephole_lstm(p, x, lengths, num_layers, bidirectional, h0, c0):
    """Slow peephole LSTM. ``x`` is [T, B, I] (time-major); returns (out [T,B,D*H], h_n, c_n)."""
    n_dir = 2 if bidirectional else 1
    steps, batch = x.shape[:2]
    lengths = [steps] * batch if lengths is None else list(lengths)
    layer_in = x
    h_n, c_n = [], []
    for k in range(num_layers):
        per_dir = []
        for d in range(n_dir):
            sfx = f"_l{k}" + ("_reverse" if d else "")
            columns = []  # columns[b] = list of T hidden vectors
            hs, cs = [], []
            for b in range(batch):
                n = lengths[b]
                h, c = h0[k * n_dir + d, b], c0[k * n_dir + d, b]
                outs = [torch.zeros(H, dtype=x.dtype)] * steps
                for t in range(n - 1, -1, -1) if d else range(n):
                    h, c = _peephole_step(p, sfx, layer_in[t, b], h, c)
                    outs[t] = h
                columns.append(torch.stack(outs))  # [T, H]
                hs.append(h)
                cs.append(c)
            per_dir.append(torch.stack(columns, dim=1))  # [T, B, H]
            h_n.append(torch.stack(hs))
            c_n.append(torch.stack(cs))
        layer_in = torch.cat(per_dir, dim=-1)
    return layer_in, torch.stack(h_n), torch.stack(c_n)


def _model(
    num_layers=1, bidirectional=False, bias=True, batch_first=False, impl="explicit", seed=0
):
    torch.manual_seed(seed)
    m = LSTM(
        I,
        H,
        num_layers=num_layers,
        bias=bias,
        batch_first=batch_first,
        bidirectional=bidirectional,
        peephole=True,
        implementation=impl,
        dtype=DT,
    )
    # peepholes big enough to matter, whatever their default initialisation
    with torch.no_grad():
        for name, p in m.named_parameters():
            if name.startswith(("weight_ci", "weight_cf", "weight_co")):
                p.copy_(torch.randn(p.shape, dtype=DT))
    return m


def test_peephole_parameter_names_and_shapes():
    m = LSTM(I, H, num_layers=2, bidirectional=True, peephole=True)
    shapes = {n: tuple(p.shape) for n, p in m.named_parameters()}
    ref = {
        n: tuple(p.shape)
        for n, p in nn.LSTM(I, H, num_layers=2, bidirectional=True).named_parameters()
    }
    for name, shape in ref.items():
        assert shapes[name] == shape
    extra = {n: s for n, s in shapes.items() if n not in ref}
    expected = {
        f"weight_c{g}_l{k}{sfx}": (H,) for g in "ifo" for k in range(2) for sfx in ("", "_reverse")
    }
    assert extra == expected


@pytest.mark.parametrize(
    ("num_layers", "bidirectional", "bias", "batch_first", "use_lengths"),
    [
        (1, False, True, False, False),
        (1, False, True, False, True),
        (1, True, True, True, True),
        (2, True, True, False, True),
        (2, False, False, True, False),
        (2, True, False, True, True),
    ],
)
@pytest.mark.parametrize("impl", ["explicit", "auto"])
def test_peephole_matches_slow_reference(
    num_layers, bidirectional, bias, batch_first, use_lengths, impl
):
    m = _model(num_layers, bidirectional, bias, batch_first, impl)
    n_dir = 2 if bidirectional else 1
    g = torch.Generator().manual_seed(1)
    x = torch.randn(T, B, I, generator=g, dtype=DT)
    h0 = torch.randn(num_layers * n_dir, B, H, generator=g, dtype=DT)
    c0 = torch.randn(num_layers * n_dir, B, H, generator=g, dtype=DT)
    lengths = LENGTHS if use_lengths else None
    w_out = torch.randn(T, B, n_dir * H, generator=g, dtype=DT)
    w_h = torch.randn(num_layers * n_dir, B, H, generator=g, dtype=DT)

    def loss_of(out_tm, h_n, c_n):
        return (out_tm * w_out).sum() + (h_n * w_h).sum() + (c_n * w_h.flip(0)).sum()

    # reference (autograd through the slow loop gives the reference gradients)
    params = {n: p.detach().clone().requires_grad_(True) for n, p in m.named_parameters()}
    xr = x.clone().requires_grad_(True)
    out_r, h_r, c_r = reference_peephole_lstm(
        params, xr, lengths, num_layers, bidirectional, h0, c0
    )
    loss_of(out_r, h_r, c_r).backward()

    xk = x.clone().requires_grad_(True)
    xin = xk.transpose(0, 1) if batch_first else xk
    kw = {} if lengths is None else {"lengths": torch.tensor(lengths)}
    out_k, (h_k, c_k) = m(xin, (h0, c0), **kw)
    out_tm = out_k.transpose(0, 1) if batch_first else out_k
    loss_of(out_tm, h_k, c_k).backward()

    torch.testing.assert_close(out_tm.detach(), out_r.detach(), **TOL)
    torch.testing.assert_close(h_k.detach(), h_r.detach(), **TOL)
    torch.testing.assert_close(c_k.detach(), c_r.detach(), **TOL)
    torch.testing.assert_close(xk.grad, xr.grad, **TOL)
    for name, p in m.named_parameters():
        torch.testing.assert_close(p.grad, params[name].grad, **TOL, msg=f"gradient of {name}")


def test_peephole_weights_matter_and_zero_peepholes_equal_plain_lstm():
    """With w_c* = 0 the peephole LSTM is torch's LSTM; with w_c* != 0 it is not."""
    m = _model(num_layers=2, bidirectional=True)
    ref = nn.LSTM(I, H, num_layers=2, bidirectional=True, dtype=DT)
    x = torch.randn(T, B, I, dtype=DT)
    with torch.no_grad():
        for name, p in ref.named_parameters():
            p.copy_(dict(m.named_parameters())[name])
    out_peep, _ = m(x)
    out_ref, _ = ref(x)
    assert (out_peep - out_ref).abs().max() > 1e-3
    with torch.no_grad():
        for name, p in m.named_parameters():
            if name.startswith(("weight_ci", "weight_cf", "weight_co")):
                p.zero_()
    torch.testing.assert_close(m(x)[0], out_ref, **TOL)


def test_output_gate_peeks_at_new_cell_state():
    """Distinguishes w_co * c_t (Gers & Schmidhuber) from the wrong w_co * c_{t-1}, by hand."""
    m = LSTM(1, 1, peephole=True, dtype=DT, implementation="explicit")
    with torch.no_grad():
        for p in m.parameters():
            p.zero_()
        m.weight_ih_l0[2] = 1.0  # candidate g = tanh(x)
        m.weight_co_l0.fill_(3.0)
    x = torch.tensor([[[2.0]]], dtype=DT)  # T = B = I = 1
    out, (_, c_n) = m(x)
    c1 = 0.5 * torch.tanh(torch.tensor(2.0, dtype=DT))  # f * 0 + i * g with i = sigmoid(0)
    expected_h = torch.sigmoid(3.0 * c1) * torch.tanh(c1)  # o sees c_1, not c_0 = 0
    torch.testing.assert_close(c_n.flatten()[0], c1, **TOL)
    torch.testing.assert_close(out.flatten()[0], expected_h, **TOL)


def test_peephole_gradcheck():
    """Finite differences (torch.autograd.gradcheck) through input and every parameter."""
    torch.manual_seed(0)
    h = 2
    m = LSTM(2, h, bidirectional=True, peephole=True, implementation="explicit", dtype=DT)
    names = [n for n, _ in m.named_parameters()]
    x = torch.randn(3, 2, 2, dtype=DT, requires_grad=True)
    lengths = torch.tensor([3, 2])
    params = [p.detach().clone().requires_grad_(True) for p in m.parameters()]

    def f(x, *ps):
        out, (h_n, c_n) = functional_call(
            m, dict(zip(names, ps, strict=True)), (x,), {"lengths": lengths}
        )
        return out, h_n, c_n

    assert torch.autograd.gradcheck(f, (x, *params), eps=1e-6, atol=1e-6)


@pytest.mark.parametrize("with_state", [True, False])
def test_peephole_cell_matches_reference_step(with_state):
    torch.manual_seed(8)
    cell = LSTMCell(I, H, peephole=True, dtype=DT)
    with torch.no_grad():
        for name in ("weight_ci", "weight_cf", "weight_co"):
            getattr(cell, name).copy_(torch.randn(H, dtype=DT))
    p = dict(cell.named_parameters())
    x = torch.randn(B, I, dtype=DT)
    h0, c0 = (torch.randn(B, H, dtype=DT), torch.randn(B, H, dtype=DT))
    if not with_state:
        h0, c0 = torch.zeros_like(h0), torch.zeros_like(c0)
    h_exp, c_exp = _peephole_step(p, "", x, h0, c0)
    h_k, c_k = cell(x, (h0, c0)) if with_state else cell(x)
    torch.testing.assert_close(h_k, h_exp, **TOL)
    torch.testing.assert_close(c_k, c_exp, **TOL)


def test_peephole_layer_equals_its_cell_unrolled():
    """A 1-layer peephole LSTM is its cell applied step by step (same parameters, renamed)."""
    m = _model(seed=4)
    cell = LSTMCell(I, H, peephole=True, dtype=DT)
    with torch.no_grad():
        for name, p in cell.named_parameters():
            p.copy_(dict(m.named_parameters())[f"{name}_l0"])
    x = torch.randn(T, B, I, dtype=DT)
    out, _ = m(x)
    state = None
    for t, out_t in zip(range(T), out, strict=True):
        state = cell(x[t]) if state is None else cell(x[t], state)
        torch.testing.assert_close(state[0], out_t, **TOL)


def test_fused_refuses_peephole():
    with pytest.raises(ValueError, match="peephole"):
        LSTM(I, H, peephole=True, implementation="fused")
