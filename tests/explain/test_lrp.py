"""LRP through recurrent models: conservation, and the published equations re-implemented slowly.

The slow re-implementation below is written from Arras et al. (2017, 2019): one sequence at a
time, one unit at a time, numpy scalars, no batching, no padding. The GRU rule is the one derived in
``lstmkit.explain.rules`` (the papers cover LSTMs only).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import explain, lrp
from lstmkit.text import ClassifierEnsemble, TextClassifier

EPS = 1e-3


class _Model(nn.Module):
    """embedding → rnn (batch-first) → head on the last layer's final states (as TextClassifier)."""

    def __init__(self, rnn: nn.Module, classes: int = 3, vocab: int = 17, bias: bool = True):
        super().__init__()
        self.embedding = nn.Embedding(vocab, rnn.input_size, padding_idx=0)
        self.rnn = rnn
        d = 2 if rnn.bidirectional else 1
        self.head = nn.Linear(d * rnn.hidden_size, classes, bias=bias)
        self.readout = "last"

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        x = self.embedding(tokens)
        out = self.rnn(x) if lengths is None else self.rnn(x, lengths=lengths)
        h_n = out[1][0] if isinstance(out[1], tuple) else out[1]
        d = 2 if self.rnn.bidirectional else 1
        return self.head(torch.cat(list(h_n[-d:]), dim=-1))


# -- the slow re-implementation ----------------------------------------------------------------


def _sign(z: float) -> float:
    return 1.0 if z >= 0 else -1.0


def _slow_linear(hin, w, b, hout, r_out, n_lower, eps, delta):
    """Arras et al.: R_i += (z_i w_ij + (eps sign(z_j) + delta b_j)/N) / (z_j + eps sign(z_j)) R_j.

    ``w[j][i]`` is the weight from lower unit i to upper unit j (PyTorch layout).
    """
    r_in = np.zeros(len(hin))
    for j in range(len(hout)):
        denom = hout[j] + eps * _sign(hout[j])
        for i in range(len(hin)):
            bj = 0.0 if b is None else b[j]
            num = hin[i] * w[j][i] + (eps * _sign(hout[j]) + delta * bj) / n_lower
            r_in[i] += num / denom * r_out[j]
    return r_in


def _sig(v):
    return 1.0 / (1.0 + np.exp(-v))


def _params(rnn, k, d):
    sfx = f"_l{k}" + ("_reverse" if d else "")
    sd = {n: p.detach().double().numpy() for n, p in rnn.named_parameters()}
    return {
        "wi": sd["weight_ih" + sfx],
        "wh": sd["weight_hh" + sfx],
        "bi": sd.get("bias_ih" + sfx),
        "bh": sd.get("bias_hh" + sfx),
        "ci": sd.get("weight_ci" + sfx),
        "cf": sd.get("weight_cf" + sfx),
        "co": sd.get("weight_co" + sfx),
    }


def _slow_direction(kind, p, xs, r_hn, r_outs, eps, delta):
    """One direction over one unpadded sequence ``xs`` (list of input vectors, processing order)."""
    hsz = p["wh"].shape[1]
    isz = len(xs[0])
    h, c = np.zeros(hsz), np.zeros(hsz)
    steps = []
    for x in xs:
        gx = p["wi"] @ x + (0 if p["bi"] is None else p["bi"])
        gh = p["wh"] @ h + (0 if p["bh"] is None else p["bh"])
        if kind == "LSTM":
            a = gx + gh
            ai, af, ag, ao = np.split(a, 4)
            if p["ci"] is not None:
                ai, af = ai + p["ci"] * c, af + p["cf"] * c
            i, f, g = _sig(ai), _sig(af), np.tanh(ag)
            c_new = f * c + i * g
            if p["co"] is not None:
                ao = ao + p["co"] * c_new
            h_new = _sig(ao) * np.tanh(c_new)
            steps.append(
                {"x": x, "h_prev": h, "c_prev": c, "i": i, "f": f, "g": g, "c": c_new, "zg": ag}
            )
            h, c = h_new, c_new
        else:
            xr, xz, xn = np.split(gx, 3)
            hr, hz, u = np.split(gh, 3)
            r, z = _sig(xr + hr), _sig(xz + hz)
            an = xn + r * u
            n = np.tanh(an)
            h_new = (1 - z) * n + z * h
            steps.append({"x": x, "h_prev": h, "r": r, "z": z, "n": n, "h": h_new, "a": an, "u": u})
            h = h_new
    # relevance, backwards over the steps
    r_h = np.array(r_hn, dtype=float)
    r_c = np.zeros(hsz)
    r_x = [None] * len(steps)
    for t in range(len(steps) - 1, -1, -1):
        s = steps[t]
        r_h = r_h + r_outs[t]
        if kind == "LSTM":
            r_c = r_c + r_h  # h = o ⊙ tanh(c): all to c
            # c = f ⊙ c_prev + i ⊙ g: unit j's lower units are f_j c_prev_j and i_j g_j (N = 2)
            r_cprev = _slow_term(s["f"] * s["c_prev"], None, s["c"], r_c, 2, eps, delta)
            r_g = _slow_term(s["i"] * s["g"], None, s["c"], r_c, 2, eps, delta)
            hs_ = slice(2 * hsz, 3 * hsz)
            bg = None
            if p["bi"] is not None:
                bg = p["bi"][hs_] + p["bh"][hs_]
            n_lower = isz + hsz
            r_x[t] = _slow_linear(s["x"], p["wi"][hs_], bg, s["zg"], r_g, n_lower, eps, delta)
            r_h = _slow_linear(s["h_prev"], p["wh"][hs_], bg, s["zg"], r_g, n_lower, eps, delta)
            r_c = r_cprev
        else:
            z, n, r = s["z"], s["n"], s["r"]
            r_n = _slow_term((1 - z) * n, None, s["h"], r_h, 2, eps, delta)
            r_hd = _slow_term(z * s["h_prev"], None, s["h"], r_h, 2, eps, delta)
            ns = slice(2 * hsz, 3 * hsz)
            b_in = None if p["bi"] is None else p["bi"][ns]
            b_hn = None if p["bh"] is None else p["bh"][ns]
            r_x[t] = _slow_linear(s["x"], p["wi"][ns], b_in, s["a"], r_n, isz + 1, eps, delta)
            r_ru = _slow_term(r * s["u"], b_in, s["a"], r_n, isz + 1, eps, delta)
            r_hu = _slow_linear(s["h_prev"], p["wh"][ns], b_hn, s["u"], r_ru, hsz, eps, delta)
            r_h = r_hd + r_hu
    initial = float(np.sum(r_h) + np.sum(r_c))
    return r_x, initial


