"""Text fixes from the second review of session 37's changes, each with the input that failed."""

from __future__ import annotations

import pytest
import torch

from lstmkit.text.vocab import Vocabulary, pad_batch

_META = "Tensor tensor(..., device='meta', size=(), dtype=torch.int64)"


def test_pad_batch_names_a_sequence_on_the_meta_device() -> None:
    # as its meta pad_id now is: the walk read each id through item(), and torch's RuntimeError
    # ("Tensor.item() cannot be called on meta tensors") named neither argument nor sequence
    with pytest.raises(TypeError) as err:
        pad_batch([[3], torch.tensor([1, 2], device="meta")])
    assert str(err.value) == (
        f"`sequences[1]` must hold ints, got {_META} at `sequences[1][0]`, {_META} at "
        "`sequences[1][1]`."
    )


def test_decode_names_ids_on_the_meta_device() -> None:
    with pytest.raises(TypeError) as err:
        Vocabulary.build(["a good film"]).decode(torch.tensor([2], device="meta"))
    assert str(err.value) == f"`ids` must hold ints, got {_META} at `ids[0]`."
