"""``convention="lrp_for_lstm"``: LRP as the later code of Arras et al. computes it.

The reference below is written here in numpy from that code's conventions (``lrp_linear``:
``numer = w * h_in + bias_factor * (b + eps * sign(z)) / N``, ``denom = z + eps * sign(z)``;
``c_t``'s two terms split through identity matrices with ``N = 2H``; the candidate's input and
recurrent weights with ``N = H + E``; an output layer without bias over ``[h_fwd_T, h_bwd_1]``
with ``N = 2H``), for one sequence of an embedding → bidirectional LSTM → linear classifier.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.explain import lrp
from lstmkit.text import TextClassifier


def lrp_linear(h_in, w, b, z, r_out, n, eps, bias_factor):
    """``z = h_in @ w + b``; ``w`` is [D, M]. Relevance of the D inputs."""
    sign = np.where(z >= 0, 1.0, -1.0)[None, :]
    numer = w * h_in[:, None] + bias_factor * (b[None, :] + eps * sign) / n
    denom = z[None, :] + eps * sign
    return ((numer / denom) * r_out[None, :]).sum(axis=1)


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def direction(x, w_ih, w_hh, b, r_h_last, eps, bias_factor):
    """One LSTM direction over ``x`` [T, E] (gate order i, f, g, o); the relevance ``r_h_last``
    arrives at its final h. Returns (relevance [T, E], relevance of h_0 + c_0)."""
    steps, hidden = len(x), w_hh.shape[1]
    h, c = np.zeros((steps + 1, hidden)), np.zeros((steps + 1, hidden))  # index t + 1
    pre, gates = np.zeros((steps, 4 * hidden)), np.zeros((steps, 4 * hidden))
    for t in range(steps):
        pre[t] = w_ih @ x[t] + w_hh @ h[t] + b
        gates[t] = sigmoid(pre[t])
        gates[t, 2 * hidden : 3 * hidden] = np.tanh(pre[t, 2 * hidden : 3 * hidden])
        i, f, g, o = np.split(gates[t], 4)
        c[t + 1] = f * c[t] + i * g
        h[t + 1] = o * np.tanh(c[t + 1])
    g_rows = slice(2 * hidden, 3 * hidden)
    eye, zeros = np.identity(hidden), np.zeros(hidden)
    n_g = hidden + x.shape[1]
    r_x = np.zeros_like(x)
    r_h, r_c = r_h_last.copy(), np.zeros(hidden)
    for t in range(steps - 1, -1, -1):
        i, f, g, o = np.split(gates[t], 4)
        r_c = r_c + r_h
        r_c_prev = lrp_linear(f * c[t], eye, zeros, c[t + 1], r_c, 2 * hidden, eps, bias_factor)
        r_g = lrp_linear(i * g, eye, zeros, c[t + 1], r_c, 2 * hidden, eps, bias_factor)
        b_g, z_g = b[g_rows], pre[t, g_rows]
        r_x[t] = lrp_linear(x[t], w_ih[g_rows].T, b_g, z_g, r_g, n_g, eps, bias_factor)
        r_h = lrp_linear(h[t], w_hh[g_rows].T, b_g, z_g, r_g, n_g, eps, bias_factor)
        r_c = r_c_prev
    return r_x, (r_h + r_c).sum(), h[steps]


def reference(model, tokens, target, eps, bias_factor):
    sd = {k: v.detach().double().numpy() for k, v in model.state_dict().items()}
    x = sd["embedding.weight"][tokens]
    w_out = sd["head.weight"]
    hidden = sd["rnn.weight_hh_l0"].shape[1]

    def params(sfx):
        b = sd["rnn.bias_ih_l0" + sfx] + sd["rnn.bias_hh_l0" + sfx]
        return sd["rnn.weight_ih_l0" + sfx], sd["rnn.weight_hh_l0" + sfx], b

    # forward once to get the final states, then the relevance of the output layer
    zero = np.zeros(hidden)
    _, _, h_fwd = direction(x, *params(""), zero, eps, bias_factor)
    _, _, h_bwd = direction(x[::-1], *params("_reverse"), zero, eps, bias_factor)
    s = w_out[:, :hidden] @ h_fwd + w_out[:, hidden:] @ h_bwd
    r_s = np.zeros_like(s)
    r_s[target] = s[target]
    n = 2 * hidden
    none = np.zeros(len(s))
    r_fwd = lrp_linear(h_fwd, w_out[:, :hidden].T, none, s, r_s, n, eps, bias_factor)
    r_bwd = lrp_linear(h_bwd, w_out[:, hidden:].T, none, s, r_s, n, eps, bias_factor)
    r_x_fwd, init_fwd, _ = direction(x, *params(""), r_fwd, eps, bias_factor)
    r_x_bwd, init_bwd, _ = direction(x[::-1], *params("_reverse"), r_bwd, eps, bias_factor)
    return r_x_fwd + r_x_bwd[::-1], init_fwd + init_bwd, s[target]


def _model(seed: int) -> TextClassifier:
    torch.manual_seed(seed)
    model = TextClassifier(vocab_size=30, embed_dim=5, hidden_size=4, num_classes=3)
    model = model.double().eval()
    with torch.no_grad():
        model.head.bias.zero_()  # the reference's output layer has no bias
        for p in model.parameters():
            p.mul_(2.0)  # larger pre-activations: the stabilizer's share matters more
    return model


@pytest.mark.parametrize("bias_factor", [0.0, 1.0])
@pytest.mark.parametrize("eps", [1e-3, 0.1])
def test_lrp_for_lstm_convention_matches_the_later_code(eps, bias_factor) -> None:
    model = _model(0)
    tokens = torch.tensor([[3, 17, 5, 29, 8, 12]])
    ex = lrp(model, tokens, 2, eps=eps, bias_factor=bias_factor, convention="lrp_for_lstm")
    want_x, want_init, want_score = reference(model, tokens[0].numpy(), 2, eps, bias_factor)
    np.testing.assert_allclose(ex.relevance_per_feature[0].numpy(), want_x, rtol=1e-9, atol=1e-12)
    assert float(ex.initial_state[0]) == pytest.approx(want_init, rel=1e-9, abs=1e-12)
    assert float(ex.score[0]) == pytest.approx(want_score, rel=1e-12)
    # and the paper's equation is another result whenever the stabilizer matters
    eq = lrp(model, tokens, 2, eps=eps, bias_factor=bias_factor)
    assert (eq.relevance - ex.relevance).abs().max() > 1e-4


def test_the_conventions_agree_as_eps_vanishes_and_both_conserve_with_bias_factor_one() -> None:
    model = _model(1)
    tokens = torch.tensor([[4, 9, 13, 2], [7, 7, 1, 0]])
    lengths = torch.tensor([4, 3])
    for convention in ("equation", "lrp_for_lstm"):
        ex = lrp(model, tokens, 1, lengths=lengths, bias_factor=1.0, convention=convention)
        residual = ex.relevance.sum(1) + ex.initial_state - ex.score
        assert residual.abs().max() < 1e-12
        assert (ex.relevance[1, 3] == 0).item()  # padding
    a = lrp(model, tokens, 1, lengths=lengths, eps=1e-12, convention="equation")
    b = lrp(model, tokens, 1, lengths=lengths, eps=1e-12, convention="lrp_for_lstm")
    torch.testing.assert_close(a.relevance, b.relevance, rtol=1e-8, atol=1e-10)


def test_convention_is_checked() -> None:
    with pytest.raises(ValueError, match=r"`convention` must be one of \('equation', 'lrp_for_"):
        lrp(_model(0), torch.tensor([[1, 2]]), convention="code")


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_lrp_for_lstm_conserves_through_gru_and_seq2seq_with_bias_factor_one(kind) -> None:
    from lstmkit.explain import lrp_seq2seq
    from lstmkit.forecast import ForecastNet

    torch.manual_seed(3)
    net = ForecastNet(kind, 3, 4, 1, num_layers=2, decoder_input_size=2).double()
    x, future = torch.randn(2, 6, 3).double(), torch.randn(2, 4, 2).double()
    ex = lrp_seq2seq(net, x, future, 2, bias_factor=1.0, convention="lrp_for_lstm")
    assert ex.residual.abs().max() < 1e-12
    eq = lrp_seq2seq(net, x, future, 2, bias_factor=1.0)
    assert (eq.relevance - ex.relevance).abs().max() > 1e-6
