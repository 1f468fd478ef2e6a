"""A fresh-user pass over README's Text section: a student's own CSVs (labels as words and
numbers, imbalanced, accents and emoji, a TSV, a dev file with a typo'd class)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import train_classifier
from lstmkit.text.labelled import read_labelled_csv


def _write(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("text,label\n" + "".join(f"{t},{y}\n" for t, y in rows), "utf-8")
    return path


def test_a_typod_dev_class_is_told_the_class_it_looks_like(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it listed every class after 'negatve', leaving the student to spot which one it misspelt
    train = _write(
        tmp_path / "train.csv",
        [(f"a fine film {k}", "positive") for k in range(5)]
        + [(f"a dull film {k}", "negative") for k in range(5)],
    )
    dev = _write(
        tmp_path / "dev.csv",
        [("a fine film", "positive"), ("a dull film", "negatve"), ("so so", "Positive")],
    )
    out = tmp_path / "out"
    argv = ["text", "train", "--csv", str(train), "--dev-csv", str(dev), "--text-col", "text"]
    assert main([*argv, "--label-col", "label", "--no-progress", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        "error: column 'label' of dev.csv holds labels no training text has: 'Positive' (did "
        "you mean 'positive'?), 'negatve' (did you mean 'negative'?) (the classes: 'negative', "
        "'positive').\n"
    )
    assert not out.exists()
    # read_labelled_csv and train_classifier say it the same way; a label like no class has
    # no guess
    with pytest.raises(ValueError) as err:
        read_labelled_csv(dev, "text", "label", classes=["negative", "positive"])
    assert "'Positive' (did you mean 'positive'?), 'negatve' (did you mean" in str(err.value)
    with pytest.raises(ValueError) as err:
        train_classifier(
            ["good"] * 5 + ["bad"] * 5,
            ["positive"] * 5 + ["negative"] * 5,
            dev=(["good", "bad", "meh"], ["positiv", "negative", "meh"]),
        )
    assert str(err.value) == (
        "`dev[1]` holds labels no training text has: 'meh', 'positiv' (did you mean "
        "'positive'?) (the classes: 'negative', 'positive')."
    )
