"""Fixes from walking README's "Explanations", "The rules", "Baselines and faithfulness" and
"Speed" as a researcher who has implemented LRP for LSTMs (Arras et al. 2017, 2019)."""

from __future__ import annotations

import importlib.util
import math
from fractions import Fraction
from pathlib import Path

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.explain import lrp
from lstmkit.explain.lrp import lrp_seq2seq
from lstmkit.explain.rules import epsilon_rule
from lstmkit.text import TextClassifier

ROOT = Path(__file__).resolve().parents[1]


def _readme() -> str:
    """README.md with its lines joined, so that a quote may span a line break."""
    return " ".join((ROOT / "README.md").read_text("utf-8").split())


def _test_module(name: str):
    spec = importlib.util.spec_from_file_location(f"_walk33c_{name}", ROOT / "tests/explain" / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the epsilon rule's eps_share ------------------------------------------------------------


def _rule(**options):
    a, w = torch.ones(1, 2, dtype=torch.float64), torch.ones(1, 2, dtype=torch.float64)
    z, r = torch.full((1, 1), 2.0, dtype=torch.float64), torch.ones(1, 1, dtype=torch.float64)
    (out,) = epsilon_rule([(a, w)], z, r, **options)
    return out


_SHARE_RANGE = (
    "`eps_share` must be a number in [0, 1] (the factor on the stabilizer's share handed down: "
    "1 in the equation, `bias_factor` in LRP_for_LSTM's code), got "
)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        # was "can't multiply sequence by non-int of type 'float'"
        ({"eps_share": "x"}, TypeError, "`eps_share` must be a real number, got str 'x'."),
        # was "unsupported operand type(s) for *: 'NoneType' and 'float'"
        ({"eps_share": None}, TypeError, "`eps_share` must be a real number, got None."),
        ({"eps_share": True}, TypeError, "`eps_share` must be a real number, got bool True."),
        # were taken silently: twice the equation's stabilizer share, or minus it
        ({"eps_share": 2}, ValueError, _SHARE_RANGE + "2."),
        ({"eps_share": -0.5}, ValueError, _SHARE_RANGE + "-0.5."),
        ({"eps_share": math.nan}, ValueError, _SHARE_RANGE + "nan."),
        # told with the rule's other problems, at once
        (
            {"eps": 0, "bias_factor": 3, "eps_share": 2},
            ValueError,
            "`eps` must be a positive finite number, got 0. `bias_factor` must be a number in "
            "[0, 1] (the share of each bias handed down: 0 keeps it, 1 conserves relevance "
            "exactly), got 3. " + _SHARE_RANGE + "2.",
        ),
        (
            {"eps": 0, "eps_share": "x"},
            TypeError,
            "`eps` must be a positive finite number, got 0. `eps_share` must be a real number, "
            "got str 'x'.",
        ),
    ],
)
def test_epsilon_rule_refuses_an_eps_share_that_is_no_number_in_0_1(options, error, message):
    with pytest.raises(error) as caught:
        _rule(**options)
    assert str(caught.value) == message


def test_epsilon_rule_takes_any_real_eps_share_in_0_1_as_its_float() -> None:
    # (1 + 0.05/2) / (2 + 0.1) for eps_share 1/2; (1 + 0.1/2) / 2.1 = 0.5 for the equation's 1
    half = _rule(eps=0.1, eps_share=Fraction(1, 2))
    assert torch.equal(half, _rule(eps=0.1, eps_share=0.5))
    assert (half - (1 + 0.025) / 2.1).abs().max().item() < 1e-15
    assert (_rule(eps=0.1) - 0.5).abs().max().item() < 1e-15
    assert torch.equal(_rule(eps=0.1), _rule(eps=0.1, eps_share=1))


# -- what `ex.residual` holds ------------------------------------------------------------------


