"""msg25: one policy for numpy numbers in messages, and three messages told wrong.

1. A refusal of a VALUE shows a numpy number plainly, as the user thinks of it (``-3``,
   ``0.1``); a refusal of a TYPE shows the type (``np.True_``, ``np.float64(2.5)``, ``'4'``).
   The configs, ``nn`` and ``explain`` wrote ``np.int64(-3)`` for a negative count, where the
   baselines, metrics and the text functions wrote ``-3`` (``plain_repr``, one helper).
2. ``ForecasterConfig(ensemble=10**30)`` told the seed a negative range.
3. ``nn.summary(model, input_size=np.float64(5.0))`` is a ValueError, as ``LSTM``'s sizes are.
4. None for a size is a TypeError, "got None", in ``nn`` and the text configs and modules alike.

Every expected string is what numpy 1 and 2 both write (the helpers make them agree).
"""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit import nn
from lstmkit._checks import ConfigTypeError, plain_repr, positive_int, seed_problem
from lstmkit.explain.baselines import check_count, check_fill
from lstmkit.forecast import ForecasterConfig
from lstmkit.metrics import mase
from lstmkit.nn.summary import summary
from lstmkit.text import CharLM, CharLMConfig
from lstmkit.train import TrainConfig

# ---- 1. the policy -----------------------------------------------------------------------


def test_plain_repr_shows_a_refused_value_plainly_and_a_refused_type_with_it() -> None:
    # a count (the default): integers plainly, a float or a numpy bool with its type
    assert plain_repr(np.int64(-3)) == "-3"
    assert plain_repr(np.uint64(2**64 - 1)) == "18446744073709551615"
    assert plain_repr(np.float64(2.5)) == "np.float64(2.5)"
    assert plain_repr(np.True_) == "np.True_"
    assert plain_repr("4") == "'4'"
    assert plain_repr(-(10**30)) == "-1e+30 (an int of 31 digits)"
    # a number refused for its value: plainly, float32's 0.1 too (not 0.10000000149011612)
    assert plain_repr(np.float32(0.1), True) == "0.1"
    assert plain_repr(np.float64(-0.5), True) == repr(-0.5)
    assert plain_repr(np.True_, True) == "np.True_"
    # a number whose value the argument takes: refused for its type, shown with it
    assert plain_repr(np.float32(0.01), lambda v: v > 0) == "np.float32(0.01)"
    assert plain_repr(np.float32(-0.01), lambda v: v > 0) == "-0.01"
    assert plain_repr(np.int64(3), lambda v: v > 0) == "np.int64(3)"
    assert plain_repr(np.int64(-3), lambda v: v > 0) == "-3"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: ForecasterConfig(horizon=np.int64(-3)),
            "`horizon` must be a positive integer or None, got -3.",
        ),
        (
            lambda: ForecasterConfig(lr=np.float64(-0.5)),
            "`lr` must be a positive finite number, got -0.5.",
        ),
        (
            lambda: ForecasterConfig(dropout=np.float64(1.5)),
            "`dropout` must be a number in [0, 1), got 1.5.",
        ),
        (
            lambda: ForecasterConfig(difference=np.int64(-1)),
            "`difference` must be an integer >= 0, got -1.",
        ),
        (
            lambda: ForecasterConfig(interval=np.float32(1.5)),
            "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got 1.5.",
        ),
        (
            lambda: TrainConfig(epochs=np.int64(0)),
            "`epochs` must be a positive integer, got 0.",
        ),
        (
            lambda: TrainConfig(min_lr_ratio=np.float32(1.5)),
            "`min_lr_ratio` must be a number in [0, 1], got 1.5.",
        ),
        (
            lambda: CharLMConfig(hidden_size=np.int64(-3)),
            "`hidden_size` must be a positive integer, got -3.",
        ),
        (
            lambda: CharLMConfig(lr=np.float64(-0.5)),
            "`lr` must be a positive finite number, got -0.5.",
        ),
        (
            lambda: CharLMConfig(val_fraction=np.float32(1.5)),
            "`val_fraction` must be a number in (0, 1), got 1.5.",
        ),
        (
            lambda: CharLM(vocab_size=np.int64(0)),
            "`vocab_size` must be a positive integer, got 0.",
        ),
        (
            lambda: nn.LSTM(input_size=5, hidden_size=np.int64(-3)),
            "`hidden_size` must be a positive integer, got -3.",
        ),
        (
            lambda: nn.LSTM(5, 4).gates(layer=np.int64(3)),
            "`layer` must be in [0, 0], got 3.",
        ),
        (
            lambda: positive_int(np.int64(-3), "horizon"),
            "`horizon` must be a positive integer, got -3.",
        ),
        (
            lambda: ForecasterConfig(epochs=np.uint64(2**64 - 1)),
            "`epochs` must be an integer of magnitude at most 2**63-1 (torch's int64), got "
            "18446744073709551615.",
        ),
        (
            lambda: check_count(np.int64(0), "steps"),
            "`steps` must be a positive integer, got 0.",
        ),
        (
            lambda: check_fill(np.float64("inf")),
            "`value` (what an occluded step's vector is set to) must be finite, got inf.",
        ),
        (
            lambda: mase([1.0, 2.0], [1.0, 2.0], [1.0, 2.0, 3.0], m=np.float64(0.5)),
            "`m` must be an integer >= 1 (the seasonal period), got 0.5.",
        ),
    ],
)
def test_a_refused_value_is_shown_plainly(make, message) -> None:
    with pytest.raises(ValueError) as caught:
        make()
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("make", "message"),
    [
        # every config takes numpy floats since revleft33a (tests/test_revleft33a_fixes.py)
        (
            lambda: ForecasterConfig(epochs=np.float64(2.5)),
            "`epochs` must be a positive integer, got np.float64(2.5).",
        ),
        (
            lambda: nn.LSTM(input_size=5, hidden_size=np.float64(2.5)),
            "`hidden_size` must be a positive integer, got np.float64(2.5).",
        ),
        (
            lambda: mase([1.0, 2.0], [1.0, 2.0], [1.0, 2.0, 3.0], m=np.True_),
            "`m` must be an integer (the seasonal period), got np.True_.",
        ),
    ],
)
def test_a_refused_type_is_shown_with_it(make, message) -> None:
    with pytest.raises((TypeError, ValueError)) as caught:
        make()
    assert str(caught.value) == message


