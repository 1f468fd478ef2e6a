"""walk35a: the README walk of "Explanations", "Your own model", "The rules" and "Baselines and
faithfulness" by a researcher who checks each claim numerically."""

from __future__ import annotations

import re

import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import explain, lrp
from lstmkit.explain.rules import epsilon_rule

DT = torch.float64
_HEAD_LAYERS = (
    "a head (an nn.Sequential, nested ones too) may contain nn.Linear, Identity, Dropout and "
    "activations that keep the sign of every input, which pass relevance unchanged: ReLU, Tanh, "
    "GELU, SiLU, Mish, SELU, CELU, Softsign, Hardswish, LeakyReLU and PReLU with slopes >= 0, "
    "ELU with alpha >= 0, and Hardtanh "
    "with min_val <= 0 <= max_val."
)
_GRADIENT = (
    " The gradient methods explain it: `explain(model, inputs, target, method='gradxinput')` "
    "(or 'ig', 'occlusion')."
)


class _Head(nn.Module):
    def __init__(self, *between: nn.Module) -> None:
        super().__init__()
        self.rnn = lnn.LSTM(3, 4, batch_first=True)
        self.head = nn.Sequential(*between, nn.Linear(4, 2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


def test_one_unsupported_head_layer_is_called_a_module_and_several_modules() -> None:
    # one layer was "the modules `head.0` (LayerNorm)", where the refusal of an unsupported
    # `rnn` says "the module `rnn` (RNN)"
    one = f"lrp does not support the module `head.0` (LayerNorm); {_HEAD_LAYERS}{_GRADIENT}"
    with pytest.raises(TypeError, match=re.escape(one) + "$"):
        lrp(_Head(nn.LayerNorm(4)).to(DT), torch.randn(1, 2, 3, dtype=DT))
    two = (
        "lrp does not support the modules `head.0` (LayerNorm), `head.1` (BatchNorm1d); "
        f"{_HEAD_LAYERS}{_GRADIENT}"
    )
    with pytest.raises(TypeError, match=re.escape(two) + "$"):
        lrp(_Head(nn.LayerNorm(4), nn.BatchNorm1d(4)).to(DT), torch.randn(1, 2, 3, dtype=DT))


def _rule_inputs() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    # one upper unit z = 1 * 0.5 + (-2) * 0.25 + 0.3 = 0.3 over two lower units
    a = torch.tensor([[1.0, -2.0]], dtype=DT)
    w = torch.tensor([[0.5, 0.25]], dtype=DT)
    b = torch.tensor([0.3], dtype=DT)
    return a, w, a @ w.T + b, b


def test_the_epsilon_rule_hands_down_the_equations_shares() -> None:
    a, w, z, b = _rule_inputs()
    r = torch.tensor([[2.0]], dtype=DT)
    # s = 2 / (0.3 + 1e-3); each lower unit gets z_i w_i s + (1e-3 + 1 * 0.3) s / 2
    s = 2.0 / 0.301
    (got,) = epsilon_rule([(a, w)], z, r, bias=b, bias_factor=1.0)
    expected = [0.5 * s + 0.301 * s / 2, -0.5 * s + 0.301 * s / 2]
    assert got[0].tolist() == pytest.approx(expected, abs=1e-15)
    assert got.sum().item() == pytest.approx(2.0, abs=1e-15)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (  # W given [K, J]: torch's "mat1 and mat2 shapes cannot be multiplied (1x1 and 2x1)"
            lambda a, w, z, b: epsilon_rule([(a, w.T)], z, torch.ones(1, 1, dtype=DT)),
            ValueError,
            "`groups[0]`'s W must be [J, K] with J = 1, the upper units of `z`, got shape (2, 1).",
        ),
        (  # broadcast: one lower unit of 1 gave each of 3 upper units a relevance of 1
            lambda a, w, z, b: epsilon_rule(
                [(torch.ones(1, 1, dtype=DT), None)],
                torch.ones(1, 3, dtype=DT),
                torch.ones(1, 3, dtype=DT),
            ),
            ValueError,
            "`groups[0]`'s a must be of the shape of `z`, (1, 3), where W is None, got shape "
            "(1, 1).",
        ),
        (  # a bias of 2 for 1 unit: the relevances [[3.3289, -3.3156]], not [[3.3256, -3.3189]]
            lambda a, w, z, b: epsilon_rule(
                [(a, w)], z, torch.ones(1, 1, dtype=DT), bias=torch.ones(2, dtype=DT)
            ),
            ValueError,
            "`bias` must be [J] = (1,) or [B, J] = (1, 1), got shape (2,).",
        ),
        (  # a relevance [J] broadcast over the batch; a float64 `a` rounded in a float32 z
            lambda a, w, z, b: epsilon_rule([(a, w.float())], z.float(), torch.ones(1)),
            ValueError,
            "`relevance` must be of the shape of `z`, (1, 1), got shape (1,). `groups[0]`'s a "
            "must have the dtype of `z`, torch.float32, or one it holds exactly "
            "(torch.float16 or torch.bfloat16), got torch.float64: the rule computes in `z`'s "
            "dtype, which would round it; give `z` (and the other tensors) as torch.float64 to "
            "compute in that.",
        ),
        (  # no groups gave [] without a word; told with the options' problems at once
            lambda a, w, z, b: epsilon_rule([], z, torch.ones(1, 1, dtype=DT), eps=0),
            ValueError,
            "`eps` must be a positive finite number, got 0. `groups` must be a non-empty list "
            "of (a, W) pairs, got list [].",
        ),
        (  # a bare tensor for a pair: "not enough values to unpack (expected 2, got 1)"
            lambda a, w, z, b: epsilon_rule([a], z, torch.ones(1, 1, dtype=DT)),
            TypeError,
            "`groups[0]` must be a pair (a, W) of a tensor and a tensor or None, got Tensor.",
        ),
        (
            lambda a, w, z, b: epsilon_rule([(a, w)], z[0], torch.ones(1, dtype=DT)),
            ValueError,
            "`z` must be a 2-D floating-point tensor [B, J], got torch.float64 of shape (1,).",
        ),
    ],
)
def test_the_epsilon_rule_refuses_tensors_of_another_shape_or_dtype(call, error, message) -> None:
    """The public rule read no shapes: a broadcast gave relevances of another shape or sum
    without a word, a transposed W failed in torch's words."""
    with pytest.raises(error) as info:
        call(*_rule_inputs())
    assert str(info.value) == message


