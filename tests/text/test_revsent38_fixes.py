"""Review of sent38 (revsent38): each of text train's files read by its own separator, the
dropna hint's claim about read_labelled_csv made true."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lstmkit.cli import main

TRAIN = ["--epochs", "1", "--embed-dim", "4", "--hidden-size", "4", "--no-progress"]


@pytest.mark.parametrize("columns", [[], ["--text-col", "text", "--label-col", "label"]])
def test_text_train_reads_each_file_by_its_own_separator(
    tmp_path: Path,
    sep_rows: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    columns: list[str],
) -> None:
    # --csv train.tsv --dev-csv dev.csv read dev.csv with the training file's tab and refused
    # it, "pass --sep ','", which then refused train.tsv: no --sep read both
    train = sep_rows(tmp_path / "train.tsv", "\t")
    dev = sep_rows(tmp_path / "dev.csv", ",", 4)
    test = sep_rows(tmp_path / "Test.TSV", "\t", 3)
    run = ["--csv", str(train), "--dev-csv", str(dev), *columns, *TRAIN]
    assert main(["text", "train", *run, "--out", str(tmp_path / "a")]) == 0
    assert "examples: train 10, dev 8, test 2" in capsys.readouterr().out
    # a comma-separated training file, a tab-separated dev and test file
    train = sep_rows(tmp_path / "train.csv", ",")
    dev = sep_rows(tmp_path / "dev.tsv", "\t", 4)
    run = ["--csv", str(train), "--dev-csv", str(dev), "--test-csv", str(test), *columns]
    assert main(["text", "train", *run, *TRAIN, "--out", str(tmp_path / "b")]) == 0
    assert "examples: train 12, dev 8, test 6" in capsys.readouterr().out
    # a --sep given reads every file by it, as before; where it reads one as one column that
    # holds its name's separator, the refusal says to leave --sep out (txt38: it said "pass
    # --sep tab", which then refused train.csv)
    run = ["--csv", str(train), "--dev-csv", str(dev), "--sep", ",", *columns, *TRAIN]
    assert main(["text", "train", *run, "--out", str(tmp_path / "c")]) == 2
    assert capsys.readouterr().err == (
        "error: --sep ',' reads every file with it, but the files' names give different "
        f"separators, and by it the header of --dev-csv {str(dev)!r} ('text\\tlabel') is one "
        "column that holds the separator its name gives. Leave --sep out: each file is then "
        "read by the separator its name gives (a tab for a .tsv, a comma for any other name).\n"
    )


def test_dropna_hint_says_what_read_labelled_csv_does_with_an_empty_cell(tmp_path: Path) -> None:
    # the hint said read_labelled_csv "skips blank rows", where the row at hand, a text with an
    # empty label, is refused by it: it names that row
    import pandas as pd
    import torch

    from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary, read_labelled_csv

    path = tmp_path / "reviews.csv"
    path.write_text("review,rating\na good film,pos\na meh film,\n,\na bad film,neg\n")
    df = pd.read_csv(path)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))
    with pytest.raises(ValueError) as err:
        predictor.evaluate(df["review"].fillna("x"), df["rating"])
    assert str(err.value) == (
        "`labels` must hold a label for every text, got missing labels: nan at position 1, nan "
        "at position 2 (positions counted from 0; nan is how pandas reads an empty cell: drop "
        "those rows first, `df = df.dropna(subset=['review', 'rating'])`, or read the file with "
        "`read_labelled_csv`, which skips blank rows and names the row of a text or label left "
        "empty), or pass drop_unknown=True to leave their texts out."
    )
    # what it says read_labelled_csv does, it does: row 3, ',', skipped; row 2 named
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "review", "rating")
    assert str(err.value) == (
        f"column 'rating' of {str(path)!r} must hold a label in every row, got an empty one in "
        "row 2 (rows counted from 1 below the header); fill it in or remove it."
    )
    path.write_text("review,rating\na good film,pos\n,\na bad film,neg\n")
    assert read_labelled_csv(path, "review", "rating") == (
        ["a good film", "a bad film"],
        ["pos", "neg"],
    )


def test_a_class_too_small_to_split_is_told_what_to_do(tmp_path: Path) -> None:
    # "..., got 4 of '3'." ended the refusal with no next step
    from lstmkit.text import read_labelled_csv, stratified_split

    rows = [f"a good film {k},pos" for k in range(6)] + [f"a bad film {k},neg" for k in range(6)]
    path = tmp_path / "few.csv"
    path.write_text("text,label\n" + "\n".join([*rows, *(f"ok {k},3" for k in range(4))]) + "\n")
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label", held_out=("dev", "test"))
    assert str(err.value) == (
        f"column 'label' of {str(path)!r} must hold at least 5 examples of each class, so that "
        "10 % of each (rounded) goes to dev and to test, got 4 of '3': add texts of that class "
        "or leave its rows out."
    )
    with pytest.raises(ValueError) as err:
        stratified_split(["a", "a", "b", "c", "c"], held_out=("dev",))
    assert str(err.value).endswith(
        "goes to dev, got 2 of 'a', 1 of 'b', 2 of 'c': add texts of those classes or leave "
        "their rows out."
    )
    # the advice, taken: its rows left out, or one more text of it, and the file is read
    path.write_text("text,label\n" + "\n".join(rows) + "\n")
    assert len(read_labelled_csv(path, "text", "label", held_out=("dev", "test"))[0]) == 12
    path.write_text("text,label\n" + "\n".join([*rows, *(f"ok {k},3" for k in range(5))]) + "\n")
    assert len(read_labelled_csv(path, "text", "label", held_out=("dev", "test"))[0]) == 17


def test_an_int_crossing_a_class_named_by_an_integer_among_words_is_told_truly() -> None:
    # classes '1' and 'pos': target=1 (and label 1) index 'pos' and name '1', refused as for
    # ratings, but said to be of classes that "are integers written as text"
    import torch

    from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary

    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("1", "pos"))
    with pytest.raises(ValueError) as err:
        predictor.explain("a good film", target=1)
    assert str(err.value) == (
        "`target` must be a class name (str) where the model's classes include integers written "
        "as text ('1', 'pos'): an int is taken as a class index, and 1 indexes 'pos'. Pass "
        "target='1' for the class '1' or target=predictor.labels[1] ('pos') for the class at "
        "index 1."
    )
    with pytest.raises(ValueError) as err:
        predictor.evaluate(["a good film"], [1])
    assert str(err.value).startswith(
        "`labels` must be class names (str) where the model's classes include integers written "
        "as text ('1', 'pos'): an int is taken as a class index, and 1 at position 0 indexes "
        "'pos'."
    )
    # an index that names no class is no crossing here: 0 is '1', by index, as before
    assert predictor.explain("a good film", target=0) == predictor.explain(
        "a good film", target="1"
    )
