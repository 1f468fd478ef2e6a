"""Text leftovers: a dev/test label's positions, a capped list of unknown labels, "the 1 test
text", and one decoding limit for ``text spell`` and training's checks."""

from __future__ import annotations

import pytest

from lstmkit.text import train_classifier
from lstmkit.text.labelled import unknown_labels

TEXTS = [f"a fine film {k}" for k in range(5)] + [f"a dull film {k}" for k in range(5)]
LABELS = ["positive"] * 5 + ["negative"] * 5


def test_a_python_dev_label_no_class_has_is_named_with_its_positions() -> None:
    # from Python "'negatve' (did you mean 'negative'?)" named no position, while the CLI
    # names a file's rows: in a list of thousands the user searched for it
    dev_labels = ["positive", *["negatve"] * 7, "meh"]
    with pytest.raises(ValueError) as err:
        train_classifier(TEXTS, LABELS, dev=(["a film"] * 9, dev_labels))
    assert str(err.value) == (
        "`dev[1]` holds labels no training text has: 'meh' at position 8, 'negatve' (did you "
        "mean 'negative'?) at positions 1, 2, 3, 4, 5 and 2 more (the classes: 'negative', "
        "'positive'; positions are 0-based indices of `dev[1]`)."
    )


def test_the_unknown_labels_listed_are_capped() -> None:
    # a wrong --label-col on a large dev file listed every distinct value with its rows
    unknown = [f"text {k:02}" for k in range(25)] + ["negatve"]
    said = unknown_labels(unknown, ["negative", "positive"], rows={"negatve": [4]})
    assert said == (
        "'negatve' (did you mean 'negative'?) in row 4, "
        + ", ".join(f"'text {k:02}'" for k in range(9))
        + " and 16 more labels"
    )
    assert unknown_labels([f"x{k:02}" for k in range(11)], ["a", "b"]).endswith(
        "'x09' and 1 more label"
    )
