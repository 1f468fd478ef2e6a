"""Defects found reviewing the small8 and qa8 merges."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import LSTM, LSTMCell


class _Scaled(LSTM):
    def forward(self, x, scale):  # a user's forward, with arguments of its own
        return super().forward(x * scale)


class _Raising(LSTMCell):
    def forward(self, input, **kwargs):  # takes any keyword; raises one of its own
        raise TypeError(f"user code: {sorted(kwargs)}")


def test_a_subclass_forward_gets_its_own_type_error_not_a_keras_hint() -> None:
    # it was "LSTM.forward() takes no Keras argument `mask`: `mask` is `lengths` here, ...",
    # though the subclass's forward takes no `lengths`
    with pytest.raises(TypeError) as err:
        _Scaled(2, 3)(torch.randn(4, 2), 1.0, mask=None)
    assert str(err.value) == "_Scaled.forward() got an unexpected keyword argument 'mask'"


def test_a_type_error_raised_inside_a_forward_taking_any_keyword_is_not_masked() -> None:
    # it was "LSTMCell.forward() takes no Keras argument `training`: ..." (and 'foo' unknown)
    with pytest.raises(TypeError) as err:
        _Raising(2, 3)(torch.randn(1, 2), training=True, foo=1)
    assert str(err.value) == "user code: ['foo', 'training']"
