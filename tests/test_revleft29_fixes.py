"""Review of left29: the plural slips it left in user-visible messages, "each of the 1 steps"
of plot_gates' and plot_cell_states' `labels` refusal, "its length is 0 of 1 steps" of their
empty-sequence refusal, and lrp's "over all 1 steps" / "reading all 1 steps"; an `eps` or
`bias_factor` the shared check accepts (a Fraction, a huge int) that lrp and the epsilon rule
then failed on."""

import re
from fractions import Fraction

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.explain import lrp, lrp_seq2seq
from lstmkit.explain.gates import plot_cell_states, plot_gates
from lstmkit.explain.lrp import _padding_read_hint, _readout_hint, _walk
from lstmkit.explain.rules import epsilon_rule
from lstmkit.forecast import ForecastNet
from lstmkit.nn.trace import GateTrace


def _trace_of_one_step_sequence() -> GateTrace:
    """One layer's trace of two sequences of 5 and 1 steps, padded to 5."""
    torch.manual_seed(0)
    rnn = lstmkit.nn.LSTM(3, 4, batch_first=True)
    with lstmkit.trace(rnn) as tr, torch.no_grad():
        rnn(torch.randn(2, 5, 3), lengths=torch.tensor([5, 1]))
    return tr["l0"]


@pytest.mark.parametrize("plot", [plot_gates, plot_cell_states])
def test_labels_for_a_sequence_of_one_step_say_step_in_the_singular(plot) -> None:
    """'must give a label to each of the 1 steps of sequence 1'."""
    with pytest.raises(ValueError) as e:
        plot(_trace_of_one_step_sequence(), sample=1, labels=["a", "b", "c"])
    assert str(e.value) == (
        "`labels` must give a label to the 1 step of sequence 1 (or to each of the batch's 5 "
        "padded steps), got 3."
    )
    torch.manual_seed(0)
    rnn = lstmkit.nn.LSTM(3, 4, batch_first=True)
    with lstmkit.trace(rnn) as tr, torch.no_grad():
        rnn(torch.randn(2, 1, 3))
    with pytest.raises(ValueError) as e:
        plot(tr["l0"], sample=0, labels="ab")
    assert str(e.value) == (
        "`labels` must give a label to the 1 step of sequence 0, got 2 (a str gives one label "
        "per character: for words pass 'ab'.split())."
    )
    with pytest.raises(ValueError) as e:  # more steps: unchanged
        plot(_trace_of_one_step_sequence(), sample=0, labels=["a"])
    assert str(e.value) == "`labels` must give a label to each of the 5 steps of sequence 0, got 1."


class _Gates(dict):
    lengths = None


def test_a_sequence_of_length_zero_of_one_step_says_step_in_the_singular() -> None:
    """'its length is 0 of 1 steps' (a trace whose lengths a user set)."""
    entry = _Gates(f=torch.rand(2, 1, 3))
    entry.lengths = torch.tensor([1, 0])
    message = (
        "`gate_trace` must hold at least one time step of sequence 1 to draw, got none (its "
        "length is 0 of 1 step)."
    )
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        plot_gates(entry, sample=1)


