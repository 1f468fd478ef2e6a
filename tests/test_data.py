import json
import re
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig


def test_bundled_datasets_load_with_documented_values():
    air = D.load_dataset("airline")
    assert len(air) == 144 and air.index.freqstr == "MS"
    assert air.iloc[:3].tolist() == [112.0, 118.0, 132.0] and air.iloc[-1] == 432.0
    assert str(air.index[-1].date()) == "1960-12-01"
    car = D.load_dataset("car_sales_quebec")  # file stem works too
    assert len(car) == 108 and car.iloc[:3].tolist() == [6550.0, 8728.0, 12026.0]
    for info in D.list_datasets():
        s = D.load_dataset(info.name)
        assert len(s) == info.length
        assert s.index[0].strftime("%Y-%m") == info.start
        assert s.index[-1].strftime("%Y-%m") == info.end
    with pytest.raises(ValueError, match="bundled datasets"):
        D.load_dataset("sunspots")


def test_make_windows_layout_and_stride():
    v = np.arange(10.0)
    X, Y = D.make_windows(v, lookback=3, horizon=2, stride=2)
    assert X.shape == (3, 3, 1) and Y.shape == (3, 2)
    assert X[1, :, 0].tolist() == [2.0, 3.0, 4.0] and Y[1].tolist() == [5.0, 6.0]
    two = np.column_stack([v, 10 * v])
    X, Y = D.make_windows(two, lookback=4, horizon=1, target_col=1)
    assert X.shape == (6, 4, 2) and Y[:, 0].tolist() == [40.0, 50.0, 60.0, 70.0, 80.0, 90.0]
    with pytest.raises(ValueError, match=r"must not exceed the series length \(10\)"):
        D.make_windows(v, lookback=8, horizon=3)
    with pytest.raises(ValueError, match="`horizon` must be a positive integer, got 0"):
        D.make_windows(v, lookback=2, horizon=0)


def test_time_split_is_ordered():
    tr, va, te = D.time_split(100, val=0.1, test=20)
    assert (tr, va, te) == (slice(0, 70), slice(70, 80), slice(80, 100))
    # fractions as numpy float32 were cut to 0 points by int()
    assert D.time_split(100, val=np.float32(0.1), test=np.float32(0.2))[1:] == (va, te)
    with pytest.raises(ValueError, match="at least one training point"):
        D.time_split(10, val=5, test=5)


def test_split_windows_keeps_every_target_in_its_part():
    v = np.column_stack([np.arange(50.0), 100 + np.arange(50.0)])
    split = D.split_windows(v, lookback=6, horizon=3, val=8, test=10, target_col=1)
    parts = D.time_split(50, val=8, test=10)  # 0-32, 32-40, 40-50
    for windows, part in zip(split, parts, strict=True):
        # every target inside the part; the window at each possible start, in order
        assert windows.t.tolist() == list(range(max(part.start, 6), part.stop - 3 + 1))
        for X, Y, t in zip(*windows, strict=True):
            assert X[:, 0].tolist() == list(range(t - 6, t))  # the 6 steps just before
            assert Y.tolist() == [100.0 + t, 101.0 + t, 102.0 + t]
    assert [len(w.t) for w in split] == [24, 6, 8]
    # the same windows as make_windows, less the 2 + 2 whose targets straddle a boundary
    X, Y = D.make_windows(v, lookback=6, horizon=3, target_col=1)
    assert len(X) == 24 + 6 + 8 + 4
    np.testing.assert_array_equal(
        np.concatenate([w.X for w in split]), X[np.r_[0:24, 26:32, 34:42]]
    )
    assert split.train.X.dtype == np.float64 and split.test.Y.shape == (8, 3)


def test_split_windows_stride_fractions_and_empty_parts():
    split = D.split_windows(np.arange(40.0), lookback=4, horizon=5, test=10, stride=5)
    assert split.test.t.tolist() == [30, 35]  # tiles the test part from its start
    assert split.train.t.tolist() == [4, 9, 14, 19, 24]
    assert split.val.X.shape == (0, 4, 1) and split.val.Y.shape == (0, 5) and len(split.val.t) == 0
    by_fraction = D.split_windows(np.arange(40.0), lookback=4, horizon=5, test=0.25, stride=5)
    np.testing.assert_array_equal(by_fraction.test.X, split.test.X)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"test": 2},
            r"the test part has 2 points, too few for one window: it needs at least "
            r"`horizon` \(3\)",
        ),
        (
            {"test": 13},
            r"the train part has 7 points, too few .* `lookback` \+ `horizon` \(6 \+ 3\)",
        ),
        ({"stride": 0}, "`stride` must be a positive integer, got 0"),
        (
            {"target_col": 1},
            r"`target_col` must be a column's position in `values` \(0, its one column\), got 1",
        ),
        ({"val": 1.5}, r"`val` as a fraction must be in \[0, 1\), got 1.5"),
        ({"val": 10, "test": 10}, "at least one training point of 20"),
    ],
)
def test_split_windows_errors(kwargs, message):
    args = {"lookback": 6, "horizon": 3, **kwargs}
    with pytest.raises(ValueError, match=message):
        D.split_windows(np.arange(20.0), **args)


def test_split_windows_refuses_a_bool_lookback_as_a_type():
    # a bool is no count: a TypeError, as the house style has a wrong type (revdoc14)
    with pytest.raises(TypeError, match="`lookback` must be a positive integer, got True"):
        D.split_windows(np.arange(20.0), lookback=True, horizon=3)


def test_scalers_fit_on_train_only_and_invert():
    train = np.array([[1.0], [3.0], [5.0]])
    test = np.array([[7.0]])
    mm = D.MinMaxScaler().fit(train)
    assert mm.transform(test)[0, 0] == pytest.approx(1.5)
    assert mm.inverse_transform(mm.transform(test))[0, 0] == pytest.approx(7.0)
    st = D.StandardScaler().fit(train)
    assert st.transform(test)[0, 0] == pytest.approx((7 - 3) / np.std([1, 3, 5]))
    assert st.inverse_transform(st.transform(test))[0, 0] == pytest.approx(7.0)
    with pytest.raises(RuntimeError, match="not fitted"):
        D.StandardScaler().transform(test)


def test_log_and_seasonal_difference_round_trip():
    y = D.load_dataset("airline").to_numpy()
    t = D.LogTransform().transform(y)
    dif = D.SeasonalDifferencer(12)
    z = dif.transform(t)
    assert len(z) == 132 and z[0] == pytest.approx(np.log(115 / 112))
    rebuilt = dif.inverse_transform(z[-24:], t[:-24])
    assert np.allclose(D.LogTransform().inverse_transform(rebuilt), y[-24:])
    with pytest.raises(ValueError, match="strictly positive"):
        D.LogTransform().transform(np.array([1.0, 0.0]))


def _write(tmp_path, text):
    path = tmp_path / "s.csv"
    path.write_text(text)
    return path


def _long_csv(tmp_path):
    """Three stores' monthly sales in one file, one row per store and month (long format)."""
    months = pd.date_range("2020-01-01", periods=8, freq="MS").strftime("%Y-%m-%d")
    rows = [
        f"{store},{m},{10 * k + i},{i % 2}"
        for i, m in enumerate(months)
        for k, store in enumerate([" A", "B", "10"])  # spaces around a value do not count
    ]
    return _write(tmp_path, "store,month,sales,promo\n" + "\n".join(rows) + "\n")


def test_read_csv_reads_one_series_of_a_long_format_file(tmp_path):
    path = _long_csv(tmp_path)
    frame = D.read_csv(path, "month", ["sales", "promo"], where={"store": "B"})
    assert frame.index.freqstr == "MS" and len(frame) == 8
    assert frame["sales"].tolist() == [10.0 + i for i in range(8)]
    assert frame["promo"].tolist() == [float(i % 2) for i in range(8)]
    assert D.read_csv(path, "month", "sales", where={"store": "A "})["sales"].tolist()[:2] == [
        0.0,
        1.0,
    ]
    assert D.read_csv(path, "month", "sales", where={"store": "10"})["sales"].iloc[-1] == 27.0
    # Without a selection, the repeated months are refused with the column that splits them.
    with pytest.raises(ValueError) as e:
        D.read_csv(path, "month", "sales")
    assert str(e.value) == (
        f"timestamps must be unique, got duplicates in {str(tmp_path / 's.csv')!r}: 2020-01-01, "
        "2020-02-01, 2020-03-01, 2020-04-01, 2020-05-01 and 3 more. The file looks like 3 series "
        "in long format, one per value of 'store' (A, B, 10): read one with where={'store': "
        "'A'} (CLI: --where store=A)."
    )
    # With the store read as a value, promo is left, and it repeats months within its values:
    # no column to offer, the plain message.
    with pytest.raises(ValueError) as e:
        D.read_csv(path, "month", ["sales", "store"])
    assert str(e.value) == (
        f"timestamps must be unique, got duplicates in {str(tmp_path / 's.csv')!r}: 2020-01-01, "
        "2020-02-01, 2020-03-01, 2020-04-01, 2020-05-01 and 3 more."
    )
    path.write_text("d,y,note\n2020-01-01,1,x\n2020-01-01,2,x\n2020-02-01,3,x\n")
    with pytest.raises(ValueError) as e:
        D.read_csv(path, "d", "y")
    assert (
        str(e.value)
        == f"timestamps must be unique, got duplicates in {str(tmp_path / 's.csv')!r}: 2020-01-01."
    )


def test_read_csv_names_workbooks_and_compressed_files_passed_for_a_csv(tmp_path):
    import gzip
    import zipfile

    text = "d,y\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n"
    save = "save it as CSV (UTF-8), or read it with pandas and pass the DataFrame to fit."
    for name, head, what in [
        ("book.xlsx", b"PK\x03\x04\x14\x00", "an Excel workbook (.xlsx) or another zip archive"),
        ("book.xls", b"\xd0\xcf\x11\xe0\xa1\xb1", "an old Excel workbook (.xls)"),
        ("y.parquet", b"PAR1\x15\x04", "a Parquet file"),
    ]:
        path = tmp_path / name
        tail = b"PAR1" if name.endswith(".parquet") else b""  # Parquet's footer ends so
        path.write_bytes(head + bytes(range(128, 256)) + tail)  # was: "must be UTF-8 text, ..."
        with pytest.raises(ValueError) as e:
            D.read_csv(path, "d", "y")
        assert str(e.value) == f"CSV file {name!r} is {what}, not CSV text; {save}"
    packed = tmp_path / "y.csv"
    packed.write_bytes(gzip.compress(text.encode()))
    with pytest.raises(ValueError) as e:
        D.read_csv(packed, "d", "y")
    assert str(e.value) == (
        "CSV file 'y.csv' is gzip-compressed, not CSV text; name it with the suffix .gz, and it "
        "is unpacked."
    )
    # compressed CSVs named by their suffix are read as pandas reads them
    packed.rename(tmp_path / "y.csv.gz")
    assert D.read_csv(tmp_path / "y.csv.gz", "d", "y")["y"].tolist() == [1.0, 2.0, 3.0]
    with zipfile.ZipFile(tmp_path / "y.zip", "w") as z:
        z.writestr("y.csv", text)
    assert D.read_csv(tmp_path / "y.zip", "d", "y")["y"].tolist() == [1.0, 2.0, 3.0]


def test_read_csv_reads_a_csv_whose_first_column_is_named_like_parquets_magic(tmp_path):
    path = tmp_path / "params.csv"
    path.write_text("PAR1,y\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n")
    # was: "CSV file 'params.csv' is a Parquet file, not CSV text"
    assert D.read_csv(path, "PAR1", "y")["y"].tolist() == [1.0, 2.0, 3.0]


def test_read_csv_where_errors_name_what_is_wrong(tmp_path):
    path = _long_csv(tmp_path)
    cases = [
        (
            {"store": "C"},
            ValueError,
            f"no row of {str(tmp_path / 's.csv')!r} has store='C' (`where`); the column holds 10, "
            "A, B.",
        ),
        (
            {"month": "x"},
            ValueError,
            "`where` selects rows by columns other than the date and "
            "value columns, got 'month', which is read as dates.",
        ),
        (
            {"sales": "1"},
            ValueError,
            "`where` selects rows by columns other than the date and "
            "value columns, got 'sales', which is read as values.",
        ),
        (
            {"region": "x"},
            ValueError,
            f"column ['region'] not found in {str(tmp_path / 's.csv')!r}; available "
            "columns: ['store', 'month', 'sales', 'promo'].",
        ),
        (
            {"store": True},
            TypeError,
            "`where` must map column names (str) to the values to keep (str, or a number as "
            "the cells write it), e.g. {'store': 'A'}, got {'store': True}.",
        ),
    ]
    for where, error, message in cases:
        with pytest.raises(error) as e:
            D.read_csv(path, "month", "sales", where=where)
        assert str(e.value) == message


def test_read_csv_good_and_covariates(tmp_path):
    path = _write(
        tmp_path, "d,y,x\n2020-01-01,1,5\n2020-02-01,2,6\n2020-03-01,3,7\n2020-04-01,4,8\n"
    )
    frame = D.read_csv(path, "d", ["y", "x"])
    assert frame.columns.tolist() == ["y", "x"] and frame.index.freqstr == "MS"
    assert frame["x"].tolist() == [5.0, 6.0, 7.0, 8.0]
    assert D.season_length(frame.index) == 12


@pytest.mark.parametrize(
    ("text", "cols", "message"),
    [
        (
            "d,y\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n",
            ["z"],
            r"column \['z'\] not found",
        ),
        (
            "d,y\n2020-01-01,1\nnot a date,2\n2020-03-01,3\n",
            ["y"],
            r"unparsable dates at row 3 \('not a date'\)",
        ),
        ("d,y\n2020-01-01,1\n2020-01-01,2\n2020-03-01,3\n", ["y"], "duplicates"),
        (
            "d,y\n2020-01-01,1\n2020-02-01,2\n2020-05-01,3\n2020-06-01,4\n",
            ["y"],
            "regularly spaced",
        ),
        (
            "d,y\n2020-01-01,1\n2020-02-01,abc\n2020-03-01,3\n",
            ["y"],
            r"non-numeric values at 2020-02-01 \('abc'\)\.",
        ),
        (
            "d,y\n2020-01-01,1\n2020-02-01,\n2020-03-01,3\n",
            ["y"],
            r"NaN in column 'y' of '.*s\.csv' at 2020-02-01\. .*--fill",
        ),
    ],
)
def test_read_csv_errors_say_where(tmp_path, text, cols, message):
    with pytest.raises(ValueError, match=message):
        D.read_csv(_write(tmp_path, text), "d", cols)


def test_read_csv_fill(tmp_path):
    path = _write(tmp_path, "d,y\n2020-01-01,1\n2020-02-01,\n2020-03-01,3\n")
    assert D.read_csv(path, "d", "y", fill="interpolate")["y"].tolist() == [1.0, 2.0, 3.0]
    assert D.read_csv(path, "d", "y", fill="ffill")["y"].tolist() == [1.0, 1.0, 3.0]


def test_to_frame_inputs():
    arr = D.to_frame(np.arange(5.0))
    assert isinstance(arr.index, pd.RangeIndex) and arr.columns.tolist() == ["value"]
    s = pd.Series([1.0, 2.0, 3.0], index=pd.period_range("2000-01", periods=3, freq="M"))
    assert D.to_frame(s).index.freqstr == "MS"
    with pytest.raises(TypeError, match="got list"):
        D.to_frame([1, 2, 3])
    with pytest.raises(ValueError, match="NaN"):
        D.to_frame(np.array([1.0, np.nan, 3.0]))


def test_calendar_features_month_circle():
    idx = pd.date_range("2000-01-01", periods=12, freq="MS")
    cal = D.calendar_features(idx, 12)
    assert cal.shape == (12, 2)
    assert cal[0].tolist() == pytest.approx([0.0, 1.0]) and cal[3].tolist() == pytest.approx(
        [1.0, 0.0]
    )
    assert np.allclose(D.calendar_features(pd.RangeIndex(24), 12)[12:], cal)


def test_calendar_inputs_add_the_local_weekday_to_hourly_data_only():
    # 2024-01-06 is a Saturday (day 5 of the week): 23:00 in UTC, already Sunday in Tokyo.
    hours = pd.date_range("2024-01-06 22:00", periods=3, freq="h")
    cal = D.calendar_inputs(hours, 24)
    assert list(cal.columns) == ["season sin", "season cos", "weekday sin", "weekday cos"]
    assert np.allclose(cal.iloc[:, :2], D.calendar_features(hours, 24))
    days = [5, 5, 6]  # Saturday 22:00, Saturday 23:00, Sunday 00:00
    angle = 2 * np.pi * np.array(days) / 7
    assert np.allclose(cal["weekday sin"], np.sin(angle)) and np.allclose(
        cal["weekday cos"], np.cos(angle)
    )
    tokyo = D.calendar_inputs(hours.tz_localize("UTC").tz_convert("Asia/Tokyo"), 24)
    assert np.allclose(tokyo["weekday sin"], np.sin(2 * np.pi * np.array([6, 6, 6]) / 7))
    # The season position only: asked for, another season, another frequency, or positions.
    assert list(D.calendar_inputs(hours, 24, "season").columns) == ["season sin", "season cos"]
    assert D.calendar_inputs(hours, 168).shape == (3, 2)
    assert D.calendar_inputs(pd.date_range("2024-01-01", periods=3, freq="2h"), 24).shape == (3, 2)
    assert D.calendar_inputs(pd.date_range("2024-01-01", periods=3, freq="D"), 7).shape == (3, 2)
    assert D.calendar_inputs(pd.RangeIndex(3), 24).shape == (3, 2)
    with pytest.raises(ValueError, match="`cycles` must be 'all' or 'season', got 'week'"):
        D.calendar_inputs(hours, 24, "week")


def _positions(cal: np.ndarray, period: int) -> list[int]:
    """Back from sine/cosine to the integer position in the season."""
    angle = np.mod(np.arctan2(cal[:, 0], cal[:, 1]), 2 * np.pi)
    return np.round(angle / (2 * np.pi) * period).astype(int).tolist()


