"""revnn15, a review of nn15: lengths torch cannot read shown on one line (a pandas Series, a
NumPy array), the meta refusal's words beside a meta input and in the text classifier and the
explanations, a list of lengths read under `with torch.device("meta")`, and a [T] mask of 0.0
and 1.0 beside a batch of as many sequences as steps."""

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.nn import LSTM

X = torch.randn(4, 5, 2, generator=torch.Generator().manual_seed(0))  # [B, T, I]


@pytest.mark.parametrize(
    ("lengths", "shown"),
    [
        (pd.Series([[1, 2], [3], [4], [5]]), "Series [[1, 2], [3], [4], [5]]"),
        (pd.Series(["4", "3", "2", "1"]), "Series ['4', '3', '2', '1']"),
        (pd.DataFrame({"n": [[1], [2, 3], [4], [5]]}), "DataFrame [[[1]], [[2, 3]], [[4]], [[5]]]"),
        (np.array([[1, 2], [3], [4], [5]], dtype=object), "ndarray [[1, 2], [3], [4], [5]]"),
        ([[1, 2], [3], [4], [5]], "[[1, 2], [3], [4], [5]]"),  # as it was
    ],
)
def test_lengths_torch_cannot_read_are_shown_on_one_line(lengths: object, shown: str) -> None:
    """Were shown by reprlib as cut multi-line fragments: "got 0    [1, 2]\\n1...\\ndtype:
    object." for a Series, "array([list([... dtype=object)" for a NumPy array."""
    with pytest.raises(TypeError) as caught:
        LSTM(2, 3, batch_first=True)(X, lengths=lengths)
    assert str(caught.value) == f"`lengths` must be a 1-D tensor or sequence of ints, got {shown}."
