"""Values a Python user passes to the Forecaster, the metrics and the scalers: leftovers."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.data import StandardScaler
from lstmkit.metrics import mase, rmse


@pytest.mark.parametrize("dtype", ["float8_e4m3fn", "float8_e5m2"])
def test_float8_tensors_are_widened_exactly_as_bfloat16(dtype):
    # numpy lacks float8 as it lacks bfloat16: "numpy cannot read as floats (Got unsupported
    # ScalarType Float8_e4m3fn)"; every float8 value is a float32 one
    y_pred = torch.tensor([1.0, 2.0, 0.5]).to(getattr(torch, dtype))
    assert rmse([1.0, 2.0, 0.5], y_pred) == 0.0
    scaled = StandardScaler().fit(y_pred).transform(y_pred)
    np.testing.assert_allclose(scaled, np.array([-1, 5, -4]) / 6 / np.sqrt(7 / 18), rtol=1e-15)


def test_a_list_of_numpy_dates_is_refused_as_an_array_of_them():
    # scored as days since 1970 (rmse 18276.0...), where an array of the same dates was refused
    dates = [np.datetime64("2020-01-01"), np.datetime64("2020-02-01")]
    for metric in (lambda: rmse(dates, [1.0, 2.0]), lambda: mase([1.0], [2.0], y_train=dates)):
        with pytest.raises(ValueError) as err:
            metric()
        name = str(err.value).split("`")[1]
        assert str(err.value) == (
            f"`{name}` must hold values only, got dates (datetime64[D]); keep the dates apart, "
            "as a pandas index, and pass the values."
        )
    with pytest.raises(TypeError) as err:  # durations: read as counts of hours
        rmse((np.timedelta64(2, "h"),), [2.0])
    assert str(err.value) == (
        "`y_true` must hold numbers, got durations (timedelta64[h]); give them in a unit, "
        "e.g. y_true / np.timedelta64(1, 'h') for hours."
    )


def test_a_list_of_python_dates_is_refused_as_dates():
    # was "got list that numpy cannot read as floats (float() argument must be ... not
    # 'datetime.date')"
    with pytest.raises(ValueError) as err:
        rmse([datetime.date(2020, 1, 1), datetime.date(2020, 3, 1)], [1.0, 2.0])
    assert str(err.value) == (
        "`y_true` must hold values only, got dates ('2020-01-01' … '2020-03-01'); keep the "
        "dates apart, as a pandas index, and pass the values."
    )
    with pytest.raises(ValueError) as err:  # IndexError: list index out of range
        rmse([pd.NaT, pd.NaT], [1.0, 2.0])
    assert str(err.value).startswith("`y_true` must hold values only, got dates ('NaT' … 'NaT');")
    durations = [pd.Timedelta("2h"), datetime.timedelta(hours=3)]
    with pytest.raises(TypeError) as err:
        rmse([2.0, 3.0], durations)
    assert str(err.value) == (
        "`y_pred` must hold numbers, got durations (timedelta64[ns]); give them in a unit, "
        "e.g. pd.to_timedelta(y_pred) / np.timedelta64(1, 'h') for hours."
    )
    # as advised, once an array (numpy 1's division of a list makes objects of them)
    assert rmse([2.0, 3.0], np.array(durations, "m8[ns]") / np.timedelta64(1, "h")) == 0.0


@pytest.fixture(scope="module")
def standard_forecaster():
    """A tiny Forecaster with one global scaler, fitted on the first four years of airline."""
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    y = load_dataset("airline")
    config = ForecasterConfig(
        horizon=2, ensemble=1, epochs=1, hidden_size=4, scaling="standard", transform="none"
    )
    return Forecaster(config).fit(y[:48]), y


def test_predict_warns_of_a_newer_history_far_outside_the_training_range(standard_forecaster):
    # the history was scaled with the training series' mean and spread without a word: ten
    # times the level read as inputs of 60 to 88 standard deviations
    fc, y = standard_forecaster
    assert fc.state_["inputs"] == [pytest.approx([-1.7471857146989014, 1.9351801842782628])]
    with pytest.warns(UserWarning) as record:
        far = fc.predict(2, series=y[:48] * 10)
    assert [str(w.message) for w in record] == [
        "`series` lies far outside the training series as the network reads it: its last 12 "
        "points, scaled with the statistics fitted on the training series "
        "(scaling='standard'), span 60.5 … 88 in 'airline' (training: -1.75 … 1.94), more "
        "than twice the training inputs' range about its middle, so the forecast "
        "extrapolates; fit on this history for one that has seen such values."
    ]
    assert far.shape == (2, 3)
    # inside the range: no warning (the suite's warnings are errors), the forecast as before
    pd.testing.assert_frame_equal(fc.predict(2, series=y[:48]), fc.predict(2))


def test_load_keeps_and_checks_the_training_inputs_range(standard_forecaster, tmp_path, edit_saved):
    from lstmkit.forecast import Forecaster

    fc, y = standard_forecaster
    fc.save(tmp_path / "m")
    with pytest.warns(UserWarning, match="^`series` lies far outside"):
        Forecaster.load(tmp_path / "m").predict(2, series=y[:48] * 10)
    with edit_saved(tmp_path / "m") as saved:
        saved["state"]["inputs"] = [[2.0, 1.0]]
    with pytest.raises(ValueError) as err:
        Forecaster.load(tmp_path / "m")
    assert str(err.value).endswith(
        "does not describe a usable Forecaster: state.inputs must be null or a list of 1 "
        "[low, high] pairs of finite numbers (the ranges of the scaled training inputs, one "
        "per column), got [[2.0, 1.0]]."
    )
    with edit_saved(tmp_path / "m") as saved:  # saved before it was kept: no warning
        del saved["state"]["inputs"]
    Forecaster.load(tmp_path / "m").predict(2, series=y[:48] * 10)


@pytest.mark.parametrize(
    ("freq", "plan_freq", "shift", "hint"),
    [
        # stamped at noon: the same frequency, and no word on why every step was missing
        (
            "D",
            "D",
            "12h",
            "none of its timestamps is one of the steps, though its frequency is the series', "
            "D; stamp them as the series' steps, e.g. future_covariates.index = "
            "future_covariates.index.normalize()",
        ),
        (
            "h",
            "h",
            "30min",
            "none of its timestamps is one of the steps, though its frequency is the series', "
            "h; stamp them as the series' steps, e.g. future_covariates.index = "
            "future_covariates.index.floor('h')",
        ),
        # quarter ends beside quarter starts were told the months' fix, to_period('M'), which
        # stamps them at the quarters' last months
        (
            "QS",
            "QE",
            "0h",
            "none of its timestamps is one of the steps: its frequency is QE-DEC, the series' "
            "QS-JAN; stamp them as the series' steps, e.g. future_covariates.index = "
            "future_covariates.index.to_period('Q-DEC').to_timestamp()",
        ),
    ],
)
def test_a_plan_that_misses_every_step_is_told_the_fix_for_the_series_frequency(
    freq, plan_freq, shift, hint
):
    from lstmkit.forecast import Forecaster

    index = pd.date_range("2000-01-03", periods=40, freq=freq)
    y = pd.Series(10 + np.sin(np.arange(40) / 3), index, name="y")
    stamps = pd.date_range(index[0] + pd.Timedelta(shift), periods=50, freq=plan_freq)
    plan = pd.Series(np.arange(50.0) % 2, stamps, name="promo")
    fc = Forecaster(horizon=3, season_length=1, hidden_size=4, epochs=1, ensemble=1, lookback=8)
    with pytest.raises(ValueError) as err:
        fc.fit(y, future_covariates=plan)
    assert str(err.value).endswith(f" ({hint}).")
    fix = {  # the advice, as code
        "D": lambda i: i.normalize(),
        "h": lambda i: i.floor("h"),
        "QS": lambda i: i.to_period("Q-DEC").to_timestamp(),
    }[freq]
    fc.fit(y, future_covariates=plan.set_axis(fix(plan.index)))  # which works


def test_predict_warns_of_a_covariate_far_outside_its_training_range():
    # a covariate in other units (cents for euros) was standardized with the training
    # series' mean and spread without a word; a level shift of the target under the default
    # log and scaling="window" leaves the network's inputs as they were: no warning
    from lstmkit.forecast import Forecaster

    index = pd.date_range("2020-01-06", periods=120, freq="D")
    t = np.arange(120)
    data = pd.DataFrame({"y": 50 + 10 * np.sin(t / 4), "price": 1 + (t % 10) / 10}, index)
    fc = Forecaster(horizon=2, hidden_size=4, epochs=1, ensemble=1, lookback=14).fit(data)
    assert fc.state_["inputs"][1] == pytest.approx([-1.5237411191546006, 1.58799526273341])
    fc.predict(2, series=data.assign(y=data["y"] * 100))
    with pytest.warns(UserWarning) as record:
        fc.predict(2, series=data.assign(price=data["price"] * 100))
    assert [str(w.message) for w in record] == [
        "`series` lies far outside the training series as the network reads it: its last 14 "
        "points, scaled with the statistics fitted on the training series (scaling='window'), "
        "span 341 … 652 in 'price' (training: -1.52 … 1.59), more than twice the training "
        "inputs' range about its middle, so the forecast extrapolates; fit on this history "
        "for one that has seen such values."
    ]


def test_a_list_of_tensors_that_require_grad_is_still_refused_by_name():
    # the dates' check read the list as an array first, and torch's bare RuntimeError came out
    grad = torch.arange(3.0, requires_grad=True)
    for call, name in (
        (lambda: rmse([grad[0]], [1.0]), "y_true"),
        (lambda: StandardScaler().fit([grad[0], grad[1]]), "x"),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == (
            f"`{name}` must be an array of numbers, got a list of tensors that require grad (a "
            "network's outputs outside torch.no_grad()), which numpy cannot read; pass "
            f"[v.detach() for v in {name}], or compute them under torch.no_grad()."
        )
