"""lstmkit.nn as a PyTorch/Keras user meets it (nn12): padding masks in the shapes users bring
(pandas, Keras' [B, T, 1], `x != 0`, with a gap) told the lengths or compaction that runs right,
an unbatched call's refusals say the shape it takes, one TracerWarning per jit trace."""

from __future__ import annotations

import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from lstmkit.nn import GRU, LSTM

_HEAD = "`lengths` must be 1-D with one entry per sequence (3), got shape {shape}, that of a "


def _refusal(call, error=ValueError) -> str:
    with pytest.raises(error) as err:
        call()
    return str(err.value)


def _hint(message: str) -> list[str]:
    """The code spans of a message, in order."""
    return message.split("`")[1::2]


_LAYERS = {
    "lstm": lambda bf: LSTM(3, 2, batch_first=bf, bidirectional=True, dtype=torch.float64),
    "gru": lambda bf: GRU(3, 2, batch_first=bf, bidirectional=True, dtype=torch.float64),
    "peephole": lambda bf: LSTM(3, 2, batch_first=bf, peephole=True, dtype=torch.float64),
}


def _per_sequence(layer, x, real, batch_first):
    """Each sequence's real steps run alone (unbatched): its outputs and final h."""
    xs = x if batch_first else x.transpose(0, 1)
    runs = [layer(xs[b][real[b]]) for b in range(xs.shape[0])]
    return [out for out, _ in runs], [(s[0] if isinstance(s, tuple) else s) for _, s in runs]


@pytest.mark.parametrize("batch_first", [True, False], ids=["batch-first", "time-major"])
@pytest.mark.parametrize("name", list(_LAYERS))
def test_masks_in_the_shapes_users_bring_are_told_what_runs_right(name, batch_first):
    """A Keras [B, T, 1] mask or `x != 0` ([B, T, I]) passed as `lengths` was refused for its
    dtype ("must hold integers, got dtype torch.bool"), and a mask with a gap (real, padded,
    real) was told `lengths=mask.sum(1)`, which runs and silently reads the wrong steps. Each is
    now named, and its remedy, evaluated as written, gives what each sequence's real steps give
    alone and what packing gives, in float64."""
    torch.manual_seed(0)
    layer = _LAYERS[name](batch_first)
    real = torch.tensor(
        [
            [True, True, False, True, False],
            [True, True, True, True, True],
            [True, False] * 2 + [False],
        ]
    )  # [B, T]: sequences 0 and 2 have a gap
    x = torch.randn(3, 5, 3, dtype=torch.float64) * real.unsqueeze(-1)
    layout, axis = ("[B, T", 1) if batch_first else ("[T, B", 0)
    if not batch_first:
        x, real = x.transpose(0, 1), real.T
    keras = real.unsqueeze(-1)  # [B, T, 1]
    features = (x != 0).double()  # [B, T, I], 0/1 floats
    for mask, kind, padded, total in [
        (real, "]", "(mask == 0)", f"mask.sum({axis})"),
        (keras, ", 1]", "(mask == 0).all(2)", f"mask.any(2).sum({axis})"),
        (
            features,
            ", I] mask (as `x != 0` gives)",
            "(mask == 0).all(2)",
            f"mask.any(2).sum({axis})",
        ),
    ]:
        says = _refusal(lambda mask=mask: layer(x, lengths=mask))
        shape = tuple(mask.shape)
        assert says == _HEAD.format(shape=shape) + layout + kind + (
            " mask" if "I]" not in kind else ""
        ) + (
            " whose sequence 0 has padded step 2 before real step 3: lengths describe sequences "
            "padded at the end only, so move each sequence's real steps to the front first, "
            f"`keep = {padded}.argsort(dim={axis}, stable=True)`, "
            f"`input = input.gather({axis}, keep.unsqueeze(-1).expand_as(input))`, then pass "
            f"`lengths={total}`."
        )
        scope = {"mask": mask, "input": x, "torch": torch}
        for line in _hint(says)[-3:-1]:
            exec(line, scope)  # the compaction, as the message writes it
        lengths = eval(_hint(says)[-1].removeprefix("lengths="), scope)
        assert lengths.tolist() == [3, 5, 2]
        out, state = layer(scope["input"], lengths=lengths)
        h_n = state[0] if isinstance(state, tuple) else state
        outs, finals = _per_sequence(layer, x, real if batch_first else real.T, batch_first)
        seq_out = out if batch_first else out.transpose(0, 1)
        for b, n in enumerate([3, 5, 2]):
            torch.testing.assert_close(seq_out[b, :n], outs[b], rtol=0, atol=1e-14)
            torch.testing.assert_close(h_n[:, b], finals[b], rtol=0, atol=1e-14)
        packed = pack_padded_sequence(
            scope["input"], lengths, batch_first=batch_first, enforce_sorted=False
        )
        _, packed_state = layer(packed)
        packed_h = packed_state[0] if isinstance(packed_state, tuple) else packed_state
        torch.testing.assert_close(h_n, packed_h, rtol=0, atol=1e-14)
    # padded at the end: the per-feature masks are told the lengths that run
    ends = torch.tensor([[True] * 3 + [False] * 2, [True] * 5, [True] * 2 + [False] * 3])
    ends = ends if batch_first else ends.T
    says = _refusal(lambda: layer(x, lengths=ends.unsqueeze(-1).float()))
    assert says == _HEAD.format(shape=tuple(ends.unsqueeze(-1).shape)) + layout + (
        f", 1] mask: pass each sequence's length, `lengths=mask.any(2).sum({axis})` for "
        "sequences padded at the end."
    )
    lengths = eval(_hint(says)[-1].removeprefix("lengths="), {"mask": ends.unsqueeze(-1).float()})
    assert lengths.tolist() == [3, 5, 2]
    out, _ = layer(x, lengths=lengths)
    packed_out, _ = layer(
        pack_padded_sequence(x, lengths, batch_first=batch_first, enforce_sorted=False)
    )
    torch.testing.assert_close(
        out,
        pad_packed_sequence(packed_out, batch_first=batch_first, total_length=5)[0],
        rtol=0,
        atol=1e-14,
    )


