"""nn15: one reader of `lengths` and Keras' `mask=` (a pandas object torch cannot read is told as
any other), a [T] mask of 0.0 and 1.0 given as `lengths` told as the bool one is, and lengths on
the meta device refused with both devices named."""

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.nn import GRU, LSTM

X = torch.randn(4, 5, 2, generator=torch.Generator().manual_seed(0))  # [B, T, I]
SHARED = (
    "that of a [T] mask: a batch of 4 sequences takes one length each, "
    "`lengths=torch.full((4,), int({total}))` where every sequence is padded at the end as this "
    "mask says."
)


def test_a_pandas_object_torch_cannot_read_is_told_as_lengths() -> None:
    """check_lengths read pandas objects outside its guard: a Series of ragged lists failed
    with NumPy's "setting an array element with a sequence", where _mask_advice, reading the
    same object, was silent; one reader now serves both."""
    layer = LSTM(2, 3, batch_first=True)
    ragged = pd.Series([[1, 2], [3], [4], [5]])
    with pytest.raises(TypeError) as caught:
        layer(X, lengths=ragged)
    assert str(caught.value) == (  # on one line (revnn15)
        "`lengths` must be a 1-D tensor or sequence of ints, got Series [[1, 2], [3], [4], [5]]."
    )
    with pytest.raises(TypeError) as caught:  # the same object as Keras' mask=: no advice
        layer(X, mask=ragged)
    assert str(caught.value) == (
        "LSTM.forward() takes no Keras argument `mask`: `mask` is `lengths` here, each "
        "sequence's true length [B]: `lengths=mask.sum(1)` for a [B, T] mask of sequences "
        "padded at the end."
    )


@pytest.mark.parametrize(
    ("mask", "got", "total"),
    [
        (torch.tensor([1.0, 1.0, 1.0, 0.0, 0.0]), "dtype torch.float32", "mask.sum()"),
        (np.array([1.0, 1.0, 1.0, 0.0, 0.0]), "dtype float64", "mask.sum()"),
        ([1.0, 1.0, 1.0, 0.0, 0.0], "[1.0, 1.0, 1.0, 0.0, 0.0]", "torch.as_tensor(mask).sum()"),
    ],
)
def test_a_float_t_mask_beside_a_batch_is_told_as_a_bool_one(mask, got, total) -> None:
    """Was `lengths` must hold integers, got dtype torch.float32. (the bool mask's hint
    missing)."""
    layer = LSTM(2, 3, batch_first=True)
    with pytest.raises(TypeError) as caught:
        layer(X, lengths=mask)
    said = SHARED.format(total=total)
    assert str(caught.value) == f"`lengths` must hold integers, got {got}: {said}"
    with pytest.raises(TypeError) as caught:  # the bool one's words, as they were
        layer(X, lengths=torch.tensor([True, True, True, False, False]))
    assert str(caught.value) == (
        f"`lengths` must hold integers, got dtype torch.bool: {SHARED.format(total='mask.sum()')}"
    )
    # the told remedy runs, as each sequence's three real steps alone
    mask_t = torch.as_tensor(mask)
    out, (h_n, _) = layer(X, lengths=torch.full((4,), int(mask_t.sum())))
    _, (h_alone, _) = layer(X[:, :3])
    torch.testing.assert_close(h_n, h_alone, rtol=0, atol=1e-6)
    assert out[:, 3:].abs().max().item() == 0.0


def test_a_float_t_mask_with_a_gap_beside_a_time_major_batch() -> None:
    layer = GRU(2, 3)  # time-major: the time dimension is the first
    x = X.transpose(0, 1)  # [T, B, I] = [5, 4, 2]
    with pytest.raises(TypeError) as caught:
        layer(x, lengths=torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0]))
    assert str(caught.value) == (
        "`lengths` must hold integers, got dtype torch.float32: that of a [T] mask whose "
        "padded step 1 comes before real step 2: lengths describe sequences padded at the end "
        "only, so keep the real steps of every sequence, `input = input[mask != 0]`, and pass "
        "no lengths."
    )


def test_floats_that_are_no_mask_keep_their_words() -> None:
    layer = LSTM(2, 3, batch_first=True)
    with pytest.raises(TypeError) as caught:  # five entries, not all 0 or 1: no mask
        layer(X, lengths=torch.tensor([1.0, 2.0, 1.0, 0.0, 0.0]))
    assert str(caught.value) == "`lengths` must hold integers, got dtype torch.float32."
    with pytest.raises(TypeError) as caught:  # one per sequence: whole numbers told as ints
        layer(X, lengths=torch.tensor([1.0, 1.0, 1.0, 1.0]))
    assert str(caught.value) == (
        "`lengths` must hold integers, got dtype torch.float32 (whole numbers: pass them as "
        "ints, `lengths=lengths.long()`)."
    )


def test_lengths_on_the_meta_device_name_both_devices() -> None:
    """Was `lengths` must be a 1-D tensor or sequence of ints, got tensor(..., d...e=torch.int64).
    (a TypeError about a tensor of ints)."""
    layer = LSTM(2, 3, batch_first=True)
    with pytest.raises(RuntimeError) as caught:
        layer(X, lengths=torch.tensor([5, 4, 3, 2], device="meta"))
    assert str(caught.value) == (
        "`lengths` is on device meta but `input` is on cpu: a meta tensor holds no values to "
        "read the lengths from; pass them as ints (a list, or a tensor on any real device: "
        "`torch.tensor([...])`)."
    )
    out, _ = layer(X, lengths=torch.tensor([5, 4, 3, 2]))  # the remedy
    assert out[3, 2:].abs().max().item() == 0.0