@pytest.mark.parametrize(
    ("freq", "period", "start", "expected"),
    [
        # weekly, period 52: weeks since 1970-01-01 (2020-01-05 is week 2609; 2609 % 52 = 9)
        ("W", 52, "2020-01-05", [9, 10, 11, 12, 13, 14, 15, 16]),
        # business days, period 5: Monday 2020-01-06 is business day 13047 since 1970 (% 5 = 2)
        ("B", 5, "2020-01-06", [2, 3, 4, 0, 1, 2, 3, 4]),
        # hourly with a weekly period: hours since 1970 (a Thursday), Monday 00:00 is 96
        ("h", 168, "2020-01-06", [96, 97, 98, 99, 100, 101, 102, 103]),
        # two-monthly, period 6: every other month, months since year 0 divided by 2
        ("2MS", 6, "2020-01-01", [0, 1, 2, 3, 4, 5, 0, 1]),
        # the named calendars keep their meaning: day of the week, month of the year
        ("D", 7, "2020-01-06", [0, 1, 2, 3, 4, 5, 6, 0]),
        ("MS", 12, "2020-03-01", [2, 3, 4, 5, 6, 7, 8, 9]),
    ],
)
def test_calendar_features_count_steps_of_any_frequency_across_the_forecast(
    freq, period, start, expected
):
    idx = pd.date_range(start, periods=8, freq=freq)
    assert _positions(D.calendar_features(idx, period), period) == expected
    # the future continues the history's positions without a break
    future = D.future_index(idx[:5], 3)
    assert _positions(D.calendar_features(future, period), period) == expected[5:]
    # a time zone does not move the calendar (business days count local dates)
    zoned = pd.date_range(start, periods=8, freq=freq, tz="Europe/Berlin")
    if freq != "h":  # hours count absolute time: Berlin's midnight is 23:00 UTC
        assert _positions(D.calendar_features(zoned, period), period) == expected


def _series_csv(tmp_path, stamps, fmt="%Y-%m-%d", name="s.csv"):
    path = tmp_path / name
    rows = "".join(f"{t.strftime(fmt)},{k}\n" for k, t in enumerate(stamps))
    path.write_text("d,y\n" + rows, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("freq", "start", "drop", "message"),
    [
        # months of 28 to 31 days are all one step; only the real gap is reported
        (
            "MS",
            "2010-01-01",
            [2, 3],
            "irregular steps before 2010-05-01 (usual step: 1 month); "
            "missing 2010-03-01, 2010-04-01.",
        ),
        (
            "ME",
            "2010-01-31",
            [13],
            "irregular steps before 2011-03-31 (usual step: 1 month); missing 2011-02-28.",
        ),
        (
            "QS",
            "2000-01-01",
            [6],
            "irregular steps before 2001-10-01 (usual step: 1 quarter); missing 2001-07-01.",
        ),
        ("YS", "1950-01-01", [3], "before 1954-01-01 (usual step: 1 year); missing 1953-01-01."),
        # fixed-length steps in their largest whole unit
        ("D", "2020-01-01", [3], "before 2020-01-05 (usual step: 1 day); missing 2020-01-04."),
        (
            "h",
            "2020-01-01",
            [3],
            "before 2020-01-01 04:00:00 (usual step: 1 hour); missing 2020-01-01 03:00:00.",
        ),
        (
            "15min",
            "2020-01-01",
            [3],
            "before 2020-01-01 01:00:00 (usual step: 15 minutes); missing 2020-01-01 00:45:00.",
        ),
        # dates all on Mondays are weekly (before: read as business days, 5 of them a step)
        ("W-MON", "2020-01-06", [3], "(usual step: 7 days); missing 2020-01-27."),
    ],
)
def test_gaps_are_reported_where_they_are_in_calendar_units(tmp_path, freq, start, drop, message):
    stamps = pd.date_range(start, periods=24, freq=freq).delete(drop)
    fmt = "%Y-%m-%d %H:%M" if freq in ("h", "15min") else "%Y-%m-%d"
    with pytest.raises(ValueError, match="regularly spaced") as err:
        D.read_csv(_series_csv(tmp_path, stamps, fmt), "d", "y")
    assert message.rstrip(".") in str(err.value)
    with pytest.raises(ValueError) as err:
        D.to_frame(pd.Series(1.0, index=stamps))
    assert message.rstrip(".") in str(err.value)


@pytest.mark.parametrize(
    ("freq", "start", "problem"),
    [
        ("MS", "2015-01-01", "are not evenly spaced"),  # 01/02/2015 read as 2 January
        ("D", "2022-01-01", r"include non-dates such as '13/01/2022' \(row 14\)"),
    ],
)
def test_read_csv_refuses_day_first_dates_and_reads_them_with_date_format(
    tmp_path, freq, start, problem
):
    stamps = pd.date_range(start, periods=40, freq=freq)
    path = _series_csv(tmp_path, stamps, "%d/%m/%Y")
    with pytest.raises(
        ValueError,
        match=rf"the dates in column 'd' of {re.escape(repr(str(tmp_path / 's.csv')))} look "
        r"day-first: read month-first they "
        rf"{problem}, read day-first they are regular\. Pass date_format='%d/%m/%Y' "
        r"\(CLI: --date-format '%d/%m/%Y'\)",
    ):
        D.read_csv(path, "d", "y")
    frame = D.read_csv(path, "d", "y", date_format="%d/%m/%Y")
    assert frame.index.equals(stamps.rename("d")) and frame.index.freqstr == stamps.freqstr
    dotted = _series_csv(tmp_path, stamps, "%d.%m.%y", name="dotted.csv")
    with pytest.raises(ValueError, match=r"Pass date_format='%d\.%m\.%y'"):
        D.read_csv(dotted, "d", "y")
    # month-first dates that are regular as they are read are not questioned
    us = D.read_csv(_series_csv(tmp_path, stamps, "%m/%d/%Y", name="us.csv"), "d", "y")
    assert us.index.equals(stamps.rename("d"))


@pytest.mark.parametrize("fill", [None, "ffill"])
def test_read_csv_says_day_first_for_day_first_dates_with_gaps(tmp_path, fill):
    # Missing days leave the day-first reading irregular too; 13/01 still cannot be month-first
    # (the message used to read "mixes date formats ... but 0 cannot be read so, such as ;").
    stamps = pd.date_range("2023-01-01", periods=60, freq="D").delete([30, 31, 45])
    path = _series_csv(tmp_path, stamps, "%d/%m/%Y")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", fill=fill)
    assert str(err.value) == (
        f"the dates in column 'd' of {str(tmp_path / 's.csv')!r} look day-first: read month-first "
        "they include non-dates such as '13/01/2023' (row 14), read day-first they are all "
        "dates. Pass date_format='%d/%m/%Y' (CLI: --date-format '%d/%m/%Y') to read them "
        "day-first."
    )
    frame = D.read_csv(path, "d", "y", fill="ffill", date_format="%d/%m/%Y")
    assert len(frame) == 60 and frame.index.freqstr == "D" and frame.attrs["inserted"] == 3
    assert frame["y"].iloc[30:32].tolist() == [29.0, 29.0]  # filled from 30 January


def test_read_csv_refuses_a_column_of_mixed_date_formats(tmp_path):
    stamps = pd.date_range("2015-01-01", periods=12, freq="MS")
    text = "d,y\n" + "".join(
        f"{t.strftime('%Y-%m-%d' if k < 8 else '%m/%d/%Y')},{k}\n" for k, t in enumerate(stamps)
    )
    with pytest.raises(
        ValueError,
        match=rf"column 'd' of {re.escape(repr(str(tmp_path / 's.csv')))} mixes date formats: most "
        r"dates read as '%Y-%m-%d', but 4 "
        r"cannot be read so, such as '09/01/2015' \(row 10, like '%m/%d/%Y'\), '10/01/2015' "
        r"\(row 11, .*\); pass date_format \(CLI: --date-format\)",
    ):
        D.read_csv(_write(tmp_path, text), "d", "y")
    with pytest.raises(
        ValueError,
        match=rf"column 'd' of {re.escape(repr(str(tmp_path / 's.csv')))} mixes date formats: "
        r".*'2015-03'",
    ):
        D.read_csv(_write(tmp_path, "d,y\nJan 2015,1\nFeb 2015,2\n2015-03,3\n"), "d", "y")
    with pytest.raises(
        ValueError, match=r"unparsable dates at row 2 \('2015-01-01'\), .*date_format='%d/%m/%Y'"
    ):
        D.read_csv(_series_csv(tmp_path, stamps), "d", "y", date_format="%d/%m/%Y")


@pytest.mark.parametrize(
    ("dates", "freqstr"),
    [
        (["1949-01", "1949-02", "1949-03"], "MS"),
        (["1950", "1951", "1952"], "YS-JAN"),
        (["2000Q1", "2000Q2", "2000Q3"], "QS-JAN"),
        (["2000 Q4", "2001 q1", "2001-Q2"], "QS-JAN"),
        (["Q4 2000", "Q1 2001", "Q2-2001", "Q3/2001"], "QS-JAN"),  # were refused
        (["Jan 2015", "Feb 2015", "Mar 2015"], "MS"),
        (["2024-01-01 00:00", "2024-01-01 01:00", "2024-01-01 02:00"], "h"),
        (["2024-01-01T00:00:00+0100", "2024-01-01T01:00:00+0100", "2024-01-01T02:00:00+0100"], "h"),
        (["2020-01-31", "2020-02-29", "2020-03-31"], "ME"),
    ],
)
def test_read_csv_keeps_reading_common_date_formats(tmp_path, dates, freqstr):
    text = "d,y\n" + "".join(f"{d},{k}\n" for k, d in enumerate(dates))
    index = D.read_csv(_write(tmp_path, text), "d", "y").index
    if freqstr.startswith("QS"):  # pandas 2 anchors quarters at the first one's month: QS-OCT
        assert index.freqstr.startswith("QS-") and D.season_length(index) == 4
        quarters = [int(re.search(r"[Qq]([1-4])", d)[1]) for d in dates]
        assert index.month.tolist() == [q * 3 - 2 for q in quarters]
    else:
        assert index.freqstr == freqstr


def test_read_csv_reads_iso_weeks_as_their_mondays(tmp_path):
    # "2021-W01" was refused as unparsable, with no hint: no strftime format reads an ISO week
    # without a weekday, so --date-format could not help either
    text = "week,y\n2020-W52,1\n2020-W53,2\n2021-W01,3\n2021W02,4\n"
    frame = D.read_csv(_write(tmp_path, text), "week", "y")
    assert [str(t.date()) for t in frame.index] == [
        "2020-12-21",
        "2020-12-28",
        "2021-01-04",
        "2021-01-11",
    ]
    assert frame.index.freqstr == "W-MON"
    assert D.season_length(frame.index) == 52
    assert D.future_index(frame.index, 2).strftime("%G-W%V").tolist() == ["2021-W03", "2021-W04"]


def test_read_csv_reads_weekly_periods_as_pandas_writes_them(tmp_path):
    # series.to_period("W").to_csv(path) writes "2000-01-03/2000-01-09"; dateutil read the
    # second date as a time zone, and pandas' "Mixed timezones detected" came out as it was
    weeks = pd.period_range("2000-01-03", periods=4, freq="W-SUN")
    path = tmp_path / "weekly.csv"
    pd.Series([1.0, 2.0, 3.0, 4.0], index=weeks).to_frame("y").to_csv(path)
    frame = D.read_csv(path, "", "y")
    assert frame.index.freqstr == "W-MON"
    assert [str(t.date()) for t in frame.index] == [str(p.start_time.date()) for p in weeks]
    assert D.read_csv(
        _write(
            tmp_path,
            "w,y\n2000-1-3 / 2000-1-9,1\n2000-1-10 / 2000-1-16,2\n2000-1-17 / 2000-1-23,3\n",
        ),
        "w",
        "y",
    ).index.equals(frame.index[:3])
    _refuses_dates_in_mixed_zones(tmp_path)


def _refuses_dates_in_mixed_zones(tmp_path):
    """read_csv of dates dateutil reads with different offsets: refused, naming the column."""
    text = "week,y\n2000-01-03 - 2000-01-09,1\n2000-01-10 - 2000-01-16,2\n"
    with pytest.raises(ValueError) as err:
        D.read_csv(_write(tmp_path, text), "week", "y")
    assert str(err.value).startswith(
        f"column 'week' of {str(tmp_path / 's.csv')!r} could not be read as dates like "
        "'2000-01-03 - 2000-01-09' ("
    )
    assert str(err.value).endswith(
        "); pass date_format (CLI: --date-format), a strftime format such as '%Y-%m-%d'."
    )


def test_read_csv_refuses_mixed_zones_where_pandas_only_warns(tmp_path, monkeypatch):
    # pandas < 3 (2.2 is supported) does not raise "Mixed timezones detected" for dates that
    # dateutil reads with different offsets: it warns (a FutureWarning) and returns objects.
    # That warning came out of read_csv as it was (an error under -W error), not the message.
    real = pd.to_datetime

    def to_datetime(arg, *args, **kwargs):
        try:
            return real(arg, *args, **kwargs)
        except ValueError as err:
            if kwargs.get("format") != "mixed" or "Mixed timezones" not in str(err):
                raise
            warnings.warn(
                "In a future version of pandas, parsing datetimes with mixed time zones will "
                "raise an error unless `utc=True`.",
                FutureWarning,
                stacklevel=2,
            )
            return pd.Series(list(arg), index=arg.index, dtype=object)

    monkeypatch.setattr(pd, "to_datetime", to_datetime)
    _refuses_dates_in_mixed_zones(tmp_path)


def test_read_csv_does_not_scan_a_plain_column_for_every_special_form(tmp_path, monkeypatch):
    # read_csv of 100,000 rows took 0.93 s (0.60 s the day before): each column of numbers was
    # stripped and case-folded whole to see whether it held True/False, and the dates matched
    # whole against the quarter, ISO-week and span patterns, though the first value fits none
    from pandas.core.strings.accessor import StringMethods

    passes = []
    for name in ("fullmatch", "casefold"):
        real = getattr(StringMethods, name)

        def counted(self, *args, _real=real, _name=name, **kwargs):
            pattern = args[0] if args else None
            passes.append((_name, getattr(pattern, "pattern", pattern)))
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(StringMethods, name, counted)
    days = pd.date_range("2000-01-01", periods=30, freq="D").strftime("%Y-%m-%d")
    rows = "".join(f"{d},{k}.5,{k % 3}\n" for k, d in enumerate(days))
    frame = D.read_csv(_write(tmp_path, "date,y,x\n" + rows), "date", ["y", "x"])
    assert frame["y"].iloc[-1] == 29.5 and frame["x"].iloc[-1] == 2.0
    assert passes == []  # the first date is no whole number: the column is no integer steps
    # a column that is True/False is still read as 1/0, quarters still as quarters
    text = "q,y,flag\n2000Q1,1,True\n2000Q2,2,false\n2000Q3,3, TRUE\n"
    frame = D.read_csv(_write(tmp_path, text), "q", ["y", "flag"])
    assert frame["flag"].tolist() == [1.0, 0.0, 1.0]
    assert [str(t.date()) for t in frame.index] == ["2000-01-01", "2000-04-01", "2000-07-01"]


def test_read_csv_reads_the_bundled_csv_files():
    for info in D.list_datasets():
        path = Path(D.__file__).parent / "datasets" / info.filename
        frame = D.read_csv(path, "month", "value")
        assert frame["value"].tolist() == D.load_dataset(info.name).tolist()


def test_read_csv_names_empty_header_only_and_non_utf8_files(tmp_path):
    with pytest.raises(ValueError, match=r"CSV file 's\.csv' is empty; expected a header row"):
        D.read_csv(_write(tmp_path, ""), "d", "y")
    with pytest.raises(
        ValueError, match=r"CSV file 's\.csv' has a header row \(d, y\) but no data rows"
    ):
        D.read_csv(_write(tmp_path, "d,y\n"), "d", "y")
    path = tmp_path / "latin1.csv"
    path.write_bytes("d,y\n2020-01-01,1\n2020-01-02,caf\xe9\n".encode("latin-1"))
    with pytest.raises(
        ValueError,
        match=r"CSV file 'latin1\.csv' must be UTF-8 text, got byte 0xe9 on line 3 "
        r"\(byte 15 of the line\), which is not UTF-8 .*; save the file as UTF-8\.",
    ):
        D.read_csv(path, "d", "y")


