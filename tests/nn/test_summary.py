"""``lstmkit.summary(model, input_size=...)``: a per-gate parameter table whose total is exact."""

from __future__ import annotations

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.nn import GRU, LSTM

NUMERIC = ("input", "recurrent", "bias", "peephole")
GATES = {"input", "forget", "candidate", "output", "reset", "update", "new"}


def _n(value) -> int:
    return 0 if value is None else int(value)


def _gate_rows(s):
    return [r for r in s.rows if r["gate"] in GATES]


def _row_count(r) -> int:
    """Parameters in one row: the per-gate columns for gate rows, the row total otherwise."""
    return sum(_n(r[k]) for k in NUMERIC) if r["gate"] in GATES else int(r["total"])


def test_lstm_5_4_per_gate_counts():
    """The issue's example: input 5, hidden 4 -> 4x5 = 20 input and 4x4 = 16 recurrent weights."""
    m = LSTM(5, 4)
    s = lstmkit.summary(m, input_size=5)
    rows = _gate_rows(s)
    assert [r["gate"] for r in rows] == ["input", "forget", "candidate", "output"]
    for r in rows:
        assert set(r) >= {"layer", "direction", "gate", *NUMERIC}
        assert "l0" in str(r["layer"])
        assert r["direction"] == "forward"
        assert (r["input"], r["recurrent"], r["bias"], _n(r["peephole"])) == (20, 16, 8, 0)
    assert s.total == 4 * (20 + 16 + 8) == 176 == sum(p.numel() for p in m.parameters())
    text = str(s)
    for word in ("forget", "candidate", "output"):
        assert word in text
    assert "176" in text


@pytest.mark.parametrize(
    "model",
    [
        LSTM(5, 4, num_layers=2, bidirectional=True),
        LSTM(5, 4, bias=False),
        GRU(5, 4, num_layers=3),
        GRU(5, 4, bidirectional=True, bias=False),
        LSTM(5, 4, num_layers=2, peephole=True, bidirectional=True),
    ],
    ids=["lstm-2-bi", "lstm-nobias", "gru-3", "gru-bi-nobias", "peephole-2-bi"],
)
def test_totals_equal_parameter_count(model):
    s = lstmkit.summary(model)
    expected = sum(p.numel() for p in model.parameters())
    assert s.total == expected
    assert sum(_row_count(r) for r in s.rows) == expected
    n_dir = 2 if model.bidirectional else 1
    gates_per_layer = 4 if isinstance(model, LSTM) else 3
    rows = _gate_rows(s)
    assert len(rows) == model.num_layers * n_dir * gates_per_layer
    # one row per gate, per direction, per layer, in order: layer label names the layer index
    labels = list(dict.fromkeys(r["layer"] for r in rows))
    assert len(labels) == model.num_layers
    assert all(f"l{k}" in str(label) for k, label in enumerate(labels))
    assert {r["direction"] for r in rows} == {"forward", "reverse"}.intersection(
        ["forward", "reverse"][:n_dir]
    )
    for r in rows:
        in_size = 5 if r["layer"] == labels[0] else 4 * n_dir
        assert r["input"] == 4 * in_size
        assert r["recurrent"] == 16
        assert _n(r["bias"]) == (8 if model.bias else 0)
    if isinstance(model, GRU):
        assert [r["gate"] for r in rows[:3]] == ["reset", "update", "new"]
    assert str(s.total) in str(s) or f"{s.total:,}" in str(s)


def test_peephole_rows():
    m = LSTM(5, 4, peephole=True)
    rows = {r["gate"]: r for r in _gate_rows(lstmkit.summary(m, input_size=5))}
    assert (
        _n(rows["input"]["peephole"])
        == _n(rows["forget"]["peephole"])
        == _n(rows["output"]["peephole"])
        == 4
    )
    assert _n(rows["candidate"]["peephole"]) == 0
    assert lstmkit.summary(m).total == 4 * 44 + 12


