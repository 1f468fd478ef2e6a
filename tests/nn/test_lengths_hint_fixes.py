"""Lengths in a float dtype that are whole numbers are told the conversion to ints, and a [T]
mask that marks every step padding is told so, not given lengths of 0 that are refused in turn
(revnn14's left-alone)."""

import numpy as np
import pytest
import torch

from lstmkit.nn import LSTM

X = torch.randn(3, 4, 2, generator=torch.Generator().manual_seed(0))
NO_STEP = (
    "that of a [T] mask, which marks every step padding: a sequence needs at least one real "
    "step (lengths in [1, T])."
)


@pytest.mark.parametrize(
    ("lengths", "said"),
    [
        (
            torch.tensor([4.0, 3.0, 2.0]),
            "dtype torch.float32 (whole numbers: pass them as ints, `lengths=lengths.long()`)",
        ),
        (
            np.array([4.0, 3.0, 2.0]),
            "dtype float64 (whole numbers: pass them as ints, `lengths=lengths.astype(int)`)",
        ),
        (
            [4.0, 3.0, 2.0],
            "[4.0, 3.0, 2.0] (whole numbers: pass them as ints, "
            "`lengths=[int(n) for n in lengths]`)",
        ),
        ([4.0, 3.5, 2.0], "[4.0, 3.5, 2.0]"),  # no whole numbers: no conversion told
        (  # not one per sequence: a [T] mask's floats, told as a bool one is (nn15)
            torch.tensor([1.0, 1.0, 0.0, 0.0]),
            "dtype torch.float32: that of a [T] mask: a batch of 3 sequences takes one length "
            "each, `lengths=torch.full((3,), int(mask.sum()))` where every sequence is padded "
            "at the end as this mask says",
        ),
    ],
)
def test_float_lengths_of_whole_numbers_are_told_to_pass_ints(lengths: object, said: str) -> None:
    layer = LSTM(2, 3, batch_first=True)
    with pytest.raises(TypeError) as caught:
        layer(X, lengths=lengths)
    assert str(caught.value) == f"`lengths` must hold integers, got {said}."


def test_the_told_conversion_runs_as_packing_does() -> None:
    layer = LSTM(2, 3, batch_first=True)
    lengths = torch.tensor([4.0, 3.0, 2.0])
    out, _ = layer(X, lengths=lengths.long())
    for b, n in enumerate([4, 3, 2]):
        alone, _ = layer(X[b : b + 1, :n])
        torch.testing.assert_close(out[b, :n], alone[0], rtol=0, atol=1e-6)


def test_a_mask_of_padding_alone_is_told_so() -> None:
    layer = LSTM(2, 3, batch_first=True)
    # was told `lengths=torch.full((3,), int(mask.sum()))`: lengths of 0, refused in turn
    with pytest.raises(TypeError) as caught:
        layer(X, lengths=torch.zeros(4, dtype=torch.bool))
    assert str(caught.value) == f"`lengths` must hold integers, got dtype torch.bool: {NO_STEP}"
    # one sequence's float mask of padding alone was told `lengths=mask.sum().long()`: 0
    with pytest.raises(ValueError) as caught:
        layer(X[:1], lengths=torch.zeros(4))
    assert str(caught.value) == (
        f"`lengths` must be 1-D with one entry per sequence (1), got shape (4,), {NO_STEP}"
    )
