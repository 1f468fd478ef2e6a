"""Input-handling leftovers of earlier reviews: the recurrent modules' constructors."""

from __future__ import annotations

import warnings

import pytest
import torch

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

_NO_FLOAT = (
    "`dtype` must be a floating-point torch.dtype (torch.float32, torch.float64, ...) or None, "
    "got {}."
)


@pytest.mark.parametrize("module", [LSTM, GRU, LSTMCell, GRUCell])
@pytest.mark.parametrize("dtype", [torch.complex64, torch.complex128])
def test_a_complex_dtype_is_refused_by_name(module, dtype):
    # it was taken: the module then refused every input, one of its own dtype too, saying
    # "`input` must be a floating-point tensor, got dtype torch.complex64; convert it
    # (`input.to(torch.complex64)`, the layer's dtype)"
    with pytest.raises(TypeError) as err:
        module(3, 4, dtype=dtype)
    assert str(err.value) == _NO_FLOAT.format(dtype)
    made = module(3, 4, dtype=torch.float64)  # a floating one is taken still
    assert {p.dtype for p in made.parameters()} == {torch.float64}


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"dtype": "float64"}, TypeError, _NO_FLOAT.format("'float64'")),
        ({"dtype": torch.complex64}, TypeError, _NO_FLOAT.format("torch.complex64")),
        (
            {"implementation": "cudnn"},
            ValueError,
            "`implementation` must be one of ('auto', 'fused', 'explicit'), got 'cudnn'.",
        ),
    ],
)
def test_a_refusal_comes_without_the_dropout_warning(kwargs, error, message):
    # dropout with one layer warned first, then the dtype or implementation was refused: a
    # warning about a layer that was never made
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        with pytest.raises(error) as err:
            LSTM(3, 4, dropout=0.2, **kwargs)
    assert str(err.value) == message
    assert [str(w.message) for w in shown] == []
    with pytest.warns(UserWarning) as record:  # made, it still warns, at the caller's line
        GRU(3, 4, dropout=0.2, dtype=torch.float64)
    assert [str(w.message) for w in record] == [
        "`dropout`=0.2 has no effect with num_layers=1: it applies to the outputs of every "
        "layer but the last (as in torch.nn); for dropout on the layer's inputs, as Keras' "
        "`dropout`, put a torch.nn.Dropout before the layer."
    ]
    assert record[0].filename == __file__
