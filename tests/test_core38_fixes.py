"""core38: walk of the README's recurrent core (`lstmkit.nn`), ported from torch.nn."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import torch

from lstmkit.nn import GRU, LSTM

README = Path(__file__).resolve().parents[1] / "README.md"


def _size_warnings(module: torch.nn.Module) -> list[tuple[str, int]]:
    """Where a jit trace of ``module`` warns "Converting a tensor to a Python boolean", shown
    as Python's default filter shows them (once per place)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        torch.jit.trace(module, (torch.randn(5, 2, 3),), check_trace=False)
    return [
        (Path(w.filename).name, w.category.__name__)
        for w in caught
        if "Converting a tensor to a Python boolean" in str(w.message)
    ]


@pytest.mark.parametrize(("ours", "theirs"), [(LSTM, torch.nn.LSTM), (GRU, torch.nn.GRU)])
def test_a_jit_trace_of_torch_nn_shows_the_size_warnings_that_lstmkit_silences(ours, theirs):
    """The README said torch silences its "Converting a tensor to a Python boolean" TracerWarning
    inside torch.nn as lstmkit does: a trace of torch.nn.LSTM or GRU shows it twice, at its
    input's and its state's size checks (rnn.py); lstmkit's layer shows none. The README says so."""
    assert _size_warnings(theirs(3, 4)) == [("rnn.py", "TracerWarning")] * 2
    assert _size_warnings(ours(3, 4, implementation="fused")) == []
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "which torch silences inside `torch.nn` too" not in text
    assert (
        'nor joined by torch\'s "Converting a tensor to a Python boolean" at each size the layer '
        "reads, which a trace of `torch.nn.LSTM` or `torch.nn.GRU` shows, at its input's and its "
        "state's size checks, twice under Python's default filter;"
    ) in text
