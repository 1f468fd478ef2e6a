"""revlib22: review of lib22 (the forecasting API's counts and choices).

1. Text for a count past torch's int64 (``predict("1e30")``, a plot's ``context="1e30"``) is
   told that its number is refused too, as a config tells it.
2. A metric's season ``m`` given an int past a float (``10**400``) is told the int64 limit, or
   its sign, where it raised OverflowError.
3. The refusal of a horizon no memory holds names one member as one ("each of the 1 members'
   forecasts" read as a slip).
4. Text for ``iterate_batches``' sizes, a baseline's ``horizon`` and a season ``m`` is told its
   number and whether that is refused too, as :func:`positive_int` tells it.
5. Text for a backtest's ``start`` on a series indexed by position is told its number, as
   ``stride``'s is.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit._checks import TextForNumberError, positive_int
from lstmkit.backtest import _check_context
from lstmkit.baselines import baseline_forecasts
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.metrics import mase
from lstmkit.train import iterate_batches

# ---- 1. text past int64 is told its number is refused too ----------------------------------


@pytest.mark.parametrize("text", ["1e30", "99999999999999999999999"])
def test_text_past_int64_is_told_its_number_is_refused_too(text) -> None:
    # before: "got '1e30' (a number, not text: 1e+30)." - passing 1e30 was refused in turn,
    # where ForecasterConfig(horizon="1e30") says "; but 1e+30 would be refused too"
    number = "1e+30" if text == "1e30" else text
    hint = f"(a number, not text: {number}; but {number} would be refused too)."
    with pytest.raises(TextForNumberError) as err:
        positive_int(text, "horizon")
    assert str(err.value) == f"`horizon` must be a positive integer, got {text!r} {hint}"
    with pytest.raises(TextForNumberError) as err:
        _check_context(text)
    assert str(err.value) == f"`context` must be a positive integer or None, got {text!r} {hint}"


# ---- 2. a metric's season given a huge int ----------------------------------------------------


@pytest.mark.parametrize(
    "m, said",
    [
        (
            10**400,
            "must be an integer of magnitude at most 2**63-1 (torch's int64), got 1e+400 (an int "
            "of 401 digits)",  # lib23: was its 401 digits
        ),
        (
            -(10**400),
            "must be an integer >= 1 (the seasonal period), got -1e+400 (an int of 401 digits)",
        ),
    ],
    ids=["huge", "negative"],
)
def test_a_metric_season_past_a_float_is_told_its_limit(m, said) -> None:
    # before: OverflowError "int too large to convert to float" (m=2**70 was told the limit)
    for call in (
        lambda: mase([1.0, 2.0], [1.0, 2.0], [1.0, 2.0, 3.0, 4.0], m=m),
        lambda: baseline_forecasts(np.arange(20.0), 3, m),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == f"`m` {said}."


# ---- 3. a horizon no memory holds, with one member --------------------------------------------


def test_a_horizon_no_memory_holds_names_one_member_as_one(fake_memory) -> None:
    config = ForecasterConfig(
        strategy="recursive", horizon=2, hidden_size=2, epochs=1, ensemble=1, progress=False
    )
    model = Forecaster(config).fit(pd.Series(np.sin(np.arange(40) / 3) + 2.0))
    fake_memory(2**20, None)  # none smaller
    with pytest.raises(ValueError) as err:
        model.predict(30_000)
    # before: "... its timestamp and each of the 1 members' forecasts), ..."
    assert str(err.value) == (
        "`horizon` (30,000 steps) needs at least 1.14 MiB for its forecast (40 bytes a step: the "
        "forecast, its interval's bounds, its timestamp and its one member's forecast), more "
        "than this machine's memory (1 MiB); forecast at most 26,214 steps."
    )


# ---- 4. text for iterate_batches' sizes and a baseline's horizon -------------------------------


def test_iterate_batches_tells_text_its_number() -> None:
    # before: "got '4'; ... got '1e30'." with no hint, where positive_int("4") has one
    with pytest.raises(TextForNumberError) as err:
        list(iterate_batches((torch.zeros(4, 1),), "4", limit="1e30"))
    assert str(err.value) == (
        "`batch_size` must be a positive integer or None, got '4' (a number, not text: 4); "
        "`limit` must be a positive integer or None, got '1e30' (a number, not text: 1e+30; "
        "but 1e+30 would be refused too)."
    )


def test_a_baseline_horizon_in_text_is_told_its_number_is_refused_too() -> None:
    # before: "got '-3' (a number, not text: -3)." - passing -3 was refused in turn
    with pytest.raises(TextForNumberError) as err:
        baseline_forecasts(np.arange(20.0), "-3", 1)
    assert str(err.value) == (
        "`horizon` must be a positive integer, got '-3' (a number, not text: -3; but -3 would "
        "be refused too)."
    )


def test_a_metric_season_in_text_is_told_its_number_is_refused_too() -> None:
    # before: TypeError "got '-12' (a number, not text: -12)." - passing -12 was refused in turn
    for call in (
        lambda: mase([1.0, 2.0], [1.0, 2.0], [1.0, 2.0, 3.0, 4.0], m="-12"),
        lambda: baseline_forecasts(np.arange(20.0), 3, "-12"),
    ):
        with pytest.raises(TypeError) as err:
            call()
        assert str(err.value) == (
            "`m` must be an integer (the seasonal period), got '-12' (a number, not text: -12; "
            "but -12 would be refused too)."
        )


# ---- 5. text for a backtest's start --------------------------------------------------------------


def test_a_text_start_is_told_its_number_as_stride_is() -> None:
    series = pd.Series(np.sin(np.arange(40) / 3) + 2.0)
    config = ForecasterConfig(
        strategy="recursive", horizon=2, hidden_size=2, epochs=1, ensemble=1, progress=False
    )
    model = Forecaster(config).fit(series)
    said = (
        "`start` must be a position in 1..38 (or -39..-2 from the end), leaving a whole horizon "
        "(2) of the 40 points after it, got "
    )
    # before: "got '30'." and "got '99'." (a ValueError), where stride="2" is told its number
    for text, hint in [
        ("30", "(a number, not text: 30)"),
        ("99", "(a number, not text: 99; but 99 would be refused too)"),
    ]:
        with pytest.raises(TextForNumberError) as err:
            model.backtest(series, start=text, retrain=False, statistical_baselines=False)
        assert str(err.value) == f"{said}{text!r} {hint}."
