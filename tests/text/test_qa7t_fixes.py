"""Fixes from a fresh user's pass over README's Text sections (qa7t)."""

import numpy as np
import pytest

from lstmkit.cli import CLIError, read_sentences
from lstmkit.text import SentimentConfig, train_classifier


def test_labels_given_as_numbers_are_told_how_to_pass_them():
    labels = np.array([1, 2] * 5)
    with pytest.raises(TypeError) as err:
        train_classifier(["a good film"] * 10, labels)
    assert str(err.value) == (
        "`labels` must hold str only, got `labels[0]` np.int64(1), `labels[1]` "
        "np.int64(2), `labels[2]` np.int64(1), `labels[3]` np.int64(2), "
        "`labels[4]` np.int64(1) and 5 more (to read numbers as text, pass "
        "`[str(v) for v in labels]`)."
    )
    config = SentimentConfig(epochs=1, embed_dim=4, hidden_size=4, progress=False)
    result = train_classifier([f"film {k}" for k in range(10)], [str(v) for v in labels], config)
    assert result.labels == ("1", "2")


def test_the_numbers_hint_names_a_dev_set():
    with pytest.raises(TypeError) as err:
        train_classifier(["a b"] * 10, ["x", "y"] * 5, dev=(["a"], [1.5]))
    assert str(err.value) == (
        "`dev[1]` must hold str only, got `dev[1][0]` float 1.5 (to read numbers as text, pass "
        "`[str(v) for v in dev[1]]`)."
    )


def test_no_numbers_hint_where_a_non_str_is_not_a_number():
    with pytest.raises(TypeError) as err:
        train_classifier(["a b"] * 4, ["x", None, True, 2])
    assert str(err.value) == (
        "`labels` must hold str only, got `labels[1]` None, `labels[2]` bool True, "
        "`labels[3]` int 2."
    )


def test_sentences_file_that_does_not_exist_is_said_to_be_missing(tmp_path):
    missing, link = tmp_path / "nowhere.txt", tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    for path in (missing, link):
        with pytest.raises(CLIError) as err:
            read_sentences(str(path))
        assert str(err.value) == f"--file {str(path)!r} not found."
    with pytest.raises(CLIError) as err:  # a folder is there, but not a file
        read_sentences(str(tmp_path))
    assert str(err.value) == f"--file must be a text file, got the folder {str(tmp_path)!r}."