def test_a_long_target_out_of_range_is_told_its_entries_not_written_out_whole() -> None:
    # a label per sequence of a batch (1,821 of SST-2's test set) was written out whole
    from lstmkit.text import TextClassifier

    torch.manual_seed(0)
    model = TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=3).eval()
    tokens = torch.randint(1, 50, (12, 4))
    target = [0, 1, 2, 3, 0, 1, -2, 0, 1, 2, 0, 1]
    message = (
        "`target` must lie in [0, 3) (the model gives 3 outputs per sequence; a negative index "
        "does not count from the end), got 2 of 12 entries outside that range: `target[3]` = 3, "
        "`target[6]` = -2: pass an index in that range, or None for the arg-max."
    )
    for method in ("lrp", "gradxinput"):
        with pytest.raises(ValueError) as info:
            explain(model, tokens, target, method=method)
        assert str(info.value) == message
    with pytest.raises(ValueError) as info:
        lrp(model, tokens, torch.arange(12))  # nine out of range: the first five named
    assert str(info.value) == (
        "`target` must lie in [0, 3) (the model gives 3 outputs per sequence), got 9 of 12 "
        "entries outside that range: `target[3]` = 3, `target[4]` = 4, `target[5]` = 5, "
        "`target[6]` = 6, `target[7]` = 7, ...: pass an index in that range, or None for the "
        "arg-max."
    )
    with pytest.raises(ValueError) as info:  # ten or fewer: written out, as before
        lrp(model, tokens[:2], [1, 5])
    assert str(info.value).endswith(
        "got [1, 5]: pass an index in that range, or None for the arg-max."
    )


