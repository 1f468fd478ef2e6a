"""Fixes from helper mem29 (memory and device leftovers): each test fails without its fix."""

from __future__ import annotations

import torch

import lstmkit.nn.layers as layers
from lstmkit.nn import LSTM

# ---- 3. layers' internal mask reader is private ---------------------------------------------


def test_the_mask_reader_of_the_layers_is_private() -> None:
    # `lstmkit.nn.layers.mask_advice`, used by _arguments alone and in no __all__ or README,
    # looked like API: `_mask_advice` now, and what it says is unchanged
    assert not hasattr(layers, "mask_advice")
    said = layers._mask_advice(LSTM(2, 3, batch_first=True), torch.zeros(2, 4, 2), torch.ones(2, 4))
    assert said == (
        "this one is a [B, T] mask: pass each sequence's length, `lengths=mask.sum(1).long()` "
        "for sequences padded at the end"
    )
