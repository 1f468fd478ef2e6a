"""Fixes from the review of the docapi merge (docstrings and argument checks)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import pytest

from lstmkit import baselines, data, metrics, train
from lstmkit.nn import GRUCell, LSTMCell
from lstmkit.text import sst, vocab


def _raises_entries(function: Callable[..., object]) -> list[str]:
    """The lines of ``function``'s Raises section at its entries' indentation (each must start
    a new entry, ``Name: ...``; a continuation indented no deeper reads as an exception)."""
    lines = inspect.getdoc(function).splitlines()  # type: ignore[union-attr]
    start = lines.index("Raises:") + 1
    base = len(lines[start]) - len(lines[start].lstrip())
    entries = []
    for line in lines[start:]:
        indent = len(line) - len(line.lstrip())
        if not line.strip() or indent < base:
            break
        if indent == base:
            entries.append(line.strip())
    return entries


@pytest.mark.parametrize(
    "function",
    [
        train.fit,
        data.calendar_features,
        data.calendar_inputs,
        vocab.pad_batch,
        sst.ptb_tokenize,
        baselines.baseline_forecasts,
        metrics.rmse,
        LSTMCell.forward,
        GRUCell.forward,
    ],
    ids=lambda f: f.__qualname__,
)
def test_every_line_at_a_raises_entry_indentation_names_an_exception(
    function: Callable[..., object],
) -> None:
    # fit's second TypeError line was not indented: help() and Sphinx read "``config`` is
    # not a ..." as an exception of its own
    entries = _raises_entries(function)
    assert entries
    assert [e for e in entries if not re.match(r"[A-Z]\w*(Error|Exception)\b[\w, ]*:", e)] == []
