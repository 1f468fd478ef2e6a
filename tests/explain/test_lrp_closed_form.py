"""LRP on cases small enough to write the relevance down by hand, and the recomputation check's
tolerance: what the slow re-implementation of ``test_lrp.py`` (equation convention, linear
heads, float64 models that agree to rounding) does not reach."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import lrp
from lstmkit.explain.lrp import _readout_relevance


def _sign(v: float) -> float:
    return 1.0 if v >= 0 else -1.0


def _sig(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


class _OneUnitGRU(nn.Module):
    """x [B, T, 1] → GRU(1, 1) → head Linear(1, 1) without bias on h_n (readout "last")."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = lnn.GRU(1, 1, batch_first=True)
        self.head = nn.Linear(1, 1, bias=False)
        self.double()  # first: the weights below are float64 numbers, not float32 roundings
        with torch.no_grad():  # gate rows r, z, n
            self.rnn.weight_ih_l0.copy_(torch.tensor([[0.5], [-0.4], [1.3]], dtype=torch.float64))
            self.rnn.weight_hh_l0.copy_(torch.tensor([[0.2], [0.3], [0.7]], dtype=torch.float64))
            self.rnn.bias_ih_l0.copy_(torch.tensor([0.1, 0.2, -0.3], dtype=torch.float64))
            self.rnn.bias_hh_l0.copy_(torch.tensor([0.05, -0.1, 0.6], dtype=torch.float64))
            self.head.weight.fill_(1.5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, h_n = self.rnn(x)
        return self.head(h_n[-1])


@pytest.mark.parametrize("convention", ["equation", "lrp_for_lstm"])
def test_one_step_one_unit_gru_relevance_written_out_by_hand(convention) -> None:
    """One step from h_0 = 0: h = (1 - z) n, so the input gets x w_in / (a + eps sign a) of the
    candidate's relevance. With bias_factor 0 the equation hands each lower unit the
    stabilizer's share eps sign(z_j) / N too; the later code (lrp_for_lstm) hands none down."""
    x, eps, w_o = 0.8, 0.1, 1.5
    r = _sig(0.5 * x + 0.1 + 0.05)
    z = _sig(-0.4 * x + 0.2 - 0.1)
    u = 0.6  # W_hn h_0 + b_hn
    a = 1.3 * x - 0.3 + r * u
    n = math.tanh(a)
    h = (1 - z) * n
    score = w_o * h
    k = 1.0 if convention == "equation" else 0.0  # the stabilizer's share handed down
    # head: one lower unit (N = 1); h = (1 - z) n + z h_0: N = 2 terms (lrp_for_lstm: 2H = 2)
    r_h = (h * w_o + k * eps * _sign(score)) / (score + eps * _sign(score)) * score
    r_n = ((1 - z) * n + k * eps * _sign(h) / 2) / (h + eps * _sign(h)) * r_h
    r_h0_direct = (0.0 + k * eps * _sign(h) / 2) / (h + eps * _sign(h)) * r_h
    # a = W_in x + b_in + r u: N = I + 1 = 2 lower units, the bias absorbs its share
    s = r_n / (a + eps * _sign(a))
    r_x = x * 1.3 * s + k * eps * _sign(a) * s / 2
    r_ru = r * u * s + k * eps * _sign(a) * s / 2
    # u = W_hn h_0 + b_hn: h_0 = 0 gets the stabilizer's share alone (N = H = 1)
    r_h0_via_u = k * eps * _sign(u) * r_ru / (u + eps * _sign(u))

    ex = lrp(
        _OneUnitGRU(), torch.tensor([[[x]]], dtype=torch.float64), 0, eps=eps, convention=convention
    )
    assert float(ex.score[0]) == pytest.approx(score, rel=1e-14)
    assert float(ex.relevance[0, 0]) == pytest.approx(r_x, rel=1e-12, abs=1e-15)
    assert float(ex.initial_state[0]) == pytest.approx(
        r_h0_direct + r_h0_via_u, rel=1e-12, abs=1e-15
    )


@pytest.mark.parametrize(
    ("convention", "bias_factor", "expected"),
    [
        # out / L * R / (s + eps sign s), plus eps sign(s) / L * R / (s + eps sign s) ...
        ("equation", 0.0, [0.375, -0.075, 0.0]),
        ("lrp_for_lstm", 1.0, [0.375, -0.075, 0.0]),
        # ... which the later code scales by bias_factor
        ("lrp_for_lstm", 0.0, [0.3, -0.15, 0.0]),
    ],
)
def test_mean_readout_splits_its_relevance_over_the_valid_steps(convention, bias_factor, expected):
    """s = (0.4 - 0.2) / 2 = 0.1 over the two valid steps of three; R_s = 0.3, eps = 0.1:
    R / (s + eps) = 1.5 per unit of ``out / L``; the padded step gets nothing."""
    out = torch.tensor([0.4, -0.2, 0.0], dtype=torch.float64).view(3, 1, 1)  # [T, B, H]
    mask = torch.tensor([[True], [True], [False]])
    s = torch.tensor([[0.1]], dtype=torch.float64)
    r_s = torch.tensor([[0.3]], dtype=torch.float64)
    r_out, finals = _readout_relevance(
        "mean", r_s, s, out, 1, mask, torch.tensor([2]), 0.1, bias_factor, convention
    )
    assert finals == [None]
    torch.testing.assert_close(
        r_out.flatten(), torch.tensor(expected, dtype=torch.float64), rtol=0, atol=1e-15
    )


class _LeakyHead(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.rnn = lnn.LSTM(2, 3, batch_first=True)
        self.head = nn.Sequential(nn.Linear(3, 2), nn.LeakyReLU(0.3), nn.Linear(2, 1))
        with torch.no_grad():
            self.head[0].bias.fill_(-5.0)  # both units negative: the slope is what they pass
        self.double()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, (h_n, _) = self.rnn(x)
        return self.head(h_n[-1])


def test_a_leaky_relu_head_is_recomputed_with_its_own_slope() -> None:
    model = _LeakyHead()
    x = torch.randn(2, 4, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    ex = lrp(model, x, 0, bias_factor=1.0)  # with the default slope 0.01 the check refused it
    torch.testing.assert_close(ex.score, model(x)[:, 0].detach(), rtol=0, atol=1e-15)
    assert (ex.relevance.sum(1) + ex.initial_state - ex.score).abs().max() < 1e-12


class _Nudged(_LeakyHead):
    def __init__(self, nudge: float) -> None:
        super().__init__()
        self.nudge = nudge

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x) + self.nudge


def test_a_float64_model_is_checked_to_rounding_not_to_float32s_precision() -> None:
    """A float64 model that adds 1e-6 computes something lrp does not model: refused (a
    float32 tolerance, 1e-3, let it through); 1e-13 is rounding and passes."""
    x = torch.randn(2, 4, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    with pytest.raises(RuntimeError) as info:
        lrp(_Nudged(1e-6), x, 0)
    assert str(info.value).startswith(
        "lrp's float64 recomputation of _Nudged differs from the model's output (max abs "
        "difference 1e-06): "
    )
    lrp(_Nudged(1e-13), x, 0)
