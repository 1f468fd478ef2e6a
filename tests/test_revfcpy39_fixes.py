"""revfcpy39: the review of fcpy39's forecasting left-overs."""

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.data import SeasonalDifferencer, future_index, make_windows, split_windows

DEVICES = "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', ...), "


def test_seasonal_transform_refuses_inf():
    # the README said SeasonalDifferencer refuses inf in transform's `x`: it gave [inf, -inf]
    with pytest.raises(ValueError) as err:
        SeasonalDifferencer(1).transform([1.0, np.inf, 3.0])
    assert str(err.value) == (
        "SeasonalDifferencer.transform got 1 infinite value in `x`, at position (1,) (inf), "
        "which would come out infinite. Replace or drop it first."
    )
    with pytest.raises(ValueError) as err:
        SeasonalDifferencer(1).transform(np.array([[1.0, 2.0], [3.0, -np.inf], [np.inf, 1.0]]))
    assert str(err.value) == (
        "SeasonalDifferencer.transform got 2 infinite values in `x`, the first at position "
        "(1, 1) (-inf), which would come out infinite. Replace or drop them first."
    )
    # NaN stays NaN
    got = SeasonalDifferencer(1).transform([1.0, np.nan, 4.0])
    assert np.isnan(got).all() and got.shape == (2,)


def test_seasonal_inverse_reads_inf_in_history_only_where_it_reads_history():
    # the whole series passed as history, with an inf long before its last `lag` values (which
    # alone are read), was refused as "would come out infinite"; it inverted right before
    d = SeasonalDifferencer(2)
    got = d.inverse_transform([1.0, 2.0, 3.0], [np.inf, 5.0, 3.0, 4.0])
    assert got.tolist() == [4.0, 6.0, 7.0]
    with pytest.raises(ValueError) as err:
        d.inverse_transform([1.0, 2.0], [np.inf, 5.0, 3.0, np.inf])
    assert str(err.value) == (
        "SeasonalDifferencer.inverse_transform got 1 infinite value in `history`, at position "
        "(3,) (inf), which would come out infinite. Replace or drop it first."
    )
    with pytest.raises(ValueError, match=r"value in `history`, at position \(2, 1\) \(inf\)"):
        d.inverse_transform(np.zeros((1, 2)), np.array([[np.inf, 1.0], [2.0, 3.0], [4.0, np.inf]]))


def test_memory_that_holds_no_step_is_said_so(recursive, fake_memory):
    # "forecast at most 0 steps" (and "the memory holds at most 0 steps") where not one fits
    fake_memory(47, None)
    told = (
        "`horizon` (1 step) needs at least 48 bytes for its forecast (48 bytes a step: the "
        "forecast, its interval's bounds, its timestamp and each of the 2 members' forecasts), "
        "more than this machine's memory (47 bytes), which holds not even one step: no "
        "forecast fits in it."
    )
    with pytest.raises(ValueError) as err:
        recursive.predict(1)  # the history known: the dates' advice
    assert str(err.value) == told
    assert recursive._horizon_problem(1) == told  # no history: the memory's count
    fake_memory(48, None)
    assert recursive._horizon_problem(1) is None


def test_dates_that_end_at_pandas_last_are_told_so_not_at_most_0_steps(recursive, fake_memory):
    import pandas as pd

    from lstmkit.forecast import _past_pandas_dates

    # "..., and pandas' dates end at 2262-04-11; forecast at most 0 steps (to 2262-04-01)"
    fake_memory(4800, None)  # 100 steps of 48 bytes
    months = pd.date_range(end="2262-04-01", periods=5, freq="MS")
    frame = pd.DataFrame({"y": np.arange(5.0)}, index=months)
    told = recursive._horizon_problem(1000, lambda: frame)
    assert told == _past_pandas_dates(frame, 1000)
    assert told.endswith(
        "; no step fits after the data's end: its last step is the last one before that date."
    )
    # where some fit, the memory's refusal names them
    earlier = frame.set_axis(pd.date_range(end="2262-01-01", periods=5, freq="MS"))
    assert recursive._horizon_problem(1000, lambda: earlier).endswith(
        "forecast at most 3 steps (to 2262-04-01 00:00:00)."
    )