def test_a_pandas_mask_is_named_a_mask():
    """A pandas DataFrame mask passed as `lengths` was refused as "`lengths` must be a 1-D tensor
    or sequence of ints, got       0     1...   True   True." (its printout) batch-first, and
    with a KeyError 3 time-major (torch read it by its column labels); it is now named a mask
    with a hint that runs on the DataFrame, and a Series of lengths runs."""
    pd = pytest.importorskip("pandas")
    torch.manual_seed(0)
    x = torch.randn(3, 5, 3, dtype=torch.float64)
    frame = pd.DataFrame([[1.0, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 1, 0, 0, 0]])
    for layer, mask, hint in [
        (LSTM(3, 2, batch_first=True, dtype=torch.float64), frame, "mask.sum(axis=1).astype(int)"),
        (GRU(3, 2, dtype=torch.float64), frame.T.astype(bool), "mask.sum(axis=0)"),
    ]:
        inputs = x if layer.batch_first else x.transpose(0, 1)
        says = _refusal(lambda layer=layer, mask=mask, inputs=inputs: layer(inputs, lengths=mask))
        layout = "[B, T]" if layer.batch_first else "[T, B]"
        assert says == _HEAD.format(shape=tuple(mask.shape)) + (
            f"{layout} mask: pass each sequence's length, `lengths={hint}` for sequences padded "
            "at the end."
        )
        lengths = eval(hint, {"mask": mask})
        assert isinstance(lengths, pd.Series) and lengths.tolist() == [3, 5, 2]
        out, _ = layer(inputs, lengths=lengths)
        want, _ = layer(inputs, lengths=torch.tensor([3, 5, 2]))
        torch.testing.assert_close(out, want, rtol=0, atol=0)


