"""Fixes of revleft33b, the review of left33b.

A one-element ``target`` out of the model's range for several sequences ([2] for 2 outputs)
was told to "pass the integer 2", which was refused next as out of range: the range is now
checked first, and the one-element refusal suggests only an index the model has.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from lstmkit.explain import explain, lrp_seq2seq
from lstmkit.forecast import ForecastNet
from lstmkit.text import TextClassifier

_TOKENS = torch.tensor([[3, 4, 5], [6, 7, 8]])


def _classifier() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(20, 4, 3, 2).double()


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
@pytest.mark.parametrize(
    ("target", "back"),
    [([2], ""), (np.array([-1]), "; a negative index does not count from the end")],
    ids=["past", "negative"],
)
def test_a_one_element_target_out_of_range_is_told_its_range(method, target, back) -> None:
    # it said "pass the integer 2 to explain it for every sequence", and 2 was refused next
    given = target.tolist() if isinstance(target, np.ndarray) else target
    message = (
        f"`target` must lie in [0, 2) (the model gives 2 outputs per sequence{back}), got "
        f"{given}: pass an index in that range, or None for the arg-max."
    )
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        explain(_classifier(), _TOKENS, target, method=method)


def test_an_in_range_one_element_target_is_still_refused_and_the_others_still_pass() -> None:
    message = (
        "`target` must be an integer or one index per sequence (2), got 1 value ([1]): pass the "
        "integer 1 to explain it for every sequence, or a list of 2."
    )
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        explain(_classifier(), _TOKENS, [1])
    with pytest.raises(ValueError, match=re.escape("got 3 values.") + "$"):
        explain(_classifier(), _TOKENS, [5, 0, 1])  # the count is told before the range
    for target, want in [(np.int64(1), [1, 1]), (torch.tensor(0), [0, 0]), ([1, 0], [1, 0])]:
        assert explain(_classifier(), _TOKENS, target).target.tolist() == want
    assert explain(_classifier(), _TOKENS[:1], torch.tensor([1])).target.tolist() == [1]


def test_lrp_seq2seq_tells_a_one_element_step_out_of_range_its_range() -> None:
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).double()
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    future = torch.randn(2, 4, 2, dtype=torch.float64)
    message = (
        "`target` must lie in [0, 4) (the model forecasts 4 steps per sequence), got [4]: pass "
        "an index in that range, or None for the arg-max."
    )
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        lrp_seq2seq(net, x, future, [4])
