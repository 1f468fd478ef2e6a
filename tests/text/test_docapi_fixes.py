"""``pad_batch`` refuses what its docstring says is no id sequence, naming the sequence."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.text import pad_batch


def test_pad_batch_pads_int_sequences_of_any_kind():
    tokens, lengths = pad_batch([torch.tensor([1, 2]), np.array([3]), (4, 5, 6)], pad_id=9)
    assert tokens.tolist() == [[1, 2, 9], [3, 9, 9], [4, 5, 6]]
    assert lengths.tolist() == [2, 1, 3]
    assert (tokens.dtype, lengths.dtype) == (torch.int64, torch.int64)


@pytest.mark.parametrize(
    ("sequences", "pad_id", "message"),
    [
        # 1.5 was read as the id 1
        ([[1, 2], [1.5]], 0, "`sequences[1]` must hold ints, got float 1.5 at `sequences[1][0]`."),
        ([[1, True]], 0, "`sequences[0]` must hold ints, got bool True at `sequences[0][1]`."),
        # torch's "new(): invalid data type 'str'"
        ([[1], "ab"], 0, "`sequences[1]` must be a sequence of int ids, got str 'ab'."),
        ([5], 0, "`sequences[0]` must be a sequence of int ids, got int 5."),
        # torch's "full(): argument 'fill_value' (position 2) must be Number, not str"
        ([[1]], "a", "`pad_id` must be an integer, got 'a'."),
        ([[1]], 1.0, "`pad_id` must be an integer, got 1.0."),
    ],
)
def test_pad_batch_refuses_what_is_no_id_by_name(sequences, pad_id, message):
    with pytest.raises(TypeError) as info:
        pad_batch(sequences, pad_id=pad_id)
    assert str(info.value) == message


@pytest.mark.parametrize(("text", "kind"), [(["it's", "great"], "list"), (None, "NoneType")])
def test_ptb_tokenize_refuses_what_is_no_str_by_name(text, kind):
    from lstmkit.text import ptb_tokenize

    with pytest.raises(TypeError) as info:
        ptb_tokenize(text)
    assert str(info.value) == f"`text` must be a str, got {kind}."


@pytest.mark.parametrize(
    ("method", "text", "error", "message"),
    [
        ("tokens", 3, TypeError, "`text` must be a str, got int."),
        ("unknown", ["a"], TypeError, "`text` must be a str, got list."),
        ("encode", None, TypeError, "`text` must be a str, got NoneType."),
        ("encode", "  ", ValueError, "`text` must contain at least one token, got '  '."),
    ],
)
def test_predictor_methods_raise_what_their_docstrings_name(method, text, error, message):
    import inspect

    from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary

    vocab = Vocabulary.build(["a good film", "a bad film"])
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("no", "yes"))
    call = getattr(predictor, method)
    assert f"{error.__name__}:" in inspect.getdoc(call).split("Raises:", 1)[-1]
    with pytest.raises(error) as info:
        call(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("loader", "argument"),
    [
        ("load_charlm", "model_dir"),
        ("load_seq2seq", "model_dir"),
        ("SentimentPredictor.load", "model_dir"),
        ("Vocabulary.load", "path"),
    ],
)
def test_the_loaders_name_the_typeerror_of_a_path_that_is_none(loader, argument):
    import inspect

    import lstmkit.text as text

    owner, _, name = loader.rpartition(".")
    load = getattr(getattr(text, owner) if owner else text, name)
    assert "TypeError:" in inspect.getdoc(load).split("Raises:", 1)[1]
    with pytest.raises(TypeError) as info:
        load(None)
    takes = "a str, a Path or a file object (open(...), io.StringIO, io.BytesIO)"  # (files9)
    expected = takes if loader == "Vocabulary.load" else "a str or Path"
    assert str(info.value) == f"`{argument}` must be {expected}, got NoneType."
