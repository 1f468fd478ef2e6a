"""walk33b: README's "From Python" (second half) and "By hand", walked as a pandas user."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 6, "hidden_size": 4, "seed": 0}


# --- 1. a newer history in another time zone than the training data's ------------------------


def _hourly_in_berlin() -> pd.Series:
    hours = pd.date_range("2021-01-01", periods=96, freq="h", tz="Europe/Berlin")
    return pd.Series(50 + 10 * np.sin(np.arange(96) * 2 * np.pi / 24), hours, name="y")


def test_a_newer_history_in_another_zone_is_refused_with_the_conversion():
    # The same instants in UTC (or Tokyo) were forecast without a word: the calendar inputs
    # read UTC's clock an hour off the trained one, and the forecast came out other, labelled
    # in UTC. A newer series without a zone, or naive for a zoned model, was refused already.
    y = _hourly_in_berlin()
    fc = Forecaster(horizon=2, interval=None, **QUICK).fit(y)
    for zone, first in (
        ("UTC", "2020-12-31 23:00:00+00:00"),
        ("Asia/Tokyo", "2021-01-01 08:00:00+09:00"),
    ):
        given = y.tz_convert(zone)
        for call, kwargs in (
            (fc.predict, {"series": given}),
            (fc.residuals, {"series": given}),
            (fc.backtest, {"series": given, "start": 80, "retrain": False}),
        ):
            with pytest.raises(ValueError) as err:
                call(**kwargs)
            assert str(err.value) == (
                "`series` must have timestamps in Europe/Berlin like the training data's, got "
                f"timestamps in {zone} (first {first}), whose clock times differ and would be "
                "read as the trained ones; e.g. series.index = "
                "series.index.tz_convert('Europe/Berlin') (the same instants on the training "
                "data's clock)."
            )
    # as it says: the same forecast as from the training data's own stamps
    back = fc.predict(series=y.tz_convert("UTC").tz_convert("Europe/Berlin"))
    assert back.equals(fc.predict())


def test_another_zone_with_the_same_clock_times_is_taken():
    # a fixed offset of +01:00 is Berlin's clock in January: the forecast is the one of the
    # Berlin stamps, bit for bit, labelled in the zone given
    y = _hourly_in_berlin()
    fc = Forecaster(horizon=2, interval=None, **QUICK).fit(y)
    fixed = y.tz_convert("UTC+01:00")
    got = fc.predict(series=fixed)
    assert str(got.index.tz) == "UTC+01:00"
    np.testing.assert_array_equal(got["forecast"].to_numpy(), fc.predict()["forecast"].to_numpy())


def test_a_daily_newer_history_in_utc_is_told_its_zone_not_irregular_steps():
    # Midnight in New York is 04:00 or 05:00 UTC: a daily model's newer history in UTC was told
    # "must be regularly spaced (no gaps), got irregular steps before 2020-03-09 04:00:00+00:00"
    days = pd.date_range("2020-02-01", periods=60, freq="D", tz="America/New_York")
    y = pd.Series(10 + np.sin(np.arange(60.0)), days, name="y")
    fc = Forecaster(horizon=2, interval=None, **QUICK).fit(y)
    with pytest.raises(ValueError) as err:
        fc.predict(series=y.tz_convert("UTC"))
    assert str(err.value) == (
        "`series` must have timestamps in America/New_York like the training data's, got "
        "timestamps in UTC (first 2020-02-01 05:00:00+00:00), whose clock times differ and "
        "would be read as the trained ones; e.g. series.index = "
        "series.index.tz_convert('America/New_York') (the same instants on the training data's "
        "clock)."
    )


# --- 2. residuals' index named as the series' -------------------------------------------------


def test_residuals_index_has_the_series_index_name_or_none():
    # an index without a name came back named "timestamp", the backtest table's column, where
    # predict's forecast index has none
    y = load_dataset("airline")[:60]
    fc = Forecaster(horizon=2, interval=None, **QUICK).fit(y)
    assert fc.residuals(y).index.name == "month" == fc.predict().index.name
    unnamed = y.rename_axis(None)
    assert fc.residuals(unnamed).index.name is None
    assert fc.predict(series=unnamed).index.name is None
    positions = pd.Series(y.to_numpy())
    fp = Forecaster(horizon=2, interval=None, **QUICK).fit(positions)
    got = fp.residuals(positions)
    assert got.index.name is None and got.index[0] == 6 and isinstance(got.index, pd.Index)


# --- 3. README's quoted commands and messages, as they run --------------------------------------

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (
            "lstmkit forecast airline --dropout 20%",
            "error: --dropout must be a number in [0, 1), got '20%' (a fraction: 0.2 for 20 %).\n",
        ),
        (
            "lstmkit forecast airline --holdout 10%",
            "error: --holdout must be an integer, got '10%' (a count of points, not a "
            "percentage).\n",
        ),
    ],
)
def test_the_readme_s_flag_refusals_name_a_dataset_and_give_the_flag_s_words(command, said, capsys):
    # quoted without a dataset, `lstmkit forecast --dropout 20%` was told "name a dataset
    # (airline, car_sales, milk, wine) or pass --csv FILE.", not the words the README gives
    from lstmkit.cli import main

    assert f"`{command}`" in " ".join(README.read_text("utf-8").split())
    capsys.readouterr()
    try:
        code = main(command.split()[1:])
    except SystemExit as exit_:  # argparse's refusals exit, the flags' checks return 2
        code = exit_.code
    assert code == 2
    assert capsys.readouterr().err == said


def test_the_readme_quotes_torch_s_error_of_net_on_the_tutorial_s_windows():
    # it quoted "(1x16 and 4x1)", a 4-unit network's on batches of 16, beside `Net` (16 units)
    # and its config (every window in one batch)
    import torch

    from lstmkit.data import MinMaxScaler, split_windows, time_split
    from lstmkit.nn import LSTM
    from lstmkit.train import TrainConfig, fit

    class Net(torch.nn.Module):  # the README's
        def __init__(self) -> None:
            super().__init__()
            self.lstm, self.head = LSTM(1, 16, batch_first=True), torch.nn.Linear(16, 1)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            out, _ = self.lstm(x)
            return self.head(out[:, -1])

    y = load_dataset("airline").to_numpy()
    train, _, _ = time_split(len(y), test=0.33)
    split = split_windows(MinMaxScaler().fit(y[train]).transform(y), 1, 1, test=0.33)
    X = torch.tensor(split.train.X[:, :, 0], dtype=torch.float32)  # the tutorial's [95, 1]
    Y = torch.tensor(split.train.Y, dtype=torch.float32)
    config = TrainConfig(epochs=300, lr=1e-2, batch_size=None, seed=0)
    mse = lambda model, batch: torch.nn.functional.mse_loss(model(batch[0]), batch[1])  # noqa: E731
    with pytest.raises(ValueError) as err:
        fit(Net(), mse, (X, Y), None, config)
    said = str(err.value).split("(RuntimeError: ")[1].split(")")[0] + ")"
    assert said == "mat1 and mat2 shapes cannot be multiplied (1x95 and 16x1)"
    assert f'torch\'s "{said}"' in " ".join(README.read_text("utf-8").split())


# --- 4. the scalers' scikit-learn parameters --------------------------------------------------


def test_the_scalers_give_and_take_their_parameters_as_scikit_learn_s():
    # scaler.get_params() was "'MinMaxScaler' object has no attribute 'get_params'"
    from lstmkit.data import MinMaxScaler, StandardScaler

    scaler = MinMaxScaler().fit([1.0, 2.0, 3.0])
    assert scaler.get_params() == {"feature_range": (0.0, 1.0)}
    assert StandardScaler().get_params(deep=False) == {}
    assert scaler.set_params(feature_range=(-1, 1)) is scaler
    assert repr(scaler) == "MinMaxScaler(feature_range=(-1.0, 1.0); not fitted)"
    assert scaler.fit_transform([1.0, 2.0, 3.0]).tolist() == [-1.0, 0.0, 1.0]
    assert StandardScaler().set_params().get_params() == {}


def test_set_params_refuses_as_the_constructor_does_and_changes_nothing():
    from lstmkit.data import MinMaxScaler, StandardScaler

    scaler = MinMaxScaler().fit([1.0, 2.0])
    with pytest.raises(TypeError) as err:
        scaler.set_params(copy=False, clip=True)
    assert str(err.value) == (
        "MinMaxScaler.set_params() got unknown keyword arguments 'copy', 'clip'; its "
        "parameters are ['feature_range']."
    )
    with pytest.raises(TypeError) as err:
        StandardScaler().set_params(with_mean=False)
    assert str(err.value) == (
        "StandardScaler.set_params() got unknown keyword argument 'with_mean'; it takes none."
    )
    with pytest.raises(ValueError) as err:
        scaler.set_params(feature_range=(1, 0))
    assert str(err.value) == (
        "`feature_range` must be two finite numbers (min, max) with min < max, got (1, 0)."
    )
    with pytest.raises(TypeError, match=r"^`feature_range` must be two finite numbers"):
        scaler.set_params(feature_range="ab")
    # nothing half-written: still fitted, on its old range
    assert repr(scaler) == "MinMaxScaler(feature_range=(0.0, 1.0); fitted on 1 feature)"
    assert scaler.transform([1.5]).tolist() == [0.5]


def test_a_feature_given_by_its_column_name_is_told_its_position():
    # fitted on a DataFrame, inverse_transform(forecast, feature="b") was told "got 'b'" alone
    from lstmkit.data import MinMaxScaler, StandardScaler

    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 4.0, 7.0]})
    for scaler in (StandardScaler().fit(frame), MinMaxScaler().fit(frame)):
        name = type(scaler).__name__
        with pytest.raises(ValueError) as err:
            scaler.inverse_transform(np.zeros((2, 3)), feature="b")
        assert str(err.value) == (
            f"`feature` must be one of the 2 features {name} was fitted on (0 to 1), got "
            "'b'; it was fitted on a DataFrame whose column 'b' is feature=1 (a position)."
        )
        assert scaler.inverse_transform(np.zeros((2, 3)), feature=1).shape == (2, 3)
    # an array's fit is told its features have no names (fcleft38)
    with pytest.raises(ValueError) as err:
        StandardScaler().fit(frame.to_numpy()).transform([1.0], feature="b")
    assert str(err.value) == (
        "`feature` must be one of the 2 features StandardScaler was fitted on (0 to 1), got "
        "'b', a name, and it was fitted on an array, whose features have none."
    )


# --- 5. scikit-learn's fit(X, y) ----------------------------------------------------------------


def _features_and_target() -> tuple[pd.DataFrame, pd.Series]:
    months = pd.date_range("2020-01-01", periods=40, freq="MS")
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(
        {
            "a": 100 + rng.normal(0, 1, 40).cumsum(),
            "b": rng.normal(size=40),
            "c": rng.normal(size=40),
        },
        index=months,
    )
    return frame[["b", "c"]], frame["a"]


def test_fit_x_y_in_scikit_learn_s_order_is_refused_with_both_ways_out():
    # fit(X, y) fitted X's first column as the target, y a covariate, without a word
    X, y = _features_and_target()
    fc = Forecaster(horizon=3, interval=None, **QUICK)
    with pytest.raises(ValueError) as err:
        fc.fit(X, y)
    assert str(err.value) == (
        "`series` is the target (a frame's first column) and `covariates` past inputs beside "
        "it, got a `series` of 2 columns ['b', 'c'] and 1-D `covariates` by position: "
        "scikit-learn's fit(X, y) order, which would forecast 'b' from 'c' and 'a'. Pass the "
        "target first, fit(y, covariates=X); or, to forecast X's first column from its others "
        "and y, name y: fit(X, covariates=y)."
    )
    assert not hasattr(fc, "state_") or fc.state_ is None  # nothing fitted
    with pytest.raises(ValueError) as err:
        fc.fit(X.to_numpy(), y.to_numpy())
    assert str(err.value) == (
        "`series` is the target (a frame's first column) and `covariates` past inputs beside "
        "it, got a `series` of 2 columns and 1-D `covariates` by position: scikit-learn's "
        "fit(X, y) order, which would forecast `series`' column 0 from its others and "
        "`covariates`. Pass the target first, fit(y, covariates=X); or, to forecast X's first "
        "column from its others and y, name y: fit(X, covariates=y)."
    )
    # both ways out fit, each as it says
    assert "fitted on 40 points of a (covariates b, c)" in repr(fc.fit(y, covariates=X))
    assert "fitted on 40 points of b (covariates c, a)" in repr(fc.fit(X, covariates=y))


def test_a_constant_feature_is_scaled_as_the_readme_says():
    # "gets scale 1" was MinMaxScaler's scale_ for feature_range (0, 1) alone: (-1, 1) gives 2
    from lstmkit.data import MinMaxScaler, StandardScaler

    text = " ".join(README.read_text("utf-8").split())
    assert (
        "gets a standard deviation or span of 1, so `MinMaxScaler` maps it to the feature " in text
    )
    for low, high in ((0.0, 1.0), (-1.0, 1.0)):
        scaler = MinMaxScaler(feature_range=(low, high)).fit([5.0, 5.0])
        assert float(scaler.scale_) == high - low  # its range's width over a span of 1
        assert scaler.transform([5.0, 6.0]).tolist() == [low, low + high - low]
    assert float(StandardScaler().fit([1 / 3] * 10).scale_) == 1.0
    assert float(StandardScaler().fit([0.1 + 0.2, 0.3]).scale_) == 1.0


# --- 6. quarters named by another anchor ------------------------------------------------------


def test_quarters_anchored_three_months_apart_are_one_frequency():
    # QS-OCT (a fiscal year from October) steps through the dates QS-JAN does: a model fitted
    # on one was told "must have the training data's frequency (QS-JAN), got QS-OCT"
    values = 50 + 10 * np.sin(np.arange(60) * 2 * np.pi / 4)
    starts = pd.Series(values, pd.date_range("2000-01-01", periods=60, freq="QS"), name="y")
    fc = Forecaster(horizon=2, interval=None, **QUICK).fit(starts)
    for anchor in ("QS-OCT", "QS-APR", "QS-JUL"):
        given = starts.asfreq(anchor)
        assert given.index.freqstr == anchor and given.index.equals(starts.index)
        np.testing.assert_array_equal(
            fc.predict(series=given)["forecast"].to_numpy(), fc.predict()["forecast"].to_numpy()
        )
        assert fc.residuals(given).equals(fc.residuals(starts))
    ends = pd.Series(values, pd.date_range("2000-03-31", periods=60, freq="QE"), name="y")
    fe = Forecaster(horizon=2, interval=None, **QUICK).fit(ends)
    assert fe.predict(series=ends.asfreq("QE-SEP")).index.equals(fe.predict().index)
    # other dates are another frequency, as before
    for other in (
        pd.Series(values, pd.date_range("2000-02-01", periods=60, freq="QS-FEB"), name="y"),
        ends,
    ):
        with pytest.raises(ValueError) as err:
            fc.predict(series=other)
        assert str(err.value) == (
            f"`series` must have the training data's frequency (QS-JAN), got {other.index.freqstr}."
        )


# --- 7. predict(X_test) -----------------------------------------------------------------------


def test_predict_of_the_test_data_is_told_the_count_to_pass():
    # predict(y_test) and sktime's fh as the test part's times were told "`horizon` must be a
    # positive integer, got DatetimeIndex([...],\n ...)" with no word of what to pass
    y = load_dataset("airline")[:60]
    fc = Forecaster(horizon=3, interval=None, **QUICK).fit(y[:-3])
    tail = (
        ": the number of steps to forecast after the series' end, not the test data or its "
        "times, predict(len(y_test)) (3 here); to forecast from a newer history, pass it as "
        "`series`, predict(h, series=newer)."
    )
    for given, shown in (
        (y[-3:], "a Series of 3 values, name 'airline'"),
        (y[-3:].to_frame(), "a DataFrame of shape (3, 1), columns ['airline']"),
        (y.index[-3:], "a DatetimeIndex of 3 times"),
        (pd.RangeIndex(3), "a RangeIndex of 3 values"),
        (y[-3:].to_numpy(), "an array of shape (3,)"),
        ([1, 2, 3], "[1, 2, 3]"),
    ):
        with pytest.raises(TypeError) as err:
            fc.predict(given)
        assert str(err.value) == f"`horizon` must be a positive integer, got {shown}{tail}"
    with pytest.raises(TypeError) as err:
        fc.predict(list(range(1, 8)))
    assert str(err.value).startswith(
        "`horizon` must be a positive integer, got a list of 7 values: the number of steps"
    )
    assert len(fc.predict(len(y[-3:]))) == 3
