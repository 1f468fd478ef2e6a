"""nn23: the recurrent core's counts judged as the configs judge them, numpy scalars shown as
the configs show them, and ints past torch's int64 refused in the configs' words."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit import summary
from lstmkit._checks import ConfigTypeError
from lstmkit.explain import lrp
from lstmkit.explain.baselines import check_count, check_fill
from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell
from lstmkit.text import CharLMConfig

INT_X = " (a whole number as a float: pass int(x))"
HUGE = 10**30
SHORT = "1e+30 (an int of 31 digits)"  # as the library writes an int past 20 digits (lib23)
MAGNITUDE = "must be an integer of magnitude at most 2**63-1 (torch's int64), got " + SHORT


# ---- 1. a non-integral size is a ValueError, as in the configs and the text models -----------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: LSTM(1.5, 4), "`input_size` must be a positive integer, got 1.5."),
        (lambda: LSTM(4, 1.5), "`hidden_size` must be a positive integer, got 1.5."),
        (lambda: GRU(4, 2.5), "`hidden_size` must be a positive integer, got 2.5."),
        (lambda: LSTMCell(1.5, 4), "`input_size` must be a positive integer, got 1.5."),
        (lambda: GRUCell(4, 0.5), "`hidden_size` must be a positive integer, got 0.5."),
        (
            lambda: LSTM(np.float64(4.0), 4),
            f"`input_size` must be a positive integer, got np.float64(4.0){INT_X}.",
        ),
        (
            lambda: LSTM(4, 4, num_layers=2.0),
            f"`num_layers` must be a positive integer, got 2.0{INT_X}.",
        ),
        (lambda: LSTM(4, float("nan")), "`hidden_size` must be a positive integer, got nan."),
        # a numpy integer below 1 refused for its value, plainly on numpy 1 and 2 (msg25)
        (
            lambda: LSTM(np.int64(-5), 4),
            "`input_size` must be a positive integer, got -5.",
        ),
        (lambda: LSTM(4, 4, proj_size=1.5), "`proj_size` must be an integer, got 1.5."),
        (
            lambda: LSTM(4, 4, proj_size=2.0),
            f"`proj_size` must be an integer, got 2.0{INT_X}.",
        ),
        # int(9.0) would be refused too (not in [0, 3]): no int(x) told
        (lambda: LSTM(4, 4, proj_size=9.0), "`proj_size` must be an integer, got 9.0."),
    ],
)
def test_a_non_integral_size_is_a_value_error_as_in_the_configs(make, message) -> None:
    with pytest.raises(ValueError) as err:
        make()
    # a float is also the TypeError torch.nn.LSTM raises for it (left34b): ConfigTypeError is
    # both; an integer below 1 stays a ValueError alone, as torch's
    assert type(err.value) is (ValueError if message.endswith("got -5.") else ConfigTypeError)
    assert str(err.value) == message


def test_the_module_and_the_config_refuse_a_float_size_alike() -> None:
    for value in (1.5, np.float64(4.0), 0.0):
        with pytest.raises(ValueError) as config:
            CharLMConfig(hidden_size=value)
        with pytest.raises(ValueError) as module:
            LSTM(4, value)
        # the module's is also torch's TypeError (left34b): ConfigTypeError is both
        assert (type(module.value), type(config.value)) == (ConfigTypeError, ValueError)
        assert str(module.value) == str(config.value)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "None"),  # msg25: None names itself, as the configs say it
        (True, "bool True"),
        (np.True_, "np.True_"),
        (torch.tensor(4), "Tensor tensor(4) (give a Python int: int(x))"),
        (4 + 0j, "complex (4+0j)"),
    ],
)
def test_what_is_no_real_number_stays_a_type_error(value, shown) -> None:
    with pytest.raises(TypeError) as err:
        LSTM(4, value)
    assert type(err.value) is TypeError
    assert str(err.value) == f"`hidden_size` must be a positive integer, got {shown}."


def test_a_type_and_a_value_problem_at_once_are_both_listed() -> None:
    with pytest.raises(ConfigTypeError) as err:
        LSTM(None, 1.5)
    assert str(err.value) == (
        "`input_size` must be a positive integer, got None. "
        "`hidden_size` must be a positive integer, got 1.5."
    )


# ---- 2. numpy scalars shown as the configs show them, on numpy 1 and 2 ------------------------
# (msg25: a refused value plainly, plain_repr)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: summary(LSTM(5, 4), input_size=np.int64(-5)),
            "`input_size` must hold sizes >= 0, got -5.",
        ),
        (
            lambda: summary(LSTM(5, 4), input_size=(np.int64(3), -1)),
            "`input_size` must hold sizes >= 0, got (3, -1).",
        ),
        (
            lambda: summary(LSTM(5, 4), input_size=np.int64(5), input=torch.zeros(1, 3, 5)),
            "pass `input_size` or `input`, not both; got input_size=np.int64(5) and an input of "
            "shape (1, 3, 5).",
        ),
        (
            lambda: LSTM(5, 4).gates(layer=np.int64(3)),
            "`layer` must be in [0, 0], got 3.",
        ),
        (
            lambda: LSTM(5, 4).gates(direction=np.int64(1)),
            "`direction` must be 'forward' or 0, the only direction of a layer that is not "
            "bidirectional (bidirectional=False), got 1.",
        ),
        (
            lambda: check_count(np.int64(0), "steps"),
            "`steps` must be a positive integer, got 0.",
        ),
        (
            lambda: check_fill(np.float64("inf")),
            "`value` (what an occluded step's vector is set to) must be finite, got inf.",
        ),
    ],
)
def test_numpy_scalars_are_shown_as_the_configs_show_them(make, message) -> None:
    with pytest.raises(ValueError) as err:
        make()
    assert str(err.value) == message


def test_a_summary_refusal_of_what_ran_shows_a_numpy_size_by_value_repr() -> None:
    with pytest.raises(ValueError) as err:
        summary(LSTM(5, 4), input_size=np.int64(4))
    assert str(err.value).startswith(
        "`input_size` np.int64(4) ran the model on a zero batch of shape (1, 4), which it refused"
    )


def test_plot_gates_units_show_numpy_indices_by_value_repr() -> None:
    from lstmkit import trace
    from lstmkit.explain.gates import plot_gates

    layer = LSTM(2, 3, batch_first=True)
    with trace(layer) as tr, torch.no_grad():
        layer(torch.zeros(1, 2, 2))
    key = next(iter(tr))
    with pytest.raises(ValueError) as err:
        plot_gates(tr[key], units=[np.int64(7), 1])
    assert str(err.value) == (
        "`units` must be a non-empty list of unit indices in [0, 3) (the trace's hidden size), "
        "got [np.int64(7), 1]; not unit indices: [np.int64(7)]."
    )
    with pytest.raises(ValueError) as err:
        plot_gates(tr[key], units=[np.int64(1), 1])
    assert str(err.value) == "`units` must name each unit once, got [np.int64(1), 1]; repeated: 1."


# ---- 3. ints past torch's int64 refused in the configs' words --------------------------------


def test_summary_refuses_a_size_past_int64_as_the_configs_do() -> None:
    # torch.zeros failed in its C++: "Overflow when unpacking long long" and a frame traceback
    with pytest.raises(ValueError) as err:
        summary(LSTM(5, 4), input_size=HUGE)
    assert str(err.value) == f"`input_size` {MAGNITUDE}."
    with pytest.raises(ValueError) as err:
        summary(LSTM(5, 4), input_size=(3, HUGE))
    assert str(err.value) == (
        "`input_size` must hold sizes of magnitude at most 2**63-1 (torch's int64), got "
        f"(3, {SHORT})."
    )


def test_proj_size_past_int64_is_refused_as_a_size_is() -> None:
    with pytest.raises(ValueError) as err:
        LSTM(4, 4, proj_size=HUGE)
    assert str(err.value) == f"`proj_size` {MAGNITUDE}."
    with pytest.raises(ValueError) as config:
        CharLMConfig(hidden_size=HUGE)
    assert str(config.value) == f"`hidden_size` {MAGNITUDE}."


class _Classifier(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, -1])


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (HUGE, f"`target` {MAGNITUDE}."),
        (
            -HUGE,
            "`target` must be an integer of magnitude at most 2**63-1 (torch's int64), got "
            f"-{SHORT}.",
        ),
        (
            [1, HUGE],
            "`target` must hold integers of magnitude at most 2**63-1 (torch's int64), got "
            f"[1, {SHORT}].",
        ),
    ],
)
def test_lrp_refuses_a_target_past_int64_by_value_not_as_no_integer(target, message) -> None:
    # it was a TypeError, "must be an integer output index ..., got int 1000...": an int
    torch.manual_seed(0)
    model = _Classifier().double()
    with pytest.raises(ValueError) as err:
        lrp(model, torch.zeros(2, 3, 3, dtype=torch.float64), target=target)
    assert type(err.value) is ValueError
    assert str(err.value) == message


def test_lrp_target_at_int64s_top_is_still_told_the_range() -> None:
    model = _Classifier().double()
    with pytest.raises(ValueError) as err:
        lrp(model, torch.zeros(2, 3, 3, dtype=torch.float64), target=2**63 - 1)
    assert str(err.value).startswith("`target` must lie in [0, 2) (the model gives 2 outputs")
