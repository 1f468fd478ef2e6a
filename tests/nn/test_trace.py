"""Gate traces: ``with lstmkit.trace(model) as tr: model(x)``.

The recorded gates are checked against the equations, not against the implementation: every gate
of every layer and direction is recomputed from the layer's weights, its input (``x`` for layer 0,
the recorded ``h`` of both directions below it otherwise) and the recorded previous state, and the
recursions ``c_t = f*c_{t-1} + i*g``, ``h_t = o*tanh(c_t)`` (LSTM) and
``h_t = (1 - z)*n + z*h_{t-1}`` (GRU) are reconstructed from ``c_0``/``h_0``.
"""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

import lstmkit
from lstmkit.nn import GRU, LSTM

DT = torch.float64
B, T, I, H = 3, 5, 4, 3
LENGTHS = [5, 2, 4]
TOL = {"atol": 1e-10, "rtol": 1e-9}


def _steps(n: int, reverse: bool) -> list[int]:
    return list(range(n - 1, -1, -1)) if reverse else list(range(n))


def _check_lstm_record(rec, p, sfx, layer_in, h0, c0, lengths, peephole=False):
    """Recompute i, f, g, o from the weights and c, h from the recursion; compare to ``rec``.

    ``layer_in`` is [B, T, in], ``h0``/``c0`` are [B, H].
    """
    reverse = sfx.endswith("_reverse")
    for b in range(B):
        n = T if lengths is None else lengths[b]
        h_prev, c_prev = h0[b], c0[b]
        for t in _steps(n, reverse):
            z = layer_in[b, t] @ p[f"weight_ih{sfx}"].T + h_prev @ p[f"weight_hh{sfx}"].T
            if f"bias_ih{sfx}" in p:
                z = z + p[f"bias_ih{sfx}"] + p[f"bias_hh{sfx}"]
            zi, zf, zg, zo = z.split(H)
            if peephole:
                zi = zi + p[f"weight_ci{sfx}"] * c_prev
                zf = zf + p[f"weight_cf{sfx}"] * c_prev
            i, f, g = torch.sigmoid(zi), torch.sigmoid(zf), torch.tanh(zg)
            torch.testing.assert_close(rec["i"][b, t], i, **TOL)
            torch.testing.assert_close(rec["f"][b, t], f, **TOL)
            torch.testing.assert_close(rec["g"][b, t], g, **TOL)
            # the cell-state recursion, from the *recorded* gates
            c = rec["f"][b, t] * c_prev + rec["i"][b, t] * rec["g"][b, t]
            torch.testing.assert_close(rec["c"][b, t], c, **TOL)
            if peephole:
                zo = zo + p[f"weight_co{sfx}"] * rec["c"][b, t]
            torch.testing.assert_close(rec["o"][b, t], torch.sigmoid(zo), **TOL)
            h = rec["o"][b, t] * torch.tanh(rec["c"][b, t])
            if f"weight_hr{sfx}" in p:  # proj_size: h = W_hr (o ⊙ tanh(c))
                h = p[f"weight_hr{sfx}"] @ h
            torch.testing.assert_close(rec["h"][b, t], h, **TOL)
            h_prev, c_prev = rec["h"][b, t], rec["c"][b, t]
        for name in "ifgoch":
            assert torch.all(rec[name][b, n:] == 0), f"{name} not zero at padded steps"


def _check_gru_record(rec, p, sfx, layer_in, h0, lengths):
    reverse = sfx.endswith("_reverse")
    for b in range(B):
        n = T if lengths is None else lengths[b]
        h_prev = h0[b]
        for t in _steps(n, reverse):
            xi = layer_in[b, t] @ p[f"weight_ih{sfx}"].T
            hh = h_prev @ p[f"weight_hh{sfx}"].T
            if f"bias_ih{sfx}" in p:
                xi, hh = xi + p[f"bias_ih{sfx}"], hh + p[f"bias_hh{sfx}"]
            xr, xz, xn = xi.split(H)
            hr, hz, hn = hh.split(H)
            torch.testing.assert_close(rec["r"][b, t], torch.sigmoid(xr + hr), **TOL)
            torch.testing.assert_close(rec["z"][b, t], torch.sigmoid(xz + hz), **TOL)
            torch.testing.assert_close(rec["n"][b, t], torch.tanh(xn + rec["r"][b, t] * hn), **TOL)
            z, n_gate = rec["z"][b, t], rec["n"][b, t]
            torch.testing.assert_close(rec["h"][b, t], (1 - z) * n_gate + z * h_prev, **TOL)
            h_prev = rec["h"][b, t]
        for name in "rznh":
            assert torch.all(rec[name][b, n:] == 0), f"{name} not zero at padded steps"


