"""Review of user28b: series that only look like windows, the windows diagnosis of train.fit
and scikit-learn's split keywords in lstmkit.data."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.forecast import Forecaster
from lstmkit.nn import LSTM
from lstmkit.train import TrainConfig, fit


def _lagged(values: np.ndarray, lag: int) -> np.ndarray:
    """``values`` beside a lag-``lag`` copy of it as a covariate (the first rows dropped)."""
    return np.column_stack([values[lag:], values[:-lag]])


@pytest.mark.parametrize(
    "series",
    [
        # a series that repeats every 2 (or 12) steps beside its lag 1 (or 11): that lag is
        # also its lead 1, so its rows were each "the row before it one step on"
        _lagged(np.tile([10.0, 20.0], 30), 1),
        _lagged(np.tile([3.0, 6.0, 2.0, 5.0, 1.0, 4.0, 0.0, 3.0, 6.0, 2.0, 5.0, 1.0], 5), 11),
        # counts that stop after the first, beside a flag never set
        np.column_stack([np.r_[5.0, np.zeros(47)], np.zeros(48)]),
    ],
    ids=["period-2-lag-1", "period-12-lag-11", "flat-after-one-beside-zeros"],
)
def test_series_whose_columns_only_look_like_windows_are_fitted(series: np.ndarray) -> None:
    # each was refused: "`series` must be a series [T, F], got ... windows of 2 steps"
    fc = Forecaster(horizon=1, lookback=4, epochs=1, ensemble=1)
    assert fc.fit(series).predict(1).shape == (1, 3)


def test_a_short_stretch_of_flags_is_no_windows_at_predict() -> None:
    # 0/1 flags repeat by chance: 4 recent rows of a target and a flag were read as windows
    # (in about 1 of 10 such stretches) and predict refused them
    flags = np.random.default_rng(3).integers(0, 2, size=(40, 2)).astype(float)
    recent = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    fc = Forecaster(horizon=1, lookback=4, epochs=1, ensemble=1).fit(flags)
    assert fc.predict(1, series=recent).shape == (1, 3)


class _Normed(torch.nn.Module):
    """Input batch norm, then the tutorial's LSTM(1, 4) and head."""

    def __init__(self, batch_first: bool = True, head: int = 4) -> None:
        super().__init__()
        self.norm = torch.nn.BatchNorm1d(1)
        self.lstm = LSTM(1, 4, batch_first=batch_first)
        self.head = torch.nn.Linear(head, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(self.norm(x) if x.dim() == 2 else x)
        return self.head(out[:, -1] if self.lstm.batch_first else out)


def _mse(model: torch.nn.Module, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


def test_the_windows_diagnosis_leaves_batch_norm_statistics_alone() -> None:
    # its second run of loss_fn was in training mode: the failed batch updated them twice
    torch.manual_seed(0)
    net = _Normed()
    X, Y = torch.randn(16, 1), torch.randn(16, 1)
    with pytest.raises(ValueError, match=r"^`train_data` column 0 is 2-D, shape \[16, 1\], "):
        fit(net, _mse, (X, Y), None, TrainConfig(epochs=1, batch_size=16))
    assert net.norm.num_batches_tracked.item() == 1
    assert net.training and net.lstm.batch_first


def test_an_unbatched_sequence_that_fails_otherwise_keeps_torchs_error() -> None:
    # one [T, I] sequence per batch, per-step targets, is torch's unbatched input: a head of
    # the wrong width was told "its 50 samples as 50 time steps ... pass `X.unsqueeze(-1)`"
    torch.manual_seed(0)
    net = _Normed(batch_first=False, head=8)
    sequences = [(torch.randn(50, 1), torch.randn(50, 1)) for _ in range(2)]
    with pytest.raises(RuntimeError) as caught:
        fit(net, _mse, sequences, None, TrainConfig(epochs=1))
    assert str(caught.value) == "mat1 and mat2 shapes cannot be multiplied (50x4 and 8x1)"
    assert not net.lstm.batch_first


def test_scikit_learns_split_keywords_are_told_their_names_here() -> None:
    # Python's bare "time_split() got an unexpected keyword argument 'test_size'"
    from lstmkit.data import split_windows, time_split

    with pytest.raises(TypeError) as caught:
        time_split(144, test_size=0.33)
    assert str(caught.value) == (
        "time_split() takes no argument `test_size`: scikit-learn's test_size is `test` here, "
        "a count or a fraction of the points (test=0.33 for test_size=0.33)."
    )
    with pytest.raises(TypeError) as caught:
        split_windows(np.arange(20.0), 3, 1, train_size=0.67, shuffle=False, random_state=42)
    assert str(caught.value) == (
        "split_windows() takes no argument `train_size`, `shuffle` and `random_state`: "
        "scikit-learn's train_size is what `val` and `test` leave here, the earliest points; "
        "no split is shuffled here: the parts are in time order, and lstmkit.train.fit "
        "shuffles the training windows each epoch (TrainConfig's `shuffle`, True by default); "
        "scikit-learn's random_state has no use here: the split draws nothing."
    )
    assert split_windows(np.arange(20.0), 3, 1, test=4).test.X.shape == (4, 3, 1)


def test_scikit_learns_test_size_as_a_flag_is_told_holdout(capsys) -> None:
    # "unrecognized arguments: --test-size 12" had no guess
    from lstmkit.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["forecast", "airline", "--test-size", "12"])
    assert caught.value.code == 2
    assert capsys.readouterr().err == (
        "error: unrecognized arguments: --test-size 12; did you mean --holdout? "
        "(`lstmkit forecast --help` lists the flags)\n"
    )


def test_windows_in_a_dataframe_are_told_a_fix_that_runs_on_it() -> None:
    # the fix named, np.concatenate([X[:, 0], X[-1, 1:]]), was pandas' KeyError on a frame
    import pandas as pd

    from lstmkit.data import load_dataset

    y = load_dataset("airline").to_numpy()
    X = pd.DataFrame(np.column_stack([y[:-2], y[1:-1], y[2:]]))
    with pytest.raises(ValueError) as caught:
        Forecaster(epochs=1, ensemble=1).fit(X)
    assert str(caught.value).endswith(
        "pass the series itself, np.concatenate([X.iloc[:, 0], X.iloc[-1, 1:]]) for these "
        "windows X."
    )
    assert np.array_equal(np.concatenate([X.iloc[:, 0], X.iloc[-1, 1:]]), y)
