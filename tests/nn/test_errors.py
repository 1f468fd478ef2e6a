"""Bad input gets an error of the right type naming what was expected and what came."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

B, T, I, H = 2, 5, 4, 3


def _models():
    return [
        pytest.param(lambda **kw: LSTM(I, H, **kw), id="lstm"),
        pytest.param(lambda **kw: GRU(I, H, **kw), id="gru"),
    ]


@pytest.fixture(params=["explicit", "fused"])
def impl(request):
    return request.param


@pytest.mark.parametrize("make", _models())
@pytest.mark.parametrize("shape", [(I,), (1, T, B, I)], ids=["rank1", "rank4"])
def test_wrong_rank(make, shape, impl):
    m = make(implementation=impl)
    with pytest.raises(ValueError, match="3-D"):
        m(torch.randn(*shape))


@pytest.mark.parametrize("make", _models())
@pytest.mark.parametrize("batch_first", [False, True])
def test_wrong_feature_size(make, batch_first, impl):
    m = make(implementation=impl, batch_first=batch_first)
    with pytest.raises(ValueError, match="input_size") as err:
        m(torch.randn(T, B, 7))
    assert "4" in str(err.value) and "7" in str(err.value)
    with pytest.raises(ValueError, match="input_size"):
        m(torch.randn(T, 7))  # unbatched


@pytest.mark.parametrize("make", _models())
@pytest.mark.parametrize("dtype", [torch.int64, torch.int32, torch.bool])
def test_non_float_input(make, dtype, impl):
    m = make(implementation=impl)
    with pytest.raises(TypeError, match="floating"):
        m(torch.ones(T, B, I, dtype=dtype))


@pytest.mark.parametrize("make", _models())
@pytest.mark.parametrize("lengths", [[6, 2], [5, 0], [3, -1]], ids=["too-long", "zero", "negative"])
def test_lengths_out_of_range(make, lengths, impl):
    m = make(implementation=impl)
    with pytest.raises(ValueError, match="lengths"):
        m(torch.randn(T, B, I), lengths=torch.tensor(lengths))


@pytest.mark.parametrize("make", _models())
@pytest.mark.parametrize("lengths", [[5], [5, 4, 3]], ids=["too-few", "too-many"])
def test_lengths_wrong_count(make, lengths, impl):
    m = make(implementation=impl)
    with pytest.raises(ValueError, match="lengths"):
        m(torch.randn(T, B, I), lengths=torch.tensor(lengths))


@pytest.mark.parametrize("bad", ["batch", "layers", "hidden"])
def test_lstm_h0_wrong_shape(bad, impl):
    m = LSTM(I, H, num_layers=2, bidirectional=True, implementation=impl)  # h_0: (4, 2, 3)
    shape = {"batch": (4, 3, H), "layers": (2, B, H), "hidden": (4, B, 5)}[bad]
    good = torch.zeros(4, B, H)
    with pytest.raises((RuntimeError, ValueError), match="h_0") as err:
        m(torch.randn(T, B, I), (torch.zeros(shape), good))
    assert re.search(r"4,\s*2,\s*3", str(err.value)), str(err.value)
    with pytest.raises((RuntimeError, ValueError), match="c_0") as err:
        m(torch.randn(T, B, I), (good, torch.zeros(shape)))
    assert re.search(r"4,\s*2,\s*3", str(err.value)), str(err.value)


def test_gru_h0_wrong_shape(impl):
    m = GRU(I, H, num_layers=2, implementation=impl)  # h_0: (2, 2, 3)
    with pytest.raises((RuntimeError, ValueError), match="h_0") as err:
        m(torch.randn(T, B, I), torch.zeros(1, B, H))
    assert re.search(r"2,\s*2,\s*3", str(err.value)), str(err.value)


@pytest.mark.parametrize("make", _models())
@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"hidden_size": 0}, "hidden_size"),
        ({"hidden_size": -3}, "hidden_size"),
        ({"num_layers": 0}, "num_layers"),
        ({"dropout": 1.5}, "dropout"),
        ({"dropout": -0.1}, "dropout"),
        ({"implementation": "foo"}, "implementation"),
    ],
)
def test_bad_constructor_arguments(make, kwargs, name):
    cls = type(make())
    args = {"input_size": I, "hidden_size": H, **kwargs}
    with pytest.raises(ValueError, match=name):
        cls(**args)


def test_fused_with_peephole_is_refused_with_reason():
    with pytest.raises(ValueError, match="peephole"):
        LSTM(I, H, peephole=True, implementation="fused")


def test_gru_has_no_peephole():
    with pytest.raises((TypeError, ValueError), match="peephole"):
        GRU(I, H, peephole=True)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: LSTM(I, H, implementation="fused"), id="lstm-fused"),
        pytest.param(lambda: LSTM(I, H, implementation="explicit"), id="lstm-explicit"),
        pytest.param(lambda: LSTM(I, H, peephole=True), id="peephole"),
        pytest.param(lambda: GRU(I, H, implementation="fused"), id="gru-fused"),
        pytest.param(lambda: GRU(I, H, implementation="explicit"), id="gru-explicit"),
    ],
)
def test_input_dtype_must_match_the_parameters(make):
    m = make()
    with pytest.raises(TypeError) as err:
        m(torch.randn(T, B, I, dtype=torch.float64))
    assert str(err.value) == (
        "`input` has dtype torch.float64 but the layer's parameters have dtype torch.float32: "
        "convert the layer (`layer.double()`) or the input (`input.float()`)."
    )
    with pytest.raises(TypeError, match=r"torch\.float16 .* torch\.float64: .*`layer\.half\(\)`"):
        m.double()(torch.randn(T, B, I).half())
    packed = torch.nn.utils.rnn.pack_sequence([torch.randn(3, I), torch.randn(2, I)])
    with pytest.raises(TypeError, match=r"`input` has dtype torch\.float32"):
        m(packed)  # the layer is float64 now
    out, _ = m(torch.randn(T, B, I, dtype=torch.float64))  # the fix the message names works
    assert out.dtype == torch.float64


def test_cell_input_and_state_dtypes_are_named():
    with pytest.raises(TypeError) as err:
        LSTMCell(I, H)(torch.randn(B, I, dtype=torch.float64))
    assert str(err.value) == (
        "`input` has dtype torch.float64 but the cell's parameters have dtype torch.float32: "
        "convert the cell (`cell.double()`) or the input (`input.float()`)."
    )
    with pytest.raises(TypeError, match="cell's parameters"):
        GRUCell(I, H)(torch.randn(B, I, dtype=torch.float64))
    h = torch.zeros(B, H, dtype=torch.float64)
    with pytest.raises(TypeError, match=r"`h_0` must have dtype torch\.float32 like the input"):
        GRUCell(I, H)(torch.randn(B, I), h)
    with pytest.raises(TypeError, match=r"`c_0` must have dtype torch\.float32 like the input"):
        LSTMCell(I, H)(torch.randn(B, I), (h.float(), h))


def test_cell_states_of_the_wrong_kind_say_what_a_state_is():
    x, h = torch.randn(B, I), torch.zeros(B, H)
    with pytest.raises(TypeError) as err:
        GRUCell(I, H)(x, (h,))
    assert str(err.value) == (
        "`hx` of a GRUCell must be a Tensor h_0 [B, H] (a GRU's state is one tensor), got a "
        "tuple of 1; pass `hx[0]` if it holds h_0."
    )
    with pytest.raises(
        TypeError, match=r"`hx` of an LSTMCell must be a tuple \(h_0, c_0\), got a Tensor"
    ):
        LSTMCell(I, H)(x, torch.zeros(2, B, H))
    with pytest.raises(TypeError, match=r"got a tuple of 3"):
        LSTMCell(I, H)(x, (h, h, h))


def test_an_lstm_cell_state_with_one_half_missing_is_refused():
    # it used to run with zeros for both, dropping the c_0 that was given
    x, state = torch.randn(B, I), torch.randn(B, H)
    with pytest.raises(TypeError) as err:
        LSTMCell(I, H)(x, (None, state))
    assert str(err.value) == (
        "`hx` of an LSTMCell must hold both h_0 and c_0, got c_0 with h_0 None; pass hx=None "
        "for zeros in both."
    )
    with pytest.raises(TypeError, match="got h_0 with c_0 None"):
        LSTMCell(I, H)(x, (state, None))


@pytest.mark.parametrize(
    "make",
    [
        lambda: LSTM(I, H, implementation="explicit"),
        lambda: LSTM(I, H, peephole=True, num_layers=2, bidirectional=True),
        lambda: GRU(I, H, implementation="explicit"),
    ],
    ids=["lstm", "peephole", "gru"],
)
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_the_explicit_path_runs_under_autocast_in_the_parameters_dtype(make, dtype):
    torch.manual_seed(0)
    module = make()
    x = torch.randn(5, B, I)
    want, _ = module(x.to(dtype).float())
    with torch.autocast("cpu", dtype=torch.bfloat16):
        got, _ = module(x.to(dtype))
    assert got.dtype == torch.float32
    torch.testing.assert_close(got, want)
    assert torch.isfinite(got).all()


@pytest.mark.parametrize(
    "make",
    [
        lambda: LSTM(I, H),
        lambda: LSTM(I, H, implementation="explicit"),
        lambda: LSTM(I, H, peephole=True),
        lambda: GRU(I, H, implementation="explicit"),
    ],
    ids=["fused", "explicit", "peephole", "gru"],
)
def test_states_come_back_in_under_autocast_as_in_a_decoding_loop(make):
    torch.manual_seed(0)
    module, proj = make(), torch.nn.Linear(I, I)
    x = torch.randn(3, B, I)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        _, state = module(proj(x))  # bf16 input; the explicit path returns float32 states
        out, _ = module(proj(x), state)
    assert torch.isfinite(out.float()).all()
    with pytest.raises(TypeError, match=r"must have dtype torch\.float32 like the input"):
        module(x, tuple(s.double() for s in state) if isinstance(state, tuple) else state.double())


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_cells_under_autocast_return_the_input_dtype_as_torch(dtype):
    torch.manual_seed(0)
    x = torch.randn(B, I).to(dtype)
    for ours, theirs in (
        (LSTMCell(I, H), torch.nn.LSTMCell(I, H)),
        (GRUCell(I, H), torch.nn.GRUCell(I, H)),
    ):
        with torch.autocast("cpu", dtype=torch.bfloat16):
            got, want = ours(x), theirs(x)
        got = got[0] if isinstance(got, tuple) else got
        want = want[0] if isinstance(want, tuple) else want
        assert got.dtype == want.dtype == dtype


def test_layer_states_that_are_not_tensors_are_named(impl):
    x, h = torch.randn(T, B, I), torch.zeros(1, B, H)
    lstm = LSTM(I, H, implementation=impl)
    with pytest.raises(TypeError) as err:  # was an AttributeError on `.shape`
        lstm(x, (None, h))
    assert str(err.value) == "`h_0` must be a Tensor, got NoneType; pass hx=None for zeros."
    with pytest.raises(TypeError) as err:
        lstm(x, (h, 0.0))
    assert str(err.value) == "`c_0` must be a Tensor, got float; pass hx=None for zeros."
    with pytest.raises(TypeError) as err:  # says what came, as the cell's message does
        lstm(x, h)
    assert str(err.value) == "`hx` of an LSTM must be a tuple (h_0, c_0), got a Tensor."
    with pytest.raises(TypeError, match=r"must be a tuple \(h_0, c_0\), got a tuple of 3\.$"):
        lstm(x, (h, h, h))


@pytest.mark.parametrize(
    "make",
    [
        lambda: LSTM(I, H, implementation="fused"),
        lambda: LSTM(I, H, implementation="explicit"),
        lambda: LSTM(I, H, peephole=True),
        lambda: GRU(I, H, implementation="fused"),
        lambda: GRU(I, H, implementation="explicit"),
    ],
    ids=["lstm-fused", "lstm-explicit", "peephole", "gru-fused", "gru-explicit"],
)
def test_input_and_states_on_another_device_are_named(make):
    # (the meta device stands in for a GPU; the explicit path used to fail inside its loop with
    # "Tensor on device cpu is not on the expected device meta!")
    m = make()
    x = torch.randn(T, B, I)
    with pytest.raises(RuntimeError) as err:
        m(x.to("meta"))
    assert str(err.value) == (
        "`input` is on device meta but the layer's parameters are on cpu: move the layer "
        "(`layer.to('meta')`) or the input (`input.to('cpu')`)."
    )
    h = torch.zeros(1, B, H, device="meta")
    hx = (h, torch.zeros(1, B, H)) if isinstance(m, LSTM) else h
    with pytest.raises(RuntimeError) as err:
        m(x, hx)
    assert str(err.value) == (
        "`h_0` is on device meta but `input` is on cpu: move it (`h_0.to(input.device)`)."
    )
    if isinstance(m, LSTM):
        with pytest.raises(RuntimeError, match=r"^`c_0` is on device meta but `input` is on cpu"):
            m(x, (torch.zeros(1, B, H), h))


def test_cell_input_and_states_on_another_device_are_named():
    x, h = torch.randn(B, I), torch.zeros(B, H)
    for cell in (LSTMCell(I, H), GRUCell(I, H)):
        with pytest.raises(RuntimeError) as err:
            cell(x.to("meta"))
        assert str(err.value) == (
            "`input` is on device meta but the cell's parameters are on cpu: move the cell "
            "(`cell.to('meta')`) or the input (`input.to('cpu')`)."
        )
    with pytest.raises(RuntimeError) as err:
        LSTMCell(I, H)(x, (h, h.to("meta")))
    assert str(err.value) == (
        "`c_0` is on device meta but `input` is on cpu: move it (`c_0.to(input.device)`)."
    )
    with pytest.raises(RuntimeError, match=r"^`h_0` is on device meta but `input` is on cpu"):
        GRUCell(I, H)(x, h.to("meta"))


@pytest.mark.parametrize("x_dtype", [torch.float32, torch.bfloat16])
@pytest.mark.parametrize("h_dtype", [torch.float32, torch.bfloat16])
@pytest.mark.parametrize("c_dtype", [torch.float32, torch.bfloat16])
def test_cells_under_autocast_take_states_of_another_dtype_as_torch(x_dtype, h_dtype, c_dtype):
    # A decoder's first step under autocast: the input from an embedding (float32), the state
    # from a bf16 encoder. lstmkit's cells refused it ("`h_0` must have dtype ..."); torch's
    # run it and return the state's dtype.
    torch.manual_seed(0)
    x = torch.randn(B, I).to(x_dtype)
    h, c = torch.randn(B, H).to(h_dtype), torch.randn(B, H).to(c_dtype)
    pairs = ((LSTMCell(I, H), torch.nn.LSTMCell(I, H)), (GRUCell(I, H), torch.nn.GRUCell(I, H)))
    for ours, theirs in pairs:
        theirs.load_state_dict(ours.state_dict())
        hx = (h, c) if isinstance(ours, LSTMCell) else h
        with torch.autocast("cpu", dtype=torch.bfloat16):
            got, want = ours(x, hx), theirs(x, hx)
        got = got if isinstance(got, tuple) else (got,)
        want = want if isinstance(want, tuple) else (want,)
        for g, w in zip(got, want, strict=True):
            assert g.dtype == w.dtype
            torch.testing.assert_close(g.float(), w.float(), rtol=0.02, atol=0.02)
    with pytest.raises(TypeError, match=r"`h_0` must have dtype torch\.float32 like the input"):
        GRUCell(I, H)(torch.randn(B, I), h.double())  # outside autocast: refused, as before


@pytest.mark.parametrize("make", _models())
@pytest.mark.parametrize("flag", ["bias", "batch_first", "bidirectional"])
def test_flags_that_are_not_bools_are_named_at_construction(make, flag):
    # bias=0 or bidirectional=1 used to construct, then fail in the fused kernel's call with
    # "lstm() received an invalid combination of arguments"
    cls = type(make())
    with pytest.raises(TypeError) as err:
        cls(I, H, **{flag: 1})
    assert str(err.value) == f"`{flag}` must be a bool, got int 1."


@pytest.mark.parametrize(
    ("make", "flag"),
    [
        pytest.param(LSTMCell, "bias", id="lstm-cell-bias"),
        pytest.param(GRUCell, "bias", id="gru-cell-bias"),
        pytest.param(LSTMCell, "peephole", id="lstm-cell-peephole"),
    ],
)
@pytest.mark.parametrize("value", ["no", 0], ids=["str", "int"])
def test_cell_flags_that_are_not_bools_are_named_as_the_layers_do(make, flag, value):
    # LSTMCell(4, 3, bias="no") built a cell with biases: the string is truthy
    with pytest.raises(TypeError) as err:
        make(I, H, **{flag: value})
    assert str(err.value) == f"`{flag}` must be a bool, got {type(value).__name__} {value!r}."


@pytest.mark.parametrize(
    "make",
    [LSTM, GRU, LSTMCell, GRUCell, lambda i, h, **kw: LSTMCell(i, h, peephole=np.True_, **kw)],
    ids=["lstm", "gru", "lstm-cell", "gru-cell", "peephole-cell"],
)
def test_numpy_bools_are_bools_and_other_types_are_named_with_their_module(make):
    # np.bool_ was refused as "must be a bool, got bool" (numpy 2 names its type "bool")
    model = make(I, H, bias=np.False_)
    assert model.bias is False and type(model.bias) is bool
    assert all("bias" not in name for name, _ in model.named_parameters())
    with pytest.raises(TypeError) as err:
        make(I, H, bias=np.int64(1))
    assert str(err.value) == "`bias` must be a bool, got np.int64(1)."


def test_gru_refuses_peepholes_and_names_a_flag_that_is_no_bool():
    with pytest.raises(ValueError) as err:
        GRU(I, H, peephole=True)
    assert str(err.value) == "`peephole=True` applies to LSTM only; GRU has no cell state."
    # a truthy string was told "`peephole=True` applies to LSTM only"
    with pytest.raises(TypeError) as err:
        GRU(I, H, peephole="no")
    assert str(err.value) == "`peephole` must be a bool, got str 'no'."
    assert GRU(I, H, peephole=False).peephole is False
    # numpy's True passed the `is True` check: a GRU with weight_ci_l0, weight_cf_l0, ...
    with pytest.raises(ValueError) as err:
        GRU(I, H, peephole=np.True_)
    assert str(err.value) == "`peephole=True` applies to LSTM only; GRU has no cell state."


def test_dropout_takes_any_real_number_as_torch():
    np = pytest.importorskip("numpy")
    m = LSTM(I, H, num_layers=2, dropout=np.float32(0.25))  # was "must be a float, got float32"
    assert m.dropout == 0.25
    assert isinstance(m.dropout, float)
    with pytest.raises(TypeError) as err:
        LSTM(I, H, num_layers=2, dropout="0.2")
    # (revxd15) told the number the text holds
    assert str(err.value) == "`dropout` must be a float, got str '0.2' (a number, not text: 0.2)."


@pytest.mark.parametrize("make", _models())
@pytest.mark.parametrize("shape", [(2, 5), (3, H)], ids=["hidden", "layers"])
def test_unbatched_state_of_the_wrong_shape_is_named_as_given(make, shape, impl):
    # the message shows the 2-D shape passed, not the [L*D, 1, H] it becomes inside
    m = make(implementation=impl, bidirectional=True)
    hx = torch.zeros(shape)
    if isinstance(m, LSTM):
        hx = (hx, torch.zeros(2, H))
    with pytest.raises(ValueError) as err:
        m(torch.randn(T, I), hx)
    assert str(err.value) == (
        f"`h_0` must be 2-D (2, 3) for unbatched input (num_layers * num_directions, "
        f"hidden_size), got shape {shape}."
    )


@pytest.mark.parametrize("make", _models())
def test_an_empty_list_of_lengths_fits_an_empty_batch(make, impl):
    # torch.as_tensor([]) is float32: the empty list was refused as not holding integers
    m = make(implementation=impl)
    out, _ = m(torch.randn(T, 0, I), lengths=[])
    assert out.shape == (T, 0, H)


@pytest.mark.parametrize("lengths", ["53", [5, None], [[5], [3, 2]]], ids=["str", "none", "ragged"])
def test_lengths_that_are_no_integers_are_named(lengths, impl):
    # torch.as_tensor's own errors ("new(): invalid data type 'str'") named nothing
    m = LSTM(I, H, implementation=impl)
    with pytest.raises(TypeError) as err:
        m(torch.randn(T, B, I), lengths=lengths)
    assert str(err.value) == f"`lengths` must be a 1-D tensor or sequence of ints, got {lengths!r}."


@pytest.mark.parametrize("cls", [LSTMCell, GRUCell])
@pytest.mark.parametrize("shape", [(), (1, B, I)], ids=["rank0", "rank3"])
def test_cell_input_of_the_wrong_rank_is_named(cls, shape):
    # a cell is one step: a sequence [T, B, I] goes to a layer, not through a cell
    with pytest.raises(ValueError) as err:
        cls(I, H)(torch.zeros(shape))
    assert str(err.value) == (
        f"`input` must be 2-D [B, I] (or 1-D [I] unbatched), got shape {shape}."
    )