def _check_model_trace(tr, model, x_bf, hx, lengths, kind, prefix="", peephole=False):
    """Check every record of a traced layer; ``x_bf`` is batch-first."""
    n_dir = 2 if model.bidirectional else 1
    p = {n: t.detach() for n, t in model.named_parameters()}
    layer_in = x_bf
    expected_keys = set()
    for k in range(model.num_layers):
        outs = []
        for d in range(n_dir):
            sfx = f"_l{k}" + ("_reverse" if d else "")
            key = f"{prefix}l{k}" + ("_reverse" if d else "")
            expected_keys.add(key)
            rec = tr[key]
            names = set("ifgoch") if kind == "lstm" else set("rznh")
            assert set(rec.keys()) >= names
            for name in names:
                size = getattr(model, "proj_size", 0) or H if name == "h" else H
                assert rec[name].shape == (B, T, size)
                assert not rec[name].requires_grad
            if lengths is None:
                assert rec.lengths is None
            else:
                assert rec.lengths.dtype == torch.long
                assert rec.lengths.tolist() == list(lengths)
            if kind == "lstm":
                _check_lstm_record(
                    rec,
                    p,
                    sfx,
                    layer_in,
                    hx[0][k * n_dir + d],
                    hx[1][k * n_dir + d],
                    lengths,
                    peephole,
                )
            else:
                _check_gru_record(rec, p, sfx, layer_in, hx[k * n_dir + d], lengths)
            outs.append(rec["h"])
        layer_in = torch.cat(outs, dim=-1)
    assert {k for k in tr.keys() if k.startswith(prefix)} == expected_keys
    return layer_in  # the recorded h of the last layer, both directions, [B, T, D*H]


CONFIGS = [
    # batch_first, bidirectional, num_layers, lengths
    (False, False, 1, None),
    (True, False, 1, LENGTHS),
    (False, True, 2, LENGTHS),
    (True, True, 2, None),
]


def _make(kind, batch_first, bidirectional, num_layers, impl, peephole=False, seed=0):
    torch.manual_seed(seed)
    kw = dict(
        num_layers=num_layers,
        batch_first=batch_first,
        bidirectional=bidirectional,
        implementation=impl,
        dtype=DT,
    )
    if peephole:
        m = LSTM(I, H, peephole=True, **kw)
        with torch.no_grad():
            for name, t in m.named_parameters():
                if name.startswith(("weight_ci", "weight_cf", "weight_co")):
                    t.copy_(torch.randn(t.shape, dtype=DT))
        return m
    return (LSTM if kind == "lstm" else GRU)(I, H, **kw).eval()


def _inputs(kind, batch_first, bidirectional, num_layers, seed=1):
    g = torch.Generator().manual_seed(seed)
    x_bf = torch.randn(B, T, I, generator=g, dtype=DT)
    shape = (num_layers * (2 if bidirectional else 1), B, H)
    hx = (torch.randn(shape, generator=g, dtype=DT), torch.randn(shape, generator=g, dtype=DT))
    x = x_bf if batch_first else x_bf.transpose(0, 1).contiguous()
    return x_bf, x, hx if kind == "lstm" else hx[0]


@pytest.mark.parametrize("impl", ["explicit", "fused", "auto"])
@pytest.mark.parametrize(("batch_first", "bidirectional", "num_layers", "lengths"), CONFIGS)
@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_trace_matches_equations(kind, impl, batch_first, bidirectional, num_layers, lengths):
    m = _make(kind, batch_first, bidirectional, num_layers, impl)
    x_bf, x, hx = _inputs(kind, batch_first, bidirectional, num_layers)
    kw = {} if lengths is None else {"lengths": torch.tensor(lengths)}
    with lstmkit.trace(m) as tr:
        out, state = m(x, hx, **kw)
    h_last = _check_model_trace(tr, m, x_bf, hx, lengths, kind)
    # the recorded h of the last layer is the layer's output
    out_bf = out if batch_first else out.transpose(0, 1)
    torch.testing.assert_close(h_last, out_bf.detach(), **TOL)
    # and h_n is h at each sequence's last step (forward) / first step (reverse)
    h_n = state[0] if kind == "lstm" else state
    n_dir = 2 if bidirectional else 1
    top = (num_layers - 1) * n_dir
    for b in range(B):
        n = T if lengths is None else lengths[b]
        torch.testing.assert_close(h_n[top, b].detach(), h_last[b, n - 1, :H], **TOL)
        if bidirectional:
            torch.testing.assert_close(h_n[top + 1, b].detach(), h_last[b, 0, H:], **TOL)
        if kind == "lstm":
            key = f"l{num_layers - 1}"
            torch.testing.assert_close(state[1][top, b].detach(), tr[key]["c"][b, n - 1], **TOL)