class _Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(10, 5)
        self.rnn = LSTM(5, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(self.embed(tokens))
        return self.head(out[:, -1])


def test_model_with_head_and_embedding():
    net = _Net()
    s = lstmkit.summary(net)
    assert s.total == 50 + 176 + 10 == sum(p.numel() for p in net.parameters())
    assert sum(_row_count(r) for r in s.rows) == s.total
    assert len(_gate_rows(s)) == 4
    other = [r for r in s.rows if r["gate"] not in GATES]
    assert len(other) == 2
    assert sorted(_row_count(r) for r in other) == [10, 50]
    text = str(s)
    assert "head" in text and "rnn" in text
    assert "236" in text


def test_non_recurrent_rows_have_gate_dash():
    """The agreed contract: non-recurrent modules appear as rows whose gate is "-"."""
    rows = [r for r in lstmkit.summary(_Net()).rows if r["direction"] not in ("forward", "reverse")]
    assert [r["layer"] for r in rows] == ["embed", "head"]
    assert [r["gate"] for r in rows] == ["-", "-"]


def test_summary_with_an_input_leaves_the_model_and_the_random_stream_alone():
    from torch import nn

    model = nn.Sequential(nn.Linear(3, 3), nn.BatchNorm1d(3), nn.Dropout(0.5))
    x = torch.randn(4, 3)
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    s = lstmkit.summary(model, input=x)
    assert torch.equal(torch.rand(3), expected)
    assert model[1].num_batches_tracked.item() == 0 and model.training
    assert s.output_shapes["2"] == (4, 3)


def test_a_tied_weight_counts_once():
    from torch import nn

    model = nn.Module()
    model.emb = nn.Embedding(10, 4)
    model.rnn = lstmkit.nn.LSTM(4, 4)
    model.out = nn.Linear(4, 10)
    model.out.weight = model.emb.weight
    s = lstmkit.summary(model)
    assert s.total == 40 + 4 * 4 * (4 + 4 + 2) + 10
    assert sum(r["total"] for r in s.rows) == s.total
    assert [r["total"] for r in s.rows if r["layer"] == "out"] == [10]  # its bias only


def test_output_shapes_on_the_model_device():
    # The zero sample was made on the CPU whatever the model's device ("Input and parameter
    # tensors are not at the same device"); the meta device stands in for a GPU.
    model = nn.Sequential(LSTM(5, 4, batch_first=True, device="meta"))
    s = lstmkit.summary(model, (7, 5))
    assert s.output_shapes == {"Sequential": (1, 7, 4), "0": (1, 7, 4)}
    assert s.total == 176


def test_output_shapes_of_a_time_major_layer():
    # (T, I) is one sequence; a time-major layer takes it as [T, 1, I] (it ran T=1, B=7 before)
    bidirectional = LSTM(5, 4, bidirectional=True)
    assert lstmkit.summary(bidirectional, (7, 5)).output_shapes == {"LSTM": (7, 1, 8)}
    assert lstmkit.summary(LSTM(5, 4, batch_first=True), (7, 5)).output_shapes == {
        "LSTM": (1, 7, 4)
    }


def test_projection_rows():
    # proj_size: W_hr [P, H] per layer and direction gets a row of its own, so the rows add up
    # to the total; the gates' recurrent weights are [H, P] and layer 1 reads D*P inputs.
    model = LSTM(5, 4, num_layers=2, bidirectional=True, proj_size=3)
    s = lstmkit.summary(model)
    assert s.total == sum(p.numel() for p in model.parameters()) == 720
    assert sum(_row_count(r) for r in s.rows) == s.total
    projection = [r for r in s.rows if r["gate"] == "projection"]
    assert [(r["layer"], r["direction"], r["total"]) for r in projection] == [
        ("LSTM (l0)", "forward", 12),
        ("LSTM (l0)", "reverse", 12),
        ("LSTM (l1)", "forward", 12),
        ("LSTM (l1)", "reverse", 12),
    ]
    forget = [r for r in s.rows if r["gate"] == "forget"]
    assert [(r["input"], r["recurrent"], r["total"]) for r in forget] == [
        (20, 12, 40),
        (20, 12, 40),
        (24, 12, 44),
        (24, 12, 44),
    ]
    assert "LSTM (l0)  forward    projection      -          -     -         -     12" in str(s)


def test_input_size_and_input_together_are_refused():
    # the input ran and input_size was ignored without a word
    m = LSTM(3, 4, batch_first=True)
    with pytest.raises(ValueError) as err:
        lstmkit.summary(m, input_size=(5, 3), input=torch.zeros(2, 7, 3))
    assert str(err.value) == (
        "pass `input_size` or `input`, not both; got input_size=(5, 3) and an input of "
        "shape (2, 7, 3)."
    )


@pytest.mark.parametrize(
    ("input_size", "error", "message"),
    [
        (
            (5, 3.0),
            ValueError,  # as 3.0 alone, and LSTM(3.0, 4): a float for a size (revmsg25)
            "`input_size` must be an integer or a sequence of integers (the shape of one "
            "sample), got (5, 3.0).",
        ),
        (
            "53",
            TypeError,
            "`input_size` must be an integer or a sequence of integers (the shape of one sample), "
            "got '53' (a number, not text: 53).",
        ),
        ((5, -1), ValueError, "`input_size` must hold sizes >= 0, got (5, -1)."),
    ],
    ids=["float", "str", "negative"],
)
def test_a_bad_input_size_is_named(input_size, error, message):
    # torch.zeros' own errors ("zeros(): argument 'size' failed to unpack ...") named nothing
    with pytest.raises(error) as err:
        lstmkit.summary(LSTM(3, 4, batch_first=True), input_size=input_size)
    assert str(err.value) == message


def test_a_notebook_shows_a_summary_as_its_table():
    # lstmkit.summary(model) as a cell's value showed "Summary(rows=[{'layer': 'l0', ..."
    table = lstmkit.summary(LSTM(5, 4))

    class Printer:  # what IPython's pretty printer hands _repr_pretty_
        written = ""

        def text(self, text: str) -> None:
            self.written += text

    printer = Printer()
    table._repr_pretty_(printer, False)
    assert printer.written == str(table)
    assert printer.written.splitlines()[0].split() == [
        "layer",
        "direction",
        "gate",
        "input",
        "recurrent",
        "bias",
        "peephole",
        "total",
    ]
