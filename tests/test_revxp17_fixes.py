"""Review of xp17 (explanations pass) and its left-alone items: step labels of another count
than the steps were drawn from the first ones without a word, the README printed conservation
residuals a user does not reproduce digit for digit, a GRU's trace asked for an array among its
gates met a numpy error, and asked for an LSTM's candidate or output gate heard of the forget
gate; `lstmkit forecast FILE.csv` was not told to read the file with --csv."""

import re
from pathlib import Path

import pytest
import torch

import lstmkit
from lstmkit.explain.gates import plot_cell_states, plot_gates
from lstmkit.nn.trace import GateTrace

_README = Path(__file__).resolve().parents[1] / "README.md"


def _padded_trace(cell: str = "lstm") -> GateTrace:
    """One layer's trace of two sequences of 5 and 3 steps, padded to 5."""
    torch.manual_seed(0)
    rnn = (lstmkit.nn.LSTM if cell == "lstm" else lstmkit.nn.GRU)(3, 4, batch_first=True)
    with lstmkit.trace(rnn) as tr, torch.no_grad():
        rnn(torch.randn(2, 5, 3), lengths=torch.tensor([5, 3]))
    return tr["l0"]


def test_step_labels_of_another_count_than_the_steps_are_refused() -> None:
    """Seven labels for a sequence of 3 steps (another sentence's, or one off) drew the first 3
    without a word; a padded row's token list (5, the batch's steps) is still read."""
    entry = _padded_trace()
    words = ["I", "liked", "it", "a", "lot", "really", "!"]
    for plot in (plot_gates, plot_cell_states):
        with pytest.raises(ValueError) as e:
            plot(entry, sample=1, labels=words)
        assert str(e.value) == (
            "`labels` must give a label to each of the 3 steps of sequence 1 (or to each of the "
            "batch's 5 padded steps), got 7."
        )
        with pytest.raises(ValueError) as e:
            plot(entry, sample=0, labels=words)  # no padding: one count is right
        assert str(e.value) == (
            "`labels` must give a label to each of the 5 steps of sequence 0, got 7."
        )
        with pytest.raises(ValueError) as e:
            plot(entry, sample=1, labels=words[:4])  # neither 3 nor 5
        assert str(e.value).endswith("(or to each of the batch's 5 padded steps), got 4.")
    fig = plot_gates(entry, sample=1, gates="f", labels=["I", "liked", "it", "<pad>", "<pad>"])
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["I", "liked", "it"]
    fig = plot_gates(entry, sample=1, gates="f", labels=["I", "liked", "it"])
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["I", "liked", "it"]


def test_readme_prints_no_rounding_digits_for_conservation() -> None:
    """The README printed `tensor([-2.3592e-16,  5.5511e-17])`, digits another CPU does not
    give; it prints whether what is left is below 1e-12 (tests/test_readme.py runs both blocks
    and compares every line)."""
    text = _README.read_text("utf-8")
    assert not re.findall(r"-?\d\.\d{4}e-1[3-9]", text)
    assert text.count("print(ex.residual.abs().max() < 1e-12)") == 2
    assert text.count("\ntensor(True)\n") == 2