def test_read_csv_skips_rows_empty_in_every_field_as_blank_lines(tmp_path):
    # a spreadsheet's ",," rows below its table (or between its rows) were refused as
    # "unparsable dates at row 6 (nan), row 7 (nan)", with a date format to pass
    stamps = pd.date_range("2020-01-01", periods=4, freq="MS")
    rows = [f"{t.date()},{k},{k}" for k, t in enumerate(stamps)]
    text = "d,y,x\r\n" + "\r\n".join([*rows[:2], ",,", *rows[2:], ",,", " , ,", ""]) + "\r\n"
    frame = D.read_csv(_write(tmp_path, text), "d", ["y", "x"])
    assert frame.index.equals(stamps) and frame["y"].tolist() == [0.0, 1.0, 2.0, 3.0]
    # a row with a value but no date is still refused, by its row in the file, as what it is
    with pytest.raises(ValueError) as err:
        D.read_csv(_write(tmp_path, text.replace(",,\r\n", ",5,\r\n", 1)), "d", "y")
    assert str(err.value) == (
        f"column 'd' of {str(tmp_path / 's.csv')!r} has no date at row 4 (empty); every row needs "
        "its timestamp: give it, or delete the row."
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(_write(tmp_path, "d,y\n2020-01-01,1\nJan 2,2\n ,3\n"), "d", "y")
    assert str(err.value).startswith(
        f"column 'd' of {str(tmp_path / 's.csv')!r} has unparsable dates at row 3 ('Jan 2'), row "
        "4 (empty); expected"
    )
    with pytest.raises(ValueError, match=r"has a header row \(d, y\) but no data rows"):
        D.read_csv(_write(tmp_path, "d,y\n"), "d", "y")
    # only such rows: no data rows, as a header alone (it said "no date at row 2 (empty)")
    with pytest.raises(ValueError) as err:
        D.read_csv(_write(tmp_path, "d,y\n,\n , \n"), "d", "y")
    assert str(err.value) == (
        "CSV file 's.csv' has a header row (d, y) but no data rows (the 2 rows below it are "
        "empty in every field); expected one row per timestamp."
    )


def test_numbers_with_spaces_between_thousands_are_named_and_read(tmp_path):
    # "1 001,5" (French locales, often with a no-break space) was refused as non-numeric
    # without a hint, and thousands=" " did not read the no-break spaces
    text = "d;y\n2020-01-01;1 001,5\n2020-02-01;1\u00a0002,5\n2020-03-01;1\u202f003,5\n"
    with pytest.raises(ValueError) as err:
        D.read_csv(_write(tmp_path, text), "d", "y", sep=";")
    assert str(err.value).endswith(
        "('1\\u202f003,5') (numbers with spaces between thousands, '1 001,5' for 1001.5?): pass "
        "decimal=',', thousands=' ' (CLI: --decimal ',' --thousands ' ')."
    )
    frame = D.read_csv(_write(tmp_path, text), "d", "y", sep=";", decimal=",", thousands=" ")
    assert frame["y"].tolist() == [1001.5, 1002.5, 1003.5]
    with pytest.raises(ValueError) as err:
        D.to_frame(pd.DataFrame({"y": ["1 000", "2 000.5"]}))
    assert str(err.value).endswith(
        "(numbers with spaces between thousands, '1 000' for 1000?): remove the spaces "
        "(pandas: read_csv(..., thousands=' '))."
    )


@pytest.mark.parametrize("note", ['"sep=;"', "SEP=;", "Sep=; \t", '"SEP=;"  ', "sep = ;", "sep =;"])
def test_excels_note_of_the_separator_quoted_in_capitals_or_with_spaces_is_named(tmp_path, note):
    # these got only the general hint (one column whose name holds ';'), which said nothing
    # of the first line to delete
    text = f"{note}\r\nd;y\r\n2020-01-01;1\r\n"
    with pytest.raises(ValueError) as err:
        D.read_csv(_write(tmp_path, text), "d", "y", sep=";")
    assert str(err.value) == (
        f"CSV file 's.csv' begins with {note.strip()!r}, Excel's note of the separator, where "
        "the header row belongs; delete that first line, and pass sep=';' (CLI: --sep ';')."
    )


@pytest.mark.parametrize("note", ["sep=;;", '"sep=;";;;'])
def test_excels_note_padded_with_empty_cells_is_named(tmp_path, note):
    # a program that read the note as a row of a 3-column table saved it with its empty
    # cells; the file was refused for the columns 'sep=', 'Unnamed: 1', 'Unnamed: 2'
    text = f"{note}\nd;y;z\n2020-01-01;1;2\n"
    with pytest.raises(ValueError) as err:
        D.read_csv(_write(tmp_path, text), "d", "y", sep=";")
    assert str(err.value) == (
        f"CSV file 's.csv' begins with {note!r}, Excel's note of the separator padded with "
        "empty cells (saved so by a program that read it as a row), where the header row "
        "belongs; delete that first line, and pass sep=';' (CLI: --sep ';')."
    )


def test_excels_note_of_a_space_names_the_flag_quoted(tmp_path):
    # it said "(CLI: --sep  )", which a shell reads as --sep with no value
    with pytest.raises(ValueError) as err:
        D.read_csv(_write(tmp_path, "sep= \nd y\n2020-01-01 1\n"), "d", "y")
    assert str(err.value) == (
        "CSV file 's.csv' begins with 'sep= ', Excel's note of the separator, where the header "
        "row belongs; delete that first line, and pass sep=' ' (CLI: --sep ' ')."
    )


@pytest.mark.parametrize("sep", [";", "\t"])
def test_excels_note_of_the_separator_on_the_first_line_is_named(tmp_path, sep):
    # "sep=;" above the header read as the header: columns 'sep=' and 'Unnamed: 1', or
    # "Expected 1 fields in line 3, saw 2"
    text = f"\ufeffsep={sep}\r\nd{sep}y\r\n2020-01-01{sep}1\r\n"
    for given in (",", sep):
        with pytest.raises(ValueError) as err:
            D.read_csv(_write(tmp_path, text), "d", "y", sep=given)
        flag = {";": "';'", "\t": "tab"}[sep]
        assert str(err.value) == (
            f"CSV file 's.csv' begins with {f'sep={sep}'!r}, Excel's note of the separator, "
            f"where the header row belongs; delete that first line, and pass sep={sep!r} "
            f"(CLI: --sep {flag})."
        )


def test_fill_says_where_it_left_nans(tmp_path):
    stamps = pd.date_range("2020-01-01", periods=5, freq="MS")
    tail = "d,y\n" + "".join(f"{t.date()},{'' if k >= 3 else k}\n" for k, t in enumerate(stamps))
    # the target's rows after its last value are the future, not a gap: refused for every fill
    for fill in ("ffill", "bfill", "interpolate", "zero"):
        with pytest.raises(ValueError) as err:
            D.read_csv(_write(tmp_path, tail), "d", "y", fill=fill)
        assert str(err.value) == (
            f"'y' (the target) of {str(tmp_path / 's.csv')!r} has no value in its last 2 rows, "
            "2020-04-01, 2020-05-01, after "
            f"its last value at 2020-03-01: that is not a gap, and fill={fill!r} does not make "
            "it up (a forecast would start from made-up values, a holdout be scored against "
            "them). Drop those rows (if they are the future to forecast: the forecast starts "
            "after the last row, and covariates are past inputs, whose future values it does "
            "not need; values known ahead, a promotion plan say, go to Forecaster's "
            "future_covariates, CLI --future-cols, which read those rows)."
        )
    # a covariate's end: bfill cannot fill it (and says so), ffill can (it reads nothing ahead)
    both = "d,y,x\n" + "".join(
        f"{t.date()},{k},{'' if k >= 3 else k}\n" for k, t in enumerate(stamps)
    )
    with pytest.raises(
        ValueError,
        match=r"fill='bfill' left NaNs in column 'x' of '[^']*s\.csv' at the end "
        r"\(2020-04-01, 2020-05-01\): "
        r"'bfill' copies the next value backward",
    ):
        D.read_csv(_write(tmp_path, both), "d", ["y", "x"], fill="bfill")
    assert D.read_csv(_write(tmp_path, both), "d", ["y", "x"], fill="ffill")["x"].tolist() == [
        0.0,
        1.0,
        2.0,
        2.0,
        2.0,
    ]
    head = "d,y\n" + "".join(f"{t.date()},{'' if k < 2 else k}\n" for k, t in enumerate(stamps))
    with pytest.raises(
        ValueError,
        match=r"fill='ffill' left NaNs in column 'y' of '[^']*s\.csv' at the start "
        r"\(2020-01-01, 2020-02-01\): "
        r"'ffill' copies the previous value forward",
    ):
        D.read_csv(_write(tmp_path, head), "d", "y", fill="ffill")
    assert D.read_csv(_write(tmp_path, head), "d", "y", fill="bfill")["y"].tolist()[0] == 2.0


def test_season_length_counts_the_steps_of_a_multiple_frequency():
    expected = {"MS": 12, "2MS": 6, "QS": 4, "2QS": 2, "h": 24, "2h": 12, "3h": 8, "5h": 24}
    expected |= {"D": 7, "2D": 7, "W-SUN": 52, "2W-SUN": 26, "YS": 1}
    # Minutes: the day down to 15-minute steps (they had no season); finer ones have none, nor
    # do steps that do not divide the day. Milliseconds ("ms") were read as month starts: 12.
    expected |= {"15min": 96, "30min": 48, "20min": 72, "90min": 16, "10min": 1, "5min": 1}
    expected |= {"min": 1, "7min": 1, "s": 1, "ms": 1, "us": 1}
    for freq, period in expected.items():
        index = pd.date_range("2024-01-01", periods=4, freq=freq)
        assert D.season_length(index) == period, freq
    two_hours = pd.date_range("2024-01-01", periods=13, freq="2h")
    cal = D.calendar_features(two_hours, D.season_length(two_hours))
    assert np.allclose(cal[0], cal[12]) and not np.allclose(cal[0], cal[6])


def test_frequency_codes_of_pandas_before_2_2_read_as_the_new_ones():
    # pyproject allows pandas 2.0, whose 15-minute index is "15T" (and milliseconds "L"):
    # minute data had no season there.
    for freqstr, code in (("15T", "MIN"), ("T", "MIN"), ("100L", "MILLI"), ("2H", "H")):
        old = SimpleNamespace(freq=pd.offsets.Minute(15), freqstr=freqstr)
        assert D._freq_code(old) == code, freqstr


def test_minute_data_reads_the_local_time_of_day_and_the_weekday():
    # 2024-03-31 is a Sunday; Berlin moves its clocks from 02:00 to 03:00 that night.
    quarters = pd.date_range("2024-03-30 23:00", periods=16, freq="15min", tz="Europe/Berlin")
    cal = D.calendar_inputs(quarters, 96)
    assert list(cal.columns) == ["season sin", "season cos", "weekday sin", "weekday cos"]
    local = quarters.tz_localize(None)
    expected = (local.hour * 4 + local.minute // 15).tolist()
    assert expected[:5] == [92, 93, 94, 95, 0] and expected[12] == 12  # 02:00 is skipped
    assert _positions(cal.iloc[:, :2].to_numpy(), 96) == [p % 96 for p in expected]
    weekday = np.mod(np.arctan2(cal["weekday sin"], cal["weekday cos"]), 2 * np.pi)
    assert np.round(weekday / (2 * np.pi) * 7).astype(int).tolist() == [5] * 4 + [6] * 12
    # the future continues the day without a break; half hours count 48 to a day
    naive = pd.date_range("2024-01-01 23:00", periods=4, freq="15min")
    future = D.future_index(naive, 2)
    assert _positions(D.calendar_features(future, 96), 96) == [0, 1]
    halves = pd.date_range("2024-01-01 23:00", periods=3, freq="30min")
    assert _positions(D.calendar_features(halves, 48), 48) == [46, 47, 0]
    # a period that is not one day keeps the steps since 1970, and no weekday
    assert D.calendar_inputs(quarters, 672).shape == (16, 2)
    # steps of a whole day (no season, as before) are not sub-daily: no weekday either
    for freq in ("24h", "1440min"):
        days = pd.date_range("2024-01-01", periods=10, freq=freq)
        assert D.calendar_inputs(days, D.season_length(days)).shape == (10, 2), freq


def test_whole_days_in_hours_minutes_or_seconds_read_as_days():
    # "24h" and "1440min" had no season and a horizon of 12, while "D" has a week of 7.
    for freq, days in (("24h", "D"), ("1440min", "D"), ("86400s", "D"), ("48h", "2D")):
        index = pd.date_range("2024-01-01", periods=30, freq=freq)
        frame = D.to_frame(pd.Series(np.arange(30.0), index=index))
        assert frame.index.freqstr == days, freq
        horizon = 4 if days == "2D" else 7  # (cal7: 4 steps of 2 days cover the week)
        assert D.season_length(frame.index) == 7 and D.default_horizon(frame.index) == horizon
        assert frame.index.equals(index)
    # not whole days, or a zone whose days are not all 24 hours: as given
    assert (
        D.to_frame(
            pd.Series(np.arange(30.0), index=pd.date_range("2024-01-01", periods=30, freq="36h"))
        ).index.freqstr
        == "36h"
    )
    berlin = pd.date_range("2024-03-28", periods=10, freq="24h", tz="Europe/Berlin")
    assert D.to_frame(pd.Series(np.arange(10.0), index=berlin)).index.freqstr == "24h"
    # zones without daylight saving have days of 24 hours ("Etc/UTC" and "+02:00" kept "24h")
    for zone in ("UTC", "Etc/UTC", "+02:00", "Asia/Tokyo"):
        stamps = pd.date_range("2024-03-28", periods=10, freq="24h", tz=zone)
        assert D.to_frame(pd.Series(np.arange(10.0), index=stamps)).index.freqstr == "D", zone
    new_york = pd.date_range("2024-01-02", periods=10, freq="24h", tz="America/New_York")
    assert D.to_frame(pd.Series(np.arange(10.0), index=new_york)).index.freqstr == "24h"


def test_default_horizon_is_one_season_of_the_frequency():
    # It was 12 steps for every frequency: 12 days, 12 hours, three years of quarters.
    expected = {"MS": 12, "ME": 12, "QS": 4, "D": 7, "B": 5, "h": 24, "2h": 12, "2MS": 6}
    expected |= {"W-SUN": 13, "W-MON": 13, "2W-SUN": 7, "YS": 6, "YE": 6, "15min": 96}
    expected |= {"30min": 48, "5min": 12, "ms": 12}
    for freq, horizon in expected.items():
        index = pd.date_range("2024-01-01", periods=4, freq=freq)
        assert D.default_horizon(index) == horizon, freq
    assert D.default_horizon(pd.RangeIndex(100)) == 12


def test_fill_inserts_the_timestamps_a_regular_series_lacks_and_fills_them():
    months = pd.date_range("2010-01-01", periods=12, freq="MS").delete([3, 4])
    y = pd.Series(np.arange(10.0), index=months)
    with pytest.raises(ValueError, match=r"missing 2010-04-01, 2010-05-01; pass fill='ffill'"):
        D.to_frame(y)
    filled = D.to_frame(y, fill="interpolate")
    assert filled.index.freqstr == "MS" and len(filled) == 12 and filled.attrs["inserted"] == 2
    assert np.allclose(filled.iloc[2:6, 0], [2.0, 2 + 1 / 3, 2 + 2 / 3, 3.0])
    # Business days: a missing weekday is a gap, a weekend is not.
    days = pd.bdate_range("2024-01-01", periods=20).delete([7])
    bdays = D.to_frame(pd.Series(np.arange(19.0), index=days), fill="ffill")
    assert bdays.index.freqstr == "B" and len(bdays) == 20 and bdays.iloc[7, 0] == 6.0
    # Hours in a time zone, across nothing special: three missing hours, zero-filled.
    hours = pd.date_range("2024-03-01", periods=30, freq="h", tz="Europe/Berlin").delete([5, 6, 7])
    zeros = D.to_frame(pd.Series(np.ones(27), index=hours), fill="zero")
    assert zeros.index.tz is not None and zeros.attrs["inserted"] == 3
    assert zeros.iloc[:, 0].tolist() == [1.0] * 5 + [0.0] * 3 + [1.0] * 22
    # Steps that are not whole multiples of the usual one are not gaps: refused with a fill too.
    odd = pd.DatetimeIndex(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04 12:00"])
    with pytest.raises(ValueError, match="must be regularly spaced") as err:
        D.to_frame(pd.Series(np.arange(4.0), index=odd), fill="interpolate")
    assert "pass fill=" not in str(err.value)
    regular = D.to_frame(
        pd.Series(np.arange(12.0), index=pd.date_range("2010", periods=12, freq="MS")), fill="zero"
    )
    assert regular.attrs["inserted"] == 0


def test_read_csv_with_fill_inserts_missing_months(tmp_path):
    path = tmp_path / "gap.csv"
    months = [f"2010-{m:02d}" for m in (1, 2, 3, 6, 7, 8, 9)]
    path.write_text("month,y\n" + "".join(f"{m},{k}\n" for k, m in enumerate(months)))
    frame = D.read_csv(path, "month", "y", fill="ffill")
    assert frame.attrs["inserted"] == 2 and frame["y"].tolist() == [0, 1, 2, 2, 2, 3, 4, 5, 6]


def test_business_day_gaps_are_counted_in_business_days():
    days = pd.bdate_range("2024-01-01", periods=40).delete([10, 20, 21])
    with pytest.raises(ValueError) as err:
        D.to_frame(pd.Series(np.arange(37.0), index=days))
    assert (
        "irregular steps before 2024-01-16, 2024-01-31 (usual step: 1 business day); "
        "missing 2024-01-15, 2024-01-29, 2024-01-30; pass fill='ffill'"
    ) in str(err.value)


def test_a_custom_business_day_reads_as_business_days_with_gaps_and_fill_puts_them_back():
    # freq="C" with holidays was kept: its name "C" reads back without them, so the forecast's
    # history could not be rebuilt (a pandas error in predict) and predict(series=...) said
    # "must have the training data's frequency (C), got C"
    days = pd.bdate_range("2024-01-01", periods=12, freq="C", holidays=["2024-01-05"])
    series = pd.Series(np.arange(12.0), index=days)
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert str(err.value) == (
        "timestamps in `series` must be regularly spaced (no gaps); its frequency, "
        "<CustomBusinessDay>, is not one pandas reads back from its name ('C': a custom business "
        "day's holidays and week mask are lost), got irregular steps before 2024-01-08 (usual "
        "step: 1 business day); missing 2024-01-05; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take,"
        " to insert the missing timestamps and fill their values; the fill inserts the days "
        "its calendar closes as business days, values made up; to step over them, give the "
        "index business hours of one hour at midnight, whose days and holidays lstmkit keeps (a "
        "custom business day's it cannot: 'C' reads back without them): series.index = "
        "pd.DatetimeIndex(series.index.to_numpy(), "
        "freq=pd.offsets.CustomBusinessHour(start='00:00', "
        "end='01:00', weekmask=series.index.freq.weekmask, "
        "holidays=series.index.freq.holidays)), with season_length=5 for its week."
    )
    filled = D.to_frame(series, fill="ffill")
    assert filled.index.freqstr == "B" and filled.attrs["inserted"] == 1
    assert filled.iloc[3:6, 0].tolist() == [3.0, 3.0, 4.0]
    # Other frequencies without a name of their own read as the one their steps have.
    wednesdays = pd.date_range("2024-01-03", periods=5, freq=pd.offsets.Week())
    assert D.to_frame(pd.Series(np.arange(5.0), index=wednesdays)).index.freqstr == "W-WED"
    months = pd.date_range("2024-01-01", periods=5, freq=pd.DateOffset(months=1))
    assert D.to_frame(pd.Series(np.arange(5.0), index=months)).index.freqstr == "MS"


def test_to_frame_refuses_a_multi_index():
    # groupby(["store", "date"]).sum() was read as positions: both stores as one series
    days = pd.date_range("2024-01-01", periods=4, freq="D")
    sales = pd.DataFrame({"store": ["A"] * 4 + ["B"] * 4, "date": [*days, *days], "y": range(8)})
    series = sales.groupby(["date", "store"])["y"].sum()
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert str(err.value) == (
        "`series` must have one index level (the timestamps), got a MultiIndex of levels "
        "['date', 'store'], which would be read as the positions 0 .. 7: every series in it "
        "one after another, without a calendar; select one series first, e.g. "
        "series.xs('A', level='store')."
    )
    assert D.to_frame(series.xs("A", level="store")).index.freqstr == "D"  # the advice works
    # a level of periods is the calendar too: the advice selected one month of every store
    months = sales.assign(date=sales["date"].dt.to_period("D"))
    with pytest.raises(ValueError, match=r"e\.g\. series\.xs\('A', level='store'\)\.$"):
        D.to_frame(months.groupby(["date", "store"])["y"].sum())
    with pytest.raises(ValueError, match=r"^`covariates` must have one index level"):
        D.to_frame(series.to_frame(), name="covariates")


def test_a_long_format_frame_names_its_id_column_and_the_selection_that_runs():
    # NeuralForecast's unique_id, ds, y: the column of dates was refused with set_index('ds')
    # as the advice, and after it the repeated timestamps without a word of the id column
    days = pd.date_range("2024-01-01", periods=4, freq="D")
    long = pd.DataFrame(
        {"unique_id": ["A"] * 4 + ["B"] * 4, "ds": [*days, *days], "y": np.arange(8.0)}
    )
    hint = (
        "It looks like 2 series in long format, one per value of 'unique_id' (A, B). A "
        "Forecaster fits one series (a DataFrame's other columns are its covariates): select "
        "one, e.g. series[series['unique_id'] == 'A']{} and fit one Forecaster per series, "
        "looping over series.groupby('unique_id') (from a CSV, `lstmkit forecast --series-col "
        "unique_id` does this)."
    )
    with pytest.raises(ValueError) as err:
        D.to_frame(long)
    assert str(err.value) == (
        "`series` must hold values only, with the dates as its index, got a column of dates, "
        "'ds', whose dates repeat. " + hint.format(".set_index('ds')['y'],")
    )
    one = eval(re.search(r"e\.g\. (.*?), and", str(err.value))[1], {"series": long})
    assert D.to_frame(one)["y"].tolist() == [0.0, 1.0, 2.0, 3.0]  # the advice runs
    with pytest.raises(ValueError) as err:
        D.to_frame(long.set_index("ds"))
    assert str(err.value) == (
        "timestamps must be unique, got duplicates in `series`: 2024-01-01, 2024-01-02, "
        "2024-01-03, 2024-01-04. " + hint.format("['y'],")
    )
    one = eval(re.search(r"e\.g\. (.*?), and", str(err.value))[1], {"series": long.set_index("ds")})
    assert D.to_frame(one).index.freqstr == "D"
    # without a column that tells the series apart, the stacked series are said without it
    # (ser15: it was the plain message, which left a user of df["y"] guessing)
    with pytest.raises(
        ValueError,
        match=r"^timestamps must be unique, got duplicates in `series`: 2024-01-01, "
        r"2024-01-02, 2024-01-03, 2024-01-04\. It looks like several series stacked in long "
        r"format \(4 of its 4 timestamps appear more than once, up to 2 times\), without the "
        r"column that tells them apart: .*df\[df\[ID\] == first_id\]\['y'\]",
    ):
        D.to_frame(long.set_index("ds")[["y"]])


def test_a_multi_index_of_dates_gets_an_xs_that_runs_either_way_round():
    # forecasts by the day they were issued and the day they are for: every level holds dates,
    # so either can tell the series apart (was: one .xs with Timestamp('2024-03-01 00:00:00'),
    # which is not code that runs, and level 0 taken for the series without a word)
    issued = pd.date_range("2024-03-01", periods=3, freq="D")
    target = pd.date_range("2024-03-05", periods=4, freq="D", tz="UTC") + pd.Timedelta("6h")
    index = pd.MultiIndex.from_product([issued, target], names=["issued", "target"])
    series = pd.Series(np.arange(12.0), index=index)
    with pytest.raises(ValueError) as err:
        Forecaster(ForecasterConfig(horizon=2)).fit(series)
    assert str(err.value) == (
        "`series` must have one index level (the timestamps), got a MultiIndex of levels "
        "['issued', 'target'], which would be read as the positions 0 .. 11: every series in it "
        "one after another, without a calendar; every level holds dates, so select one series "
        "first by the level that tells the series apart, e.g. "
        "series.xs(pd.Timestamp('2024-03-01'), level='issued') (the series over 'target') or "
        "series.xs(pd.Timestamp('2024-03-05 06:00:00+00:00'), level='target') (over 'issued')."
    )
    advice = re.findall(r"series\.xs\(.*?\)(?= \()", str(err.value))
    made = [eval(code, {"pd": pd, "series": series}) for code in advice]
    assert [len(D.to_frame(one)) for one in made] == [4, 3]  # the advice runs, both ways
    assert D.to_frame(made[0]).index.freqstr == "D"
    # three levels: the series is selected by every level but the timestamps (was: by the
    # first level alone, which left a MultiIndex); unnamed levels are named by position
    months = pd.period_range("2024-01", periods=3, freq="M")
    index = pd.MultiIndex.from_product([["A", "B"], [7, 8], months], names=["store", None, "m"])
    series = pd.Series(np.arange(12.0), index=index)
    with pytest.raises(
        ValueError, match=r"e\.g\. series\.xs\(\('A', 7\), level=\['store', 1\]\)\.$"
    ):
        D.to_frame(series)
    assert D.to_frame(series.xs(("A", 7), level=["store", 1])).index.freqstr == "MS"
    index = pd.MultiIndex.from_product([months, months, months])
    with pytest.raises(ValueError) as err:
        D.to_frame(pd.Series(np.arange(27.0), index=index))
    assert str(err.value).endswith(
        "select one series first by the levels that tell the series apart, e.g. "
        "series.xs((pd.Period('2024-01', freq='M'), pd.Period('2024-01', freq='M')), "
        "level=[0, 1]) (the series over level 2) or series.xs((pd.Period('2024-01', freq='M'), "
        "pd.Period('2024-01', freq='M')), level=[1, 2]) (over level 0)."
    )


def test_fill_records_where_it_wrote_and_whether_it_read_ahead_of_a_cutoff():
    idx = pd.date_range("2000-01-01", periods=8, freq="MS")
    values = [1.0, np.nan, 3.0, 4.0, np.nan, np.nan, 7.0, np.nan]
    series = pd.Series(values, index=idx, name="y")
    x = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8], index=idx, name="x")
    # the target's trailing NaN would be made up: refused; as a covariate it is a gap at the end
    with pytest.raises(ValueError, match=r"'y' \(the target\) has no value in its last row, "):
        D.to_frame(series, fill="interpolate")
    frame = D.to_frame(pd.concat([x, series], axis=1), fill="interpolate")
    assert frame.attrs["fill"] == "interpolate"
    assert frame.attrs["filled"] == {"x": [], "y": [1, 4, 5, 7]}
    np.testing.assert_allclose(frame["y"], [1, 2, 3, 4, 5, 6, 7, 7])
    # cutoff 6: the last training point (5) was filled from position 6, after the cutoff
    assert D.fill_reads_ahead(frame, 6) == (idx[5], idx[6])
    assert D.fill_reads_ahead(frame, 2) == (idx[1], idx[2])
    # a cutoff after an observed point, or a gap at the very end (filled from before it): none
    for cutoff in (1, 3, 4, 7, 8):
        assert D.fill_reads_ahead(frame, cutoff) is None, cutoff
    assert D.fill_reads_ahead(D.to_frame(series[:7], fill="bfill"), 5) == (idx[4], idx[6])
    # fills that never look ahead
    for fill in ("ffill", "zero"):
        assert D.fill_reads_ahead(D.to_frame(pd.concat([x, series], axis=1), fill=fill), 6) is None
    # nothing filled
    clean = D.to_frame(pd.Series([1.0, 2.0, 3.0], index=idx[:3]))
    assert "filled" not in clean.attrs and D.fill_reads_ahead(clean, 1) is None


def test_read_csv_reads_offsets_that_change_with_daylight_saving_in_utc(tmp_path):
    local = pd.date_range("2021-03-27 22:00", periods=8, freq="h", tz="Europe/Berlin")
    path = tmp_path / "dst.csv"
    pd.DataFrame({"ts": local.astype(str), "y": np.arange(8.0)}).to_csv(path, index=False)
    assert path.read_text().count("+01:00") == 4 and path.read_text().count("+02:00") == 4
    frame = D.read_csv(path, "ts", "y")
    assert str(frame.index.tz) == "UTC" and frame.index.freqstr == "h"
    assert frame.index.equals(local.tz_convert("UTC").rename("ts"))
    # daily stamps at local midnight keep their dates (in UTC they would move to 22:00/23:00)
    days = pd.date_range("2024-03-25", periods=10, freq="D", tz="Europe/Berlin")
    pd.DataFrame({"ts": [t.isoformat() for t in days], "y": np.arange(10.0)}).to_csv(
        path, index=False
    )
    daily = D.read_csv(path, "ts", "y")
    assert daily.index.tz is None and daily.index.freqstr == "D"
    assert daily.index.equals(days.tz_localize(None).rename("ts"))
    # one fixed offset keeps it
    fixed = pd.date_range("2021-01-01", periods=4, freq="h", tz="Etc/GMT-1")
    pd.DataFrame({"ts": fixed.astype(str), "y": np.arange(4.0)}).to_csv(path, index=False)
    assert D.read_csv(path, "ts", "y").index[0].utcoffset() == pd.Timedelta(hours=1)


def test_fill_inserts_the_missing_week_of_a_weekly_series_on_mondays(tmp_path):
    stamps = pd.date_range("2015-01-05", periods=100, freq="W-MON").delete(50)
    frame = D.read_csv(_series_csv(tmp_path, stamps), "d", "y", fill="ffill")
    assert frame.index.freqstr == "W-MON" and len(frame) == 100
    assert frame.attrs["inserted"] == 1
    assert D.season_length(frame.index) == 52


def test_monthly_dates_in_mid_month_are_refused_saying_where_to_move_them(tmp_path):
    stamps = pd.DatetimeIndex([pd.Timestamp(2015 + i // 12, 1 + i % 12, 15) for i in range(40)])
    message = r"fall on day 15 of every month; a regular monthly series is dated on the first"
    with pytest.raises(ValueError, match=message):
        D.read_csv(_series_csv(tmp_path, stamps), "d", "y")
    quarterly = pd.DatetimeIndex(
        [pd.Timestamp(2015 + i // 4, 1 + 3 * (i % 4), 10) for i in range(9)]
    )
    with pytest.raises(ValueError, match=r"fall on day 10 of every 3 months; "):
        D.to_frame(pd.Series(1.0, index=quarterly))


def test_mid_month_dates_of_a_series_are_told_the_index_conversion():
    # the advice was dates.dt.to_period('M').dt.to_timestamp(), which a DatetimeIndex has not
    series = pd.Series(np.arange(6.0))
    series.index = pd.DatetimeIndex([pd.Timestamp(2000, k, 15) for k in range(1, 7)])
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert str(err.value) == (
        "timestamps in `series` fall on day 15 of every month; a regular monthly series is "
        "dated on the first (or last) day of its months. Move the dates there: series.index = "
        "series.index.to_period('M').to_timestamp()."
    )
    exec(str(err.value).split("there: ")[1].removesuffix("."), {"series": series})
    assert D.to_frame(series).index.freqstr == "MS"


def test_unsorted_timestamps_are_refused_with_the_first_step_back(tmp_path):
    # "must be sorted in increasing order." said neither where nor how
    idx = pd.date_range("2000-01", periods=6, freq="MS")
    with pytest.raises(ValueError) as err:
        D.to_frame(pd.Series(np.arange(6.0), idx[::-1]))
    assert str(err.value) == (
        "timestamps in `series` must be sorted in increasing order, got them newest first "
        "(2000-06-01 … 2000-01-01); sort them first: series.sort_index()."
    )
    shuffled = idx[[0, 1, 3, 2, 4, 5]]
    with pytest.raises(ValueError) as err:
        D.to_frame(pd.Series(np.arange(6.0), shuffled), name="covariates")
    assert str(err.value) == (
        "timestamps in `covariates` must be sorted in increasing order, got 2000-03-01 after "
        "2000-04-01 (position 3); sort them first: covariates.sort_index()."
    )
    csv = tmp_path / "y.csv"
    pd.DataFrame({"date": shuffled.strftime("%Y-%m-%d"), "y": np.arange(6.0)}).to_csv(csv)
    with pytest.raises(ValueError, match=r"\(position 3\); sort its rows by date\.$"):
        D.read_csv(csv, "date", ["y"])


def test_duplicate_column_names_are_refused_by_name():
    frame = pd.DataFrame([[1.0, 2.0, 3.0]] * 5, columns=["y", "x", "y"])
    with pytest.raises(
        ValueError, match=r"distinct column names, got \['y', 'x', 'y'\] \('y' more"
    ):
        D.to_frame(frame)


def test_a_column_named_twice_in_the_header_is_a_warning_naming_how_each_reads(tmp_path):
    # pandas reads the second 'sales' as 'sales.1': asking for 'sales' silently took the first
    path = tmp_path / "dup.csv"
    path.write_text("month,sales,price,sales\n2020-01,1,9,5\n2020-02,2,9,6\n2020-03,3,9,7\n")
    with pytest.warns(UserWarning) as caught:
        frame = D.read_csv(path, "month", "sales")
    assert [str(w.message) for w in caught] == [
        f"CSV file {str(path)!r} names the column 'sales' twice in its header (columns 2 and 4); "
        "they read as 'sales', 'sales.1', in that order, so 'sales' is the first of them. Rename "
        "them in the file to be sure which one you ask for."
    ]
    assert caught[0].filename == __file__
    assert frame["sales"].tolist() == [1, 2, 3]
    with pytest.warns(UserWarning, match="'sales.1'"):
        assert D.read_csv(path, "month", "sales.1")["sales.1"].tolist() == [5, 6, 7]
    path.write_text("month,sales,price\n2020-01,1,9\n2020-02,2,9\n2020-03,3,9\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        D.read_csv(path, "month", "sales")  # distinct names: no warning


def test_the_header_is_read_again_only_where_a_column_looks_renamed_by_pandas(
    tmp_path, monkeypatch
):
    # every CSV's header was read a second time (and its names counted pairwise: 20,000 columns
    # took 10 s); without an 'x.1' beside an 'x' no name can have been given twice
    reads = []
    read_csv = pd.read_csv
    monkeypatch.setattr(pd, "read_csv", lambda *a, **k: reads.append(k) or read_csv(*a, **k))
    path = tmp_path / "plain.csv"
    path.write_text("month,sales,v.1,price.x\n2020-01,1,2,3\n2020-02,2,3,4\n2020-03,3,4,5\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        D.read_csv(path, "month", "sales")
    assert len(reads) == 1
    path.write_text("month,sales,sales.1\n2020-01,1,2\n2020-02,2,3\n2020-03,3,4\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        D.read_csv(path, "month", "sales")  # 'sales.1' is its own name: read again, no warning
    assert len(reads) == 3 and reads[-1]["header"] is None


def test_read_csv_keeps_integer_steps_as_an_integer_index(tmp_path):
    path = tmp_path / "int.csv"
    pd.DataFrame({"t": np.arange(10, 110, 2), "y": np.arange(50.0)}).to_csv(path, index=False)
    frame = D.read_csv(path, "t", "y")
    assert frame.index.equals(pd.RangeIndex(10, 110, 2))
    assert D.future_index(frame.index, 2).tolist() == [110, 112]
    # four-digit integers are years, dates as before
    pd.DataFrame({"t": np.arange(1950, 1990), "y": np.arange(40.0)}).to_csv(path, index=False)
    assert D.read_csv(path, "t", "y").index.freqstr == "YS-JAN"
    pd.DataFrame({"t": [0, 1, 3, 4], "y": np.arange(4.0)}).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"got 1 then 3 \(row 4\); integer steps are read as"):
        D.read_csv(path, "t", "y", fill="ffill")
    pd.DataFrame({"t": [5, 4, 3, 2], "y": np.arange(4.0)}).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"must rise by one constant step, got 5 then 4 \(row 3\)"):
        D.read_csv(path, "t", "y")


def test_read_csv_reads_integer_steps_written_as_floats_and_long_ids_as_no_steps(tmp_path):
    # "0.0, 10.0, ..." (a float column, as pandas writes steps beside a gap) was refused as
    # unparsable dates with a date format to pass, though from Python 0.0, 10.0 read as
    # integers; 20-digit numbers raised OverflowError, which the CLI printed as a traceback
    path = tmp_path / "steps.csv"
    path.write_text("t,y\n" + "".join(f"{10 * k}.0,{k}\n" for k in range(6)))
    assert D.read_csv(path, "t", "y").index.equals(pd.RangeIndex(0, 60, 10))
    path.write_text("t,y\n" + "".join(f"{1950 + k}.0,{k}\n" for k in range(6)))
    assert D.read_csv(path, "t", "y").index.freqstr == "YS-JAN"  # years, as before
    path.write_text("t,y\n" + "".join(f"1{k:019d},{k}\n" for k in range(6)))
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "t", "y")
    assert str(err.value).startswith(
        f"column 't' of {str(tmp_path / 'steps.csv')!r} has unparsable dates at row 2 "
        "('10000000000000000000'), "
    )


def test_inf_is_reported_with_its_column():
    frame = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "x": [1.0, np.inf, 1.0, -np.inf]})
    with pytest.raises(
        ValueError, match=r"^values must be finite, got inf in column 'x' at 1, 3\.$"
    ):
        D.to_frame(frame)


@pytest.mark.parametrize("cls", [D.MinMaxScaler, D.StandardScaler])
def test_scalers_refuse_what_would_scale_silently_wrong(cls):
    with pytest.raises(
        ValueError,
        match=r"fit needs a non-empty \[T\] or \[T, F\] array \(at least one point and one "
        r"feature\), got shape \(0,\)",
    ):
        cls().fit(np.array([]))
    with pytest.raises(ValueError, match=r"1 non-finite value, at position \(2, 1\) \(nan\)"):
        cls().fit(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, np.nan]]))
    two = cls().fit(np.array([[1.0, 10.0], [3.0, 30.0]]))
    for wrong in (np.ones((3, 3)), np.ones(3)):
        with pytest.raises(
            ValueError, match=rf"fitted on 2 features, got an array of shape \({wrong.shape[0]},"
        ):
            two.transform(wrong)
        with pytest.raises(ValueError, match="fitted on 2 features"):
            two.inverse_transform(wrong)
    np.testing.assert_allclose(two.inverse_transform(two.transform([2.0, 20.0])), [2.0, 20.0])
    # one feature (fitted on [T] or [T, 1]) applies to any shape, column by column alike
    one = cls().fit(np.array([1.0, 3.0]))
    np.testing.assert_allclose(
        one.transform(np.full((2, 3), 3.0)), np.full((2, 3), one.transform(3.0))
    )


@pytest.mark.parametrize(
    ("index", "shown", "convert"),
    [
        (
            ["2015-01-01", "2015-02-01", "2015-03-01"],
            "strings ('2015-01-01' … '2015-03-01')",
            "pd.to_datetime(series.index), or pd.read_csv(..., index_col=..., parse_dates=True)",
        ),
        (
            ["Jan 2015", "Feb 2015", "Mar 2015"],
            "strings ('Jan 2015' … 'Mar 2015')",
            "pd.to_datetime(series.index), or pd.read_csv(..., index_col=..., parse_dates=True)",
        ),
        (
            ["2005Q1", "2005Q2", "2005Q3"],
            "strings ('2005Q1' … '2005Q3')",
            'pd.PeriodIndex(series.index, freq="Q")',
        ),
        (
            ["2020-W53", "2021-W01", "2021-W02"],
            "strings ('2020-W53' … '2021-W02')",
            'pd.to_datetime(series.index + "-1", format="%G-W%V-%u") (each week\'s Monday)',
        ),
        (
            list(pd.date_range("2015-01-01", periods=3, freq="MS").date),
            "date objects (datetime.date(2015, 1, 1) … datetime.date(2015, 3, 1))",
            "pd.to_datetime(series.index)",
        ),
    ],
)
def test_to_frame_refuses_an_index_of_dates_that_are_not_timestamps(index, shown, convert):
    # pd.read_csv(index_col=...) without parse_dates: the dates used to become positions 0, 1,
    # 2, silently dropping the calendar and the season
    with pytest.raises(ValueError) as err:
        D.to_frame(pd.Series([1.0, 2.0, 3.0], index=index))
    message = str(err.value)
    assert message.startswith(
        f"`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
        f"{shown}, which would be read as the positions 0 .. 2, without a calendar or a season; "
        f"convert it first: series.index = "
    )
    assert message.endswith(f"series.index = {convert}.")


def test_the_conversion_offered_for_quarters_written_quarter_first_reads_them():
    # 'Q1 2005' was offered pd.to_datetime(series.index), which cannot read it
    series = pd.Series([1.0, 2.0, 3.0], index=["Q1 2005", "q2-2005", "Q3/2005"])
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    convert = str(err.value).split("series.index = ", 1)[1].removesuffix(".")
    series.index = eval(convert, {"pd": pd, "series": series})
    assert D.to_frame(series).index.strftime("%Y-%m").tolist() == ["2005-01", "2005-04", "2005-07"]


@pytest.mark.parametrize("index", [["a", "b", "c"], ["t1", "t2", "t3"], [0.5, 1.0, 1.5]])
def test_to_frame_keeps_other_labels_as_positions(index):
    frame = D.to_frame(pd.Series([1.0, 2.0, 3.0], index=index))
    assert frame.index.equals(pd.RangeIndex(3)) and frame["value"].tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    "index",
    [
        ["1950", "1951", "1952"],  # years as text: not refused as dates written as text
        [1950.0, 1951.0, 1952.0],  # as pandas holds a column of years beside a NaN
        np.array([1950, 1951, 1952]),
    ],
)
def test_whole_numbers_as_text_or_floats_read_as_an_integer_index_does(index):
    # years as strings or floats became the positions 0, 1, 2 (a forecast indexed 3, 4, ...),
    # where integer years keep their labels (a forecast indexed 1953, 1954, ...)
    frame = D.to_frame(pd.Series([1.0, 2.0, 3.0], index=pd.Index(index, name="year")))
    assert frame.index.equals(pd.RangeIndex(1950, 1953)) and frame.index.name == "year"
    assert D.future_index(frame.index, 2).tolist() == [1953, 1954]
    steps = D.to_frame(pd.Series([1.0, 2.0, 3.0], index=[" 10", "20 ", "30"])).index
    assert steps.equals(pd.RangeIndex(10, 40, 10))
    # and are checked as integers are
    with pytest.raises(ValueError) as err:
        D.to_frame(pd.Series([1.0, 2.0, 3.0], index=[1950.0, 1951.0, 1953.0]))
    assert str(err.value) == (
        "the integer index of `series` must rise by one constant step, got 1951 then 1953 "
        "(row 2); pass a DatetimeIndex, or positions (a RangeIndex) for a regular series."
    )


