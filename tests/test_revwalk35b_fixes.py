"""revwalk35b: the review of walk35b's commits and what it left."""

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.data import MinMaxScaler, StandardScaler, make_windows, split_windows
from lstmkit.metrics import rmse


@pytest.mark.parametrize("scaler", [MinMaxScaler, StandardScaler])
def test_a_scaler_of_one_feature_names_that_feature_not_one_of_1(scaler):
    # "must be one of the 1 feature MinMaxScaler was fitted on (0 to 0)"
    fitted = scaler().fit(np.arange(5.0))
    name = scaler.__name__
    with pytest.raises(ValueError) as err:
        fitted.inverse_transform(np.ones(3), feature=3)
    assert str(err.value) == (
        f"`feature` must be 0 (or -1), the one feature {name} was fitted on (which it scales "
        "with `feature` left out), got 3."
    )
    # what it says holds: 0, -1 and no feature scale alike
    values = np.array([1.0, 2.5])
    expected = fitted.inverse_transform(values)
    assert np.array_equal(fitted.inverse_transform(values, feature=0), expected)
    assert np.array_equal(fitted.inverse_transform(values, feature=-1), expected)
    # a frame's column name still told its position
    framed = scaler().fit(pd.DataFrame({"y": [1.0, 2.0, 4.0]}))
    with pytest.raises(ValueError) as err:
        framed.transform(np.ones(2), feature="y")
    assert str(err.value) == (
        f"`feature` must be 0 (or -1), the one feature {name} was fitted on (which it scales "
        "with `feature` left out), got 'y'; it was fitted on a DataFrame whose column 'y' is "
        "feature=0 (a position)."
    )


@pytest.mark.parametrize("method", ["fit", "transform", "inverse_transform"])
def test_a_scaler_given_a_tensor_that_requires_grad_says_detach(method):
    # torch's own "Can't call numpy() on Tensor that requires grad. Use
    # tensor.detach().numpy() instead." was the message, inside lstmkit's
    scaler = StandardScaler().fit(np.array([1.0, 2.0, 4.0]))
    out = torch.tensor([1.5, 3.0], requires_grad=True)
    with pytest.raises(ValueError) as err:
        getattr(scaler, method)(out)
    assert str(err.value) == (
        "`x` must be an array of numbers, got a tensor that requires grad (a network's output "
        "outside torch.no_grad()), which numpy cannot read; pass x.detach(), or compute it "
        "under torch.no_grad()."
    )
    # the advice, pasted, works
    assert getattr(scaler, method)(out.detach()) is not None
    # a bfloat16 one (widened first) is told the same
    with pytest.raises(ValueError, match=r"pass x\.detach\(\)"):
        getattr(scaler, method)(out.to(torch.bfloat16))


def test_a_list_of_tensors_that_require_grad_is_told_to_detach_each():
    grad = torch.arange(3.0, requires_grad=True)
    y_true = [grad[0], grad[1]]
    with pytest.raises(ValueError) as err:
        rmse(y_true, [0.0, 1.0])
    assert str(err.value) == (
        "`y_true` must be an array of numbers, got a list of tensors that require grad (a "
        "network's outputs outside torch.no_grad()), which numpy cannot read; pass "
        "[v.detach() for v in y_true], or compute them under torch.no_grad()."
    )
    assert rmse([v.detach() for v in y_true], [0.0, 1.0]) == 0.0