def _slow_term(a, b, z, r, n_lower, eps, delta):
    """The share of one additive term ``a_j`` of unit ``z_j`` (a sum of N lower terms plus b_j)."""
    out = np.zeros(len(z))
    for j in range(len(z)):
        bj = 0.0 if b is None else b[j]
        num = a[j] + (eps * _sign(z[j]) + delta * bj) / n_lower
        out[j] = num / (z[j] + eps * _sign(z[j])) * r[j]
    return out


def _slow_forward_outputs(kind, p, xs):
    hsz = p["wh"].shape[1]
    h, c = np.zeros(hsz), np.zeros(hsz)
    hs = []
    for x in xs:
        a = p["wi"] @ x + (0 if p["bi"] is None else p["bi"])
        gh = p["wh"] @ h + (0 if p["bh"] is None else p["bh"])
        if kind == "LSTM":
            ai, af, ag, ao = np.split(a + gh, 4)
            if p["ci"] is not None:
                ai, af = ai + p["ci"] * c, af + p["cf"] * c
            c = _sig(af) * c + _sig(ai) * np.tanh(ag)
            if p["co"] is not None:
                ao = ao + p["co"] * c
            h = _sig(ao) * np.tanh(c)
        else:
            xr, xz, xn = np.split(a, 3)
            hr, hz, u = np.split(gh, 3)
            r, z = _sig(xr + hr), _sig(xz + hz)
            h = (1 - z) * np.tanh(xn + r * u) + z * h
        hs.append(h)
    return hs


