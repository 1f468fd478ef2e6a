"""Review of nn23: a huge negative proj_size shown whole, and a target's text hidden behind
the magnitude refusal of an int past torch's int64."""

from __future__ import annotations

import re

import pytest

from lstmkit.nn import GRU, LSTM


def test_a_huge_negative_proj_size_is_abridged_as_its_positive_twin() -> None:
    # was "..., got -1000000000000000000000000000000." (31 digits), where 10**30 is abridged
    with pytest.raises(ValueError) as err:
        LSTM(4, 4, proj_size=-(10**30))
    assert str(err.value) == (
        "`proj_size` must be 0 (no projection) or in [1, hidden_size - 1] = [1, 3], got "
        "-1e+30 (an int of 31 digits)."
    )
    with pytest.raises(ValueError) as err:
        GRU(4, 4, proj_size=-(10**30))
    assert str(err.value) == (
        "`proj_size` applies to LSTM only (as in torch.nn), got proj_size=-1e+30 (an int of "
        "31 digits) for a GRU."
    )


def test_small_proj_sizes_keep_their_messages() -> None:
    with pytest.raises(ValueError, match=re.escape("[1, 3], got 9.")):
        LSTM(4, 4, proj_size=9)
    with pytest.raises(ValueError, match=re.escape("got proj_size=2 for a GRU.")):
        GRU(4, 4, proj_size=2)