@pytest.mark.parametrize("digits", [20, 17, 5000])
def test_strings_of_more_digits_than_floats_hold_stay_labels(digits):
    # ids such as "10000000000000000000" raised pandas' OverflowError (int64), and 5000 digits
    # Python's limit of int(); kept as positions, as before strings of digits read as integers
    index = ["1" + "0" * (digits - 2) + str(k) for k in range(3)]
    frame = D.to_frame(pd.Series([1.0, 2.0, 3.0], index=index))
    assert frame.index.equals(pd.RangeIndex(3)) and frame["value"].tolist() == [1.0, 2.0, 3.0]
    sixteen = [str(2**53 - 3 + k) for k in range(3)]  # the longest that read as integers
    assert D.to_frame(pd.Series([1.0, 2.0, 3.0], index=sixteen)).index[0] == 2**53 - 3


def test_a_csv_of_years_written_as_floats_reads_them_as_years(tmp_path):
    # "1949.0" (a spreadsheet's number column, pandas' to_csv of years beside a gap) was
    # refused as unparsable dates, where "1949" reads as a year
    path = tmp_path / "years.csv"
    path.write_text("year,y\n" + "".join(f"{1949 + k}.0,{k + 1}\n" for k in range(8)))
    frame = D.read_csv(path, "year", "y")
    whole = tmp_path / "whole.csv"
    whole.write_text(path.read_text().replace(".0,", ","))
    pd.testing.assert_frame_equal(frame, D.read_csv(whole, "year", "y"))
    assert frame.index[0] == pd.Timestamp("1949-01-01") and frame.index.freqstr == "YS-JAN"


