"""revcore36: review of core36's fixes (lengths outside [1, T] told by position)."""

from __future__ import annotations

import time

import pytest
import torch

from lstmkit.nn import GRU, LSTM
from lstmkit.nn.layers import check_lengths

PREFIX = "`lengths` must lie in [1, 7] (the number of time steps), got "
ZERO = ": a sequence needs at least one step (torch.nn's packing refuses 0 too); "


@pytest.mark.parametrize("kind", [LSTM, GRU])
@pytest.mark.parametrize("given", [0, torch.tensor(0)])
def test_one_number_for_an_unbatched_input_is_told_as_given(kind, given) -> None:
    # lengths=0 for one unbatched sequence [T, I] was told "0 at `lengths[0]`" (an index the
    # caller never wrote) and to "leave empty sequences out of the batch" (there is none)
    layer = kind(5, 4, batch_first=True)
    with pytest.raises(ValueError) as err:
        layer(torch.randn(7, 5), lengths=given)
    assert str(err.value) == (
        PREFIX + "0" + ZERO + "skip the call for an empty sequence (its state stays the "
        "initial one)."
    )
    with pytest.raises(ValueError) as err:  # a list of one keeps its index
        layer(torch.randn(7, 5), lengths=[9])
    assert str(err.value) == PREFIX + "9 at `lengths[0]`."


def test_one_number_for_a_batch_of_one_is_told_as_given() -> None:
    layer = LSTM(5, 4, batch_first=True)
    with pytest.raises(ValueError) as err:
        layer(torch.randn(1, 7, 5), lengths=0)
    assert str(err.value) == PREFIX + "0" + ZERO + "leave empty sequences out of the batch."
    with pytest.raises(ValueError) as err:
        layer(torch.randn(1, 7, 5), lengths=torch.tensor(9))
    assert str(err.value) == PREFIX + "9."


@pytest.mark.parametrize("kind", [LSTM, GRU])
def test_a_zero_past_the_first_three_is_named(kind) -> None:
    # the advice for empty sequences came with three lengths of 9 and "1 more": the 0 it was
    # about was not shown
    with pytest.raises(ValueError) as err:
        kind(5, 4, batch_first=True)(torch.randn(5, 7, 5), lengths=[9, 8, 3, 9, 0])
    assert str(err.value) == (
        PREFIX + "9 at `lengths[0]`, 8 at `lengths[1]`, 9 at `lengths[3]` and 1 more (the first "
        "0 at `lengths[4]`)" + ZERO + "leave empty sequences out of the batch."
    )


def test_a_huge_batch_outside_is_told_without_a_python_loop() -> None:
    # one refusal of a million lengths of 9 took 2 s (a Python loop over all of them): ten
    # million took 20 s that way, 1.5 s with tensor ops; the bound leaves room for a loaded machine
    lengths = torch.full((10_000_000,), 9)
    start = time.perf_counter()
    with pytest.raises(ValueError) as err:
        check_lengths(lengths, 10_000_000, 7)
    assert time.perf_counter() - start < 10.0
    assert str(err.value) == (
        PREFIX + "9 at `lengths[0]`, 9 at `lengths[1]`, 9 at `lengths[2]` and 9,999,997 more."
    )
