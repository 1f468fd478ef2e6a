"""Review of text23: the fixes found breaking what it added, each with its exact message."""

from __future__ import annotations

import pytest

# -- 1. count_repr: an int of more than 20 digits shortened as value_repr shortens it ----------


def _said(call) -> str:
    with pytest.raises((TypeError, ValueError)) as err:
        call()
    return str(err.value)


def test_a_huge_negative_count_is_shortened_not_failed_in_the_message() -> None:
    import torch

    from lstmkit.text.charlm import evaluate_loss, streams
    from lstmkit.text.seq2seq import number_to_words
    from lstmkit.text.vocab import Vocabulary

    # in full, an int of more than 4,300 digits failed in the message itself ("Exceeds the
    # limit (4300 digits) for integer string conversion"), and -10**30 was 31 digits to count
    huge = -(10**5000)
    ids = torch.arange(10)
    assert _said(lambda: streams(ids, huge)) == (
        "`batch_size` must be a positive integer, got -1e+5000 (an int of 5001 digits)."
    )
    assert _said(lambda: evaluate_loss(None, ids, 2, huge)) == (
        "`bptt` must be a positive integer, got -1e+5000 (an int of 5001 digits)."
    )
    assert _said(lambda: number_to_words(10**5000)) == (
        "`n` must be in [0, 10**9), got 1e+5000 (an int of 5001 digits)."
    )
    assert _said(lambda: Vocabulary.build([["a"]], max_size=huge)) == (
        "`max_size` must be an integer >= 0 or None, got -1e+5000 (an int of 5001 digits)."
    )


# -- 2. read_labelled_csv: a column's name drawn from a numpy array shown as the name it is ----


def test_a_missing_column_named_by_a_numpy_str_is_shown_as_plain_text(tmp_path) -> None:
    import numpy as np

    from lstmkit.text.labelled import read_labelled_csv

    file = tmp_path / "r.csv"
    file.write_text("Text,label\nhello,a\nbye,b\n", encoding="utf-8")
    names = np.array(["txt", "label"])  # np.str_ items: np.str_('txt') on numpy 2, 'txt' on 1
    with pytest.raises(ValueError) as err:
        read_labelled_csv(file, names[0], names[1])
    assert str(err.value) == (
        f"`text_col` 'txt' is not a column of {str(file)!r}; available columns: ['Text', "
        "'label'] (did you mean 'Text'?)."
    )
    # the same name given twice, and a column found whose rows are refused
    twice = np.array(["Text", "Text"])
    with pytest.raises(ValueError) as err:
        read_labelled_csv(file, twice[0], twice[1])
    assert str(err.value) == (
        "`text_col` and `label_col` must name two different columns, got 'Text' for both."
    )
    file.write_text("Text,label\n,a\nbye,b\n", encoding="utf-8")
    found = np.array(["Text", "label"])
    with pytest.raises(ValueError) as err:
        read_labelled_csv(file, found[0], found[1])
    assert str(err.value).startswith(
        f"column 'Text' of {str(file)!r} must hold a text with a token in every row, got none "
        "in row 1 (rows counted from 1 below the header)"
    )


def test_texts_and_labels_drawn_from_numpy_arrays_are_shown_as_plain_text() -> None:
    import numpy as np

    from lstmkit.text.classifier import TextClassifier
    from lstmkit.text.labelled import check_labelled
    from lstmkit.text.sentiment import SentimentPredictor
    from lstmkit.text.vocab import Vocabulary

    # numpy 2 wrote "`texts[0]` np.str_('')", numpy 1 "`texts[0]` ''"
    with pytest.raises(ValueError) as err:
        check_labelled(np.array(["", "a b"]), np.array([" ", "y"]))
    assert str(err.value) == (
        "every text must contain a token, got none in `texts[0]` ''. Every label must be a "
        "non-empty class name, got `labels[0]` ' '."
    )
    vocab = Vocabulary.build([["a"]])
    model = TextClassifier(vocab_size=len(vocab), embed_dim=2, hidden_size=2, num_classes=2)
    with pytest.raises(ValueError) as err:
        SentimentPredictor(model, vocab, np.array(["", "up"]))
    assert str(err.value) == "every label must be a non-empty class name, got `labels[0]` ''."
    names = SentimentPredictor(model, vocab, np.array(["down", "up"])).labels
    assert names == ("down", "up") and all(type(n) is str for n in names)