def test_a_csv_of_years_mixing_integers_and_floats_reads_them_as_years(tmp_path):
    # "1949" beside "1950.0" (a spreadsheet export) was refused as unparsable dates at the
    # floats, and date_format="%Y" refused every "1949.0"
    whole = _write(tmp_path, "year,y\n" + "".join(f"{1949 + k},{k}\n" for k in range(4)))
    expected = D.read_csv(whole, "year", "y")
    assert expected.index[0] == pd.Timestamp("1949-01-01") and expected.index.freqstr == "YS-JAN"
    mixed = "year,y\n1949,0\n1950.0,1\n1951,2\n1952.00,3\n"
    pd.testing.assert_frame_equal(D.read_csv(_write(tmp_path, mixed), "year", "y"), expected)
    floats = "year,y\n" + "".join(f"{1949 + k}.0,{k}\n" for k in range(4))
    for text in (mixed, floats):
        read = D.read_csv(_write(tmp_path, text), "year", "y", date_format="%Y")
        pd.testing.assert_frame_equal(read, expected)
    # a year that is not a whole number is still refused, as written, and only it (its
    # whole-number neighbours were named unparsable too)
    with pytest.raises(ValueError) as err:
        D.read_csv(
            _write(tmp_path, floats.replace("1950.0", "1950.5")), "year", "y", date_format="%Y"
        )
    assert str(err.value) == (
        f"column 'year' of {str(tmp_path / 's.csv')!r} has unparsable dates at row 3 ('1950.5'); "
        "expected dates in date_format='%Y'."
    )


def test_strings_of_digits_with_leading_zeros_are_codes_kept_as_positions(tmp_path):
    # product codes "0012", "0007", ... read as 12, 7, ... and were refused as an irregular
    # integer index, where before they were the positions 0, 1, ... as other labels are
    for codes in (["0012", "0007", "0103", "0001"], ["001", "003", "002", "004"]):
        frame = D.to_frame(pd.Series([1.0, 2.0, 3.0, 4.0], index=pd.Index(codes, name="code")))
        assert frame.index.equals(pd.RangeIndex(4)) and frame["value"].tolist() == [1, 2, 3, 4]
    # steps written to a width, rising by one constant step, are those integers, as in a CSV's
    # date column (they had become the positions 0, 1, ... instead of 1, 2, ...)
    for steps in (["001", "002", "003"], ["08", "10", "12"]):
        series = pd.Series([1.0, 2.0, 3.0], index=steps)
        expected = pd.RangeIndex(int(steps[0]), int(steps[-1]) + 1, int(steps[1]) - int(steps[0]))
        assert D.to_frame(series).index.equals(expected)
        assert D.read_csv(_write(tmp_path, series.to_csv()), "", "0").index.equals(expected)
    # without leading zeros they are numbers still, checked as integers are
    assert D.to_frame(pd.Series([1.0, 2.0], index=["0", "1"])).index.equals(pd.RangeIndex(2))
    with pytest.raises(ValueError, match=r"^the integer index of `series` must rise by one"):
        D.to_frame(pd.Series([1.0, 2.0, 3.0], index=["12", "7", "103"]))


def test_an_integer_index_that_ends_at_the_largest_int64_is_kept():
    # the stop of its range, one step past the largest int64, wrapped round in numpy's
    # integers: pandas' "Length mismatch: Expected axis has 3 elements, new values have 0"
    top = np.iinfo(np.int64).max
    for step in (1, 2):
        index = pd.Index([top - 2 * step, top - step, top])
        frame = D.to_frame(pd.Series([1.0, 2.0, 3.0], index=index))
        assert frame.index.equals(pd.RangeIndex(top - 2 * step, top + 1, step))
        assert frame.index[-1] == top and frame["value"].tolist() == [1.0, 2.0, 3.0]


def test_forecaster_refuses_dates_read_without_parse_dates(tmp_path):
    from lstmkit.forecast import Forecaster, ForecasterConfig

    path = tmp_path / "m.csv"
    stamps = pd.date_range("2015-01-01", periods=48, freq="MS")
    path.write_text("month,y\n" + "".join(f"{t:%Y-%m-%d},{k + 1}\n" for k, t in enumerate(stamps)))
    y = pd.read_csv(path, index_col="month")["y"]
    with pytest.raises(ValueError, match=r"^`series` must have a DatetimeIndex .* 0 \.\. 47,"):
        Forecaster(ForecasterConfig(horizon=3, ensemble=1, epochs=1)).fit(y)
    y.index = pd.to_datetime(y.index)  # the conversion the message gives
    assert D.to_frame(y).index.freqstr == "MS"
    with pytest.raises(ValueError, match=r"^`covariates` must have a DatetimeIndex"):
        Forecaster(ForecasterConfig(horizon=3, ensemble=1, epochs=1)).fit(
            y, covariates=pd.read_csv(path, index_col="month")["y"]
        )


@pytest.mark.parametrize("parse_dates", [False, True])
def test_to_frame_refuses_a_column_of_dates(tmp_path, parse_dates):
    # pd.read_csv without index_col: parsed dates used to become the target, as time units
    # since 1970; unparsed ones a "non-numeric values" error that did not say what to do
    path = tmp_path / "m.csv"
    stamps = pd.date_range("2015-01-01", periods=24, freq="MS")
    path.write_text("month,y\n" + "".join(f"{t:%Y-%m-%d},{k + 1}\n" for k, t in enumerate(stamps)))
    df = pd.read_csv(path, parse_dates=["month"] if parse_dates else False)
    with pytest.raises(ValueError) as err:
        D.to_frame(df)
    # parsed, they make a DatetimeIndex as they are (revhand37: told pd.to_datetime too)
    convert = (
        ""
        if parse_dates
        else ", then series.index = pd.to_datetime(series.index) (or "
        "pd.read_csv(..., index_col='month', parse_dates=True))"
    )
    assert str(err.value) == (
        "`series` must hold values only, with the dates as its index, got a column of dates, "
        "'month' ('2015-01-01' … '2016-12-01'); make it the index: series = "
        f"series.set_index('month'){convert}."
    )
    if parse_dates:
        assert D.to_frame(df.set_index("month")).index.freqstr == "MS"
    with pytest.raises(ValueError, match=r"^`covariates` must hold values only, .* 'month' "):
        D.to_frame(df[["y", "month"]], name="covariates")
    fixed = df.set_index("month")
    fixed.index = pd.to_datetime(fixed.index)
    frame = D.to_frame(fixed)
    assert frame.index.freqstr == "MS" and frame["y"].tolist() == [float(k) for k in range(1, 25)]


@pytest.mark.parametrize(
    ("values", "hint", "csv_hint", "arguments", "numbers"),
    [
        (
            ["994", "1,099", "1,131.5"],
            " (numbers with ',' between thousands, '1,099' for 1099?): remove the separators "
            "(pandas: read_csv(..., thousands=','))",
            " (numbers with ',' between thousands, '1,099' for 1099?): pass thousands=',' "
            "(CLI: --thousands ',')",
            {"thousands": ","},
            [994.0, 1099.0, 1131.5],
        ),
        (
            ["993,8", "1.099,25", "-1,5"],
            " (numbers with a decimal comma, '993,8' for 993.8?): write decimal points "
            "(pandas: read_csv(..., decimal=',', thousands='.'))",
            " (numbers with a decimal comma, '993,8' for 993.8?): pass decimal=',', "
            "thousands='.' (CLI: --decimal ',' --thousands '.')",
            {"decimal": ",", "thousands": "."},
            [993.8, 1099.25, -1.5],
        ),
        (
            ["993,8", "1099,25", "5"],
            " (numbers with a decimal comma, '993,8' for 993.8?): write decimal points "
            "(pandas: read_csv(..., decimal=','))",
            " (numbers with a decimal comma, '993,8' for 993.8?): pass decimal=',' "
            "(CLI: --decimal ',')",
            {"decimal": ","},
            [993.8, 1099.25, 5.0],
        ),
        (["1,099", "n/a", "3"], "", "", None, None),  # not all of them numbers: no guess
        (
            ["1", "N/A", "-"],  # marks of missing values: said what to do, which was not
            " (marks of missing values?): make them NaN (pandas: read_csv(..., "
            "na_values=['N/A', '-'])), then pass fill='ffill', 'bfill', 'interpolate' or 'zero' "
            "to fill them",
            " (marks of missing values?): leave those cells empty and pass fill='ffill', "
            "'bfill', 'interpolate' or 'zero' (CLI: --fill) to fill them",
            None,
            None,
        ),
        (["1", "abc", "3"], "", "", None, None),  # a word: no guess
    ],
)
def test_non_numeric_values_with_separators_say_what_they_look_like(
    tmp_path, values, hint, csv_hint, arguments, numbers
):
    stamps = pd.date_range("2020-01-01", periods=3, freq="MS")
    path = tmp_path / "s.csv"
    rows = "".join(f'{t:%Y-%m-%d},"{v}"\n' for t, v in zip(stamps, values, strict=True))
    path.write_text("d,y\n" + rows)
    bad = [(t, v) for t, v in zip(stamps, values, strict=True) if not v.lstrip("-").isdigit()]
    where = ", ".join(f"{t:%Y-%m-%d} ({v!r})" for t, v in bad)
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y")
    assert (
        str(err.value)
        == f"column 'y' of {str(path)!r} has non-numeric values at {where}{csv_hint}."
    )
    with pytest.raises(ValueError) as err:
        D.to_frame(pd.Series(values, index=stamps, name="y"))
    assert str(err.value) == f"column 'y' has non-numeric values at {where}{hint}."
    if arguments is not None:  # what the hint says to pass reads the numbers
        assert D.read_csv(path, "d", "y", **arguments)["y"].tolist() == numbers


def test_true_false_reads_as_one_and_zero_and_categories_are_named(tmp_path):
    # A bool column was a covariate of 1 and 0, but the "True"/"False" pandas writes of it to
    # CSV was refused as non-numeric; a column of categories was refused with no hint.
    stamps = pd.date_range("2020-01-01", periods=4, freq="MS")
    frame = pd.DataFrame(
        {"y": [1.0, 2, 3, 4], "promo": [True, False, True, True], "kind": list("abab")},
        index=stamps,
    )
    frame.to_csv(tmp_path / "s.csv", index_label="d")
    read = D.read_csv(tmp_path / "s.csv", "d", ["y", "promo"])
    assert read["promo"].tolist() == [1.0, 0.0, 1.0, 1.0]
    assert D.to_frame(frame[["y"]].assign(p=["TRUE", "false", None, "True"]), fill="ffill")[
        "p"
    ].tolist() == [1.0, 0.0, 0.0, 1.0]
    where = "2020-01-01 ('a'), 2020-02-01 ('b'), 2020-03-01 ('a'), 2020-04-01 ('b')"
    with pytest.raises(ValueError) as err:
        D.read_csv(tmp_path / "s.csv", "d", ["y", "kind"])
    assert str(err.value) == (
        f"column 'kind' of {str(tmp_path / 's.csv')!r} has non-numeric values at {where} "
        "(categories, 'a', 'b'?): write one "
        "column of 0 and 1 per category in the file."
    )
    with pytest.raises(ValueError) as err:
        D.to_frame(frame["kind"], name="covariates")
    assert str(err.value) == (
        f"column 'kind' has non-numeric values at {where} (categories, 'a', 'b'?): give one "
        "column of 0 and 1 per category (pandas: pd.get_dummies(covariates, dtype=float))."
    )


