"""revlib21: the review of lib21 (counts past int64, text told as a number, choices' types).

A whole float past 2**63-1 was told "pass int(x)", which was refused in turn; explain's random
seed and its counts told text and bytes otherwise than seed_everything; a count of explain's
past int64 failed in torch's C++; lrp's ``convention`` of the wrong type was a ValueError where
explain's ``method`` is a TypeError; a set of labels passed plot_history's new check.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit._checks import TextForNumberError, whole_float_hint
from lstmkit.explain import deletion_curve, explain, lrp
from lstmkit.forecast import ForecasterConfig
from lstmkit.nn import LSTM
from lstmkit.text import TextClassifier
from lstmkit.train import History, TrainConfig, plot_history

TOO_LARGE = "must be an integer of magnitude at most 2**63-1 (torch's int64), got "
CONVENTIONS = "('equation', 'lrp_for_lstm')"


def _model_and_inputs() -> tuple[TextClassifier, torch.Tensor]:
    torch.manual_seed(0)
    return TextClassifier(20, 4, 3, 2), torch.tensor([[3, 4, 5]])


# ---- 1. a whole float past int64 is not told int(x) -------------------------------------------


@pytest.mark.parametrize("value", [1e30, np.float64(1e19), float(2**63)])
def test_a_whole_float_past_int64_is_not_told_to_pass_int(value) -> None:
    # before: " (a whole number as a float: pass int(x))", and int(x) was refused as too large
    assert whole_float_hint(value) == ""
    assert whole_float_hint(float(2**62)) == " (a whole number as a float: pass int(x))"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: TrainConfig(epochs=1e30), "`epochs` must be a positive integer, got 1e+30."),
        (
            lambda: ForecasterConfig(horizon=1e30),
            "`horizon` must be a positive integer or None, got 1e+30.",
        ),
        (lambda: LSTM(1, 1e30), "`hidden_size` must be a positive integer, got 1e+30."),
    ],
)
def test_configs_and_modules_do_not_tell_int_x_of_a_float_past_int64(make, message) -> None:
    with pytest.raises((TypeError, ValueError)) as err:
        make()
    assert str(err.value) == message


# ---- 2. explain's seed and counts tell text as seed_everything does ---------------------------


@pytest.mark.parametrize(
    ("seed", "said"),
    [
        (b"24", "b'24' (a number, not bytes: 24)"),  # before: "got bytes b'24'."
        ("abc", "'abc' (a number, not text)"),  # before: "got str 'abc'."
        ("24", "'24' (a number, not text: 24)"),
    ],
)
def test_the_random_baselines_seed_tells_text_as_seed_everything(seed, said) -> None:
    model, inputs = _model_and_inputs()
    with pytest.raises(TextForNumberError) as err:
        explain(model, inputs, method="random", seed=seed)
    assert str(err.value) == f"`seed` must be an integer, got {said}."


@pytest.mark.parametrize(
    ("steps", "said"),
    [
        (b"8", "bytes b'8' (a number, not bytes: 8)"),
        ("abc", "str 'abc' (a number, not text)"),
        # before: "(a number, not text: 1e+20)"
        (
            "99999999999999999999",
            "str '99999999999999999999' (a number, not text: 99999999999999999999)",
        ),
    ],
)
def test_explains_counts_tell_text_as_the_configs(steps, said) -> None:
    model, inputs = _model_and_inputs()
    with pytest.raises(TypeError) as err:
        explain(model, inputs, method="ig", steps=steps)
    assert str(err.value) == f"`steps` must be a positive integer, got {said}."


def test_explains_counts_past_int64_are_refused_before_torch() -> None:
    model, inputs = _model_and_inputs()
    with pytest.raises(ValueError) as err:
        explain(model, inputs, method="ig", steps=2**70)  # before: OverflowError in torch
    assert str(err.value) == f"`steps` {TOO_LARGE}1.18e+21 (an int of 22 digits)."
    explanation = explain(model, inputs, method="gradxinput")
    with pytest.raises(ValueError) as err:
        # before: torch's "Overflow when unpacking long long" with a page of C++ frames
        deletion_curve(model, inputs, explanation, steps=2**70)
    assert str(err.value) == f"`steps` {TOO_LARGE}1.18e+21 (an int of 22 digits)."
    with pytest.raises(ValueError) as err:
        deletion_curve(model, inputs, explanation, batch_size=np.uint64(2**64 - 1))
    assert str(err.value) == f"`batch_size` {TOO_LARGE}18446744073709551615."


# ---- 3. lrp's convention of the wrong type is a TypeError, as explain's method ----------------


@pytest.mark.parametrize(
    ("convention", "error", "message"),
    [
        # before: ValueError "`convention` must be one of (...), got 5."
        (5, TypeError, f"`convention` must be a str, one of {CONVENTIONS}, got int 5."),
        (None, TypeError, f"`convention` must be a str, one of {CONVENTIONS}, got None."),
        (
            "Equation",
            ValueError,
            f"`convention` must be one of {CONVENTIONS}, got 'Equation' (did you mean "
            "'equation'?).",
        ),
        ("code", ValueError, f"`convention` must be one of {CONVENTIONS}, got 'code'."),
    ],
)
def test_lrp_refuses_a_convention_as_explain_refuses_a_method(convention, error, message) -> None:
    model, inputs = _model_and_inputs()
    with pytest.raises(error) as err:
        lrp(model, inputs, convention=convention)
    assert type(err.value) is error and str(err.value) == message
    with pytest.raises(error) as err:
        explain(model, inputs, method="lrp", convention=convention)
    assert str(err.value) == message


# ---- 4. a set of labels is no list of them ----------------------------------------------------


@pytest.mark.parametrize(("labels", "shown"), [({"a"}, "set {'a'}"), ({"a": 1}, "dict {'a': 1}")])
def test_plot_history_refuses_labels_without_an_order(labels, shown) -> None:
    # before: TypeError "'set' object is not subscriptable" from inside the plot
    with pytest.raises(TypeError) as err:
        plot_history(History(train_loss=[1.0, 0.5]), labels=labels)
    assert str(err.value) == (
        f"`labels` must be a list of labels, one per history (1), or None, got {shown}."
    )
