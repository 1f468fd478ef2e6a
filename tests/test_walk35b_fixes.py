"""walk35b: README's "From Python" (second half) and "By hand", walked as a student of the
Keras tutorials ([samples, time steps, features], MinMaxScaler on train, batch_size=1)."""

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.data import load_dataset, make_windows, split_windows, time_split
from lstmkit.forecast import Forecaster, NotFittedError
from lstmkit.metrics import rmse
from lstmkit.nn import LSTM
from lstmkit.train import TrainConfig, fit, seed_everything

# --- 1. a fraction that rounds to no point ------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "said"),
    [
        (
            {"val": 0.001},
            "`val` as a fraction of the 144 points must give at least one point, got 0.001, "
            "0.144 points, which rounds to an empty validation part; pass val=0 for none, or "
            "a count: val=1.",
        ),
        (
            {"test": 0.003},
            "`test` as a fraction of the 144 points must give at least one point, got 0.003, "
            "0.432 points, which rounds to an empty test part; pass test=0 for none, or a "
            "count: test=1.",
        ),
    ],
)
def test_a_fraction_that_rounds_to_no_point_is_refused(sizes, said):
    # time_split(144, val=0.001) gave slice(144, 144): an empty validation part, without a
    # word, where the fraction asked for some points
    with pytest.raises(ValueError) as caught:
        time_split(144, **sizes)
    assert str(caught.value) == said
    with pytest.raises(ValueError) as caught:
        split_windows(np.arange(144.0), lookback=12, horizon=1, **sizes)
    assert str(caught.value) == said


def test_a_fraction_of_at_least_half_a_point_still_gives_one():
    assert time_split(144, test=0.004) == (slice(0, 143), slice(143, 143), slice(143, 144))
    assert time_split(144, val=0.0, test=0.33)[2] == slice(96, 144)


# --- 2. Keras' model.fit(X, y, epochs=100, batch_size=1) ----------------------------------------


def _net_and_data() -> tuple[torch.nn.Module, tuple[torch.Tensor, torch.Tensor]]:
    net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3, 1))
    return net, (torch.zeros(5, 3, 1), torch.zeros(5, 1))