def test_an_unbatched_sequences_mask_with_a_gap_is_told_to_keep_its_real_steps():
    """A [T] mask of one unbatched sequence with a gap was told `lengths=mask.sum()`, which runs
    and reads the wrong steps; it is now told to keep the real steps, and that runs as the
    sequence of its real steps."""
    torch.manual_seed(0)
    lstm = LSTM(3, 2, peephole=True, dtype=torch.float64)
    x = torch.randn(5, 3, dtype=torch.float64)
    mask = torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0])
    says = _refusal(lambda: lstm(x, lengths=mask))
    assert says == (
        "`lengths` must be 1-D with one entry per sequence (1), got shape (5,), that of a [T] "
        "mask whose padded step 1 comes before real step 2: lengths describe a sequence padded at "
        "the end only, so keep its real steps, `input = input[mask != 0]`, and pass no lengths."
    )
    scope = {"mask": mask, "input": x}
    exec(_hint(says)[1], scope)
    out, (h_n, _) = lstm(scope["input"])
    want, (h_want, _) = lstm(x[[0, 2, 3]])
    torch.testing.assert_close(out, want, rtol=0, atol=0)
    assert tuple(out.shape) == (3, 2) and torch.equal(h_n, h_want)


@pytest.mark.parametrize("batch_first", [True, False], ids=["batch-first", "time-major"])
def test_an_unbatched_calls_refusals_say_the_shape_it_takes(batch_first):
    """An unbatched call [T, I] given two lengths was told only "must be 1-D with one entry per
    sequence (1), got shape (2,)", and a batch of one's state [L*D, 1, H] "must be 2-D (2, 4)";
    a batched call given an unbatched state, and a cell either way round, were told a bare
    shape. Each now says the shape the call takes and the change that fits, which runs."""
    torch.manual_seed(0)
    lstm = LSTM(3, 4, num_layers=2, batch_first=batch_first, dtype=torch.float64)
    x = torch.randn(5, 3, dtype=torch.float64)
    layout = "[B, T, I]" if batch_first else "[T, B, I]"
    assert _refusal(lambda: lstm(x, lengths=[5, 3])) == (
        "`lengths` must be 1-D with one entry per sequence (1), got shape (2,): the input is one "
        "unbatched sequence [T, I] of 5 steps, whose length is one int (`lengths=5` or fewer); a "
        f"batch of sequences is 3-D {layout}."
    )
    batch_of_one = torch.zeros(2, 1, 4, dtype=torch.float64)
    axis = 0 if batch_first else 1
    shape = "must be 2-D (2, 4) for unbatched input (num_layers * num_directions, hidden_size)"
    assert _refusal(lambda: lstm(x, (batch_of_one, batch_of_one))) == (  # both told (nn13)
        f"`h_0` {shape}, got shape (2, 1, 4); `c_0` {shape}, got shape (2, 1, 4): pass "
        f"`h_0.squeeze(1)` and `c_0.squeeze(1)`, or batch the input too "
        f"(`input.unsqueeze({axis})`)."
    )
    out, _ = lstm(x.unsqueeze(axis), (batch_of_one, batch_of_one))
    want, _ = lstm(x, (batch_of_one.squeeze(1), batch_of_one.squeeze(1)))
    torch.testing.assert_close(out.squeeze(axis), want, rtol=0, atol=0)
    gru = GRU(3, 4, bidirectional=True, batch_first=batch_first, dtype=torch.float64)
    unbatched = torch.zeros(2, 4, dtype=torch.float64)
    assert _refusal(lambda: gru(x.unsqueeze(axis), unbatched)) == (
        "`h_0` must have shape (2, 1, 4) (num_layers * num_directions, batch, hidden_size), got "
        "(2, 4); an unbatched state goes with an unbatched input [T, I]: pass `h_0.unsqueeze(1)` "
        "(a batch of one)."
    )
    assert tuple(gru(x.unsqueeze(axis), unbatched.unsqueeze(1))[1].shape) == (2, 1, 4)