def test_read_csv_reads_other_separators_and_refuses_ambiguous_numbers(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text(
        "Monat;Umsatz;Preis\n01.01.2020;1.099,5;2,25\n01.02.2020;993,8;2\n01.03.2020;1.200;2,5\n"
    )
    frame = D.read_csv(
        path,
        "Monat",
        ["Umsatz", "Preis"],
        sep=";",
        decimal=",",
        thousands=".",
        date_format="%d.%m.%Y",
    )
    assert frame.index.freqstr == "MS"
    assert frame.to_numpy().tolist() == [[1099.5, 2.25], [993.8, 2.0], [1200.0, 2.5]]
    # a decimal comma without thousands='.': '1.099,5' is not read as 1.0995 but refused
    with pytest.raises(
        ValueError,
        match=r"non-numeric values at 2020-01-01 \('1.099,5'\), "
        r"2020-03-01 \('1.200'\)",
    ):
        D.read_csv(path, "Monat", "Umsatz", sep=";", decimal=",", date_format="%d.%m.%Y")
    tabs = tmp_path / "t.tsv"
    tabs.write_text("d\ty\n2020-01-01\t1\n2020-02-01\t2\n2020-03-01\t3\n")
    assert D.read_csv(tabs, "d", "y", sep="\t")["y"].tolist() == [1.0, 2.0, 3.0]
    for kwargs, message in (
        ({"sep": ";;"}, "`sep` must be one character (not a quote or a line break), got ';;'."),
        (
            {"decimal": ",", "thousands": ","},
            "`decimal` and `thousands` must differ, both are ','.",
        ),
        (
            {"thousands": "0"},
            "`decimal` and `thousands` must not be digits, signs or 'e', got '.' and '0'.",
        ),
    ):
        with pytest.raises(ValueError) as err:
            D.read_csv(tabs, "d", "y", **kwargs)
        assert str(err.value) == message
    with pytest.raises(TypeError) as wrong:  # a wrong type, as the house style says
        D.read_csv(tabs, "d", "y", sep=None)
    assert str(wrong.value) == "`sep` must be a str, one character, got NoneType None."


def test_nan_message_says_where_fill_goes():
    # Forecaster.fit has no `fill`: the message said "Pass fill='ffill', ..." without saying where
    from lstmkit.forecast import Forecaster

    stamps = pd.date_range("2020-01-01", periods=30, freq="MS")
    y = pd.Series(np.arange(1.0, 31.0), index=stamps, name="y")
    y.iloc[[4, 5]] = np.nan
    with pytest.raises(ValueError) as err:
        Forecaster().fit(y)
    assert str(err.value) == (
        "values must not be missing (NaN), got NaN in column 'y' at 2020-05-01, 2020-06-01. "
        "Fill them first: pass fill='ffill', 'bfill', 'interpolate' or 'zero' to "
        "lstmkit.data.to_frame or read_csv (CLI: --fill), whose result Forecaster.fit, "
        "predict and backtest take."
    )
    filled = D.to_frame(y, fill="interpolate")
    assert filled["y"].iloc[3:7].tolist() == [4.0, 5.0, 6.0, 7.0]


@pytest.mark.parametrize(("sep", "flag"), [(";", "';'"), ("\t", "tab")])
def test_read_csv_says_when_a_file_is_not_comma_separated(tmp_path, sep, flag):
    path = tmp_path / "eu.csv"
    path.write_text(f"d{sep}y\n2020-01-01{sep}1,5\n2020-02-01{sep}2,5\n2020-03-01{sep}3\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y")
    assert str(err.value) == (
        f"columns ['d', 'y'] not found in {str(tmp_path / 'eu.csv')!r}; available columns: "
        f"{[f'd{sep}y']} (one column whose name holds {sep!r}: the file looks {sep!r}-separated; "
        f"pass sep={sep!r}, decimal=',' (CLI: --sep {flag} --decimal ','))."
    )
    frame = D.read_csv(path, "d", "y", sep=sep, decimal=",")  # what it says reads the file
    assert frame["y"].tolist() == [1.5, 2.5, 3.0]
    path.write_text("d,y\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "z")
    assert (
        str(err.value)
        == f"column ['z'] not found in {str(tmp_path / 'eu.csv')!r}; available columns: ['d', "
        "'y']."
    )


def test_nan_in_the_last_rows_of_the_target_says_to_drop_future_rows(tmp_path):
    # future months added for the forecast (with a covariate's planned values): filling them,
    # as the message alone advised, would train and score on made-up values
    stamps = pd.date_range("2022-01-01", periods=6, freq="MS")
    sales = ["10", "11", "12", "", "", ""]
    text = "d,sales,price\n" + "".join(
        f"{t:%Y-%m-%d},{v},5\n" for t, v in zip(stamps, sales, strict=True)
    )
    path = tmp_path / "s.csv"
    path.write_text(text)
    why = (
        "the forecast starts after the last row, and covariates are past inputs, whose future "
        "values it does not need (values known ahead, a promotion plan say, go to Forecaster's "
        "future_covariates, CLI --future-cols, which read those rows)."
    )
    with pytest.raises(ValueError) as err:  # all a fill could fill: not advised (it refuses)
        D.read_csv(path, "d", ["sales", "price"])
    assert str(err.value) == (
        "values must not be missing (NaN), got NaN in column 'sales' "
        f"of {str(path)!r} at 2022-04-01, 2022-05-01, "
        "2022-06-01. The last 3 rows have no 'sales' (2022-04-01 … 2022-06-01), which no fill "
        "makes up: drop them. If they are the future to forecast, " + why
    )
    with pytest.raises(
        ValueError, match=r"^'sales' \(the target\) of '[^']*s\.csv' has no value in its last 3"
    ):
        D.read_csv(path, "d", ["sales", "price"], fill="ffill")  # as the message says
    path.write_text(text.replace("2022-02-01,11,5", "2022-02-01,11,"))
    with pytest.raises(ValueError) as err:  # a covariate's gap too: a fill fills that one
        D.read_csv(path, "d", ["sales", "price"])
    assert str(err.value).endswith(
        "whose result Forecaster.fit, predict and backtest take. The last 3 rows have no 'sales' "
        "(2022-04-01 … 2022-06-01): if they are the future to forecast, drop them instead; " + why
    )
    frame = pd.DataFrame({"sales": [10.0, np.nan, 12.0, 13.0], "price": 5.0}, index=stamps[:4])
    with pytest.raises(ValueError) as err:  # a gap inside: filling is the answer
        D.to_frame(frame)
    assert str(err.value).endswith("whose result Forecaster.fit, predict and backtest take.")
    frame["sales"] = [10.0, 11.0, 12.0, np.nan]
    frame.loc[stamps[1], "price"] = np.nan  # a covariate's NaN does not matter to the hint
    with pytest.raises(ValueError, match=r"The last row has no 'sales' \(2022-04-01\): if it is"):
        D.to_frame(frame)


@pytest.mark.parametrize(
    ("dates", "fmt"),
    [
        (["1949M01", "1949M02", "1949M03", "1949M04"], "%YM%m"),  # Eurostat, IMF, Stata
        (["194901", "194902", "194903", "194904"], "%Y%m"),
        (["09.1949", "10.1949", "11.1949", "12.1949"], "%m.%Y"),  # 01-09 read, 10-12 not
    ],
)
def test_dates_with_no_inferred_format_get_the_format_that_reads_them(tmp_path, dates, fmt):
    path = _write(tmp_path, "d,y\n" + "".join(f"{d},{i}\n" for i, d in enumerate(dates, 1)))
    with pytest.raises(ValueError, match="unparsable dates") as err:
        D.read_csv(path, "d", "y")
    assert str(err.value).endswith(
        f"; no date format is inferred from {dates[0]!r}: pass date_format={fmt!r} "
        f"(CLI: --date-format '{fmt}'), which reads every one."
    )
    frame = D.read_csv(path, "d", "y", date_format=fmt)
    assert frame.index[0] == pd.Timestamp("1949-01-01" if fmt != "%m.%Y" else "1949-09-01")
    assert frame.index.freqstr == "MS"


def test_dates_no_format_reads_say_that_a_date_format_is_needed(tmp_path):
    path = _write(tmp_path, "d,y\n1990H1,1\n1990H2,2\n1991H1,3\n")  # half years
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y")
    assert str(err.value) == (
        f"column 'd' of {str(path)!r} has unparsable dates at row 2 ('1990H1'), row 3 ('1990H2'), "
        "row 4 ('1991H1'); no date format is inferred from '1990H1': pass date_format (CLI: "
        "--date-format), a strftime format such as '%Y-%m-%d'."
    )


def test_a_column_named_in_another_case_or_with_spaces_is_named_in_the_error(tmp_path):
    path = _write(tmp_path, "Month, Sales ,price\n2020-01-01,1,2\n2020-02-01,2,3\n2020-03-01,3,4\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "month", ["sales", "price", "promo"])
    assert str(err.value) == (
        f"columns ['month', 'sales', 'promo'] not found in {str(tmp_path / 's.csv')!r}; "
        "available columns: ['Month', ' Sales ', 'price'] (did you mean 'Month' for 'month', ' "
        "Sales ' for 'sales'?)."
    )
    with pytest.raises(ValueError, match=r"\(did you mean 'Month'\?\)\.$"):
        D.read_csv(path, "month", ["price"])


def test_two_digit_years_in_the_future_are_read_a_century_earlier(tmp_path):
    # The airline data's "Jan-49" was read as 2049 without a word (dateutil takes the year
    # nearest today; strptime's %y reads 00-68 as 20xx).
    months = "\n".join(f"{m}-49,{k}" for k, m in enumerate(["Jan", "Feb", "Mar", "Apr"], 1))
    with pytest.warns(UserWarning) as caught:
        frame = D.read_csv(_write(tmp_path, "d,v\n" + months + "\n"), "d", "v")
    assert frame.index.strftime("%Y-%m").tolist() == ["1949-01", "1949-02", "1949-03", "1949-04"]
    assert frame.index.freqstr == "MS"
    assert [str(w.message) for w in caught] == [
        f"column 'd' of {str(tmp_path / 's.csv')!r} writes its years with two digits, and 4 of "
        "its dates would lie in the future, from 'Jan-49' (row 2) on: they are read a century "
        "earlier, 'Jan-49' as 1949-01-01. Write four-digit years to read them otherwise."
    ]
    # %y across 1968/1969: 2068 then 1969 was out of order; now 1968 then 1969
    text = "d,v\n01.11.68,1\n01.12.68,2\n01.01.69,3\n01.02.69,4\n"
    with pytest.warns(
        UserWarning, match=r"2 of its dates would lie in the future, from '01\.11\.68'"
    ) as caught:
        frame = D.read_csv(_write(tmp_path, text), "d", "v", date_format="%d.%m.%y")
    assert caught[0].filename == __file__  # the user's line (it named one inside read_csv)
    assert frame.index.strftime("%Y-%m").tolist() == ["1968-11", "1968-12", "1969-01", "1969-02"]
    # four-digit years, and two-digit ones in the past, are read as written, without a warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        late = D.read_csv(_write(tmp_path, "d,v\n2049-01,1\n2049-02,2\n2049-03,3\n"), "d", "v")
        assert late.index[0].year == 2049
        early = D.read_csv(_write(tmp_path, "d,v\nJan-99,1\nFeb-99,2\nMar-99,3\n"), "d", "v")
        assert early.index[0].year == 1999


def test_month_names_with_two_digit_years_read_the_year_as_a_year(tmp_path):
    # "Jan-05" was read by dateutil as 5 January of this year (refused as "day 5 of every
    # month"), while "Jan-49", where 49 is no day, was read as a year
    months = pd.date_range("2005-01-01", periods=15, freq="MS")
    for fmt in ("%b-%y", "%b %y", "%B-%y"):
        text = "d,v\n" + "".join(f"{m:{fmt}},{k}\n" for k, m in enumerate(months))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            frame = D.read_csv(_write(tmp_path, text), "d", "v")
        assert frame.index.equals(pd.DatetimeIndex(months, name="d")), fmt
        assert frame.index.freqstr == "MS"


def test_two_digit_years_are_not_moved_out_of_order_nor_guessed_from_times(tmp_path):
    # Sorted dates that run into the future (a plan, a week stamped at its end) stay as read:
    # moving only the future ones a century back put 1927 after 2026.
    months = pd.date_range("2024-01-01", "2035-12-01", freq="MS")
    text = "d,v\n" + "".join(f"{m:%d.%m.%y},{k}\n" for k, m in enumerate(months))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = D.read_csv(_write(tmp_path, text), "d", "v", date_format="%d.%m.%y")
    assert frame.index.equals(pd.DatetimeIndex(months, name="d")) and frame.index.freqstr == "MS"
    # times alone are read on today's date, which writes no two-digit year: none is moved
    # (those later today were read in 1926, out of order)
    minutes = pd.date_range("2024-01-01", periods=24 * 60, freq="min").strftime("%H:%M")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = D.read_csv(
            _write(tmp_path, "t,v\n" + "".join(f"{m},1\n" for m in minutes)), "t", "v"
        )
    assert (frame.index.normalize() == pd.Timestamp.now().normalize()).all()
    times = pd.Series(["22:00", "23:00", "23:49"])
    assert not D._writes_two_digit_years(times, pd.Series(pd.to_datetime(times, format="%H:%M")))
    jan = pd.Series(["Jan-49", "Feb-49"])
    assert D._writes_two_digit_years(jan, pd.Series(pd.to_datetime(["2049-01", "2049-02"])))
    # day-first dates across 1968/1969 are judged as read a century earlier: day first, not
    # read month-first into an 'irregular' series
    months = pd.date_range("1965-01-01", "1972-12-01", freq="MS")
    text = "d,v\n" + "".join(f"{m:%d/%m/%y},{k}\n" for k, m in enumerate(months))
    with pytest.raises(ValueError, match=r"look day-first: .* date_format='%d/%m/%y'"):
        D.read_csv(_write(tmp_path, text), "d", "v")
    with pytest.warns(UserWarning, match="read a century earlier"):
        frame = D.read_csv(_write(tmp_path, text), "d", "v", date_format="%d/%m/%y")
    assert frame.index.equals(pd.DatetimeIndex(months, name="d"))


def test_spaces_around_dates_are_not_a_second_format(tmp_path):
    # " Jan-05 " beside "Feb-05" was refused as a column that "mixes date formats"
    for cells in (
        [" Jan-05 ", "Feb-05", " Mar-05", "Apr-05 "],
        [" 2005-01", "2005-02 ", "2005-03"],
    ):
        text = "d,v\n" + "".join(f"{c},{k}\n" for k, c in enumerate(cells))
        frame = D.read_csv(_write(tmp_path, text), "d", "v")
        assert frame.index.strftime("%Y-%m").tolist() == [
            f"2005-0{k + 1}" for k in range(len(cells))
        ]
        assert frame.index.freqstr == "MS"


def test_rows_in_date_messages_are_the_files_with_where(tmp_path):
    # with where=, "row N" counted the selected rows: the 3rd of store B is the file's row 7
    text = "store,month,sales\n" + "".join(
        f"{s},{m},{k}\n"
        for k, m in enumerate(["2020-01", "2020-02", "oops", "2020-04"])
        for s in ("A", "B")
    )
    path = _write(tmp_path, text)
    for store, row in (("A", 6), ("B", 7)):
        with pytest.raises(ValueError, match=rf"unparsable dates at row {row} \('oops'\)"):
            D.read_csv(path, "month", "sales", where={"store": store})
    two = "store,d,v\n" + "".join(
        f"{s},{m}-30,{k}\n" for k, m in enumerate(["Jan", "Feb", "Mar"]) for s in "AB"
    )
    with pytest.warns(UserWarning, match=r"from 'Jan-30' \(row 3\) on"):
        D.read_csv(_write(tmp_path, two), "d", "v", where={"store": "B"})


def test_complex_values_and_durations_are_refused_naming_the_column_and_a_fix():
    # complex values lost their imaginary part (numpy's ComplexWarning); durations were read as
    # nanoseconds and forecast as such
    idx = pd.date_range("2000-01-01", periods=30, freq="MS")
    with pytest.raises(TypeError) as e:
        D.to_frame(pd.Series(np.arange(30.0) + 1j, index=idx))
    assert str(e.value) == (
        "`series` must hold real numbers, got complex values (first 1j); pass the real series "
        "you mean, e.g. its `.real` or `abs()`."
    )
    with pytest.raises(
        TypeError, match=r"got complex values in column 'value' \(first \(1\+0j\)\)"
    ):
        D.to_frame(np.array([[1.0, 1 + 2j]] * 30))
    hours = pd.to_timedelta(np.arange(30), unit="h")
    with pytest.raises(TypeError) as e:
        D.to_frame(pd.DataFrame({"a": np.arange(30.0), "b": hours}, index=idx), name="covariates")
    assert str(e.value) == (
        "`covariates` must hold numbers, got durations in column 'b' (first "
        "Timedelta('0 days 00:00:00')); give them in a unit, e.g. "
        "covariates['b'].dt.total_seconds() / 3600 for hours."
    )
    with pytest.raises(TypeError, match=r"e\.g\. series\.dt\.total_seconds\(\) / 3600"):
        D.to_frame(pd.Series(hours, index=idx))


def test_covariates_that_end_before_the_series_are_told_to_fill_or_cut_not_to_drop():
    # they got the target's hint: drop the last rows as the future to forecast, which would
    # drop the series' own last values
    idx = pd.date_range("2000-01-01", periods=40, freq="MS")
    y = pd.Series(np.arange(40.0) % 12 + 5, index=idx)
    promo = pd.Series(np.arange(40.0), index=idx, name="promo")
    promo.iloc[-3:] = np.nan
    with pytest.raises(ValueError) as e:
        Forecaster(ensemble=1, epochs=1, progress=False).fit(y, covariates=promo)
    assert str(e.value).endswith(
        "The covariates 'promo' (last 3) end before the series; the network reads them at every "
        "point, so fill them (covariates.ffill() carries each last value forward) or end the "
        "series and the covariates where the covariates end (series[:-3], covariates[:-3])."
    )
    assert "drop them instead" not in str(e.value)
    Forecaster(ensemble=1, epochs=1, progress=False).fit(y, covariates=promo.ffill())


# --------------------------------------------------------------------------------------------
# By hand: windows, splits, scalers and transforms (as a scikit-learn / Keras user expects)
# --------------------------------------------------------------------------------------------


def test_make_windows_ends_with_the_last_window_whose_targets_fit():
    # the tutorial's create_dataset(look_back=3) stops one window earlier, at target 8
    X, Y = D.make_windows(np.arange(10.0), lookback=3, horizon=1)
    assert len(X) == 7 and X[-1, :, 0].tolist() == [6.0, 7.0, 8.0] and Y[-1].tolist() == [9.0]
    X, Y = D.make_windows(np.arange(10.0), lookback=3, horizon=2, stride=3)
    assert X[:, 0, 0].tolist() == [0.0, 3.0] and Y.tolist() == [[3.0, 4.0], [6.0, 7.0]]


_SHAPE = "`values` must be a series [T] or [T, F] with at least one point and one feature, got"


@pytest.mark.parametrize("windows", [D.make_windows, D.split_windows])
@pytest.mark.parametrize(
    ("values", "shape"), [(np.zeros((20, 2, 3)), "(20, 2, 3)"), (np.zeros(0), "(0,)"), (3.0, "()")]
)
def test_window_functions_refuse_values_that_are_not_a_series(windows, values, shape):
    # [T, 2, 3] was flattened to 6 features without a word; [0] and a scalar were numpy errors
    with pytest.raises(ValueError) as e:
        windows(values, lookback=3, horizon=1)
    # windows [N, L, F] are told so (walk35b)
    cut = (
        ": windows [samples, time steps, features], as make_windows and split_windows give "
        "them, are cut already; pass the series they were cut from"
    ) * (np.ndim(values) == 3)
    assert str(e.value) == f"{_SHAPE} shape {shape}{cut}."


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        # was stride 1; a bool is a wrong type: TypeError (revdoc14)
        ({"stride": True}, TypeError, "`stride` must be a positive integer, got True."),
        (
            {"target_col": 5},
            ValueError,
            "`target_col` must be a column's position in `values` (0, its one column), got 5.",
        ),
    ],
)
def test_make_windows_checks_its_arguments_as_split_windows_does(kwargs, error, message):
    with pytest.raises(error) as e:
        D.make_windows(np.arange(20.0), lookback=3, horizon=1, **kwargs)
    assert str(e.value) == message


def test_a_frame_read_without_index_col_is_refused_naming_the_column():
    """The tutorial's CSV read without usecols/index_col: a Month column beside the values."""
    months = pd.date_range("1949-01", periods=24, freq="MS")
    frame = pd.DataFrame({"Month": months.strftime("%Y-%m"), "Passengers": np.arange(24.0)})
    advice = (
        "got a column of dates, 'Month' ('1949-01' … '1950-12'); make it the index: "
        "{0} = {0}.set_index('Month'), then {0}.index = pd.to_datetime({0}.index) (or "
        "pd.read_csv(..., index_col='Month', parse_dates=True))."
    )
    for call, name in (
        (lambda: D.make_windows(frame, lookback=3, horizon=1), "values"),
        (lambda: D.split_windows(frame, lookback=3, horizon=1, test=4), "values"),
        (lambda: D.MinMaxScaler().fit(frame), "x"),
        (lambda: D.LogTransform().transform(frame), "x"),
    ):
        with pytest.raises(ValueError) as e:
            call()
        assert str(e.value) == (
            f"`{name}` must hold values only, with the dates as its index, " + advice.format(name)
        )
    # parsed dates were read as microseconds since 1970 by a scaler; a Series of them has no
    # column to make the index (it was told x.set_index('0'), which a Series lacks)
    with pytest.raises(ValueError) as e:
        D.StandardScaler().fit(pd.Series(months))
    assert str(e.value) == (
        f"`x` must hold values only, got dates ({months.dtype}); keep the dates apart, as a "
        "pandas index, and pass the values."
    )
    with pytest.raises(ValueError) as e:
        D.make_windows(frame.assign(Month=["a"] * 24), lookback=3, horizon=1)
    assert str(e.value) == (
        "`values` must hold numbers, got text in column 'Month' (first 'a'); select the "
        "columns of numbers."
    )
    with pytest.raises(ValueError) as e:
        D.StandardScaler().fit(["1", "x"])
    assert str(e.value) == (
        "`x` must be an array of numbers, got list that numpy cannot read as floats (could "
        "not convert string to float: 'x')."
    )
    # the index of a Series with dates is not read: its values are windowed as they are
    X, _ = D.make_windows(frame.set_index("Month")["Passengers"], lookback=3, horizon=1)
    assert X.shape == (21, 3, 1) and X[-1, :, 0].tolist() == [20.0, 21.0, 22.0]
    assert D.StandardScaler().fit_transform(frame.set_index("Month")["Passengers"]).shape == (24,)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((10.5,), TypeError, "`n` must be an integer (the number of points), got 10.5."),
        ((-1,), ValueError, "`n` must be at least 1 (the number of points), got -1."),
        (
            (10, "2"),
            TypeError,
            # (xd15) told the number the text holds
            "`val` must be a count (int) or a fraction (float in [0, 1)), got '2' (a number, not "
            "text: 2).",
        ),
        (
            (10, 0, True),
            TypeError,
            "`test` must be a count (int) or a fraction (float in [0, 1)), got True.",
        ),
    ],
)
def test_time_split_refuses_sizes_that_are_not_numbers(args, error, message):
    # 10.5 gave slices ending at 10.5, True a test part of 1, '2' a bare TypeError
    with pytest.raises(error) as e:
        D.time_split(*args)
    assert str(e.value) == message