def slow_lrp(model, tokens, length, target, eps, delta):
    """Per-sequence, per-unit LRP of ``model`` (embedding → rnn → readout → Linear head)."""
    rnn = model.rnn
    kind = rnn.mode
    emb = model.embedding.weight.detach().double().numpy()
    steps = int(length)
    x_layers = [[emb[int(tok)] for tok in tokens[:steps]]]
    num_dir = 2 if rnn.bidirectional else 1
    hsz = rnn.hidden_size
    # forward through the layers, keeping each layer's input
    for k in range(rnn.num_layers):
        outs = []
        for d in range(num_dir):
            xs = x_layers[-1] if d == 0 else x_layers[-1][::-1]
            hs = _slow_forward_outputs(kind, _params(rnn, k, d), xs)
            outs.append(hs if d == 0 else hs[::-1])
        x_layers.append([np.concatenate([o[t] for o in outs]) for t in range(steps)])
    last = x_layers[-1]
    readout = getattr(model, "readout", "last")
    width = num_dir * hsz
    if readout == "last":
        s = np.concatenate([last[-1][:hsz]] + ([last[0][hsz:]] if num_dir == 2 else []))
    elif readout == "mean":
        s = np.array([sum(last[t][j] for t in range(steps)) / steps for j in range(width)])
    else:
        s = np.array([max(last[t][j] for t in range(steps)) for j in range(width)])
    w = model.head.weight.detach().double().numpy()
    b = None if model.head.bias is None else model.head.bias.detach().double().numpy()
    logits = w @ s + (0 if b is None else b)
    r_top = np.zeros(len(logits))
    r_top[target] = logits[target]
    r_s = _slow_linear(s, w, b, logits, r_top, len(s), eps, delta)
    r_upper = [np.zeros(width) for _ in range(steps)]
    r_finals = [np.zeros(hsz)] * num_dir
    if readout == "last":
        r_finals = [r_s[:hsz], r_s[hsz:]] if num_dir == 2 else [r_s]
    elif readout == "mean":  # s_j = sum_t out_tj / L: N = L lower units, weights 1/L, no bias
        for t in range(steps):
            for j in range(width):
                num = last[t][j] / steps + eps * _sign(s[j]) / steps
                r_upper[t][j] = num / (s[j] + eps * _sign(s[j])) * r_s[j]
    else:  # max pooling: winner takes all (the first step attaining the maximum)
        for j in range(width):
            winner = int(np.argmax([last[t][j] for t in range(steps)]))
            r_upper[winner][j] = r_s[j]
    initial = 0.0
    for k in range(rnn.num_layers - 1, -1, -1):
        r_in = [np.zeros(len(x_layers[k][0])) for _ in range(steps)]
        for d in range(num_dir):
            xs = x_layers[k] if d == 0 else x_layers[k][::-1]
            r_outs = [r_upper[t][d * hsz : (d + 1) * hsz] for t in range(steps)]
            if d == 1:
                r_outs = r_outs[::-1]
            r_hn = r_finals[d] if k == rnn.num_layers - 1 else np.zeros(hsz)
            r_x, init = _slow_direction(kind, _params(rnn, k, d), xs, r_hn, r_outs, eps, delta)
            if d == 1:
                r_x = r_x[::-1]
            for t in range(steps):
                r_in[t] = r_in[t] + r_x[t]
            initial += init
        r_upper = r_in
    return np.array([r.sum() for r in r_upper]), np.stack(r_upper), initial, logits[target]


# -- tests -------------------------------------------------------------------------------------


def _make(kind: str, layers: int, bidirectional: bool, peephole: bool = False, seed: int = 0):
    torch.manual_seed(seed)
    if kind == "LSTM":
        rnn = lnn.LSTM(
            4,
            3,
            num_layers=layers,
            batch_first=True,
            bidirectional=bidirectional,
            peephole=peephole,
        )
    else:
        rnn = lnn.GRU(4, 3, num_layers=layers, batch_first=True, bidirectional=bidirectional)
    return _Model(rnn).double().eval()


CASES = [
    ("LSTM", 1, True, False),
    ("LSTM", 2, True, False),
    ("LSTM", 2, False, True),
    ("LSTM", 1, True, True),
    ("GRU", 1, False, False),
    ("GRU", 2, True, False),
]