class _Reads(nn.Module):
    """features → LSTM → head on h_n, whose forward does not hand `lengths` on."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.rnn = lstmkit.nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


def test_lrps_hints_of_a_single_step_say_step_in_the_singular() -> None:
    """'reading all 1 steps' and 'over all 1 steps'. lrp itself does not reach them (a padded
    batch has two steps or more), so the two hints are asked directly."""
    model = _Reads().double()
    x = torch.randn(2, 1, 3, dtype=torch.float64)
    with torch.no_grad():
        out = model(x)
        hint = _padding_read_hint(model, _walk(model), out, x.transpose(0, 1))
    assert hint.startswith(
        " Its output is what lrp computes reading all 1 step, padding included: _Reads's "
    )
    with torch.no_grad():
        layer_out = model.rnn(x)[0].transpose(0, 1)  # [T, B, H]
        mask = torch.tensor([[True, False]])  # the second sequence all padding
        hint = _readout_hint(
            model,
            _walk(model),
            model.head(layer_out.mean(0)),
            layer_out,
            [layer_out[-1]],
            mask,
            torch.tensor([1, 0]),
        )
    assert hint == (
        " Its output is the head on the mean of the outputs over all 1 step, padding included; "
        "lrp's readout 'mean' pools each sequence's valid steps only (the sum over time "
        "divided by `lengths`)."
    )


def test_lrp_and_the_epsilon_rule_take_every_real_number_they_accept() -> None:
    """A Fraction passed the shared check, then met "unsupported operand type(s) for *:
    'Fraction' and 'Tensor'"; an int of 2**64 or more (finite, so accepted) "int too big to
    convert". They are read as the floats they are."""
    model = _Reads().double()
    x = torch.randn(2, 3, 3, dtype=torch.float64)
    same = lrp(model, x, 0, eps=0.001, bias_factor=0.5)
    ex = lrp(model, x, 0, eps=Fraction(1, 1000), bias_factor=Fraction(1, 2))
    assert torch.equal(ex.relevance, same.relevance)
    assert torch.equal(lrp(model, x, 0, eps=10**30).relevance, lrp(model, x, 0, eps=1e30).relevance)
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).double()
    future = torch.randn(2, 2, 2, dtype=torch.float64)
    ex = lrp_seq2seq(net, x, future, 1, eps=Fraction(1, 1000), bias_factor=Fraction(1, 2))
    same = lrp_seq2seq(net, x, future, 1, eps=0.001, bias_factor=0.5)
    assert torch.equal(ex.relevance, same.relevance)
    a, w = torch.rand(1, 3, dtype=torch.float64), torch.rand(2, 3, dtype=torch.float64)
    z, r = a @ w.T, torch.ones(1, 2, dtype=torch.float64)
    for eps in (Fraction(1, 1000), 2**64):
        (got,) = epsilon_rule([(a, w)], z, r, eps=eps)
        assert torch.equal(got, epsilon_rule([(a, w)], z, r, eps=float(eps))[0])


@pytest.mark.parametrize(
    ("eps", "bias_factor", "error", "message"),
    [
        (
            1e-3,
            float("nan"),
            ValueError,
            "`bias_factor` must be a number in [0, 1] (the share of each bias handed down: 0 "
            "keeps it, 1 conserves relevance exactly), got nan.",
        ),
        (
            1e-3,
            "50%",
            TypeError,
            "`bias_factor` must be a real number, got str '50%' (a number, not text: 0.5 for "
            "50 %).",
        ),
        (
            0,
            2,
            ValueError,
            "`eps` must be a positive finite number, got 0. `bias_factor` must be a number in "
            "[0, 1] (the share of each bias handed down: 0 keeps it, 1 conserves relevance "
            "exactly), got 2.",
        ),
    ],
)
def test_the_epsilon_rule_refuses_a_bias_factor_lrp_refuses_in_lrps_words(
    eps, bias_factor, error, message
) -> None:
    """The rule refused an `eps` in lrp's words but took any `bias_factor`: nan gave nan
    relevance, 2 a relevance that conserves nothing, "50%" torch's "only integer tensors of a
    single element can be converted to an index"; and of eps=0, bias_factor=2 it told `eps`
    alone."""
    a, w = torch.rand(1, 3, dtype=torch.float64), torch.rand(2, 3, dtype=torch.float64)
    b = torch.rand(2, dtype=torch.float64)
    z, r = a @ w.T + b, torch.ones(1, 2, dtype=torch.float64)
    with pytest.raises(error) as e:
        epsilon_rule([(a, w)], z, r, bias=b, eps=eps, bias_factor=bias_factor)
    assert str(e.value) == message
    with pytest.raises(error) as e:
        lrp(
            _Reads().double(),
            torch.randn(1, 2, 3, dtype=torch.float64),
            0,
            eps=eps,
            bias_factor=bias_factor,
        )
    assert str(e.value) == message