@pytest.mark.parametrize("impl", ["explicit", "auto"])
def test_trace_peephole_matches_equations(impl):
    m = _make("lstm", True, True, 2, impl, peephole=True)
    x_bf, x, hx = _inputs("lstm", True, True, 2, seed=3)
    with lstmkit.trace(m) as tr:
        out, _ = m(x, hx, lengths=torch.tensor(LENGTHS))
    h_last = _check_model_trace(tr, m, x_bf, hx, LENGTHS, "lstm", peephole=True)
    torch.testing.assert_close(h_last, out.detach(), **TOL)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_trace_explicit_equals_fused(kind):
    explicit = _make(kind, False, True, 2, "explicit")
    fused = _make(kind, False, True, 2, "fused")
    fused.load_state_dict(explicit.state_dict())
    _, x, hx = _inputs(kind, False, True, 2)
    lengths = torch.tensor(LENGTHS)
    with lstmkit.trace(explicit) as tr_e:
        explicit(x, hx, lengths=lengths)
    with lstmkit.trace(fused) as tr_f:
        fused(x, hx, lengths=lengths)
    assert sorted(tr_e.keys()) == sorted(tr_f.keys()) == ["l0", "l0_reverse", "l1", "l1_reverse"]
    for key in tr_e.keys():
        assert set(tr_e[key].keys()) == set(tr_f[key].keys())
        for name in tr_e[key].keys():
            torch.testing.assert_close(tr_f[key][name], tr_e[key][name], **TOL)


