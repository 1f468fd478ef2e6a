"""A fresh-user pass over README's Text section: a student's own CSVs (labels as words and
numbers, imbalanced, accents and emoji, a TSV, a dev file with a typo'd class)."""

from __future__ import annotations

import json
import warnings
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
    qd = repr(str(dev))  # as given, quoted
    assert main([*argv, "--label-col", "label", "--no-progress", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'label' of {qd} holds labels no training text has: 'Positive' (did "
        "you mean 'positive'?) in row 3, 'negatve' (did you mean 'negative'?) in row 2 (the "
        "classes: 'negative', 'positive'; rows counted from 1 below the header). Correct the "
        f"names misspelt, remove those rows from {qd}, or move them into {str(train)!r} to "
        "learn those classes too (5 texts or more of each, as 10 % of each class goes to "
        "test).\n"  # revtext36: what to do
    )
    assert not out.exists()
    # read_labelled_csv and train_classifier say it the same way; a label like no class has
    # no guess
    with pytest.raises(ValueError) as err:
        read_labelled_csv(dev, "text", "label", classes=["negative", "positive"])
    assert "'Positive' (did you mean 'positive'?) in row 3, 'negatve' (did you" in str(err.value)
    with pytest.raises(ValueError) as err:
        train_classifier(
            ["good"] * 5 + ["bad"] * 5,
            ["positive"] * 5 + ["negative"] * 5,
            dev=(["good", "bad", "meh"], ["positiv", "negative", "meh"]),
        )
    assert str(err.value) == (
        "`dev[1]` holds labels no training text has: 'meh' at position 2, 'positiv' (did you "
        "mean 'positive'?) at position 0 (the classes: 'negative', 'positive'; positions are "
        "0-based indices of `dev[1]`). "
        "Correct the names misspelt, leave those texts out of `dev`, or move them into "
        "`texts` and `labels` to learn those classes too (5 or more of each, as 10 % of "
        "each class goes to test)."  # revtext36: what to do
    )


LONG = (
    "1 of the 11 train texts holds more than 1,000 tokens (the longest, 1,001, begins 'fine fine "
    "fine fine fine fine'): a batch runs the LSTM over as many steps as its longest text, for "
    "every text in it, so each step with such a text is slow. Cut long texts to their first "
    "few hundred words (pandas: df[col].str.split().str[:300].str.join(' ')) or leave them out."
)


def test_a_very_long_text_is_warned_of_before_the_slow_training(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # one 10,000-word review among 40 short ones: 3 epochs ran for minutes, the bar at 0, with
    # no word of why
    rows = [(f"a fine film {k}", "pos") for k in range(5)]
    rows += [(f"a dull film {k}", "neg") for k in range(5)]
    rows.append((" ".join(["fine"] * 1001), "pos"))
    data = _write(tmp_path / "long.csv", rows)
    argv = ["text", "train", "--csv", str(data), "--text-col", "text", "--label-col", "label"]
    argv += ["--embed-dim", "2", "--hidden-size", "2", "--epochs", "1", "--no-progress"]
    argv += ["--no-bidirectional", "--evals-per-epoch", "1"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--out", str(tmp_path / "out")]) == 0
    # counted per set (text12): here the training set's 7
    assert capsys.readouterr().err == f"warning: {LONG.replace('11', '7')}\n"
    # 1,000 tokens are not warned of (filterwarnings=error would fail here)
    from lstmkit.text.sentiment import _warn_long_texts

    _warn_long_texts({"train": [" ".join(["fine"] * 1000), "a film"]})
    with pytest.warns(UserWarning) as caught:
        _warn_long_texts(
            {"train": [" ".join(["fine"] * 1001)] + [f"a film {k}" for k in range(10)]}
        )
    assert [str(w.message) for w in caught] == [LONG]


def test_a_csv_given_to_predict_file_is_said_to_be_read_line_by_line(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the student's own labelled CSV, given to --file: its header was classified as a sentence
    # and each row's label read into its text, with nothing said
    path = tmp_path / "reviews.csv"
    path.write_text("review,rating\na fine film,up\n", "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        f"note: --file {str(path)!r} is read one sentence per line, each line whole: its line 1 "
        "('review,rating') is a sentence too, and a row's other fields (its label) are part of "
        "its text. To classify a column, write its texts alone, one per line (pandas, with col "
        "the texts' column: Path('texts.txt').write_text('\\n'.join(pd.read_csv("
        f"{str(path)!r})[col].dropna()))), and give that file.\n"
    )
    assert [json.loads(line)["text"] for line in captured.out.splitlines()] == [
        "review,rating",
        "a fine film,up",
    ]
    # a text file is read as before, with no note
    (tmp_path / "reviews.txt").write_text("a fine film\n", "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(tmp_path / "reviews.txt")]) == 0
    assert capsys.readouterr().err == ""