class _NoBias(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, bias=False, batch_first=True)
        self.head = nn.Linear(4, 2, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


def test_residual_is_what_the_biases_kept_the_stabilizer_s_share_is_handed_down() -> None:
    """README said the residual below bias_factor=1 is "the biases' and stabilizer's share";
    in the default convention the stabilizer's share is handed down, so a model without biases
    conserves at every bias_factor; only "lrp_for_lstm" keeps the stabilizer's share."""
    torch.manual_seed(0)
    model = _NoBias().double().eval()
    x = torch.randn(3, 6, 3, dtype=torch.float64)
    for bias_factor in (0.0, 0.5, 1.0):
        ex = lrp(model, x, target=1, eps=0.1, bias_factor=bias_factor)
        assert ex.residual.abs().max().item() < 1e-16
    kept = lrp(model, x, target=1, eps=0.1, convention="lrp_for_lstm").residual
    assert [round(v, 12) for v in kept.tolist()] == [
        0.002406548779,
        0.000619743308,
        -0.03870233831,
    ]
    handed = lrp(model, x, target=1, eps=0.1, bias_factor=1.0, convention="lrp_for_lstm")
    assert handed.residual.abs().max().item() < 1e-16
    assert (
        "`ex.residual` is what is not conserved, `ex.score - ex.relevance.sum(1) - "
        "ex.initial_state` per sequence: 0 up to rounding at `bias_factor=1`; otherwise what "
        "the biases kept (each `1 - bias_factor` of its share; the stabilizer's share is handed "
        "down, so a model without biases conserves at every `bias_factor`), and with "
        '`convention="lrp_for_lstm"` the stabilizer\'s too.'
    ) in _readme()
    assert "biases' and stabilizer's share otherwise" not in _readme()
    doc = " ".join(lstmkit.explain.Explanation.residual.__doc__.split())
    assert "what LRP's biases kept" in doc and "biases and stabilizers kept" not in doc


# -- the figures quoted in "The rules" ---------------------------------------------------------


def test_the_conventions_differ_by_the_16_and_24_percent_the_readme_quotes() -> None:
    """ "up to about 16 % ... on the small model of the example above" did not say which: the
    first example's two sequences give 16 %, the 64 random sequences of the same bullet 24 %."""

    def largest_gap(model, tokens, lengths=None):
        a, b = (
            lrp(model, tokens, 1, lengths=lengths, convention=c).relevance
            for c in ("equation", "lrp_for_lstm")
        )
        return float(((a - b).abs().amax(1) / a.abs().amax(1)).max())

    torch.manual_seed(0)
    model = TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=2)
    model = model.double().eval()
    with torch.no_grad():
        model.head.bias.zero_()
    tokens = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])
    first = largest_gap(model, tokens, torch.tensor([5, 3]))
    torch.manual_seed(0)
    model = TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=2)
    model = model.double().eval()
    random_64 = largest_gap(model, torch.randint(0, 50, (64, 12)))
    assert (round(first, 12), round(random_64, 12)) == (0.156206527803, 0.240032061891)
    assert (
        "at `eps=1e-3` up to about 16 % of the largest relevance of a sequence on the two "
        "sequences of the first example under [Explanations](#explanations), 24 % on the 64 "
        "above (at `bias_factor=0`), less as `eps` shrinks."
    ) in _readme()


def test_seq2seq_conservation_is_quoted_as_the_tests_find_it() -> None:
    """README quoted 5e-15; the 2-layer peephole network of test_lrp_seq2seq leaves 1.9e-14."""
    t = _test_module("test_lrp_seq2seq.py")
    worst = 0.0
    for cell in t.CELLS:
        for layers in (1, 2):
            x, future = t._data()
            net = t._net(cell, layers)
            ex = lrp_seq2seq(net, x, future, torch.tensor([0, 2, 4, 1]), bias_factor=1.0)
            worst = max(worst, ex.residual.abs().max().item())
    assert 1e-15 < worst <= 2e-14
    text = _readme()
    assert "sum to the network output (to 2e-14 in the tests, for LSTM, GRU and peephole" in text
    assert "5e-15 in the tests" not in text


