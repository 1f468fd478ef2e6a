"""Wording and parsing leftovers in configs and command-line numbers (cfg17): numpy's bools taken
by every config's bool field, a whole number written with ".0" read as that count on the
command line, text for a number that is out of range told both at once, TextClassifier's text
told the number it reads as, one word for dev and test files whose columns are both swapped,
one reading of a number's text for number_hint and fraction_hint, and read_csv's
thousands='.' told to pass the decimal comma too."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.forecast import ForecasterConfig
from lstmkit.text import SentimentConfig, TextClassifier, read_labelled_csv
from lstmkit.train import TrainConfig


def test_numpy_bools_are_taken_by_the_configs_bool_fields() -> None:
    # ForecasterConfig(refit=np.True_) was refused: "`refit` must be True or False, got
    # np.True_ (give a Python bool: bool(x))", though np.int64(12) is taken for an int field
    # and nn.LSTM(bias=np.True_) was taken; stored as Python bools, so the config is JSON-able
    config = ForecasterConfig(
        refit=np.True_, calendar=np.False_, bidirectional=np.bool_(True), progress=np.False_
    )
    assert [type(v) for v in (config.refit, config.calendar, config.bidirectional)] == [bool] * 3
    assert (config.refit, config.calendar, config.bidirectional, config.progress) == (
        True,
        False,
        True,
        False,
    )
    assert json.dumps([config.refit, config.calendar, config.progress]) == "[true, false, false]"
    train = TrainConfig(shuffle=np.False_, restore_best=np.True_, progress=np.True_)
    assert (train.shuffle, train.restore_best, train.progress) == (False, True, True)
    assert type(train.shuffle) is bool and type(train.progress) is bool
    text = SentimentConfig(task="sst5", phrases=np.True_, bidirectional=np.False_)
    assert (text.phrases, text.neutral_words, text.bidirectional) == (True, True, False)
    assert type(text.phrases) is bool
    assert TextClassifier(10, 4, 4, 2, bidirectional=np.False_).bidirectional is False


def test_a_zero_d_bool_array_or_tensor_is_refused_with_what_to_pass() -> None:
    # as np.array(3) is no int for an int field: refused, now told bool(x) as nn's as_bool does
    for value, shown in ((np.array(True), "array(True)"), (torch.tensor(True), "tensor(True)")):
        with pytest.raises(TypeError) as info:
            TrainConfig(shuffle=value)
        assert str(info.value) == (
            f"`shuffle` must be True or False, got {shown} (give a Python bool: bool(x))."
        )
    with pytest.raises(TypeError) as info:
        TrainConfig(shuffle=torch.tensor(1))  # no bool held: no hint
    assert str(info.value) == "`shuffle` must be True or False, got tensor(1)."


def test_read_labelled_csv_takes_a_numpy_training(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("review,rating\na fine film,up\na dull film,down\n", "utf-8")
    assert read_labelled_csv(path, "review", "rating", training=np.False_) == (
        ["a fine film", "a dull film"],
        ["up", "down"],
    )
