"""Review of the day's changes in lstmkit.text: what they got wrong in cases their authors did
not try."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit.text.labelled import number_variants, read_labelled_csv
from lstmkit.text.seq2seq import sequence_accuracy


@pytest.mark.parametrize("kind", [np.array, torch.tensor])
def test_sequence_accuracy_takes_arrays_and_tensors_as_it_did(kind):
    # the check for no targets, `not targets`, failed on them: "The truth value of an array
    # with more than one element is ambiguous"
    predictions = kind([[1, 2], [3, 4]])
    targets = kind([[1, 2], [3, 5]])
    assert sequence_accuracy(predictions, targets) == pytest.approx(0.5, abs=1e-12)


def test_sequence_accuracy_still_refuses_no_targets():
    with pytest.raises(ValueError) as err:
        sequence_accuracy(np.zeros((0, 2)), np.zeros((0, 2)))
    assert str(err.value) == (
        "`predictions` and `targets` must be as many, at least 1, got 0 and 0."
    )


def test_a_quoted_text_over_the_csv_modules_field_limit_is_read_not_called_a_runaway_quote(
    tmp_path,
):
    # a quoted text of several lines longer than 128 KiB was refused as "a value that opens a
    # quote on line 2 and closes it amid a value on line 132": the csv module's field limit
    text = ("word " * 200 + "\n") * 200
    path = tmp_path / "long.csv"
    path.write_text(f'text,label\n"{text}",pos\nbad,neg\n', encoding="utf-8")
    texts, labels = read_labelled_csv(path, "text", "label")
    assert [len(t) for t in texts] == [len(text), 3]
    assert labels == ["pos", "neg"]


def test_a_runaway_quote_is_still_refused_with_its_lines(tmp_path):
    path = tmp_path / "runaway.csv"
    path.write_text('text,label\n"great film,pos\nbad,neg\nok" so,pos\nfine,neg\n')
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value).startswith(
        "CSV file 'runaway.csv' has a value that opens a quote on line 2 and closes it amid a "
        "value on line 4,"
    )


def test_number_variants_do_not_group_distinct_numbers_that_floats_round_together():
    # as floats, 9007199254740993 == 9007199254740992 (past 2**53) and 1e400 == 2e400 (inf):
    # two distinct class codes were warned about as "one number written differently"
    names = ["9007199254740992", "9007199254740993", "1e400", "2e400", "1", "1.0"]
    assert number_variants(names) == [("1", "1.0")]


@pytest.mark.parametrize(
    ("val_fraction", "split"),
    [(np.float32(0.2), ("abcdefgh", "ij")), (np.int64(0), ("abcdefghij", ""))],
)
def test_split_text_takes_numpy_numbers_as_it_did(val_fraction, split):
    # the new range check took only Python numbers: "`val_fraction` must be a number in
    # [0, 1], got np.float32(0.2)"
    from lstmkit.text.charlm import split_text

    assert split_text("abcdefghij", val_fraction) == split


@pytest.mark.parametrize(("sep", "pad"), [(",", " "), (",", "\t"), ("\t", "  ")])
def test_a_quoted_text_of_several_lines_with_spaces_after_its_closing_quote_is_read(
    tmp_path, sep, pad
):
    # '"great\nfilm" ,pos' was refused as a runaway quote closing "amid a value on line 3";
    # pandas reads it, as before the check, the spaces kept in the text
    path = tmp_path / "padded.csv"
    path.write_text(f'text{sep}label\n"great\nfilm"{pad}{sep}pos\nbad{sep}neg\n')
    assert read_labelled_csv(path, "text", "label", sep=sep) == (
        [f"great\nfilm{pad}", "bad"],
        ["pos", "neg"],
    )


def test_classifier_ensemble_names_members_by_their_position_in_members():
    # with a member of one's own first, the TextClassifiers were counted from 0 among themselves
    from lstmkit.text import TextClassifier
    from lstmkit.text.classifier import ClassifierEnsemble

    with pytest.raises(
        ValueError,
        match=re.escape(
            "the members of a ClassifierEnsemble must share `num_classes` and `vocab_size` to "
            "average their logits: member 2 has num_classes=3 where member 1 has 2."
        ),
    ):
        ClassifierEnsemble(
            [nn.Linear(2, 2), TextClassifier(5, 2, 2, 2), TextClassifier(5, 2, 2, 3)]
        )
