"""Fixes from reviewing walk31c: the states' refusals and `lengths` given as one number."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.nn import GRU, LSTM, LSTMCell


def _refusal(call, error: type[Exception] = ValueError) -> str:
    with pytest.raises(error) as caught:
        call()
    return str(caught.value)


@pytest.mark.parametrize("implementation", ["explicit", "fused"])
def test_a_layers_remedy_for_both_states_is_given_once(implementation):
    """A batched layer's (h_0, c_0), both unbatched for a batch of one (or both batch-first),
    repeated the remedy per state in two sentences, where a cell and an unbatched layer give
    it once naming both, the problems joined by ";"."""
    lstm = LSTM(3, 4, num_layers=2, implementation=implementation, dtype=torch.float64)
    x = torch.randn(5, 1, 3, dtype=torch.float64)
    h = torch.zeros(2, 4, dtype=torch.float64)
    shape = "must have shape (2, 1, 4) (num_layers * num_directions, batch, hidden_size)"
    assert _refusal(lambda: lstm(x, (h, h))) == (
        f"`h_0` {shape}, got (2, 4); `c_0` {shape}, got (2, 4); an unbatched state goes with "
        "an unbatched input [T, I]: pass `h_0.unsqueeze(1)` and `c_0.unsqueeze(1)` (a batch "
        "of one)."
    )
    out, _ = lstm(x, (h.unsqueeze(1), h.unsqueeze(1)))  # as the message says
    torch.testing.assert_close(out[:, 0], lstm(x[:, 0], (h, h))[0], rtol=0, atol=0)
    first = LSTM(3, 4, num_layers=2, batch_first=True, implementation=implementation)
    swapped = torch.zeros(3, 2, 4)
    shape = "must have shape (2, 3, 4) (num_layers * num_directions, batch, hidden_size)"
    assert _refusal(lambda: first(torch.zeros(3, 5, 3), (swapped, swapped))) == (
        f"`h_0` {shape}, got (3, 2, 4); `c_0` {shape}, got (3, 2, 4); states are not "
        "batch-first, even with batch_first=True (as in torch.nn): pass h_0.transpose(0, 1) "
        "and c_0.transpose(0, 1)."
    )
    # one remedy for the one state it fits, the other state told its shape
    assert _refusal(lambda: lstm(x, (h, torch.zeros(3, 4, dtype=torch.float64)))) == (
        "`h_0` must have shape (2, 1, 4) (num_layers * num_directions, batch, hidden_size), "
        "got (2, 4); `c_0` must have shape (2, 1, 4) (num_layers * num_directions, batch, "
        "hidden_size), got (3, 4); an unbatched state goes with an unbatched input [T, I]: "
        "pass `h_0.unsqueeze(1)` (a batch of one)."
    )


def test_one_number_out_of_range_is_told_so_at_once():
    """`lengths=6` for a batch of 2 and 5 steps was told only that a batch takes one entry
    per sequence; `[6, 6]` then came back out of range. Now the range is told with it."""
    gru = GRU(3, 4, batch_first=True)
    x = torch.randn(2, 5, 3)
    for n in (6, 0, -1):
        assert _refusal(lambda n=n: gru(x, lengths=n)) == (
            f"`lengths` must be 1-D with one entry per sequence (2), got one number, {n}, "
            "outside [1, 5] (the number of time steps)."
        )
    # an empty batch, or an input of no steps, takes no number at all: nothing more said
    assert _refusal(lambda: gru(x[:0], lengths=6)) == (
        "`lengths` must be 1-D with one entry per sequence (0), got one number, 6."
    )
    assert _refusal(lambda: gru(x[:, :0], lengths=6)) == (
        "`lengths` must be 1-D with one entry per sequence (2), got one number, 6."
    )


def test_one_length_in_a_list_is_told_as_one_number_is():
    """`lengths=[3]` for a batch of 2, the same slip as `lengths=3`, was told "got shape (1,)."
    alone, where the bare number was told how to repeat it; now both are."""
    lstm = LSTM(3, 4, batch_first=True, dtype=torch.float64)
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    start = "`lengths` must be 1-D with one entry per sequence (2), got shape (1,), one length,"
    for given in ([3], torch.tensor([3]), np.array([3])):
        assert _refusal(lambda given=given: lstm(x, lengths=given)) == (
            f"{start} 3: for the same length in all 2 sequences pass `lengths=torch.full((2,), 3)`."
        )
    assert _refusal(lambda: lstm(x, lengths=(5,))) == (
        f"{start} 5: where every sequence has all 5 steps, pass `lengths=None` (or "
        "`lengths=torch.full((2,), 5)`)."
    )
    assert _refusal(lambda: lstm(x, lengths=[6])) == (
        f"{start} 6, outside [1, 5] (the number of time steps)."
    )
    # the remedy runs as lengths=3 repeated does
    torch.testing.assert_close(
        lstm(x, lengths=torch.full((2,), 3))[0], lstm(x, lengths=[3, 3])[0], rtol=0, atol=0
    )
    # an empty batch: nothing to repeat; a batch of one takes [3] as before
    assert _refusal(lambda: lstm(x[:0], lengths=[3])) == (
        "`lengths` must be 1-D with one entry per sequence (0), got shape (1,), one length, 3."
    )
    assert lstm(x[:1], lengths=[3])[0].shape == (1, 5, 4)


def test_summary_quotes_a_models_own_refusal_without_its_full_stop():
    """summary(model, input_size=...) quoted a refusal it could not word anew with its full
    stop, mid-sentence: "... got 1. (`input_size` is ...)."; now without it."""
    from lstmkit.nn.summary import summary

    class _PairsOnly(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.head = torch.nn.Linear(3, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            if x.shape[0] < 2:
                raise ValueError("the batch must hold at least 2 samples, got 1.")
            return self.head(x)

    assert _refusal(lambda: summary(_PairsOnly(), input_size=(3,))) == (
        "`input_size` (3,) ran the model on a zero batch of shape (1, 3), which it refused: the "
        "batch must hold at least 2 samples, got 1 (`input_size` is the shape of one sample "
        "without the batch: (T, I) for a sequence, e.g. input_size=(12, 3); or pass `input`, a "
        "batch of your own)."
    )


def test_one_number_for_one_step_is_not_all_1_step():
    """lengths=1 for a batch of 2 one-step sequences said "where every sequence has all 1
    step"; now "its one step"."""
    lstm = LSTM(3, 4)
    assert _refusal(lambda: lstm(torch.randn(1, 2, 3), lengths=1)) == (
        "`lengths` must be 1-D with one entry per sequence (2), got one number, 1: where every "
        "sequence has its one step, pass `lengths=None` (or `lengths=torch.full((2,), 1)`)."
    )


