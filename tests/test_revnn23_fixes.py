"""Review of nn23: a huge negative proj_size shown whole, and a target's text hidden behind
the magnitude refusal of an int past torch's int64."""

from __future__ import annotations

import re

import pytest
import torch
from torch import nn

from lstmkit.explain import lrp
from lstmkit.nn import GRU, LSTM


class _Classifier(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = LSTM(2, 3, batch_first=True)
        self.head = nn.Linear(3, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, -1])


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


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        (["a", 10**30], "list ['a', 1e+30 (an int of 31 digits)]"),
        ([[b"1"], 10**30], "list [[b'1'], 1e+30 (an int of 31 digits)]"),
        (
            [True, -(10**30)],
            "list [True, -1e+30 (an int of 31 digits)], a bool among its entries: `target` is "
            "the index of the output to explain, not a switch; pass ints",
        ),
    ],
)
def test_a_target_holding_no_int_is_a_type_error_beside_a_huge_int(
    target: object, shown: str
) -> None:
    # was a ValueError "`target` must hold integers of magnitude at most 2**63-1 ...": the
    # text (or bool) that is no index at all went unsaid
    torch.manual_seed(0)
    model, x = _Classifier(), torch.randn(2, 4, 2)
    with pytest.raises(TypeError) as err:
        lrp(model, x, target=target)
    assert str(err.value) == (
        "`target` must be an integer output index, one integer per sequence, or None (the "
        f"arg-max), got {shown}."
    )


def test_a_target_of_ints_past_int64_keeps_the_magnitude_refusal() -> None:
    torch.manual_seed(0)
    model, x = _Classifier(), torch.randn(2, 4, 2)
    with pytest.raises(ValueError) as err:
        lrp(model, x, target=[0, 10**30])
    assert str(err.value) == (
        "`target` must hold integers of magnitude at most 2**63-1 (torch's int64), got "
        "[0, 1e+30 (an int of 31 digits)]."
    )
