"""``lstmkit.summary``: the printed table to the character, and the input checks' edge cases."""

from __future__ import annotations

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.nn import LSTM


class _Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(10, 5)
        self.rnn = LSTM(5, 16, batch_first=True, bidirectional=True)
        self.head = nn.Linear(32, 2)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(self.embed(tokens))
        return self.head(out[:, -1])


def test_the_table_of_a_bidirectional_net_with_output_shapes_to_the_character():
    # text columns left-aligned, numbers right-aligned, two spaces between columns; the rule is
    # as wide as the header; other modules show their class; the shapes are found by the
    # module's name (the part before " (l0)"); thousands are grouped
    net = _Net()
    net.embed.weight.requires_grad_(False)
    s = lstmkit.summary(net, input=torch.zeros(2, 7, dtype=torch.long))
    assert (s.total, s.trainable) == (3060, 3010)
    rows = [
        f"rnn (l0)           {d}    {g:<9}     80        256    32         0    368    [2, 7, 32]"
        for d in ("forward", "reverse")
        for g in ("input", "forget", "candidate", "output")
    ]
    rule = "-" * 94
    assert str(s).split("\n") == [
        "layer              direction  gate       input  recurrent  bias  peephole  total  "
        "output shape",
        rule,
        *rows,
        "embed (Embedding)  -          -              -          -     -         -     50"
        "     [2, 7, 5]",
        "head (Linear)      -          -              -          -     -         -     66"
        "        [2, 2]",
        rule,
        "Total params: 3,060    Trainable params: 3,010",
    ]


def test_a_size_of_zero_is_a_size():
    # sizes >= 0 are accepted (a zero-width input runs), negative ones are not
    s = lstmkit.summary(nn.Identity(), input_size=(2, 0))
    assert s.output_shapes == {"Identity": (1, 2, 0)}


def test_a_bool_in_input_size_is_no_size():
    with pytest.raises(TypeError) as err:
        lstmkit.summary(LSTM(3, 4, batch_first=True), input_size=(True, 3))
    assert str(err.value) == (
        "`input_size` must be an integer or a sequence of integers (the shape of one sample), got "
        "(True, 3)."
    )


def test_the_zero_sample_has_the_models_dtype():
    model = nn.Linear(3, 2).double()
    s = lstmkit.summary(model, input_size=3)
    assert s.output_shapes == {"Linear": (1, 2)}


class _Noisy(nn.Module):
    """Draws from torch's global generator in eval mode too."""

    def __init__(self) -> None:
        super().__init__()
        self.scale = nn.Parameter(torch.ones(3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.scale * x + torch.rand(x.shape)


def test_a_model_that_draws_leaves_the_callers_random_stream_alone():
    torch.manual_seed(0)
    expected = torch.rand(4)
    torch.manual_seed(0)
    s = lstmkit.summary(_Noisy(), input_size=3)
    assert torch.equal(torch.rand(4), expected)
    assert s.output_shapes == {"_Noisy": (1, 3)}


def test_the_shape_hooks_are_removed():
    net = _Net()
    lstmkit.summary(net, input=torch.zeros(1, 3, dtype=torch.long))
    assert [name for name, m in net.named_modules() if m._forward_hooks] == []


def test_a_peephole_row_total_counts_its_peephole_weights():
    # the rows add up to the total: 6 + 4 + 4 + 2 for the gates with a peephole
    rows = lstmkit.summary(LSTM(3, 2, peephole=True)).rows
    assert [(r["gate"], r["peephole"], r["total"]) for r in rows] == [
        ("input", 2, 16),
        ("forget", 2, 16),
        ("candidate", 0, 14),
        ("output", 2, 16),
    ]
    assert sum(r["total"] for r in rows) == 62


def test_a_cell_gets_its_class_as_layer_and_one_row_per_gate():
    s = lstmkit.summary(lstmkit.nn.LSTMCell(3, 2))
    assert str(s).split("\n") == [
        "layer     direction  gate       input  recurrent  bias  peephole  total",
        "-" * 71,
        "LSTMCell  forward    input          6          4     4         0     14",
        "LSTMCell  forward    forget         6          4     4         0     14",
        "LSTMCell  forward    candidate      6          4     4         0     14",
        "LSTMCell  forward    output         6          4     4         0     14",
        "-" * 71,
        "Total params: 56    Trainable params: 56",
    ]
