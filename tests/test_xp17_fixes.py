"""A researcher's pass over Explanations, Gates and `lstmkit datasets` (xp17): an explained
class out of range said why, a GRU's trace asked for an LSTM's forget gate said which gate does
its part, a bundled dataset's name mistyped or given to `lstmkit datasets` got a guess."""

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.explain import explain, lrp, lrp_seq2seq
from lstmkit.explain.gates import plot_gates
from lstmkit.forecast import ForecastNet

_TOKENS = torch.tensor([[5, 17, 3, 22, 9], [7, 8, 11, 0, 0]])
_LENGTHS = torch.tensor([5, 3])


class _Own(nn.Module):
    """A researcher's own module on a stacked bidirectional lstmkit LSTM or GRU."""

    def __init__(self, cell: str = "lstm", peephole: bool = False) -> None:
        super().__init__()
        self.embedding = nn.Embedding(30, 5)
        kw = {"num_layers": 2, "bidirectional": True, "batch_first": True}
        if cell == "lstm":
            self.rnn = lstmkit.nn.LSTM(5, 4, peephole=peephole, **kw)
        else:
            self.rnn = lstmkit.nn.GRU(5, 4, **kw)
        self.head = nn.Linear(8, 3)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        _, state = self.rnn(self.embedding(tokens), lengths=lengths)
        h = state[0] if isinstance(state, tuple) else state
        return self.head(torch.cat([h[-2], h[-1]], -1))


def _own(cell: str = "lstm", peephole: bool = False) -> _Own:
    torch.manual_seed(1)
    return _Own(cell, peephole).double().eval()


def test_a_target_out_of_range_says_how_many_outputs_and_what_to_pass() -> None:
    """`target=3` of three classes, or `-1` (the last, in Python), was told "must lie in
    [0, 3), got -1." and not why, nor what to pass; every method says it the same."""
    model = _own()
    for method in ("lrp", "gradxinput", "occlusion"):
        with pytest.raises(ValueError) as e:
            explain(model, _TOKENS, 3, method=method, lengths=_LENGTHS)
        assert str(e.value) == (
            "`target` must lie in [0, 3) (the model gives 3 outputs per sequence), got 3: pass "
            "an index in that range, or None for the arg-max."
        )
    with pytest.raises(ValueError) as e:
        lrp(model, _TOKENS, target=-1, lengths=_LENGTHS)
    assert str(e.value) == (
        "`target` must lie in [0, 3) (the model gives 3 outputs per sequence; a negative index "
        "does not count from the end), got -1: pass an index in that range, or None for the "
        "arg-max."
    )
    # an int, a 0-d tensor, one per sequence: the same explanation of the same class
    by_int = lrp(model, _TOKENS, target=2, lengths=_LENGTHS, bias_factor=1.0)
    by_tensor = lrp(model, _TOKENS, target=torch.tensor(2), lengths=_LENGTHS, bias_factor=1.0)
    each = lrp(model, _TOKENS, target=torch.tensor([2, 2]), lengths=_LENGTHS, bias_factor=1.0)
    assert torch.equal(by_int.relevance, by_tensor.relevance)
    assert torch.equal(by_int.relevance, each.relevance)


def test_lrp_seq2seq_says_its_target_is_a_step() -> None:
    """lrp_seq2seq's target is an output step: its refusal counts steps, not outputs."""
    torch.manual_seed(0)
    net = ForecastNet("lstm", 2, 5, 1, num_layers=1, decoder_input_size=3).double().eval()
    x = torch.randn(1, 6, 2, dtype=torch.float64)
    future = torch.randn(1, 5, 3, dtype=torch.float64)
    with pytest.raises(ValueError) as e:
        lrp_seq2seq(net, x, future, 5)
    assert str(e.value) == (
        "`target` must lie in [0, 5) (the model forecasts 5 steps per sequence), got 5: pass an "
        "index in that range, or None for the arg-max."
    )


