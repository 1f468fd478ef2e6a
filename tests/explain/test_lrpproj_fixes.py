"""LRP for models a researcher brings that lrp refused: an LSTM with a projection (LSTMP,
``proj_size``), heads with GELU, SiLU, Mish, ELU, Hardtanh or PReLU, and the refusals of what
stays unsupported (a layer norm, a cell held by a module of one's own) saying what explains it."""

from __future__ import annotations

import math
import re

import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import explain, lrp, lrp_seq2seq

DT = torch.float64
_GRADIENT = (
    " The gradient methods explain it: `explain(model, inputs, target, method='gradxinput')` "
    "(or 'ig', 'occlusion')."
)
_HEAD_LAYERS = (
    "a head (an nn.Sequential, nested ones too) may contain nn.Linear, Identity, Dropout and "
    "activations that keep the sign of every input, which pass relevance unchanged: ReLU, Tanh, "
    "GELU, SiLU, Mish, SELU, CELU, Softsign, Hardswish, LeakyReLU and PReLU with slopes >= 0, "
    "ELU with alpha >= 0, and Hardtanh "
    "with min_val <= 0 <= max_val."
)


def _sig(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


def _sign(v: float) -> float:
    return 1.0 if v >= 0 else -1.0


# -- LSTM with a projection (proj_size) ----------------------------------------------------------


class _Projected(nn.Module):
    """Features → LSTM(proj_size=2) → Linear on the final states (forward direction first)."""

    def __init__(self, make: type, num_layers: int, bidirectional: bool, batch_first: bool):
        super().__init__()
        self.rnn = make(
            3,
            5,
            num_layers=num_layers,
            bidirectional=bidirectional,
            batch_first=batch_first,
            proj_size=2,
        )
        self.head = nn.Linear(4 if bidirectional else 2, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h_n = self.rnn(x if self.rnn.batch_first else x.transpose(0, 1))[1][0]  # [L*D, B, P]
        return self.head(torch.cat([h_n[-2], h_n[-1]], -1) if self.rnn.bidirectional else h_n[-1])


@pytest.mark.parametrize("make", [nn.LSTM, lnn.LSTM], ids=["torch", "lstmkit"])
@pytest.mark.parametrize("num_layers", [1, 2])
@pytest.mark.parametrize("bidirectional", [False, True], ids=["uni", "bi"])
@pytest.mark.parametrize("batch_first", [True, False], ids=["batch_first", "time_major"])
def test_a_projected_lstm_conserves_relevance(make, num_layers, bidirectional, batch_first):
    """lrp refused `proj_size` ("the LSTM rules have no projection of the hidden states")."""
    torch.manual_seed(0)
    model = _Projected(make, num_layers, bidirectional, batch_first).to(DT)
    x = torch.randn(3, 4, 3, dtype=DT)
    ex = lrp(model, x, 1, bias_factor=1.0)  # check=True: the recomputation is the model's output
    torch.testing.assert_close(ex.output, model(x).detach(), rtol=0, atol=0)
    assert float(ex.residual.abs().max()) < 1e-12
    assert float(ex.score.abs().min()) > 1e-3 and float(ex.relevance.abs().min()) > 0


def test_a_projected_peephole_lstm_with_padding_and_mean_readout_conserves_relevance():
    class MeanPool(nn.Module):
        readout = "mean"

        def __init__(self) -> None:
            super().__init__()
            self.embedding = nn.Embedding(20, 3)
            self.rnn = lnn.LSTM(
                3, 5, num_layers=2, bidirectional=True, batch_first=True, proj_size=2, peephole=True
            )
            self.head = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))

        def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
            out = self.rnn(self.embedding(tokens), lengths=lengths)[0]
            return self.head(out.sum(1) / lengths.unsqueeze(1))

    torch.manual_seed(0)
    model = MeanPool().to(DT)
    tokens, lengths = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 0, 0]]), torch.tensor([5, 3])
    for convention in ("equation", "lrp_for_lstm"):
        ex = lrp(model, tokens, 1, lengths=lengths, bias_factor=1.0, convention=convention)
        assert float(ex.residual.abs().max()) < 1e-12
        assert ex.relevance[1, 3:].tolist() == [0.0, 0.0]  # padding


