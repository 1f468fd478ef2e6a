"""Review of qatext11 (a dev/test class told the class it looks like, long texts warned of, a
CSV given to ``text predict --file``): what a student with their own data still met."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
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


def test_a_one_column_csv_given_to_predict_file_is_not_said_to_hold_labels(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a CSV of texts alone (a header, then one text a line) was told "a row's other fields (its
    # label) are part of its text", which it has none of; its header is still a sentence
    path = tmp_path / "texts.csv"
    path.write_text("review\na fine film\n", "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    assert capsys.readouterr().err == (
        f"note: --file {str(path)!r} is read one sentence per line, each line whole: its line 1 "
        "('review') is a sentence too. To classify a column, write its texts alone, one per "
        "line (pandas: Path('texts.txt').write_text('\\n'.join(df[col]))), and give that file.\n"
    )
    # a TSV's fields are told of by its tab, not a comma
    path = tmp_path / "texts.tsv"
    path.write_text("review, in short\tlabel\na fine film\tup\n", "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    assert "('review, in short\\tlabel') is a sentence too, and a row's other fields" in (
        capsys.readouterr().err
    )
    path = tmp_path / "plain.tsv"
    path.write_text("review, in short\na fine film\n", "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    assert "('review, in short') is a sentence too. To classify" in capsys.readouterr().err
