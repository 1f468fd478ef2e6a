"""lstmkit.nn leftovers of nn13 (nn14): a [T] mask of bools as long as the batch, a jit trace
that hid a user's own "Converting a tensor" warnings, and refusals that named a type alone."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from torch.nn.utils import parametrize

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell


def _refusal(call, error=ValueError) -> str:
    with pytest.raises(error) as err:
        call()
    return str(err.value)


# -- 1. a 1-D bool mask as long as the batch and the time steps (B == T) ----------------------


@pytest.mark.parametrize(
    ("batch_first", "axis", "layout"), [(True, 1, "[B, T]"), (False, 0, "[T, B]")]
)
def test_bools_as_many_as_sequences_and_steps_are_told_both_readings(batch_first, axis, layout):
    """Four bools beside a batch of four sequences of four steps were read as a [T] mask only,
    and told `torch.full((4,), ...)`, one length for every sequence, though they may as well be
    one bool per sequence; both readings are now told, each with its remedy."""
    lstm = LSTM(input_size=2, hidden_size=3, batch_first=batch_first)
    x = torch.zeros(4, 4, 2)
    per_sequence = (
        "or, as [B], one bool per sequence, not lengths: lengths count each sequence's real "
        f"steps (ints in [1, 4]), `lengths=mask.sum({axis})` of their {layout} padding mask."
    )
    mask = torch.tensor([True, True, False, False])
    assert _refusal(lambda: lstm(x, lengths=mask), TypeError) == (
        "`lengths` must hold integers, got dtype torch.bool: 4 bools, as many as the sequences "
        "and as the time steps (4), so either a [T] mask: a batch of 4 sequences takes one "
        "length each, `lengths=torch.full((4,), int(mask.sum()))` where every sequence is "
        "padded at the end as this mask says; " + per_sequence
    )
    keep = ":, " if batch_first else ""
    assert _refusal(lambda: lstm(x, lengths=[True, False, True, True]), TypeError) == (
        "`lengths` must hold integers, got dtype bool: 4 bools, as many as the sequences and "
        "as the time steps (4), so either a [T] mask whose padded step 1 comes before real "
        "step 2: lengths describe sequences padded at the end only, so keep the real steps of "
        f"every sequence, `input = input[{keep}torch.as_tensor(mask) != 0]`, and pass no "
        "lengths; " + per_sequence
    )


def test_bools_as_many_as_the_steps_only_keep_one_reading():
    """Beside a batch of 3 sequences of 4 steps, 4 bools are a [T] mask and 3 one bool per
    sequence, as before: one reading each."""
    lstm = LSTM(input_size=2, hidden_size=3, batch_first=True)
    x = torch.zeros(3, 4, 2)
    assert _refusal(lambda: lstm(x, lengths=torch.ones(4, dtype=torch.bool)), TypeError) == (
        "`lengths` must hold integers, got dtype torch.bool: that of a [T] mask: a batch of 3 "
        "sequences takes one length each, `lengths=torch.full((3,), int(mask.sum()))` where "
        "every sequence is padded at the end as this mask says."
    )
    assert _refusal(lambda: lstm(x, lengths=torch.ones(3, dtype=torch.bool)), TypeError) == (
        "`lengths` must hold integers, got dtype torch.bool: one bool per sequence, not "
        "lengths: lengths count each sequence's real steps (ints in [1, 4]), "
        "`lengths=mask.sum(1)` of their [B, T] padding mask."
    )


@pytest.mark.parametrize(
    ("batch_first", "total"), [(True, -1.575708461864375), (False, -1.9278059798362444)]
)
def test_int_lengths_beside_a_square_batch_are_one_per_sequence(batch_first, total):
    """Ints as long as B == T are lengths, with nothing to guess: each sequence's last state is
    that of its real steps run alone (batch-first and time-major)."""
    torch.manual_seed(0)
    gru = GRU(input_size=2, hidden_size=3, batch_first=batch_first, dtype=torch.float64)
    x = torch.randn(4, 4, 2, dtype=torch.float64)
    lengths = [4, 1, 3, 2]
    with torch.no_grad():
        _, h_n = gru(x, lengths=torch.tensor(lengths))
        xs = x if batch_first else x.transpose(0, 1)
        for b, length in enumerate(lengths):
            torch.testing.assert_close(h_n[:, b], gru(xs[b, :length])[1], rtol=0, atol=1e-12)
        assert not torch.allclose(h_n[:, 1], gru(xs[1])[1])  # its 3 padded steps not run
    assert float(h_n.sum()) == pytest.approx(total, abs=1e-12)


# -- 2. a jit trace: the user's own warnings come, ours once, no private torch name ------------


class _Halved(torch.nn.Module):
    """A parametrization that reads a tensor's value, which a trace cannot record."""

    def forward(self, weight):
        if float(weight.detach().abs().max()) > 100:  # never: the trace keeps this branch
            return weight / 2
        return weight


