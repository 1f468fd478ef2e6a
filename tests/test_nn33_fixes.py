"""Recurrent core leftovers (nn33): every problem of a state, and of an input, told at once in
the cells and the layers alike; ``"auto"`` with lengths under ``torch.compile(fullgraph=True)``."""

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell
from lstmkit.nn.cells import MixedArgumentError

DT = torch.float64


def _refusal(call):
    with pytest.raises(Exception) as err:
        call()
    return err.value


# --- (a) a state's wrong shape and wrong device or dtype, at once ------------------------------

_CELL_H = "`h_0` must have shape (2, 4) (batch, hidden_size), got (5, 4)."
_LAYER_H = (
    "`h_0` must have shape (1, 2, 4) (num_layers * num_directions, batch, hidden_size), "
    "got (1, 5, 4)."
)
_C_DTYPE = "`c_0` must have dtype torch.float32 like the input, got torch.float64."
_C_DEVICE = "`c_0` is on device meta but `input` is on cpu: move it (`c_0.to(input.device)`)."


@pytest.mark.parametrize(
    ("c_kw", "told", "kinds"),
    [
        ({"dtype": DT}, _C_DTYPE, (ValueError, TypeError)),
        ({"device": "meta"}, _C_DEVICE, (ValueError, RuntimeError)),
    ],
    ids=["dtype", "device"],
)
def test_a_cells_wrong_h_0_shape_and_c_0_device_or_dtype_are_told_at_once(c_kw, told, kinds):
    """A cell told the device (checked before the shape) and a layer the shape, and the other
    on the next try; both tell both now, shape first."""
    cell = LSTMCell(input_size=3, hidden_size=4)
    err = _refusal(lambda: cell(torch.randn(2, 3), (torch.zeros(5, 4), torch.zeros(2, 4, **c_kw))))
    assert type(err) is MixedArgumentError
    assert isinstance(err, kinds)
    assert str(err) == f"{_CELL_H} {told}"


@pytest.mark.parametrize(
    ("c_kw", "told", "kinds"),
    [
        ({"dtype": DT}, _C_DTYPE, (ValueError, TypeError)),
        ({"device": "meta"}, _C_DEVICE, (ValueError, RuntimeError)),
    ],
    ids=["dtype", "device"],
)
def test_a_layers_wrong_h_0_shape_and_c_0_device_or_dtype_are_told_at_once(c_kw, told, kinds):
    lstm = LSTM(input_size=3, hidden_size=4)
    x = torch.randn(5, 2, 3)
    err = _refusal(lambda: lstm(x, (torch.zeros(1, 5, 4), torch.zeros(1, 2, 4, **c_kw))))
    assert type(err) is MixedArgumentError
    assert isinstance(err, kinds)
    assert str(err) == f"{_LAYER_H} {told}"


def test_a_layers_states_are_told_every_kind_of_problem_shape_device_then_dtype():
    lstm = LSTM(input_size=3, hidden_size=4)
    h_0 = torch.zeros(1, 5, 4, dtype=DT)
    c_0 = torch.zeros(1, 2, 4, device="meta")
    err = _refusal(lambda: lstm(torch.randn(5, 2, 3), (h_0, c_0)))
    assert isinstance(err, (ValueError, TypeError, RuntimeError))
    assert str(err) == (
        f"{_LAYER_H} {_C_DEVICE} `h_0` must have dtype torch.float32 like the input, got "
        "torch.float64."
    )


def test_an_unbatched_layers_wrong_state_shape_and_dtype_are_told_at_once():
    lstm = LSTM(input_size=3, hidden_size=4)
    h_0, c_0 = torch.zeros(1, 5), torch.zeros(1, 4, dtype=DT)
    err = _refusal(lambda: lstm(torch.randn(5, 3), (h_0, c_0)))
    assert type(err) is MixedArgumentError
    assert str(err) == (
        "`h_0` must be 2-D (1, 4) for unbatched input (num_layers * num_directions, "
        f"hidden_size), got shape (1, 5). {_C_DTYPE}"
    )


