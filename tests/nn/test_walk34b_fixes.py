"""walk34b: the recurrent core walked as a PyTorch user replacing ``torch.nn.LSTM``/``GRU``."""

from __future__ import annotations

import pytest
import torch

import lstmkit.nn
from lstmkit.nn import LSTM


def test_mixed_argument_error_is_exported_by_lstmkit_nn() -> None:
    # the README named it `lstmkit.nn.cells.MixedArgumentError`: the one public error type of
    # lstmkit.nn was left out of its __all__ (as lstmkit.data's CSVFileError and
    # lstmkit.train's DivergedError are not), so `from lstmkit.nn import *` and help() missed it
    assert "MixedArgumentError" in lstmkit.nn.__all__
    assert lstmkit.nn.MixedArgumentError is lstmkit.nn.cells.MixedArgumentError
    layer = LSTM(5, 4)
    h_0 = torch.zeros(1, 2, 4)  # batch 2 for an input of batch 3: a shape
    c_0 = torch.zeros(1, 3, 4, dtype=torch.float64)  # a dtype
    with pytest.raises(lstmkit.nn.MixedArgumentError) as err:
        layer(torch.zeros(7, 3, 5), (h_0, c_0))
    assert str(err.value) == (
        "`h_0` must have shape (1, 3, 4) (num_layers * num_directions, batch, hidden_size), "
        "got (1, 2, 4). `c_0` must have dtype torch.float32 like the input, got torch.float64."
    )
    namespace: dict = {}
    exec("from lstmkit.nn import *", namespace)
    assert namespace["MixedArgumentError"] is lstmkit.nn.MixedArgumentError