# One LSTM of H = 2 units projected to P = 1 (gate rows i, f, g, o; unit 0 then unit 1), one input
# feature, every weight and bias non-zero; a Linear head on h_n.
_W_IH = [0.5, -0.4, 0.3, 0.8, 0.7, 0.2, -0.6, 0.9]
_W_HH = [0.3, 0.5, -0.2, 0.4, 0.6, -0.7, 0.25, 0.35]
_B_IH = [0.1, -0.2, 0.05, 0.3, -0.1, 0.15, 0.2, -0.05]
_B_HH = [0.02, 0.1, -0.03, 0.04, 0.06, -0.08, 0.01, 0.07]
_W_HR = [1.3, -0.7]
_HEAD_W, _HEAD_B = 1.5, 0.2
_XS = [0.9, -1.2]


def _projected_by_hand(eps: float, delta: float) -> tuple[list[float], float, float]:
    """Relevance of x_1, x_2, of the initial states, and the score, from the rules' formulas."""
    b = [_B_IH[j] + _B_HH[j] for j in range(8)]

    def pre(row: int, unit: int, x: float, h: float) -> float:
        j = 2 * row + unit  # rows i, f, g, o of 2 units each
        return _W_IH[j] * x + _W_HH[j] * h + b[j]

    h, c, steps = 0.0, [0.0, 0.0], []
    for x in _XS:
        fc = [_sig(pre(1, k, x, h)) * c[k] for k in (0, 1)]
        ig = [_sig(pre(0, k, x, h)) * math.tanh(pre(2, k, x, h)) for k in (0, 1)]
        c_new = [fc[k] + ig[k] for k in (0, 1)]
        m = [_sig(pre(3, k, x, h)) * math.tanh(c_new[k]) for k in (0, 1)]
        z_g = [pre(2, k, x, h) for k in (0, 1)]
        h_new = _W_HR[0] * m[0] + _W_HR[1] * m[1]
        steps.append({"x": x, "h_prev": h, "fc": fc, "ig": ig, "c": c_new, "m": m, "z_g": z_g})
        steps[-1]["h"] = h_new
        h, c = h_new, c_new
    y = _HEAD_W * h + _HEAD_B
    # head: N = 1 lower unit
    r_h = (h * _HEAD_W + eps * _sign(y) + delta * _HEAD_B) / (y + eps * _sign(y)) * y
    r_c = [0.0, 0.0]
    r_x = [0.0, 0.0]
    for t in (1, 0):
        st = steps[t]
        hp = st["h"]
        # h_t = W_hr m_t, no bias: N = H = 2
        r_m = [(st["m"][k] * _W_HR[k] + eps * _sign(hp) / 2) / (hp + eps * _sign(hp)) * r_h
               for k in (0, 1)]  # fmt: skip
        r_h = 0.0
        for k in (0, 1):
            total, ck = r_c[k] + r_m[k], st["c"][k]
            # c = f c_prev + i g: N = 2, no bias
            r_c[k] = (st["fc"][k] + eps * _sign(ck) / 2) / (ck + eps * _sign(ck)) * total
            r_g = (st["ig"][k] + eps * _sign(ck) / 2) / (ck + eps * _sign(ck)) * total
            # g = tanh(w x + u h_prev + b_g): N = I + P = 2
            z, b_g = st["z_g"][k], b[4 + k]
            share = (eps * _sign(z) + delta * b_g) / 2
            r_x[t] += (st["x"] * _W_IH[4 + k] + share) / (z + eps * _sign(z)) * r_g
            r_h += (st["h_prev"] * _W_HH[4 + k] + share) / (z + eps * _sign(z)) * r_g
    return r_x, r_h + r_c[0] + r_c[1], y