def test_a_cells_state_is_told_the_shape_of_the_call():
    """LSTMCell/GRUCell said "`h_0` must have shape (4,), got (1, 4)" for an unbatched input
    [I] given a batch of one's state, without a word of why; now the call's shape is named and
    the change that fits given."""
    from lstmkit.nn import GRUCell, LSTMCell

    cell = LSTMCell(3, 4, dtype=torch.float64)
    h = torch.zeros(1, 4, dtype=torch.float64)
    x = torch.randn(3, dtype=torch.float64)
    assert _refusal(lambda: cell(x, (h, h))) == (
        "`h_0` must have shape (4,) for unbatched input [I] (hidden_size), got (1, 4); `c_0` "
        "must have shape (4,) for unbatched input [I] (hidden_size), got (1, 4): pass "
        "`h_0.squeeze(0)` and `c_0.squeeze(0)`, or batch the input too (`input.unsqueeze(0)`)."
    )
    h_1, _ = cell(x.unsqueeze(0), (h, h))
    torch.testing.assert_close(h_1.squeeze(0), cell(x, (h.squeeze(0), h.squeeze(0)))[0])
    gru = GRUCell(3, 4, dtype=torch.float64)
    assert _refusal(lambda: gru(x.unsqueeze(0), h.squeeze(0))) == (
        "`h_0` must have shape (1, 4) (batch, hidden_size), got (4,): pass `h_0.unsqueeze(0)` "
        "(a batch of one)."
    )
    assert _refusal(lambda: gru(torch.randn(2, 3, dtype=torch.float64), h.squeeze(0))) == (
        "`h_0` must have shape (2, 4) (batch, hidden_size), got (4,)."
    )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # torch.jit.trace, from torch 2.13
@pytest.mark.parametrize(
    ("make", "ours"),
    [
        (lambda: LSTM(3, 2, implementation="explicit", num_layers=2, bidirectional=True), 1),
        (lambda: GRU(3, 2, implementation="explicit"), 1),
        (lambda: LSTM(3, 2, peephole=True), 1),
        (lambda: LSTM(3, 2), 0),  # the fused path: any length, nothing to say
        (lambda: GRU(3, 2, batch_first=True), 0),
    ],
    ids=["lstm", "gru", "peephole", "fused-lstm", "fused-gru"],
)
@pytest.mark.parametrize("check_trace", [True, False], ids=["checked", "unchecked"])
def test_one_jit_trace_warns_once(make, ours, check_trace, recwarn):
    """One torch.jit.trace of the explicit path gave eight TracerWarnings: its own twice (the
    trace check, check_trace=True by default, traces the call again) and, each time, three
    "Converting a tensor to a Python boolean/integer" at sizes the layer reads, which torch
    silences inside torch.nn; the fused path gave those too. Now one trace gives the explicit
    path's warning once and the fused path none, and the traced module still runs."""
    torch.manual_seed(0)
    module = make()
    x = torch.randn(5, 2, 3)
    traced = torch.jit.trace(module, (x,), check_trace=check_trace)
    tracer = [w for w in recwarn if issubclass(w.category, torch.jit.TracerWarning)]
    assert len(tracer) == ours
    assert all("the explicit path's time loop is recorded" in str(w.message) for w in tracer)
    torch.testing.assert_close(traced(x)[0], module(x)[0], rtol=0, atol=1e-6)


class _Compiled(torch.nn.Module):
    """What torch.compile(model) is to named_modules(): a wrapper holding the model as
    `_orig_mod` (torch.compile itself takes ~6 s to import Dynamo here)."""

    def __init__(self, model: torch.nn.Module):
        super().__init__()
        self._orig_mod = model

    def forward(self, *args, **kwargs):
        return self._orig_mod(*args, **kwargs)


