"""Small argument checks of the text workflows' public functions, exactly."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.text.charlm import (
    CharLM,
    CharLMConfig,
    CharVocab,
    check_corpus,
    evaluate_loss,
    sample_next,
    save_charlm,
    split_text,
    streams,
)
from lstmkit.text.sentiment import TextClassifier, save_classifier
from lstmkit.text.seq2seq import (
    TARGET_TOKENS,
    Seq2Seq,
    decode_words,
    encode_number,
    normalize_number,
    save_seq2seq,
    sequence_accuracy,
    spell,
)
from lstmkit.text.vocab import Vocabulary


def _tiny_seq2seq() -> Seq2Seq:
    return Seq2Seq(11, len(TARGET_TOKENS), embed_dim=2, hidden_size=2, num_layers=1)


@pytest.mark.parametrize("bad", [0, -3, 10, True, "6", 2.5])
def test_max_digits_outside_1_to_9_is_refused_as_the_config_refuses_it(bad: object) -> None:
    # 0 refused every number as "at most 0 digits (... 1 to 0 digits)"; "6" raised a bare
    # TypeError from `>`; True passed as 1
    # text is told the number it reads as (a TypeError too), as the config tells it
    hint = " (a number, not text: 6)" if bad == "6" else ""
    message = f"`max_digits` must be an integer in 1..9, got {bad!r}{hint}."
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        normalize_number("5", max_digits=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        spell(_tiny_seq2seq(), "5", max_digits=bad)  # type: ignore[arg-type]


def test_max_digits_takes_1_to_9_of_any_int_type() -> None:
    assert normalize_number("007", max_digits=1) == "7"
    assert normalize_number("123456789", max_digits=np.int64(9)) == "123456789"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=re.escape("`number` must have at most 2 digits")):
        normalize_number("100", max_digits=np.int64(2))  # type: ignore[arg-type]


def _tiny_charlm() -> CharLM:
    return CharLM(3, embed_dim=2, hidden_size=2, num_layers=1)


@pytest.mark.parametrize(
    ("batch_size", "bptt", "message"),
    [
        (0, 4, "`batch_size` must be a positive integer, got 0."),
        (2, 0, "`bptt` must be a positive integer, got 0."),
        (
            -1,
            -2,
            "`batch_size` must be a positive integer, got -1. `bptt` must be a positive "
            "integer, got -2.",
        ),
    ],
)
def test_evaluate_loss_refuses_sizes_below_1_by_name(
    batch_size: int, bptt: int, message: str
) -> None:
    # batch_size=0 was a ZeroDivisionError, bptt=0 "range() arg 3 must not be zero", and a
    # negative bptt read nothing, a ZeroDivisionError too
    ids = torch.tensor([0, 1, 2] * 4)
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        evaluate_loss(_tiny_charlm(), ids, batch_size=batch_size, bptt=bptt)


def test_evaluate_loss_refuses_sizes_that_are_not_ints_by_name() -> None:
    ids = torch.tensor([0, 1, 2] * 4)
    message = "`batch_size` must be an integer, got True. `bptt` must be an integer, got 2.5."
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        evaluate_loss(_tiny_charlm(), ids, batch_size=True, bptt=2.5)  # type: ignore[arg-type]


def test_evaluate_loss_takes_numpy_ints_as_their_values() -> None:
    model, ids = _tiny_charlm(), torch.tensor([0, 1, 2] * 4)
    expected = evaluate_loss(model, ids, batch_size=2, bptt=3)
    got = evaluate_loss(model, ids, batch_size=np.int64(2), bptt=np.int64(3))  # type: ignore[arg-type]
    assert got == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("ids", "batch_size", "error", "message"),
    [
        (torch.arange(6), 0, ValueError, "`batch_size` must be a positive integer, got 0."),
        (torch.arange(6), -2, ValueError, "`batch_size` must be a positive integer, got -2."),
        (torch.arange(6), "3", TypeError, "`batch_size` must be an integer, got '3'."),
        ([0, 1, 2, 3], 2, TypeError, "`ids` must be a tensor, got list."),
        (torch.arange(22).view(2, 11), 4, ValueError, "`ids` must be 1-D, got shape (2, 11)."),
    ],
)
def test_streams_refuses_bad_arguments_by_name(
    ids: object, batch_size: object, error: type[Exception], message: str
) -> None:
    # batch_size=-2 read "text of 6 characters is too short", a list had no .numel(), and a
    # 2-D tensor failed in view()
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        streams(ids, batch_size)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ("12", "`ids` must be a sequence of int ids, got str '12'."),  # read as the ids 1 and 2
        (5, "`ids` must be a sequence of int ids, got int 5."),
        ([1.7, 0, True], "`ids` must hold ints, got float 1.7 at `ids[0]`, bool True at `ids[2]`."),
    ],
)
def test_every_decode_refuses_ids_that_are_no_ints(ids: object, message: str) -> None:
    # 1.7 and True were read as the id 1, "12" as 1 and 2, "ab" failed in int()
    decoders = (CharVocab(list("abc")).decode, Vocabulary(["a", "b"]).decode, decode_words)
    for decode in decoders:
        with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
            decode(ids)  # type: ignore[arg-type]


def test_every_decode_takes_integers_of_any_kind() -> None:
    ids = [np.int64(2), torch.tensor(0), 1]
    assert CharVocab(list("abc")).decode(ids) == "cab"  # type: ignore[arg-type]
    assert CharVocab(list("abc")).decode(torch.tensor([2, 0])) == "ca"  # type: ignore[arg-type]
    assert decode_words(np.array([4, 31])) == "one hundred"  # type: ignore[arg-type]


def test_decode_words_refuses_ids_outside_the_target_vocabulary() -> None:
    # -1 read the last word, "million"; 99 was an IndexError
    message = "`ids` must lie in [0, 34) (the target vocabulary's size), got [-1, 99]."
    assert len(TARGET_TOKENS) == 34
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        decode_words([4, 99, -1])


@pytest.mark.parametrize(
    ("n", "error", "message"),
    [
        (True, TypeError, "`n` must be an integer, got bool True."),
        (4.0, TypeError, "`n` must be an integer, got float 4.0."),
        (-5, ValueError, "`n` must be in [0, 10**9), got -5."),
    ],
)
def test_encode_number_refuses_what_number_to_words_refuses(
    n: object, error: type[Exception], message: str
) -> None:
    # each failed as "'T' is not in list", "'.' is not in list", "'-' is not in list"
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        encode_number(n)  # type: ignore[arg-type]


def test_encode_number_takes_a_numpy_int() -> None:
    assert encode_number(np.int64(21)) == ([3, 2], [23, 4])  # type: ignore[arg-type]


@pytest.mark.parametrize("beam_size", [True, 1.0])
def test_spell_refuses_a_beam_size_that_is_no_int(beam_size: object) -> None:
    # both were == 1, so decoded greedily without a word
    # (revcfg17) 1.0 is told int(x), as every count check tells a whole float
    hint = "" if beam_size is True else " (a whole number as a float: pass int(x))"
    message = f"`beam_size` must be a positive integer, got {beam_size!r}{hint}."
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        spell(_tiny_seq2seq(), "5", beam_size=beam_size)  # type: ignore[arg-type]


@pytest.mark.parametrize("val_fraction", [2, -0.5, float("nan"), "0.1"])
def test_split_text_refuses_a_val_fraction_outside_0_to_1(val_fraction: object) -> None:
    # 2 held out everything, -0.5 nothing, and "0.1" failed in `1 - val_fraction`
    message = f"`val_fraction` must be a number in [0, 1], got {val_fraction!r}"
    message += " (a number, not text: 0.1)." if val_fraction == "0.1" else "."  # (xd15)
    # (revxd15) text for a number is a TypeError, as time_split's
    error = TypeError if isinstance(val_fraction, str) else ValueError
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        split_text("abcdef", val_fraction)  # type: ignore[arg-type]


def test_split_text_refuses_a_text_that_is_no_str() -> None:
    with pytest.raises(TypeError, match=r"^`text` must be a str, got list\.$"):
        split_text(["abc"])  # type: ignore[arg-type]


def test_split_text_takes_the_ends_of_0_to_1() -> None:
    assert split_text("abcd", 0) == ("abcd", "")
    assert split_text("abcd", 1) == ("", "abcd")


@pytest.mark.parametrize(
    ("temperature", "top_k", "error", "message"),
    [
        (1.0, 0, ValueError, "`top_k` must be a positive integer or None, got 0."),
        (-1, None, ValueError, "`temperature` must be a finite number >= 0, got -1."),
        (
            float("inf"),
            -2,
            ValueError,
            "`temperature` must be a finite number >= 0, got inf. `top_k` must be a positive "
            "integer or None, got -2.",
        ),
        (
            "1",
            1.5,
            TypeError,
            "`temperature` must be a real number, got '1' (a number, not text: 1). `top_k` must "
            "be an integer or None, got 1.5.",
        ),
    ],
)
def test_sample_next_refuses_bad_settings_by_name(
    temperature: object, top_k: object, error: type[Exception], message: str
) -> None:
    # top_k=0 failed as "index -1 is out of bounds", and temperature=-1 drew the least likely
    logits = torch.tensor([0.0, 3.0, 1.0])
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        sample_next(logits, temperature, top_k)  # type: ignore[arg-type]


def test_a_save_refuses_a_bare_model_before_writing(tmp_path: Path) -> None:
    # both failed as "'CharLM' object has no attribute 'model'" (and the like)
    out = tmp_path / "model"
    message = "`result` must be a CharLMResult (what train_charlm returns), got CharLM."
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        save_charlm(_tiny_charlm(), out)  # type: ignore[arg-type]
    message = "`result` must be a Seq2SeqResult (what train_numbers returns), got Seq2Seq."
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        save_seq2seq(_tiny_seq2seq(), out)  # type: ignore[arg-type]
    message = (
        "`result` must be a SentimentResult (what train_sentiment and train_classifier return), "
        "got TextClassifier."
    )
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        save_classifier(TextClassifier(5, 2, 2, 2), out)  # type: ignore[arg-type]
    assert not out.exists()


@pytest.mark.parametrize(
    ("predictions", "targets", "counts"),
    [([], [], "0 and 0"), ([[3]], [[3], [4]], "1 and 2"), ([[3], [4]], [[3]], "2 and 1")],
)
def test_sequence_accuracy_refuses_no_targets_or_unequal_counts(
    predictions: list[list[int]], targets: list[list[int]], counts: str
) -> None:
    # no targets was a ZeroDivisionError, unequal counts zip's "argument 2 is longer than ..."
    message = f"`predictions` and `targets` must be as many, at least 1, got {counts}."
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        sequence_accuracy(predictions, targets)


def test_check_corpus_refuses_a_config_that_is_no_charlm_config() -> None:
    # None failed as "'NoneType' object has no attribute 'val_fraction'"
    with pytest.raises(TypeError, match=r"^`config` must be a CharLMConfig, got NoneType\.$"):
        check_corpus("abc" * 50, None)  # type: ignore[arg-type]
    check_corpus("abc" * 50, CharLMConfig(batch_size=2, bptt=4))