def test_the_slow_reimplementation_s_configurations_are_those_the_readme_lists() -> None:
    """README listed "LSTM, 2-layer BiLSTM, peephole LSTM, ...": its plain LSTM is a 1-layer
    BiLSTM, and of its peephole LSTMs one is 2-layer, one bidirectional."""
    t = _test_module("test_lrp.py")
    assert t.CASES == [
        ("LSTM", 1, True, False),
        ("LSTM", 2, True, False),
        ("LSTM", 2, False, True),
        ("LSTM", 1, True, True),
        ("GRU", 1, False, False),
        ("GRU", 2, True, False),
    ]
    assert (
        "The batched LRP must match it to 1e-9 for these configurations: a 1- and a 2-layer "
        "BiLSTM, a 2-layer and a bidirectional peephole LSTM, a GRU and a 2-layer BiGRU, each "
        "with padding, at `bias_factor` 0 and 1; and `TextClassifier`, one- and bidirectional, "
        "with the `last`, `mean` and `max` readouts."
    ) in _readme()


def test_cli_help_names_both_ways_lrp_for_lstm_differs(capsys: pytest.CaptureFixture[str]) -> None:
    """--lrp-convention's help named the stabilizer's share only, not the split of c_t."""
    from lstmkit.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["explain", "--help"])
    assert caught.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert (
        "(the stabilizer's share scaled by --bias-factor too, and each c_t, a GRU's h_t, split "
        "over all 2H terms of its layer, not its unit's two)"
    ) in shown


# -- one small case against the papers' equations, written out here ----------------------------


