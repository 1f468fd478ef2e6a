"""Defects found reviewing fol20 (text seeds/contexts, TrainConfig's unknown keywords, the
first-step divergence message), each pinned by a test that failed before its fix."""

from __future__ import annotations

import pytest
import torch

from lstmkit._checks import TextForNumberError
from lstmkit.train import TrainConfig

DEVICE = (
    "TrainConfig() takes no `device`, got 'cpu': fit trains where the model's parameters are "
    "and moves the batches there; move the model first (net.to('cpu')), or make its layers "
    "there (LSTM(1, 16, device='cpu'))."
)


@pytest.mark.parametrize(
    ("kwargs", "unknown"),
    [
        (
            {"device": "cpu", "n_epochs": 2},
            "TrainConfig() got unknown keyword argument 'n_epochs' (Darts' n_epochs is "
            "'epochs' here).",
        ),
        (
            {"epoch": 3, "device": "cpu"},
            "TrainConfig() got unknown keyword argument 'epoch' (did you mean 'epochs'?).",
        ),
    ],
)
def test_a_device_and_an_unknown_keyword_are_both_told(kwargs, unknown):
    # TrainConfig(device="cpu", n_epochs=2) was told of the device alone: the user fixed it and
    # met n_epochs on the next call; all problems are listed at once
    with pytest.raises(TypeError) as caught:
        TrainConfig(**kwargs)
    assert str(caught.value) == f"{DEVICE} {unknown}"


def test_a_device_alone_is_told_as_before():
    with pytest.raises(TypeError) as caught:
        TrainConfig(device="cpu", epochs=3)
    assert str(caught.value) == DEVICE


def _tiny_charlm():
    from lstmkit.text.charlm import CharLM, CharVocab

    torch.manual_seed(0)
    return CharLM(2, 4, 4, 1), CharVocab("ab")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"seed": "0"},
            "`seed` must be an integer or None, got '0' (a number, not text: 0).",
        ),
        (
            {"seed": "-1"},
            "`seed` must be an integer or None, got '-1' (a number, not text: -1; but -1 would "
            "be refused too).",
        ),
        (
            {"length": "3", "top_k": "0"},
            "`length` must be an integer, got '3' (a number, not text: 3). `top_k` must be an "
            "integer or None, got '0' (a number, not text: 0; but 0 would be refused too).",
        ),
    ],
)
def test_generate_tells_a_text_seed_length_or_top_k_its_number(kwargs, message):
    # fol20 told seed_everything("0") and stratified_split(seed="0") the number; generate's
    # seed (and its counts) got the bare "got '0'"
    from lstmkit.text.charlm import generate

    model, vocab = _tiny_charlm()
    with pytest.raises(TextForNumberError) as caught:
        generate(model, vocab, "a", **{"length": 2, **kwargs})
    assert isinstance(caught.value, TypeError)
    assert str(caught.value) == message


def test_generate_keeps_its_type_error_for_a_float_seed():
    from lstmkit.text.charlm import generate

    model, vocab = _tiny_charlm()
    with pytest.raises(TypeError) as caught:
        generate(model, vocab, "a", length=2, seed=1.5)
    assert type(caught.value) is TypeError
    assert str(caught.value) == "`seed` must be an integer or None, got 1.5."


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        ("0", "`seed` must be an integer, got '0' (a number, not text: 0)."),
        (
            "-1",
            "`seed` must be an integer, got '-1' (a number, not text: -1; but -1 would be "
            "refused too).",
        ),
    ],
)
def test_random_relevance_tells_a_text_seed_its_number(seed, message):
    # it was "`seed` must be an integer, got str '0'." with no word of the number
    from lstmkit.explain.baselines import random_relevance

    net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(4, 2))
    with pytest.raises(TextForNumberError) as caught:
        random_relevance(net, torch.zeros(1, 4, 1), seed=seed)
    assert str(caught.value) == message
