"""hand39: the README's "By hand" walk (windows, splits, scalers) as a Keras tutorial's reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import MinMaxScaler, StandardScaler, load_dataset, make_windows, split_windows
from lstmkit.forecast import Forecaster
from lstmkit.metrics import rmse

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize(
    ("kwargs", "message", "remedies"),
    [
        (
            {"lookback": 12, "horizon": 1, "val": 4, "test": 4},
            "the train part has 12 points, too few for one window: it needs at least "
            "`lookback` + `horizon` (12 + 1); lower `lookback` to 11, or `val` + `test` "
            "(4 + 4) to 7.",
            [
                {"lookback": 11, "horizon": 1, "val": 4, "test": 4},
                {"lookback": 12, "horizon": 1, "val": 4, "test": 3},
            ],
        ),
        (
            {"lookback": 12, "horizon": 8, "test": 8},
            "the train part has 12 points, too few for one window: it needs at least "
            "`lookback` + `horizon` (12 + 8); lower `lookback` to 4, or leave `val` and `test` "
            "out.",
            [{"lookback": 4, "horizon": 8, "test": 8}, {"lookback": 12, "horizon": 8}],
        ),
        (
            {"lookback": 10, "horizon": 5, "test": 3},
            "the test part has 3 points, too few for one window: it needs at least `horizon` "
            "(5); give it 5 points (test=5), or lower `horizon` to 3.",
            [{"lookback": 10, "horizon": 5, "test": 5}, {"lookback": 10, "horizon": 3, "test": 3}],
        ),
        (
            # a test part of `horizon` points would leave 9 to train, too few for 6 + 5
            {"lookback": 6, "horizon": 5, "val": 6, "test": 3},
            "the test part has 3 points, too few for one window: it needs at least `horizon` "
            "(5); lower `horizon` to 3.",
            [{"lookback": 6, "horizon": 3, "val": 6, "test": 3}],
        ),
    ],
)
def test_a_part_too_short_for_a_window_is_told_the_changes_that_fit(kwargs, message, remedies):
    # the refusal said what the part needs alone ("at least `lookback` + `horizon` (12 + 1)."),
    # not what to change to give it that; each change it names now cuts windows
    series = np.arange(20.0)
    with pytest.raises(ValueError) as err:
        split_windows(series, **kwargs)
    assert str(err.value) == message
    for remedy in remedies:
        split = split_windows(series, **remedy)
        assert len(split.train.t) >= 1
        assert len(split.test.t) >= (1 if remedy.get("test") else 0)


def test_the_walk_forward_s_seasonal_naive_needs_the_series_dates_and_the_readme_says_so():
    # the README's walk-forward quoted seasonal naive 50.7 and the model's 20.6 after the block's
    # y = load_dataset("airline").to_numpy(); on those numbers the Forecaster knows no season,
    # so its seasonal naive was the naive forecast (53.2) and the default model scored 21.6:
    # the figures are the dated series', which the README now names
    series = load_dataset("airline")
    for y, seasonal in ((series, 50.7), (series.to_numpy(), 53.2)):
        fc = Forecaster(horizon=1, ensemble=1, epochs=1, hidden_size=4, seed=0, progress=False)
        fc.fit(y[:-12])
        bt = fc.backtest(
            y, start=-12, horizon=1, stride=1, retrain=False, statistical_baselines=False
        )
        f = bt.forecasts
        assert round(rmse(f["y_true"], f["naive"]), 1) == 53.2
        assert round(rmse(f["y_true"], f["seasonal_naive"]), 1) == seasonal
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert (
        'Its own walk-forward, on the series with its dates, `y = load_dataset("airline")` '
        "(not the block's `.to_numpy()`: numbers alone carry no month, so the Forecaster knows "
        "no season, its `seasonal_naive` is the naive forecast, 53.2, as `print(bt)` says, and the "
        "model scores 21.6)"
    ) in readme


@pytest.mark.parametrize("cls", [MinMaxScaler, StandardScaler])
def test_a_scaler_of_several_features_names_the_positions_a_forecast_can_pass(cls):
    # it said "pass feature=<its column>", a placeholder; it gives the position and, for a
    # DataFrame fitted on, each column's
    train = pd.DataFrame({"sales": [100.0, 150.0, 200.0, 250.0], "temp": [5.0, 6.0, 7.0, 9.0]})
    scaler = cls().fit(train)
    with pytest.raises(ValueError) as err:
        scaler.inverse_transform(np.zeros((2, 12)))
    assert str(err.value) == (
        f"{cls.__name__} was fitted on 2 features, got an array of shape (2, 12) (its last "
        "dimension must be 2); to scale one feature's values, such as a forecast [N, H] of the "
        "target, pass that feature's position, feature=0 for the first column (0 to 1: "
        "0 'sales', 1 'temp')."
    )
    np.testing.assert_allclose(
        scaler.inverse_transform(np.zeros((2, 12)), feature=0),
        cls().fit(train["sales"]).inverse_transform(np.zeros((2, 12))),
    )


def test_the_readme_says_make_windows_gives_a_pair_and_where_its_targets_are():
    # the README set make_windows beside split_windows' parts, (X, Y, t) with a repr, without
    # saying it gives a plain pair: make_windows(...).X failed with "'tuple' object has no
    # attribute 'X'"; it says so, and where each window's first target is
    y = load_dataset("airline").to_numpy()
    out = make_windows(y, 12, 3, stride=5)
    assert type(out) is tuple and len(out) == 2
    X, Y = out
    t = 12 + np.arange(len(X)) * 5
    np.testing.assert_array_equal(Y[:, 0], y[t])
    np.testing.assert_array_equal(X[:, -1, 0], y[t - 1])
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert (
        "`make_windows` cuts one series without a split and gives the pair alone, `X, Y = "
        "make_windows(values, lookback, horizon)`, not a `Windows` (`.X` of its tuple fails): "
        "window `i`'s first target is at `lookback + i * stride`."
    ) in readme


def test_target_col_is_told_as_a_position_with_the_frame_s_columns():
    # "`target_col` must be a column of `values` (it has 3), got 'b'" for a frame whose column
    # 'b' is there contradicted itself; it takes a position, and a name not there is told the
    # columns with theirs
    frame = pd.DataFrame({name: np.arange(20.0) for name in "abcdefg"})
    with pytest.raises(ValueError) as err:
        make_windows(frame, 3, 1, target_col="sales")
    assert str(err.value) == (
        "`target_col` must be a column's position in `values` (0 to 6), got 'sales'; `values` "
        "is a DataFrame of columns 'a' (0), 'b' (1), 'c' (2), 'd' (3), 'e' (4) and 2 more."
    )
    with pytest.raises(ValueError) as err:
        split_windows(np.arange(20.0), 3, 1, test=4, target_col=1)
    assert str(err.value) == (
        "`target_col` must be a column's position in `values` (0, its one column), got 1."
    )
