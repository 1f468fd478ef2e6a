"""Your own labelled texts, exactly: the checks' messages, the class order, the split and the
CSV reader's row numbers."""

from __future__ import annotations

import pytest

from lstmkit.text import labelled
from lstmkit.text.labelled import (
    case_variants,
    check_labelled,
    class_names,
    class_problems,
    held_out_count,
    read_labelled_csv,
    stratified_split,
    text_tokens,
)

SPLITS = ("dev", "test")


def test_class_names_differing_in_case_are_grouped_as_casefold_groups_them():
    assert case_variants(["Straße", "STRASSE", "x", "X", "y"]) == [
        ("STRASSE", "Straße"),
        ("X", "x"),
    ]
    assert case_variants(["a", "b"]) == []


def test_tokens_are_read_once_and_handed_out_as_lists_of_their_own():
    with labelled._tokenised_once():
        with labelled._tokenised_once():  # nested: the outer block's tokens
            first = text_tokens("It's GOOD")
        assert labelled._TOKENS.get() == {"It's GOOD": ("it", "'s", "good")}
        first.append("changed")
        again = text_tokens("It's GOOD")
        assert again == ["it", "'s", "good"] and type(again) is list
    assert labelled._TOKENS.get() is None
    assert text_tokens("cafe\u0301") == ["caf\u00e9"]  # composed, as SST's files are


def _value_error(texts, labels) -> str:
    with pytest.raises(ValueError) as err:
        check_labelled(texts, labels)
    return str(err.value)


def test_labelled_texts_problems_are_listed_exactly():
    assert check_labelled(["a film", "b"], [" pos ", "neg"]) == (["a film", "b"], ["pos", "neg"])
    assert _value_error([], ["a"]) == (
        "`texts` and `labels` must be as long as each other (one label per text), got 0 texts "
        "and 1 label."
    )
    assert _value_error([], []) == "`texts` must hold at least one text, got none."
    assert _value_error(["a"] * 6, ["", " "] * 3) == (
        "every label must be a non-empty class name, got `labels[0]` '', `labels[1]` ' ', "
        "`labels[2]` '', `labels[3]` ' ', `labels[4]` '' and 1 more."
    )
    assert _value_error(["a"] * 5, [""] * 5) == (
        "every label must be a non-empty class name, got `labels[0]` '', `labels[1]` '', "
        "`labels[2]` '', `labels[3]` '', `labels[4]` ''."
    )
    assert _value_error(["", "a"], ["x", ""]) == (
        "every text must contain a token, got none in `texts[0]` ''. Every label must be a "
        "non-empty class name, got `labels[1]` ''."
    )
    with pytest.raises(TypeError) as err:
        check_labelled("abc", ["x", "y", "z"])
    assert str(err.value) == "`texts` must be a sequence of str, one per example, got one str."
    with pytest.raises(TypeError) as err:
        check_labelled(["a"], 5)
    assert str(err.value) == "`labels` must be a sequence of str, got int."
    with pytest.raises(TypeError) as err:
        check_labelled(["a", 3, None], ["x"] * 3)
    assert str(err.value) == "`texts` must hold str only, got `texts[1]` int 3, `texts[2]` None."


def test_classes_sort_by_value_when_all_are_numbers_and_ties_by_text():
    assert class_names(["+3", "-2", "10", "-2"]) == ("-2", "+3", "10")
    assert class_names(["1.0", "1", "01", "1e0", "+1", "10e-1"]) == (
        "+1",
        "01",
        "1",
        "1.0",
        "10e-1",
        "1e0",
    )
    with pytest.raises(ValueError) as err:
        class_names(["a", "a"], "y")
    assert str(err.value) == "`y` must name at least 2 classes, got 1: 'a'."


def test_held_out_counts_round_half_up():
    assert [held_out_count(n) for n in (4, 5, 14, 15, 24, 25)] == [0, 1, 1, 2, 2, 3]


def test_a_seed_gives_the_same_split():
    labels = ["a"] * 10 + ["b"] * 10
    assert stratified_split(labels, seed=0) == {
        "train": [0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 15, 16, 17, 18],
        "dev": [7, 19],
        "test": [8, 14],
    }
    assert stratified_split(labels, seed=1, held_out=("dev",)) == {
        "train": [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19],
        "dev": [6, 14],
    }
    with pytest.raises(ValueError) as err:
        stratified_split(labels, held_out=("dev", "dev"))
    assert str(err.value) == (
        "`held_out` must be ('dev', 'test'), ('dev',) or ('test',), got ('dev', 'dev')."
    )


def test_classes_too_small_for_the_held_out_sets_are_listed():
    assert class_problems(["a"] * 5 + ["b"] * 5, "s", training=True, held_out=SPLITS) == []
    assert class_problems(["a", "b"], "s", training=True, held_out=()) == []
    assert class_problems(["a"] * 4 + ["b"] * 5 + ["c"], "s", training=True, held_out=SPLITS) == [
        "s must hold at least 5 examples of each class, so that 10 % of each (rounded) goes to "
        "dev and to test, got 4 of 'a', 1 of 'c'"
        ": add texts of those classes or leave their rows out"
    ]


def test_a_csv_names_its_empty_rows_counted_below_the_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("text,label\ngood film, pos \n,neg\nbad,\nok,pos\nfine,neg\n")
    q = repr(str(path))  # as given, quoted
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label", training=True, held_out=("dev",))
    assert str(err.value) == (
        f"column 'text' of {q} must hold a text with a token in every row, got none in row "
        f"2; column 'label' of {q} must hold a label in every row, got an empty one in row 3 "
        "(rows counted from 1 below the header); fill them in or remove them. Column 'label' of "
        f"{q} must hold at least 5 examples of each class, so that 10 % of each (rounded) goes "
        "to dev, got 2 of 'neg', 2 of 'pos': add texts of those classes or leave their rows out."
    )
    path.write_text("text,label\ngood film, pos \nbad,neg\n")
    assert read_labelled_csv(path, "text", "label") == (["good film", "bad"], ["pos", "neg"])
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "text")
    assert str(err.value) == (
        "`text_col` and `label_col` must name two different columns, got 'text' for both."
    )


def test_held_out_given_as_one_str_or_no_sequence_is_shown_as_given():
    # "dev" was refused as got ('d', 'e', 'v'), and 5 or an unhashable entry raised TypeError
    labels = ["a", "b"] * 10
    start = "`held_out` must be ('dev', 'test'), ('dev',) or ('test',), got "
    for held_out, shown in [
        ("dev", "'dev', a str: one set is written ('dev',)."),
        ("test", "'test', a str: one set is written ('test',)."),
        ("valid", "'valid'."),
        (5, "5."),
        (("dev", ["test"]), "('dev', ['test'])."),
        ((), "()."),
    ]:
        with pytest.raises(ValueError) as err:
            stratified_split(labels, held_out=held_out)
        assert str(err.value) == start + shown
    assert stratified_split(labels, held_out=["test"]).keys() == {"train", "test"}
