"""Review of LRP through projected LSTMs and the refusals pointing at the gradient methods: a hint
that promised a method which refuses the model, and checks of the projection that had no test."""

from __future__ import annotations

import math
import re

import pytest
import torch
from torch import nn

from lstmkit.explain import explain, lrp

DT = torch.float64
_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 1]])
_SUPPORTED = "supported: lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU."


class _Encoder(nn.Module):
    """A module of one's own that embeds the tokens itself: Embedding → LSTM → LayerNorm."""

    def __init__(self) -> None:
        super().__init__()
        self.emb = nn.Embedding(20, 4)
        self.lstm = nn.LSTM(4, 3, batch_first=True)
        self.norm = nn.LayerNorm(3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.norm(self.lstm(self.emb(tokens))[1][0][-1])


class _Wrapped(nn.Module):
    def __init__(self, rnn: nn.Module) -> None:
        super().__init__()
        self.rnn = rnn
        self.head = nn.Linear(3, 2)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(inputs))


def test_a_module_that_embeds_its_tokens_itself_is_not_sent_to_the_gradient_methods() -> None:
    """The refusal said "The gradient methods explain it: `explain(model, inputs, target,
    method='gradxinput')`", which then refused the tokens: they embed through `embedding`."""
    model = _Wrapped(_Encoder()).to(DT)
    message = f"lrp does not support the module `rnn` (_Encoder); {_SUPPORTED}"
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)
    refused = (  # (xpl14) not "without an embedding": it holds one, elsewhere
        "`inputs` must be a float tensor [B, T, F] for a model without an nn.Embedding as "
        "`embedding`, got "
    )
    held = (  # (qa7x) where its embedding is, and where the gradient methods look for it
        " _Wrapped holds its nn.Embedding as `rnn.emb`, but the explanations embed token ids "
        "through the model's `embedding` alone: hold the nn.Embedding itself as `embedding`."
    )
    with pytest.raises(TypeError, match=re.escape(refused + "dtype torch.int64." + held) + "$"):
        explain(model, _TOKENS, 0, method="gradxinput")


class _Features(nn.Module):
    """The same on features: no embedding anywhere, which the gradient methods explain."""

    def __init__(self) -> None:
        super().__init__()
        self.lstm = nn.LSTM(4, 3, batch_first=True)
        self.norm = nn.LayerNorm(3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(self.lstm(x)[1][0][-1])


def test_a_module_of_ones_own_on_features_still_names_the_gradient_methods() -> None:
    torch.manual_seed(0)
    model = _Wrapped(_Features()).to(DT)
    x = torch.randn(2, 5, 4, dtype=DT)
    message = (
        f"lrp does not support the module `rnn` (_Features); {_SUPPORTED} The gradient methods "
        "explain it: `explain(model, inputs, target, method='gradxinput')` (or 'ig', "
        "'occlusion')."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, x, 0)
    for method in ("gradxinput", "ig", "occlusion"):  # as the message says
        assert explain(model, x, 0, method=method).relevance.shape == (2, 5)


class _Tagged(nn.Module):
    """An embedding as `embedding` and one for positions inside an unknown submodule."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.positions = nn.Sequential(nn.Embedding(5, 4))
        self.rnn = nn.LSTM(4, 3, batch_first=True)
        self.head = nn.Linear(3, 2)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        steps = torch.arange(tokens.shape[1])
        return self.head(self.rnn(self.embedding(tokens) + self.positions(steps))[1][0][-1])


def test_a_model_with_its_embedding_keeps_the_hint_beside_another_embedding() -> None:
    torch.manual_seed(0)
    model = _Tagged().to(DT)
    message = (
        "lrp does not support the submodule `positions` (Sequential) of _Tagged; supported: "
        "embedding, rnn, head, and dropout and identity layers, which do nothing in inference. "
        "The gradient methods explain it: `explain(model, inputs, target, method='gradxinput')` "
        "(or 'ig', 'occlusion')."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)
    assert float(explain(model, _TOKENS, 0, method="gradxinput").relevance.abs().min()) > 0


class _StepOut(nn.Module):
    """A projected LSTM whose head reads the output at step 1, not the final state."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 5, proj_size=2, batch_first=True)
        self.head = nn.Linear(2, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, 1])


def test_a_projected_lstm_read_at_one_step_is_told_the_step() -> None:
    """The readout hint tried the final cell states (H = 5 wide) on the head of P = 2 inputs."""
    torch.manual_seed(0)
    model = _StepOut().to(DT)
    message = (
        "Its output is the head on the output at step 1 (`out[:, 1]`), which depends on steps "
        "0..1 alone: `lrp(model, inputs[:, :2], ...)` explains it, as the final state there."
    )
    with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
        lrp(model, torch.randn(2, 4, 3, dtype=DT))


class _CellWithState(nn.Module):
    """An LSTMCell looped from a learned initial state: more than the cell computes."""

    def __init__(self) -> None:
        super().__init__()
        self.step = nn.LSTMCell(4, 3)
        self.h0 = nn.Parameter(torch.full((3,), 0.5))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.h0.expand(x.shape[0], 3)
        c = torch.zeros_like(h)
        for t in range(x.shape[1]):
            h, c = self.step(x[:, t], (h, c))
        return h


def test_a_module_with_a_cell_and_a_parameter_of_its_own_gets_no_cell_advice() -> None:
    """A one-layer LSTM from zero states would not compute what it does."""
    message = (
        f"lrp does not support the module `rnn` (_CellWithState); {_SUPPORTED} The gradient "
        "methods explain it: `explain(model, inputs, target, method='gradxinput')` (or 'ig', "
        "'occlusion')."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Wrapped(_CellWithState()).to(DT), torch.randn(1, 2, 4, dtype=DT))


