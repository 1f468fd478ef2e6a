"""Regressions a review found in the int_ids fast path: each test fails without its fix."""

import re

import numpy as np
import pytest
import torch

from lstmkit.text._checks import int_ids


def test_int_ids_refuses_a_masked_entry_as_before() -> None:
    """The fast path's ``tolist`` wrote a masked entry as None, returned as an id."""
    ids = np.ma.masked_array([1, 2, 3], mask=[0, 1, 0])
    with pytest.raises(
        TypeError, match=re.escape("`ids` must hold ints, got MaskedConstant masked at `ids[1]`.")
    ):
        int_ids(ids)
    assert int_ids(np.ma.masked_array([1, 2, 3])) == [1, 2, 3]


def test_int_ids_reads_a_sparse_tensor_as_before() -> None:
    """The fast path's ``tolist`` raised "Cannot access data pointer of Tensor that doesn't
    have storage" for a sparse tensor, which was read entry by entry."""
    assert int_ids(torch.tensor([1, 0, 2]).to_sparse()) == [1, 0, 2]


def test_int_ids_refuses_a_bool_tensor_as_a_bool_array() -> None:
    """``torch.tensor([True])`` was read as the id 1, while ``np.array([True])`` and ``[True]``
    were refused: an entry may be "an integer of any kind ... but not a bool"."""
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`ids` must hold ints, got Tensor tensor(True) at `ids[0]`, Tensor tensor(False) at "
            "`ids[1]`."
        ),
    ):
        int_ids(torch.tensor([True, False]))
    assert int_ids(torch.tensor([3, 1], dtype=torch.uint8)) == [3, 1]
