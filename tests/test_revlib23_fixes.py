"""revlib23: review of lib23 (the forecasting API's leftovers).

1. An int past a float's range is refused as no finite number by the text configs too
   (``SentimentConfig(lr=10**400)`` raised OverflowError), as lib23 made TrainConfig's,
   and by the occlusion value, LRP's ``eps`` and a character LM's ``temperature``.
2. ``predict(interval="0.9")`` is a TextForNumberError with the config's hint, and text or a
   bool among ``backtest``'s ``levels`` a wrong type, as lib23 made ``predict(interval=True)``.
3. ``rolling_origin`` (public) refuses a ``statistical_baselines`` or ``retrain`` that is no
   bool by its own name, as ``Forecaster.backtest`` does.
4. A bool or what is no number for the baselines' ``horizon`` is a TypeError, as it is for
   ``predict``'s.
5. An int past 20 digits inside a list is shown as it is alone (``[10**5000]`` failed in the
   message).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit._checks import ConfigTypeError, TextForNumberError, positive_int
from lstmkit.backtest import rolling_origin
from lstmkit.baselines import baseline_forecasts
from lstmkit.explain.baselines import check_fill
from lstmkit.explain.lrp import check_options
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.text import CharLMConfig, SentimentConfig, Seq2SeqConfig
from lstmkit.text.charlm import CharLM, CharVocab, generate, sample_next

SERIES = pd.Series(np.sin(np.arange(60) / 3) + 2.0)  # indexed by position


# ---- 1. ints past a float's range, elsewhere ---------------------------------------------------


@pytest.mark.parametrize("config", [SentimentConfig, CharLMConfig, Seq2SeqConfig])
def test_a_text_config_refuses_an_int_past_a_floats_range(config) -> None:
    # before: OverflowError "int too large to convert to float" from math.isfinite
    with pytest.raises(ValueError) as err:
        config(lr=10**400, clip=-(10**400), minutes=10**5000)
    assert str(err.value) == (
        "`lr` must be a positive finite number, got 1e+400 (an int of 401 digits). "
        "`clip` must be a positive finite number, got -1e+400 (an int of 401 digits). "
        "`minutes` must be a positive finite number, got 1e+5000 (an int of 5001 digits)."
    )
    assert config(lr=10**30).lr == 10**30  # a float holds that one


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: check_fill(10**400),
            "`value` (what an occluded step's vector is set to) must be finite, got 1e+400 "
            "(an int of 401 digits).",
        ),
        (
            lambda: check_options(10**5000, 0.5),
            "`eps` must be a positive finite number, got 1e+5000 (an int of 5001 digits).",
        ),
        (
            lambda: sample_next(torch.zeros(3), temperature=10**400),
            "`temperature` must be a finite number >= 0, got 1e+400 (an int of 401 digits).",
        ),
        (
            lambda: generate(CharLM(3, 2, 2, 1), CharVocab("abc"), "ab", 3, temperature=10**400),
            "`temperature` must be a finite number >= 0, got 1e+400 (an int of 401 digits).",
        ),
        # as given, as sample_next tells it (generate's float() made it -1.0)
        (
            lambda: generate(CharLM(3, 2, 2, 1), CharVocab("abc"), "ab", 3, temperature=-1),
            "`temperature` must be a finite number >= 0, got -1.",
        ),
    ],
)
def test_explain_and_sampling_refuse_an_int_past_a_floats_range(call, message) -> None:
    # before: OverflowError "int too large to convert to float" (math.isfinite, float())
    with pytest.raises(ValueError) as err:
        call()
    assert str(err.value) == message


# ---- 2. predict's interval and backtest's levels: text and bools are wrong types ------------


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    config = ForecasterConfig(
        strategy="recursive", horizon=3, hidden_size=4, epochs=1, ensemble=1, progress=False
    )
    return Forecaster(config).fit(SERIES[:40])


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("0.9", "'0.9' (a number, not text: 0.9)"),
        # before: "got b'0.9'." with no hint, where ForecasterConfig(interval=b"0.9") has it
        (b"0.9", "b'0.9' (a number, not bytes: 0.9)"),
        ("1.5", "'1.5' (a number, not text: 1.5; but 1.5 would be refused too)"),
    ],
)
def test_predict_tells_text_for_an_interval_as_its_config_does(fitted, given, shown) -> None:
    # before: a plain ValueError, where ForecasterConfig(interval="0.9") is a
    # TextForNumberError (a TypeError) and lib23 made predict(interval=True) a ConfigTypeError
    with pytest.raises(TextForNumberError) as err:
        fitted.predict(3, interval=given)
    assert isinstance(err.value, ValueError)
    assert str(err.value) == (
        f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, got {shown}."
    )
    with pytest.raises(TextForNumberError) as config_err:
        ForecasterConfig(interval=given)
    assert str(config_err.value).endswith(f", or None, got {shown}.")


@pytest.mark.parametrize(
    ("levels", "error", "shown"),
    [
        ((True,), ConfigTypeError, "True (a coverage, not a switch: e.g. 0.8)"),
        (
            (0.5, "0.9", True),
            TextForNumberError,
            "'0.9' (a number, not text: 0.9), True (a coverage, not a switch: e.g. 0.8)",
        ),
        ((1.5,), ValueError, "1.5"),
    ],
)
def test_backtest_tells_text_or_a_bool_among_levels_its_type(fitted, levels, error, shown) -> None:
    # before: a plain ValueError for each, where predict(interval=True) is a ConfigTypeError
    with pytest.raises(error) as err:
        fitted.backtest(SERIES, start=40, retrain=False, levels=levels)
    assert isinstance(err.value, ValueError)
    assert isinstance(err.value, TypeError) == (error is not ValueError)
    assert str(err.value) == (
        f"every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got {shown}."
    )


# ---- 3. rolling_origin's switches ----------------------------------------------------------


def test_rolling_origin_names_its_own_switches(fitted) -> None:
    # before: statistical_baselines="no" was told "`statistical` must be True or False, got
    # str 'no'." (baseline_forecasts' argument, which the caller never named) and retrain=2
    # fitted at every origin without a word; Forecaster.backtest refused both
    with pytest.raises(TypeError) as err:
        rolling_origin(
            fitted, SERIES.to_frame("y"), start=40, retrain=2, statistical_baselines="no"
        )
    assert str(err.value) == (
        "`retrain` must be True or False, got int 2; Darts' retrain as a number or a callable "
        "(retrain at some origins only) has no counterpart here: every origin is fitted (True) "
        "or none is (False, this fitted model forecasting at each); "
        "`statistical_baselines` must be True or False, got str 'no'."
    )


# ---- 4. baselines' horizon of a wrong type -------------------------------------------------


@pytest.mark.parametrize(
    ("horizon", "shown"), [(True, "True"), (np.True_, "np.True_"), (None, "None"), ([3], "[3]")]
)
def test_a_baselines_horizon_of_a_wrong_type_is_a_type_error(horizon, shown) -> None:
    # before: a ValueError, where predict(True) and positive_int refuse it as a TypeError
    with pytest.raises(TypeError) as err:
        baseline_forecasts(np.arange(30.0), horizon, 12)
    assert str(err.value) == f"`horizon` must be a positive integer, got {shown}."
    with pytest.raises(TypeError):
        positive_int(horizon, "horizon")  # predict's and backtest's horizon
    with pytest.raises(ValueError) as err:  # a number that is none is a ValueError still
        baseline_forecasts(np.arange(30.0), -3, 12)
    assert not isinstance(err.value, TypeError)


# ---- 5. a huge int inside a list ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: ForecasterConfig(interval=[10**5000]),
            "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got "
            "[1e+5000 (an int of 5001 digits)] (one level, not a list).",
        ),
        (
            lambda: positive_int([10**5000], "horizon"),
            "`horizon` must be a positive integer, got [1e+5000 (an int of 5001 digits)].",
        ),
        (  # shown as the same int alone is
            lambda: positive_int((10**30,), "horizon"),
            "`horizon` must be a positive integer, got (1e+30 (an int of 31 digits),).",
        ),
    ],
)
def test_a_huge_int_in_a_list_is_shown_as_alone(call, message) -> None:
    # before: ValueError "Exceeds the limit (4300 digits) for integer string conversion" from
    # the message itself on numpy 2 (numpy 1's value_repr went item by item)
    with pytest.raises(ValueError if "interval" in message else TypeError) as err:
        call()
    assert str(err.value) == message