def test_numpy_states_are_told_how_to_convert_them():
    """States given as NumPy arrays were told "must be a Tensor, got ndarray; pass hx=None for
    zeros", which drops their values, where a NumPy input is told how to convert it; now the
    states are too, for the layers and the cells."""
    x = torch.zeros(5, 2, 3, dtype=torch.float64)
    h = np.zeros((1, 2, 4))
    lstm = LSTM(3, 4, dtype=torch.float64)
    assert _refusal(lambda: lstm(x, (h, h)), TypeError) == (
        "`h_0` must be a Tensor, got ndarray; `c_0` must be a Tensor, got ndarray; convert "
        "them, e.g. `torch.as_tensor(h_0, dtype=torch.float64)` (the parameters' dtype), or pass "
        "hx=None for zeros."
    )
    assert _refusal(lambda: lstm(x, (torch.zeros(1, 2, 4), [[0.0] * 4] * 2)), TypeError) == (
        "`c_0` must be a Tensor, got list; convert it, e.g. `torch.as_tensor(c_0, "
        "dtype=torch.float64)` (the parameters' dtype), or pass hx=None for zeros. `h_0` must "
        "have dtype torch.float64 like the input, got torch.float32."  # at once, since nn33
    )
    assert _refusal(lambda: GRU(3, 4)(x.float(), h), TypeError) == (
        "`hx` of a GRU must be a Tensor h_0, got ndarray; convert it, e.g. `torch.as_tensor(hx, "
        "dtype=torch.float32)` (the parameters' dtype)."
    )
    assert _refusal(lambda: LSTMCell(3, 4)(x[0].float(), (h[0], h[0])), TypeError) == (
        "`h_0` must be a Tensor, got ndarray; `c_0` must be a Tensor, got ndarray; convert "
        "them, e.g. `torch.as_tensor(h_0, dtype=torch.float32)` (the parameters' dtype)."
    )
    # numbers of no array kind keep their words
    assert _refusal(lambda: lstm(x, (1, None)), TypeError) == (
        "`h_0` must be a Tensor, got int; `c_0` must be a Tensor, got NoneType; pass hx=None "
        "for zeros."
    )
    # the conversion runs as the message says
    states = (torch.as_tensor(h, dtype=torch.float64), torch.as_tensor(h, dtype=torch.float64))
    torch.testing.assert_close(lstm(x, states)[0], lstm(x)[0], rtol=0, atol=0)


class _Counted(torch.nn.Module):
    """A parametrization that counts its evaluations (a weight dropout draws a mask in each)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def forward(self, w: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        return w


@pytest.mark.parametrize("cell", [False, True], ids=["layer", "cell"])
def test_the_states_conversion_hint_reads_no_weight_on_a_valid_call(cell):
    """The states' conversion hint reads the weights' dtype where it is raised only: a
    parametrized weight (weight dropout) is not evaluated once more per call."""
    module = LSTMCell(1, 4) if cell else LSTM(1, 4)
    x = torch.zeros(3, 1) if cell else torch.zeros(5, 3, 1)
    states = (torch.zeros(3, 4),) * 2 if cell else (torch.zeros(1, 3, 4),) * 2
    counted = _Counted()
    name = "weight_ih" if cell else "weight_ih_l0"
    torch.nn.utils.parametrize.register_parametrization(module, name, counted)
    counted.calls = 0
    module(x, states)
    with_states = counted.calls
    counted.calls = 0
    module(x)
    assert with_states == counted.calls
