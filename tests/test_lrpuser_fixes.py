"""A researcher's own LSTM models explained from Python: the messages that say how to make a
model lrp cannot explain explainable, and LRP through a recurrent LSTM written out by hand."""

from __future__ import annotations

import math
import re

import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import lrp
from lstmkit.text import TextClassifier


def _sig(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


def _sign(v: float) -> float:
    return 1.0 if v >= 0 else -1.0


class _Probabilities(nn.Module):
    """An LSTM classifier whose forward returns probabilities, not scores."""

    def __init__(self, squash: str) -> None:
        super().__init__()
        self.rnn = lnn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.squash = squash

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        scores = self.head(self.rnn(x)[1][0][-1])
        if self.squash == "softmax":
            return torch.softmax(scores, dim=1)
        if self.squash == "log_softmax":
            return torch.log_softmax(scores, dim=-1)
        return torch.sigmoid(scores)


@pytest.mark.parametrize(
    ("squash", "what", "code"),
    [
        ("softmax", "softmax", "torch.softmax(scores, dim=1)"),
        ("log_softmax", "log-softmax", "torch.log_softmax(scores, dim=1)"),
        ("sigmoid", "sigmoid", "torch.sigmoid(scores)"),
    ],
)
def test_a_model_returning_probabilities_is_told_to_return_the_raw_scores(
    squash, what, code
) -> None:
    torch.manual_seed(0)
    model = _Probabilities(squash).double()
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    with torch.no_grad():
        scores = model.head(model.rnn(x)[1][0][-1])
        err = (model(x) - scores).abs().max().item()
    message = (
        "lrp's float64 recomputation of _Probabilities differs from the model's output (max abs "
        f"difference {err:.3g}): the model computes something beyond rnn → readout "
        f"'last' → head, which lrp cannot explain. Its output is the {what} of the head's "
        f"scores (`{code}`): lrp explains the raw scores, as relevance starts at the score "
        f"before the {what}; let forward return the head's output and apply the {what} outside "
        "the model (nn.CrossEntropyLoss and nn.BCEWithLogitsLoss take the raw scores)."
    )
    with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
        lrp(model, x)


@pytest.mark.parametrize("last", [nn.Sigmoid(), nn.Softmax(dim=1), nn.LogSoftmax(dim=1)])
def test_a_final_probability_layer_in_the_head_is_told_to_move_out(last) -> None:
    class Model(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn = lnn.LSTM(3, 4, batch_first=True)
            self.head = nn.Sequential(nn.Linear(4, 2), last)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.head(self.rnn(x)[1][0][-1])

    name = type(last).__name__
    message = (
        f"lrp does not support the module `head.1` ({name}); "
        "a head (an nn.Sequential, nested ones too) may contain nn.Linear, Identity, Dropout and "
        "activations that keep the sign of every input, which pass relevance unchanged: ReLU, "
        "Tanh, GELU, SiLU, Mish, SELU, CELU, Softsign, Hardswish, LeakyReLU and PReLU with slopes "
        ">= 0, ELU with alpha >= 0, and "
        "Hardtanh with min_val <= 0 <= max_val. lrp "
        f"explains the raw scores before a final {name}: leave `head.1` out of the head and "
        "apply it outside the model (nn.CrossEntropyLoss and nn.BCEWithLogitsLoss take the "
        "raw scores)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(Model().double(), torch.randn(1, 2, 3, dtype=torch.float64))


def test_a_sigmoid_inside_the_head_gets_no_advice_to_move_it() -> None:
    class Model(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn = lnn.LSTM(3, 4, batch_first=True)
            self.head = nn.Sequential(nn.Linear(4, 4), nn.Sigmoid(), nn.Linear(4, 2))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.head(self.rnn(x)[1][0][-1])

    message = (
        "lrp does not support the module `head.1` (Sigmoid); "
        "a head (an nn.Sequential, nested ones too) may contain nn.Linear, Identity, Dropout and "
        "activations that keep the sign of every input, which pass relevance unchanged: ReLU, "
        "Tanh, GELU, SiLU, Mish, SELU, CELU, Softsign, Hardswish, LeakyReLU and PReLU with slopes "
        ">= 0, ELU with alpha >= 0, and "
        "Hardtanh with min_val <= 0 <= max_val. Sigmoid is positive for every input, so "
        "relevance cannot pass unchanged through it: a negative input's sign flips. "
        "The gradient methods explain it: `explain(model, inputs, target, method='gradxinput')` "
        "(or 'ig', 'occlusion')."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(Model().double(), torch.randn(1, 2, 3, dtype=torch.float64))


def test_a_model_with_other_names_is_told_which_parts_to_hold_as_rnn_and_head() -> None:
    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lstm = nn.LSTM(3, 4, batch_first=True)
            self.fc = nn.Linear(4, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.fc(self.lstm(x)[0][:, -1])

    message = (
        "lrp needs a model with submodules `rnn` or `encoder` (LSTM/GRU) and `head`, optionally "
        "`embedding` (nn.Embedding); Tagger has ['fc', 'lstm']. lrp finds the parts by these "
        "names: hold `lstm` (LSTM) as `rnn` and `fc` (Linear) as `head` (rename the attributes, "
        "or wrap the model in a module that holds them under those names)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(Tagger().double(), torch.randn(1, 2, 3, dtype=torch.float64))


# One LSTM unit, two steps, every weight and bias non-zero (gate rows i, f, g, o).
_W, _U = [0.5, -0.3, 1.2, 0.8], [0.4, 0.6, -0.9, 0.3]
_B_IH, _B_HH = [0.1, 0.2, -0.2, 0.05], [0.05, -0.1, 0.3, 0.1]
_V, _B_HEAD = 1.5, -0.4


class _OneUnit(nn.Module):
    def __init__(self, make: type[nn.Module]) -> None:
        super().__init__()
        self.rnn = make(1, 1, batch_first=True)
        self.head = nn.Linear(1, 1)
        self.double()  # first: the numbers below are float64, not float32 roundings
        f64 = {"dtype": torch.float64}
        with torch.no_grad():
            self.rnn.weight_ih_l0.copy_(torch.tensor(_W, **f64).view(4, 1))
            self.rnn.weight_hh_l0.copy_(torch.tensor(_U, **f64).view(4, 1))
            self.rnn.bias_ih_l0.copy_(torch.tensor(_B_IH, **f64))
            self.rnn.bias_hh_l0.copy_(torch.tensor(_B_HH, **f64))
            self.head.weight.fill_(_V)
            self.head.bias.fill_(_B_HEAD)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


def _by_hand(xs: list[float], eps: float, delta: float) -> tuple[list[float], float, float]:
    """Arras et al. (2017) on the one-unit LSTM, written out step by step: the input relevance
    per step, the relevance left on h_0 + c_0, and the score."""
    b = [p + q for p, q in zip(_B_IH, _B_HH, strict=True)]
    h = c = 0.0
    steps = []
    for x in xs:
        a = [_W[k] * x + _U[k] * h + b[k] for k in range(4)]
        i, f, g, o = _sig(a[0]), _sig(a[1]), math.tanh(a[2]), _sig(a[3])
        steps.append((x, h, f * c, i * g, a[2]))
        c = f * c + i * g
        h = o * math.tanh(c)
        steps[-1] += (c,)
    y = _V * h + _B_HEAD
    # head (N = 1): the bias share delta * b and the stabilizer's eps sign(y) go to h
    r_h = (h * _V + eps * _sign(y) + delta * _B_HEAD) / (y + eps * _sign(y)) * y
    r_c, r_x = 0.0, [0.0] * len(xs)
    for t in reversed(range(len(xs))):
        x, h_prev, fc, ig, z_g, c_t = steps[t]
        # h = o tanh(c): all to c; c = fc + ig (N = 2, no bias): the gates get nothing
        r = r_c + r_h
        den = c_t + eps * _sign(c_t)
        r_c = (fc + eps * _sign(c_t) / 2) / den * r
        r_g = (ig + eps * _sign(c_t) / 2) / den * r
        # z_g = w x + u h_prev + b_g (N = I + H = 2)
        share = (eps * _sign(z_g) + delta * b[2]) / 2
        den = z_g + eps * _sign(z_g)
        r_x[t] = (x * _W[2] + share) / den * r_g
        r_h = (h_prev * _U[2] + share) / den * r_g
    return r_x, r_h + r_c, y


@pytest.mark.parametrize("make", [lnn.LSTM, nn.LSTM], ids=["lstmkit", "torch"])
@pytest.mark.parametrize("eps", [1e-3, 0.1])
@pytest.mark.parametrize("delta", [0.0, 0.5, 1.0])
def test_two_recurrent_steps_with_biases_match_the_rules_by_hand(make, eps, delta) -> None:
    xs = [0.7, -1.1]
    ex = lrp(
        _OneUnit(make),
        torch.tensor(xs, dtype=torch.float64).view(1, 2, 1),
        0,
        eps=eps,
        bias_factor=delta,
    )
    r_x, initial, score = _by_hand(xs, eps, delta)
    assert ex.relevance[0].tolist() == pytest.approx(r_x, rel=1e-12, abs=1e-15)
    assert float(ex.initial_state[0]) == pytest.approx(initial, rel=1e-12, abs=1e-15)
    assert float(ex.score[0]) == pytest.approx(score, rel=1e-12)


def test_two_recurrent_steps_golden_numbers() -> None:
    """The hand computation itself, pinned (eps 1e-3): bias_factor 0 keeps the biases' share;
    1 conserves the score exactly."""
    x = torch.tensor([[[0.7], [-1.1]]], dtype=torch.float64)
    model = _OneUnit(lnn.LSTM)
    kept = lrp(model, x, 0)
    full = lrp(model, x, 0, bias_factor=1.0)
    assert kept.relevance[0].tolist() == pytest.approx([0.105374860092, -0.179489781235], abs=1e-11)
    assert full.relevance[0].tolist() == pytest.approx([1.104007429030, -1.614789268343], abs=1e-11)
    assert float(full.initial_state[0]) == pytest.approx(0.063881137001, abs=1e-11)
    assert float(full.residual[0]) == pytest.approx(0.0, abs=1e-14)


@pytest.mark.parametrize("kind", ["LSTM", "GRU"])
def test_a_forward_that_takes_lengths_but_reads_the_padding_is_told_so(kind) -> None:
    class Model(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn = getattr(lnn, kind)(3, 4, batch_first=True, bidirectional=True)
            self.head = nn.Linear(8, 2)

        def forward(self, x: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
            h_n = self.rnn(x)[1]  # `lengths` not handed on
            h_n = h_n[0] if isinstance(h_n, tuple) else h_n
            return self.head(torch.cat([h_n[-2], h_n[-1]], dim=-1))

    torch.manual_seed(0)
    model = Model().double()
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    message = (
        "the model computes something beyond rnn → readout 'last' → head, which lrp "
        "cannot explain. Its output is what lrp computes reading all 5 steps, padding included: "
        "Model's forward takes `lengths` but its `rnn` reads the padding too; hand them on "
        "(`self.rnn(x, lengths=lengths)`, or a packed sequence for torch.nn layers), or explain "
        "without `lengths`."
    )
    with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
        lrp(model, x, 0, lengths=[3, 5])
    # all steps valid: nothing is padded, and the model is explained
    assert float(lrp(model, x, 0, lengths=[5, 5], bias_factor=1.0).residual.abs().max()) < 1e-12


@pytest.mark.parametrize(
    ("convention", "eps", "kept"),
    [("equation", 1e-6, 3.12), ("equation", 10.0, 0.04), ("lrp_for_lstm", 10.0, 1.0)],
)
def test_a_large_eps_spreads_relevance_in_the_equation_and_absorbs_it_in_the_code(
    convention, eps, kept
) -> None:
    """README's numbers: the part of the score the biases and the stabilizer keep."""
    torch.manual_seed(0)
    model = TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=2).double()
    tokens = torch.randint(0, 50, (64, 12))
    ex = lrp(model, tokens, 1, eps=eps, convention=convention)
    assert float((ex.residual.abs() / ex.score.abs()).mean()) == pytest.approx(kept, abs=0.005)


class _Renamed(nn.Module):
    """A tagger as tutorials write it: `emb`, `lstm`, `classifier`."""

    def __init__(self) -> None:
        super().__init__()
        self.emb = nn.Embedding(10, 3)
        self.lstm = nn.LSTM(3, 4, batch_first=True)
        self.classifier = nn.Sequential(nn.Linear(4, 2))

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.lstm(self.emb(tokens))[1][0][-1])


def test_every_part_under_another_name_is_told_which_name_to_take() -> None:
    message = (
        "lrp needs a model with submodules `rnn` or `encoder` (LSTM/GRU) and `head`, optionally "
        "`embedding` (nn.Embedding); _Renamed has ['classifier', 'emb', 'lstm']. lrp finds the "
        "parts by these names: hold `emb` (Embedding) as `embedding`, `lstm` (LSTM) as `rnn` "
        "and `classifier` (Sequential) as `head` (rename the attributes, or wrap the model in a "
        "module that holds them under those names)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Renamed().double(), torch.tensor([[1, 2]]))


def test_an_embedding_under_another_name_is_told_to_be_held_as_embedding() -> None:
    model = _Renamed().double()
    model.rnn, model.head = model.lstm, model.classifier
    del model.lstm, model.classifier
    message = (
        "lrp does not support the submodule `emb` (Embedding) of _Renamed; supported: "
        "embedding, rnn, head, and dropout and identity layers, which do nothing in inference. "
        "lrp finds the parts by these names: hold `emb` (Embedding) as `embedding` (rename the "
        "attributes, or wrap the model in a module that holds them under those names)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, torch.tensor([[1, 2]]))
