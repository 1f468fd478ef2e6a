"""What a Keras user meets first: windows laid out the Keras way, numpy and integer inputs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell


@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
def test_windows_without_feature_dimension_say_unsqueeze(make):
    # X of the tutorial's create_dataset is [samples, time steps]; a 2-D input is one unbatched
    # sequence [T, I], so 96 windows of 12 steps read as 96 steps of 12 features
    layer = make(1, 4, batch_first=True)
    with pytest.raises(ValueError) as err:
        layer(torch.zeros(96, 12))
    assert str(err.value) == (
        "`input` has 12 features in its last dimension, expected input_size=1; a 2-D input is "
        "one unbatched sequence [T, I], so shape (96, 12) reads as 96 steps of 12 features: "
        "for 96 windows of 12 steps of one feature pass input.unsqueeze(-1)."
    )
    out, _ = layer(torch.zeros(96, 12).unsqueeze(-1))
    assert out.shape == (96, 12, 4)


@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
def test_features_and_steps_swapped_say_transpose(make):
    # the tutorial's np.reshape(X, (N, 1, look_back)): one step of `look_back` features
    layer = make(1, 4, batch_first=True)
    with pytest.raises(ValueError) as err:
        layer(torch.zeros(95, 1, 12))
    assert str(err.value) == (
        "`input` has 12 features in its last dimension, expected input_size=1; with "
        "batch_first=True the layer reads [B, T, I], so shape (95, 1, 12) is 1 step of 12 "
        "features: for 12 steps of 1 feature pass input.transpose(1, 2)."
    )
    out, _ = layer(torch.zeros(95, 1, 12).transpose(1, 2))
    assert out.shape == (95, 12, 4)


def test_no_layout_hint_where_it_would_mislead():
    # [T, B, I] layout (the second dimension is the batch), more than one feature expected,
    # and a PackedSequence (whose data has no time dimension) keep the plain message
    plain = "`input` has 12 features in its last dimension, expected input_size={}."
    with pytest.raises(ValueError) as err:
        LSTM(1, 4)(torch.zeros(95, 1, 12))
    assert str(err.value) == plain.format(1)
    with pytest.raises(ValueError) as err:
        LSTM(3, 4, batch_first=True)(torch.zeros(96, 12))
    assert str(err.value) == plain.format(3)
    packed = torch.nn.utils.rnn.pack_sequence([torch.zeros(12, 12)])
    with pytest.raises(ValueError) as err:
        LSTM(1, 4, batch_first=True)(packed)
    assert str(err.value) == plain.format(1)


@pytest.mark.parametrize(
    ("module", "kind"),
    [
        (LSTM(1, 4, batch_first=True), "Tensor or PackedSequence"),
        (GRU(1, 4, batch_first=True).double(), "Tensor or PackedSequence"),
        (LSTMCell(1, 4), "Tensor"),
        (GRUCell(1, 4).double(), "Tensor"),
    ],
    ids=["lstm", "gru-double", "lstm-cell", "gru-cell-double"],
)
def test_numpy_input_says_how_to_convert(module, kind):
    dtype = module.weight_ih_l0.dtype if hasattr(module, "weight_ih_l0") else module.weight_ih.dtype
    x = np.zeros((3, 2, 1)) if "Packed" in kind else np.zeros((3, 1))
    with pytest.raises(TypeError) as err:
        module(x)
    assert str(err.value) == (
        f"`input` must be a Tensor{' or PackedSequence' * ('Packed' in kind)}, got ndarray; "
        f"convert it, e.g. `torch.as_tensor(input, dtype={dtype})` (the parameters' dtype)."
    )
    module(torch.as_tensor(x, dtype=dtype))  # as the message says
    with pytest.raises(TypeError) as err:
        module(None)  # no numbers: no conversion to suggest
    assert str(err.value) == f"`input` must be a {kind}, got NoneType."


@pytest.mark.parametrize(
    ("module", "owner", "fix"),
    [
        (LSTM(1, 4), "layer", "input.float()"),
        (GRU(1, 4).double(), "layer", "input.double()"),
        (LSTMCell(1, 4), "cell", "input.float()"),
    ],
    ids=["lstm", "gru-double", "cell"],
)
def test_integer_input_says_how_to_convert(module, owner, fix):
    x = torch.ones(3, 2, 1, dtype=torch.int64) if owner == "layer" else torch.ones(3, 1).long()
    with pytest.raises(TypeError) as err:
        module(x)
    assert str(err.value) == (
        "`input` must be a floating-point tensor, got dtype torch.int64; convert it "
        f"(`{fix}`, the {owner}'s dtype)."
    )
    module(getattr(x, fix.removeprefix("input.").removesuffix("()"))())  # as it says


@pytest.mark.parametrize("make", [LSTM, GRU, LSTMCell, GRUCell])
@pytest.mark.parametrize(
    ("dtype", "shown"),
    [
        ("float64", "'float64'"),  # as Keras takes it
        (np.float64, "numpy.float64"),
        (np.dtype("float32"), "dtype('float32')"),
        (float, "float"),
        (torch.int64, "torch.int64"),  # torch: "Only Tensors of floating point ... gradients"
    ],
    ids=["str", "numpy-type", "numpy-dtype", "float", "int64"],
)
def test_dtype_that_is_no_floating_torch_dtype_is_refused_by_name(make, dtype, shown):
    with pytest.raises(TypeError) as err:
        make(1, 4, dtype=dtype)
    assert str(err.value) == (
        "`dtype` must be a floating-point torch.dtype (torch.float32, torch.float64, ...) or "
        f"None, got {shown}."
    )
    module = make(1, 4, dtype=torch.float64)
    assert next(module.parameters()).dtype == torch.float64


def test_a_layer_built_with_the_window_as_features_says_transpose():
    # LSTM(look_back, ...) as the tutorial builds it, fed split_windows' [N, look_back, 1]
    with pytest.raises(ValueError) as err:
        LSTM(12, 4, batch_first=True)(torch.zeros(95, 12, 1))
    assert str(err.value) == (
        "`input` has 1 feature in its last dimension, expected input_size=12; with "
        "batch_first=True the layer reads [B, T, I], so shape (95, 12, 1) is 12 steps of 1 "
        "feature: for 1 step of 12 features pass input.transpose(1, 2)."
    )


class _Counted(torch.nn.Module):
    """A parametrization that counts its evaluations (a weight dropout draws a mask in each)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def forward(self, w: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        return w


@pytest.mark.parametrize(
    ("module", "name", "x"),
    [
        (LSTM(1, 4, batch_first=True), "weight_ih_l0", torch.zeros(3, 5, 1)),
        (GRU(1, 4, implementation="explicit"), "weight_ih_l0", torch.zeros(5, 3, 1)),
        (LSTMCell(1, 4), "weight_ih", torch.zeros(3, 1)),
    ],
    ids=["lstm", "gru-explicit", "cell"],
)
def test_the_conversion_hints_read_no_weight_on_a_valid_call(module, name, x):
    # the hints' dtype is read where they are raised only: read at every call, a parametrized
    # weight (an AWD-LSTM weight dropout) was evaluated once more, drawing another mask
    counted = _Counted()
    torch.nn.utils.parametrize.register_parametrization(module, name, counted)
    counted.calls = 0  # (registering evaluates it once)
    module(x)
    assert counted.calls == 3  # as before the hints
