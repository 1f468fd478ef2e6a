"""Review of qatext11 (a dev/test class told the class it looks like, long texts warned of, a
CSV given to ``text predict --file``): what a student with their own data still met."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.text import train_classifier
from lstmkit.text.labelled import read_labelled_csv


def test_a_dev_class_missing_from_training_is_not_told_the_opposite_one(tmp_path: Path) -> None:
    # difflib's 0.75 likeness told 'unhappy' it meant 'happy' and 'very negative' 'negative' (a
    # class missing from training, not a slip), '10' '1'; '1.0' (pandas' 1 after a gap) had no
    # guess, and 'POSITIVE' got one of the two classes it could be
    with pytest.raises(ValueError) as err:
        train_classifier(
            ["good"] * 5 + ["bad"] * 5 + ["so so"] * 5,
            ["happy"] * 5 + ["negative"] * 5 + ["very positive"] * 5,
            dev=(["a"] * 4, ["unhappy", "very negative", "negatve", "very_positive"]),
        )
    assert str(err.value) == (
        "`dev[1]` holds labels no training text has: 'negatve' (did you mean 'negative'?), "
        "'unhappy', 'very negative', 'very_positive' (did you mean 'very positive'?) (the "
        "classes: 'happy', 'negative', 'very positive')."
    )
    path = tmp_path / "dev.csv"
    path.write_text("text,label\ngood,1.0\nbad,10\nok,POSITIVE\n", "utf-8")
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label", classes=["1", "2", "Positive", "positive"])
    assert str(err.value) == (
        "column 'label' of dev.csv holds labels no training text has: '1.0' (did you mean "
        "'1'?), '10', 'POSITIVE' (did you mean 'Positive' or 'positive'?) (the classes: '1', "
        "'2', 'Positive', 'positive')."
    )