@pytest.fixture
def no_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)


@pytest.mark.parametrize(
    ("device", "meant"),
    [
        ("gpu", "cuda"),
        ("GPU:1", "cuda:1"),
        ("CUDA", "cuda"),
        (" cuda:1", "cuda:1"),
        ("Cpu", "cpu"),
        ("mps ", "mps"),
        ("cuda0", "cuda:0"),
        ("cude", "cuda"),
    ],
)
def test_a_misspelt_device_is_asked_did_you_mean(no_gpu, device, meant):
    from lstmkit import Forecaster

    # Forecaster(device="gpu") and "CUDA" were told the list of names alone
    with pytest.raises(ValueError) as err:
        Forecaster(device=device)
    assert str(err.value) == f"{DEVICES}got {device!r} (did you mean {meant!r}?)."


def test_gpu_is_a_macs_mps_there(monkeypatch):
    from lstmkit.text.sentiment import SentimentConfig

    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    with pytest.raises(ValueError) as err:
        SentimentConfig(device="gpu")
    assert str(err.value) == f"{DEVICES}got 'gpu' (did you mean 'mps'?)."


@pytest.mark.parametrize("device", ["tpu", "cuda999", "cuda:0:1", "gpus", "nvidia"])
def test_no_did_you_mean_where_none_is_plain(no_gpu, device):
    from lstmkit import Forecaster

    # 'tpu' is as near 'cpu' as 'xpu'; cuda:999 is no index torch holds
    with pytest.raises(ValueError) as err:
        Forecaster(device=device)
    assert str(err.value) == f"{DEVICES}got {device!r}."


def test_auto_is_told_lstmkit_picks_no_device(no_gpu, monkeypatch):
    from lstmkit import Forecaster
    from lstmkit._remedies import cli_command

    with pytest.raises(ValueError) as err:
        Forecaster(device="auto")
    assert str(err.value) == (
        f"{DEVICES}got 'auto' (lstmkit picks no device itself: pass device='cuda' if "
        "torch.cuda.is_available() else 'cpu'; 'cpu' always works)."
    )
    token = cli_command.set("forecast")
    try:
        with pytest.raises(ValueError) as err:
            Forecaster(device="AUTO")
    finally:
        cli_command.reset(token)
    assert (
        str(err.value)
        == f"{DEVICES}got 'AUTO' (lstmkit picks no device itself: 'cpu' always works)."
    )


STEPS = "(a count of the data's own steps, not a duration: 12 for a year of monthly data, 7 for "
STEPS += "a week of daily data)."
MONTHS = pd.date_range("2020-01", periods=3, freq="MS")


@pytest.mark.parametrize(
    ("call", "told"),
    [
        (
            lambda y: make_windows(y, lookback="1y", horizon=1),
            "`lookback` must be a positive integer, got '1y' ",
        ),
        (
            lambda y: make_windows(y, lookback=12, horizon="3m"),
            "`horizon` must be a positive integer, got '3m' ",
        ),
        (
            lambda y: make_windows(y, 12, 1, stride="2 days"),
            "`stride` must be a positive integer, got '2 days' ",
        ),
        (
            lambda y: split_windows(y, lookback=12, horizon="3m", val=12, test=12),
            "`horizon` must be a positive integer, got '3m' ",
        ),
        (lambda y: future_index(MONTHS, "3m"), "`horizon` must be an integer >= 0, got '3m' "),
    ],
)
def test_a_duration_given_to_the_windows_is_told_it_counts_steps(call, told):
    from lstmkit._checks import TextForNumberError

    # make_windows(y, 12, "3m") was told "must be a positive integer, got '3m'." alone, where
    # predict("3m") and Forecaster(horizon="3m") say that it counts the data's steps
    with pytest.raises(TextForNumberError) as err:
        call(np.arange(100.0))
    assert str(err.value) == told + STEPS
    # a number as text is told the number, as before
    with pytest.raises(TextForNumberError, match=r"got '3' \(a number, not text: 3\)\.$"):
        make_windows(np.arange(100.0), 12, "3")
