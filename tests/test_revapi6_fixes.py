"""Review of api6 (the Python API under pandas/numpy inputs): each test fails without its fix."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import numpy as np
import pandas as pd
import pytest

from lstmkit import data
from lstmkit._checks import not_found
from lstmkit.forecast import Forecaster


def test_read_csv_takes_value_cols_as_a_set_of_one_name(tmp_path: Path) -> None:
    # a set of one name has one order: it was read before api6, then refused as "keeps no order"
    csv = tmp_path / "s.csv"
    csv.write_text("date,y,x\n" + "".join(f"2000-01-{d:02d},{d},{d % 7}\n" for d in range(1, 31)))
    assert list(data.read_csv(csv, "date", {"y"}).columns) == ["y"]
    assert list(data.read_csv(csv, "date", frozenset({"x"})).columns) == ["x"]
    with pytest.raises(TypeError, match=re.escape("got a set of ['x', 'y'], which keeps no")):
        data.read_csv(csv, "date", {"x", "y"})


def test_a_file_url_names_the_path_it_holds(tmp_path: Path) -> None:
    # '/tmp/my%20data.csv' (no such file), '/C:/data/a.csv' and '/localhost/tmp/a.csv' were
    # named as the path to pass
    (tmp_path / "my data.csv").write_text(
        "date,y\n" + "".join(f"2000-01-{d:02d},{d}\n" for d in range(1, 31))
    )
    url = (tmp_path / "my data.csv").as_uri()  # file:///.../my%20data.csv
    with pytest.raises(FileNotFoundError) as e:
        data.read_csv(url, "date", "y")
    path = str(tmp_path / "my data.csv")
    assert str(e.value) == (
        f"`path` must be a file's path, not a URL, got {url!r}; pass the path, {path!r}."
    )
    assert data.read_csv(path, "date", "y").shape == (30, 1)  # the path named is the file
    with pytest.raises(FileNotFoundError) as e:
        data.read_csv("file:///C:/data/my%20a.csv", "date", "y")
    assert str(e.value) == (
        "`path` must be a file's path, not a URL, got 'file:///C:/data/my%20a.csv'; pass the "
        "path, 'C:/data/my a.csv'."
    )
    with pytest.raises(FileNotFoundError, match=re.escape("pass the path, '/no/a.csv'.")):
        data.read_csv("file://localhost/no/a.csv", "date", "y")
    # a URL as Windows' Path writes it, with backslashes, was "file not found"
    assert str(not_found(PureWindowsPath("https://example.com/a.csv"), "--csv")) == (
        "--csv must be a local file, got the URL 'https://example.com/a.csv': lstmkit reads no "
        "network; download it first (e.g. urllib.request.urlretrieve('https://example.com/"
        "a.csv', 'data.csv')) and pass the file's name."
    )
    assert str(not_found(PureWindowsPath("C:/a.csv"), "--csv")) == (
        "--csv 'C:\\\\a.csv' not found."
    )


def test_categorical_dates_whose_categories_are_out_of_order_get_a_fix_that_works() -> None:
    # "sort them first: series.sort_index()" sorts a CategoricalIndex by its categories:
    # the same error again
    dates = pd.date_range("2000-01-01", periods=5, freq="D")
    order = dates[[1, 0, 2, 3, 4]]
    series = pd.Series(np.arange(5.0), index=pd.CategoricalIndex(order, categories=order))
    with pytest.raises(ValueError) as e:
        data.to_frame(series)
    assert str(e.value) == (
        "timestamps in `series` must be sorted in increasing order, got 2000-01-01 after "
        "2000-01-02 (position 1); its CategoricalIndex sorts by its categories, which are not "
        "in time order: sort it by its dates, "
        "series.set_axis(np.asarray(series.index)).sort_index()."
    )
    fixed = data.to_frame(series.set_axis(np.asarray(series.index)).sort_index())
    assert fixed.index.equals(dates) and fixed["value"].tolist() == [1.0, 0.0, 2.0, 3.0, 4.0]
    # categories in order: sort_index() sorts the dates, as the usual advice says
    plain = pd.Series(np.arange(5.0), index=pd.CategoricalIndex(order))
    with pytest.raises(ValueError, match=re.escape("sort them first: series.sort_index().")):
        data.to_frame(plain)
    assert data.to_frame(plain.sort_index()).index.equals(dates)


def test_uneven_durations_advise_the_step_of_the_times_in_order() -> None:
    # in the order given, 0h 2h 1h 3h rise by 2h: resample('2h') averaged 0h with 1h
    series = pd.Series([0.0, 2.0, 1.0, 3.0], index=pd.to_timedelta(["0h", "2h", "1h", "3h"]))
    with pytest.raises(ValueError) as e:
        data.to_frame(series)
    assert str(e.value) == (
        "the index of durations of `series` must rise by one constant step, got 0 days "
        "00:00:00 then 0 days 02:00:00 (row 1); put it on one step first, e.g. "
        "series.resample('h').mean()."
    )
    assert data.to_frame(series.resample("h").mean())["value"].tolist() == [0.0, 1.0, 2.0, 3.0]


def test_backtest_start_label_of_an_index_from_0_by_2_and_of_no_origin() -> None:
    # RangeIndex(0, 60, 2) starts at 0 and gave no hint; a label at position 0 or past the
    # last origin was named as if its position were a start
    values = np.sin(np.arange(30.0)) + 2
    fc = Forecaster(epochs=1, horizon=2, lookback=4, seed=0)
    with pytest.raises(ValueError) as e:
        fc.backtest(pd.Series(values, index=pd.RangeIndex(0, 60, 2)), start=50)
    assert str(e.value) == (
        "`start` must be a position in 1..28 (or -29..-2 from the end), leaving a whole horizon "
        "(2) of the 30 points after it, got 50; `start` counts positions, not the index's "
        "labels (0 .. 58): the label 50 is at position 25."
    )
    with pytest.raises(ValueError) as e:
        fc.backtest(pd.Series(values, index=pd.RangeIndex(100, 130)), start=129)
    assert str(e.value).endswith(
        "got 129; `start` counts positions, not the index's labels (100 .. 129): the label 129 "
        "is at position 29, outside 1..28 too."
    )
    with pytest.raises(ValueError) as e:  # positions 0 .. T-1: no label to mistake
        fc.backtest(pd.Series(values), start=50)
    assert str(e.value).endswith("of the 30 points after it, got 50.")


def test_a_bfloat16_tensor_is_told_to_widen_it_for_numpy() -> None:
    # "pass series.detach().cpu().numpy()" met torch's "Got unsupported ScalarType BFloat16"
    torch = pytest.importorskip("torch")
    series = torch.tensor(np.sin(np.arange(30.0)) + 2, dtype=torch.bfloat16)
    with pytest.raises(TypeError) as e:
        Forecaster(epochs=1, horizon=2, lookback=4).fit(series)
    assert str(e.value) == (
        "`series` must be a pandas Series/DataFrame or a numpy array, got Tensor; pass "
        "series.detach().cpu().float().numpy(), or a pandas Series or DataFrame of it indexed "
        "by its dates."
    )
    fc = Forecaster(epochs=1, horizon=2, lookback=4, seed=0)
    assert fc.fit(series.detach().cpu().float().numpy()).predict().shape[0] == 2
