"""Small argument checks of the text workflows' public functions, exactly."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from lstmkit.text.charlm import CharLM, evaluate_loss, streams
from lstmkit.text.seq2seq import TARGET_TOKENS, Seq2Seq, normalize_number, spell


def _tiny_seq2seq() -> Seq2Seq:
    return Seq2Seq(11, len(TARGET_TOKENS), embed_dim=2, hidden_size=2, num_layers=1)


@pytest.mark.parametrize("bad", [0, -3, 10, True, "6", 2.5])
def test_max_digits_outside_1_to_9_is_refused_as_the_config_refuses_it(bad: object) -> None:
    # 0 refused every number as "at most 0 digits (... 1 to 0 digits)"; "6" raised a bare
    # TypeError from `>`; True passed as 1
    message = f"`max_digits` must be an int in 1..9, got {bad!r}."
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
        (0, 4, "`batch_size` must be a positive int, got 0."),
        (2, 0, "`bptt` must be a positive int, got 0."),
        (
            -1,
            -2,
            "`batch_size` must be a positive int, got -1. `bptt` must be a positive int, got -2.",
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
    message = "`batch_size` must be an int, got True. `bptt` must be an int, got 2.5."
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
        (torch.arange(6), 0, ValueError, "`batch_size` must be a positive int, got 0."),
        (torch.arange(6), -2, ValueError, "`batch_size` must be a positive int, got -2."),
        (torch.arange(6), "3", TypeError, "`batch_size` must be an int, got '3'."),
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