# ---- 2. the seed's range beside an ensemble past torch's int64 -------------------------------


def test_a_huge_ensemble_tells_no_negative_seed_range() -> None:
    with pytest.raises(ValueError) as caught:
        ForecasterConfig(ensemble=10**30, seed=-1)
    assert str(caught.value) == (
        "`ensemble` must be an integer of magnitude at most 2**63-1 (torch's int64), got 1e+30 "
        "(an int of 31 digits). `seed` must be an integer in [0, 9223372036854775807], got -1."
    )
    with pytest.raises(ValueError) as caught:  # the seed is good: nothing said of it
        ForecasterConfig(ensemble=10**30)
    assert "`seed`" not in str(caught.value)
    assert seed_problem(0, members=10**30) is None
    assert seed_problem(2**63 - 1, members=2) == (
        "`seed` must be an integer in [0, 9223372036854775806] with ensemble=2 (member k uses "
        "seed + k), got 9223372036854775807"
    )


# ---- 3. summary's input_size as the layers' sizes ---------------------------------------------


def test_summary_refuses_a_float_input_size_as_the_layers_do() -> None:
    model = nn.LSTM(input_size=5, hidden_size=4)
    with pytest.raises(ValueError) as layer:
        nn.LSTM(np.float64(5.0), 4)
    with pytest.raises(ValueError) as caught:
        summary(model, input_size=np.float64(5.0))
    # both a ValueError and torch's TypeError (left34b): ConfigTypeError
    assert type(caught.value) is type(layer.value) is ConfigTypeError
    assert str(caught.value) == (
        "`input_size` must be an integer or a sequence of integers (the shape of one sample), "
        "got np.float64(5.0) (a whole number as a float: pass int(x))."
    )
    with pytest.raises(ValueError, match=r"got 2\.5\.$"):
        summary(model, input_size=2.5)
    with pytest.raises(ValueError) as caught:
        summary(model, input_size=(np.int64(-5), 3))
    assert str(caught.value) == "`input_size` must hold sizes >= 0, got (-5, 3)."
    assert summary(model, input_size=np.int64(5)).total == summary(model).total == 176


# ---- 4. None for a size ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: nn.LSTM(input_size=5, hidden_size=None),
        lambda: nn.GRU(input_size=5, hidden_size=None),
        lambda: nn.LSTMCell(input_size=5, hidden_size=None),
        lambda: nn.GRUCell(input_size=5, hidden_size=None),
        lambda: CharLMConfig(hidden_size=None),
        lambda: CharLM(vocab_size=12, hidden_size=None),
    ],
)
def test_none_for_a_size_is_a_type_error_that_says_none(make) -> None:
    with pytest.raises(TypeError) as caught:
        make()
    assert str(caught.value) == "`hidden_size` must be a positive integer, got None."


def test_none_beside_a_bad_value_is_both_kinds_listed_at_once() -> None:
    with pytest.raises(ConfigTypeError) as caught:
        CharLMConfig(hidden_size=None, lr=-1)
    assert str(caught.value) == (
        "`hidden_size` must be a positive integer, got None. "
        "`lr` must be a positive finite number, got -1."
    )
    with pytest.raises(ConfigTypeError) as caught:
        ForecasterConfig(epochs=None)
    assert str(caught.value) == "`epochs` must be a positive integer, got None."
