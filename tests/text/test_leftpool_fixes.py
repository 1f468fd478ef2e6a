"""``pad_batch``: its tensors on the CPU under any default device, a 0-d array as its
``pad_id``, and ids or a ``pad_id`` past int64 refused by name."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.text.vocab import pad_batch


@pytest.mark.parametrize("batch", [[[5, 6, 7], [8]], [torch.tensor([5, 6, 7]), np.array([8])]])
def test_pad_batch_builds_on_the_cpu_under_another_default_device(batch):
    # the lengths and the padding went to the default device and the ids stayed on the CPU:
    # "Tensor.item() cannot be called on meta tensors" here, mixed devices under CUDA
    torch.set_default_device("meta")
    try:
        tokens, lengths = pad_batch(batch, pad_id=9)
    finally:
        torch.set_default_device(None)
    assert (tokens.device.type, lengths.device.type) == ("cpu", "cpu")
    assert tokens.tolist() == [[5, 6, 7], [8, 9, 9]]
    assert lengths.tolist() == [3, 1]


@pytest.mark.parametrize(
    "pad_id", [np.array(9), np.array(9, dtype=np.uint8), np.int64(9), np.array(9, dtype=">i8")]
)
def test_pad_batch_takes_a_0d_integer_array_as_its_pad_id(pad_id):
    # "`pad_id` must be an int, got array(9)." where a 0-d tensor was taken
    tokens, lengths = pad_batch([[5, 6, 7], [8]], pad_id=pad_id)
    assert tokens.tolist() == [[5, 6, 7], [8, 9, 9]]
    assert lengths.tolist() == [3, 1]


@pytest.mark.parametrize(
    ("pad_id", "shown"),
    [
        (np.array([0]), "array([0])"),  # one id, but no 0-d array
        (np.array(True), "array(True)"),
    ],
)
def test_pad_batch_still_refuses_an_array_pad_id_that_is_no_int(pad_id, shown):
    with pytest.raises(TypeError) as info:
        pad_batch([[1]], pad_id=pad_id)
    assert str(info.value) == f"`pad_id` must be an int, got {shown}."


@pytest.mark.parametrize(
    ("pad_id", "shown"),
    [
        (2**63, "9223372036854775808"),
        (np.uint64(2**64 - 1), "18446744073709551615"),
        (-(2**63) - 1, "-9223372036854775809"),
    ],
)
def test_a_pad_id_past_int64_is_refused_by_name(pad_id, shown):
    # torch.full raised "value cannot be converted to type int64_t without overflow"
    with pytest.raises(ValueError) as info:
        pad_batch([[1]], pad_id=pad_id)
    assert str(info.value) == f"`pad_id` must be an int64 (in [-2**63, 2**63 - 1]), got {shown}."


def test_the_int64_bounds_themselves_are_taken():
    tokens, _ = pad_batch([[2**63 - 1, -(2**63)], [0]], pad_id=-(2**63))
    assert tokens.tolist() == [[2**63 - 1, -(2**63)], [0, -(2**63)]]


def test_ids_past_int64_are_named_all_at_once():
    # "Overflow when unpacking long long", which named neither the argument nor the id
    batch = [[1, 2**64], [3], range(2**63, 2**63 + 5)]
    with pytest.raises(ValueError) as info:
        pad_batch(batch)
    assert str(info.value) == (
        "`sequences` must hold int64 ids (in [-2**63, 2**63 - 1]), got 18446744073709551616 at "
        "`sequences[0][1]`, 9223372036854775808 at `sequences[2][0]`, 9223372036854775809 at "
        "`sequences[2][1]`, 9223372036854775810 at `sequences[2][2]`, 9223372036854775811 at "
        "`sequences[2][3]` ...."
    )
