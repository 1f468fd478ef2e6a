"""Parity of lstmkit's LSTM/GRU layers with ``torch.nn.LSTM``/``torch.nn.GRU`` in float64.

Every configuration of ``batch_first x bidirectional x num_layers x bias x (no lengths | lengths |
PackedSequence)`` is run through both paths (explicit, fused) after ``load_state_dict`` from a
torch module, and the outputs, final states and gradients (input, initial state, every parameter)
are compared. For padded batches with ``lengths`` the reference is torch on
``pack_padded_sequence(..., enforce_sorted=False)`` followed by ``pad_packed_sequence``.
"""

from __future__ import annotations

import itertools
import math
import warnings

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

from lstmkit.nn import GRU, LSTM

DT = torch.float64
B, T, I, H = 3, 5, 4, 3
LENGTHS = [5, 2, 4]  # unsorted, one full-length sequence, one short
TOL = {"atol": 1e-10, "rtol": 1e-9}

GRID = list(
    itertools.product(
        [False, True],  # batch_first
        [False, True],  # bidirectional
        [1, 2],  # num_layers
        [True, False],  # bias
        ["none", "lengths", "packed"],  # how variable length is given
    )
)
GRID_IDS = [
    f"{'bf' if bf else 'tf'}-{'bi' if bi else 'uni'}-L{nl}-{'bias' if b else 'nobias'}-{mode}"
    for bf, bi, nl, b, mode in GRID
]


def _input(batch_first: bool, seed: int = 0) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(T, B, I, generator=g, dtype=DT)
    return x.transpose(0, 1).contiguous() if batch_first else x


def _state(num_layers: int, bidirectional: bool, seed: int, size: int = H) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(num_layers * (2 if bidirectional else 1), B, size, generator=g, dtype=DT)


