"""Defects a user with their own texts met in the text commands, each pinned."""

from __future__ import annotations

import re

import pytest

from lstmkit.text.charlm import CharVocab
from lstmkit.text.seq2seq import TARGET_TOKENS, decode_words
from lstmkit.text.sst import ptb_tokenize
from lstmkit.text.vocab import Vocabulary


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("fun 😀, simply.", ["fun", "😀", ",", "simply", "."]),
        ("love it ❤️.", ["love", "it", "❤️", "."]),
        ("(😀)", ["(", "😀", ")"]),
        ("ok ☺, yes", ["ok", "☺", ",", "yes"]),
        (":-) , ***", [":-)", ",", "***"]),  # runs of punctuation stay whole, as before
    ],
)
def test_ptb_tokenize_splits_punctuation_off_an_emoji(text: str, tokens: list[str]) -> None:
    """ "😀," stayed one token, so a review's "😀," and "😀!" were two unknown words."""
    assert ptb_tokenize(text) == tokens


def test_decode_range_checks_keep_their_messages() -> None:
    """The range checks read the ids once with min/max; messages and results are as before."""
    vocab = Vocabulary(["a", "b"])
    assert vocab.decode([2, 0, 3]) == "a b"
    assert vocab.decode([2, 0, 3], skip_pad=False) == "a <pad> b"
    assert vocab.decode([]) == ""
    with pytest.raises(ValueError, match=re.escape("`ids` must lie in [0, 4), got 10000000000.")):
        vocab.decode([2, 10**10, -1])
    chars = CharVocab(["a", "b"])
    assert chars.decode([1, 0]) == "ba"
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`ids` must lie in [0, 2) (the alphabet's size), got [-3, -1, 2, 5, 7] ..."
        ),
    ):
        chars.decode([7, 0, -1, 5, 2, -3, 9, 2])
    size = len(TARGET_TOKENS)
    with pytest.raises(
        ValueError,
        match=re.escape(f"`ids` must lie in [0, {size}) (the target vocabulary's size), got [-1]."),
    ):
        decode_words([3, -1, 3])