def _mse(model: torch.nn.Module, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
    return torch.nn.functional.mse_loss(model(batch[0]), batch[1])


def test_training_settings_given_to_fit_are_told_the_config_that_holds_them():
    # Python's "fit() got an unexpected keyword argument 'epochs'" said nothing of TrainConfig
    net, (X, Y) = _net_and_data()
    with pytest.raises(TypeError) as caught:
        fit(net, X, Y, epochs=100, batch_size=1, verbose=2)
    assert str(caught.value) == (
        "fit() takes its settings in `config`, a TrainConfig, not as keyword arguments, got "
        "'epochs', 'batch_size', 'verbose' (Keras' verbose is 'progress' here: True, False or "
        "None (a bar where stderr is a terminal)): fit(model, loss_fn, train_data, val_data, "
        "TrainConfig(epochs=100, batch_size=1))."
    )
    with pytest.raises(TypeError) as caught:
        fit(net, _mse, (X, Y), None, TrainConfig(lr=0.1), epochs=5)
    assert str(caught.value) == (
        "fit() takes its settings in `config`, a TrainConfig, not as keyword arguments, got "
        "'epochs': fit(model, loss_fn, train_data, val_data, dataclasses.replace(config, "
        "epochs=5))."
    )


def test_fit_s_other_unknown_keywords_are_told_their_name_here():
    net, data = _net_and_data()
    with pytest.raises(TypeError) as caught:
        fit(net, _mse, data, validation_data=data, epochs=3)
    assert str(caught.value) == (
        "fit() got unknown keyword argument 'validation_data' (Keras' validation_data is "
        "'val_data' here, a tuple of tensors (X, Y)). fit() takes its settings in `config`, a "
        "TrainConfig, not as keyword arguments, got 'epochs': fit(model, loss_fn, train_data, "
        "val_data, TrainConfig(epochs=3))."
    )
    with pytest.raises(TypeError) as caught:
        fit(net, _mse, data, on_epochs=print)
    assert str(caught.value) == (
        "fit() got unknown keyword argument 'on_epochs' (did you mean 'on_epoch'?)."
    )
    with pytest.raises(TypeError) as caught:
        fit(net, _mse, data, device="cpu", epochs=2)
    assert str(caught.value).startswith("fit() takes no `device`, got 'cpu': fit trains where")
    assert str(caught.value).endswith(
        "(LSTM(1, 16, device='cpu')). fit() takes its settings in `config`, a TrainConfig, not "
        "as keyword arguments, got 'epochs': fit(model, loss_fn, train_data, val_data, "
        "TrainConfig(epochs=2))."
    )


def test_keras_verbose_given_to_train_config_is_told_progress():
    with pytest.raises(TypeError) as caught:
        TrainConfig(verbose=2)
    assert str(caught.value) == (
        "TrainConfig() got unknown keyword argument 'verbose' (Keras' verbose is 'progress' "
        "here: True, False or None (a bar where stderr is a terminal))."
    )


def test_fit_takes_its_own_keywords_as_before():
    net, data = _net_and_data()
    seen = []
    history = fit(
        net,
        _mse,
        train_data=data,
        val_data=data,
        config=TrainConfig(epochs=2, progress=False),
        on_epoch=lambda epoch, h: seen.append(epoch),
    )
    assert (history.epochs_run, seen) == (2, [0, 1])


# --- 3. windows given to be cut again ------------------------------------------------------------


@pytest.mark.parametrize("cut", [make_windows, split_windows])
def test_windows_given_as_the_series_are_told_they_are_cut_already(cut):
    # split.train.X given to make_windows was told its shape alone
    X, _ = make_windows(np.arange(20.0), lookback=3, horizon=1)
    with pytest.raises(ValueError) as caught:
        cut(X, lookback=3, horizon=1)
    assert str(caught.value) == (
        "`values` must be a series [T] or [T, F] with at least one point and one feature, got "
        "shape (17, 3, 1): windows [samples, time steps, features], as make_windows and "
        "split_windows give them, are cut already; pass the series they were cut from."
    )


# --- 4. Keras' fit(X, y): the inputs and targets where train_data and val_data go ---------------


def test_keras_x_and_y_in_place_of_train_and_val_data_are_told_one_tuple():
    # each was told "pass (train_data,)", and fit(net, mse, (X,), y) then refused y
    net, (X, Y) = _net_and_data()
    with pytest.raises(TypeError) as caught:
        fit(net, _mse, X, Y, TrainConfig(epochs=1))
    assert str(caught.value) == (
        "`train_data` and `val_data` are two arrays of 5 rows, as Keras' fit(X, y) takes the "
        "inputs and targets: here the training columns are one tuple, fit(model, loss_fn, "
        "(X, y), val_data, config), and `val_data` the validation columns (or None)."
    )
    with pytest.raises(TypeError) as caught:
        fit(net, _mse, X.numpy(), Y.numpy())
    assert "fit(model, loss_fn, (torch.as_tensor(X, dtype=torch.float32), " in str(caught.value)
    # rows that differ are no X, y: told as a bare tensor is
    with pytest.raises(TypeError) as caught:
        fit(net, _mse, X, Y[:3])
    assert str(caught.value).startswith("`train_data` must be a tuple of tensors (its columns)")
    history = fit(net, _mse, (X, Y), None, TrainConfig(epochs=1, progress=False))
    assert history.epochs_run == 1


# --- 5. the README's "By hand" network with torch.nn.LSTM in place of lstmkit's ---------------


def test_lstmkit_s_lstm_draws_torch_s_initial_weights_from_a_seed():
    # the README says the block prints the same lines with torch.nn.LSTM in Net
    seed_everything(0)
    ours = LSTM(1, 16, batch_first=True)
    seed_everything(0)
    theirs = torch.nn.LSTM(1, 16, batch_first=True)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    for name, weight in theirs.state_dict().items():
        assert torch.equal(ours.state_dict()[name], weight), name
    x = torch.linspace(-1, 1, 24).reshape(2, 12, 1)
    assert torch.equal(ours(x)[0], theirs(x)[0])


# --- 6. backtest(retrain=False) before fit -------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "fit_on"),
    [
        ({"start": -12, "horizon": 1, "stride": 1}, "fc.fit(y[:-12])"),
        ({}, "fc.fit(y[:-36])"),  # the default start, -3 * the horizon fit would take (12)
        ({"horizon": 4}, "fc.fit(y[:-12])"),
        ({"start": 100}, "fc.fit(y[:100])"),
        ({"start": "1960-01"}, "fc.fit(y[y.index < '1960-01'])"),
        ({"start": pd.Period("1960-01", "M")}, None),
    ],
)
def test_backtest_without_retraining_before_fit_says_what_to_fit_on(given, fit_on):
    # it said "this Forecaster is not fitted; call fit() first.": fit(y) makes every origin
    # in-sample, and retrain=True needs no fit
    points = "fit it on the points before the first origin" + (
        f", {fit_on}" if fit_on else " (`start`)"
    )
    with pytest.raises(NotFittedError) as caught:
        Forecaster().backtest(load_dataset("airline"), retrain=False, **given)
    assert str(caught.value) == (
        "backtest(retrain=False) forecasts every origin with the fitted model, and this "
        f"Forecaster is not fitted: {points}, or pass retrain=True to fit one at every origin."
    )