def test_a_state_that_is_no_tensor_is_told_with_the_others_problems():
    """A numpy h_0 was told alone, and c_0's wrong shape on the next try."""
    cell = LSTMCell(input_size=3, hidden_size=4)
    err = _refusal(lambda: cell(torch.randn(2, 3), (np.zeros((2, 4)), torch.zeros(5, 4))))
    assert type(err) is MixedArgumentError
    assert str(err) == (
        "`h_0` must be a Tensor, got ndarray; convert it, e.g. `torch.as_tensor(h_0, "
        "dtype=torch.float32)` (the parameters' dtype). `c_0` must have shape (2, 4) (batch, "
        "hidden_size), got (5, 4)."
    )
    lstm = LSTM(input_size=3, hidden_size=4)
    c_0 = torch.zeros(1, 5, 4, dtype=DT)
    err = _refusal(lambda: lstm(torch.randn(5, 2, 3), (np.zeros((1, 2, 4)), c_0)))
    assert str(err) == (
        "`h_0` must be a Tensor, got ndarray; convert it, e.g. `torch.as_tensor(h_0, "
        "dtype=torch.float32)` (the parameters' dtype), or pass hx=None for zeros. `c_0` must "
        "have shape (1, 2, 4) (num_layers * num_directions, batch, hidden_size), got (1, 5, 4). "
        "`c_0` must have dtype torch.float32 like the input, got torch.float64."
    )


@pytest.mark.parametrize(
    ("module", "x", "h_0", "told"),
    [
        (GRUCell(input_size=3, hidden_size=4), torch.randn(2, 3), torch.zeros(5, 4), _CELL_H),
        (GRU(input_size=3, hidden_size=4), torch.randn(5, 2, 3), torch.zeros(1, 5, 4), _LAYER_H),
    ],
    ids=["GRUCell", "GRU"],
)
def test_a_grus_state_of_the_wrong_shape_and_device_is_told_both(module, x, h_0, told):
    err = _refusal(lambda: module(x, h_0.to("meta")))
    assert isinstance(err, (ValueError, RuntimeError))
    assert str(err) == (
        f"{told} `h_0` is on device meta but `input` is on cpu: move it (`h_0.to(input.device)`)."
    )


def test_problems_of_one_kind_keep_their_plain_kind():
    """Only a mix is a MixedArgumentError: two wrong shapes stay a ValueError, two wrong
    devices a RuntimeError, as before."""
    cell = LSTMCell(input_size=3, hidden_size=4)
    err = _refusal(lambda: cell(torch.randn(2, 3), (torch.zeros(5, 4), torch.zeros(5, 4))))
    assert type(err) is ValueError
    lstm = LSTM(input_size=3, hidden_size=4)
    states = (torch.zeros(1, 2, 4, device="meta"), torch.zeros(1, 2, 4, device="meta"))
    err = _refusal(lambda: lstm(torch.randn(5, 2, 3), states))
    assert type(err) is RuntimeError
    assert str(err) == (
        "`h_0` is on device meta but `input` is on cpu: move it (`h_0.to(input.device)`). "
        + _C_DEVICE
    )


# --- (b) an input's problems, at once and in one order in cells and layers ----------------------

_CELL_DTYPE = (
    "`input` has dtype torch.float64 but the cell's parameters have dtype torch.float32: "
    "convert the cell (`cell.double()`) or the input (`input.float()`)."
)
_LAYER_DTYPE = _CELL_DTYPE.replace("cell", "layer")


@pytest.mark.parametrize(
    ("module", "x"),
    [
        (LSTMCell(input_size=3, hidden_size=4), torch.randn(2, 5, dtype=DT)),
        (GRUCell(input_size=3, hidden_size=4), torch.randn(5, dtype=DT)),
        (LSTM(input_size=3, hidden_size=4), torch.randn(7, 2, 5, dtype=DT)),
        (GRU(input_size=3, hidden_size=4), torch.randn(7, 2, 5, dtype=DT)),
    ],
    ids=["LSTMCell", "GRUCell", "LSTM", "GRU"],
)
def test_an_inputs_wrong_feature_count_and_dtype_are_told_at_once(module, x):
    """Told in two rounds (the feature count, then the dtype), in cells and layers alike."""
    err = _refusal(lambda: module(x))
    assert type(err) is MixedArgumentError
    assert isinstance(err, (ValueError, TypeError))
    cell = isinstance(module, (LSTMCell, GRUCell))
    count = "`input` has 5 features, " if cell else "`input` has 5 features in its last dimension, "
    assert str(err) == count + "expected input_size=3. " + (_CELL_DTYPE if cell else _LAYER_DTYPE)


