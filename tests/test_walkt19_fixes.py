"""A fresh user's pass over README's "Text" (sentiment) and "Gates" sections: what they met."""

from __future__ import annotations

import pytest

from lstmkit.text import SentimentConfig, train_classifier


def test_task_sst5_for_own_texts_is_refused_once_not_also_as_neutral_words() -> None:
    # task="sst5" alone was refused twice: also as a `neutral_words` True the user never
    # passed (the task turns it on)
    texts = ["a good film"] * 5 + ["a bad film"] * 5
    labels = ["pos"] * 5 + ["neg"] * 5
    with pytest.raises(ValueError) as e:
        train_classifier(texts, labels, SentimentConfig(task="sst5", epochs=1, progress=False))
    assert str(e.value) == (
        "`task` is an SST option without meaning for your own texts; leave it at its default "
        "('sst2'), got 'sst5'."
    )
