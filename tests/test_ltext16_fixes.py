"""Text leftovers of the text15 review (ltext16): a dev or test set passed the other way round
told so by the training set's rule, decimal-comma ratings counted as numbers and an empty label
not counted as a value by that rule, ``text predict``'s several blank sentences naming their
argument, and the ``imbalanced`` flag computed only where it is printed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, read_labelled_csv, sentiment, train_classifier
from lstmkit.text.labelled import _swapped_arguments, _swapped_columns

TEXTS = [f"a fine film {k}" for k in range(5)] + [f"a dull film {k}" for k in range(5)]
RATINGS = ["5"] * 5 + ["1"] * 5
QUIET = SentimentConfig(progress=False)


def test_a_dev_set_passed_the_other_way_round_is_told_swapped() -> None:
    # dev=(ratings, reviews) was refused only as three labels no training text has
    with pytest.raises(ValueError) as info:
        train_classifier(
            TEXTS, RATINGS, QUIET, dev=(["5", "1", "5"], ["good one", "bad one", "fine one"])
        )
    assert str(info.value) == (
        "`dev[1]` holds labels no training text has: 'bad one' at position 1, 'fine one' at "
        "position 2, 'good one' at position 0 (the classes: '1', '5'; positions are 0-based "
        "indices of `dev[1]`). `dev[0]` holds numbers alone and `dev[1]` a different value in "
        "3 of its 3 places: the two look swapped; pass the texts first, dev=(texts, labels)."
    )
    # a ratings column pandas read as ints, as the training set's: no fix that makes them str
    with pytest.raises(TypeError) as info:
        train_classifier(TEXTS, RATINGS, QUIET, test=(pd.Series([5, 1]), ["good one", "bad one"]))
    assert str(info.value) == (
        "`test[0]` must hold str only, got `test[0][0]` int 5, `test[0][1]` int 1; `test[0]` "
        "holds numbers alone and `test[1]` a different value in 2 of its 2 places: the two "
        "look swapped; pass the texts first, test=(texts, labels)."
    )


def test_a_dev_file_with_its_columns_swapped_is_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a dev file whose header names the columns the other way round was refused only as
    # labels no training text has
    train, dev = tmp_path / "train.csv", tmp_path / "dev.csv"
    rows = [f'"a good film {k}",5\n"a bad film {k}",1\n' for k in range(10)]
    train.write_text("review,rating\n" + "".join(rows), "utf-8")
    dev.write_text("review,rating\n5,a good film\n1,a bad film\n", "utf-8")
    out = tmp_path / "out"
    argv = ["text", "train", "--csv", str(train), "--text-col", "review", "--label-col"]
    argv += ["rating", "--dev-csv", str(dev), "--out", str(out), "--no-progress"]
    qd = repr(str(dev))  # as given, quoted
    assert main(argv) == 2
    assert capsys.readouterr() == (
        "",
        f"error: column 'rating' of {qd} holds labels no training text has: 'a bad film' in "
        "row 2, 'a good film' in row 1 (the classes: '1', '5'; rows counted from 1 below the "
        "header). --text-col 'review' holds numbers alone and --label-col 'rating' a "
        "different value in 2 of its 2 rows: the two columns look swapped in this file; swap "
        "the two names in its header.\n",
    )
    assert not out.exists()
    # the right way round, it reads as before
    dev.write_text("review,rating\na good film,5\na bad film,1\n", "utf-8")
    assert read_labelled_csv(dev, "review", "rating", classes={"1", "5"}) == (
        ["a good film", "a bad film"],
        ["5", "1"],
    )


def test_decimal_comma_ratings_count_as_numbers_for_the_swap_rule() -> None:
    # "4,5" (a rating as a European spreadsheet writes it) hid the swap; only the word on a
    # refusal: no number is read from it
    reviews = ["good", "bad", "fine", "dull"]
    assert _swapped_columns(["4,5", "1", "3,5", "2"], reviews, "rating", "review") == (
        "`text_col` 'rating' holds numbers alone and `label_col` 'review' a different value in "
        "4 of its 4 rows: the two columns look swapped; give `text_col` 'review' and "
        "`label_col` 'rating'"
    )


def test_an_empty_label_is_no_value_for_the_swap_rule() -> None:
    # an empty label was counted as a value: "3 of its 4" where two reviews differ
    assert _swapped_columns(["5", "1", "5", "1"], ["good", "bad", "", ""], "r", "v") is None
    assert _swapped_arguments(["5", "1", "5"], ["good", "bad", ""]) == (
        "`texts` holds numbers alone and `labels` a different value in 2 of its 3 places: the "
        "two look swapped; pass the texts first, train_classifier(texts, labels)"
    )


def test_several_blank_sentences_name_their_argument(
    clf_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "sentence 2" named no argument where one blank sentence says "(argument text)"
    assert main(["text", "predict", str(clf_dir), "good", "", "bad"]) == 2
    assert capsys.readouterr().err == (
        "error: sentence 2 (argument text) must contain at least one token, got ''.\n"
    )


def test_imbalanced_is_computed_only_where_it_is_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    # the metrics' figures went through _class_figures, whose flag they then dropped
    def unused(*args: object) -> dict[str, object]:
        raise AssertionError("the metrics computed the imbalanced flag")

    monkeypatch.setattr(sentiment, "_class_figures", unused)
    figures = sentiment._test_figures([[4, 0], [1, 1]], ["a", "b"])
    assert figures == {
        "recall": {"a": 1.0, "b": 0.5},
        "balanced_accuracy": 0.75,
        "macro_f1": (8 / 9 + 2 / 3) / 2,
        "majority": {"label": "a", "accuracy": 4 / 6},
    }
    monkeypatch.undo()
    assert sentiment._class_figures([[4, 0], [1, 1]], ["a", "b"]) == figures | {"imbalanced": True}


def test_numbers_beside_new_classes_in_a_dev_set_are_no_swap() -> None:
    # the dev rule asks that the texts be training classes too: product codes beside a
    # category no training text has are an unknown label alone, not "the two look swapped"
    codes, groups = ["101", "202", "303", "404"], ["tools", "garden", "tools", "garden"]
    with pytest.raises(ValueError) as info:
        train_classifier(codes, groups, QUIET, dev=(["505"], ["kitchen"]), test=(["6"], ["tools"]))
    assert str(info.value) == (
        "`dev[1]` holds labels no training text has: 'kitchen' at position 0 (the classes: "
        "'garden', 'tools'; positions are 0-based indices of `dev[1]`). "
        "Leave those texts out of `dev`, or move them into `texts` and `labels` to "
        "learn those classes too."  # revtext36: what to do
    )