def _tracer_warnings(module, x, **kwargs) -> list[tuple[str, str]]:
    """The TracerWarnings of one torch.jit.trace of ``module`` on ``x``: (file name, message up
    to its first clause)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=DeprecationWarning)  # torch.jit.trace, 2.13
        torch.jit.trace(module, (x,), **kwargs)
    return [
        (w.filename.rsplit("/", 1)[-1], str(w.message).split(" might ")[0].split(";")[0])
        for w in caught
        if issubclass(w.category, torch.jit.TracerWarning)
    ]


_OURS = "the explicit path's time loop is recorded for the example input's 5 time steps"


@pytest.mark.parametrize(
    ("make", "ours"),
    [
        (lambda: LSTM(3, 2, implementation="explicit"), [("layers.py", f"LSTM: {_OURS}")]),
        (lambda: GRU(3, 2, implementation="explicit"), [("layers.py", f"GRU: {_OURS}")]),
        (lambda: LSTM(3, 2), []),  # the fused path: nothing of ours to say
    ],
    ids=["lstm", "gru", "fused-lstm"],
)
def test_a_users_parametrization_still_warns_under_a_jit_trace(make, ours):
    """A jit trace silenced every "Converting a tensor to a Python ..." TracerWarning inside a
    layer's call, so a user's parametrization that reads a weight's value (the trace records
    one branch of its `if`) was traced without a word; torch's warning now comes, once per
    trace, at the user's line, beside the layer's own one warning and none of the layer's
    sizes."""
    torch.manual_seed(0)
    module = make()
    parametrize.register_parametrization(module, "weight_hh_l0", _Halved())
    x = torch.randn(5, 2, 3)
    users = [("test_nn14_fixes.py", "Converting a tensor to a Python float")]
    assert _tracer_warnings(module, x, check_trace=False) == ours + users


@pytest.mark.parametrize("check_trace", [True, False], ids=["checked", "unchecked"])
def test_a_jit_trace_warns_once_without_torchs_private_check_trace(monkeypatch, check_trace):
    """Telling the trace's check (check_trace=True) from the trace read torch's private
    `torch.jit._trace._check_trace`: a torch without it failed every trace of the explicit path
    with an AttributeError. The check is now told by the public `torch.jit.trace` and
    `torch.jit.trace_module` and their `check_trace`: one warning per trace, checked or not, and
    an unchecked trace needs no private name at all."""
    module = LSTM(3, 2, peephole=True)
    x = torch.randn(5, 2, 3)
    if not check_trace:  # torch calls it for the check only
        monkeypatch.delattr(torch.jit._trace, "_check_trace")
    expected = [("layers.py", f"peephole LSTM: {_OURS}")]
    assert _tracer_warnings(module, x, check_trace=check_trace) == expected


# -- 3. type refusals show the value beside its type ------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        # (revxd15) told the number the text holds
        ({"dropout": "0.2"}, "`dropout` must be a float, got str '0.2' (a number, not text: 0.2)."),
        (
            {"dropout": torch.tensor(0.5)},
            "`dropout` must be a float, got Tensor tensor(0.5000) (give a Python number: "
            "float(x)).",
        ),
        (
            {"num_layers": "2"},  # nn22: told the number the text reads as
            "`num_layers` must be a positive integer, got '2' (a number, not text: 2).",
        ),
        ({"batch_first": 1}, "`batch_first` must be a bool, got int 1."),
        ({"bias": "no"}, "`bias` must be a bool, got str 'no'."),
        ({"bidirectional": np.int64(1)}, "`bidirectional` must be a bool, got np.int64(1)."),
        (
            {"input_size": list(range(40))},
            "`input_size` must be a positive integer, got list [0, 1, 2, 3, 4, 5, ...].",
        ),
    ],
    ids=[
        "dropout-str",
        "dropout-tensor",
        "str-layers",
        "int-flag",
        "str-flag",
        "numpy-flag",
        "list-size",
    ],
)
def test_a_refused_type_is_shown_with_its_value(kwargs, message):
    """A refused type was named alone ("`dropout` must be a float, got str", "`batch_first`
    must be a bool, got int"), which hid whether '0.2' or 'no' came, or 1 for True; each now
    shows the value beside its type (abridged where long), a numpy scalar as its repr."""
    arguments = {"input_size": 3, "hidden_size": 4, **kwargs}
    assert _refusal(lambda: LSTM(**arguments), TypeError) == message


def test_a_cell_and_a_direction_refused_by_type_show_their_value():
    """Cells share the layers' checks, and gates(direction=...) names what came too."""
    assert _refusal(lambda: GRUCell(3, True), TypeError) == (
        "`hidden_size` must be a positive integer, got bool True."
    )
    assert _refusal(lambda: LSTMCell(3, 4, peephole="yes"), TypeError) == (
        "`peephole` must be a bool, got str 'yes'."
    )
    lstm = LSTM(3, 4, bidirectional=True)
    assert _refusal(lambda: lstm.gates(direction=[1]), TypeError) == (
        "`direction` must be 'forward', 'reverse' or an int direction index, got list [1]."
    )
    assert lstm.gates(direction=np.int64(1))["forget"].W.shape == (4, 3)