@pytest.mark.parametrize(("kind", "layers", "bidirectional", "peephole"), CASES)
@pytest.mark.parametrize("delta", [0.0, 1.0])
def test_matches_slow_reimplementation(kind, layers, bidirectional, peephole, delta) -> None:
    model = _make(kind, layers, bidirectional, peephole)
    tokens = torch.tensor([[3, 5, 7, 2, 9], [4, 1, 6, 0, 0], [8, 0, 0, 0, 0]])
    lengths = torch.tensor([5, 3, 1])
    target = torch.tensor([0, 2, 1])
    ex = lrp(model, tokens, target, lengths=lengths, eps=EPS, bias_factor=delta)
    for b in range(3):
        per_tok, per_dim, initial, score = slow_lrp(
            model, tokens[b].tolist(), lengths[b], int(target[b]), EPS, delta
        )
        n = int(lengths[b])
        np.testing.assert_allclose(ex.relevance[b, :n].numpy(), per_tok, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(
            ex.relevance_per_feature[b, :n].numpy(), per_dim, rtol=1e-9, atol=1e-12
        )
        assert float(ex.initial_state[b]) == pytest.approx(initial, rel=1e-9, abs=1e-12)
        assert float(ex.score[b]) == pytest.approx(score, rel=1e-12)
        assert bool((ex.relevance[b, n:] == 0).all())


@pytest.mark.parametrize("readout", ["last", "mean", "max"])
@pytest.mark.parametrize("bidirectional", [True, False])
def test_text_classifier_readouts_match_slow(readout: str, bidirectional: bool) -> None:
    torch.manual_seed(9)
    model = TextClassifier(17, 4, 3, 3, bidirectional=bidirectional, readout=readout)
    model = model.double().eval()
    tokens = torch.tensor([[3, 5, 7, 2, 9], [4, 1, 6, 0, 0]])
    lengths = torch.tensor([5, 3])
    ex = lrp(model, tokens, [2, 0], lengths=lengths, eps=EPS)
    for b, target in enumerate((2, 0)):
        per_tok, _, initial, score = slow_lrp(
            model, tokens[b].tolist(), lengths[b], target, EPS, 0.0
        )
        n = int(lengths[b])
        np.testing.assert_allclose(ex.relevance[b, :n].numpy(), per_tok, rtol=1e-9, atol=1e-12)
        assert float(ex.initial_state[b]) == pytest.approx(initial, rel=1e-9, abs=1e-12)
        assert float(ex.score[b]) == pytest.approx(score, rel=1e-12)


@pytest.mark.parametrize(("kind", "layers", "bidirectional", "peephole"), CASES)
def test_conservation_bias_factor_one(kind, layers, bidirectional, peephole) -> None:
    model = _make(kind, layers, bidirectional, peephole, seed=3)
    model.head.bias = None
    tokens = torch.randint(1, 17, (4, 6))
    lengths = torch.tensor([6, 2, 4, 1])
    ex = lrp(model, tokens, lengths=lengths, bias_factor=1.0)
    total = ex.relevance.sum(1) + ex.initial_state
    assert (total - ex.score).abs().max().item() < 1e-9
    assert ex.residual.abs().max().item() < 1e-9
    assert ex.score.abs().min().item() > 1e-3  # the check is not vacuous


@pytest.mark.parametrize("readout", ["last", "mean", "max"])
def test_text_classifier_conservation_and_padding(readout: str) -> None:
    torch.manual_seed(4)
    model = TextClassifier(25, 5, 4, 3, readout=readout).double().eval()
    with torch.no_grad():
        model.head.bias.zero_()
    tokens = torch.tensor([[3, 4, 5, 6, 7], [8, 9, 10, 0, 0]])
    lengths = torch.tensor([5, 3])
    ex = lrp(model, tokens, 1, lengths=lengths, bias_factor=1.0)
    assert (ex.relevance.sum(1) + ex.initial_state - ex.score).abs().max().item() < 1e-9
    # padding does not change the explanation of the short sentence
    alone = lrp(model, tokens[1:, :3], 1, bias_factor=1.0)
    torch.testing.assert_close(ex.relevance[1, :3], alone.relevance[0], rtol=1e-10, atol=1e-12)
    torch.testing.assert_close(ex.score[1], alone.score[0])


def test_target_defaults_to_argmax_and_score_is_logit() -> None:
    torch.manual_seed(5)
    model = TextClassifier(25, 5, 4, 3).double().eval()
    tokens = torch.tensor([[3, 4, 5, 6]])
    ex = lrp(model, tokens)
    with torch.no_grad():
        logits = model(tokens)
    assert int(ex.target[0]) == int(logits.argmax())
    assert float(ex.score[0]) == pytest.approx(float(logits.max()), rel=1e-12)


def test_single_step_closed_form() -> None:
    """One LSTM step, one unit, zero biases and recurrent weights, h_0 = c_0 = 0.

    Head z = v h (N = 1): R_h = (h v + eps) / (z + eps) z. h = o tanh(c): R_c = R_h.
    c = f c_0 + i g (N = 2): R_g = (i g + eps/2) / (c + eps) R_c, R_c0 = eps/2 / (c + eps) R_c.
    z_g = w_g x + 0 h_0 (N = 2): R_x = (x w_g + eps/2) / (z_g + eps) R_g, R_h0 = eps/2 / (..) R_g.
    """
    rnn = lnn.LSTM(1, 1, batch_first=True, bias=False)
    model = _Model(rnn, classes=1, vocab=2, bias=False).double()
    with torch.no_grad():
        model.embedding.weight.copy_(torch.tensor([[0.0], [0.7]], dtype=torch.float64))
        rnn.weight_ih_l0.copy_(torch.tensor([[0.5], [-0.3], [1.2], [0.8]], dtype=torch.float64))
        rnn.weight_hh_l0.zero_()
        model.head.weight.fill_(1.5)
    ex = lrp(model, torch.tensor([[1]]), 0, eps=EPS)
    x = 0.7
    i, g, o = 1 / (1 + math.exp(-0.35)), math.tanh(1.2 * x), 1 / (1 + math.exp(-0.56))
    c = i * g
    h = o * math.tanh(c)
    z = 1.5 * h
    r_c = (h * 1.5 + EPS) / (z + EPS) * z
    r_g = (c + EPS / 2) / (c + EPS) * r_c
    r_x = (x * 1.2 + EPS / 2) / (1.2 * x + EPS) * r_g
    r_init = EPS / 2 / (c + EPS) * r_c + EPS / 2 / (1.2 * x + EPS) * r_g
    assert float(ex.relevance[0, 0]) == pytest.approx(r_x, rel=1e-12)
    assert float(ex.initial_state[0]) == pytest.approx(r_init, rel=1e-12)
    assert float(ex.score[0]) == pytest.approx(z, rel=1e-12)
    # no bias anywhere: the epsilon rule conserves exactly even with bias_factor = 0
    assert float(ex.residual[0]) == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("kind", ["LSTM", "GRU"])
def test_torch_modules_weights_are_read_too(kind: str) -> None:
    ours = _make(kind, 2, True, seed=6)
    rnn_type = nn.LSTM if kind == "LSTM" else nn.GRU
    theirs = _Model(rnn_type(4, 3, num_layers=2, batch_first=True, bidirectional=True)).double()
    theirs.load_state_dict(ours.state_dict())
    tokens = torch.tensor([[3, 5, 7, 2]])
    a, b = lrp(ours, tokens, 1), lrp(theirs, tokens, 1)
    torch.testing.assert_close(a.relevance, b.relevance, rtol=1e-12, atol=1e-14)
    assert a.relevance.abs().sum() > 0


def test_parametrized_recurrent_weights_are_read_as_the_layer_computes_with_them() -> None:
    """weight_norm (any torch parametrization) moves a weight out of named_parameters() as
    ``parametrizations.weight_hh_l0.original0/1``: lrp refused the model with "`weight_ih_l0`/
    `weight_hh_l0` are missing from ParametrizedLSTM" although the layer has both."""
    plain = _make("LSTM", 1, True, seed=6)
    normed = _make("LSTM", 1, True, seed=6)
    nn.utils.parametrizations.weight_norm(normed.rnn, "weight_hh_l0")
    nn.utils.parametrizations.weight_norm(normed.rnn, "weight_ih_l0_reverse")
    with torch.no_grad():  # the plain model holds the weights the normed one computes
        plain.rnn.weight_hh_l0.copy_(normed.rnn.weight_hh_l0)
        plain.rnn.weight_ih_l0_reverse.copy_(normed.rnn.weight_ih_l0_reverse)
    tokens = torch.tensor([[3, 5, 7, 2], [4, 1, 0, 0]])
    a = lrp(normed, tokens, 1, lengths=[4, 2], bias_factor=1.0)
    b = lrp(plain, tokens, 1, lengths=[4, 2], bias_factor=1.0)
    torch.testing.assert_close(a.relevance, b.relevance, rtol=1e-12, atol=1e-14)
    assert float(a.residual.abs().max()) < 1e-12


def test_continuous_inputs_conserve() -> None:
    torch.manual_seed(7)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = lnn.LSTM(2, 4, batch_first=True)
            self.head = nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 1, bias=False))

        def forward(self, x):
            _, (h, _) = self.rnn(x)
            return self.head(h[-1])

    model = Net().double()
    x = torch.randn(3, 6, 2, dtype=torch.float64)
    ex = lrp(model, x, 0, bias_factor=1.0)
    assert ex.relevance_per_feature.shape == (3, 6, 2)
    assert (ex.relevance.sum(1) + ex.initial_state - ex.score).abs().max().item() < 1e-9


