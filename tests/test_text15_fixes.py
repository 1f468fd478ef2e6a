"""Text, a fresh user's pass (text15): a pandas Series' index read once where train_classifier
names a dev label by it, and a labelled CSV whose text and label columns were given the
other way round told so."""

from __future__ import annotations

import pandas as pd
import pytest

from lstmkit.text import SentimentConfig, labelled, sentiment, train_classifier

TEXTS = [f"a fine film {k}" for k in range(5)] + [f"a dull film {k}" for k in range(5)]
LABELS = ["positive"] * 5 + ["negative"] * 5


def test_a_dev_series_index_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # its index was turned into a list three times (twice to subscript `.iloc`, once to name
    # the unknown label by it); the message is what it was
    dev_labels = pd.Series(["positive", "negatve"], index=[12, 3])
    read = []
    real = labelled.index_labels

    def counted(values: object) -> list[object] | None:
        read.append(values is dev_labels)
        return real(values)

    monkeypatch.setattr(labelled, "index_labels", counted)
    monkeypatch.setattr(sentiment, "index_labels", counted)
    with pytest.raises(ValueError) as info:
        train_classifier(
            TEXTS, LABELS, SentimentConfig(progress=False), dev=(["a film", "so so"], dev_labels)
        )
    assert read.count(True) == 1
    assert str(info.value) == (
        "`dev[1]` holds labels no training text has: 'negatve' (did you mean 'negative'?) at "
        "index label 3 (the classes: 'negative', 'positive'; index labels are those of the "
        "Series `dev[1]`, for `.loc`)."
    )
