"""Users coming from Keras and torch.nn: constructor arguments the recurrent modules do not take
are refused naming the public class and, for Keras' names, what lstmkit does instead."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import torch

import lstmkit
from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

_UNITS = (
    "`units` is `hidden_size` here, after `input_size` (the features per step, which Keras "
    "infers): {cls}(input_size, hidden_size)"
)


def _refusal(make, *args, **kwargs) -> str:
    with pytest.raises(TypeError) as err:
        make(*args, **kwargs)
    return str(err.value)


@pytest.mark.parametrize("make", [LSTM, GRU, LSTMCell, GRUCell], ids=lambda m: m.__name__)
def test_keras_units_is_refused_naming_the_public_class_and_hidden_size(make) -> None:
    # it was "_RNNBase.__init__() got an unexpected keyword argument 'units'"
    name = make.__name__
    expected = f"{name}() takes no Keras argument `units`: {_UNITS.format(cls=name)}."
    assert _refusal(make, 3, 5, units=4) == expected
    assert _refusal(make, 3, units=4) == expected  # not "missing hidden_size" as well


def test_keras_layer_arguments_get_what_lstmkit_does_instead_all_at_once() -> None:
    message = _refusal(LSTM, 3, units=4, return_sequences=True, return_state=True)
    assert message == (
        "LSTM() takes no Keras argument `units`, `return_sequences` and `return_state`: "
        + _UNITS.format(cls="LSTM")
        + "; the layer always returns every step's output and the final state, `output, "
        "(h_n, c_n) = layer(x)`; Keras' default output (the last step's) is `h_n[-1]` for one "
        "direction; the layer always returns the final state with the output: `output, "
        "(h_n, c_n) = layer(x)`."
    )
    message = _refusal(
        GRU, 3, 5, activation="relu", recurrent_activation="sigmoid", go_backwards=True
    )
    assert message == (
        "GRU() takes no Keras argument `activation`, `recurrent_activation` and `go_backwards`: "
        "`activation` and `recurrent_activation` are fixed at Keras' defaults here (tanh and "
        "sigmoid): drop them; another activation takes a cell of your own; `go_backwards` is "
        "`bidirectional=True` here for both directions; for the reverse one alone, flip the "
        "input along time (`x.flip(1)` with batch_first=True)."
    )
    assert _refusal(GRU, 3, 5, return_state=True) == (
        "GRU() takes no Keras argument `return_state`: the layer always returns the final state "
        "with the output: `output, h_n = layer(x)`."
    )
    assert _refusal(LSTM, input_shape=(10, 3), units=4, recurrent_dropout=0.1) == (
        "LSTM() takes no Keras argument `input_shape`, `units` and `recurrent_dropout`: "
        "`input_shape` (steps, features) is `input_size=features` here; the number of steps is "
        "not fixed; "
        + _UNITS.format(cls="LSTM")
        + "; there is no `recurrent_dropout` (as in torch.nn); `dropout` drops the outputs "
        "between stacked layers (num_layers > 1); this call, as Keras reads it, is LSTM(3, 4, "
        "batch_first=True) here."
    )


def test_the_keras_tutorials_layer_is_told_as_lstmkits_sizes() -> None:
    # Keras' LSTM(4, input_shape=(look_back, 1)): the 4 is the units, the 1 the features
    assert _refusal(LSTM, 4, input_shape=(1, 1)) == (
        "LSTM() takes no Keras argument `input_shape`: `input_shape` (steps, features) is "
        "`input_size=features` here; the number of steps is not fixed; this call, as Keras "
        "reads it, is LSTM(1, 4, batch_first=True) here."
    )
    assert _refusal(GRUCell, 8, input_dim=3) == (
        "GRUCell() takes no Keras argument `input_dim`: `input_dim` is `input_size` here; this "
        "call, as Keras reads it, is GRUCell(3, 8) here."
    )
    assert _refusal(LSTM, 4, input_shape="(1, 1)") == (  # no sizes to read: the rest is told
        "LSTM() takes no Keras argument `input_shape`: `input_shape` (steps, features) is "
        "`input_size=features` here; the number of steps is not fixed; missing a required "
        "argument: 'hidden_size'."
    )


def test_keras_dropout_on_a_cell_and_unknown_names_are_refused_with_what_it_takes() -> None:
    assert _refusal(LSTMCell, 3, 4, dropout=0.2, use_bias=False) == (
        "LSTMCell() takes no Keras argument `dropout` and `use_bias`: a cell takes no `dropout` "
        "(as torch.nn's cells): apply torch.nn.Dropout to its input; `use_bias` is `bias` here "
        "(as torch.nn)."
    )
    assert _refusal(GRUCell, 3, 4, nonlinearity="tanh") == (
        "GRUCell() got unknown argument 'nonlinearity'; it takes input_size, hidden_size, "
        "bias, peephole, device and dtype."
    )
    assert _refusal(LSTM, 1, 4, stateful=True) == (
        "LSTM() takes no Keras argument `stateful`: `stateful` has no switch here: pass the "
        "final state back as `hx` on the next call, detached."
    )
    assert _refusal(GRU, 3, 4, time_major=True, foo=1) == (
        "GRU() takes no Keras argument `time_major`: `time_major=True` is `batch_first=False` "
        "here (the default, as in torch.nn); got unknown argument 'foo'; it takes "
        "input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, "
        "proj_size, peephole, implementation, device and dtype."
    )


def test_positional_device_and_dtype_as_torch_nn_takes_them_are_told_to_be_keywords() -> None:
    # it was "_RNNBase.__init__() takes from 3 to 9 positional arguments but 11 were given"
    args = (3, 5, 1, True, False, 0.0, False, 0, "cpu", torch.float64)
    assert _refusal(LSTM, *args) == (
        "LSTM() takes at most 8 positional arguments (input_size, hidden_size, num_layers, "
        "bias, batch_first, dropout, bidirectional, proj_size), got 10: pass `peephole`, "
        "`implementation`, `device` and `dtype` by keyword, e.g. LSTM(..., device='cpu', "
        "dtype=torch.float64)."
    )
    assert _refusal(GRUCell, 3, 5, True, "cpu") == (
        "GRUCell() takes at most 3 positional arguments (input_size, hidden_size, bias), got 4: "
        "pass `peephole`, `device` and `dtype` by keyword, e.g. GRUCell(..., device='cpu', "
        "dtype=torch.float64)."
    )
    assert _refusal(LSTM) == "LSTM() missing 2 required arguments: 'input_size' and 'hidden_size'."
    assert _refusal(GRU, 3, 5, hidden_size=5) == (
        "GRU() got multiple values for argument 'hidden_size'."
    )


def test_torch_nn_keywords_and_signatures_are_unchanged() -> None:
    lstm = LSTM(
        input_size=3, hidden_size=5, num_layers=2, bias=False, batch_first=True, dropout=0.1,
        bidirectional=True, proj_size=2, device="cpu", dtype=torch.float64,
    )  # fmt: skip
    reference = torch.nn.LSTM(
        3, 5, 2, bias=False, batch_first=True, dropout=0.1, bidirectional=True, proj_size=2
    ).double()
    lstm.load_state_dict(reference.state_dict())
    assert repr(lstm) == repr(reference)
    assert (
        list(inspect.signature(LSTM).parameters)[:8]
        == list(inspect.signature(torch.nn.modules.rnn.RNNBase).parameters)[1:9]
    )
    assert list(inspect.signature(LSTMCell).parameters) == [
        "input_size", "hidden_size", "bias", "peephole", "device", "dtype",
    ]  # fmt: skip


def test_dropout_on_one_layer_points_keras_users_to_a_dropout_before_it() -> None:
    with pytest.warns(UserWarning) as record:
        LSTM(3, 4, dropout=0.2)
    assert [str(w.message) for w in record] == [
        "`dropout`=0.2 has no effect with num_layers=1: it applies to the outputs of every "
        "layer but the last (as in torch.nn); for dropout on the layer's inputs, as Keras' "
        "`dropout`, put a torch.nn.Dropout before the layer."
    ]
    assert record[0].filename == __file__


def _numbers(table: str) -> list[list[str]]:
    return [line.split() for line in table.splitlines()[2:-2]]


@pytest.mark.parametrize(
    "make",
    [
        lambda: torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True, proj_size=2),
        lambda: torch.nn.GRU(3, 2, bias=False, bidirectional=True),
        lambda: torch.nn.LSTMCell(3, 2),
        lambda: torch.nn.GRUCell(3, 2, bias=False),
    ],
    ids=["LSTM", "GRU", "LSTMCell", "GRUCell"],
)
def test_summary_of_torch_nn_layers_and_cells_has_a_row_per_gate(make) -> None:
    # it gave one lumped row per module ("LSTM (LSTM)  -  -  ...  224")
    torch.manual_seed(0)
    model = make()
    table = lstmkit.summary(model)
    assert sum(r["total"] for r in table.rows) == table.total
    assert table.total == sum(p.numel() for p in model.parameters())
    assert all("type" not in r for r in table.rows)  # no lumped row left
    # the same rows as lstmkit's own module with these weights
    name = type(model).__name__
    names = ("bias", "num_layers", "bidirectional", "proj_size")  # those it has (not a cell's)
    kwargs = {k: getattr(model, k) for k in names if hasattr(model, k)}
    kwargs = {k: v for k, v in kwargs.items() if k != "proj_size" or v}
    ours = getattr(lstmkit.nn, name)(model.input_size, model.hidden_size, **kwargs)
    ours.load_state_dict(model.state_dict())
    assert str(table) == str(lstmkit.summary(ours))


def test_summary_of_a_torch_nn_lstm_reads_as_readme_shows_lstmkits() -> None:
    table = str(lstmkit.summary(torch.nn.LSTM(5, 4)))
    assert _numbers(table) == [
        ["LSTM", "(l0)", "forward", gate, "20", "16", "8", "0", "44"]
        for gate in ("input", "forget", "candidate", "output")
    ]
    assert table.splitlines()[-1] == "Total params: 176    Trainable params: 176"
    gru = lstmkit.summary(torch.nn.GRU(2, 3, num_layers=2))
    assert [(r["layer"], r["gate"], r["input"], r["recurrent"], r["bias"]) for r in gru.rows] == [
        ("GRU (l0)", "reset", 6, 9, 6),
        ("GRU (l0)", "update", 6, 9, 6),
        ("GRU (l0)", "new", 6, 9, 6),
        ("GRU (l1)", "reset", 9, 9, 6),
        ("GRU (l1)", "update", 9, 9, 6),
        ("GRU (l1)", "new", 9, 9, 6),
    ]
    assert gru.total == 135 == sum(r["total"] for r in gru.rows)


def test_summary_keeps_a_lumped_row_for_torch_nn_rnn_and_moved_weights() -> None:
    rnn = lstmkit.summary(torch.nn.RNN(3, 2))  # no gates
    assert [(r["layer"], r["type"], r["total"]) for r in rnn.rows] == [("RNN", "RNN", 14)]
    lstm = torch.nn.LSTM(3, 2)
    raw = lstm.weight_hh_l0  # as a weight-dropping wrapper does: the weight kept elsewhere
    del lstm.weight_hh_l0
    lstm.register_parameter("weight_hh_l0_raw", raw)
    table = lstmkit.summary(lstm)
    assert [(r["layer"], r["type"], r["total"]) for r in table.rows] == [("LSTM", "LSTM", 56)]


def test_readme_quotes_the_keras_refusals_as_they_read() -> None:
    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text("utf-8").split())
    units = _refusal(LSTM, 1, units=4)
    assert f'`LSTM(1, units=4)` says "{units}"' in readme
    tutorial = _refusal(LSTM, 4, input_shape=(1, 1))
    ending = "this call, as Keras reads it, is LSTM(1, 4, batch_first=True) here."
    assert tutorial.endswith(ending) and f'`LSTM(4, input_shape=(1, 1))`, ends "{ending}"' in readme


def test_summary_runs_a_time_major_torch_nn_layer_with_the_batch_second() -> None:
    # a torch.nn.LSTM read the sample (7, 5) as one step of a batch of 7: [1, 7, 4]
    shapes = lstmkit.summary(torch.nn.LSTM(5, 4), input_size=(7, 5)).output_shapes
    assert shapes == {"LSTM": (7, 1, 4)} == lstmkit.summary(LSTM(5, 4), (7, 5)).output_shapes
    first = torch.nn.GRU(5, 4, batch_first=True)
    assert lstmkit.summary(first, input_size=(7, 5)).output_shapes == {"GRU": (1, 7, 4)}
    assert lstmkit.summary(torch.nn.RNN(5, 4), input_size=(7, 5)).output_shapes == {
        "RNN": (7, 1, 4)
    }


def test_keras_initializers_seed_and_reset_after_are_told_lstmkits_way() -> None:
    assert _refusal(LSTM, 1, 4, kernel_initializer="glorot_uniform", unit_forget_bias=True) == (
        "LSTM() takes no Keras argument `kernel_initializer` and `unit_forget_bias`: the "
        "initializers (and `unit_forget_bias`) have no argument here: the parameters start "
        "uniform in ±1/sqrt(hidden_size), as torch.nn's; set them after construction, "
        "torch.nn.init on a weight or `gates()['forget']` for the forget gate's biases."
    )
    assert _refusal(GRUCell, 1, 4, seed=0, reset_after=True) == (
        "GRUCell() takes no Keras argument `seed` and `reset_after`: the parameters draw from "
        "torch's generator: call torch.manual_seed(seed) first; `reset_after` is always True "
        "here (PyTorch's GRU, Keras' default): the reset gate multiplies the recurrent product "
        "with its bias."
    )
