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


