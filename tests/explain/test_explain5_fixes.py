"""Fixes of the explain5 pass: one test (or a few) per fix, each failing without it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.explain.forecast import ForecastExplanation
from lstmkit.forecast import Forecaster, ForecasterConfig

# -- 1. lstmkit explain on a seq2seq forecaster: its step rows align with its lag rows ---------


@pytest.fixture(scope="module")
def forecaster_dir(tmp_path_factory) -> Path:
    cfg = ForecasterConfig(
        horizon=3, interval=None, lookback=12, ensemble=1, epochs=2, hidden_size=6, refit=False
    )
    out = tmp_path_factory.mktemp("fc")
    Forecaster(cfg).fit(load_dataset("airline")[:-12]).save(out)
    return out


def _seq2seq_explanation(steps: int):
    """``explain_forecast`` returning known numbers: 4 lags and ``steps`` decoder steps."""
    times = pd.date_range("1960-01-01", periods=steps, freq="MS").strftime("%Y-%m-%d")

    def explain_forecast(forecaster, step=0, method="lrp", **kwargs) -> ForecastExplanation:
        per_lag = np.array([0.25, -3.0, 1e-6, 2.0])
        return ForecastExplanation(
            per_lag=per_lag,
            per_feature=per_lag[:, None],
            features=["airline"],
            window=np.arange(4.0),
            index=["1959-09-01", "1959-10-01", "1959-11-01", "1959-12-01"],
            score=0.75,
            step=steps - 1,
            method=method,
            future=np.full((steps, 1), 0.5),
            future_features=["constant"],
            future_index=list(times),
            initial_state=-0.125,
            time=times[-1],
        )

    return explain_forecast


def test_seq2seq_step_rows_align_with_the_lag_rows(forecaster_dir, capsys, monkeypatch) -> None:
    """The step rows ("  step   1") were one column wider than the lag rows ("  lag   3"):
    their numbers, dates and relevances stood one column to the right."""
    monkeypatch.setattr("lstmkit.explain.forecast.explain_forecast", _seq2seq_explanation(2))
    assert main(["explain", str(forecaster_dir), "--top", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "top 2 lags:",
        "  lag   3  1959-10-01             -3.0000",
        "  lag   1  1959-12-01             +2.0000",
        "decoder inputs of forecast steps 1-2: +1.0000 in all",
        "  step  1  1960-01-01             +0.5000",
        "  step  2  1960-02-01             +0.5000",
    ]


def test_a_hundred_seq2seq_steps_still_align_with_the_lags(
    forecaster_dir, capsys, monkeypatch
) -> None:
    """Three-digit steps widen both kinds of row alike."""
    monkeypatch.setattr("lstmkit.explain.forecast.explain_forecast", _seq2seq_explanation(100))
    assert main(["explain", str(forecaster_dir), "--top", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == "  lag    3  1959-10-01             -3.0000"
    assert lines[4] == "  step   1  1960-01-01             +0.5000"
    assert lines[-1] == "  step 100  1968-04-01             +0.5000"