def _weights_like(t: torch.Tensor, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(t.shape, generator=g, dtype=t.dtype)


def _run(
    module: nn.Module,
    x: torch.Tensor,
    hx,
    mode: str,
    batch_first: bool,
    reference: bool,
):
    """Run ``module`` on ``x`` in the given length mode; return (output tensor, state tuple).

    ``reference=True`` means ``module`` is torch's: lengths are handled by packing, as torch's
    documentation prescribes. Otherwise lstmkit's ``lengths=`` keyword is used.
    """
    lengths = torch.tensor(LENGTHS)
    if mode == "none":
        out, state = module(x, hx)
    elif mode == "packed":
        packed = pack_padded_sequence(x, lengths, batch_first=batch_first, enforce_sorted=False)
        out, state = module(packed, hx)
        assert isinstance(out, PackedSequence)
        torch.testing.assert_close(out.batch_sizes, packed.batch_sizes)
        torch.testing.assert_close(out.sorted_indices, packed.sorted_indices)
        torch.testing.assert_close(out.unsorted_indices, packed.unsorted_indices)
        out = out.data
    elif reference:
        packed = pack_padded_sequence(x, lengths, batch_first=batch_first, enforce_sorted=False)
        out, state = module(packed, hx)
        out, _ = pad_packed_sequence(out, batch_first=batch_first, total_length=T)
    else:
        out, state = module(x, hx, lengths=lengths)
    if isinstance(state, torch.Tensor):
        state = (state,)
    return out, tuple(state)


def _value_and_grads(module, x, hx, mode, batch_first, reference):
    x = x.clone().requires_grad_(True)
    hx = tuple(h.clone().requires_grad_(True) for h in hx)
    module.zero_grad()
    out, state = _run(module, x, hx[0] if len(hx) == 1 else hx, mode, batch_first, reference)
    # A random linear functional of every output so that every gradient path is exercised.
    loss = (out * _weights_like(out, 11)).sum()
    for k, s in enumerate(state):
        loss = loss + (s * _weights_like(s, 12 + k)).sum()
    loss.backward()
    grads = {"input": x.grad, **{f"hx{k}": h.grad for k, h in enumerate(hx)}}
    grads.update({name: p.grad for name, p in module.named_parameters()})
    return out.detach(), tuple(s.detach() for s in state), grads


def _check_parity(kind, impl, batch_first, bidirectional, num_layers, bias, mode, proj_size=0):
    torch.manual_seed(123)
    cls_torch, cls_kit = (nn.LSTM, LSTM) if kind == "lstm" else (nn.GRU, GRU)
    kwargs = dict(
        num_layers=num_layers, bias=bias, batch_first=batch_first, bidirectional=bidirectional
    )
    if proj_size:
        kwargs["proj_size"] = proj_size
    ref = cls_torch(I, H, dtype=DT, **kwargs)
    kit = cls_kit(I, H, implementation=impl, dtype=DT, **kwargs)
    assert list(kit.state_dict()) == list(ref.state_dict())
    kit.load_state_dict(ref.state_dict())

    x = _input(batch_first)
    hx = (_state(num_layers, bidirectional, 1, proj_size or H),)
    if kind == "lstm":
        hx = (*hx, _state(num_layers, bidirectional, 2))

    out_r, st_r, g_r = _value_and_grads(ref, x, hx, mode, batch_first, reference=True)
    out_k, st_k, g_k = _value_and_grads(kit, x, hx, mode, batch_first, reference=False)

    torch.testing.assert_close(out_k, out_r, **TOL)
    assert len(st_k) == len(st_r)
    for s_k, s_r in zip(st_k, st_r, strict=True):
        torch.testing.assert_close(s_k, s_r, **TOL)
    assert set(g_k) == set(g_r)
    for name in g_r:
        assert g_k[name] is not None, f"no gradient for {name}"
        torch.testing.assert_close(g_k[name], g_r[name], **TOL, msg=f"gradient of {name}")


@pytest.mark.parametrize("impl", ["explicit", "fused"])
@pytest.mark.parametrize(
    ("batch_first", "bidirectional", "num_layers", "bias", "mode"), GRID, ids=GRID_IDS
)
def test_lstm_parity_with_torch(impl, batch_first, bidirectional, num_layers, bias, mode):
    _check_parity("lstm", impl, batch_first, bidirectional, num_layers, bias, mode)


@pytest.mark.parametrize("impl", ["explicit", "fused"])
@pytest.mark.parametrize(
    ("batch_first", "bidirectional", "num_layers", "bias", "mode"), GRID, ids=GRID_IDS
)
def test_lstm_with_projection_parity_with_torch(
    impl, batch_first, bidirectional, num_layers, bias, mode
):
    # proj_size (Sak et al. 2014): h_t = W_hr (o_t ⊙ tanh(c_t)), h of P = 2 units, c of H = 3
    _check_parity("lstm", impl, batch_first, bidirectional, num_layers, bias, mode, proj_size=2)


@pytest.mark.parametrize("impl", ["explicit", "fused"])
@pytest.mark.parametrize(
    ("batch_first", "bidirectional", "num_layers", "bias", "mode"), GRID, ids=GRID_IDS
)
def test_gru_parity_with_torch(impl, batch_first, bidirectional, num_layers, bias, mode):
    _check_parity("gru", impl, batch_first, bidirectional, num_layers, bias, mode)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_state_dict_loads_into_torch(kind, bidirectional):
    """lstmkit -> torch: lstmkit's own initialisation, loaded strictly into torch, same outputs."""
    torch.manual_seed(7)
    cls_torch, cls_kit = (nn.LSTM, LSTM) if kind == "lstm" else (nn.GRU, GRU)
    kit = cls_kit(I, H, num_layers=2, bidirectional=bidirectional, dtype=DT)
    ref = cls_torch(I, H, num_layers=2, bidirectional=bidirectional, dtype=DT)
    assert list(kit.state_dict()) == list(ref.state_dict())
    for (n_k, t_k), (n_r, t_r) in zip(
        kit.state_dict().items(), ref.state_dict().items(), strict=True
    ):
        assert n_k == n_r and t_k.shape == t_r.shape
    ref.load_state_dict(kit.state_dict())
    x = _input(False, seed=3)
    out_k, st_k = kit(x)
    out_r, st_r = ref(x)
    torch.testing.assert_close(out_k, out_r, **TOL)
    if kind == "lstm":
        torch.testing.assert_close(st_k[0], st_r[0], **TOL)
        torch.testing.assert_close(st_k[1], st_r[1], **TOL)
    else:
        torch.testing.assert_close(st_k, st_r, **TOL)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_default_init_matches_torch_distribution(kind):
    """Parameters are initialised like torch: U(-1/sqrt(H), 1/sqrt(H))."""
    torch.manual_seed(0)
    hidden = 16
    kit = (LSTM if kind == "lstm" else GRU)(I, hidden, dtype=DT)
    bound = hidden**-0.5
    values = torch.cat([p.detach().flatten() for p in kit.parameters()])
    assert values.abs().max() <= bound
    # Not all zeros/constant: a U(-b, b) sample of this size has std close to b / sqrt(3).
    assert values.std() == pytest.approx(bound / 3**0.5, rel=0.2)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_explicit_and_fused_agree_with_lengths(kind, bidirectional):
    """The two paths of one lstmkit model agree, values and gradients, without torch in between."""
    torch.manual_seed(5)
    cls = LSTM if kind == "lstm" else GRU
    explicit = cls(
        I, H, num_layers=2, bidirectional=bidirectional, implementation="explicit", dtype=DT
    )
    fused = cls(I, H, num_layers=2, bidirectional=bidirectional, implementation="fused", dtype=DT)
    auto = cls(I, H, num_layers=2, bidirectional=bidirectional, implementation="auto", dtype=DT)
    fused.load_state_dict(explicit.state_dict())
    auto.load_state_dict(explicit.state_dict())
    x = _input(True, seed=9).transpose(0, 1).contiguous()
    lengths = torch.tensor(LENGTHS)
    results = []
    for m in (explicit, fused, auto):
        xx = x.clone().requires_grad_(True)
        out, state = m(xx, lengths=lengths)
        state = state if isinstance(state, tuple) else (state,)
        loss = (out * _weights_like(out, 1)).sum() + sum(
            (s * _weights_like(s, 2 + k)).sum() for k, s in enumerate(state)
        )
        loss.backward()
        results.append(
            (out.detach(), [s.detach() for s in state], xx.grad, [p.grad for p in m.parameters()])
        )
    for other in results[1:]:
        torch.testing.assert_close(other[0], results[0][0], **TOL)
        for a, b in zip(other[1], results[0][1], strict=True):
            torch.testing.assert_close(a, b, **TOL)
        torch.testing.assert_close(other[2], results[0][2], **TOL)
        for a, b in zip(other[3], results[0][3], strict=True):
            torch.testing.assert_close(a, b, **TOL)


@pytest.mark.parametrize("impl", ["explicit", "fused"])
def test_lengths_semantics(impl):
    """Padded steps give zero output, do not change state, and the padding content is irrelevant."""
    torch.manual_seed(2)
    m = LSTM(I, H, bidirectional=True, batch_first=True, implementation=impl, dtype=DT)
    x = _input(True, seed=4)
    lengths = torch.tensor(LENGTHS)
    out, (h_n, c_n) = m(x, lengths=lengths)
    x_garbage = x.clone()
    for b, n in enumerate(LENGTHS):
        x_garbage[b, n:] = 1e3
    out2, (h2, c2) = m(x_garbage, lengths=lengths)
    torch.testing.assert_close(out2, out, **TOL)
    torch.testing.assert_close(h2, h_n, **TOL)
    torch.testing.assert_close(c2, c_n, **TOL)
    for b, n in enumerate(LENGTHS):
        assert torch.all(out[b, n:] == 0)
        # each sequence on its own, unpadded, gives the same result
        out_b, (h_b, c_b) = m(x[b : b + 1, :n])
        torch.testing.assert_close(out[b : b + 1, :n], out_b, **TOL)
        torch.testing.assert_close(h_n[:, b : b + 1], h_b, **TOL)
        torch.testing.assert_close(c_n[:, b : b + 1], c_b, **TOL)
        # forward h_n is the output at the last valid step, reverse h_n the output at step 0
        torch.testing.assert_close(h_n[0, b], out[b, n - 1, :H], **TOL)
        torch.testing.assert_close(h_n[1, b], out[b, 0, H:], **TOL)


def test_lengths_as_list_tensor_and_full_length():
    torch.manual_seed(2)
    m = GRU(I, H, dtype=DT)
    x = _input(False)
    out_t, h_t = m(x, lengths=torch.tensor(LENGTHS))
    out_l, h_l = m(x, lengths=LENGTHS)
    torch.testing.assert_close(out_l, out_t, **TOL)
    torch.testing.assert_close(h_l, h_t, **TOL)
    out_i, h_i = m(x, lengths=torch.tensor(LENGTHS, dtype=torch.int32))
    torch.testing.assert_close(out_i, out_t, **TOL)
    torch.testing.assert_close(h_i, h_t, **TOL)
    # all sequences full length is the same as no lengths at all
    out_f, h_f = m(x, lengths=[T] * B)
    out_n, h_n = m(x)
    torch.testing.assert_close(out_f, out_n, **TOL)
    torch.testing.assert_close(h_f, h_n, **TOL)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
@pytest.mark.parametrize("impl", ["explicit", "fused"])
def test_unbatched_input_matches_torch(kind, impl):
    torch.manual_seed(3)
    cls_torch, cls_kit = (nn.LSTM, LSTM) if kind == "lstm" else (nn.GRU, GRU)
    ref = cls_torch(I, H, num_layers=2, bidirectional=True, dtype=DT)
    kit = cls_kit(I, H, num_layers=2, bidirectional=True, implementation=impl, dtype=DT)
    kit.load_state_dict(ref.state_dict())
    x = torch.randn(T, I, dtype=DT)
    out_r, st_r = ref(x)
    out_k, st_k = kit(x)
    assert out_k.shape == (T, 2 * H)
    torch.testing.assert_close(out_k, out_r, **TOL)
    st_r = st_r if isinstance(st_r, tuple) else (st_r,)
    st_k = st_k if isinstance(st_k, tuple) else (st_k,)
    for a, b in zip(st_k, st_r, strict=True):
        assert a.shape == (4, H)
        torch.testing.assert_close(a, b, **TOL)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_hx_none_is_zero_state(kind):
    torch.manual_seed(4)
    m = (LSTM if kind == "lstm" else GRU)(I, H, num_layers=2, dtype=DT)
    x = _input(False)
    zeros = torch.zeros(2, B, H, dtype=DT)
    out0, _ = m(x)
    out1, _ = m(x, (zeros, zeros) if kind == "lstm" else zeros)
    torch.testing.assert_close(out0, out1, **TOL)


@pytest.mark.parametrize("impl", ["explicit", "fused"])
@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_dropout_between_layers(impl, kind):
    torch.manual_seed(6)
    cls = LSTM if kind == "lstm" else GRU
    with_drop = cls(I, H, num_layers=2, dropout=0.5, implementation=impl, dtype=DT)
    no_drop = cls(I, H, num_layers=2, dropout=0.0, implementation=impl, dtype=DT)
    no_drop.load_state_dict(with_drop.state_dict())
    x = _input(False)
    with_drop.eval()
    no_drop.eval()
    out_eval, _ = with_drop(x)
    torch.testing.assert_close(out_eval, no_drop(x)[0], **TOL)
    # in train mode dropout > 0 changes the second layer's input, so the output
    with_drop.train()
    torch.manual_seed(0)
    out_train, _ = with_drop(x)
    assert (out_train - out_eval).abs().max() > 1e-3
    # and dropout = 0 in train mode is still deterministic and equal to eval
    no_drop.train()
    torch.testing.assert_close(no_drop(x)[0], out_eval, **TOL)


def test_output_shapes_and_dtype_follow_torch():
    m = LSTM(I, H, num_layers=2, bidirectional=True, batch_first=True)
    out, (h_n, c_n) = m(torch.randn(B, T, I))
    assert out.shape == (B, T, 2 * H)
    assert h_n.shape == c_n.shape == (4, B, H)
    assert out.dtype == torch.float32
    g = GRU(I, H, num_layers=2)
    out, h_n = g(torch.randn(T, B, I))
    assert out.shape == (T, B, H)
    assert h_n.shape == (2, B, H)


_BIG = {"num_layers": 2, "bidirectional": True, "batch_first": True, "dtype": DT}
_ZERO_STEP_MODELS = [
    *(
        pytest.param(cls, {"implementation": impl}, id=f"{cls.__name__}-{impl}")
        for cls in (LSTM, GRU)
        for impl in ("explicit", "fused", "auto")
    ),
    pytest.param(LSTM, {"peephole": True}, id="peephole"),
]


@pytest.mark.parametrize(("cls", "kwargs"), _ZERO_STEP_MODELS)
def test_zero_time_steps_give_an_empty_output_and_the_initial_state(cls, kwargs):
    torch.manual_seed(9)
    m = cls(I, H, **_BIG, **kwargs)
    h0 = torch.randn(4, B, H, dtype=DT, requires_grad=True)
    c0 = torch.randn(4, B, H, dtype=DT)
    is_lstm = isinstance(m, LSTM)
    out, state = m(torch.randn(B, 0, I, dtype=DT), (h0, c0) if is_lstm else h0)
    assert out.shape == (B, 0, 2 * H)
    h_n = state[0] if is_lstm else state
    assert torch.equal(h_n, h0)
    if is_lstm:
        assert torch.equal(state[1], c0)
    h_n.sum().backward()  # the state stays connected to h_0
    assert torch.equal(h0.grad, torch.ones_like(h0))
    out, state = m(torch.randn(0, I, dtype=DT))  # unbatched, no steps: zero state
    assert out.shape == (0, 2 * H)
    assert (state[0] if is_lstm else state).abs().sum() == 0
    # The outputs are in the graph as a step's are, with gradient zero: a training step on
    # them runs (was: "element 0 of tensors does not require grad"); an infinite weight
    # changes no value.
    with torch.no_grad():
        m.weight_hh_l1_reverse[0, 0] = math.inf
    x = torch.randn(B, 0, I, dtype=DT, requires_grad=True)
    out, state = m(x, (h0, c0) if is_lstm else h0)
    assert torch.equal(state[0] if is_lstm else state, h0)
    out, state = m(x)
    for s in (out, *(state if is_lstm else (state,))):
        assert s.requires_grad and s.abs().sum() == 0
    (out.sum() + sum(s.sum() for s in (state if is_lstm else (state,)))).backward()
    assert x.grad.shape == (B, 0, I)
    for name, p in m.named_parameters():
        assert torch.equal(p.grad, torch.zeros_like(p)), name
    with pytest.raises(ValueError, match="cannot describe an input with zero time steps"):
        m(torch.randn(B, 0, I, dtype=DT), lengths=torch.zeros(B, dtype=torch.long))


@pytest.mark.parametrize("impl", ["explicit", "fused"])
def test_zero_time_steps_of_a_projected_lstm_are_in_the_graph(impl):
    m = LSTM(I, H, proj_size=2, implementation=impl, **_BIG)
    out, (h_n, c_n) = m(torch.randn(B, 0, I, dtype=DT))
    assert out.shape == (B, 0, 4) and h_n.shape == (4, B, 2) and c_n.shape == (4, B, H)
    (h_n.sum() + c_n.sum()).backward()  # was: not in the graph, backward refused
    assert torch.equal(m.weight_hr_l1.grad, torch.zeros(2, H, dtype=DT))


@pytest.mark.parametrize(("cls", "kwargs"), _ZERO_STEP_MODELS)
def test_empty_batch_gives_empty_outputs(cls, kwargs):
    m = cls(I, H, **_BIG, **kwargs)
    out, state = m(torch.randn(0, T, I, dtype=DT))
    assert out.shape == (0, T, 2 * H)
    for s in state if isinstance(m, LSTM) else (state,):
        assert s.shape == (4, 0, H)


def test_repr_lists_the_arguments_that_differ_from_the_defaults():
    assert repr(LSTM(5, 4, num_layers=2, bidirectional=True)) == (
        "LSTM(5, 4, num_layers=2, bidirectional=True)"
    )
    assert repr(LSTM(5, 4)) == "LSTM(5, 4)"
    assert repr(LSTM(5, 4, bias=False, batch_first=True, peephole=True)) == (
        "LSTM(5, 4, bias=False, batch_first=True, peephole=True)"
    )
    assert repr(GRU(3, 2, num_layers=2, dropout=0.5, implementation="explicit")) == (
        "GRU(3, 2, num_layers=2, dropout=0.5, implementation='explicit')"
    )
    from lstmkit.nn import GRUCell, LSTMCell

    # the cells as torch's: the bias only when it is off
    assert repr(LSTMCell(3, 4)) == repr(nn.LSTMCell(3, 4)) == "LSTMCell(3, 4)"
    assert repr(GRUCell(3, 4, bias=False)) == repr(nn.GRUCell(3, 4, bias=False))
    assert repr(LSTMCell(3, 4, peephole=True)) == "LSTMCell(3, 4, peephole=True)"


def test_dropout_with_one_layer_warns_like_torch() -> None:
    with pytest.warns(UserWarning, match=r"`dropout`=0.2 has no effect with num_layers=1"):
        LSTM(3, 4, dropout=0.2)
    with pytest.warns(UserWarning, match="no effect with num_layers=1") as record:
        GRU(3, 4, dropout=0.5)
    assert record[0].filename == __file__  # the caller's line, not GRU.__init__'s
    LSTM(3, 4, num_layers=2, dropout=0.2)  # no warning (the suite turns warnings into errors)


def test_torch_lstm_attributes_code_calls_exist():
    torch.manual_seed(0)
    ref = torch.nn.LSTM(3, 4, 2, True, False, 0.0, True, 0)  # proj_size=0, positionally
    kit = LSTM(3, 4, 2, True, False, 0.0, True, 0)
    kit.load_state_dict(ref.state_dict())
    assert kit.proj_size == 0
    kit.flatten_parameters()  # a no-op, called by code written for torch.nn.LSTM
    assert len(kit.all_weights) == len(ref.all_weights) == 4
    for mine, theirs in zip(kit.all_weights, ref.all_weights, strict=True):
        assert len(mine) == len(theirs) == 4
        for a, b in zip(mine, theirs, strict=True):
            assert torch.equal(a, b)
    peep = LSTM(3, 4, bias=False, peephole=True)
    assert [tuple(p.shape) for p in peep.all_weights[0]] == [(16, 3), (16, 4), (4,), (4,), (4,)]
    assert peep.all_weights[0][2] is peep.weight_ci_l0


def test_proj_size_takes_torchs_values_and_dropout_one_is_accepted_as_in_torch():
    with pytest.raises(ValueError) as err:
        LSTM(3, 4, proj_size=4)
    assert str(err.value) == (
        "`proj_size` must be 0 (no projection) or in [1, hidden_size - 1] = [1, 3], got 4."
    )
    with pytest.raises(ValueError, match=r"got -1\.$"):
        LSTM(3, 4, proj_size=-1)
    with pytest.raises(ValueError) as err:  # nn23: a value, as a size's 2.0 is
        LSTM(3, 4, proj_size=2.0)
    assert str(err.value) == (
        "`proj_size` must be an integer, got 2.0 (a whole number as a float: pass int(x))."
    )
    with pytest.raises(ValueError) as err:
        GRU(3, 4, proj_size=2)
    assert str(err.value) == (
        "`proj_size` applies to LSTM only (as in torch.nn), got proj_size=2 for a GRU."
    )
    torch.manual_seed(0)
    ref = torch.nn.LSTM(3, 4, num_layers=2, dropout=1.0)
    kit = LSTM(3, 4, num_layers=2, dropout=1.0, implementation="explicit")
    kit.load_state_dict(ref.state_dict())
    x = torch.randn(5, 2, 3)
    # every output of layer 1 dropped: layer 2 sees zeros, in both
    torch.testing.assert_close(kit(x)[0], ref(x)[0])
    with pytest.raises(ValueError, match=r"`dropout` must be in \[0, 1\], got 1.5"):
        LSTM(3, 4, num_layers=2, dropout=1.5)


@pytest.mark.parametrize(("cls", "kwargs"), _ZERO_STEP_MODELS)
def test_a_layer_on_the_meta_device_runs_every_path(cls, kwargs):
    # Shape inference on "meta" (deferred initialisation) works as with torch.nn.LSTM; the
    # explicit path used to ask autocast about the meta device and fail.
    m = cls(I, H, **_BIG, **kwargs, device="meta")
    out, state = m(torch.empty(B, T, I, dtype=DT, device="meta"))
    assert out.device.type == "meta"
    assert out.shape == (B, T, 2 * H)
    for s in state if isinstance(m, LSTM) else (state,):
        assert s.shape == (4, B, H)
        assert s.device.type == "meta"


@pytest.mark.parametrize("impl", ["explicit", "fused"])
def test_projection_unbatched_states_and_repr_follow_torch(impl):
    torch.manual_seed(0)
    ref = nn.LSTM(I, H, proj_size=2, num_layers=2, bidirectional=True, dtype=DT)
    kit = LSTM(I, H, proj_size=2, num_layers=2, bidirectional=True, implementation=impl, dtype=DT)
    assert repr(ref) == "LSTM(4, 3, proj_size=2, num_layers=2, bidirectional=True)"
    assert repr(kit) == repr(ref)[:-1] + f", implementation={impl!r})"
    ref.load_state_dict(kit.state_dict())  # and back: the same keys and shapes both ways
    x = torch.randn(T, I, dtype=DT)
    hx = (torch.randn(4, 2, dtype=DT), torch.randn(4, H, dtype=DT))
    out, (h, c) = kit(x, hx)
    want, (want_h, want_c) = ref(x, hx)
    assert out.shape == (T, 4) and h.shape == (4, 2) and c.shape == (4, H)
    torch.testing.assert_close(out, want, **TOL)
    torch.testing.assert_close(h, want_h, **TOL)
    torch.testing.assert_close(c, want_c, **TOL)
    out, (h, c) = kit(torch.randn(T, B, I, dtype=DT))  # zero states of the two sizes
    assert out.shape == (T, B, 4) and h.shape == (4, B, 2) and c.shape == (4, B, H)
    assert (
        [tuple(p.shape) for p in kit.all_weights[2]]
        == [tuple(p.shape) for p in ref.all_weights[2]]
        == [(12, 4), (12, 2), (12,), (12,), (2, 3)]
    )
    with pytest.raises(ValueError) as err:
        kit(torch.randn(T, B, I, dtype=DT), (torch.zeros(4, B, H, dtype=DT), hx[1]))
    assert str(err.value) == (  # both states' shapes at once: hx[1] is unbatched [L*D, H]
        "`h_0` must have shape (4, 3, 2) (num_layers * num_directions, batch, proj_size), "
        "got (4, 3, 3); `c_0` must have shape (4, 3, 3) (num_layers * num_directions, batch, "
        "hidden_size), got (4, 3)."
    )
    with pytest.raises(ValueError, match=r"^`c_0` must be 2-D \(4, 3\) for unbatched input"):
        kit(x, (hx[0], torch.zeros(4, 1, H, dtype=DT)))


def test_projection_with_peepholes_follows_the_equations():
    torch.manual_seed(1)
    kit = LSTM(I, H, proj_size=2, peephole=True, dtype=DT)
    p = {k[:-3]: v for k, v in kit.named_parameters()}  # weight_ih, ..., weight_hr, weight_ci
    x = torch.randn(T, B, I, dtype=DT)
    out, (h_n, c_n) = kit(x, lengths=[T, 2, 4])
    for b, n in enumerate([T, 2, 4]):
        h, c = torch.zeros(2, dtype=DT), torch.zeros(H, dtype=DT)
        for t in range(n):
            pre = p["weight_ih"] @ x[t, b] + p["weight_hh"] @ h + p["bias_ih"] + p["bias_hh"]
            i, f, g, o = pre.chunk(4)
            i, f = torch.sigmoid(i + p["weight_ci"] * c), torch.sigmoid(f + p["weight_cf"] * c)
            c = f * c + i * torch.tanh(g)
            h = p["weight_hr"] @ (torch.sigmoid(o + p["weight_co"] * c) * torch.tanh(c))
            torch.testing.assert_close(out[t, b], h, **TOL)
        assert out[n:, b].abs().sum() == 0
        torch.testing.assert_close(h_n[0, b], h, **TOL)
        torch.testing.assert_close(c_n[0, b], c, **TOL)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
@pytest.mark.parametrize("lengths", [None, [4, 2]])
def test_cudnn_weight_layout_warning_is_hidden_on_cuda_only(monkeypatch, kind, lengths):
    """cuDNN warns at every fused call that the weights are not one buffer (they are separate
    parameters by design; `flatten_parameters`, which it advises, is a no-op here). On CUDA that
    warning, and only it, is hidden; elsewhere no filter changes. The kernels are stood in for by
    ones that warn as cuDNN does, and the device by `quiet_cudnn_weights` told it is CUDA."""
    from lstmkit.nn import _fused

    real = getattr(torch, kind)

    def kernel(*args):
        warnings.warn(_fused.CUDNN_WEIGHTS_WARNING + ". This means ...", UserWarning, stacklevel=2)
        return real(*args)

    monkeypatch.setattr(torch, kind, kernel)
    layer = (LSTM if kind == "lstm" else GRU)(3, 4, batch_first=True, bidirectional=True)
    x = torch.randn(2, 4, 3)
    with pytest.warns(UserWarning, match="not part of single contiguous chunk"):
        on_cpu = layer(x, lengths=lengths)[0]  # the CPU: nothing hidden
    quiet = _fused.quiet_cudnn_weights
    monkeypatch.setattr(_fused, "quiet_cudnn_weights", lambda _: quiet(torch.device("cuda")))
    assert torch.equal(layer(x, lengths=lengths)[0], on_cpu)  # filterwarnings=error: silent
    with quiet(torch.device("cuda")), pytest.warns(UserWarning, match="another warning"):
        warnings.warn("another warning", UserWarning, stacklevel=1)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_dropout_applies_once_with_its_rate_to_the_first_layers_output(kind):
    """A 2-layer explicit stack in training equals layer 0, then ``F.dropout(p)`` with the same
    random draws, then layer 1: no dropout on the last layer's output (nor a draw for one), the
    rate as given."""
    cls = LSTM if kind == "lstm" else GRU
    torch.manual_seed(7)
    stack = cls(I, H, num_layers=2, dropout=0.25, implementation="explicit", dtype=DT)
    first = cls(I, H, implementation="explicit", dtype=DT)
    second = cls(H, H, implementation="explicit", dtype=DT)
    for k, layer in enumerate((first, second)):
        layer.load_state_dict(
            {
                n.replace(f"_l{k}", "_l0"): p
                for n, p in stack.state_dict().items()
                if n.endswith(f"_l{k}")
            }
        )
    x = _input(False)
    torch.manual_seed(0)
    out, _ = stack(x)
    after = torch.random.get_rng_state()
    torch.manual_seed(0)
    mid = torch.nn.functional.dropout(first(x)[0], 0.25, training=True)
    torch.testing.assert_close(out, second(mid)[0], **TOL)
    assert torch.equal(torch.random.get_rng_state(), after)
    assert bool((mid == 0).any())  # the draws did drop something
