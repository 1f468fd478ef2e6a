"""Gate traces and explanation plumbing: fixes of the gateleft review."""

from __future__ import annotations

import re

import pytest
import torch

import lstmkit
from lstmkit.explain.gates import plot_gates


def _lstm_trace(*shape: int, lengths: list[int] | None = None) -> lstmkit.nn.trace.Trace:
    torch.manual_seed(0)
    rnn = lstmkit.LSTM(3, 2, batch_first=True)
    with lstmkit.trace(rnn) as tr:
        if lengths is None:
            rnn(torch.randn(*shape, 3))
        else:
            rnn(torch.randn(*shape, 3), lengths=torch.tensor(lengths))
    return tr


def test_plot_gates_of_no_step_names_the_argument() -> None:
    """A trace of zero steps warned "Attempting to set identical low and high xlims" (an
    error under warnings-as-errors) and drew an empty figure."""
    entry = _lstm_trace(1, 0)["l0"]
    message = (
        "`gate_trace` must hold at least one time step of sequence 0 to draw, got none (the "
        "trace has no time step)."
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        plot_gates(entry)
    with pytest.raises(ValueError, match=re.escape(message)):
        entry.plot()


class _Gates(dict):
    lengths = None


def test_plot_gates_of_a_sequence_of_length_zero_names_the_argument() -> None:
    entry = _Gates(f=torch.rand(2, 4, 3))
    entry.lengths = torch.tensor([4, 0])
    plot_gates(entry, sample=0)  # the other sequence draws
    message = (
        "`gate_trace` must hold at least one time step of sequence 1 to draw, got none (its "
        "length is 0 of 4 steps)."
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        plot_gates(entry, sample=1)