class _EncoderDecoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        kw = {"batch_first": True, "dtype": torch.float64}
        self.enc = LSTM(3, 4, num_layers=2, bidirectional=True, **kw)
        self.dec = GRU(8, 5, **kw)
        self.head = torch.nn.Linear(5, 1, dtype=torch.float64)

    def forward(self, x, lengths):
        return self.head(self.dec(self.enc(x, lengths=lengths)[0], lengths=lengths)[0])


def test_a_compiled_models_traces_and_summary_use_the_models_own_names():
    """A model wrapped by torch.compile was traced as `tr["_orig_mod/enc/l0"]` and summarised
    as "_orig_mod.enc (l0)", torch's attribute, not a name of the user's model (lrp already
    reads through it); traces and summaries now name its layers as the model does, and their
    per-gate counts are the closed form."""
    import lstmkit

    torch.manual_seed(0)
    model = _EncoderDecoder()
    compiled = _Compiled(model)
    x, lengths = torch.randn(3, 6, 3, dtype=torch.float64), torch.tensor([6, 4, 2])
    with lstmkit.trace(compiled) as tr:
        compiled(x, lengths)
    assert list(tr) == ["enc/l0", "enc/l0_reverse", "enc/l1", "enc/l1_reverse", "dec/l0"]
    table = lstmkit.summary(compiled)
    rows = [(r["layer"], r["direction"], r["gate"], r["total"]) for r in table.rows]
    # an LSTM gate: H*I + H*H + 2H; layer 1 reads both directions (I = 2*4); a GRU gate alike
    lstm_gate = [4 * 3 + 4 * 4 + 2 * 4, 4 * 8 + 4 * 4 + 2 * 4]
    assert rows[0] == ("enc (l0)", "forward", "input", lstm_gate[0])
    assert rows[8] == ("enc (l1)", "forward", "input", lstm_gate[1])
    assert rows[16:] == [
        ("dec (l0)", "forward", "reset", 5 * 8 + 5 * 5 + 2 * 5),
        ("dec (l0)", "forward", "update", 75),
        ("dec (l0)", "forward", "new", 75),
        ("head", "-", "-", 6),
    ]
    assert table.total == 8 * sum(lstm_gate) // 2 * 2 + 3 * 75 + 6 == 967
    assert sum(p.numel() for p in model.parameters()) == 967


@pytest.mark.parametrize("implementation", ["explicit", "fused"])
def test_traces_of_a_users_model_equal_a_hand_computed_step(implementation):
    """Checked, not changed (nn12): the traces of an encoder (2 layers, bidirectional) and a GRU
    decoder with lengths equal each sequence's real steps run by hand from the equations, in
    float64, with every padded step zero."""
    import lstmkit

    torch.manual_seed(0)
    model = _EncoderDecoder()
    for m in (model.enc, model.dec):
        m.implementation = implementation
    x, lengths = torch.randn(3, 6, 3, dtype=torch.float64), torch.tensor([6, 4, 2])
    with lstmkit.trace(torch.nn.Sequential(model)) as tr:
        model(x, lengths)
    for b, n in enumerate(lengths.tolist()):
        layer_in = x[b, :n]
        for k in range(2):
            hs = []
            for d, key in enumerate([f"0/enc/l{k}", f"0/enc/l{k}_reverse"]):
                w_ih, w_hh, b_ih, b_hh = model.enc._layer_params(k, d)
                h = c = torch.zeros(4, dtype=torch.float64)
                steps = range(n) if d == 0 else range(n - 1, -1, -1)
                for t in steps:
                    i, f, g, o = (w_ih @ layer_in[t] + b_ih + w_hh @ h + b_hh).chunk(4)
                    i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
                    c = f * c + i * g
                    h = o * c.tanh()
                    for name, v in zip("ifgoch", (i, f, g, o, c, h), strict=True):
                        torch.testing.assert_close(tr[key][name][b, t], v, rtol=0, atol=1e-15)
                hs.append(tr[key]["h"][b, :n])
                assert all(not tr[key][name][b, n:].any() for name in "ifgoch")
            layer_in = torch.cat(hs, 1)
        w_ih, w_hh, b_ih, b_hh = model.dec._layer_params(0, 0)
        h = torch.zeros(5, dtype=torch.float64)
        for t in range(n):
            x_r, x_z, x_n = (w_ih @ layer_in[t] + b_ih).chunk(3)
            h_r, h_z, h_n = (w_hh @ h + b_hh).chunk(3)
            r, z = (x_r + h_r).sigmoid(), (x_z + h_z).sigmoid()
            n_t = (x_n + r * h_n).tanh()
            h = (1 - z) * n_t + z * h
            for name, v in zip("rznh", (r, z, n_t, h), strict=True):
                torch.testing.assert_close(tr["0/dec/l0"][name][b, t], v, rtol=0, atol=1e-15)