def test_a_grus_trace_asked_for_a_forget_gate_says_which_gate_does_its_part(tmp_path) -> None:
    """README's gate examples plot `gates=["i", "f", "o", "c"]`; on a GRU's trace that was
    refused listing `['r', 'z', 'n', 'h']` with no word of a GRU having no forget gate."""
    model = _own("gru")
    with lstmkit.trace(model) as tr, torch.no_grad():
        model(_TOKENS, _LENGTHS)
    with pytest.raises(KeyError) as e:
        tr["rnn/l0"]["f"]
    assert e.value.args[0] == (
        "no gate 'f' in this trace; it holds 'r' (reset gate), 'z' (update gate), 'n' (new "
        "gate), 'h' (hidden state); 'f' (forget gate) belongs to an LSTM, not to a GRU: its "
        "update gate 'z' keeps h_{t-1} where an LSTM's forget gate keeps c_{t-1}"
    )
    path = tmp_path / "gates.png"
    with pytest.raises(ValueError) as e:
        plot_gates(tr["rnn/l0"], sample=1, gates=["i", "f", "o", "c"], path=path)
    assert str(e.value) == (
        "`gates` must name one or more gates of the trace (['r', 'z', 'n', 'h']), got ['i', "
        "'f', 'o', 'c']; not in the trace: ['i', 'f', 'o', 'c']; 'i' (input gate), 'f' (forget "
        "gate), 'o' (output gate), 'c' (cell state) belong to an LSTM, not to a GRU: 1 - 'z' "
        "weighs its new gate 'n' where an LSTM's input gate weighs 'g', its update gate 'z' "
        "keeps h_{t-1} where an LSTM's forget gate keeps c_{t-1}, it has no output gate ('h' is "
        "its output) and its one state is 'h'."
    )
    assert not path.exists()
    lstm = _own("lstm")
    with lstmkit.trace(lstm) as tr, torch.no_grad():
        lstm(_TOKENS, _LENGTHS)
    with pytest.raises(ValueError) as e:
        plot_gates(tr["rnn/l0"], gates="z", path=path)
    assert str(e.value) == (
        "`gates` must name one or more gates of the trace (['i', 'f', 'g', 'o', 'c', 'h']), got "
        "'z'; 'z' (update gate) belongs to a GRU, not to an LSTM: its forget gate 'f' keeps "
        "c_{t-1} where a GRU's update gate keeps h_{t-1}."
    )
    # a name neither cell has is told the trace's names alone, as before
    with pytest.raises(KeyError) as e:
        tr["rnn/l0"]["x"]
    assert e.value.args[0].endswith("'c' (cell state), 'h' (hidden state)")
    # a gate named by word, as gates() names it, is told its letter (walkx19)
    with pytest.raises(KeyError) as e:
        tr["rnn/l0"]["forget"]
    assert e.value.args[0].endswith(
        "'h' (hidden state); a trace names them by letter: 'f' for 'forget'"
    )


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("airlines", "airline"),
        ("Airline", "airline"),
        ("airline_passengers.csv", "airline"),
        ("carsales", "car_sales"),
        ("wines", "wine"),
    ],
)
def test_a_mistyped_dataset_name_gets_a_guess(name: str, meant: str) -> None:
    with pytest.raises(ValueError) as e:
        load_dataset(name)
    assert str(e.value) == (
        f"`name` must be one of ['airline', 'car_sales', 'milk', 'wine'] (bundled datasets), got "
        f"{name!r} (did you mean {meant!r}?)."
    )


def test_an_unknown_dataset_name_without_a_likeness_gets_no_guess(capsys) -> None:
    with pytest.raises(ValueError) as e:
        load_dataset("foo")
    assert str(e.value).endswith("(bundled datasets), got 'foo'.")
    assert main(["forecast", "airlines"]) == 2
    assert capsys.readouterr().err == (
        "error: unknown dataset 'airlines' (did you mean 'airline'?); the bundled ones are "
        "airline, car_sales, milk, wine (`lstmkit datasets`), or pass --csv FILE.\n"
    )


@pytest.mark.parametrize(
    ("word", "said"),
    [
        (
            "airlines",
            ". 'airlines' is none of them (did you mean 'airline'?). Forecast 'airline' with "
            "`lstmkit forecast airline`, load it with `lstmkit.data.load_dataset('airline')`",
        ),
        (
            "airline",
            ". Forecast 'airline' with `lstmkit forecast airline`, load it with "
            "`lstmkit.data.load_dataset('airline')`",
        ),
        (
            "foo",
            ". 'foo' is none of them. Forecast one with `lstmkit forecast NAME`, load it with "
            "`lstmkit.data.load_dataset(NAME)`",
        ),
    ],
)
def test_lstmkit_datasets_given_a_name_says_it_takes_none(capsys, word: str, said: str) -> None:
    """`lstmkit datasets airlines` was refused "unrecognized arguments: airlines" with no word
    of the command listing every series, nor of the slip."""
    with pytest.raises(SystemExit) as e:
        main(["datasets", word, "--json"])
    assert e.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"error: unrecognized arguments: {word}; `lstmkit datasets` takes no name: it lists "
        f"every bundled series (airline, car_sales, milk, wine){said} (`lstmkit datasets "
        "--help` lists the flags)\n"
    )


@pytest.mark.parametrize(("cell", "peephole"), [("lstm", False), ("lstm", True), ("gru", False)])
def test_own_module_conserves_and_batch_equals_one_by_one(cell: str, peephole: bool) -> None:
    """Measured, no change needed: a module of one's own on a stacked bidirectional lstmkit LSTM
    (peephole too) or GRU, padded, conserves at bias_factor=1 (the biases keep a share at 0)
    and explains a batch as it explains each sequence alone, cut at its length."""
    model = _own(cell, peephole)
    ex = lrp(model, _TOKENS, target=2, lengths=_LENGTHS, bias_factor=1.0)
    assert ex.residual.abs().max().item() < 1e-12
    assert torch.equal(ex.residual, ex.score - ex.relevance.sum(1) - ex.initial_state)
    assert ex.relevance[1, 3:].abs().max().item() == 0.0
    kept = lrp(model, _TOKENS, target=2, lengths=_LENGTHS).residual.abs().min().item()
    assert kept > 1e-2  # bias_factor=0: the biases' share is no rounding error
    for i, n in enumerate(_LENGTHS.tolist()):
        alone = lrp(model, _TOKENS[i : i + 1, :n], 2, lengths=[n], bias_factor=1.0)
        torch.testing.assert_close(alone.relevance[0], ex.relevance[i, :n], rtol=0, atol=1e-12)
        torch.testing.assert_close(alone.score[0], ex.score[i], rtol=0, atol=1e-12)