class _Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(I, I), nn.Tanh())
        self.rnn = LSTM(I, H, batch_first=True, bidirectional=True, dtype=DT)
        self.decoder = GRU(2 * H, H, batch_first=True, num_layers=2, dtype=DT)
        self.head = nn.Linear(H, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y, _ = self.rnn(self.encoder(x))
        y, _ = self.decoder(y)
        return self.head(y[:, -1])


def test_trace_keys_for_nested_modules():
    torch.manual_seed(0)
    net = _Net().double().eval()
    x = torch.randn(B, T, I, dtype=DT)
    with lstmkit.trace(net) as tr:
        net(x)
    assert sorted(tr.keys()) == ["decoder/l0", "decoder/l1", "rnn/l0", "rnn/l0_reverse"]
    assert len(tr) == 4
    assert "rnn/l0" in tr and "rnn/l1" not in tr and "l0" not in tr
    assert set(tr["decoder/l1"].keys()) >= set("rznh")
    # the nested records follow the same equations
    x_rnn = net.encoder(x).detach()
    h = _check_model_trace(
        tr, net.rnn, x_rnn, torch.zeros(2, 2, B, H, dtype=DT), None, "lstm", prefix="rnn/"
    )
    _check_model_trace(
        tr, net.decoder, h, torch.zeros(2, B, H, dtype=DT), None, "gru", prefix="decoder/"
    )


def test_trace_bare_layer_keys():
    m = LSTM(I, H, num_layers=2, bidirectional=True)
    with lstmkit.trace(m) as tr:
        m(torch.randn(T, B, I))
    assert sorted(tr.keys()) == ["l0", "l0_reverse", "l1", "l1_reverse"]
    assert len(tr) == 4
    assert "l1_reverse" in tr
    rec = tr["l1_reverse"]
    assert rec["f"].shape == (B, T, H)
    assert rec["f"].dtype == torch.float32
    assert torch.all((rec["f"] > 0) & (rec["f"] < 1))
    assert torch.all(rec["g"].abs() < 1)


@pytest.mark.parametrize("impl", ["explicit", "fused"])
def test_trace_leaves_no_trace(impl):
    """Outputs are the same inside and outside the block, grads flow, nothing is recorded after."""
    torch.manual_seed(0)
    m = LSTM(I, H, num_layers=2, implementation=impl, dtype=DT)

    def hook_counts():
        return [(len(s._forward_hooks), len(s._forward_pre_hooks)) for s in m.modules()]

    hooks_before = hook_counts()
    x = torch.randn(T, B, I, dtype=DT, requires_grad=True)
    out_plain, _ = m(x)
    with lstmkit.trace(m) as tr:
        out_traced, _ = m(x)
    torch.testing.assert_close(out_traced, out_plain, atol=0, rtol=0)
    assert out_traced.requires_grad
    out_traced.sum().backward()
    grad_traced = x.grad.clone()
    x.grad = None
    out_plain.sum().backward()
    torch.testing.assert_close(grad_traced, x.grad, atol=0, rtol=0)

    snapshot = {k: tr[k]["h"].clone() for k in tr.keys()}
    n = len(tr)
    out_after, _ = m(x * 2)
    assert len(tr) == n
    for k in tr.keys():
        torch.testing.assert_close(tr[k]["h"], snapshot[k], atol=0, rtol=0)
    assert hook_counts() == hooks_before
    # a second, independent trace records only its own call
    with lstmkit.trace(m) as tr2:
        m(x * 2)
    torch.testing.assert_close(tr2["l1"]["h"], out_after.detach().transpose(0, 1), **TOL)


def test_trace_with_packed_sequence():
    torch.manual_seed(0)
    m = LSTM(I, H, bidirectional=True, dtype=DT)
    x_bf, x, hx = _inputs("lstm", False, True, 1)
    packed = pack_padded_sequence(x, torch.tensor(LENGTHS), enforce_sorted=False)
    with lstmkit.trace(m) as tr_p:
        m(packed, hx)
    with lstmkit.trace(m) as tr_l:
        m(x, hx, lengths=torch.tensor(LENGTHS))
    # records are in the caller's batch order, the same as with padded input + lengths
    assert tr_p["l0"].lengths.tolist() == LENGTHS
    for key in ("l0", "l0_reverse"):
        for name in "ifgoch":
            torch.testing.assert_close(tr_p[key][name], tr_l[key][name], **TOL)
    _check_model_trace(tr_p, m, x_bf, hx, LENGTHS, "lstm")


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda impl: LSTM(I, H, implementation=impl, **_STACK), id="lstm"),
        pytest.param(lambda impl: GRU(I, H, implementation=impl, **_STACK), id="gru"),
    ],
)
@pytest.mark.parametrize("impl", ["explicit", "fused"])
@pytest.mark.parametrize("shape", [(0, T, I), (B, 0, I), (0, 0, I)], ids=["B0", "T0", "B0T0"])
def test_trace_of_an_empty_batch_or_no_steps_is_empty(make, impl, shape):
    m = make(impl)
    with lstmkit.trace(m) as tr:
        out, _ = m(torch.randn(*shape, dtype=DT))
    assert out.shape == (shape[0], shape[1], 2 * H)
    assert sorted(tr) == ["l0", "l0_reverse", "l1", "l1_reverse"]
    for key in tr:
        assert {name: tuple(v.shape) for name, v in tr[key].items()} == {
            name: (shape[0], shape[1], H) for name in tr[key]
        }


def test_trace_of_an_empty_peephole_batch_is_empty():
    m = LSTM(I, H, peephole=True, **_STACK)
    with lstmkit.trace(m) as tr:
        m(torch.randn(0, T, I, dtype=DT))
    assert tr["l1_reverse"]["c"].shape == (0, T, H)


_STACK = {"num_layers": 2, "bidirectional": True, "batch_first": True, "dtype": DT}


def test_every_call_in_one_block_is_kept():
    torch.manual_seed(1)
    m = LSTM(I, H, batch_first=True, dtype=DT)
    first, second = torch.randn(2, 3, I, dtype=DT), torch.randn(4, 6, I, dtype=DT)
    with lstmkit.trace(m) as tr:
        out1, _ = m(first)
        out2, _ = m(second)
    calls = tr.calls("l0")
    assert [tuple(c["h"].shape) for c in calls] == [(2, 3, H), (4, 6, H)]
    torch.testing.assert_close(calls[0]["h"], out1.detach(), atol=0, rtol=0)
    torch.testing.assert_close(calls[1]["h"], out2.detach(), atol=0, rtol=0)
    assert tr["l0"] is calls[-1]  # indexing gives the latest call