# -- the projection's rule against a slow float64 reference, in both conventions ---------------


def _eps_rule(a, w, b, z, r, eps, delta, eps_share):
    """R_k = sum_j (a_k w_jk + (eps_share eps sign z_j + delta b_j) / N) / (z_j + eps sign z_j)
    R_j, one lower unit k and one upper unit j at a time (Arras et al. 2017, eq. 1)."""
    n_lower, out = len(a), []
    for k in range(n_lower):
        total = 0.0
        for j in range(len(z)):
            sign = 1.0 if z[j] >= 0 else -1.0
            share = (eps_share * eps * sign + delta * (0.0 if b is None else b[j])) / n_lower
            total += (a[k] * w[j][k] + share) / (z[j] + eps * sign) * r[j]
        out.append(total)
    return out


def _projected_reference(sd, xs, target, eps, delta, convention):
    """lrp of Linear(LSTM(proj_size=P)'s h_n) for one sequence, unit by unit, in plain floats."""
    w_ih, w_hh, w_hr = sd["weight_ih_l0"], sd["weight_hh_l0"], sd["weight_hr_l0"]
    b = [u + v for u, v in zip(sd["bias_ih_l0"], sd["bias_hh_l0"], strict=True)]
    n_h, n_p, n_i = len(w_hr[0]), len(w_hr), len(xs[0])
    eps_share = 1.0 if convention == "equation" else delta

    def sig(v):
        return 1 / (1 + math.exp(-v))

    h, c, steps = [0.0] * n_p, [0.0] * n_h, []
    for x in xs:
        pre = [
            sum(w_ih[j][k] * x[k] for k in range(n_i))
            + sum(w_hh[j][k] * h[k] for k in range(n_p))
            + b[j]
            for j in range(4 * n_h)
        ]
        gate = [pre[g * n_h : (g + 1) * n_h] for g in range(4)]  # i, f, g, o
        fc = [sig(gate[1][k]) * c[k] for k in range(n_h)]
        ig = [sig(gate[0][k]) * math.tanh(gate[2][k]) for k in range(n_h)]
        c = [fc[k] + ig[k] for k in range(n_h)]
        m = [sig(gate[3][k]) * math.tanh(c[k]) for k in range(n_h)]
        steps.append((x, h, fc, ig, c, m, gate[2]))
        h = [sum(w_hr[p][k] * m[k] for k in range(n_h)) for p in range(n_p)]
        steps[-1] += (h,)
    w_y, b_y = sd["head.weight"], sd["head.bias"]
    y = [sum(w_y[j][k] * h[k] for k in range(n_p)) + b_y[j] for j in range(len(b_y))]
    r_y = [y[j] if j == target else 0.0 for j in range(len(y))]
    r_h = _eps_rule(h, w_y, b_y, y, r_y, eps, delta, eps_share)
    r_c, r_x = [0.0] * n_h, []
    for x, h_prev, fc, ig, c_t, m, z_g, h_t in reversed(steps):
        r_m = _eps_rule(m, w_hr, None, h_t, r_h, eps, delta, eps_share)  # N = H, no bias
        total = [r_c[k] + r_m[k] for k in range(n_h)]
        if convention == "equation":  # c = f c_prev + i g unit by unit: N = 2
            pairs = [
                _eps_rule([fc[k], ig[k]], [[1.0, 1.0]], None, [c_t[k]], [total[k]], eps, 0.0, 1.0)
                for k in range(n_h)
            ]
            r_c, r_g = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
        else:  # through identity matrices: N = 2H
            eye = [[1.0 if j == k else 0.0 for k in range(n_h)] for j in range(n_h)]
            both = _eps_rule(fc + ig, [e + e for e in eye], None, c_t, total, eps, 0, eps_share)
            r_c, r_g = both[:n_h], both[n_h:]
        w_g = [w_ih[2 * n_h + k] + w_hh[2 * n_h + k] for k in range(n_h)]  # rows [I + P]
        b_g = b[2 * n_h : 3 * n_h]
        lower = _eps_rule(list(x) + h_prev, w_g, b_g, z_g, r_g, eps, delta, eps_share)
        r_x.insert(0, lower[:n_i])
        r_h = lower[n_i:]
    return r_x, sum(r_h) + sum(r_c), y[target]


@pytest.mark.parametrize("convention", ["equation", "lrp_for_lstm"])
@pytest.mark.parametrize(("eps", "delta"), [(1e-3, 0.0), (0.1, 0.5), (0.05, 1.0)])
def test_a_projected_lstm_matches_a_slow_reference(convention, eps, delta) -> None:
    """The projection's stabilizer share follows `convention` (bias_factor under lrp_for_lstm),
    which the hand-computed golden values (equation only) did not reach."""
    torch.manual_seed(3)
    model = nn.Module()
    model.rnn = nn.LSTM(2, 3, proj_size=2, batch_first=True, dtype=DT)
    model.head = nn.Linear(2, 2, dtype=DT)
    model.forward = lambda x: model.head(model.rnn(x)[1][0][-1])
    xs = torch.randn(1, 3, 2, dtype=DT) * 2
    sd = {k.removeprefix("rnn."): v.tolist() for k, v in model.state_dict().items()}
    ex = lrp(model, xs, 1, eps=eps, bias_factor=delta, convention=convention)
    r_x, initial, score = _projected_reference(sd, xs[0].tolist(), 1, eps, delta, convention)
    assert ex.score.item() == pytest.approx(score, abs=1e-12)
    assert ex.relevance_per_feature[0].tolist() == [pytest.approx(r, abs=1e-12) for r in r_x]
    assert ex.initial_state.item() == pytest.approx(initial, abs=1e-12)
