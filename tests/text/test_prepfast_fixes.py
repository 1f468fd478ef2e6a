"""What `text train --csv` pays per text before its first epoch."""

from __future__ import annotations

import pytest

from lstmkit.text import labelled
from lstmkit.text.labelled import check_labelled, text_tokens
from lstmkit.text.sentiment import SentimentConfig, train_classifier
from lstmkit.text.vocab import Vocabulary


@pytest.mark.filterwarnings("ignore:.* training texts? too")  # the data repeat a text
def test_the_training_reads_each_texts_cached_tokens_without_copying_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # text_tokens handed every caller a list of its own: 110,000 copies of cached token lists
    # for 50,000 rows, where the checks, the vocabulary and the ids only read them
    encoded: list[tuple[object, bool]] = []
    ids = Vocabulary._ids

    def recording(self: Vocabulary, tokens: list[str]) -> list[int]:
        cached = labelled._TOKENS.get() or {}
        encoded.append((tokens, any(tokens is t for t in cached.values())))
        return ids(self, tokens)

    monkeypatch.setattr(Vocabulary, "_ids", recording)
    rows = [
        (f"A {w} film, take {k}.", y)
        for y, w in (("up", "fine"), ("down", "dull"))
        for k in range(5)
    ]
    texts, labels = [t for t, _ in rows], [y for _, y in rows]
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, progress=False)
    result = train_classifier([*texts, texts[0]], [*labels, labels[0]], config)
    assert result.metrics["split"] == {"train": 7, "dev": 2, "test": 2}
    assert len(encoded) == 11 and all(shared for _, shared in encoded)
    # the vocabulary and the ids as the copies gave them (train, then dev and test)
    assert result.vocab.itos == [
        *("<pad>", "<unk>", ",", ".", "a", "film", "take", "fine", "dull"),
        *("0", "3", "4", "1"),
    ]
    assert [ids(result.vocab, t) for t, _ in encoded] == [
        [4, 7, 5, 2, 6, 12, 3],
        [4, 7, 5, 2, 6, 10, 3],
        [4, 7, 5, 2, 6, 11, 3],
        [4, 8, 5, 2, 6, 9, 3],
        [4, 8, 5, 2, 6, 10, 3],
        [4, 8, 5, 2, 6, 11, 3],
        [4, 7, 5, 2, 6, 9, 3],
        [4, 7, 5, 2, 6, 9, 3],
        [4, 8, 5, 2, 6, 1, 3],
        [4, 7, 5, 2, 6, 1, 3],
        [4, 8, 5, 2, 6, 12, 3],
    ]


def test_text_tokens_still_hands_out_lists_of_their_own_while_they_are_shared() -> None:
    with labelled._tokenised_once():
        check_labelled(["It's GOOD"], ["up"])  # reads the shared tokens
        shared = labelled._shared_tokens("It's GOOD")
        mine = text_tokens("It's GOOD")
        mine.append("changed")
        assert shared is labelled._TOKENS.get()["It's GOOD"] == ("it", "'s", "good")
        assert text_tokens("It's GOOD") == ["it", "'s", "good"] and type(mine) is list
    assert labelled._shared_tokens("It's GOOD") == ["it", "'s", "good"]  # outside: tokenised
