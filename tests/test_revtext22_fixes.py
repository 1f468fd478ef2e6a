"""Review of text22: the same refusal said the same way by every route, and hints that do not
pick one of two equally likely words."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit._checks import ConfigTypeError
from lstmkit.text._configs import SentimentConfig
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sst import load_sst


def test_sentiment_config_refuses_a_choice_as_load_sst_and_text_classifier_do(
    tmp_path: Path,
) -> None:
    # SentimentConfig(task=5) said "must be one of (...), got 5." where load_sst(5, ...) says
    # that a str is wanted and what type came; a slip of a word had no hint
    with pytest.raises(TypeError) as info:
        SentimentConfig(task=5)  # type: ignore[arg-type]
    assert type(info.value) is ConfigTypeError
    assert str(info.value) == "`task` must be a str, one of ('sst2', 'sst5'), got int 5."
    with pytest.raises(TypeError) as same:
        load_sst(5, "train", tmp_path)  # type: ignore[arg-type]
    assert str(same.value) == str(info.value)
    with pytest.raises(ValueError) as slip:
        SentimentConfig(task="SST2")  # type: ignore[arg-type]
    assert str(slip.value) == (
        "`task` must be one of ('sst2', 'sst5'), got 'SST2' (did you mean 'sst2'?)."
    )
    with pytest.raises(TypeError) as readout:
        SentimentConfig(readout=5)  # type: ignore[arg-type]
    assert str(readout.value) == "`readout` must be a str, 'last', 'max' or 'mean', got int 5."
    with pytest.raises(ValueError) as slip:
        SentimentConfig(readout="Mean")  # type: ignore[arg-type]
    assert str(slip.value) == (
        "`readout` must be 'last', 'max' or 'mean', got 'Mean' (did you mean 'mean'?)."
    )
    with pytest.raises(TypeError):  # as the model it trains refuses it
        TextClassifier(10, 2, 2, 2, readout=5)  # type: ignore[arg-type]


def test_a_word_as_close_to_two_choices_is_asked_about_neither(tmp_path: Path) -> None:
    # 'sst3' was asked "(did you mean 'sst5'?)", as close to 'sst2'
    for call in (
        lambda: load_sst("sst3", "train", tmp_path),  # type: ignore[arg-type]
        lambda: SentimentConfig(task="sst3"),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value) == "`task` must be one of ('sst2', 'sst5'), got 'sst3'."
    with pytest.raises(ValueError) as one:  # one closest choice is still told
        load_sst("sst22", "train", tmp_path)  # type: ignore[arg-type]
    assert str(one.value) == (
        "`task` must be one of ('sst2', 'sst5'), got 'sst22' (did you mean 'sst2'?)."
    )
