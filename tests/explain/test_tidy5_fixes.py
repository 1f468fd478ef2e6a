"""Fixes from the tidy5 pass: random_relevance checks its seed as the rest of the library."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstmkit.explain import random_relevance


@pytest.mark.parametrize("seed", [-1, 2**64])
def test_random_relevance_refuses_a_seed_out_of_range_by_name(seed: int) -> None:
    # -1 was taken; 2**64 failed in torch with "Overflow when unpacking long long"
    model, x = nn.Sequential(nn.Flatten(), nn.Linear(3, 2)), torch.ones(1, 3, 1)
    with pytest.raises(ValueError) as err:
        random_relevance(model, x, seed=seed)
    assert str(err.value) == f"`seed` must be an integer in [0, 9223372036854775807], got {seed}."
