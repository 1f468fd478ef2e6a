"""Fixes from a fresh user's pass over README "Forecasting → From Python" and "By hand"."""

import numpy as np
import pytest
import torch

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, plot_forecast
from lstmkit.nn import GRU, LSTM
from lstmkit.train import DivergedError, TrainConfig, fit


def _mse(model: torch.nn.Module, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


def test_a_model_left_diverged_is_named_not_the_learning_rate() -> None:
    # a second fit of the same `net` after a DivergedError was told "Try a lower learning
    # rate than `lr`=0.0001." at epoch 1, batch 1, before any step, however low `lr` went
    torch.manual_seed(0)
    x, y = torch.randn(20, 3), torch.randn(20, 1)
    net = torch.nn.Linear(3, 1)
    with pytest.raises(DivergedError, match="Try a lower learning rate than `lr`=1e\\+30"):
        fit(net, _mse, (x, y), None, TrainConfig(epochs=2, lr=1e30))
    before = net.weight.detach().clone()
    with pytest.raises(DivergedError) as info:
        fit(net, _mse, (x, y), None, TrainConfig(epochs=2, lr=1e-4))
    assert str(info.value) == (
        "training diverged: the training loss became inf at epoch 1, batch 1, before any "
        "training step, so no lower `lr` (now 0.0001) would avoid it: the model's parameters "
        "reach 1e+30 in absolute value, far beyond a new model's, as a diverged fit leaves "
        "them: make the model anew (or load finite weights); else check the data's scale and "
        "`loss_fn`."
    )
    assert torch.equal(net.weight, before)  # nothing trained
    with torch.no_grad():  # as a fit whose last step made them NaN leaves them
        net.bias.fill_(float("nan"))
    with pytest.raises(
        DivergedError,
        match=r"values \(first: bias\), as a diverged fit leaves them: make the model anew, "
        r"or load finite weights\.$",
    ):
        fit(net, _mse, (x, y), None, TrainConfig(epochs=2, lr=1e-4))
    # a model made anew trains at that rate
    history = fit(torch.nn.Linear(3, 1), _mse, (x, y), None, TrainConfig(epochs=2, lr=1e-4))
    assert history.epochs_run == 2
    # after a step, the learning rate is still the advice
    with pytest.raises(DivergedError) as info:
        fit(torch.nn.Linear(3, 1), _mse, (x, y), None, TrainConfig(epochs=2, lr=1e30))
    assert str(info.value) == (
        "training diverged: the training loss became inf at epoch 1, batch 2. Try a lower "
        "learning rate than `lr`=1e+30."
    )


@pytest.mark.parametrize(
    ("layer", "given", "fix"),
    [
        (GRU, "cpu", "GRU(..., device='cpu')"),
        (LSTM, torch.device("cpu"), "LSTM(..., device='cpu')"),
        (GRU, torch.float64, "GRU(..., dtype=torch.float64)"),
    ],
)
def test_a_device_in_proj_size_place_is_told_to_pass_it_by_keyword(layer, given, fix) -> None:
    # GRU(1, 4, 1, True, True, 0.0, False, "cpu"), as torch.nn.GRU's documented signature
    # reads, was told "`proj_size` must be an int, got str 'cpu'." (torch: "'<' not
    # supported between instances of 'str' and 'int'"), a GRU having no projection to know of
    kind = "dtype" if isinstance(given, torch.dtype) else "device"
    shown = {"cpu": "str 'cpu'", torch.float64: "dtype torch.float64"}.get(
        given, "device device(type='cpu')"
    )
    with pytest.raises(TypeError) as info:
        layer(1, 4, 1, True, True, 0.0, False, given)
    assert str(info.value) == (
        f"`proj_size` must be an integer, got {shown}: the 8th positional argument is "
        f"`proj_size`, as in torch.nn, and `{kind}` is keyword-only: {fix}."
    )
    # another wrong type keeps the plain message
    with pytest.raises(ValueError, match=r"^`proj_size` must be an integer, got 2\.5\.$"):
        GRU(1, 4, 1, True, True, 0.0, False, 2.5)


@pytest.fixture(scope="module")
def _airline_forecast():
    y = load_dataset("airline")
    fc = Forecaster(horizon=3, seed=0, epochs=2, ensemble=1, lookback=12).fit(y[:-3])
    return y, fc.predict(3)


@pytest.mark.parametrize(
    ("take", "got", "fix"),
    [
        (
            lambda p: p["forecast"],
            "Series",
            "forecast.to_frame('forecast') for a Series of the forecasts at their timestamps",
        ),
        (
            lambda p: p["forecast"].to_numpy(),
            "ndarray",
            "pd.DataFrame({'forecast': values}, index=<their timestamps>) for forecasts as bare "
            "values",
        ),
    ],
)
def test_plot_forecast_tells_how_to_wrap_a_series_or_array(_airline_forecast, take, got, fix):
    # plot_forecast(y, pred["forecast"]) was a ValueError "... got <class
    # 'pandas.core.series.Series'>." with no way on
    y, pred = _airline_forecast
    with pytest.raises(TypeError) as info:
        plot_forecast(y[:-3], take(pred))
    assert str(info.value) == (
        "`forecast` must be a DataFrame with a 'forecast' column (Forecaster.predict's output, "
        f"whole), got {got}; pass {fix}."
    )
    # the wrapping it names draws the same line
    wrapped = pred["forecast"].to_frame("forecast")
    line = plot_forecast(y[:-3], wrapped).axes[0].get_lines()[1]
    assert np.array_equal(line.get_ydata(), pred["forecast"].to_numpy())
    # a DataFrame without the column is still the ValueError it was
    with pytest.raises(ValueError, match=r"got \['yhat'\]\.$"):
        plot_forecast(y[:-3], pred[["forecast"]].rename(columns={"forecast": "yhat"}))
