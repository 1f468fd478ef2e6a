"""``pad_batch`` checks a batch's ids all at once, walking them one by one only to name what is
wrong, and takes a 0-d integer tensor as its ``pad_id``."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.text import vocab
from lstmkit.text._checks import int_ids
from lstmkit.text.vocab import pad_batch


@pytest.mark.parametrize("pad_id", [torch.tensor(9), torch.tensor(9, dtype=torch.int32)])
def test_pad_batch_takes_a_0d_integer_tensor_as_its_pad_id(pad_id):
    # "`pad_id` must be an integer, got tensor(9)." for what torch code holds as its padding id
    tokens, lengths = pad_batch([[5, 6, 7], [8]], pad_id=pad_id)
    assert tokens.tolist() == [[5, 6, 7], [8, 9, 9]]
    assert lengths.tolist() == [3, 1]
    assert (type(tokens), tokens.dtype) == (torch.Tensor, torch.int64)


@pytest.mark.parametrize(
    ("pad_id", "shown"),
    [
        (torch.tensor(1.0), "tensor(1.)"),  # a whole number in a float tensor, as 1.0 is refused
        (torch.tensor(True), "tensor(True)"),
        (torch.tensor([0]), "tensor([0])"),  # one id, but no 0-d tensor
        (np.array(0.0), "array(0.)"),
    ],
)
def test_pad_batch_still_refuses_a_pad_id_that_is_no_int(pad_id, shown):
    with pytest.raises(TypeError) as info:
        pad_batch([[1]], pad_id=pad_id)
    assert str(info.value) == f"`pad_id` must be an integer, got {shown}."


def _walked(monkeypatch: pytest.MonkeyPatch) -> list:
    """The sequences that ``pad_batch`` walks id by id (through ``int_ids``) from now on."""
    walked: list = []

    def walk(ids):
        walked.append(ids)
        return int_ids(ids)

    monkeypatch.setattr(vocab, "int_ids", walk)
    return walked


def test_a_batch_of_int_ids_is_checked_at_once_not_id_by_id(monkeypatch, on_accelerator):
    # each id went through a Python call: twice the time of the padding itself
    walked = _walked(monkeypatch)
    for batch in (
        [[5, 6, 7], (8,)],
        [torch.tensor([5, 6, 7]), torch.tensor([8], dtype=torch.int32)],
        [np.array([5, 6, 7], dtype=np.uint8), np.array([8], dtype=">i4")],
        [torch.arange(10)[5:8], on_accelerator(torch.tensor([8]))],
    ):
        tokens, lengths = pad_batch(batch, pad_id=1)
        assert tokens.tolist() == [[5, 6, 7], [8, 1, 1]]
        assert type(tokens) is torch.Tensor and tokens.dtype == torch.int64
        assert lengths.tolist() == [3, 1]
    assert walked == []


@pytest.mark.parametrize(
    ("batch", "message"),
    [
        ([[1, 2], [1.5]], "`sequences[1]` must hold ints, got float 1.5 at `sequences[1][0]`."),
        ([(1,), [2, True]], "`sequences[1]` must hold ints, got bool True at `sequences[1][1]`."),
        (
            [torch.tensor([1]), torch.tensor([0.5])],
            "`sequences[1]` must hold ints, got Tensor tensor(0.5000) at `sequences[1][0]`.",
        ),
        ([torch.tensor([1]), "ab"], "`sequences[1]` must be a sequence of int ids, got str 'ab'."),
    ],
)
def test_where_the_check_at_once_fails_the_walk_names_the_id(monkeypatch, batch, message):
    walked = _walked(monkeypatch)
    with pytest.raises(TypeError) as info:
        pad_batch(batch)
    assert str(info.value) == message
    assert len(walked) == 2


def test_what_the_check_at_once_leaves_to_the_walk_is_padded_as_before(monkeypatch):
    walked = _walked(monkeypatch)
    # numpy's ints in a list, a range, an iterator, negative strides, a read-only array
    read_only = np.array([4, 5])
    read_only.flags.writeable = False
    tokens, lengths = pad_batch(
        [[np.int64(1), 2], range(3, 5), iter([6]), np.arange(3)[::-1], read_only], pad_id=2**62 + 1
    )
    assert tokens.tolist() == [
        [1, 2, 2**62 + 1],
        [3, 4, 2**62 + 1],
        [6, 2**62 + 1, 2**62 + 1],
        [2, 1, 0],
        [4, 5, 2**62 + 1],
    ]
    assert lengths.tolist() == [2, 2, 1, 3, 2]
    assert len(walked) == 5


@pytest.mark.parametrize(
    ("batch", "shown"),
    [
        (
            [torch.tensor([2**63 + 5], dtype=torch.uint64)],
            "9223372036854775813 at `sequences[0][0]`",
        ),
        ([np.array([2**63 + 5], dtype=np.uint64)], "9223372036854775813 at `sequences[0][0]`"),
        ([[1], [2**63]], "9223372036854775808 at `sequences[1][0]`"),
    ],
)
def test_ids_past_int64_are_refused_not_wrapped_around(batch, shown):
    # converting the batch at once to int64 read 2**63 + 5 as -2**63 + 5
    with pytest.raises(ValueError) as info:
        pad_batch(batch)
    assert (
        str(info.value) == f"`sequences` must hold int64 ids (in [-2**63, 2**63 - 1]), got {shown}."
    )


def test_an_empty_sequence_is_named_before_an_id_past_int64():
    with pytest.raises(ValueError) as info:
        pad_batch([[], [2**70]])
    assert str(info.value) == "`sequences` must all be non-empty, got an empty one."
