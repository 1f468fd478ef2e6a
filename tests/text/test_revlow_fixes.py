"""Review of ``pad_batch``'s check of a batch at once: what it read that the walk refused."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.text.vocab import pad_batch


@pytest.mark.parametrize("dtype", [">u8", "<u8"])
def test_uint64_ids_past_int64_are_refused_in_either_byte_order(dtype):
    # a big-endian uint64 array is no np.uint64 dtype: it was cast at once, 2**63 + 5 read as
    # -2**63 + 5
    with pytest.raises(ValueError) as info:
        pad_batch([np.array([2**63 + 5], dtype=dtype)])
    assert str(info.value) == (
        "`sequences` must hold int64 ids (in [-2**63, 2**63 - 1]), got 9223372036854775813 at "
        "`sequences[0][0]`."
    )


def test_big_endian_uint64_ids_within_int64_are_padded():
    tokens, lengths = pad_batch([np.array([3, 4], dtype=">u8"), np.array([5], dtype=">u8")], 7)
    assert tokens.tolist() == [[3, 4], [5, 7]]
    assert lengths.tolist() == [2, 1]


def test_a_meta_tensor_pad_id_is_refused_by_name():
    # it failed in item() with "Tensor.item() cannot be called on meta tensors"
    with pytest.raises(TypeError) as info:
        pad_batch([[1]], pad_id=torch.tensor(0, device="meta"))
    assert str(info.value) == (
        "`pad_id` must be an integer, got tensor(..., device='meta', size=(), dtype=torch.int64)."
    )
