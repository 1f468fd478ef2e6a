"""What a new user of the text API tripped over, pinned (the helper pyuser's review)."""

import re

import numpy as np
import pytest

from lstmkit.text.labelled import stratified_split


@pytest.mark.parametrize("seed", [None, 1.5, "1", -1, True])
def test_stratified_split_refuses_a_seed_that_is_no_seed(seed):
    # random.Random took them all (None drew another split at every call) but np.int64
    labels = ["good"] * 10 + ["bad"] * 5
    with pytest.raises(
        ValueError, match=re.escape(f"`seed` must be an integer in [0, 2**63 - 1], got {seed!r}.")
    ):
        stratified_split(labels, seed=seed)
    assert stratified_split(labels, seed=np.int64(3)) == stratified_split(labels, seed=3)
