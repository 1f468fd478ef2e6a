"""A student of the classic "airline passengers LSTM" Keras tutorial ports it to lstmkit."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from lstmkit.data import MinMaxScaler, load_dataset, split_windows
from lstmkit.nn import LSTM
from lstmkit.train import TrainConfig, fit


class _Net(torch.nn.Module):
    """The README's `Net` with the tutorial's 4 units: the last step's state -> next value."""

    def __init__(self, batch_first: bool = True) -> None:
        super().__init__()
        self.lstm = LSTM(1, 4, batch_first=batch_first)
        self.head = torch.nn.Linear(4, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(x)
        return self.head(out[:, -1])


def _mse(model: torch.nn.Module, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


def _tutorial_windows() -> tuple[torch.Tensor, torch.Tensor]:
    """The tutorial's trainX as `create_dataset` gives it, [samples, features] = [95, 1]."""
    y = load_dataset("airline").to_numpy()
    split = split_windows(MinMaxScaler().fit(y[:96]).transform(y), 1, 1, test=0.33)
    X, Y = (torch.tensor(a, dtype=torch.float32) for a in (split.train.X, split.train.Y))
    return X[:, :, 0], Y


def test_fit_names_2d_windows_a_recurrent_layer_read_as_one_sequence() -> None:
    # [95, 1] windows (look-back 1) are valid unbatched input [T, I] for LSTM(1, 4): the layer
    # read each batch's 16 samples as 16 time steps and the head failed with torch's bare
    # "mat1 and mat2 shapes cannot be multiplied (1x16 and 4x1)", naming no data and no fix
    X, Y = _tutorial_windows()
    torch.manual_seed(0)
    net = _Net()
    before = [p.detach().clone() for p in net.parameters()]
    with pytest.raises(ValueError) as caught:
        fit(net, _mse, (X, Y), None, TrainConfig(epochs=2, batch_size=16))
    assert str(caught.value) == (
        "`train_data` column 0 is 2-D, shape [95, 1], and the recurrent layer `lstm` "
        "(LSTM(1, 4, batch_first=True)) read a batch of it, shape [16, 1], as one unbatched "
        "sequence [T, I]: its 16 samples as 16 time steps, after which `loss_fn` failed "
        "(RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x16 and 4x1)). Windows "
        "are 3-D [samples, time steps, features]: pass `X.unsqueeze(-1)` for that tensor X, "
        "shape [95, 1, 1] (1 step of one feature per sample, as "
        "lstmkit.data.split_windows gives them)."
    )
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert all(torch.equal(a, b) for a, b in zip(before, net.parameters(), strict=True))
    # the fix it names trains
    torch.manual_seed(0)
    history = fit(net, _mse, (X.unsqueeze(-1), Y), None, TrainConfig(epochs=2, batch_size=16))
    assert history.epochs_run == 2


def test_rows_read_as_steps_are_named_in_val_data_in_batches_and_time_major() -> None:
    X, Y = _tutorial_windows()
    torch.manual_seed(0)
    with pytest.raises(ValueError, match=r"^`val_data` column 0 is 2-D, shape \[95, 1\], "):
        fit(_Net(), _mse, (X.unsqueeze(-1), Y), (X, Y), TrainConfig(epochs=1))
    # a list of batches: the entry of the batch is named, a time-major layer told batch_first
    with pytest.raises(ValueError) as caught:
        fit(_Net(batch_first=False), _mse, [(X[:8], Y[:8])], None, TrainConfig(epochs=1))
    assert str(caught.value).startswith(
        "`train_data`'s batch entry 0 is 2-D, shape [8, 1], and the recurrent layer `lstm` "
        "(LSTM(1, 4)) read a batch of it, shape [8, 1], as one unbatched sequence [T, I]: "
        "its 8 samples as 8 time steps, after which `loss_fn` failed (RuntimeError: "
    )
    assert str(caught.value).endswith(
        "pass `X.unsqueeze(-1)` for that tensor X, shape [8, 1, 1] (1 step of one feature per "
        "sample, as lstmkit.data.split_windows gives them), and batch_first=True on the layer "
        "(without it the layer reads [T, B, I])."
    )
    # torch.nn's layer and a model that is the layer are named as well; 3 features of one
    # step per sample ([N, F], a look-back of 1 with covariates) are told X.unsqueeze(1)
    layer = torch.nn.LSTM(3, 4, batch_first=True)
    three = torch.tensor(np.arange(24.0).reshape(8, 3), dtype=torch.float32)

    def last(model, batch):
        return torch.mean((model(batch[0])[0][:, -1, 0] - batch[1][:, 0]) ** 2)

    with pytest.raises(ValueError) as caught:
        fit(layer, last, (three, Y[:8]), None, TrainConfig(epochs=1))
    message = str(caught.value)
    assert message.startswith(
        "`train_data` column 0 is 2-D, shape [8, 3], and the recurrent layer `model` "
        "(LSTM(3, 4, batch_first=True)) read a batch of it, shape [8, 3], as one unbatched "
        "sequence [T, I]: its 8 samples as 8 time steps, after which `loss_fn` failed "
        "(IndexError: "
    ), message
    assert message.endswith(
        "pass `X.unsqueeze(1)` for that tensor X, shape [8, 1, 3] (one step of 3 features per "
        "sample, as lstmkit.data.split_windows gives them)."
    )


def test_other_failures_of_loss_fn_keep_their_own_error() -> None:
    # 3-D windows, a head of the wrong width: torch's own error, as before
    X, Y = _tutorial_windows()

    class Wide(_Net):
        def __init__(self) -> None:
            super().__init__()
            self.head = torch.nn.Linear(5, 1)

    with pytest.raises(RuntimeError, match=re.escape("mat1 and mat2 shapes cannot be multiplied")):
        fit(Wide(), _mse, (X.unsqueeze(-1), Y), None, TrainConfig(epochs=1))


@pytest.mark.parametrize(
    ("keywords", "said"),
    [
        # was "(did you mean 'calendar'?)"
        (
            {"scaler": "minmax"},
            "'scaler' ('scaling' picks the scaler here ('window', 'standard' or 'minmax'), and "
            "fit fits it on the training part alone)",
        ),
        # these had no hint at all
        ({"units": 4}, "'units' (Keras' units is 'hidden_size' here)"),
        (
            {"validation_split": 0.1},
            "'validation_split' (Keras' validation_split is 'val_size' here, a count of the "
            "most recent windows)",
        ),
        ({"verbose": 0}, "'verbose' (Keras' verbose is 'progress' here)"),
        (
            {"shuffle": False},
            "'shuffle' (no field shuffles the series: fit splits it in time order, the "
            "validation windows the most recent, and only the order of the training windows is "
            "shuffled each epoch)",
        ),
        (
            {"test_size": 0.33},
            "'test_size' (no field holds a test part out: fit on the points before it and "
            "score the forecast of it, fit(y[:-12]) and rmse(y[-12:], "
            "predict(12)['forecast']), or backtest(y))",
        ),
    ],
)
def test_forecaster_names_the_keras_tutorials_keywords(keywords: dict, said: str) -> None:
    from lstmkit.forecast import Forecaster, ForecasterConfig

    plural = "s" if len(keywords) > 1 else ""  # one keyword: "argument" (was "argument(s)")
    with pytest.raises(TypeError) as caught:
        Forecaster(**keywords)
    assert str(caught.value) == (
        f"Forecaster() got unknown keyword argument{plural} {said}; they set fields of "
        "ForecasterConfig."
    )
    with pytest.raises(TypeError) as caught:
        ForecasterConfig(**keywords)
    assert str(caught.value) == f"ForecasterConfig() got unknown keyword argument{plural} {said}."


def test_forecaster_refuses_windows_passed_as_the_series() -> None:
    from lstmkit.forecast import Forecaster

    y = load_dataset("airline").to_numpy()
    split = split_windows(y, 3, 1, test=0.33)
    fc = Forecaster(horizon=1, epochs=1, ensemble=1)
    # [samples, time steps] windows fitted without a word: columns 1 and 2, the target's
    # next values, read as covariates
    with pytest.raises(ValueError) as caught:
        fc.fit(split.train.X[:, :, 0])
    assert str(caught.value) == (
        "`series` must be a series [T, F], got 93 windows of 3 steps of one series ([samples, "
        "time steps]): each row is the row before it one step on, so its columns 1 to 2 would "
        "be covariates that hold the target's next values. The Forecaster cuts its own windows "
        "(`lookback`): pass the series itself, np.concatenate([X[:, 0], X[-1, 1:]]) for these "
        "windows X."
    )
    X = split.train.X[:, :, 0]
    assert np.array_equal(np.concatenate([X[:, 0], X[-1, 1:]]), y[:95])  # the fix it names
    with pytest.raises(ValueError, match=r"so its column 1 would be a covariate that holds the "):
        fc.fit(make_two_step_windows(y))
    # 3-D windows: the shape alone was named
    with pytest.raises(ValueError) as caught:
        fc.fit(split.train.X)
    assert str(caught.value) == (
        "`series` must be 1-D or 2-D [T, F], got shape (93, 3, 1): windows [samples, time "
        "steps, features], as lstmkit.data.split_windows gives them; the Forecaster cuts its "
        "own (`lookback`), so pass the series they were cut from (y[train], not "
        "split.train.X)."
    )
    # nothing half-fitted by the refusals
    with pytest.raises(RuntimeError, match=re.escape("this Forecaster is not fitted; call fit")):
        fc.predict(1)
    # a series with a covariate, and one column alone, fit as before
    fc.fit(np.column_stack([y[:96], np.arange(96.0) % 12]))
    assert fc.predict(1).shape == (1, 3)
    with pytest.raises(ValueError, match=re.escape("got 95 windows of 2 steps of one series")):
        fc.predict(1, series=make_two_step_windows(y[:96]))


def make_two_step_windows(y: np.ndarray) -> np.ndarray:
    return np.column_stack([y[:-1], y[1:]])


def test_readme_says_how_the_tutorial_table_was_made_as_the_benchmark_makes_it(
    bench_script, monkeypatch
) -> None:
    # the table gave no code: a student had to read benchmarks/ to reproduce its rows (which
    # they do, to the digit: 67.4 ± 11.4 and 46.6 ± 0.8 on this machine)
    import ast
    from pathlib import Path

    from lstmkit.forecast import ForecasterConfig

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    text = " ".join(readme.split("The tutorial's published test RMSE: 47.5.")[1].split())
    said = re.search(r"for seeds ([\d, and]+), `Forecaster\((.*?)\)` \(the variants add", text)
    assert said is not None
    seeds = tuple(int(s) for s in re.findall(r"\d+", said.group(1)))
    call = ast.parse(f"f({said.group(2)})").body[0].value
    shown = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg != "seed"}
    assert "`difference=1`, then `calendar=True`) fitted on the first 96 months, `y[:96]`" in text
    bench = bench_script("forecast_accuracy")
    made: list[tuple[ForecasterConfig, int]] = []

    class Recorded(Exception):
        pass

    class Capture:
        def __init__(self, config: ForecasterConfig) -> None:
            self.config = config

        def fit(self, series):
            made.append((self.config, len(series)))
            raise Recorded

    variants = list(bench.TUTORIAL_VARIANTS.values())
    assert variants == [{}, {"difference": 1}, {"difference": 1, "calendar": True}]
    assert seeds == bench.SEEDS == (0, 100, 200)
    monkeypatch.setattr(bench, "Forecaster", Capture)
    for extra in variants:
        monkeypatch.setattr(bench, "TUTORIAL_VARIANTS", {"v": extra})
        with pytest.raises(Recorded):
            bench.tutorial((seeds[0],))
        config, n = made.pop()
        assert n == 96
        assert config == ForecasterConfig(**{**shown, "seed": seeds[0], **extra})


@pytest.mark.parametrize(
    ("flag", "meant"),
    [
        (["--scaler", "minmax"], "--scaling"),  # was "did you mean --calendar?"
        (["--units", "4"], "--hidden-size"),  # these had no guess
        (["--validation_split", "12"], "--val-size"),
    ],
)
def test_the_keras_tutorials_words_as_flags_are_told_lstmkits(capsys, flag, meant) -> None:
    from lstmkit.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["forecast", "airline", *flag])
    assert caught.value.code == 2
    assert capsys.readouterr().err == (
        f"error: unrecognized arguments: {' '.join(flag)}; did you mean {meant}? "
        "(`lstmkit forecast --help` lists the flags)\n"
    )
