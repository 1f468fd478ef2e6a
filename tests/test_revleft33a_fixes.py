"""Review of left33a: every config takes a numpy float where ForecasterConfig does.

ForecasterConfig took ``np.float32(0.9)`` as 0.9 (:func:`lstmkit._checks.exact_number`), but
TrainConfig, SentimentConfig, CharLMConfig and Seq2SeqConfig still refused it: "`lr` must be a
positive finite number, got np.float32(0.1) (give a Python number: float(x))."; and the layers
took ``dropout=np.float32(0.1)`` as its widening 0.10000000149011612.
"""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit import TrainConfig
from lstmkit.nn import LSTM
from lstmkit.text._configs import CharLMConfig, SentimentConfig, Seq2SeqConfig

NUMPY_FLOATS = [np.float16, np.float32, np.float64]


def _fields(config):
    return [(config, name) for name in config._decimal_kinds]


@pytest.mark.parametrize("kind", NUMPY_FLOATS)
@pytest.mark.parametrize("name", ["lr", "weight_decay", "min_lr_ratio", "min_delta", "grad_clip"])
def test_train_config_takes_numpy_floats_as_python_ones(kind, name):
    value = getattr(TrainConfig(**{name: kind(0.25)}), name)
    assert value == 0.25 and type(value) is float


@pytest.mark.parametrize(
    ("config", "name"),
    _fields(SentimentConfig) + _fields(CharLMConfig) + _fields(Seq2SeqConfig),
)
def test_text_configs_take_a_float32_as_the_number_numpy_writes(config, name):
    value = getattr(config(**{name: np.float32(0.1)}), name)
    assert value == 0.1 and type(value) is float  # not 0.10000000149011612


def test_a_numpy_float_out_of_range_is_refused_as_the_python_one():
    with pytest.raises(ValueError) as numpy_error:
        TrainConfig(lr=np.float32(-0.5))
    with pytest.raises(ValueError) as python_error:
        TrainConfig(lr=-0.5)
    assert str(numpy_error.value) == str(python_error.value)
    assert "`lr` must be a positive finite number, got -0.5" in str(numpy_error.value)
    with pytest.raises(ValueError, match=r"`dropout` must be a number in \[0, 1\), got 1\.5"):
        CharLMConfig(dropout=np.float32(1.5))


def test_a_layers_dropout_keeps_the_number_numpy_writes():
    assert LSTM(2, 3, num_layers=2, dropout=np.float32(0.1)).dropout == 0.1


def test_the_text_models_take_a_float32_dropout():
    # CharLM and Seq2Seq refused it, "`dropout` must be a number in [0, 1), got
    # np.float32(0.1)." (read as a contradiction); TextClassifier kept 0.10000000149011612
    from lstmkit.text.charlm import CharLM
    from lstmkit.text.classifier import TextClassifier
    from lstmkit.text.seq2seq import Seq2Seq

    assert CharLM(10, 4, 5, 2, dropout=np.float32(0.1)).dropout == 0.1
    assert Seq2Seq(5, 6, 4, 5, 1, dropout=np.float32(0.1)).dropout == 0.1
    assert TextClassifier(20, 6, 5, 3, dropout=np.float32(0.1)).dropout == 0.1
    with pytest.raises(ValueError) as err:
        CharLM(10, 4, 5, 2, dropout=np.float32(1.5))
    assert str(err.value) == "`dropout` must be a number in [0, 1), got 1.5."
