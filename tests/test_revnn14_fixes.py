"""Review of nn14 (revnn14): refusals made while torch.jit.trace runs showed sizes as tensors,
and a 0-d tensor or array whose value was right was refused without saying what to pass."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

from lstmkit.nn import GRU, LSTM, LSTMCell


def _traced_refusal(module, *example) -> str:
    """The ValueError of one torch.jit.trace of ``module`` on ``example``."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "`torch.jit.trace.*` is deprecated")  # torch >= 2.13
        warnings.simplefilter("ignore", torch.jit.TracerWarning)  # a cell's size reads
        with pytest.raises(ValueError) as err:
            torch.jit.trace(module, example, check_trace=False)
    return str(err.value)


class _Call(torch.nn.Module):
    """``module`` called with the keyword arguments a trace's example cannot carry."""

    def __init__(self, module: torch.nn.Module, **kwargs) -> None:
        super().__init__()
        self.module, self.kwargs = module, kwargs

    def forward(self, x):
        return self.module(x, **self.kwargs)[0]


def test_a_refusal_under_a_jit_trace_shows_sizes_as_ints():
    """Under torch.jit.trace a tensor's sizes are 0-d tensors: a refusal showed "got shape
    (tensor(3),)", "must have shape (1, tensor(2), 2)"; they are now the ints of a plain
    call, for the layers' input, states and lengths and a cell's input and state."""
    torch.manual_seed(0)
    lstm, x = LSTM(3, 2), torch.randn(5, 2, 3)
    assert _traced_refusal(lstm, torch.randn(5, 2, 3, 1)) == (
        "`input` must be 3-D [T, B, I] (or 2-D [T, I] unbatched), got 4-D with shape (5, 2, 3, 1)."
    )
    assert _traced_refusal(_Call(lstm, lengths=torch.tensor([[5, 2]])), x) == (
        "`lengths` must be 1-D with one entry per sequence (2), got shape (1, 2)."
    )
    state = (torch.zeros(1, 3, 2), torch.zeros(1, 3, 2))
    assert _traced_refusal(_Call(lstm, hx=state), x) == (
        "`h_0` must have shape (1, 2, 2) (num_layers * num_directions, batch, hidden_size), "
        "got (1, 3, 2); `c_0` must have shape (1, 2, 2) (num_layers * num_directions, batch, "
        "hidden_size), got (1, 3, 2)."
    )
    gru = GRU(3, 2, implementation="explicit")
    assert _traced_refusal(_Call(gru, hx=torch.zeros(1, 1, 2)), torch.randn(5, 3)) == (
        "`h_0` must be 2-D (1, 2) for unbatched input (num_layers * num_directions, "
        "hidden_size), got shape (1, 1, 2): pass `h_0.squeeze(1)`, or batch the input too "
        "(`input.unsqueeze(1)`)."
    )
    cell = LSTMCell(3, 2)
    assert _traced_refusal(cell, torch.randn(2, 3, 1)) == (
        "`input` must be 2-D [B, I] (or 1-D [I] unbatched), got shape (2, 3, 1)."
    )
    cell_state = (torch.zeros(3, 2), torch.zeros(3, 2))
    assert _traced_refusal(_Call(cell, hx=cell_state), torch.randn(2, 3)) == (
        "`h_0` must have shape (2, 2) (batch, hidden_size), got (3, 2); `c_0` must have shape "
        "(2, 2) (batch, hidden_size), got (3, 2)."
    )


