"""nn28: the recurrent core's leftovers.

- ``summary(model, input_size=...)`` names the layer that refused the zero batch, the width its
  input's last dimension must have and the width it got, in lstmkit's words, not torch's
  ("addmm: mat1 and mat2 shapes cannot be multiplied", worded anew by torch 2.15).
"""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstmkit.nn import LSTM, summary

_MEANS = (
    " (`input_size` is the shape of one sample without the batch: (T, I) for a sequence, e.g. "
    "input_size=(12, {}); or pass `input`, a batch of your own)"
)


def test_summary_names_the_linear_that_refused_its_inputs_width() -> None:
    model = nn.Sequential(nn.Linear(3, 4), nn.Linear(5, 2))
    with pytest.raises(ValueError) as err:
        summary(model, input_size=3)
    assert str(err.value) == (
        "`input_size` 3 ran the model on a zero batch of shape (1, 3), which it refused: `1` "
        "(Linear) takes inputs whose last dimension is in_features=5, got one of size 4 (shape "
        "(1, 4))" + _MEANS.format(3)
    )
    assert isinstance(err.value.__cause__, RuntimeError)  # torch's own, kept as the cause


@pytest.mark.parametrize("layer", [LSTM, nn.LSTM])
def test_summary_names_the_lstm_that_refused_its_input_size(layer: type[nn.Module]) -> None:
    # lstmkit's LSTM said "`input` has 5 features in its last dimension, expected
    # input_size=3.", torch's "input.size(-1) must be equal to input_size. Expected 3, got 5"
    model = nn.Sequential(layer(3, 4, batch_first=True))
    with pytest.raises(ValueError) as err:
        summary(model, input_size=(2, 5))
    assert str(err.value) == (
        "`input_size` (2, 5) ran the model on a zero batch of shape (1, 2, 5), which it refused: "
        "`0` (LSTM) takes inputs whose last dimension is input_size=3, got one of size 5 (shape "
        "(1, 2, 5))" + _MEANS.format(5)
    )


def test_summary_names_a_time_major_layer_given_as_the_model_by_its_class() -> None:
    with pytest.raises(ValueError) as err:
        summary(LSTM(3, 4), input_size=(2, 5))
    assert "which it refused: LSTM takes inputs whose last dimension is input_size=3, got one " in (
        str(err.value)
    )
    assert "of size 5 (shape (2, 1, 5)) (`input_size` is" in str(err.value)


def test_summary_keeps_torchs_words_where_no_width_explains_the_refusal() -> None:
    model = nn.Sequential(nn.Embedding(3, 4))  # refuses a float batch: no width of ours
    with pytest.raises(RuntimeError) as own:
        model(torch.zeros(1, 5))
    with pytest.raises(ValueError) as err:
        summary(model, input_size=5)
    assert str(err.value) == (
        "`input_size` 5 ran the model on a zero batch of shape (1, 5), which it refused: "
        f"{own.value}" + _MEANS.format(5)
    )
