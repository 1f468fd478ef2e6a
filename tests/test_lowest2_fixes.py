"""What the suite on the lowest declared versions (numpy 1.24, pandas 2.2) found after the
merges of readleft, revread2 and revtext2: a UTF-32-BE file, whose byte-order mark begins with
two NUL bytes, was read by pandas 2's parser as rows of empty fields, without a decoding
error: read_csv said it had no data rows, and read_labelled_csv raised the bare
UnicodeDecodeError of its own look for a runaway quote, instead of naming UTF-32. And numpy
scalars in two messages, written as numpy 1 writes them: numpy's bool named ``numpy.bool_``
(``numpy.bool`` on numpy 2), ``np.float64(1.5)`` written ``1.5``; so in the configs' choices
and ``device``. On numpy 2, a numpy ``task`` also gave SentimentConfig a second, spurious
problem with the ``neutral_words`` it derived from it (``np.float64(1.5) == "sst5"`` is
``np.False_``)."""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit import ForecasterConfig, TrainConfig
from lstmkit.text import CharLMConfig, SentimentConfig, Seq2SeqConfig
from lstmkit.text.labelled import read_labelled_csv
from lstmkit.text.seq2seq import normalize_number

UTF32_BE = (
    "CSV file 'wide.csv' must be UTF-8 text, got UTF-32 (it begins with UTF-32's byte-order "
    "mark 0x00 0x00 0xfe 0xff); save the file as UTF-8."
)


def test_a_utf32_be_labelled_csv_is_named_utf32(tmp_path) -> None:
    # pandas 2.2: "'utf-8' codec can't decode byte 0xfe in position 2: invalid start byte"
    # (read_csv's is pinned in test_revread2_fixes.py)
    path = tmp_path / "wide.csv"
    path.write_bytes("\ufefftext,label\ngood film,pos\n".encode("utf-32-be"))
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == UTF32_BE


def test_a_numpy_bool_level_is_named_as_on_numpy_2() -> None:
    # numpy 1: "..., got numpy.bool_(True)."
    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=np.True_)
    assert str(err.value) == (
        "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got "
        "np.True_ (a coverage, not a switch: e.g. 0.8)."
    )


@pytest.mark.parametrize(
    ("number", "shown"),
    [(np.False_, "np.False_"), (np.float64(1.5), "np.float64(1.5)")],
)
def test_a_numpy_scalar_number_to_spell_is_shown_as_on_numpy_2(number, shown) -> None:
    # numpy 1: "got numpy.bool_ False", "got numpy.float64 1.5"
    with pytest.raises(TypeError) as err:
        normalize_number(number)
    assert str(err.value) == (
        f"`number` must be a string of digits 0-9 or an integer >= 0, got {shown}."
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda x: ForecasterConfig(strategy=x),
            "`strategy` must be a str, one of ('direct', 'recursive', 'seq2seq'), got "
            "np.float64(1.5).",
        ),
        (
            lambda x: ForecasterConfig(device=x),
            "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', "
            "...), got np.float64(1.5).",
        ),
        (
            lambda x: CharLMConfig(device=x),
            "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', "
            "...), got np.float64(1.5).",
        ),
        (
            lambda x: SentimentConfig(readout=x),
            "`readout` must be a str, 'last', 'max' or 'mean', got np.float64(1.5).",
        ),
        (
            lambda x: Seq2SeqConfig(max_digits=x),
            "`max_digits` must be an integer in 1..9, got np.float64(1.5).",
        ),
        (
            lambda x: TrainConfig(schedule=x),
            "`schedule` must be a str, 'cosine', 'plateau' or 'constant', got np.float64(1.5).",
        ),
        # numpy 2: "... got np.float64(1.5). `neutral_words` must be True or False, got
        # np.False_ (give a Python bool: bool(x))."
        (
            lambda x: SentimentConfig(task=x),
            "`task` must be a str, one of ('sst2', 'sst5'), got np.float64(1.5).",
        ),
    ],
)
def test_a_numpy_scalar_choice_is_shown_as_on_numpy_2(make, message) -> None:
    # numpy 1: "..., got 1.5."
    with pytest.raises(ValueError) as err:
        make(np.float64(1.5))
    assert str(err.value) == message
