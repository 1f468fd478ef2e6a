"""lib22: the forecasting API's counts and choices.

1. A negative count, however large, is told its sign ("must be a positive integer"), not the
   int64 magnitude limit; the counts outside the configs (a plot's ``context``, a metric's
   ``m``, ``iterate_batches``' sizes) get that limit too.
2. Text for a count in :func:`positive_int` (``predict("4")``, ``make_windows``) is told the
   number it reads as, as the configs tell it; a bool for a config's count is a TypeError.
3. A Literal field given no str (``ForecasterConfig(strategy=5)``) is a TypeError naming the
   choices; a word's slip is told the word (``strategy='Direct'``,
   ``windows_per_epoch='AUTO'``).
4. ``predict`` refuses before any work a horizon whose forecast no memory holds, and shows a
   switchable bar over a recursive forecast long enough to take seconds.
"""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit.forecast as F
from lstmkit._checks import ConfigTypeError, TextForNumberError, count_too_large, positive_int
from lstmkit.backtest import _check_context
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.metrics import mase
from lstmkit.train import TrainConfig, iterate_batches

HUGE = -(10**30)
SHOWN = "-1e+30 (an int of 31 digits)"  # lib23: was its 31 digits
INT64 = "must be an integer of magnitude at most 2**63-1 (torch's int64), got "
SERIES = pd.Series(np.sin(np.arange(60) / 3) + 2.0)  # conftest's `recursive` is fitted on it


# ---- 1. negative counts, and the int64 limit outside the configs -----------------------------


def test_a_negative_count_is_told_its_sign_however_large() -> None:
    # before: "`epochs` must be an integer of magnitude at most 2**63-1 (torch's int64), got
    # -1000...", where epochs=-5 is told "must be a positive integer, got -5"
    with pytest.raises(ValueError) as err:
        ForecasterConfig(epochs=HUGE, difference=HUGE)
    assert str(err.value) == (
        f"`epochs` must be a positive integer, got {SHOWN}. "
        f"`difference` must be an integer >= 0, got {SHOWN}."
    )
    with pytest.raises(ValueError) as err:
        TrainConfig(epochs=HUGE)
    assert str(err.value) == f"`epochs` must be a positive integer, got {SHOWN}."
    with pytest.raises(ValueError) as err:
        positive_int(HUGE, "horizon")
    assert str(err.value) == f"`horizon` must be a positive integer, got {SHOWN}."
    assert count_too_large(HUGE, "`x`") is None
    assert count_too_large(2**63, "`x`") == f"`x` {INT64}9223372036854775808"


def test_a_plot_context_is_bounded_and_a_bool_is_a_type_error() -> None:
    with pytest.raises(ValueError) as err:
        _check_context(10**30)  # before: taken
    assert str(err.value) == f"`context` {INT64}1e+30 (an int of 31 digits)."
    for bad, shown in [(True, "True"), ([24], "[24]"), (np.array(3), "array(3)")]:
        with pytest.raises(TypeError) as err:  # before: ValueError
            _check_context(bad)
        hint = " (give a Python int: int(x))" if shown == "array(3)" else ""
        assert str(err.value) == f"`context` must be a positive integer or None, got {shown}{hint}."
    with pytest.raises(ValueError) as err:
        _check_context(HUGE)
    assert str(err.value) == f"`context` must be a positive integer or None, got {SHOWN}."
    assert _check_context(np.int64(5)) == 5


