"""nn15: one reader of `lengths` and Keras' `mask=` (a pandas object torch cannot read is told as
any other), a [T] mask of 0.0 and 1.0 given as `lengths` told as the bool one is, and lengths on
the meta device refused with both devices named."""

import pandas as pd
import pytest
import torch

from lstmkit.nn import LSTM

X = torch.randn(4, 5, 2, generator=torch.Generator().manual_seed(0))  # [B, T, I]


def test_a_pandas_object_torch_cannot_read_is_told_as_lengths() -> None:
    """check_lengths read pandas objects outside its guard: a Series of ragged lists failed
    with NumPy's "setting an array element with a sequence", where mask_advice, reading the
    same object, was silent; one reader now serves both."""
    layer = LSTM(2, 3, batch_first=True)
    ragged = pd.Series([[1, 2], [3], [4], [5]])
    with pytest.raises(TypeError) as caught:
        layer(X, lengths=ragged)
    assert str(caught.value).startswith(
        "`lengths` must be a 1-D tensor or sequence of ints, got 0    [1, 2]"
    )
    with pytest.raises(TypeError) as caught:  # the same object as Keras' mask=: no advice
        layer(X, mask=ragged)
    assert str(caught.value) == (
        "LSTM.forward() takes no Keras argument `mask`: `mask` is `lengths` here, each "
        "sequence's true length [B]: `lengths=mask.sum(1)` for a [B, T] mask of sequences "
        "padded at the end."
    )
