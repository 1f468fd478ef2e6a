"""Defects found reviewing the textuser fixes (tokenizer, decoders, padded columns), each
pinned."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.explain.render import padded
from lstmkit.text import read_labelled_csv
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


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("\u2b50\ufe0f", 2),  # ⭐ is wide already: the selector adds nothing
        ("\U0001f44d\ufe0f", 2),  # 👍
        ("\u2764\ufe0f", 2),  # ❤ is narrow: drawn two wide with it
        ("a\u2b50\ufe0fb", 4),
        ("\ufe0f", 0),
    ],
)
def test_padded_counts_an_emoji_selector_after_a_wide_emoji_as_nothing(
    text: str, columns: int
) -> None:
    """U+FE0F counted one column after any character, so a wide emoji typed with it ("⭐️",
    "👍️", as phone keyboards send them) took three and pushed the values after it left."""
    assert padded(text, 6) == text + " " * (6 - columns)
    assert padded(text, 6, ">") == " " * (6 - columns) + text


def test_read_labelled_csv_tells_how_to_give_a_numpy_training(tmp_path: Path) -> None:
    """training=np.True_ (which read the file before) was refused as "must be True or False,
    got np.True_", a contradiction without the hint the text configs give."""
    path = tmp_path / "r.csv"
    path.write_text("review,rating\na fine film,up\na dull film,down\n", "utf-8")
    # taken as the configs take it since cfg17 (tests/test_cfg17_fixes.py)
    assert read_labelled_csv(path, "review", "rating", training=np.False_) == (
        ["a fine film", "a dull film"],
        ["up", "down"],
    )
