"""The Python API under the inputs a pandas user has (api6): each test fails without its fix."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import baselines, data, metrics
from lstmkit.cli import main
from lstmkit.forecast import Forecaster


@pytest.fixture
def two_columns(tmp_path: Path) -> Path:
    csv = tmp_path / "s.csv"
    csv.write_text("date,y,x\n" + "".join(f"2000-01-{d:02d},{d},{d % 7}\n" for d in range(1, 31)))
    return csv


def test_read_csv_refuses_value_cols_as_a_set(two_columns: Path) -> None:
    # a set's order, and so which column was the target, varied from run to run
    # (PYTHONHASHSEED): ['y', 'x'] in one, ['x', 'y'] in the next
    with pytest.raises(TypeError) as e:
        data.read_csv(two_columns, "date", {"y", "x"})
    assert str(e.value) == (
        "`value_cols` must be in order, the target first, got a set of ['x', 'y'], which keeps "
        "no order (the target was whichever came first); pass a list, e.g. ['x', 'y']."
    )
    # an ordered iterable is read in its order
    assert list(data.read_csv(two_columns, "date", {"x": 0, "y": 1}.keys()).columns) == ["x", "y"]


def test_read_csv_refuses_column_positions_naming_each(two_columns: Path) -> None:
    # pd.read_csv(index_col=0) takes positions; here they failed as "'int' object has no
    # attribute 'strip'"
    with pytest.raises(TypeError) as e:
        data.read_csv(two_columns, 0, ["y", 2])
    assert str(e.value) == (
        "`date_col` must be a column name (str), as the file's header row writes it, not a "
        "position, got int 0; `value_cols` must hold column names (str), as the file's header "
        "row writes them, not positions, got int 2 at position 1."
    )
    with pytest.raises(TypeError, match=re.escape("got int 1 at position 0.")):
        data.read_csv(two_columns, "date", [1])


def test_baselines_refuse_dates_and_text_naming_y() -> None:
    # numpy read a column of dates as microseconds since 1970 (naive forecast 9.468576e+14)
    # and text met its bare "could not convert string to float: 'x'"
    dates = pd.Series(pd.date_range("2000-01-01", periods=3, freq="D", unit="us"))
    with pytest.raises(ValueError) as e:
        baselines.naive(dates, 2)
    assert str(e.value) == (
        "`y` must hold values only, got dates (datetime64[us]); keep the dates apart, as a "
        "pandas index, and pass the values."
    )
    with pytest.raises(ValueError) as e:
        baselines.seasonal_naive(pd.Series(["1", "2", "x"], dtype="string"), 2, 2)
    assert str(e.value) == (
        "`y` must hold numbers, got text (first 'x'); select the columns of numbers."
    )
    with pytest.raises(ValueError, match=re.escape("`y` must hold values only, got dates")):
        baselines.baseline_forecasts(dates, 2, 1, statistical=False)
    # a column [T, 1] read as it was
    column = np.array([[1.0], [2.0], [3.0]])
    assert baselines.baseline_forecasts(column, 2, 2, statistical=False)[
        "seasonal_naive"
    ].tolist() == [2.0, 3.0]
    # numbers as text refused as the metrics refuse them (left31: it was read as numbers)
    with pytest.raises(ValueError) as e:
        baselines.naive(pd.Series(["1", "2", "3"], dtype="string"), 2)
    assert str(e.value) == (
        "`y` must hold numbers, got text (first '1'); convert it first: pd.to_numeric(y)."
    )


def test_masked_arrays_read_their_masked_values_as_missing() -> None:
    # np.asarray drops a mask: the hidden sentinel 999 was scored (RMSE 575.04...), forecast
    # from (naive 999.0) and windowed, where pandas reads it as missing
    hidden = np.ma.masked_array([1.0, 2.0, 999.0], mask=[False, False, True])
    assert np.isnan(metrics.rmse(hidden, [1.0, 2.0, 3.0]))
    assert np.isnan(metrics.mase([1.0], [2.0], y_train=hidden))
    assert np.isnan(baselines.naive(hidden, 1)[0])
    with pytest.warns(UserWarning, match=r"^`values` hold 1 NaN \(the first at index 2\)"):
        _, targets = data.make_windows(hidden, lookback=1, horizon=1)
    assert np.isnan(targets[-1, 0])
    with pytest.raises(ValueError, match=re.escape("StandardScaler.fit got 1 non-finite value")):
        data.StandardScaler().fit(hidden)
    # integers, text and objects too; an array without a mask reads as it is
    assert data._numbers(np.ma.masked_array([1, 2], mask=[True, False]), "y").tolist()[1] == 2.0
    assert np.isnan(data._numbers(np.ma.masked_array(["1", "x"], mask=[False, True]), "y")[1])
    assert metrics.rmse(np.ma.masked_array([1.0, 2.0]), [1.0, 4.0]) == pytest.approx(2**0.5)


def test_masked_future_covariates_are_refused_where_masked() -> None:
    y = pd.Series(
        np.sin(np.arange(48) / 2.0) + 5, index=pd.date_range("2000-01", periods=48, freq="MS")
    )
    plan = np.arange(52.0)
    fc = Forecaster(epochs=1, horizon=4, lookback=12, seed=0).fit(y, future_covariates=plan[:48])
    ahead = np.ma.masked_array(plan[48:], mask=[False, False, True, False])
    ahead.data[2] = 999.0  # was read as the plan's value: a forecast of it
    with pytest.raises(ValueError) as e:
        fc.predict(future_covariates=ahead)
    assert str(e.value) == (
        "`future_covariates` must hold a value at every step of the 4 forecast steps, got NaN "
        "in column 'x0' at 2004-03-01; fill it (lstmkit.data.to_frame(..., fill='ffill')) or "
        "give the value."
    )


def test_metrics_refuse_dataframes_of_the_same_columns_in_another_order() -> None:
    # paired by position, 'a' was scored against b's forecast: RMSE 14.23 for a perfect one
    y_true = pd.DataFrame({"a": [1.0, 2.0], "b": [10.0, 20.0]})
    y_pred = y_true[["b", "a"]]
    with pytest.raises(ValueError) as e:
        metrics.rmse(y_true, y_pred)
    assert str(e.value) == (
        "`y_true` and `y_pred` must have their columns in the same order (points are matched "
        "by position), got ['a', 'b'] and ['b', 'a']; reorder them first "
        "(`y_pred[y_true.columns]`)."
    )
    assert metrics.rmse(y_true, y_pred[y_true.columns]) == 0.0
    # other names are paired by position, as before (a forecast's own column names)
    assert metrics.rmse(y_true, y_true.set_axis(["fa", "fb"], axis=1)) == 0.0


def test_a_url_is_said_to_be_one_not_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    # Path made it "https:/example.com/a.csv", said as "`csv` file not found" (no argument)
    with pytest.raises(FileNotFoundError) as e:
        data.read_csv("https://example.com/a.csv", "date", "y")
    assert str(e.value) == (
        "`path` must be a local file, got the URL 'https://example.com/a.csv': lstmkit reads no "
        "network; download it first (e.g. urllib.request.urlretrieve('https://example.com/a.csv', "
        "'data.csv')) and pass the file's name."
    )
    with pytest.raises(FileNotFoundError) as e:
        data.series_names("s3://bucket/a.csv", "store")
    assert str(e.value) == (
        "`path` must be a local file, got the URL 's3://bucket/a.csv': lstmkit reads no "
        "network; copy it to a local file first and pass the file's name."
    )
    with pytest.raises(FileNotFoundError) as e:
        data.read_csv("file:///no/such/a.csv", "date", "y")
    assert str(e.value) == (
        "`path` must be a file's path, not a URL, got 'file:///no/such/a.csv'; pass the path, "
        "'/no/such/a.csv'."
    )
    # a missing file, on Windows too ("C:" is a drive, not a scheme)
    with pytest.raises(FileNotFoundError, match=re.escape("`path` file not found: 'C:/a.csv'.")):
        data.read_csv("C:/a.csv", "date", "y")
    argv = ["forecast", "--csv", "https://example.com/a.csv", "--date-col", "d", "--value-col", "y"]
    assert main(argv) != 0
    assert capsys.readouterr().err.strip() == (
        "error: --csv must be a local file, got the URL 'https://example.com/a.csv': lstmkit "
        "reads no network; download it first (e.g. curl -L -o data.csv "
        "https://example.com/a.csv) and pass the file's name."
    )


def test_a_categorical_index_reads_as_its_values() -> None:
    # a groupby over a categorical column gives one: its dates were read as the positions
    # 0 .. T-1, without a calendar (and its strings of dates were not refused as text)
    dates = pd.date_range("2000-01-01", periods=5, freq="D")
    frame = data.to_frame(pd.Series(np.arange(5.0), index=pd.CategoricalIndex(dates)))
    assert frame.index.equals(pd.date_range("2000-01-01", periods=5, freq="D"))
    assert frame.index.freqstr == "D"
    text = pd.CategoricalIndex([str(d.date()) for d in dates])
    with pytest.raises(ValueError, match=r"^`series` must have a DatetimeIndex \(or a PeriodIndex"):
        data.to_frame(pd.Series(np.arange(5.0), index=text))


def test_an_index_of_uneven_durations_is_refused_as_an_uneven_integer_one() -> None:
    # elapsed times 0h, 1h, 3h, 4h were read as the positions 0 .. 3: the gap lost silently
    elapsed = pd.to_timedelta(["0h", "1h", "3h", "4h"])
    with pytest.raises(ValueError) as e:
        data.to_frame(pd.Series(np.arange(4.0), index=elapsed))
    assert str(e.value) == (
        "the index of durations of `series` must rise by one constant step, got 0 days 01:00:00 "
        "then 0 days 03:00:00 (row 2); put it on one step first, e.g. "
        "series.resample('h').mean()."
    )
    regular = pd.timedelta_range(0, periods=4, freq="h")  # positions, as before
    assert data.to_frame(pd.Series(np.arange(4.0), index=regular)).index.equals(pd.RangeIndex(4))


def test_an_integer_index_with_a_missing_label_is_refused_naming_it() -> None:
    # pandas' "cannot convert to 'int64'-dtype NumPy array with missing values"
    index = pd.Index(pd.array([1, 2, None, 4], dtype="Int64"))
    with pytest.raises(ValueError) as e:
        data.to_frame(pd.Series(np.arange(4.0), index=index))
    assert str(e.value) == (
        "the integer index of `series` must label every row, got a missing label (<NA>) at "
        "row 2; drop that row or give its label."
    )


def test_a_tensor_or_a_list_of_the_data_is_refused_with_how_to_pass_it() -> None:
    torch = pytest.importorskip("torch")
    values = np.sin(np.arange(30.0)) + 2
    with pytest.raises(TypeError) as e:
        Forecaster(epochs=1, horizon=2, lookback=4).fit(torch.tensor(values))
    assert str(e.value) == (
        "`series` must be a pandas Series/DataFrame or a numpy array, got Tensor; pass "
        "series.detach().cpu().numpy(), or a pandas Series or DataFrame of it indexed by its "
        "dates."
    )
    with pytest.raises(TypeError, match=re.escape("got list; pass np.asarray(covariates), or")):
        Forecaster(epochs=1, horizon=2, lookback=4).fit(values, list(values))
    fc = Forecaster(epochs=1, horizon=2, lookback=4, seed=0)
    fc.fit(values, future_covariates=np.arange(30.0))
    with pytest.raises(TypeError) as e:
        fc.predict(future_covariates=torch.ones(2))
    assert str(e.value) == (
        "`future_covariates` must be a pandas Series/DataFrame or a numpy array, got Tensor; "
        "pass future_covariates.detach().cpu().numpy(), or a pandas Series or DataFrame of it "
        "indexed by its dates."
    )


def test_predict_says_to_transpose_a_series_laid_along_a_row() -> None:
    # fit said so of shape (1, T); predict said only "got 30"
    values = np.sin(np.arange(30.0)) + 2
    fc = Forecaster(epochs=1, horizon=2, lookback=4, seed=0).fit(values)
    with pytest.raises(ValueError) as e:
        fc.predict(series=values.reshape(1, -1))
    assert str(e.value) == (
        "`series` must have 1 column like the training data (['value']), got 30 (an array "
        "of shape (1, 30), whose rows are the time steps: transpose it, series.T)."
    )


def test_backtest_start_of_a_label_says_it_counts_positions() -> None:
    # a series indexed 100 .. 129: start=125, a label there, was refused as no position alone
    series = pd.Series(np.sin(np.arange(30.0)) + 2, index=pd.RangeIndex(100, 130))
    fc = Forecaster(epochs=1, horizon=2, lookback=4, seed=0)
    with pytest.raises(ValueError) as e:
        fc.backtest(series, start=125, statistical_baselines=False)
    assert str(e.value) == (
        "`start` must be a position in 1..28 (or -29..-2 from the end), leaving a whole horizon "
        "(2) of the 30 points after it, got 125; `start` counts positions, not the index's "
        "labels (100 .. 129): the label 125 is at position 25."
    )