def test_a_metric_season_is_bounded_and_text_told_its_number() -> None:
    train = list(range(30))
    with pytest.raises(ValueError) as err:
        mase([1.0, 2.0], [1.0, 2.0], train, m=1e30)  # before: taken as int(1e30)
    assert str(err.value) == f"`m` {INT64}1e+30."
    with pytest.raises(ValueError) as err:
        mase([1.0, 2.0], [1.0, 2.0], train, m=2**70)
    assert str(err.value) == f"`m` {INT64}1.18e+21 (an int of 22 digits)."
    with pytest.raises(TypeError) as err:
        mase([1.0, 2.0], [1.0, 2.0], train, m="12")
    assert str(err.value) == (
        "`m` must be an integer (the seasonal period), got '12' (a number, not text: 12)."
    )
    with pytest.raises(TypeError) as err:  # numpy's bool too, as Python's
        mase([1.0, 2.0], [1.0, 2.0], train, m=np.True_)
    # a numpy bool is refused for its type, and shown with it (msg25)
    assert str(err.value) == "`m` must be an integer (the seasonal period), got np.True_."
    assert mase([1.0, 3.0], [2.0, 3.0], [1.0, 2.0, 4.0], m=np.float64(1.0)) == 0.5 / 1.5


def test_iterate_batches_sizes_are_bounded() -> None:
    with pytest.raises(ValueError) as err:
        list(iterate_batches((torch.zeros(3),), 2**64, limit=0))
    assert str(err.value) == (
        f"`batch_size` {INT64}18446744073709551616; "
        "`limit` must be a positive integer or None, got 0."
    )


def test_backtest_counts_are_bounded_and_told_their_sign(recursive) -> None:
    with pytest.raises(ValueError) as err:
        recursive.backtest(SERIES, horizon=2**63, retrain=False)
    assert str(err.value) == f"`horizon` {INT64}9223372036854775808."
    with pytest.raises(ValueError) as err:
        recursive.backtest(SERIES, stride=HUGE, retrain=False)
    assert str(err.value) == f"`stride` must be a positive integer, got {SHOWN}."
    with pytest.raises(TextForNumberError) as err:
        recursive.backtest(SERIES, stride="2", retrain=False)
    assert str(err.value) == "`stride` must be a positive integer, got '2' (a number, not text: 2)."


# ---- 2. text and bools for counts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("4", "'4' (a number, not text: 4)"),
        ("-4", "'-4' (a number, not text: -4; but -4 would be refused too)"),
        ("2.5", "'2.5' (a number, not text: 2.5; but 2.5 would be refused too)"),
        (b"4", "b'4' (a number, not bytes: 4)"),
        ("abc", "'abc' (a number, not text)"),
    ],
)
def test_positive_int_tells_text_the_number_it_reads_as(value, shown) -> None:
    # before: "`horizon` must be a positive integer, got '4'." with no hint
    with pytest.raises(TextForNumberError) as err:
        positive_int(value, "horizon")
    assert isinstance(err.value, TypeError)
    assert str(err.value) == f"`horizon` must be a positive integer, got {shown}."


def test_predict_tells_a_text_horizon_its_number(recursive) -> None:
    with pytest.raises(TypeError) as err:
        recursive.predict("4")
    assert (
        str(err.value) == "`horizon` must be a positive integer, got '4' (a number, not text: 4)."
    )


# ---- 3. choices -------------------------------------------------------------------------------


def test_a_bool_for_a_config_count_is_a_type_error() -> None:
    with pytest.raises(ConfigTypeError) as err:  # before: a plain ValueError
        ForecasterConfig(hidden_size=True, epochs=np.float64(3.0))
    assert isinstance(err.value, TypeError)
    assert str(err.value) == (
        "`hidden_size` must be a positive integer, got True. `epochs` must be a positive "
        "integer, got np.float64(3.0) (a whole number as a float: pass int(x))."
    )
    assert ForecasterConfig(epochs=np.int32(3)).epochs == 3
    assert type(ForecasterConfig(epochs=np.int32(3)).epochs) is int