def _refusal(call) -> str:
    with pytest.raises(TypeError) as err:
        call()
    return str(err.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"dropout": torch.tensor(0.5)},
            "`dropout` must be a float, got Tensor tensor(0.5000) (give a Python number: "
            "float(x)).",
        ),
        (
            {"dropout": np.array(0.5)},
            "`dropout` must be a float, got ndarray array(0.5) (give a Python number: float(x)).",
        ),
        (
            {"hidden_size": torch.tensor(4)},
            "`hidden_size` must be a positive integer, got Tensor tensor(4) (give a Python int: "
            "int(x)).",
        ),
        (
            {"proj_size": np.array(1)},
            "`proj_size` must be an integer, got ndarray array(1) (give a Python int: int(x)).",
        ),
        (
            {"bias": torch.tensor(True)},
            "`bias` must be a bool, got Tensor tensor(True) (give a Python bool: bool(x)).",
        ),
        # a 0-d holding another kind of value, or more than one value: no hint (but a whole
        # number as a float is told int(x), as 4.0 is: left34c)
        (
            {"hidden_size": torch.tensor(4.5)},
            "`hidden_size` must be a positive integer, got Tensor tensor(4.5000).",
        ),
        ({"bias": np.array(1)}, "`bias` must be a bool, got ndarray array(1)."),
        (
            {"dropout": torch.tensor([0.5])},
            "`dropout` must be a float, got Tensor tensor([0.5000]).",
        ),
    ],
    ids=["dropout", "dropout-array", "size", "proj", "flag", "float-size", "int-flag", "1-d"],
)
def test_a_0d_tensor_or_array_holding_the_right_value_is_told_what_to_pass(kwargs, message):
    """`dropout=torch.tensor(0.5)` was refused as "got Tensor tensor(0.5000)", its value right
    and nothing said of what to pass (torch.nn refuses it too); a 0-d tensor or array holding
    what was wanted is now told float(x), int(x) or bool(x), as a numpy scalar is elsewhere."""
    arguments = {"input_size": 3, "hidden_size": 4, **kwargs}
    assert _refusal(lambda: LSTM(**arguments)) == message


class _WithLengths(torch.nn.Module):
    """A layer whose lengths are an input of the trace, as a padded batch's are."""

    def __init__(self) -> None:
        super().__init__()
        self.lstm = LSTM(3, 2)

    def forward(self, x, lengths):
        return self.lstm(x, lengths=lengths)[1][0]


def test_lengths_traced_as_an_input_are_not_told_a_constant():
    """torch.jit.trace of a layer given its lengths as a tensor warned twice (the trace and
    its check) "torch.as_tensor results are registered as constants in the trace", though the
    traced module follows the lengths it is given; a tensor is now taken as it is: no warning,
    and the replay on other lengths equals the call untraced."""
    torch.manual_seed(0)
    model, x = _WithLengths(), torch.randn(5, 3, 3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", "`torch.jit.trace.*` is deprecated")  # 2.13, 2.14
        traced = torch.jit.trace(model, (x, torch.tensor([5, 3, 2])))
    assert [str(w.message)[:40] for w in caught] == []
    other = torch.tensor([2, 5, 4])
    with torch.no_grad():
        assert torch.equal(traced(x, other), model(x, other))
        assert not torch.equal(traced(x, other), model(x, torch.tensor([5, 3, 2])))


def test_gates_layer_and_direction_refused_by_type_say_what_to_pass():
    """gates(layer=...) showed a refused value whole (a list of 40 ints in the message), where
    gates(direction=...) abridged it; both are now abridged, and a 0-d tensor holding an index
    is told int(x)."""
    lstm = LSTM(3, 4, bidirectional=True)
    assert _refusal(lambda: lstm.gates(layer=list(range(40)))) == (
        "`layer` must be an integer layer index in [0, 0], got list [0, 1, 2, 3, 4, 5, ...]."
    )
    assert _refusal(lambda: lstm.gates(layer=torch.tensor(0))) == (
        "`layer` must be an integer layer index in [0, 0], got Tensor tensor(0) (give a Python "
        "int: int(x))."
    )
    assert _refusal(lambda: lstm.gates(direction=torch.tensor(1))) == (
        "`direction` must be 'forward', 'reverse' or an int direction index, got Tensor "
        "tensor(1) (give a Python int: int(x))."
    )