def test_an_integer_input_of_the_wrong_feature_count_is_told_both_once():
    """An integer input is told to convert once (no second dtype line), with its count."""
    err = _refusal(lambda: LSTMCell(input_size=3, hidden_size=4)(torch.zeros(2, 5).long()))
    assert str(err) == (
        "`input` must be a floating-point tensor, got dtype torch.int64; convert it "
        "(`input.float()`, the cell's dtype). `input` has 5 features, expected input_size=3."
    )
    err = _refusal(lambda: LSTM(input_size=3, hidden_size=4)(torch.zeros(7, 2, 5).long()))
    assert str(err) == (
        "`input` must be a floating-point tensor, got dtype torch.int64; convert it "
        "(`input.float()`, the layer's dtype). `input` has 5 features in its last dimension, "
        "expected input_size=3."
    )


def test_an_inputs_wrong_feature_count_and_device_are_told_at_once():
    err = _refusal(lambda: LSTM(input_size=3, hidden_size=4)(torch.empty(7, 2, 5, device="meta")))
    assert isinstance(err, (ValueError, RuntimeError))
    assert str(err) == (
        "`input` has 5 features in its last dimension, expected input_size=3. `input` is on "
        "device meta but the layer's parameters are on cpu: move the layer (`layer.to('meta')`) "
        "or the input (`input.to('cpu')`)."
    )


@pytest.mark.parametrize("batched", [True, False])
def test_the_checks_let_good_states_through_with_torch_nns_values(batched):
    """float64 parity with torch.nn, states given, after the checks were gathered."""
    torch.manual_seed(0)
    ours, ref = LSTM(input_size=3, hidden_size=4, dtype=DT), nn.LSTM(3, 4, dtype=DT)
    ref.load_state_dict(ours.state_dict())
    lead = (2,) if batched else ()
    x = torch.randn(5, *lead, 3, dtype=DT)
    states = (torch.randn(1, *lead, 4, dtype=DT), torch.randn(1, *lead, 4, dtype=DT))
    out, (h_n, c_n) = ours(x, states)
    want, (want_h, want_c) = ref(x, states)
    for got, expected in ((out, want), (h_n, want_h), (c_n, want_c)):
        torch.testing.assert_close(got, expected, rtol=1e-12, atol=1e-12)
    cell, ref_cell = LSTMCell(input_size=3, hidden_size=4, dtype=DT), nn.LSTMCell(3, 4, dtype=DT)
    ref_cell.load_state_dict(cell.state_dict())
    step = (states[0][0], states[1][0])
    for got, expected in zip(cell(x[0], step), ref_cell(x[0], step), strict=True):
        torch.testing.assert_close(got, expected, rtol=1e-12, atol=1e-12)


# --- (c) "auto" with lengths under torch.compile(fullgraph=True) -------------------------------


@pytest.mark.parametrize("cls", [LSTM, GRU])
def test_auto_with_lengths_compiles_fullgraph_with_torch_nns_values(cls):
    """`torch.compile(fullgraph=True)` of an "auto" layer given lengths failed: "Attempted to
    call function marked as skipped ... pack_padded_sequence" (the fused path packs). It takes
    the explicit path there now, which matches torch.nn to 1e-12 in float64."""
    torch.manual_seed(0)
    module = cls(input_size=3, hidden_size=4, batch_first=True, bidirectional=True, dtype=DT)
    ref = getattr(nn, cls.__name__)(3, 4, batch_first=True, bidirectional=True, dtype=DT)
    ref.load_state_dict(module.state_dict())
    x = torch.randn(2, 5, 3, dtype=DT)
    lengths = torch.tensor([5, 3])
    torch._dynamo.reset()
    try:
        out, state = torch.compile(module, fullgraph=True, backend="eager")(x, lengths=lengths)
    finally:
        torch._dynamo.reset()
    packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True)
    want, want_state = ref(packed)
    want = nn.utils.rnn.pad_packed_sequence(want, batch_first=True)[0]
    torch.testing.assert_close(out, want, rtol=1e-12, atol=1e-12)
    for got, expected in zip(
        state if cls is LSTM else (state,),
        want_state if cls is LSTM else (want_state,),
        strict=True,
    ):
        torch.testing.assert_close(got, expected, rtol=1e-12, atol=1e-12)
    assert not out[1, 3:].any()  # the padded steps of the shorter sequence are 0
