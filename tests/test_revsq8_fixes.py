"""Defects found reviewing the small8 and qa8 merges."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.cli import main
from lstmkit.nn import LSTM, LSTMCell


class _Scaled(LSTM):
    def forward(self, x, scale):  # a user's forward, with arguments of its own
        return super().forward(x * scale)


class _Raising(LSTMCell):
    def forward(self, input, **kwargs):  # takes any keyword; raises one of its own
        raise TypeError(f"user code: {sorted(kwargs)}")


def test_a_subclass_forward_gets_its_own_type_error_not_a_keras_hint() -> None:
    # it was "LSTM.forward() takes no Keras argument `mask`: `mask` is `lengths` here, ...",
    # though the subclass's forward takes no `lengths`
    with pytest.raises(TypeError) as err:
        _Scaled(2, 3)(torch.randn(4, 2), 1.0, mask=None)
    assert str(err.value) == "_Scaled.forward() got an unexpected keyword argument 'mask'"


def test_a_type_error_raised_inside_a_forward_taking_any_keyword_is_not_masked() -> None:
    # it was "LSTMCell.forward() takes no Keras argument `training`: ..." (and 'foo' unknown)
    with pytest.raises(TypeError) as err:
        _Raising(2, 3)(torch.randn(1, 2), training=True, foo=1)
    assert str(err.value) == "user code: ['foo', 'training']"


@pytest.mark.filterwarnings("ignore:the 80% split-conformal interval:UserWarning")
def test_the_horizon_told_to_a_backtest_fits_its_origins_too(tmp_path, capsys) -> None:
    # it was "--horizon 7 fits it", which the backtest then refused: "origin 2 would be
    # fitted on only the first 26 points, too few"
    dates = pd.date_range("2020-01-01", periods=40, freq="SMS")
    values = 100 + np.arange(40) % 24
    pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "sales": values}).to_csv(
        tmp_path / "h.csv", index=False
    )
    argv = ["forecast", "--csv", str(tmp_path / "h.csv"), "--date-col", "date"]
    argv += ["--value-col", "sales", "--no-stat-baselines", "--no-progress", "--backtest"]
    assert main(argv) == 2
    said = capsys.readouterr().err
    assert said.endswith(
        "--horizon (24) + 3 to fit on (the look-back and the windows to train "
        "and validate on) need at least 51; --horizon 3 fits it.\n"
    ), said
    args = [*argv, "--horizon", "3", "--epochs", "1", "--ensemble", "1", "--json"]
    assert main(args) == 0


def test_read_labelled_csv_lists_the_classes_given_as_a_generator(tmp_path) -> None:
    # it was "(the classes: )": the generator was spent on finding the unknown labels
    from lstmkit.text.labelled import read_labelled_csv

    (tmp_path / "dev.csv").write_text("text,label\ngood film,pos\nbad film,neg\nok film,meh\n")
    qd = repr(str(tmp_path / "dev.csv"))  # as given, quoted
    with pytest.raises(ValueError) as err:
        read_labelled_csv(tmp_path / "dev.csv", "text", "label", classes=iter(["pos", "neg"]))
    assert str(err.value) == (
        f"column 'label' of {qd} holds labels no training text has: 'meh' in row 3 (the "
        "classes: 'neg', 'pos'; rows counted from 1 below the header)."
    )