def test_time_split_matches_the_tutorials_67_percent():
    y = D.load_dataset("airline").to_numpy()
    train, val, test = D.time_split(len(y), test=0.33)
    assert (train, test) == (slice(0, int(len(y) * 0.67)), slice(96, 144)) and val == slice(96, 96)


@pytest.mark.parametrize("cls", [D.MinMaxScaler, D.StandardScaler])
def test_scalers_invert_one_feature_of_a_multi_feature_fit(cls):
    """A target and two covariates scaled together; the network forecasts the target only."""
    train = np.column_stack([[100.0, 150.0, 200.0, 250.0], [0.0, 1.0, 0.0, 1.0], [5.0, 6, 7, 9]])
    scaler = cls().fit(train)
    forecast = np.array([[0.5, 1.0, 1.5], [0.0, 0.25, 2.0]])  # [N, H], H = F = 3
    target = cls().fit(train[:, 0])
    np.testing.assert_array_equal(
        scaler.inverse_transform(forecast, feature=0), target.inverse_transform(forecast)
    )
    np.testing.assert_array_equal(
        scaler.transform(train[:, 2:], feature=-1), cls().fit_transform(train[:, 2])[:, None]
    )
    with pytest.raises(ValueError) as e:
        scaler.inverse_transform(np.zeros((2, 12)))
    assert str(e.value) == (
        f"{cls.__name__} was fitted on 3 features, got an array of shape (2, 12) (its last "
        "dimension must be 3); to scale one feature's values, such as a forecast [N, H] of "
        "the target, pass that feature's position, feature=0 for the first column (0 to 2)."
    )
    with pytest.raises(ValueError) as e:
        scaler.inverse_transform(forecast, feature=3)
    assert str(e.value) == (
        f"`feature` must be one of the 3 features {cls.__name__} was fitted on (0 to 2), got 3."
    )


def test_standard_scaler_takes_a_constant_whose_std_is_rounding_as_constant():
    x = np.full((10, 2), [1 / 3, 5.0])
    assert x[:, 0].std() == pytest.approx(5.55e-17, rel=0.01)  # not 0
    scaler = D.StandardScaler().fit(x)
    # scikit-learn's numbers: scale 1, and the training value maps to 0 (was -1; a change of
    # 1 became 1.8e16)
    assert scaler.scale_.tolist() == [1.0, 1.0]
    assert scaler.transform(x[:2]).tolist() == [[0.0, 0.0], [0.0, 0.0]]
    assert scaler.transform([[1 / 3 + 1, 6.0]]).tolist() == [[1.0, 1.0]]
    assert scaler.inverse_transform(scaler.transform(x)).tolist() == x.tolist()


@pytest.mark.parametrize(
    ("feature_range", "error"),
    [
        ((0.0, float("nan")), ValueError),
        ((0, float("inf")), ValueError),
        ((0, 1, 2), ValueError),
        (1, TypeError),  # a ValueError until xd15, as a wrong type is not
    ],
)
def test_min_max_scaler_refuses_a_range_that_is_not_two_finite_numbers(feature_range, error):
    # (0, nan) and (0, inf) scaled everything to NaN; (0, 1, 2) was (0, 1); 1 a bare TypeError
    with pytest.raises(error) as e:
        D.MinMaxScaler(feature_range)
    assert str(e.value) == (
        "`feature_range` must be two finite numbers (min, max) with min < max, got "
        f"{feature_range!r}."
    )


def test_seasonal_differencer_inverts_multi_step_forecasts_from_their_anchor():
    y = D.load_dataset("airline").to_numpy()
    for lag in (1, 12):
        dif = D.SeasonalDifferencer(lag)
        z = dif.transform(y)
        # the whole series back from its first `lag` values, exactly
        assert dif.inverse_transform(z, y[:lag]).tolist() == y[lag:].tolist()
    dif = D.SeasonalDifferencer(12)
    # 15 steps ahead: the first 12 add to the last 12 observed, steps 13-15 to the forecast
    out = dif.inverse_transform(np.ones(15), y[:100])
    assert out.tolist() == [*(y[88:100] + 1).tolist(), *(y[88:91] + 2).tolist()]
    # a target and a covariate differenced together invert column by column
    two = np.column_stack([y, np.arange(144.0)])
    zz = dif.transform(two)
    np.testing.assert_array_equal(dif.inverse_transform(zz[-5:], two[:-5]), two[-5:])


def test_seasonal_differencer_refuses_a_network_output_of_shape_1_by_h():
    # out [1, H] anchored every step on the same last value: [[11, 11, 11]], not [11, 12, 13]
    dif = D.SeasonalDifferencer(1)
    assert dif.inverse_transform(np.ones(3), [8.0, 10.0]).tolist() == [11.0, 12.0, 13.0]
    with pytest.raises(ValueError) as e:
        dif.inverse_transform(np.ones((1, 3)), [8.0, 10.0])
    assert str(e.value) == (
        "`z` must be one forecast's differences, [H] for a [T] `history` (or [H, F] for "
        "[T, F]), got `z` of shape (1, 3) and `history` of shape (2,); for a network's "
        "output [1, H], pass out[0]."
    )
    # one feature's column (df[["y"]].to_numpy()) takes [H] differences, as before the check
    column = dif.inverse_transform(np.ones(3), np.array([[8.0], [10.0]]))
    assert column.tolist() == [[11.0], [12.0], [13.0]]


@pytest.mark.parametrize(
    ("lag", "error"), [(1.5, ValueError), (True, TypeError), ("12", TypeError), (0, ValueError)]
)
def test_seasonal_differencer_lag_is_a_positive_integer(lag, error):
    # 1.5 and True were taken (1.5 failed later in slicing), '12' was a bare TypeError; a
    # bool or a text is a wrong type, told as such (revdoc14)
    with pytest.raises(error) as e:
        D.SeasonalDifferencer(lag)
    told = " (a number, not text: 12)" if lag == "12" else ""  # lib22: text's number, as configs'
    assert str(e.value) == f"`lag` must be a positive integer, got {lag!r}{told}."


def test_short_series_and_log_of_nan_say_what_came():
    with pytest.raises(ValueError) as e:
        D.SeasonalDifferencer(12).transform(np.arange(12.0))
    assert str(e.value) == "`x` must have more than 12 points to difference with lag 12, got 12."
    with pytest.raises(ValueError) as e:  # the minimum was shown as nan
        D.LogTransform().transform(np.array([3.0, np.nan, -1.0]))
    assert str(e.value) == (
        "`x` must be strictly positive for the log transform, got minimum -1 (a Forecaster "
        "takes transform='none' for such a series)."
    )


def test_columns_of_numbers_skip_the_per_value_text_check(monkeypatch):
    """The text check read every value as a Python object: a scaler on a 1e6-row DataFrame took
    0.46 s (0.03 s from numpy). Columns of numbers, nullable and bool ones too, skip it."""
    frame = pd.DataFrame(
        {
            "a": [1.0, 2.0, 4.0, 5.0],
            "b": pd.array([1, 2, 3, 5], dtype="Int64"),
            "c": pd.array([True, False, True, True], dtype="boolean"),
        }
    )

    def refused(*args, **kwargs):
        raise AssertionError("pd.to_numeric ran on a column of numbers")

    monkeypatch.setattr(pd, "to_numeric", refused)
    scaler = D.MinMaxScaler().fit(frame)
    assert scaler.transform(frame).tolist() == [
        [0.0, 0.0, 1.0],
        [0.25, 0.25, 0.0],
        [0.75, 0.5, 1.0],
        [1.0, 1.0, 1.0],
    ]
    X, Y = D.make_windows(frame["b"], lookback=2, horizon=1)
    assert X[:, :, 0].tolist() == [[1.0, 2.0], [2.0, 3.0]] and Y.tolist() == [[3.0], [5.0]]


def test_numpy_dates_and_durations_are_refused_as_pandas_ones_are():
    # read as 18262.0 (days since 1970) and as counts of hours, silently
    days = np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]")
    with pytest.raises(ValueError) as e:
        D.StandardScaler().fit(days)
    assert str(e.value) == (
        "`x` must hold values only, got dates (datetime64[D]); keep the dates apart, as a "
        "pandas index, and pass the values."
    )
    with pytest.raises(TypeError) as e:
        D.make_windows(np.arange(5).astype("timedelta64[h]"), lookback=2, horizon=1)
    assert str(e.value) == (
        "`values` must hold numbers, got durations (timedelta64[h]); give them in a unit, "
        "e.g. values / np.timedelta64(1, 'h') for hours."
    )


def test_standard_scaler_takes_values_equal_but_for_rounding_as_constant():
    # 0.1 + 0.2 beside 0.3: std 4.5e-17, so 0.4 became 2.2e15 (scikit-learn: 0.1)
    x = np.array([0.3, 0.1 + 0.2, 0.3])
    scaler = D.StandardScaler().fit(x)
    assert float(scaler.scale_) == 1.0
    assert scaler.transform(np.array([0.4])).tolist() == pytest.approx([0.1], abs=1e-15)
    # a small spread that is no rounding keeps its std: 1e-7 around a million
    spread = 1e6 + np.array([0.0, 1e-7, 2e-7])
    assert float(D.StandardScaler().fit(spread).scale_) == spread.std()


def test_standard_scaler_of_huge_and_tiny_features_is_their_units_times_the_power_of_two():
    # the variance of values past 1e154 overflowed to inf and counted as constant (scale_ 1,
    # so a covariate of 1e200 went into the network as 1e200 and training stopped on NaN);
    # below 1e-162 it vanished to 0. Scaled by 2**600, mean and std are those of x, exactly.
    x = np.array([[1.0, 10.0], [3.0, 20.0], [5.0, 60.0]])
    plain = D.StandardScaler().fit(x)
    for factor in (2.0**600, 2.0**-600):
        scaled = D.StandardScaler().fit(x * factor)
        assert (scaled.mean_ / factor).tolist() == plain.mean_.tolist()
        assert (scaled.scale_ / factor).tolist() == plain.scale_.tolist()
        assert scaled.transform(x * factor).tolist() == plain.transform(x).tolist()
    assert float(D.StandardScaler().fit(np.full(3, 1e300)).scale_) == 1.0  # still constant


def test_standard_scaler_of_features_near_the_largest_float_is_finite():
    # the power of two was 2**e with 2**(e-1) <= |x| < 2**e: inf from 2**1023 (8.99e307) on,
    # so a covariate of 1e308 got mean_ NaN (numpy warned of an overflow in ldexp) and
    # training stopped on a NaN loss advising a lower learning rate
    x = np.array([[1.0, 10.0], [3.0, 20.0], [5.0, 60.0]])
    plain = D.StandardScaler().fit(x)
    factor = 2.0**1018  # 60 * 2**1018 = 1.08e308
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scaled = D.StandardScaler().fit(x * factor)
    assert (scaled.mean_ / factor).tolist() == plain.mean_.tolist()
    assert (scaled.scale_ / factor).tolist() == plain.scale_.tolist()
    assert scaled.transform(x * factor).tolist() == plain.transform(x).tolist()
    assert D._binary_unit(np.array([1.5e308, -1e308])) == 2.0**1023


def test_standard_scaler_fitted_on_one_feature_holds_numpy_floats():
    # the constant rule's np.where made mean_ a 0-d array, which json.dumps refused (it was a
    # numpy float, as MinMaxScaler's statistics are)
    scaler = D.StandardScaler().fit(np.array([1.0, 3.0, 5.0]))
    assert isinstance(scaler.mean_, float) and isinstance(scaler.scale_, float)
    assert json.dumps([scaler.mean_, scaler.scale_]) == "[3.0, 1.632993161855452]"
    two = D.StandardScaler().fit(np.array([[1.0, 2.0], [3.0, 2.0]]))
    assert two.mean_.tolist() == [2.0, 2.0] and two.scale_.tolist() == [1.0, 1.0]


def test_make_windows_cuts_a_long_series_at_once():
    """A Python loop over the windows took 1.2 s for 300,000 points (now about 0.01 s): timed
    against such a loop over 10 % of them, in the same run (a shared machine's load slows both;
    0.4 s of wall time failed under load)."""
    values = np.arange(300_000.0)

    def best_of_3(work):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            out = work()
            times.append(time.perf_counter() - start)
        return min(times), out

    loop, _ = best_of_3(lambda: np.stack([values[i : i + 4] for i in range(30_000)]))
    took, (X, Y) = best_of_3(lambda: D.make_windows(values, lookback=4, horizon=2))
    assert took < 3 * loop, (took, loop)  # about 0.3 times; the loop over all: about 10 times
    assert X.shape == (299_995, 4, 1) and Y.shape == (299_995, 2)
    assert X[-1, :, 0].tolist() == [299_994.0, 299_995.0, 299_996.0, 299_997.0]
    assert Y[-1].tolist() == [299_998.0, 299_999.0]
    # strides and a target column, each window a copy of its own
    two = np.column_stack([np.arange(9.0), 10 * np.arange(9.0)])
    X, Y = D.make_windows(two, lookback=3, horizon=2, stride=3, target_col=1)
    assert X[:, 0].tolist() == [[0.0, 0.0], [3.0, 30.0]]
    assert Y.tolist() == [[30.0, 40.0], [60.0, 70.0]]
    X[0, 0, 0] = -1.0
    assert two[0, 0] == 0.0 and X.flags.writeable and Y.flags.writeable


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (
            "1949-01,1\n1949-02,2,3,4\n",
            "(Expected 2 fields in line 3, saw 4); every row must have the header's 2 fields; "
            "a value holding the separator ',' must be quoted.",
        ),
        (
            '1949-01,"1\n1949-02,2\n',
            "(EOF inside string starting at row 1); a quoted value must end with its closing "
            "quote.",
        ),
    ],
    ids=["more fields", "open quote"],
)
def test_a_csv_pandas_cannot_tokenize_is_named(tmp_path, rows, problem):
    # pandas' "Error tokenizing data. C error: ..." came as it was, naming no file
    (tmp_path / "f.csv").write_text("month,sales\n" + rows)
    with pytest.raises(ValueError) as err:
        D.read_csv(tmp_path / "f.csv", "month", "sales")
    assert str(err.value) == f"CSV file 'f.csv' cannot be read as a table {problem}"