def _sig(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


def _sign(v: float) -> float:
    return 1.0 if v >= 0 else -1.0


def _paper_lrp(params, head_w, head_b, xs, target, eps, delta):
    """LRP of a one-layer peephole LSTM with a linear head on h_T, from Arras et al. (2017),
    eq. (1) with the bias share δ and (2019) signal-take-all, in Python floats: relevance of
    each step's features, of (h_0, c_0), and the score."""
    w_ih, w_hh, b_ih, b_hh, w_ci, w_cf, w_co = params
    hidden, n_in = len(w_ci), len(xs[0])
    h, c = [0.0] * hidden, [0.0] * hidden
    steps = []
    for x in xs:
        pre = [
            sum(w_ih[r][i] * x[i] for i in range(n_in))
            + sum(w_hh[r][m] * h[m] for m in range(hidden))
            + b_ih[r]
            + b_hh[r]
            for r in range(4 * hidden)
        ]
        gate_i = [_sig(pre[k] + w_ci[k] * c[k]) for k in range(hidden)]
        gate_f = [_sig(pre[hidden + k] + w_cf[k] * c[k]) for k in range(hidden)]
        z_g = [pre[2 * hidden + k] for k in range(hidden)]
        g = [math.tanh(v) for v in z_g]
        fc = [gate_f[k] * c[k] for k in range(hidden)]
        ig = [gate_i[k] * g[k] for k in range(hidden)]
        c_new = [fc[k] + ig[k] for k in range(hidden)]
        gate_o = [_sig(pre[3 * hidden + k] + w_co[k] * c_new[k]) for k in range(hidden)]
        steps.append((list(x), list(h), fc, ig, c_new, z_g))
        h = [gate_o[k] * math.tanh(c_new[k]) for k in range(hidden)]
        c = c_new
    score = sum(head_w[target][k] * h[k] for k in range(hidden)) + head_b[target]
    # the head: z_j = Σ_k h_k w_jk + b_j, relevance R_j = score at j = target only (N = H)
    s = _sign(score)
    r_h = [
        (h[k] * head_w[target][k] + (eps * s + delta * head_b[target]) / hidden)
        / (score + eps * s)
        * score
        for k in range(hidden)
    ]
    r_c = [0.0] * hidden
    r_x = []
    for x, h_prev, fc, ig, c_new, z_g in reversed(steps):
        r_c = [r_c[k] + r_h[k] for k in range(hidden)]  # h = o ⊙ tanh(c): all of it to c
        # c = f ⊙ c_prev + i ⊙ g: two terms, no bias (N = 2); the gates get nothing
        r_c_prev, r_g = [], []
        for k in range(hidden):
            sk = _sign(c_new[k])
            den = c_new[k] + eps * sk
            r_c_prev.append((fc[k] + eps * sk / 2) / den * r_c[k])
            r_g.append((ig[k] + eps * sk / 2) / den * r_c[k])
        # g = tanh(W x + U h_prev + b): the I + H lower units (N = I + H)
        n_lower = n_in + hidden
        rx, rh = [0.0] * n_in, [0.0] * hidden
        for k in range(hidden):
            row = 2 * hidden + k
            sk = _sign(z_g[k])
            share = (eps * sk + delta * (b_ih[row] + b_hh[row])) / n_lower
            den = z_g[k] + eps * sk
            for i in range(n_in):
                rx[i] += (x[i] * w_ih[row][i] + share) / den * r_g[k]
            for m in range(hidden):
                rh[m] += (h_prev[m] * w_hh[row][m] + share) / den * r_g[k]
        r_x.insert(0, rx)
        r_h, r_c = rh, r_c_prev
    return r_x, sum(r_h) + sum(r_c), score


class _Peephole(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = lstmkit.nn.LSTM(2, 3, batch_first=True, peephole=True)
        self.head = nn.Linear(3, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


@pytest.mark.parametrize(("eps", "delta"), [(1e-2, 0.5), (1e-3, 0.0), (0.1, 1.0)])
def test_a_peephole_lstm_matches_the_papers_equations_written_out_here(eps, delta) -> None:
    torch.manual_seed(3)
    model = _Peephole().double().eval()
    with torch.no_grad():
        for p in model.parameters():
            nn.init.uniform_(p, -1.0, 1.0)  # every weight, bias and peephole non-zero
    x = torch.tensor(
        [[[0.8, -0.4], [0.3, 1.1], [-0.9, 0.2]], [[-0.2, 0.6], [1.0, -0.7], [0.5, 0.5]]],
        dtype=torch.float64,
    )
    ex = lrp(model, x, target=[1, 0], eps=eps, bias_factor=delta)
    sd = {k: v.tolist() for k, v in model.rnn.state_dict().items()}
    params = [sd[f"{k}_l0"] for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    params += [sd[f"weight_{k}_l0"] for k in ("ci", "cf", "co")]
    head_w, head_b = model.head.weight.tolist(), model.head.bias.tolist()
    for b, target in enumerate((1, 0)):
        r_x, initial, score = _paper_lrp(params, head_w, head_b, x[b].tolist(), target, eps, delta)
        assert (
            ex.relevance_per_feature[b] - torch.tensor(r_x, dtype=torch.float64)
        ).abs().max().item() < 1e-12
        assert abs(float(ex.initial_state[b]) - initial) < 1e-12
        assert abs(float(ex.score[b]) - score) < 1e-12
    if delta == 1.0:  # conservation
        assert ex.residual.abs().max().item() < 1e-12


def test_the_peephole_lstm_golden_numbers() -> None:
    torch.manual_seed(3)
    model = _Peephole().double().eval()
    with torch.no_grad():
        for p in model.parameters():
            nn.init.uniform_(p, -1.0, 1.0)
    x = torch.tensor([[[0.8, -0.4], [0.3, 1.1], [-0.9, 0.2]]], dtype=torch.float64)
    ex = lrp(model, x, target=1, eps=1e-2, bias_factor=0.5)
    got = [round(v, 12) for v in ex.relevance[0].tolist()]
    got += [round(float(ex.initial_state[0]), 12), round(float(ex.score[0]), 12)]
    assert got == GOLDEN


# relevance of the 3 steps, initial state, score (eps 1e-2, bias_factor 0.5: half of each bias kept)
GOLDEN = [-0.057947671787, 0.070594126117, -0.101018769091, -0.018249356847, -0.446273382287]
