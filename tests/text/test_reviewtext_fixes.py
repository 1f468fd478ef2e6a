"""Defects found reviewing the textuser fixes (tokenizer, decoders, padded columns), each
pinned."""

from __future__ import annotations

import re

import pytest
import torch

from lstmkit.text.charlm import CharVocab
from lstmkit.text.seq2seq import TARGET_TOKENS, decode_words
from lstmkit.text.vocab import Vocabulary


@pytest.mark.parametrize("dtype", [torch.uint16, torch.uint32, torch.uint64])
def test_decoders_read_torchs_unsigned_tensors(dtype: torch.dtype) -> None:
    """torch's uint16, uint32 and uint64 tensors have no min or max ("min_all" not
    implemented): the one min and max of the range check failed with a NotImplementedError
    where the ids decoded (or were named out of range) before."""
    assert Vocabulary(["a", "b"]).decode(torch.tensor([2, 0, 3], dtype=dtype)) == "a b"
    assert CharVocab(["a", "b"]).decode(torch.tensor([1, 0], dtype=dtype)) == "ba"
    assert (
        decode_words(torch.tensor([3, 4], dtype=dtype)) == f"{TARGET_TOKENS[3]} {TARGET_TOKENS[4]}"
    )
    with pytest.raises(ValueError, match=re.escape("`ids` must lie in [0, 4), got 300.")):
        Vocabulary(["a", "b"]).decode(torch.tensor([2, 300], dtype=dtype))
    with pytest.raises(
        ValueError,
        match=re.escape("`ids` must lie in [0, 2) (the alphabet's size), got [7, 9]."),
    ):
        CharVocab(["a", "b"]).decode(torch.tensor([7, 0, 9], dtype=dtype))
