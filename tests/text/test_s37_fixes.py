"""Session 37's own fixes in the text package, each with the input that failed before it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.text.vocab import pad_batch


def test_pad_batch_refuses_an_empty_iterator_by_name() -> None:
    # an empty iterator is not falsy: it passed the check and torch's min() failed on no lengths
    with pytest.raises(ValueError) as err:
        pad_batch(iter([]))
    assert str(err.value) == "`sequences` must hold at least one sequence, got none."


@pytest.mark.parametrize("make", [torch.tensor, np.array], ids=["tensor", "array"])
def test_pad_batch_reads_a_2d_batch_as_its_rows(make) -> None:
    # a [B, T] batch had no truth value ("ambiguous"): its rows are the sequences
    tokens, lengths = pad_batch(make([[4, 5, 6], [7, 8, 9]]), pad_id=0)
    assert tokens.tolist() == [[4, 5, 6], [7, 8, 9]]
    assert lengths.tolist() == [3, 3]
    assert tokens.dtype == lengths.dtype == torch.long


def test_pad_batch_names_sequences_that_are_no_iterable() -> None:
    with pytest.raises(TypeError) as err:
        pad_batch(5)  # type: ignore[arg-type]
    assert str(err.value) == "`sequences` must be a sequence of id sequences, got 5."
