"""Fixes of the leftovers of the last sessions' notes in lstmkit.explain (tests fail without
their fix)."""

from __future__ import annotations

import re

import matplotlib.colors as mcolors
import pytest
import torch
from torch import Tensor, nn

import lstmkit
from lstmkit.explain import aopc, lrp_seq2seq
from lstmkit.explain.gates import plot_cell_states


def test_aopc_reads_an_integer_curve_as_float() -> None:
    """`aopc(torch.tensor([[3, 2, 1]]))` failed inside torch: "mean(): could not infer output
    dtype ... Got: Long"."""
    got = aopc(torch.tensor([[3, 2, 1], [4, 4, 1]]))
    assert got.dtype == torch.float64
    # (0 + 1 + 2) / 3 and (0 + 0 + 3) / 3
    assert got.tolist() == [1.0, 1.0]


def test_aopc_refuses_a_boolean_curve_by_name() -> None:
    """A bool curve failed inside torch on "-" ("Subtraction ... with two bool tensors")."""
    with pytest.raises(
        TypeError, match=r"^`curve` must hold real scores, got dtype torch\.bool\.$"
    ):
        aopc(torch.tensor([[True, False]]))


class _TimeMajor(nn.Module):
    """An encoder-decoder whose LSTMs are time-major and whose forward does not transpose."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.LSTM(3, 4)
        self.decoder = nn.LSTM(2, 4)
        self.head = nn.Linear(4, 1)

    def forward(self, x: Tensor, future: Tensor) -> Tensor:
        _, state = self.encoder(x)
        out, _ = self.decoder(future, state)
        return self.head(out).squeeze(-1)


_HINT = (
    "Its `encoder` has batch_first=False, so unless forward() transposes `inputs` it reads "
    "[B, T, ...] = {shape} as [T, B, ...]; build it with batch_first=True."
)


def test_lrp_seq2seq_gives_the_batch_first_hint_where_the_model_fails() -> None:
    """lrp_seq2seq on a time-major model said only torch's "Expected hidden[0] size (1, 4, 4),
    got [1, 6, 4]", where lrp names the encoder's batch_first=False."""
    torch.manual_seed(0)
    model = _TimeMajor().double()
    x, future = torch.randn(2, 6, 3).double(), torch.randn(2, 4, 2).double()
    with pytest.raises(RuntimeError) as err:
        lrp_seq2seq(model, x, future, 1)
    assert str(err.value) == (
        "_TimeMajor failed on `inputs` (2, 6, 3) and `future` (2, 4, 2): Expected hidden[0] "
        "size (1, 4, 4), got [1, 6, 4]. " + _HINT.format(shape=(2, 6, 3))
    )


def test_lrp_seq2seq_gives_the_batch_first_hint_where_the_values_differ() -> None:
    """With as many output steps as input steps the time-major model runs, on the transposed
    batch: the recomputation's difference was said without the hint."""
    torch.manual_seed(0)
    model = _TimeMajor().double()
    x, future = torch.randn(2, 6, 3).double(), torch.randn(2, 6, 2).double()
    with pytest.raises(RuntimeError) as err:
        lrp_seq2seq(model, x, future, 1)
    assert re.fullmatch(
        r"lrp_seq2seq's float64 recomputation of _TimeMajor differs from the model's output "
        r"\(max abs difference [0-9.]+\): the model computes something beyond encoder → "
        r"decoder → head, which lrp_seq2seq cannot explain\. "
        + re.escape(_HINT.format(shape=(2, 6, 3))),
        str(err.value),
    )


class _Failing(_TimeMajor):
    """A time-major encoder-decoder whose forward fails as one runs out of GPU memory (before
    it would transpose its batch-first inputs, as such a model must)."""

    def forward(self, x: Tensor, future: Tensor) -> Tensor:
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")


def test_lrp_seq2seq_keeps_the_type_of_the_models_error() -> None:
    """An out-of-memory error of a model with a time-major encoder came out of lrp_seq2seq as a
    plain RuntimeError, with the batch_first hint: `except torch.OutOfMemoryError` (to retry on
    a smaller batch) no longer caught it (found reviewing the hint)."""
    model = _Failing().double()
    x, future = torch.randn(2, 6, 3).double(), torch.randn(2, 4, 2).double()
    with pytest.raises(torch.OutOfMemoryError) as err:
        lrp_seq2seq(model, x, future, 1)
    assert str(err.value) == "CUDA out of memory. Tried to allocate 2.00 GiB"


def _looks(lines: list) -> list[tuple[str, str]]:
    """Each line's colour (as hex) and line style, as a reader tells the lines apart."""
    return [(mcolors.to_hex(line.get_color()), line.get_linestyle()) for line in lines]


def test_plot_cell_states_draws_no_two_units_alike() -> None:
    """With 12 units, units 0 and 10 were both drawn solid in C0, one legend entry like the
    other."""
    torch.manual_seed(0)
    rnn = lstmkit.nn.LSTM(input_size=2, hidden_size=12, batch_first=True)
    with lstmkit.trace(rnn) as tr, torch.no_grad():
        rnn(torch.randn(1, 5, 2))
    fig = plot_cell_states(tr["l0"], units=list(range(12)))
    lines = fig.axes[0].get_lines()
    assert [line.get_label() for line in lines] == [f"unit {u}" for u in range(12)]
    looks = _looks(lines)
    assert len(set(looks)) == 12
    c0 = mcolors.to_hex("C0")
    assert looks[0] == (c0, "-") and looks[10] == (c0, "--")