@pytest.mark.parametrize("make", [nn.LSTM, lnn.LSTM], ids=["torch", "lstmkit"])
@pytest.mark.parametrize(("eps", "delta"), [(1e-3, 0.0), (0.1, 0.5), (0.1, 1.0)])
def test_two_steps_of_a_projected_lstm_match_the_rules_computed_by_hand(make, eps, delta):
    class Model(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn = make(1, 2, proj_size=1, batch_first=True, dtype=DT)
            self.head = nn.Linear(1, 1, dtype=DT)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.head(self.rnn(x)[1][0][-1])

    model = Model()
    with torch.no_grad():
        model.rnn.weight_ih_l0.copy_(torch.tensor(_W_IH, dtype=DT).view(8, 1))
        model.rnn.weight_hh_l0.copy_(torch.tensor(_W_HH, dtype=DT).view(8, 1))
        model.rnn.bias_ih_l0.copy_(torch.tensor(_B_IH, dtype=DT))
        model.rnn.bias_hh_l0.copy_(torch.tensor(_B_HH, dtype=DT))
        model.rnn.weight_hr_l0.copy_(torch.tensor([_W_HR], dtype=DT))
        model.head.weight.fill_(_HEAD_W)
        model.head.bias.fill_(_HEAD_B)
    r_x, initial, y = _projected_by_hand(eps, delta)
    ex = lrp(model, torch.tensor([[[_XS[0]], [_XS[1]]]], dtype=DT), 0, eps=eps, bias_factor=delta)
    assert ex.score.item() == pytest.approx(y, abs=1e-12)
    assert ex.relevance[0].tolist() == pytest.approx(r_x, abs=1e-12)
    assert ex.initial_state.item() == pytest.approx(initial, abs=1e-12)
    if delta == 1.0:
        assert r_x[0] + r_x[1] + initial == pytest.approx(y, abs=1e-12)


class _ProjectedSeq2Seq(nn.Module):
    def __init__(self, make: type, num_layers: int, decoder_proj: int = 2) -> None:
        super().__init__()
        self.encoder = make(3, 6, num_layers=num_layers, proj_size=2, batch_first=True)
        self.decoder = make(1, 6, num_layers=num_layers, proj_size=decoder_proj, batch_first=True)
        self.head = nn.Linear(decoder_proj or 6, 1)

    def forward(self, x: torch.Tensor, future: torch.Tensor) -> torch.Tensor:
        return self.head(self.decoder(future, self.encoder(x)[1])[0]).squeeze(-1)


@pytest.mark.parametrize("make", [nn.LSTM, lnn.LSTM], ids=["torch", "lstmkit"])
@pytest.mark.parametrize("num_layers", [1, 2])
def test_a_projected_encoder_decoder_conserves_relevance(make, num_layers) -> None:
    """lrp_seq2seq refused `proj_size` in the encoder and decoder."""
    torch.manual_seed(0)
    model = _ProjectedSeq2Seq(make, num_layers).to(DT)
    x, future = torch.randn(2, 4, 3, dtype=DT), torch.randn(2, 3, 1, dtype=DT)
    ex = lrp_seq2seq(model, x, future, 2, bias_factor=1.0)
    assert float(ex.residual.abs().max()) < 1e-12
    assert float(ex.relevance.abs().min()) > 0


def test_an_encoder_and_decoder_of_other_projections_are_refused_by_name() -> None:
    message = (
        "lrp_seq2seq explains a unidirectional decoder that starts from the final states of a "
        "unidirectional encoder of the same kind and size: `proj_size` is 2 in the encoder, 0 in "
        "the decoder."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp_seq2seq(
            _ProjectedSeq2Seq(nn.LSTM, 1, decoder_proj=0).to(DT),
            torch.randn(1, 4, 3, dtype=DT),
            torch.randn(1, 2, 1, dtype=DT),
        )


# -- heads with more activations --------------------------------------------------------------


class _Head(nn.Module):
    def __init__(self, activation: nn.Module) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Sequential(nn.Linear(4, 5), activation, nn.Linear(5, 2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


@pytest.mark.parametrize(
    "activation",
    [
        nn.GELU(),
        nn.GELU(approximate="tanh"),
        nn.SiLU(),
        nn.Mish(),
        nn.ELU(alpha=0.7),
        nn.Hardtanh(-0.5, 0.3),
        nn.ReLU6(),
        nn.PReLU(),
        nn.PReLU(5, init=0.1),
    ],
    ids=["gelu", "gelu-tanh", "silu", "mish", "elu", "hardtanh", "relu6", "prelu", "prelu-5"],
)
def test_heads_with_sign_keeping_activations_are_explained_and_conserve(activation):
    """They were refused: "a head may contain nn.Linear, ReLU, LeakyReLU, Tanh, ..."."""
    torch.manual_seed(0)
    model = _Head(activation).to(DT)
    if isinstance(activation, nn.PReLU):
        with torch.no_grad():  # a learned slope per feature, all positive
            activation.weight.copy_(torch.linspace(0.05, 0.4, activation.num_parameters))
    x = torch.randn(4, 5, 3, dtype=DT) * 3  # both signs, past Hardtanh's range too
    ex = lrp(model, x, 1, bias_factor=1.0)  # check=True: the float64 head is the model's
    assert float(ex.residual.abs().max()) < 1e-12
    assert float(ex.relevance.abs().min()) > 0


def test_a_gelu_head_on_one_lstm_step_matches_the_rules_computed_by_hand() -> None:
    wi, wf, wg, wo, b = 0.6, -0.3, 0.9, 0.4, [0.1, 0.2, -0.3, 0.05]
    w1, b1, w2, b2 = -1.4, 0.3, 0.8, -0.25
    x, eps, delta = 1.1, 0.01, 0.5
    model = nn.Module()
    model.rnn = nn.LSTM(1, 1, batch_first=True, dtype=DT)
    model.head = nn.Sequential(nn.Linear(1, 1), nn.GELU(), nn.Linear(1, 1)).to(DT)
    model.forward = lambda inputs: model.head(model.rnn(inputs)[1][0][-1])
    with torch.no_grad():
        model.rnn.weight_ih_l0.copy_(torch.tensor([[wi], [wf], [wg], [wo]], dtype=DT))
        model.rnn.weight_hh_l0.fill_(0.5)  # h_0 = 0: reads nothing
        model.rnn.bias_ih_l0.copy_(torch.tensor(b, dtype=DT))
        model.rnn.bias_hh_l0.zero_()
        model.head[0].weight.fill_(w1), model.head[0].bias.fill_(b1)
        model.head[2].weight.fill_(w2), model.head[2].bias.fill_(b2)
    z_g = wg * x + b[2]
    c = _sig(wi * x + b[0]) * math.tanh(z_g)  # f ⊙ c_0 = 0
    h = _sig(wo * x + b[3]) * math.tanh(c)
    z1 = w1 * h + b1
    a1 = 0.5 * z1 * (1 + math.erf(z1 / math.sqrt(2)))  # GELU
    y = w2 * a1 + b2
    r_a1 = (a1 * w2 + eps * _sign(y) + delta * b2) / (y + eps * _sign(y)) * y
    # GELU keeps the sign of its input: R_z1 = R_a1
    r_h = (h * w1 + eps * _sign(z1) + delta * b1) / (z1 + eps * _sign(z1)) * r_a1
    r_c0 = (0.0 + eps * _sign(c) / 2) / (c + eps * _sign(c)) * r_h
    r_g = (c + eps * _sign(c) / 2) / (c + eps * _sign(c)) * r_h
    share = (eps * _sign(z_g) + delta * b[2]) / 2
    r_x = (x * wg + share) / (z_g + eps * _sign(z_g)) * r_g
    r_h0 = share / (z_g + eps * _sign(z_g)) * r_g
    ex = lrp(model, torch.tensor([[[x]]], dtype=DT), 0, eps=eps, bias_factor=delta)
    assert ex.score.item() == pytest.approx(y, abs=1e-12)
    assert ex.relevance.item() == pytest.approx(r_x, abs=1e-12)
    assert ex.initial_state.item() == pytest.approx(r_h0 + r_c0, abs=1e-12)


@pytest.mark.parametrize(
    ("activation", "named"),
    [
        (nn.PReLU(init=-0.25), "PReLU with a negative learned slope, -0.25"),
        (nn.LeakyReLU(-0.1), "LeakyReLU with negative_slope=-0.1"),
        (nn.ELU(alpha=-1.0), "ELU with alpha=-1.0"),
        (nn.Hardtanh(0.5, 2.0), "Hardtanh with min_val=0.5, max_val=2.0"),
    ],
    ids=["prelu", "leaky", "elu", "hardtanh"],
)
def test_activations_that_flip_a_sign_are_refused_naming_the_parameter(activation, named):
    """A PReLU whose learned slope went negative turns negative inputs positive: passing
    relevance through it unchanged is wrong, and the output check cannot see that."""
    message = f"lrp does not support the module `head.1` ({named}); {_HEAD_LAYERS}{_GRADIENT}"
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Head(activation).to(DT), torch.randn(1, 2, 3, dtype=DT))


def test_sigmoid_and_softplus_inside_a_head_are_refused_saying_why() -> None:
    model = _Head(nn.Softplus())
    model.head.append(nn.Sigmoid()).append(nn.Linear(2, 2))
    message = (
        "lrp does not support the modules `head.1` (Softplus), `head.3` (Sigmoid); "
        f"{_HEAD_LAYERS} Sigmoid and Softplus are positive for every input, so relevance cannot "
        f"pass unchanged through them: a negative input's sign flips.{_GRADIENT}"
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model.to(DT), torch.randn(1, 2, 3, dtype=DT))


# -- what stays refused points at what explains it -------------------------------------------


class _Normed(nn.Module):
    """A LayerNorm between the LSTM and the head."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.norm = nn.LayerNorm(6)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.norm(self.rnn(self.embedding(tokens))[1][0][-1]))


_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 1]])


def test_a_layer_norm_before_the_head_is_refused_naming_the_methods_that_explain_it() -> None:
    torch.manual_seed(0)
    model = _Normed().to(DT)
    message = (
        "lrp does not support the submodule `norm` (LayerNorm) of _Normed; supported: "
        "embedding, rnn, head, and dropout and identity layers, which do nothing in inference."
        + _GRADIENT
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)
    for method in ("gradxinput", "ig", "occlusion"):  # as the message says
        ex = explain(model, _TOKENS, 0, method=method)
        assert ex.relevance.shape == (2, 5) and float(ex.relevance.abs().min()) > 0


def test_a_layer_norm_inside_the_head_is_refused_naming_the_methods_that_explain_it() -> None:
    model = _Head(nn.LayerNorm(5))
    message = f"lrp does not support the module `head.1` (LayerNorm); {_HEAD_LAYERS}{_GRADIENT}"
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model.to(DT), torch.randn(1, 2, 3, dtype=DT))


class _MyCell(nn.Module):
    """A researcher's recurrent module: an LSTMCell under another name, stepped over time."""

    def __init__(self, with_norm: bool = False) -> None:
        super().__init__()
        self.step = nn.LSTMCell(4, 3)
        self.drop = nn.Dropout(0.1)
        self.norm = nn.LayerNorm(3) if with_norm else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = c = x.new_zeros(x.shape[0], 3)
        for t in range(x.shape[1]):
            h, c = self.step(self.drop(x[:, t]), (h, c))
        return self.norm(h)


class _Looped(nn.Module):
    def __init__(self, rnn: nn.Module) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = rnn
        self.head = nn.Linear(3, 2)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens)))