def test_the_demo_says_one_step_and_what_its_table_averages(capsys):
    """`lstmkit demo --steps 1` said "remember the sign of step 0 for 1 steps", and its table,
    headed "mean gate activation per step", held |c|, which is no gate; both now say what they
    are."""
    from lstmkit.cli import main

    assert main(["demo", "--epochs", "2", "--steps", "1", "--hidden-size", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[10].startswith("task: remember the sign of step 0 for 1 step; accuracy after 2 ")
    assert out[12:14] == [
        "mean gate activations and |c| per step over 256 test sequences (averaged over units):",
        "step   input  forget  output     |c|",
    ]
    assert len(out) == 15  # one step, one row


def test_a_keras_mask_keyword_is_told_what_this_mask_stands_for():
    """`layer(x, mask=m)`, Keras' call, was told "`lengths=mask.sum(1)` for a [B, T] mask of
    sequences padded at the end" whatever came: a [B, T, 1] mask then failed on shape and a
    mask with a gap ran reading the wrong steps. The mask that came is now read as `lengths`
    reads one, and its remedy runs; a mask that cannot be read keeps the general hint."""
    torch.manual_seed(0)
    gru = GRU(3, 2, batch_first=True, dtype=torch.float64)
    x = torch.randn(2, 4, 3, dtype=torch.float64)
    head = (
        "GRU.forward() takes no Keras argument `mask`: `mask` is `lengths` here, each sequence's "
        "true length [B]: "
    )
    keras = torch.tensor([[1.0, 1, 0, 0], [1, 1, 1, 1]]).unsqueeze(-1)
    says = _refusal(lambda: gru(x, mask=keras), TypeError)
    assert says == head + (
        "this one is a [B, T, 1] mask: pass each sequence's length, `lengths=mask.any(2).sum(1)` "
        "for sequences padded at the end."
    )
    lengths = eval(_hint(says)[-1].removeprefix("lengths="), {"mask": keras})
    out, _ = gru(x, lengths=lengths)
    assert lengths.tolist() == [2, 4] and not out[0, 2:].any() and out[0, 1].all()
    gap = torch.tensor([[True, False, True, False], [True, True, True, True]])
    assert _refusal(lambda: gru(x, mask=gap), TypeError) == head + (
        "this one is a [B, T] mask whose sequence 0 has padded step 1 before real step 2: lengths "
        "describe sequences padded at the end only, so move each sequence's real steps to the "
        "front first, `keep = (mask == 0).argsort(dim=1, stable=True)`, `input = input.gather(1, "
        "keep.unsqueeze(-1).expand_as(input))`, then pass `lengths=mask.sum(1)`."
    )
    assert _refusal(lambda: gru(x, mask="all"), TypeError) == head + (
        "`lengths=mask.sum(1)` for a [B, T] mask of sequences padded at the end."
    )
