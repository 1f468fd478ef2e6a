"""The text workflows' configs: their defaults, and each check's exact message."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from lstmkit.text import CharLMConfig, SentimentConfig, Seq2SeqConfig


def _defaults(cls) -> dict:
    return {f.name: f.default for f in dataclasses.fields(cls)}


def test_the_defaults():
    # what the docstrings, the README and `lstmkit text ... --help` promise
    assert _defaults(SentimentConfig) == {
        "task": "sst2",
        "phrases": True,
        "polar_phrases": False,
        "neutral_words": None,
        "oversample": 1,
        "embed_dim": 200,
        "hidden_size": 150,
        "bidirectional": True,
        "readout": "last",
        "dropout": 0.5,
        "min_freq": 1,
        "batch_size": 64,
        "lr": 2e-3,
        "weight_decay": 0.0,
        "clip": 5.0,
        "epochs": 3,
        "evals_per_epoch": 4,
        "neighbours": 0.0,
        "sentence_epochs": 0,
        "word_dropout": 0.0,
        "ema": 0.0,
        "ensemble": 1,
        "jobs": 1,
        "minutes": 15.0,
        "seed": 0,
        "progress": None,
        "device": "cpu",
    }
    assert _defaults(CharLMConfig) == {
        "embed_dim": 64,
        "hidden_size": 256,
        "num_layers": 2,
        "dropout": 0.1,
        "batch_size": 32,
        "bptt": 100,
        "lr": 3e-3,
        "clip": 1.0,
        "minutes": 5.0,
        "max_steps": 0,
        "eval_every": 200,
        "val_fraction": 0.1,
        "seed": 0,
        "progress": None,
        "device": "cpu",
    }
    assert _defaults(Seq2SeqConfig) == {
        "max_digits": 6,
        "train_size": 20000,
        "test_size": 1000,
        "embed_dim": 32,
        "hidden_size": 128,
        "num_layers": 2,
        "dropout": 0.0,
        "batch_size": 64,
        "lr": 3e-3,
        "clip": 1.0,
        "epochs": 3,
        "minutes": 15.0,
        "beam_size": 4,
        "seed": 0,
        "progress": None,
        "device": "cpu",
    }


def test_neutral_words_default_to_what_the_run_does():
    assert SentimentConfig(task="sst5").neutral_words is True
    assert SentimentConfig(task="sst5", phrases=False).neutral_words is False
    assert SentimentConfig().neutral_words is False


def _message(cls, **fields) -> str:
    with pytest.raises(ValueError) as err:
        cls(**fields)
    return str(err.value)


def test_sentiment_checks_name_each_field():
    assert _message(SentimentConfig, task="sst3", oversample=0, ema=1.5) == (
        "`task` must be one of ('sst2', 'sst5'), got 'sst3'. "
        "`oversample` must be a positive integer, got 0. `ema` must be a number in [0, 1), got 1.5."
    )
    # the last member's seed, seed + ensemble - 1, must be a seed too
    assert _message(SentimentConfig, seed=2**63 - 2, ensemble=3) == (
        "`seed` must be an integer in [0, 9223372036854775805] with ensemble=3 (member k uses "
        "seed + k), got 9223372036854775806."
    )


def test_phrase_options_without_phrases_are_named_with_what_to_do():
    assert _message(SentimentConfig, task="sst5", phrases=False, polar_phrases=True) == (
        "`polar_phrases` does nothing without `phrases` (it concerns the phrase examples); "
        "leave it out or turn `phrases` on."
    )
    # a `phrases` that is no bool is named once, as such
    assert _message(SentimentConfig, task="sst5", phrases=0, polar_phrases=True) == (
        "`phrases` must be True or False, got 0."
    )


def test_charlm_checks_name_each_field():
    assert _message(CharLMConfig, val_fraction=0.0, max_steps=-1, bptt=0, device="meta") == (
        "`bptt` must be a positive integer, got 0. `max_steps` must be an integer >= 0, got -1. "
        "`val_fraction` must be a number in (0, 1), got 0.0. `device` must name a torch device "
        "that computes ('cpu', 'cuda', 'cuda:1', 'mps', ...), got 'meta'."
    )


def test_seq2seq_checks_name_each_field():
    assert _message(Seq2SeqConfig, max_digits=10, beam_size=0) == (
        "`max_digits` must be an integer in 1..9, got 10. `beam_size` must be a positive integer, "
        "got 0."
    )
    # a bad max_digits is named alone: no count of distinct numbers to compare the sizes with
    assert _message(Seq2SeqConfig, max_digits=0, train_size=5) == (
        "`max_digits` must be an integer in 1..9, got 0."
    )
    # the held-out numbers, beyond training's share of each digit count (revrevlm37: training
    # repeats short numbers, and train_size + test_size <= 10**max_digits was needlessly strict)
    assert _message(Seq2SeqConfig, max_digits=1, train_size=6, test_size=5) == (
        "`test_size` must be <= 4 for `train_size` 6 and `max_digits` 1, the numbers of up to 1 "
        "digit left out of the training (it takes an equal share of each digit count, every "
        "number of a count with no more numbers than its share), got 5: a `train_size` of at "
        "most 5 leaves 5, and a larger `max_digits` has more."
    )
    assert _message(Seq2SeqConfig, max_digits=2, train_size=60, test_size=61).startswith(
        "`test_size` must be <= 60 for `train_size` 60 and `max_digits` 2,"
    )


def test_seq2seq_takes_all_the_numbers_there_are_and_a_numpy_int():
    assert Seq2SeqConfig(max_digits=1, train_size=6, test_size=4).max_digits == 1
    assert Seq2SeqConfig(max_digits=9).max_digits == 9
    digits = Seq2SeqConfig(max_digits=np.int64(4), train_size=60, test_size=4).max_digits
    assert type(digits) is int and digits == 4