def test_split_windows_of_a_series_shorter_than_a_window_says_so():
    # split_windows(y, 200, 1, test=12) of 144 points said "the train part has 132 points,
    # too few for one window", as if a smaller test part would help; make_windows said the
    # series is too short
    y = np.arange(144.0)
    for call, sizes in (
        (lambda: split_windows(y, 200, 1, test=12), "(200 + 1)"),
        (lambda: split_windows(y, 144, 1), "(144 + 1)"),
        (lambda: split_windows(pd.Series(y), 143, 2, val=0.1), "(143 + 2)"),
        (lambda: make_windows(y, 200, 1), "(200 + 1)"),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == (
            f"`lookback` + `horizon` {sizes} must not exceed the series length (144)."
        )
    # a series long enough whose training part is too short is still told of that part
    with pytest.raises(ValueError, match=r"^the train part has 44 points, too few"):
        split_windows(y, 100, 1, test=100)
    # and one window exactly still fits
    assert split_windows(y, 143, 1).train.X.shape == (1, 143, 1)


@pytest.mark.parametrize(
    ("start", "fit_on"),
    [
        (200, " (`start`)"),  # was fc.fit(y[:200]): every point, no origin out of sample
        (-144, " (`start`)"),  # was fc.fit(y[:-144]): no point
        ("2001-01", " (`start`)"),  # was fc.fit(y[y.index < '2001-01']): every point
        ("1949-01", " (`start`)"),  # no point before it
        (143, ", fc.fit(y[:143])"),
        (-143, ", fc.fit(y[:-143])"),
        ("1949-02", ", fc.fit(y[y.index < '1949-02'])"),
        (pd.Timestamp("1958-01-01"), ", fc.fit(y[y.index < '1958-01-01'])"),  # not 00:00:00
    ],
)
def test_backtest_before_fit_gives_a_fit_only_where_it_leaves_origins_out(start, fit_on):
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, NotFittedError

    with pytest.raises(NotFittedError) as caught:
        Forecaster().backtest(load_dataset("airline"), start=start, retrain=False)
    assert str(caught.value) == (
        "backtest(retrain=False) forecasts every origin with the fitted model, and this "
        f"Forecaster is not fitted: fit it on the points before the first origin{fit_on}, or "
        "pass retrain=True to fit one at every origin."
    )


def test_the_fit_told_for_a_timestamp_start_backtests_out_of_sample():
    import warnings

    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster

    y = load_dataset("airline")
    fc = Forecaster(horizon=1, ensemble=1, epochs=1, hidden_size=4, seed=0, progress=False)
    fc.fit(y[y.index < "1960-07-01"])  # as told for start=pd.Timestamp("1960-07-01")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bt = fc.backtest(
            y,
            start=pd.Timestamp("1960-07-01"),
            horizon=1,
            retrain=False,
            statistical_baselines=False,
        )
    assert str(bt.forecasts["cutoff"].iloc[0].date()) == "1960-06-01"
    assert len(bt.forecasts) == 6


def test_keras_verbose_0_given_to_fit_is_told_progress_false_in_the_config():
    # Keras' model.fit(X, y, epochs=2, batch_size=1, verbose=0) was told
    # TrainConfig(epochs=2, batch_size=1), which draws a bar where stderr is a terminal
    from lstmkit.train import TrainConfig, fit

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3, 1))
    train_data = (torch.randn(4, 3, 1), torch.randn(4, 1))
    val_data = None

    def loss_fn(model, batch):
        return torch.nn.functional.mse_loss(model(batch[0]), batch[1])

    theirs = (
        " (Keras' verbose is 'progress' here: True, False or None (a bar where stderr is a "
        "terminal))"
    )
    with pytest.raises(TypeError) as caught:
        fit(model, loss_fn, train_data, epochs=2, batch_size=1, verbose=0)
    assert str(caught.value) == (
        "fit() takes its settings in `config`, a TrainConfig, not as keyword arguments, got "
        f"'epochs', 'batch_size', 'verbose'{theirs}: fit(model, loss_fn, train_data, val_data, "
        "TrainConfig(epochs=2, batch_size=1, progress=False))."
    )
    # pasted, it trains as asked
    history = fit(
        model, loss_fn, train_data, val_data, TrainConfig(epochs=2, batch_size=1, progress=False)
    )
    assert history.epochs_run == 2
    with pytest.raises(TypeError) as caught:
        fit(model, loss_fn, train_data, verbose=False)
    assert str(caught.value).endswith(
        f"{theirs}: fit(model, loss_fn, train_data, val_data, TrainConfig(progress=False))."
    )
    # verbose=1 or 2 has no one counterpart: told the name alone, as before
    with pytest.raises(TypeError) as caught:
        fit(model, loss_fn, train_data, verbose=2)
    assert str(caught.value).endswith(f"'verbose'{theirs}.")


@pytest.mark.parametrize("name", ["LSTMCell", "GRUCell"])
def test_a_cell_given_keras_batch_input_shape_is_told_input_size_as_the_layers_are(name):
    # the README says the cells refuse batch_input_shape as LSTM does; a cell said "got
    # unknown argument 'batch_input_shape' ...; missing a required argument: 'hidden_size'"
    import lstmkit.nn

    cell = getattr(lstmkit.nn, name)
    with pytest.raises(TypeError) as caught:
        cell(4, batch_input_shape=(1, 2))
    assert str(caught.value) == (
        f"{name}() takes no Keras argument `batch_input_shape`: `batch_input_shape` (batch, "
        "steps, features) is `input_size=features` here; neither the batch size nor the number "
        f"of steps is fixed; this call, as Keras reads it, is {name}(2, 4) here."
    )
    assert cell(2, 4).hidden_size == 4  # the call told, pasted