def test_a_choice_given_no_str_is_a_type_error_naming_the_choices() -> None:
    with pytest.raises(ConfigTypeError) as err:  # before: ValueError "..., got 5."
        ForecasterConfig(strategy=5)
    assert isinstance(err.value, TypeError)
    assert str(err.value) == (
        "`strategy` must be a str, one of ('direct', 'recursive', 'seq2seq'), got int 5."
    )
    with pytest.raises(TypeError) as err:  # every one at once
        ForecasterConfig(cell=None, transform=b"log", scaling=1.0, anchor=np.str_("level"))
    assert str(err.value) == (
        "`cell` must be a str, one of ('lstm', 'gru', 'peephole'), got None. "
        "`transform` must be a str, one of ('auto', 'log', 'none'), got bytes b'log'. "
        "`scaling` must be a str, one of ('window', 'standard', 'minmax'), got float 1.0."
    )
    with pytest.raises(TypeError) as err:
        TrainConfig(schedule=5)
    assert (
        str(err.value) == "`schedule` must be a str, 'cosine', 'plateau' or 'constant', got int 5."
    )


def test_a_word_slip_is_told_the_word() -> None:
    with pytest.raises(ValueError) as err:
        ForecasterConfig(strategy="Direct", cell="grru")
    assert type(err.value) is ValueError
    assert str(err.value) == (
        "`strategy` must be one of ('direct', 'recursive', 'seq2seq'), got 'Direct' (did you "
        "mean 'direct'?). `cell` must be one of ('lstm', 'gru', 'peephole'), got 'grru' (did "
        "you mean 'gru'?)."
    )
    with pytest.raises(ValueError) as err:
        TrainConfig(schedule="Cosine")
    assert str(err.value) == (
        "`schedule` must be 'cosine', 'plateau' or 'constant', got 'Cosine' (did you mean "
        "'cosine'?)."
    )


@pytest.mark.parametrize("word", ["AUTO", "atuo", " auto"])
def test_a_windows_per_epoch_slip_is_told_auto(word) -> None:
    # before: a TextForNumberError (a TypeError) with no hint, as if a number were meant
    with pytest.raises(ValueError) as err:
        ForecasterConfig(windows_per_epoch=word)
    assert type(err.value) is ValueError
    assert str(err.value) == (
        f"`windows_per_epoch` must be a positive integer, 'auto' or None, got {word!r} "
        "(did you mean 'auto'?)."
    )
    with pytest.raises(TextForNumberError) as err:  # digits are still told their number
        ForecasterConfig(windows_per_epoch="12")
    assert str(err.value) == (
        "`windows_per_epoch` must be a positive integer, 'auto' or None, got '12' (a number, "
        "not text: 12)."
    )


# ---- 4. a forecast no memory holds; a long recursive forecast's bar ----------------------------


def test_a_horizon_no_memory_holds_is_refused_before_any_work(
    recursive, fake_memory, monkeypatch
) -> None:
    # before: predict(2**62) stepped on, and numpy refused an array ("array is too big"), or
    # the memory ran out hours later
    fake_memory(2**30, None)  # none smaller
    monkeypatch.setattr(F.Forecaster, "_history_and_ahead", _no_work)
    with pytest.raises(ValueError) as err:
        recursive.predict(2**62)
    assert str(err.value) == (
        "`horizon` (4,611,686,018,427,387,904 steps) needs at least 192 EiB for its forecast "
        "(48 bytes a step: the forecast, its interval's bounds, its timestamp and each of the 2 "
        "members' forecasts), more than this machine's memory (1 GiB); forecast at most "
        "22,369,621 steps."
    )
    with pytest.raises(ValueError, match=r"^`horizon` \(22,369,622 steps\) needs at least 1 GiB"):
        recursive.predict(22_369_622)


def test_the_memory_refusal_on_this_machine(recursive) -> None:
    with pytest.raises(ValueError) as err:
        recursive.predict(2**62)
    assert str(err.value).startswith(
        "`horizon` (4,611,686,018,427,387,904 steps) needs at least 192 EiB for its forecast"
    )


def _no_work(*args, **kwargs):
    raise AssertionError("the history was read before the horizon was refused")