@pytest.mark.parametrize("kind", ["LSTM", "GRU"])
def test_a_subnormal_eps_is_refused_as_it_gave_a_dead_unit_nan_relevance(kind) -> None:
    # one unit's candidate (LSTM g, GRU n) with all weights and its bias 0: its z is exactly 0,
    # and eps=5e-324 (positive and finite, so taken) gave every relevance NaN, with no warning
    torch.manual_seed(0)
    rnn = getattr(lnn, kind)(3, 4, batch_first=True)

    class Model(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn = rnn
            self.head = nn.Linear(4, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            h_n = self.rnn(x)[1]
            return self.head((h_n[0] if kind == "LSTM" else h_n)[-1])

    model = Model().to(DT).eval()
    with torch.no_grad():
        for p in model.rnn.parameters():
            p[2 * 4 + 1] = 0  # row 9: the candidate of unit 1 (gates i, f, g, o / r, z, n)
    x = torch.randn(2, 5, 3, dtype=DT)
    smallest = 2.2250738585072014e-308
    for eps in (5e-324, 1e-310):
        with pytest.raises(ValueError) as info:
            lrp(model, x, 0, eps=eps, bias_factor=1.0)
        assert str(info.value) == (
            f"`eps` must be at least {smallest!r} (the smallest normal float64: a smaller one "
            "rounds in the rule's arithmetic, and a unit of z = 0 gets NaN relevance), got "
            f"{eps!r}."
        )
        with pytest.raises(ValueError) as rule:
            epsilon_rule([(x[:, 0], None)], x[:, 0], x[:, 0], eps=eps)
        assert str(rule.value) == str(info.value)  # the rule's own words
    ex = lrp(model, x, 0, eps=smallest, bias_factor=1.0)
    assert bool(torch.isfinite(ex.relevance).all())
    assert ex.residual.abs().max().item() < 1e-15
    same = lrp(model, x, 0, eps=1e-300, bias_factor=1.0)
    torch.testing.assert_close(ex.relevance, same.relevance, rtol=0, atol=1e-15)


class _OnAllFinalStates(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = lnn.LSTM(4, 3, num_layers=2, batch_first=True)
        self.head = nn.Linear(3, 2)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0])  # h_n: the [-1] forgotten


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
def test_a_head_on_h_n_of_as_many_layers_as_sequences_is_told_to_read_the_last_layer(
    method: str,
) -> None:
    # B = 2 sequences of 5 steps through a 2-layer rnn: [2, 2, 2] was told of "An output per
    # time step ([B, T, C])", which it cannot be (T = 5); B = 3 was told of h_n
    torch.manual_seed(0)
    model = _OnAllFinalStates().to(DT)
    for batch in (2, 3):
        with pytest.raises(ValueError) as err:
            explain(model, torch.randint(0, 20, (batch, 5)), 0, method=method)
        assert str(err.value) == (
            "the explained model must return scores of shape [B] or [B, C] (B = "
            f"{batch} sequences), got shape (2, {batch}, 2) from _OnAllFinalStates. Its shape is "
            "that of the head on the final states h_n, [num_layers * directions, B, ...]: give "
            "the head the last layer's, `h_n[-1]`, rather than `h_n`."
        )
    # 2 sequences of 2 steps: [2, 2, 2] reads as [B, T, C] too, so no guess
    with pytest.raises(ValueError) as err:
        explain(model, torch.randint(0, 20, (2, 2)), 0, method=method)
    assert "An output per time step ([B, T, C]) has no one score" in str(err.value)


def test_aopc_refuses_a_curve_without_points() -> None:
    from lstmkit.explain import aopc

    # [2, 0] gave tensor([nan, nan]): the mean drop from a score that is not there
    with pytest.raises(ValueError) as info:
        aopc(torch.zeros(2, 0))
    assert str(info.value) == (
        "`curve` must be a 2-D tensor [B, K + 1] (a row per sequence; one curve: curve[None]) "
        "with at least its score before any deletion (k = 0), got (2, 0)."
    )
    # K = 0, the score alone, drops by nothing; [1, 0.5, 0.2] by (0 + 0.5 + 0.8) / 3
    assert aopc(torch.tensor([[1.0]], dtype=DT)).tolist() == [0.0]
    assert aopc(torch.tensor([[1.0, 0.5, 0.2]], dtype=DT)).tolist() == pytest.approx([1.3 / 3])
    assert aopc(torch.zeros(0, 3)).shape == (0,)  # no sequences: no areas
