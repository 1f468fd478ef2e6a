"""Fixes from the second review of the data helper's branch (85e0934..9600371)."""

import datetime

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit.cli import main
from lstmkit.data import StandardScaler
from lstmkit.metrics import rmse


def _daily(n: int = 120) -> pd.DataFrame:
    index = pd.date_range("2020-01-06", periods=n, freq="D")
    t = np.arange(n)
    return pd.DataFrame({"y": 50 + 10 * np.sin(t / 4), "price": 1 + (t % 10) / 10}, index)


@pytest.mark.parametrize("arg", ["covariates", "future_covariates"])
def test_far_outside_warning_names_a_covariate_as_given_with_its_argument(arg):
    # it named the internal column 'cov:price' (or 'fut:price') and blamed `series`, which
    # the user had given as it was in training
    data = _daily()
    y, price = data[["y"]], data[["price"]]
    fc = Forecaster(horizon=2, hidden_size=4, epochs=1, ensemble=1, lookback=14)
    if arg == "covariates":
        fc.fit(y, covariates=price)
        newer = {"covariates": price * 100}
    else:
        later = pd.date_range(data.index[-1], periods=3, freq="D")[1:]
        plan = pd.concat([price, pd.DataFrame({"price": [1.0, 1.1]}, later)])
        fc.fit(y, future_covariates=plan)
        newer = {"future_covariates": plan * 100}
    with pytest.warns(UserWarning) as record:
        fc.predict(2, series=y, **newer)
    assert [str(w.message) for w in record] == [
        f"`{arg}` lies far outside the training series as the network reads it: its last 14 "
        "points, scaled with the statistics fitted on the training series (scaling='window'), "
        f"span 341 … 652 in 'price' of `{arg}` (training: -1.52 … 1.59), more than twice the "
        "training inputs' range about its middle, so the forecast extrapolates; fit on this "
        "history for one that has seen such values."
    ]


@pytest.mark.filterwarnings("always::UserWarning")
def test_cli_predict_far_outside_warning_names_the_csv_and_the_covariate_flag(
    tmp_path, capsys, undrawn_figures
):
    # a covariate far outside kept the library's `covariates` and 'cov:price' in lstmkit predict
    data = _daily()
    data.to_csv(tmp_path / "old.csv", index_label="day")
    data.assign(price=data["price"] * 100).to_csv(tmp_path / "new.csv", index_label="day")
    flags = ["--date-col", "day", "--value-col", "y", "--covariate-cols", "price"]
    fit = ["--horizon", "2", "--lookback", "14", "--epochs", "1", "--ensemble", "1"]
    out = str(tmp_path / "run")
    assert main(["forecast", "--csv", str(tmp_path / "old.csv"), *flags, *fit, "--out", out]) == 0
    capsys.readouterr()
    assert main(["predict", out, "--csv", str(tmp_path / "new.csv"), *flags]) == 0
    err = capsys.readouterr().err
    texts = [line.removeprefix("warning: ") for line in err.splitlines() if "far outside" in line]
    assert texts == [
        f"--csv {str(tmp_path / 'new.csv')!r} lies far outside the training series as the network "
        "reads it: its last "
        "14 points, scaled with the statistics fitted on the training series "
        "(scaling='window'), span 341 … 652 in 'price' of --covariate-cols (training: -1.54 … "
        "1.57), more than twice the training inputs' range about its middle, so the forecast "
        f"extrapolates; fit a model on --csv {str(tmp_path / 'new.csv')!r} (lstmkit forecast ... "
        "--out DIR) for one "
        "that has seen such values."
    ]


def test_a_list_of_python_durations_is_told_code_that_works_on_numpy_1():
    # "e.g. y_pred / np.timedelta64(1, 'h')": numpy 1 divides such a list into objects (pandas'
    # Timedelta) or not at all (ufunc 'divide' cannot use operands with types dtype('O'))
    y_pred = [pd.Timedelta("2h"), datetime.timedelta(hours=3)]
    for call, name in (
        (lambda: rmse([2.0, 3.0], y_pred), "y_pred"),
        (lambda: StandardScaler().fit(y_pred), "x"),
    ):
        with pytest.raises(TypeError) as err:
            call()
        assert str(err.value) == (
            f"`{name}` must hold numbers, got durations (timedelta64[ns]); give them in a unit, "
            f"e.g. pd.to_timedelta({name}) / np.timedelta64(1, 'h') for hours."
        )
    hours = pd.to_timedelta(y_pred) / np.timedelta64(1, "h")  # as advised
    assert rmse([2.0, 3.0], hours) == 0.0
    assert StandardScaler().fit(hours).mean_ == 2.5
    with pytest.raises(TypeError) as err:  # 2-D: pd.to_timedelta takes one dimension
        StandardScaler().fit([[pd.Timedelta("2h")], [pd.Timedelta("3h")]])
    assert str(err.value).endswith("e.g. np.array(x, 'm8[ns]') / np.timedelta64(1, 'h') for hours.")


def test_a_list_of_numpy_dates_or_durations_beside_a_missing_value_is_refused():
    # numpy read [np.datetime64(...), None] as days since 1970 and NaN: rmse gave nan, and a
    # scaler fitted on numbers transformed the dates
    scaler = StandardScaler().fit([1.0, 2.0])
    dates = [np.datetime64("2020-01-01"), None, np.datetime64("2020-03-01")]
    for call, name in (
        (lambda: rmse(dates, [1.0, 2.0, 3.0]), "y_true"),
        (lambda: scaler.transform(dates), "x"),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == (
            f"`{name}` must hold values only, got dates ('2020-01-01' … '2020-03-01'); keep "
            "the dates apart, as a pandas index, and pass the values."
        )
    hours = (np.timedelta64(2, "h"), np.nan)
    for call, name in (
        (lambda: rmse([2.0, 3.0], hours), "y_pred"),
        (lambda: scaler.transform(hours), "x"),
    ):
        with pytest.raises(TypeError) as err:
            call()
        assert str(err.value) == (
            f"`{name}` must hold numbers, got durations (timedelta64[ns]); give them in a unit, "
            f"e.g. pd.to_timedelta({name}) / np.timedelta64(1, 'h') for hours."
        )
    assert np.isnan(rmse([2.0, 3.0], pd.to_timedelta(hours) / np.timedelta64(1, "h")))
    # numbers beside None, as before: NaN
    assert np.isnan(rmse([1.0, None], [1.0, 2.0]))
