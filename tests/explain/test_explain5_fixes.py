"""Fixes of the explain5 pass: one test (or a few) per fix, each failing without it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

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
        # lrpcli28: what lags, decoder inputs and initial state sum to against the output
        "relevance in all: lags -0.7500 + decoder inputs +1.0000 + initial state -0.1250 = "
        "+0.1250, network output 0.7500; the biases hold the rest (pass --bias-factor 1 to "
        "conserve it)",
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
    assert lines[-2] == "  step 100  1968-04-01             +0.5000"
    assert lines[-1].startswith(
        "relevance in all: lags -0.7500 + decoder inputs +50.0000 + initial state -0.1250 = "
        "+49.1250, network output 0.7500; "
    )


# -- 2. a near tie in a batch of sentences no longer explains the whole batch twice -----------


def _counted(monkeypatch, where: object, name: str, calls: list) -> None:
    """Wraps ``where[name]`` (a dict) or ``where.name`` so that each call appends its target."""
    is_dict = isinstance(where, dict)
    original = where[name] if is_dict else getattr(where, name)

    def counted(model, inputs, target=None, *args, **kwargs):
        calls.append(None if target is None else torch.as_tensor(target).tolist())
        return original(model, inputs, target, *args, **kwargs)

    if is_dict:
        monkeypatch.setitem(where, name, counted)
    else:
        monkeypatch.setattr(where, name, counted)


def test_a_tie_in_a_batch_explains_it_once_for_the_classes_shown(
    monkeypatch, tied_classifier
) -> None:
    """On "a good film" the logits' arg-max is "positive", the probabilities' (0.5 each)
    "negative": the batch was explained for the logits' arg-max, then the whole batch again
    for the classes shown. The prediction, run first, names them: one explanation a batch,
    with the same relevances as asked for "negative"."""
    from lstmkit.explain import baselines
    from lstmkit.text.sentiment import SentimentPredictor

    lrp = sys.modules["lstmkit.explain.lrp"]  # the module; lstmkit.explain.lrp is the function

    predictor = SentimentPredictor(*tied_classifier, ("negative", "positive"))
    texts = ["a good film", "a bad film", "a good film"]
    targeted = predictor.explain_many(texts, target="negative")
    calls: list = []
    _counted(monkeypatch, lrp, "_lrp", calls)
    assert predictor.explain_many(texts) == targeted
    assert calls == [[0, 0, 0]]
    del calls[:]
    _counted(monkeypatch, baselines._DISPATCH, "gradxinput", calls)
    ids = [predictor.vocab.encode(predictor.tokens(t)) for t in texts]
    batches = list(predictor._explained_batches(ids, None, 64, _NoBar(), "gradxinput"))
    assert [(positions, ex.target.tolist()) for positions, ex, _ in batches] == [
        ([0, 1, 2], [0, 0, 0])
    ]
    assert calls == [[0, 0, 0]]


class _NoBar:
    def update(self, n: int) -> None:
        pass
