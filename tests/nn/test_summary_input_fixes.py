"""``summary(model, input_size=…)`` on a model that refuses the zero batch it describes."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstmkit.nn import LSTM
from lstmkit.nn.summary import summary


class _LastStep(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.enc = LSTM(2, 4, batch_first=True)
        self.head = nn.Linear(4, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.enc(x)
        return self.head(out[:, -1])


def _linears_refusal() -> str:
    """torch's own words for the head's refusal of a [1, 1] batch: "mat1 and mat2 shapes cannot
    be multiplied (1x1 and 4x1)" under torch 2.4 to 2.14, with "addmm: " before it from 2.15."""
    with pytest.raises(RuntimeError) as err:
        nn.Linear(4, 1)(torch.zeros(1, 1))
    said = str(err.value)
    assert said.removeprefix("addmm: ") == "mat1 and mat2 shapes cannot be multiplied (1x1 and 4x1)"
    return said


def test_an_input_size_the_model_refuses_is_told_what_it_ran_and_what_it_means() -> None:
    # input_size=2 (the feature count, as for a layer) ran a [1, 2] batch, one unbatched step,
    # and the Linear head's "mat1 and mat2 shapes cannot be multiplied (1x1 and 4x1)" came
    # alone, from deep inside torch
    with pytest.raises(ValueError) as err:
        summary(_LastStep(), input_size=2)
    assert str(err.value) == (
        "`input_size` 2 ran the model on a zero batch of shape (1, 2), which it refused: "
        "`head` (Linear) takes inputs whose last dimension is in_features=4, got one of size 1 "
        "(shape (1,)) (`input_size` is the shape of one sample without the batch: "
        "(T, I) for a sequence, e.g. input_size=(12, 2); or pass `input`, a batch of your own)."
    )
    assert isinstance(err.value.__cause__, RuntimeError)
    shapes = summary(_LastStep(), input_size=(12, 2)).output_shapes  # as advised
    assert shapes == {"enc": (1, 12, 4), "head": (1, 1), "_LastStep": (1, 1)}


def test_a_batch_of_ones_own_is_told_the_layer_that_refused_it() -> None:
    # as input_size's zero batch (it kept torch's words: revnn28), torch's error its cause
    with pytest.raises(ValueError) as err:
        summary(_LastStep(), input=torch.zeros(1, 2))
    assert str(err.value) == (
        "`input` of shape (1, 2) ran the model, which refused it: `head` (Linear) takes inputs "
        "whose last dimension is in_features=4, got one of size 1 (shape (1,))."
    )
    assert str(err.value.__cause__) == _linears_refusal()