def test_a_trace_edited_in_place_leaves_the_model_output_and_states_alone():
    torch.manual_seed(0)
    layer = lstmkit.nn.LSTM(3, 4)
    x = torch.randn(5, 2, 3, requires_grad=True)
    h0, c0 = torch.randn(1, 2, 4), torch.randn(1, 2, 4)
    with lstmkit.trace(layer) as tr:
        out, _ = layer(x, (h0.clone(), c0.clone()))
    kept = out.detach().clone()
    torch.testing.assert_close(tr["l0"]["h"], out.transpose(0, 1), rtol=0, atol=0)
    tr["l0"]["h"].zero_()
    tr["l0"].initial["h"].zero_()
    assert torch.equal(out.detach(), kept)
    out.sum().backward()  # the graph is intact (no in-place edit of a saved output)
    alone = x.detach().clone().requires_grad_()  # the same call, untraced
    layer(alone, (h0.clone(), c0.clone()))[0].sum().backward()
    torch.testing.assert_close(x.grad, alone.grad, rtol=0, atol=0)
    assert float(x.grad.abs().sum()) > 0
    with pytest.raises(KeyError, match=r"no trace 'l1'; recorded: \['l0'\]"):
        tr.calls("l1")


def test_a_copy_made_inside_a_trace_is_a_layer_of_its_own():
    # A copy made in the block (a best-model snapshot, an EMA copy, a checkpoint) carried the
    # open trace along: calling it raised KeyError, and tracing it later "already being traced".
    import copy
    import io
    import pickle

    torch.manual_seed(0)
    model = nn.Sequential(LSTM(I, H, batch_first=True))
    x = torch.randn(B, T, I)
    with lstmkit.trace(model) as tr:
        model(x)
        buf = io.BytesIO()
        torch.save(model, buf)
        buf.seek(0)
        copies = [copy.deepcopy(model), pickle.loads(pickle.dumps(model))]
        copies.append(torch.load(buf, weights_only=False))
        outs = [c(x)[0] for c in copies]  # run, and record nothing
    assert len(tr.calls("0/l0")) == 1
    for c, out in zip(copies, outs, strict=True):
        torch.testing.assert_close(out, model(x)[0], rtol=0, atol=0)
        with lstmkit.trace(c) as tr_copy:
            c(x)
        torch.testing.assert_close(tr_copy["0/l0"]["f"], tr["0/l0"]["f"], rtol=0, atol=0)


@pytest.mark.parametrize(
    ("impl", "peephole"),
    [("explicit", False), ("fused", False), ("auto", False), ("explicit", True), ("auto", True)],
)
def test_trace_with_projection_matches_equations(impl, peephole):
    # proj_size: h is [B, T, P], c stays [B, T, H] (the trace made c of h's size before)
    torch.manual_seed(4)
    m = LSTM(I, H, num_layers=2, bidirectional=True, proj_size=2, peephole=peephole, dtype=DT)
    m.implementation = impl
    x_bf, x, _ = _inputs("lstm", False, True, 2, seed=5)
    g = torch.Generator().manual_seed(6)
    hx = (torch.randn(4, B, 2, generator=g, dtype=DT), torch.randn(4, B, H, generator=g, dtype=DT))
    with lstmkit.trace(m) as tr:
        out, (h_n, c_n) = m(x, hx, lengths=torch.tensor(LENGTHS))
    h_last = _check_model_trace(tr, m, x_bf, hx, LENGTHS, "lstm", peephole=peephole)
    torch.testing.assert_close(h_last, out.transpose(0, 1).detach(), **TOL)
    for b, n in enumerate(LENGTHS):
        torch.testing.assert_close(c_n[2, b].detach(), tr["l1"]["c"][b, n - 1], **TOL)
        torch.testing.assert_close(c_n[3, b].detach(), tr["l1_reverse"]["c"][b, 0], **TOL)
        torch.testing.assert_close(h_n[2, b].detach(), h_last[b, n - 1, :2], **TOL)
        torch.testing.assert_close(h_n[3, b].detach(), h_last[b, 0, 2:], **TOL)
    # the initial states as the docstring gives them: h of P units, c of H
    assert tr["l1_reverse"].initial["h"].shape == (B, 2)
    assert tr["l1_reverse"].initial["c"].shape == (B, H)
    torch.testing.assert_close(tr["l1_reverse"].initial["h"], hx[0][3])


