"""Defects found reviewing fol20 (text seeds/contexts, TrainConfig's unknown keywords, the
first-step divergence message), each pinned by a test that failed before its fix."""

from __future__ import annotations

import pytest

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
            "TrainConfig() got unknown keyword argument(s) 'n_epochs' (Darts' n_epochs is "
            "'epochs' here).",
        ),
        (
            {"epoch": 3, "device": "cpu"},
            "TrainConfig() got unknown keyword argument(s) 'epoch' (did you mean 'epochs'?).",
        ),
    ],
)
def test_a_device_and_an_unknown_keyword_are_both_told(kwargs, unknown):
    # TrainConfig(device="cpu", n_epochs=2) was told of the device alone: the user fixed it and
    # met n_epochs on the next call; all problems are listed at once
    with pytest.raises(TypeError) as caught:
        TrainConfig(**kwargs)
    assert str(caught.value) == f"{unknown} {DEVICE}"


def test_a_device_alone_is_told_as_before():
    with pytest.raises(TypeError) as caught:
        TrainConfig(device="cpu", epochs=3)
    assert str(caught.value) == DEVICE
