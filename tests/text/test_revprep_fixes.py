"""Fixes of the revprep review: the text vocabulary's preparation."""

from __future__ import annotations

import weakref

import lstmkit.text.vocab as V
from lstmkit.text.vocab import Vocabulary


class _Tokens(list):
    """A text's tokens that can be watched (a list cannot be weakly referenced)."""


def test_build_counts_each_text_as_it_comes_without_holding_every_texts_tokens(monkeypatch):
    # the tokens of every text were held until the count (SST's phrases: +250 MB, twice the
    # time); counted as they come, at most the last text's are alive when the next is read
    alive = [0]  # token lists not yet freed

    def freed() -> None:
        alive[0] -= 1

    def tokenize(text: str) -> list[str]:
        tokens = _Tokens(text.split())
        alive[0] += 1
        weakref.finalize(tokens, freed)
        return tokens

    monkeypatch.setattr(V, "tokenize", tokenize)
    held = []

    def texts():
        for k in range(50):
            held.append(alive[0])
            yield f"a b w{k % 3}"

    vocab = Vocabulary.build(texts(), min_freq=2)
    assert vocab.itos == ["<pad>", "<unk>", "a", "b", "w0", "w1", "w2"]
    assert max(held) == 1