def test_messages_list_at_most_twenty_column_names_each_cut_short(tmp_path):
    # a million columns or a header line of a gigabyte gave a message as long, on one line
    names = ["month", *(f"c{k}" for k in range(999)), "x" * 100]
    (tmp_path / "wide.csv").write_text(",".join(names) + "\n" + ",".join(["1"] * 1001) + "\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(tmp_path / "wide.csv", "month", "sales")
    shown = ", ".join(repr(n) for n in names[:20])
    assert str(err.value) == (
        f"column ['sales'] not found in {str(tmp_path / 'wide.csv')!r}; available columns: "
        f"[{shown}, ... (1,001 in all)]."
    )
    (tmp_path / "long.csv").write_text("m" * 100_000 + "\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(tmp_path / "long.csv", "month", "sales")
    assert str(err.value) == (
        f"CSV file 'long.csv' has a header row ({'m' * 39}…) but no data rows; expected one "
        "row per timestamp."
    )


# The airline data as R exports it: write.csv(data.frame(time = time(AirPassengers), value =
# AirPassengers)) writes decimal years with 15 significant digits; others round them.
_R_TIMES = {
    "15 digits": lambda t: f"{t:.15g}",
    "3 decimals": lambda t: f"{t:.3f}".rstrip("0").rstrip("."),  # as R writes round(t, 3)
    "2 decimals": lambda t: f"{t:.2f}".rstrip("0").rstrip("."),
}


def _r_csv(tmp_path, times, values, write=_R_TIMES["15 digits"]):
    rows = "".join(
        f'"{k + 1}",{write(t)},{v:g}\n' for k, (t, v) in enumerate(zip(times, values, strict=True))
    )
    return _write(tmp_path, '"","time","value"\n' + rows)


@pytest.mark.parametrize("written", list(_R_TIMES))
def test_decimal_years_as_r_writes_them_read_as_the_months_they_start(tmp_path, written):
    # R's time() of a monthly ts, 1949.08333333333 for February, was refused as unparsable
    # dates from a CSV, and a float index of them read as the positions 0 .. 143
    air = D.load_dataset("airline")
    times = 1949 + np.arange(144) / 12
    path = _r_csv(tmp_path, times, air, _R_TIMES[written])
    assert (
        path.read_text().splitlines()[2].split(",")[1]
        == {
            "15 digits": "1949.08333333333",
            "3 decimals": "1949.083",
            "2 decimals": "1949.08",
        }[written]
    )
    frame = D.read_csv(path, "time", "value")
    assert frame.index.equals(air.index) and frame.index.freqstr == "MS"
    assert frame["value"].tolist() == air.tolist() and frame.index.name == "time"
    assert D.season_length(frame.index) == 12 and D.default_horizon(frame.index) == 12
    pd.testing.assert_frame_equal(
        D.calendar_inputs(frame.index, 12), D.calendar_inputs(air.index, 12), check_names=False
    )
    # in Python, the float index pandas reads from the same file
    series = pd.read_csv(path, index_col="time")["value"]
    assert series.index.dtype == float
    assert D.to_frame(series).index.equals(air.index)


def test_a_forecaster_fitted_on_decimal_years_sees_the_airline_calendar():
    air = D.load_dataset("airline")
    cfg = ForecasterConfig(hidden_size=4, epochs=1, ensemble=1, interval=None, refit=False)
    r_series = pd.Series(air.to_numpy(), index=1949 + np.arange(144) / 12)
    fits = [Forecaster(cfg).fit(s) for s in (air, r_series)]
    assert [fc.state_["m"] for fc in fits] == [12, 12]
    assert [fc.config.horizon for fc in fits] == [12, 12]
    assert fits[0].state_["calendar"] == fits[1].state_["calendar"]
    forecast = fits[1].predict()
    assert forecast.index.equals(pd.date_range("1961-01-01", periods=12, freq="MS"))


@pytest.mark.parametrize(
    ("times", "freq", "season"),
    [
        # quarters: R's time() of a quarterly ts, and rounded to one decimal (1949.25 is
        # written 1949.2 or 1949.3 then, 1949.75 as 1949.8), still a quarter apart
        (["1949", "1949.25", "1949.5", "1949.75", "1950", "1950.25"], "QS", 4),
        (["1949", "1949.2", "1949.5", "1949.8", "1950", "1950.3"], "QS", 4),
        (["1949.0", "1949.5", "1950.0", "1950.5"], "2QS", 2),  # half-years
    ],
)
def test_decimal_years_of_quarters_and_half_years_read_as_their_starts(
    tmp_path, times, freq, season
):
    n = len(times)
    frame = D.read_csv(_r_csv(tmp_path, [float(t) for t in times], range(n), str), "time", "value")
    months = 12 // season
    expected = pd.date_range("1949-01-01", periods=n, freq=f"{months}MS")
    assert frame.index.equals(expected)
    # pandas 2.2 anchors the inferred quarters at October (QS-OCT), pandas 3 at January
    # (QS-JAN): either is quarter starts on these months, which the frequency must draw again
    code, anchor = frame.index.freqstr.split("-")
    assert code == freq and anchor in {"JAN", "APR", "JUL", "OCT"}
    assert pd.date_range(expected[0], periods=n, freq=frame.index.freq).equals(expected)
    assert D.season_length(frame.index) == season
    from_python = D.to_frame(pd.Series(range(n), index=[float(t) for t in times], dtype=float))
    assert from_python.index.equals(expected)


def test_decimal_years_with_a_gap_or_a_duplicate_are_handled_as_dates_are(tmp_path):
    times = 1949 + np.arange(14) / 12
    gap = _r_csv(tmp_path, np.delete(times, 3), range(13))  # no April 1949
    with pytest.raises(ValueError) as err:
        D.read_csv(gap, "time", "value")
    assert str(err.value) == (
        f"timestamps in {str(tmp_path / 's.csv')!r} must be regularly spaced (no gaps), got "
        "irregular steps before 1949-05-01 (usual step: 1 month); missing 1949-04-01; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take, to insert the missing timestamps and fill "
        "their values."
    )
    filled = D.read_csv(gap, "time", "value", fill="interpolate")
    assert filled.attrs["inserted"] == 1 and filled.index.freqstr == "MS"
    assert filled.loc["1949-03-01":"1949-05-01", "value"].tolist() == [2.0, 2.5, 3.0]
    series = pd.Series(np.arange(13.0), index=np.delete(times, 3))  # and from Python
    with pytest.raises(ValueError, match=r"missing 1949-04-01; pass fill='ffill'"):
        D.to_frame(series)
    pd.testing.assert_series_equal(
        D.to_frame(series, fill="interpolate")["value"], filled["value"], check_names=False
    )
    twice = _r_csv(tmp_path, np.insert(times, 3, times[3]), range(15))
    with pytest.raises(ValueError) as err:
        D.read_csv(twice, "time", "value")
    assert (
        str(err.value)
        == f"timestamps must be unique, got duplicates in {str(tmp_path / 's.csv')!r}: 1949-04-01."
    )


_EXPECTED_DECIMAL_YEARS = (
    "decimal years as R's time() writes them: year + (month - 1)/12 for monthly data "
    "(1949.08333333333 or 1949.08 for February), year + (quarter - 1)/4 for quarterly data "
    "(1949.25), year + 0.5 for the second half-year, one row per period"
)


@pytest.mark.parametrize(
    ("times", "why"),
    [
        (
            # months at one decimal (1949.2: March; 1949.3: April or May) that fit the quarter
            # grid, 1949.2 and 1949.3 on the second (refused as the duplicate 1949-04-01,
            # naming no rounding)
            ["1949.2", "1949.3", "1949.7", "1949.8", "1950.0"],
            "got them rounded to 1 decimal, too few to tell the months apart: rows 2 and 3 "
            "('1949.2', '1949.3') both read as the quarter that starts in April 1949; write at "
            "least 2 decimals",
        ),
        (
            # March and April at one decimal, read as the year.month stamps 1949-02 twice
            ["1949.1", "1949.2", "1949.2"],
            "got them rounded to 1 decimal, too few to tell the months apart ('1949.2', row 3, "
            "is March or April); write at least 2 decimals (read as '%Y.%m' instead, rows 3 and "
            "4 are both 1949-02-01)",
        ),
    ],
)
def test_months_at_one_decimal_that_land_on_one_period_are_refused_for_the_rounding(
    tmp_path, times, why
):
    path = _write(tmp_path, "time,value\n" + "".join(f"{t},{k}\n" for k, t in enumerate(times)))
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "time", "value")
    assert str(err.value) == (
        f"column 'time' of {str(tmp_path / 's.csv')!r} must hold dates or "
        f"{_EXPECTED_DECIMAL_YEARS}; {why}."
    )


@pytest.mark.parametrize(
    ("times", "twice"),
    [
        (["1949", "1949.5", "1950", "1950", "1950.5"], "1950-01-01"),  # R's exact half-years
        (["1949.5", "1949.5"], "1949-07-01"),  # July alone, read as a decimal year
        (["1949.1", "1949.1", "1949.3"], "1949-01-01"),  # February alone, read as year.month
    ],
)
def test_a_repeat_the_rounding_does_not_explain_is_refused_as_a_duplicate(tmp_path, times, twice):
    # one text that is one month (1949.5: July) repeated is a duplicate row: it was refused
    # as "rounded to 1 decimal, too few to tell the months apart", which 1950 and 1950 are not
    path = _write(tmp_path, "time,value\n" + "".join(f"{t},{k}\n" for k, t in enumerate(times)))
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "time", "value")
    assert (
        str(err.value)
        == f"timestamps must be unique, got duplicates in {str(tmp_path / 's.csv')!r}: {twice}."
    )


@pytest.mark.parametrize(
    ("times", "twice"),
    [
        (
            ["1949.0", "1949.2", "1949.5", "1949.8"],
            "1949-01-01, 1949-04-01, 1949-07-01, 1949-10-01",
        ),
        ([f"1949.{m}" for m in range(1, 4)], "1949-01-01, 1949-02-01, 1949-03-01"),
    ],
)
def test_a_long_format_file_at_one_decimal_is_refused_with_the_column_to_read_by(
    tmp_path, times, twice
):
    # quarters at one decimal and year.month stamps, one row per store: every stamp repeats,
    # which was refused for the rounding of months (1949.2 twice: March and April) where it
    # needs --where
    rows = "".join(
        f"{t},{s},{2 * k + j}\n" for k, t in enumerate(times) for j, s in enumerate("AB")
    )
    path = _write(tmp_path, "time,store,value\n" + rows)
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "time", "value")
    assert str(err.value) == (
        f"timestamps must be unique, got duplicates in {str(tmp_path / 's.csv')!r}: {twice}. The "
        "file looks like 2 series in long format, one per value of 'store' (A, B): read one with "
        "where={'store': 'A'} (CLI: --where store=A)."
    )
    assert D.read_csv(path, "time", "value", where={"store": "B"})["value"].tolist() == [
        2 * k + 1 for k in range(len(times))
    ]


def test_a_float_index_of_such_months_is_still_refused_as_duplicates():
    # as numbers they would be positions, which would hide the repeat
    series = pd.Series(range(5), index=[1949.2, 1949.3, 1949.7, 1949.8, 1950.0], dtype=float)
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert str(err.value) == (
        "timestamps must be unique, got duplicates in `series`: 1949-04-01, 1949-10-01."
    )


@pytest.mark.parametrize(
    ("times", "why"),
    [
        (["1949.37", "1950.37", "1951.37"], "got '1949.37' (row 2), which is none of these"),
        (
            ["1949", "1949.08", "1949.16", "1949.25"],  # truncated, not rounded
            "got '1949.16' (row 4), which is none of these (cut off rather than rounded? "
            "rounded, it is 1949.17)",
        ),
        (
            # R's monthly times rounded to one decimal: 1949.25 (April) and 1949.33 (May)
            # are both 1949.3
            ["1949", "1949.1", "1949.2", "1949.2", "1949.3", "1949.4", "1949.5"],
            "got them rounded to 1 decimal, too few to tell the months apart ('1949.2', row 4, "
            "is March or April); write at least 2 decimals",
        ),
        (
            ["1949.25", "1950.25", "1951.25"],
            "got rows a year or more apart ('1949.25', '1950.25', ...), which R writes as "
            "whole years (1949, 1950, ...)",
        ),
        (
            # R's time() of a ts with 2 periods a year writes 1949, 1949.5: no April, October
            ["1949.25", "1949.75", "1950.25", "1950.75"],
            "got rows 6 months apart from April ('1949.25', '1949.75', ...), but R's time() "
            "starts a year's 2 periods in January and July",
        ),
        (
            ["1949.08333333333", "1949.25", "1949.41666666667"],
            "got rows 2 months apart from February ('1949.08333333333', '1949.25', ...), but "
            "R's time() starts a year's 6 periods in January, March, May, July, September and "
            "November",
        ),
        (
            ["1949", "1949.41666666667", "1949.83333333333"],
            "got rows 5 months apart ('1949', '1949.41666666667', ...), which divide no year "
            "into periods",
        ),
    ],
)
def test_decimal_years_that_are_no_months_or_quarters_are_refused(tmp_path, times, why):
    # 1949.37, 1950.37, ... were read (by dateutil) as 1 January of each year
    path = _write(tmp_path, "time,value\n" + "".join(f"{t},{k}\n" for k, t in enumerate(times)))
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "time", "value")
    assert str(err.value) == (
        f"column 'time' of {str(tmp_path / 's.csv')!r} must hold dates or "
        f"{_EXPECTED_DECIMAL_YEARS}; {why}."
    )
    # a float index of them is no date column: it stays the positions it was read as
    series = pd.Series(range(len(times)), index=[float(t) for t in times], dtype=float)
    assert D.to_frame(series).index.equals(pd.RangeIndex(len(times)))


@pytest.mark.parametrize(
    "index",
    [
        [1949.5, 1950.5, 1951.5, 1952.5],  # yearly data stamped mid-year
        [1000.1, 1000.2, 1000.3, 1000.4],  # seconds
        [1000.0, 1000.5, 1001.0, 1001.5],  # seconds: were read as half-years from the year 1000
        [2261.5, 2262.0, 2262.5, 2263.0],  # and beyond pandas' nanosecond timestamps
        [1013.25, 1014.1, 1012.7, 1011.9],  # irregular readings
    ],
)
def test_a_float_index_of_no_decimal_years_stays_positions(index):
    # these read as the positions 0 .. T-1, and were then refused as no decimal years
    frame = D.to_frame(pd.Series([1.0, 2.0, 3.0, 4.0], index=index))
    assert frame.index.equals(pd.RangeIndex(4)) and frame["value"].tolist() == [1, 2, 3, 4]


def test_a_float32_index_of_decimal_years_reads_as_the_months_they_start():
    # 2020 + 1/12 is 2020.0833740234375 in float32: refused as no month
    times = (2020 + np.arange(24) / 12).astype(np.float32)
    frame = D.to_frame(pd.Series(np.arange(24.0), index=pd.Index(times, dtype=np.float32)))
    assert frame.index.equals(pd.date_range("2020-01-01", periods=24, freq="MS"))


@pytest.mark.parametrize("decimal", [",", "."])
def test_decimal_years_r_writes_with_a_decimal_comma_read_as_the_months_they_start(
    tmp_path, decimal
):
    # write.csv2(data.frame(time = time(AirPassengers), value = AirPassengers)): 1949,0833
    # read as 1949-01-01 (refused as duplicates), 1949,08333333333 as unparsable dates
    air = D.load_dataset("airline")[:24]
    for write in (lambda t: f"{t:.15g}", lambda t: f"{t:.4f}"):
        rows = "".join(
            f'"{k + 1}";{write(1949 + k / 12).replace(".", ",")};{v:g}\n' for k, v in enumerate(air)
        )
        path = _write(tmp_path, '"";"time";"value"\n' + rows)
        assert path.read_text().splitlines()[2].split(";")[1] in ("1949,08333333333", "1949,0833")
        frame = D.read_csv(path, "time", "value", sep=";", decimal=decimal)
        assert frame.index.equals(air.index) and frame["value"].tolist() == air.tolist()
    path = _write(tmp_path, "time;value\n1949,37;1\n1950,37;2\n1951,37;3\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "time", "value", sep=";", decimal=decimal)
    assert str(err.value) == (
        f"column 'time' of {str(tmp_path / 's.csv')!r} must hold dates or "
        f"{_EXPECTED_DECIMAL_YEARS}; got '1949,37' (row 2), which is none of these."
    )


def test_stamps_of_a_year_and_its_month_after_a_point_still_read_as_months(tmp_path):
    # 1949.01 (or 1949.1 ... 1949.12) is no decimal year, but the year and its month
    # February and August: 1949.2, 1949.8 lie on R's quarters (rounded to one decimal), but
    # every other one, from April: they were read as April and October
    text = "time,value\n" + "".join(
        f"{y}.{m},{k}\n" for k, (y, m) in enumerate([(1949, 2), (1949, 8), (1950, 2), (1950, 8)])
    )
    frame = D.read_csv(_write(tmp_path, text), "time", "value")
    assert frame.index.equals(pd.date_range("1949-02-01", periods=4, freq="6MS"))
    for months in ([f"{m:02d}" for m in range(1, 13)], [str(m) for m in range(1, 13)]):
        text = "time,value\n" + "".join(f"1949.{m},{k}\n" for k, m in enumerate(months))
        frame = D.read_csv(_write(tmp_path, text), "time", "value")
        assert frame.index.equals(pd.date_range("1949-01-01", periods=12, freq="MS"))
    # and a year's stamps in May, as before
    may = D.read_csv(_write(tmp_path, "t,v\n1949.5,1\n1950.5,2\n1951.5,3\n"), "t", "v")
    assert may.index.strftime("%Y-%m-%d").tolist() == ["1949-05-01", "1950-05-01", "1951-05-01"]


def test_make_windows_of_a_series_exactly_lookback_plus_horizon_long_is_one_window():
    X, Y = D.make_windows(np.arange(5.0), lookback=3, horizon=2)
    assert X[:, :, 0].tolist() == [[0.0, 1.0, 2.0]] and Y.tolist() == [[3.0, 4.0]]


def test_make_windows_takes_a_target_column_counted_from_the_end():
    v = np.column_stack([np.arange(6.0), 10 * np.arange(6.0)])
    X, Y = D.make_windows(v, lookback=4, horizon=1, target_col=-1)
    assert X.shape == (2, 4, 2) and Y.tolist() == [[40.0], [50.0]]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"test": 1.0}, "`test` as a fraction must be in [0, 1), got 1.0."),
        ({"val": -1}, "`val` must be >= 0, got -1."),
    ],
)
def test_time_split_refuses_a_whole_fraction_and_a_negative_count(kwargs, message):
    with pytest.raises(ValueError) as e:
        D.time_split(10, **kwargs)
    assert str(e.value) == message


def test_min_max_scaler_maps_to_its_feature_range():
    mm = D.MinMaxScaler(feature_range=(-1.0, 3.0)).fit(np.array([[2.0, 5.0], [6.0, 5.0]]))
    # scale_ = (b - a) / (max - min); a constant feature gets b - a and maps to a
    assert mm.scale_.tolist() == [1.0, 4.0] and mm.min_.tolist() == [-3.0, -21.0]
    assert mm.transform(np.array([[4.0, 5.0], [10.0, 6.0]])).tolist() == [[1.0, -1.0], [7.0, 3.0]]
    assert mm.inverse_transform(np.array([[1.0, -1.0]])).tolist() == [[4.0, 5.0]]


def test_standard_scaler_centres_on_the_mean_not_the_median():
    st = D.StandardScaler().fit(np.array([1.0, 2.0, 6.0]))  # mean 3, median 2
    assert float(st.mean_) == 3.0 and float(st.scale_) == pytest.approx(np.sqrt(14.0 / 3.0))
    assert st.transform(np.array([3.0])).tolist() == [0.0]


def test_seasonal_differencer_refuses_a_history_shorter_than_its_lag():
    with pytest.raises(ValueError) as e:
        D.SeasonalDifferencer(3).inverse_transform(np.array([1.0]), history=np.array([1.0, 2.0]))
    assert str(e.value) == (
        "`history` must hold at least `lag` (3) values, the last ones before the forecast, got 2."
    )