def test_the_fit_that_the_refusal_gives_backtests_without_an_in_sample_warning():
    y = load_dataset("airline")
    fc = Forecaster(horizon=1, ensemble=1, epochs=1, hidden_size=4, seed=0, progress=False)
    fc.fit(y[:-12])
    bt = fc.backtest(y, start=-12, horizon=1, stride=1, retrain=False, statistical_baselines=False)
    assert len(bt.forecasts) == 12
    assert str(bt.forecasts["cutoff"].iloc[0].date()) == "1959-12-01"
    # the README's walk-forward: pooled over the months, the baselines score as the "By hand"
    # block prints them; bt.summary's RMSE, the mean of one-step origins', is their MAE
    f = bt.forecasts
    assert round(rmse(f["y_true"], f["naive"]), 1) == 53.2
    assert round(rmse(f["y_true"], f["seasonal_naive"]), 1) == 50.7
    assert bt.summary["naive"]["rmse"] == bt.summary["naive"]["mae"] == 45.25


# --- 7. the stateful tutorials' batch_input_shape -----------------------------------------------


def test_keras_batch_input_shape_is_told_input_size_and_the_call_as_lstmkit_s():
    # LSTM(4, batch_input_shape=(1, 1, 1), stateful=True) was told "got unknown argument(s)
    # 'batch_input_shape'" beside the Keras hint for stateful
    with pytest.raises(TypeError) as caught:
        LSTM(4, batch_input_shape=(1, 3, 2), stateful=True)
    assert str(caught.value) == (
        "LSTM() takes no Keras argument `batch_input_shape` and `stateful`: `batch_input_shape` "
        "(batch, steps, features) is `input_size=features` here; neither the batch size nor "
        "the number of steps is fixed; `stateful` has no switch here: pass the final state "
        "back as `hx` on the next call, detached; this call, as Keras reads it, is LSTM(2, 4, "
        "batch_first=True) here."
    )
    with pytest.raises(TypeError) as caught:
        LSTM(batch_input_shape=(1, 1, 1))
    assert str(caught.value).endswith(
        "neither the batch size nor the number of steps is fixed; missing a required "
        "argument: 'hidden_size'."
    )


# --- 8. create_dataset's windows [samples, look_back] windowed again -------------------------


@pytest.mark.parametrize("cut", [make_windows, split_windows])
def test_windows_of_one_series_as_features_are_refused_with_the_series(cut):
    # create_dataset's X [141, 3] was cut as a series of 3 features, each column the one
    # before it a step on: the target's next values among the inputs, without a word
    y = load_dataset("airline").to_numpy()
    X = make_windows(y, 3, 1)[0][:, :, 0]
    with pytest.raises(ValueError) as caught:
        cut(X, lookback=3, horizon=1)
    assert str(caught.value) == (
        "`values` must be a series [T] or [T, F], got 141 windows of 3 steps of one series "
        "([samples, time steps]): each row is the row before it one step on, so its columns 1 "
        "to 2 would be features that hold column 0's next values; pass the series itself, "
        "np.concatenate([X[:, 0], X[-1, 1:]]) for these windows X."
    )
    assert np.array_equal(np.concatenate([X[:, 0], X[-1, 1:]]), y[:-1])
    with pytest.raises(ValueError, match=r"so its column 1 would be a feature that holds col"):
        cut(pd.DataFrame(X[:, :2]), lookback=3, horizon=1)
    with pytest.raises(ValueError, match=r"np\.concatenate\(\[X\.iloc\[:, 0\], X\.iloc\[-1, 1:"):
        cut(pd.DataFrame(X), lookback=3, horizon=1)


def test_a_series_with_features_that_only_look_so_is_cut():
    # a straight line beside its offset copy, and two unrelated columns: no telling sign
    line = np.c_[np.arange(10.0), np.arange(1.0, 11.0)]
    assert make_windows(line, 3, 1)[0].shape == (7, 3, 2)
    y = load_dataset("airline").to_numpy()
    assert split_windows(np.c_[y, y * 2], 3, 1, test=12).test.X.shape == (12, 3, 2)


# --- 9. a part of one point said in the singular ------------------------------------------------


def test_a_part_too_short_for_a_window_counts_its_points_in_words():
    # "the test part has 1 point(s)"
    with pytest.raises(ValueError) as caught:
        split_windows(np.arange(20.0), lookback=4, horizon=2, test=1)
    assert str(caught.value) == (
        "the test part has 1 point, too few for one window: it needs at least `horizon` (2); "
        "give it 2 points (test=2), or lower `horizon` to 1."
    )
    with pytest.raises(ValueError) as caught:
        split_windows(np.arange(20.0), lookback=4, horizon=3, val=2, test=3)
    assert str(caught.value) == (
        "the val part has 2 points, too few for one window: it needs at least `horizon` (3); "
        "give it 3 points (val=3), or lower `horizon` to 2."
    )
