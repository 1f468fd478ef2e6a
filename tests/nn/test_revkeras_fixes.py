"""The input hints of the nn layers and cells, run as a user follows them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.nn import GRU, LSTM, LSTMCell


@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
def test_windows_without_feature_dimension_time_first_say_transpose_too(make):
    # without batch_first, input.unsqueeze(-1) gave [96, 12, 1]: 96 steps of a batch of 12,
    # which the layer ran without a word; [T, B, I] is the windows' transpose
    layer = make(1, 4)
    with pytest.raises(ValueError) as err:
        layer(torch.zeros(96, 12))
    assert str(err.value) == (
        "`input` has 12 features in its last dimension, expected input_size=1; a 2-D input is "
        "one unbatched sequence [T, I], so shape (96, 12) reads as 96 steps of 12 features: "
        "for 96 windows of 12 steps of one feature pass input.t().unsqueeze(-1) (without "
        "batch_first=True the layer reads [T, B, I])."
    )
    out, _ = layer(torch.zeros(96, 12).t().unsqueeze(-1))  # as it says
    assert out.shape == (12, 96, 4)  # 12 steps of 96 windows


def test_a_data_frame_input_says_to_numpy():
    # torch.as_tensor(frame) reads a DataFrame by its column labels: "expected sequence of
    # length 3 at dim 0 (got 1)"; torch.as_tensor(frame.to_numpy()) warns of pandas 3's
    # read-only array, an error under -W error
    cell = LSTMCell(1, 4)
    frame = pd.DataFrame({"y": [1.0, 2.0, 3.0]})
    with pytest.raises(TypeError) as err:
        cell(frame)
    assert str(err.value) == (
        "`input` must be a Tensor, got DataFrame; convert it, e.g. "
        "`torch.tensor(input.to_numpy(), dtype=torch.float32)` (the parameters' dtype)."
    )
    h, _ = cell(torch.tensor(frame.to_numpy(), dtype=torch.float32))  # as it says
    assert h.shape == (3, 4)
    with pytest.raises(TypeError) as err:
        LSTM(1, 4)(pd.Series([1.0, 2.0]))
    assert str(err.value).endswith(
        "`torch.tensor(input.to_numpy(), dtype=torch.float32)` (the parameters' dtype)."
    )


@pytest.mark.parametrize(
    ("first", "second", "x", "kind"),
    [
        (
            LSTM(1, 4, batch_first=True),
            LSTM(4, 4, batch_first=True),
            torch.zeros(2, 3, 1),
            "Tensor or PackedSequence",
        ),
        (GRU(1, 4), GRU(4, 4), torch.zeros(3, 2, 1), "Tensor or PackedSequence"),
        (LSTMCell(1, 4), LSTMCell(4, 4), torch.zeros(2, 1), "Tensor"),
    ],
    ids=["lstm", "gru", "lstm-cell"],
)
def test_a_layers_output_pair_gets_no_conversion_hint(first, second, x, kind):
    # two layers in an nn.Sequential, the Keras way: the second is given the first's
    # (output, state) pair, which torch.as_tensor cannot convert ("only one element tensors
    # can be converted to Python scalars")
    with pytest.raises(TypeError) as err:
        torch.nn.Sequential(first, second)(x)
    assert str(err.value) == f"`input` must be a {kind}, got tuple."
    with pytest.raises(TypeError) as err:
        LSTM(1, 4)([torch.zeros(3, 1), torch.zeros(5, 1)])  # sequences of different lengths
    assert str(err.value) == "`input` must be a Tensor or PackedSequence, got list."
    # a list of numbers still gets it
    with pytest.raises(TypeError) as err:
        LSTMCell(1, 4)([[1.0], [np.float64(2.0)]])
    assert str(err.value).endswith(
        "`torch.as_tensor(input, dtype=torch.float32)` (the parameters' dtype)."
    )