def test_a_model_of_cells_is_refused_with_what_to_do_instead():
    # the message said torch.nn.LSTM hides its gates, of a model that holds no torch.nn.LSTM
    model = nn.ModuleDict({"enc": lstmkit.nn.LSTMCell(3, 4), "dec": lstmkit.nn.GRUCell(4, 4)})
    with pytest.raises(ValueError) as err, lstmkit.trace(model):
        pass
    assert str(err.value) == (
        "`model` (ModuleDict) contains lstmkit cells ['enc', 'dec'] but no LSTM/GRU layer to "
        "trace: traces record layers, which own the time loop; a cell's gates are in "
        "cell.gates(), or run the sequence through lstmkit.nn.LSTM or GRU."
    )
    with pytest.raises(ValueError, match=r"torch\.nn\.LSTM hides its gates"):
        with lstmkit.trace(nn.Sequential(nn.LSTM(3, 4))):
            pass


@pytest.mark.parametrize("lengths", [None, [6, 4]])
def test_a_trace_under_autocast_has_one_dtype_and_its_equations_hold(lengths):
    """Under bfloat16 autocast the gates were recomputed in bfloat16 beside a float32 c or h
    (c_t = f c_{t-1} + i g off by 4e-3); now in the parameters' dtype, as the explicit path runs."""
    torch.manual_seed(0)
    x = torch.randn(2, 6, 3)
    for layer in (LSTM(3, 5, batch_first=True), GRU(3, 5, batch_first=True)):
        with torch.autocast("cpu", dtype=torch.bfloat16), lstmkit.trace(layer) as tr:
            layer(x, lengths=lengths)
        rec = tr["l0"]
        assert {v.dtype for v in rec.values()} == {torch.float32}
        assert {v.dtype for v in rec.initial.values()} == {torch.float32}
        if "c" in rec:
            c_prev = torch.cat([rec.initial["c"].unsqueeze(1), rec["c"][:, :-1]], 1)
            rebuilt = rec["f"] * c_prev + rec["i"] * rec["g"]
            torch.testing.assert_close(rec["c"], rebuilt, atol=1e-6, rtol=1e-6)


class _WeightDropout(nn.Module):
    """An AWD-LSTM-style weight dropout as a parametrisation: a new mask at every evaluation."""

    def forward(self, w: torch.Tensor) -> torch.Tensor:
        return nn.functional.dropout(w, 0.5, self.training)


@pytest.mark.parametrize("impl", ["fused", "explicit"])
def test_a_trace_sees_the_weight_dropout_mask_the_run_used(impl):
    # The trace evaluated a parametrised weight again after the run: a weight dropout drew a
    # second mask, and the recorded gates were not those of the output (h ≠ o·tanh(c) by 0.09).
    from torch.nn.utils import parametrize

    torch.manual_seed(0)
    lstm = LSTM(I, H, batch_first=True, bidirectional=True, implementation=impl, dtype=DT)
    parametrize.register_parametrization(lstm, "weight_hh_l0", _WeightDropout())
    parametrize.register_parametrization(lstm, "weight_hh_l0_reverse", _WeightDropout())
    x = torch.randn(B, T, I, dtype=DT)
    with lstmkit.trace(lstm) as tr:
        out, _ = lstm(x)
    for d, key in enumerate(("l0", "l0_reverse")):
        rec = tr[key]
        torch.testing.assert_close(
            rec["o"] * torch.tanh(rec["c"]), out[:, :, d * H : (d + 1) * H], **TOL
        )


@pytest.mark.parametrize("cls", [LSTM, GRU])
@pytest.mark.parametrize("impl", ["fused", "explicit"])
def test_a_traced_stack_with_dropout_in_eval_mode_drops_nothing(cls, impl):
    # traced, a fused stack runs one layer per kernel call and applies the dropout between
    # them itself: in eval mode it must not, as the untraced call does not
    torch.manual_seed(0)
    rnn = cls(I, H, num_layers=2, dropout=0.5, implementation=impl, dtype=DT).eval()
    x = torch.randn(T, B, I, dtype=DT)
    out = rnn(x)[0]
    with lstmkit.trace(rnn) as tr:
        traced = rnn(x)[0]
    torch.testing.assert_close(traced, out, **TOL)
    torch.testing.assert_close(tr["l1"]["h"].transpose(0, 1), out, **TOL)
