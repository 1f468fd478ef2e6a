"""Last reading of the config choices: a list or an array where a name is chosen is refused by
name, as any other wrong value, not by the failure of ``in`` on it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from lstmkit.forecast import ForecasterConfig
from lstmkit.text import SentimentConfig
from lstmkit.train import TrainConfig

_PAIR = np.array(["sst5", "sst2"])
_PAIR_REPR = "array(['sst5', 'sst2'], dtype='<U4')"


def _refusal(make: Callable[[], object]) -> str:
    with pytest.raises(ValueError) as err:
        make()
    return str(err.value)


def test_a_list_task_is_refused_by_name() -> None:
    # was TypeError: unhashable type: 'list'
    assert _refusal(lambda: SentimentConfig(task=["sst5"])) == (
        "`task` must be one of ('sst2', 'sst5'), got ['sst5']."
    )


def test_an_array_task_is_refused_by_name_with_the_phrase_options() -> None:
    # was ValueError: The truth value of an array with more than one element is ambiguous
    assert _refusal(lambda: SentimentConfig(task=_PAIR, neutral_words=True)) == (
        f"`task` must be one of ('sst2', 'sst5'), got {_PAIR_REPR}. `neutral_words` is an "
        f"SST-5 option and does nothing for task {_PAIR_REPR}; leave it out."
    )


def test_an_array_readout_is_refused_by_name() -> None:
    assert _refusal(lambda: SentimentConfig(readout=_PAIR)) == (
        f"`readout` must be 'last', 'max' or 'mean', got {_PAIR_REPR}."
    )


def test_a_numpy_str_task_still_chooses_sst5() -> None:
    config = SentimentConfig(task=np.str_("sst5"), phrases=True)
    assert config.neutral_words is True


def test_an_array_schedule_is_refused_by_name() -> None:
    assert _refusal(lambda: TrainConfig(schedule=_PAIR)) == (
        f"`schedule` must be 'cosine', 'plateau' or 'constant', got {_PAIR_REPR}."
    )


def test_an_array_anchor_is_refused_by_name() -> None:
    assert _refusal(lambda: ForecasterConfig(anchor=_PAIR)) == (
        f"`anchor` must be one of ('level', 'season', 'smooth'), got {_PAIR_REPR}."
    )
