"""Fixes of the misc6 review in ``lstmkit.nn``: summary's ``input_size`` as any sequence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import get_type_hints

from lstmkit.nn import LSTM, summary


def test_summary_input_size_is_typed_and_read_as_a_sequence() -> None:
    # typed and documented as a tuple, a list worked and a range was refused as no tuple
    assert get_type_hints(summary)["input_size"] == int | Sequence[int] | None
    model = LSTM(input_size=5, hidden_size=3)
    assert summary(model, input_size=[7, 5]).output_shapes == {"LSTM": (7, 1, 3)}
    assert summary(model, input_size=range(7, 4, -2)).output_shapes == {"LSTM": (7, 1, 3)}
