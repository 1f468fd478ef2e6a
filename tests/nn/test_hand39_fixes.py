"""A series given to a layer as it is, 1-D, as the tutorials keep it before reshaping."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM


@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
@pytest.mark.parametrize(
    ("batch_first", "layout", "batched"),
    [
        (True, "[B, T, I]", "input.reshape(1, -1, 1)"),
        (False, "[T, B, I]", "input.reshape(-1, 1, 1)"),
    ],
)
def test_one_dimensional_series_is_told_the_reshape(make, batch_first, layout, batched):
    layer = make(1, 4, batch_first=batch_first)
    series = torch.arange(12.0)
    with pytest.raises(ValueError) as err:
        layer(series)
    assert str(err.value) == (
        f"`input` must be 3-D {layout} (or 2-D [T, I] unbatched), got 1-D with shape (12,); "
        "for one sequence of 12 steps of one feature pass input.unsqueeze(-1) (unbatched "
        f"[T, 1]), or {batched} for a batch of one."
    )
    # both remedies run, and read the same 12 steps
    unbatched, _ = layer(series.unsqueeze(-1))
    batch, _ = layer(series.reshape((1, -1, 1) if batch_first else (-1, 1, 1)))
    assert unbatched.shape == (12, 4)
    assert torch.equal(batch.reshape(12, 4), unbatched)


def test_one_dimensional_features_of_one_step_are_told_unsqueeze_0():
    layer = LSTM(4, 3, batch_first=True)
    with pytest.raises(ValueError) as err:
        layer(torch.ones(4))
    assert str(err.value) == (
        "`input` must be 3-D [B, T, I] (or 2-D [T, I] unbatched), got 1-D with shape (4,); "
        "for one step of its 4 features pass input.unsqueeze(0) ([1, I])."
    )
    out, _ = layer(torch.ones(4).unsqueeze(0))
    assert out.shape == (1, 3)


def test_one_dimensional_input_of_other_length_keeps_the_bare_refusal():
    with pytest.raises(ValueError) as err:
        LSTM(3, 4)(torch.zeros(12))
    assert str(err.value) == (
        "`input` must be 3-D [T, B, I] (or 2-D [T, I] unbatched), got 1-D with shape (12,)."
    )
