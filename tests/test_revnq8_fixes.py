"""Fixes from the review of nn8 and qa7t (revnq8)."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit
from lstmkit.text import train_classifier


def test_labels_as_numpy_numbers_are_shown_as_numpy_2_writes_them_on_numpy_1_too() -> None:
    # numpy 1's repr wrote np.int64(1) as 1: "got `labels[0]` int64 1" on numpy 1 only
    with pytest.raises(TypeError) as err:
        train_classifier(["a b", "c d"], np.array([1, 2]))
    assert str(err.value) == (
        "`labels` must hold str only, got `labels[0]` np.int64(1), `labels[1]` "
        "np.int64(2) (to read numbers as text, pass `[str(v) for v in labels]`)."
    )


@pytest.mark.parametrize(
    "labels",
    [["pos", float("nan"), "neg"], pd.Series(["pos", None, "neg"]).fillna(np.nan)],
    ids=["list", "series"],
)
def test_a_missing_label_is_not_told_to_become_the_class_nan(labels) -> None:
    # NaN is a number, but str(v) made it a class "nan": no numbers hint for a missing value
    with pytest.raises(TypeError) as err:
        train_classifier(["a b", "c d", "e f"], labels)
    assert str(err.value) == (
        "`labels` must hold str only, got `labels[1]` float nan (nan is how pandas reads an "
        "empty cell: drop those rows first, with pandas' `dropna`, or read the file with "
        "`read_labelled_csv`, which skips blank rows "
        "and names the row of a text or label left empty)."
    )


class _Tagged(lstmkit.nn.LSTM):
    """A user's subclass with an argument of its own, passing the rest on."""

    def __init__(self, input_size: int, tags: int, **kwargs) -> None:
        super().__init__(input_size, 4, **kwargs)
        self.tags = tags


@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated")
def test_a_users_subclass_with_its_own_arguments_is_built_and_refused_as_lstm() -> None:
    # the constructor check is on LSTM's __init__ only: a subclass's own arguments pass, what
    # it hands on is checked, and both refusals (constructor, TorchScript) name lstmkit's class
    model = _Tagged(3, tags=5, batch_first=True)
    assert model.tags == 5 and copy.deepcopy(model).tags == 5
    assert pickle.loads(pickle.dumps(model)).hidden_size == 4
    with pytest.raises(TypeError) as err:
        _Tagged(3, tags=5, return_sequences=True)
    assert str(err.value).startswith("LSTM() takes no Keras argument `return_sequences`: ")
    with pytest.raises(RuntimeError) as err:
        torch.jit.script(model)
    assert str(err.value).startswith("torch.jit.script cannot compile lstmkit.nn.LSTM: ")