def test_unsupported_modules_are_named() -> None:
    class WithNorm(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(5, 2)
            self.norm = nn.LayerNorm(2)
            self.rnn = lnn.LSTM(2, 2, batch_first=True)
            self.head = nn.Linear(2, 2)

    with pytest.raises(TypeError, match=r"`norm` \(LayerNorm\)"):
        lrp(WithNorm(), torch.tensor([[1, 2]]))

    class SigmoidHead(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = lnn.LSTM(2, 2, batch_first=True)
            self.head = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid())

    with pytest.raises(TypeError, match=r"`head.1` \(Sigmoid\)"):
        lrp(SigmoidHead(), torch.randn(1, 3, 2))

    class Rnn(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.RNN(2, 2, batch_first=True)
            self.head = nn.Linear(2, 2)

    with pytest.raises(TypeError, match=r"`rnn` \(RNN\)"):
        lrp(Rnn(), torch.randn(1, 3, 2))


def test_check_catches_a_forward_lrp_does_not_model() -> None:
    class Scaled(_Model):
        def forward(self, tokens, lengths=None):
            return 2 * super().forward(tokens, lengths)

    torch.manual_seed(8)
    model = Scaled(lnn.LSTM(4, 3, batch_first=True))
    with pytest.raises(RuntimeError, match="differs from the model"):
        lrp(model, torch.tensor([[1, 2, 3]]))


@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float16])
def test_half_precision_models_are_explained_and_still_checked(dtype) -> None:
    torch.manual_seed(0)
    model = TextClassifier(17, 8, 8, 3, readout="max").to(dtype).eval()
    tokens = torch.randint(1, 17, (4, 12))
    lengths = [12, 5, 3, 9]
    # bfloat16 rounds the model's own output by ~1.5e-3 here: it was refused as "computes
    # something beyond" the walk
    ex = lrp(model, tokens, 2, lengths=lengths, bias_factor=1.0)
    # the float64 walk over the same (rounded) weights: the float64 model's explanation
    ref = lrp(model.double(), tokens, 2, lengths=lengths, bias_factor=1.0)
    torch.testing.assert_close(ex.relevance, ref.relevance, rtol=0, atol=0)
    assert ex.residual.abs().max().item() < 1e-12

    class Shifted(TextClassifier):
        def forward(self, tokens, lengths=None):
            return super().forward(tokens, lengths) + 0.25

    shifted = Shifted(17, 8, 8, 3, readout="max").to(dtype).eval()
    with pytest.raises(RuntimeError, match="differs from the model's output"):
        lrp(shifted, tokens, 2, lengths=lengths)
    # an ensemble of them: its output and its members' mean agree to bfloat16's rounding only
    members = [TextClassifier(17, 8, 8, 3, readout="max").to(dtype) for _ in range(3)]
    ensemble = ClassifierEnsemble(members).eval()
    ex = lrp(ensemble, tokens, 2, lengths=lengths, bias_factor=1.0)
    each = [lrp(m, tokens, 2, lengths=lengths, bias_factor=1.0) for m in members]
    torch.testing.assert_close(ex.relevance, sum(e.relevance for e in each) / 3)
    assert ex.residual.abs().max().item() < 1e-12
    gxi = explain(ensemble, tokens, 2, method="gradxinput", lengths=lengths)
    assert gxi.relevance.shape == (4, 12)


