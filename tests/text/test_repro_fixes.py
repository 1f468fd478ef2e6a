"""A training the wall-clock budget ends before its planned steps says so: its model depends on
the machine's speed, so the same command run again gives another one."""

from __future__ import annotations

import itertools
import logging
from types import SimpleNamespace

import pytest
import torch

from lstmkit.text import charlm, sentiment, seq2seq
from lstmkit.text.charlm import CharLMConfig
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import SentimentConfig, _label_mask, fit_classifier
from lstmkit.text.seq2seq import Seq2Seq, Seq2SeqConfig

WHY = ": a run the clock stops does not repeat bit for bit; a larger budget lets it make every step"
CUT = "the wall-clock budget (`minutes`, --minutes) stopped training at step"


def _clock(module: object, monkeypatch: pytest.MonkeyPatch, seconds: float = 20.0) -> None:
    """Every reading of the module's clock is ``seconds`` after the one before."""
    readings = itertools.count(0.0, seconds)
    fake = SimpleNamespace(perf_counter=lambda: next(readings), time=lambda: next(readings))
    monkeypatch.setattr(module, "time", fake)


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_a_capped_char_lm_the_clock_stops_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # 60 s at 20 s a reading: steps 1 and 2, then the budget, 3 steps short of --max-steps 5;
    # the metrics' steps were the only trace of it
    _clock(charlm, monkeypatch)
    config = CharLMConfig(
        embed_dim=4, hidden_size=5, num_layers=1, batch_size=2, bptt=4, max_steps=5,
        eval_every=100, minutes=1.0, progress=False,
    )  # fmt: skip
    result = charlm.train_charlm("abcd" * 20, config)
    assert result.metrics["steps"] == 2
    assert _warnings(caplog) == [f"{CUT} 2 of 5{WHY}"]


def test_a_char_lm_that_makes_its_capped_steps_says_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = CharLMConfig(
        embed_dim=4, hidden_size=5, num_layers=1, batch_size=2, bptt=4, max_steps=3,
        progress=False,
    )  # fmt: skip
    assert charlm.train_charlm("abcd" * 20, config).metrics["steps"] == 3
    assert _warnings(caplog) == []


def test_a_classifier_the_clock_stops_says_so_as_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # it was an INFO line, which only -v showed: 100 steps planned, 4 made
    _clock(sentiment, monkeypatch)
    torch.manual_seed(0)
    model = TextClassifier(20, 3, 2, 2)
    train = ([[1 + i % 19, 2] for i in range(40)], _label_mask([i % 2 for i in range(40)], 2))
    config = SentimentConfig(batch_size=4, epochs=10, evals_per_epoch=1, minutes=1.0)
    fit = fit_classifier(model, train, ([[1, 2]], [0]), config)
    assert fit["steps"] == 4
    assert _warnings(caplog) == [f"{CUT} 4 of 100{WHY}"]


def test_a_seq2seq_fit_the_clock_stops_says_so_as_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _clock(seq2seq, monkeypatch)
    torch.manual_seed(0)
    model = Seq2Seq(5, 7, embed_dim=3, hidden_size=4, num_layers=1)
    pairs = [([1, 2, 3], [3, 4, 5]), ([4], [6])]
    config = Seq2SeqConfig(batch_size=1, epochs=3, minutes=0.5, progress=False)
    assert seq2seq.fit_seq2seq(model, pairs, config)["steps"] == 2
    assert _warnings(caplog) == [f"{CUT} 2 of 6{WHY}"]