def test_a_module_holding_one_cell_gets_the_cells_advice() -> None:
    """A module of one's own around an LSTMCell got "supported: lstmkit.nn.LSTM, ..." alone."""
    torch.manual_seed(0)
    model = _Looped(_MyCell()).to(DT)
    message = (
        "lrp does not support the module `rnn` (_MyCell); supported: lstmkit.nn.LSTM, "
        "lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU. _MyCell holds an LSTMCell (`rnn.step`) and "
        "nothing else that computes: if its forward steps the cell over time, it computes what "
        "a one-layer LSTM computes in one call: hold "
        "`nn.LSTM(4, 3, batch_first=True)` as `rnn`, with the weights of `rnn.step` as `cell` "
        "(`rnn.load_state_dict({k + '_l0': v for k, v in cell.state_dict().items()})`), and let "
        "forward read its final state `h_n[-1]`."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 1)

    class Layer(nn.Module):  # the advice, followed
        def __init__(self) -> None:
            super().__init__()
            self.embedding, self.head = model.embedding, model.head
            self.rnn = nn.LSTM(4, 3, batch_first=True, dtype=DT)
            cell = model.rnn.step
            self.rnn.load_state_dict({k + "_l0": v for k, v in cell.state_dict().items()})

        def forward(self, tokens: torch.Tensor) -> torch.Tensor:
            return self.head(self.rnn(self.embedding(tokens))[1][0][-1])

    layer = Layer()
    with torch.no_grad():
        torch.testing.assert_close(layer(_TOKENS), model.eval()(_TOKENS), rtol=1e-12, atol=1e-14)
    assert float(lrp(layer, _TOKENS, 1, bias_factor=1.0).residual.abs().max()) < 1e-12


def test_a_module_holding_a_cell_and_more_gets_the_gradient_methods() -> None:
    message = (
        "lrp does not support the module `rnn` (_MyCell); supported: lstmkit.nn.LSTM, "
        "lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU." + _GRADIENT
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Looped(_MyCell(with_norm=True)).to(DT), _TOKENS, 1)


def test_a_cell_held_under_another_name_than_rnn_gets_the_cells_advice() -> None:
    class Loop(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embedding = nn.Embedding(20, 4)
            self.cell = nn.GRUCell(4, 3)
            self.head = nn.Linear(3, 2)

    message = (
        "lrp needs a model with submodules `rnn` or `encoder` (LSTM/GRU) and `head`, optionally "
        "`embedding` (nn.Embedding); Loop has ['cell', 'embedding', 'head']. A GRUCell (`cell`) "
        "stepped over time in forward computes what a one-layer GRU computes in one call: hold "
        "`nn.GRU(4, 3, batch_first=True)` as `rnn`, with the weights of `cell` as `cell` "
        "(`rnn.load_state_dict({k + '_l0': v for k, v in cell.state_dict().items()})`), and let "
        "forward read its final state `h_n[-1]`."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(Loop().to(DT), _TOKENS, 1)