def test_a_seq2seq_horizon_no_memory_holds_is_refused(fake_memory, monkeypatch) -> None:
    config = ForecasterConfig(
        strategy="seq2seq", horizon=3, hidden_size=4, epochs=1, ensemble=1, interval=None
    )
    model = Forecaster(replace(config, progress=False)).fit(SERIES)
    fake_memory(2**20, None)  # none smaller
    monkeypatch.setattr(F.Forecaster, "_history_and_ahead", _no_work)
    message = (
        "`horizon` (26,215 steps) needs at least 1 MiB for its forecast (40 bytes a step: the "
        "forecast, its interval's bounds, its timestamp and its one member's forecast), "
        "more than this machine's memory (1 MiB); forecast at most 26,214 steps."
    )
    for call in (model.predict, model.decoder_inputs):
        with pytest.raises(ValueError) as err:
            call(horizon=26_215)
        assert str(err.value) == message


def test_a_recursive_forecast_has_a_delayed_switchable_bar(recursive, monkeypatch) -> None:
    made = []

    def recorded(progress, **kwargs):
        # drawn to a string, so that it counts (a bar switched off counts nothing)
        made.append(
            (progress, kwargs, F.progress_bar.__wrapped__(True, file=io.StringIO(), **kwargs))
        )
        return made[-1][2]

    recorded.__wrapped__ = F.progress_bar
    monkeypatch.setattr(F, "progress_bar", recorded)
    before = recursive.predict(7)
    shown = replace(recursive.config, progress=True)
    monkeypatch.setattr(recursive, "config", shown)
    after = recursive.predict(7)
    pd.testing.assert_frame_equal(before, after)  # the bar changes no figure
    assert [(p, k) for p, k, _ in made] == [
        (False, dict(total=14, desc="predict", unit="step", leave=False, delay=2.0)),
        (True, dict(total=14, desc="predict", unit="step", leave=False, delay=2.0)),
    ]
    assert made[-1][2].n == 14


def test_ctrl_c_in_a_recursive_forecast_closes_its_bar_and_changes_nothing(
    recursive, monkeypatch
) -> None:
    before = recursive.predict(7)
    bars = []

    def interrupting(progress, **kwargs):
        bar = F.progress_bar.__wrapped__(True, file=io.StringIO(), **kwargs)
        update = bar.update

        def update_then_stop(n=1):
            update(n)
            if bar.n == 5:
                raise KeyboardInterrupt

        bar.update = update_then_stop
        bars.append(bar)
        return bar

    interrupting.__wrapped__ = F.progress_bar
    monkeypatch.setattr(F, "progress_bar", interrupting)
    with pytest.raises(KeyboardInterrupt):
        recursive.predict(7)
    assert bars[0].n == 5 and bars[0].disable  # closed (tqdm's close sets disable)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(recursive.predict(7), before)


# ---- 5. more of the same kind ----------------------------------------------------------------


def test_a_bool_start_is_a_type_error(recursive) -> None:
    # numpy's bool written as numpy 2 writes it, on numpy 1 too (value_repr)
    for flag, shown in ((True, "True"), (np.True_, "np.True_")):
        with pytest.raises(TypeError) as err:  # before: ValueError, the same message
            recursive.backtest(SERIES, start=flag, retrain=False)
        assert str(err.value) == (
            "`start` must be a position in 1..57 (or -59..-3 from the end), leaving a whole "
            f"horizon (3) of the 60 points after it, got {shown}."
        )


def test_a_baseline_horizon_is_bounded_and_text_told_its_number() -> None:
    from lstmkit.baselines import baseline_forecasts

    with pytest.raises(ValueError) as err:  # before: numpy's "Maximum allowed dimension exceeded"
        baseline_forecasts(range(30), 2**70, 12)
    assert str(err.value) == f"`horizon` {INT64}1.18e+21 (an int of 22 digits)."
    with pytest.raises(ValueError) as err:
        baseline_forecasts([], "3", 12)
    assert str(err.value) == (
        "`y` must be a series [T] of at least one point, got shape (0,); `horizon` must be a "
        "positive integer, got '3' (a number, not text: 3)."
    )
