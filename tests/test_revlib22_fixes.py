"""revlib22: review of lib22 (the forecasting API's counts and choices).

1. Text for a count past torch's int64 (``predict("1e30")``, a plot's ``context="1e30"``) is
   told that its number is refused too, as a config tells it.
"""

from __future__ import annotations

import pytest

from lstmkit._checks import TextForNumberError, positive_int
from lstmkit.backtest import _check_context

# ---- 1. text past int64 is told its number is refused too ----------------------------------


@pytest.mark.parametrize("text", ["1e30", "99999999999999999999999"])
def test_text_past_int64_is_told_its_number_is_refused_too(text) -> None:
    # before: "got '1e30' (a number, not text: 1e+30)." - passing 1e30 was refused in turn,
    # where ForecasterConfig(horizon="1e30") says "; but 1e+30 would be refused too"
    number = "1e+30" if text == "1e30" else text
    hint = f"(a number, not text: {number}; but {number} would be refused too)."
    with pytest.raises(TextForNumberError) as err:
        positive_int(text, "horizon")
    assert str(err.value) == f"`horizon` must be a positive integer, got {text!r} {hint}"
    with pytest.raises(TextForNumberError) as err:
        _check_context(text)
    assert str(err.value) == f"`context` must be a positive integer or None, got {text!r} {hint}"