def test_bad_arguments() -> None:
    model = _make("LSTM", 1, False)
    tokens = torch.tensor([[1, 2, 3]])
    with pytest.raises(ValueError) as e:
        lrp(model, tokens.expand(2, 3), 5)
    assert str(e.value) == (  # was [5, 5]: one per sequence
        "`target` must lie in [0, 3) (the model gives 3 outputs per sequence), got 5: pass an "
        "index in that range, or None for the arg-max."
    )
    with pytest.raises(ValueError) as e:
        lrp(model, tokens.expand(2, 3), [1, -1])
    assert str(e.value) == (
        "`target` must lie in [0, 3) (the model gives 3 outputs per sequence; a negative index "
        "does not count from the end), got [1, -1]: pass an index in that range, or None for the "
        "arg-max."
    )
    for given in ([5], torch.tensor([5]), (7,)):  # one sequence: the list as given, not 5
        with pytest.raises(ValueError) as e:
            lrp(model, tokens, given)
        assert str(e.value) == (
            "`target` must lie in [0, 3) (the model gives 3 outputs per sequence), got "
            f"[{int(given[0])}]: pass an index in that range, or None for the arg-max."
        )
    with pytest.raises(ValueError, match="`lengths` must lie in"):
        lrp(model, tokens, lengths=[4])
    with pytest.raises(ValueError, match="`eps` must be a positive finite number"):
        lrp(model, tokens, eps=0.0)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (float("nan"), ValueError, "`bias_factor` must be a number in [0, 1] (the share of each"),
        (1e300, ValueError, "`bias_factor` must be a number in [0, 1]"),
        (-0.5, ValueError, "`bias_factor` must be a number in [0, 1]"),
        ("x", TypeError, "`bias_factor` must be a real number, got str 'x'."),
        (True, TypeError, "`bias_factor` must be a real number, got bool True."),
    ],
)
def test_bias_factor_must_be_a_number_in_0_1(value, error, message) -> None:
    model = _make("LSTM", 1, False)
    with pytest.raises(error) as err:
        lrp(model, torch.tensor([[1, 2, 3]]), bias_factor=value)
    assert str(err.value).startswith(message), str(err.value)
    assert repr(value) in str(err.value)


@pytest.mark.parametrize(
    ("value", "error"), [(float("inf"), ValueError), (-1e-3, ValueError), ("1e-3", TypeError)]
)
def test_eps_must_be_positive_and_finite(value, error) -> None:
    with pytest.raises(error, match="`eps` must be"):
        lrp(_make("LSTM", 1, False), torch.tensor([[1, 2, 3]]), eps=value)


def test_target_must_be_an_integer_index() -> None:
    model = _make("LSTM", 1, False)
    tokens = torch.tensor([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(TypeError) as err:
        lrp(model, tokens, target="positive")
    assert str(err.value) == (
        "`target` must be an integer output index, one integer per sequence, or None (the "
        "arg-max), got the string 'positive': the model has no class names, so map a name to its "
        "index first (e.g. `SentimentPredictor.labels.index(name)`)."
    )
    for bad in (1.5, [0, 1.0], True, torch.tensor([1.0, 0.0]), [None, 1]):
        with pytest.raises(TypeError, match="`target` must be an integer output index"):
            lrp(model, tokens, target=bad)
    # integer forms still work and mean the same
    a = lrp(model, tokens, target=1).relevance
    torch.testing.assert_close(lrp(model, tokens, target=[1, 1]).relevance, a, rtol=0, atol=0)
    torch.testing.assert_close(
        lrp(model, tokens, target=torch.tensor([1, 1], dtype=torch.int32)).relevance,
        a,
        rtol=0,
        atol=0,
    )


def test_token_ids_and_shapes_are_checked() -> None:
    model = _make("LSTM", 1, False)  # vocabulary of 17
    with pytest.raises(ValueError) as err:
        lrp(model, torch.tensor([[5, 17], [-1, 2]]))
    assert str(err.value) == (
        "`inputs` must hold token ids in [0, 17) (the rows of the model's `embedding`), got 17 "
        "at position (0, 1), -1 at (1, 0)."
    )
    with pytest.raises(ValueError) as err:  # the first five in row-major order, and the count
        lrp(model, torch.arange(10, 26).view(2, 8).int(), lengths=[8, 3])
    assert str(err.value) == (
        "`inputs` must hold token ids in [0, 17) (the rows of the model's `embedding`), got 17 "
        "at position (0, 7), 18 at (1, 0), 19 at (1, 1), 20 at (1, 2), 21 at (1, 3) (9 ids out "
        "of range in all)."
    )
    with pytest.raises(ValueError) as err:
        lrp(model, torch.tensor([5, 6, 7]))
    assert str(err.value) == (
        "`inputs` must be token ids of shape [B, T] (batch first) for a model with an embedding, "
        "got shape (3,); for one sequence pass `inputs.unsqueeze(0)`."
    )
    with pytest.raises(ValueError, match=r"at least one time step, got shape \(2, 0\)"):
        lrp(model, torch.zeros(2, 0, dtype=torch.long))


def test_token_ids_are_read_back_once(on_accelerator) -> None:
    """The range check reads the ids' minimum and maximum in one transfer (it read each on its
    own: two device syncs per call), works on a tensor that refuses .numpy() as CUDA's does, and
    skips the meta device, which has no values."""
    from torch.overrides import TorchFunctionMode

    from lstmkit.explain.lrp import check_inputs

    reads = (torch.Tensor.tolist, torch.Tensor.item, torch.Tensor.__bool__)
    reads += (torch.Tensor.__int__, torch.Tensor.__float__, torch.Tensor.__index__)

    class CountReads(TorchFunctionMode):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def __torch_function__(self, func, types, args=(), kwargs=None):
            self.count += func in reads
            return func(*args, **(kwargs or {}))

    embedding = nn.Embedding(17, 3)
    with CountReads() as mode:
        check_inputs(on_accelerator(torch.tensor([[0, 16], [4, 2]])), embedding)
    assert mode.count == 1
    with pytest.raises(ValueError) as err:
        check_inputs(on_accelerator(torch.tensor([[0, 16], [17, 2]])), embedding)
    assert str(err.value).endswith("got 17 at position (1, 0).")
    meta = torch.empty(2, 3, dtype=torch.long, device="meta")
    assert check_inputs(meta, nn.Embedding(17, 3, device="meta")) is None


def test_continuous_inputs_shape_and_features_are_checked() -> None:
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = lnn.LSTM(3, 4, batch_first=True)
            self.head = nn.Linear(4, 2)

        def forward(self, x):
            return self.head(self.rnn(x)[1][0][-1])

    model = Net().double()
    with pytest.raises(ValueError, match=r"shape \[B, T, F\] .* got shape \(5, 3\); for one"):
        lrp(model, torch.randn(5, 3, dtype=torch.float64))
    with pytest.raises(ValueError) as err:
        lrp(model, torch.randn(2, 5, 4, dtype=torch.float64))
    assert str(err.value) == (
        "`inputs` has 4 features per step, but the model's `rnn` takes input_size=3."
    )


def test_time_major_rnn_gets_the_shape_error_with_the_reason() -> None:
    class TimeMajor(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.LSTM(3, 5)  # batch_first=False: reads [B, T, F] as [T, B, F]
            self.head = nn.Linear(5, 2)

        def forward(self, x):
            return self.head(self.rnn(x)[1][0][-1])

    torch.manual_seed(0)
    model = TimeMajor().double()
    with pytest.raises(RuntimeError) as err:
        lrp(model, torch.randn(2, 4, 3, dtype=torch.float64))
    assert str(err.value) == (
        "lrp's float64 recomputation of TimeMajor differs from the model's output: lrp computed "
        "shape (2, 2) ([B, C] for B=2 sequences), the model returned (4, 2). Its `rnn` has "
        "batch_first=False, so unless forward() transposes `inputs` it reads [B, T, ...] = "
        "(2, 4, 3) as [T, B, ...]; build it with batch_first=True."
    )


@pytest.mark.parametrize("readout", ["last", "max"])
def test_a_head_on_other_states_is_refused_by_name(readout) -> None:
    # A BiLSTM whose head reads h_n[-1] (the reverse direction alone): lrp's readout gives the
    # head 2 x 4 features; it crashed with torch's "mat1 and mat2 shapes cannot be multiplied".
    class ReverseOnly(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.LSTM(3, 4, batch_first=True, bidirectional=True)
            self.head = nn.Linear(4, 2)
            self.readout = readout

        def forward(self, x):
            return self.head(self.rnn(x)[1][0][-1])

    with pytest.raises(TypeError) as err:
        lrp(ReverseOnly(), torch.randn(2, 5, 3))
    read = "the final states of the last layer" if readout == "last" else "the max over time"
    assert str(err.value) == (
        "lrp cannot explain this model: its `head` starts with a Linear of in_features=4, but "
        f"lrp feeds it the readout {readout!r} of `rnn` ({read}, 2 directions × 4 units, "
        "concatenated): 8 features. A head on something else (e.g. `h_n[-1]`, the reverse "
        "direction alone, or the states of every layer) is not supported."
    )
    # the same model on its final states of both directions is explained
    model = ReverseOnly()
    model.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(8, 2))
    model.forward = lambda x: model.head(torch.cat(list(model.rnn(x)[1][0]), dim=-1))
    model.readout = "last"
    assert lrp(model, torch.randn(2, 5, 3)).relevance.shape == (2, 5)


@pytest.mark.parametrize("method", ["lrp", "gradxinput", "occlusion"])
def test_a_model_that_returns_a_tuple_is_refused_by_name(method) -> None:
    # (scores, h_n) raised AttributeError: 'tuple' object has no attribute 'dim'
    class WithState(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = lnn.LSTM(3, 4, batch_first=True)
            self.head = nn.Linear(4, 2)

        def forward(self, x):
            _, (h, _) = self.rnn(x)
            return self.head(h[-1]), h

    with pytest.raises(TypeError) as err:
        explain(WithState(), torch.randn(2, 5, 3), method=method)
    assert str(err.value) == (
        "the explained model must return one tensor of scores, got a tuple of 2 from WithState; "
        "its forward must return the scores alone ([B, C])."
    )


class _BiLSTMLast(nn.Module):
    def __init__(self, peephole: bool) -> None:
        super().__init__()
        self.rnn = lnn.LSTM(
            3, 4, num_layers=2, bidirectional=True, batch_first=True, peephole=peephole
        )
        self.embedding = nn.Embedding(20, 3)
        self.head = nn.Linear(8, 2)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        _, (h, _) = self.rnn(self.embedding(tokens), lengths=lengths)
        return self.head(torch.cat([h[-2], h[-1]], -1))


def test_lstm_lrp_records_the_two_terms_of_c_not_the_four_gates_and_states() -> None:
    """The forward pass kept i, f, g and c_{t-1} ([T, B, H] each) where the relevance pass reads
    only f ⊙ c_{t-1} and i ⊙ g: 7 records per layer and direction, now 5 (T = 5,000, B = 16,
    a BiLSTM of 150: peak 2.5 GB, now 2.1 GB). The relevances are the same, bit for bit."""
    from lstmkit.explain.lrp import _lstm_forward, _read_directions

    torch.manual_seed(0)
    model = _BiLSTMLast(peephole=True).double()
    (p, _), _ = _read_directions(model.rnn, "LSTM")
    _, _, rec = _lstm_forward(torch.randn(5, 2, 3, dtype=torch.float64), p, None)
    assert sorted(rec) == ["c", "c_n", "fc", "h_prev", "ig", "z_g"]
    assert torch.equal(rec["fc"] + rec["ig"], rec["c"])
    tokens, lengths = torch.tensor([[3, 7, 1, 9], [5, 2, 0, 0]]), torch.tensor([4, 2])
    golden = {  # computed from the gates, before
        False: (
            [[0.001971493425978731, 0.005317008057813534, 0.006518035698712574,
              -0.01531544624160555], [0.003288426987851552, 0.01659048922266218, 0.0, 0.0]],
            [3.881819296957362e-05, 0.00013042424964480556],
        ),
        True: (
            [[-0.0028091391533411605, 9.284291537894565e-05, -1.1539605568454952e-05,
              3.245547323022711e-05], [0.00607223406207299, -0.0020593552446872003, 0.0, 0.0]],
            [-5.065056037600135e-05, -5.0699439160058223e-05],
        ),
    }  # fmt: skip
    for peephole, (relevance, initial) in golden.items():
        torch.manual_seed(0)
        ex = lrp(_BiLSTMLast(peephole).double(), tokens, target=1, lengths=lengths)
        # to 1e-12, not bit for bit: the matrix products' last bit differs between CPUs (the
        # golden values came from another machine; an AMD EPYC gives 1 ulp off in 4 of them)
        np.testing.assert_allclose(ex.relevance.numpy(), relevance, rtol=1e-12, atol=0)
        np.testing.assert_allclose(ex.initial_state.numpy(), initial, rtol=1e-12, atol=0)
