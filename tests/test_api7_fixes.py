"""The Python API under the inputs a pandas user passes (api7): each test fails without its fix."""

from __future__ import annotations

import gzip
import io
import pickle
import tempfile
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import load_dataset, read_csv, to_frame
from lstmkit.forecast import Forecaster


def test_backtest_start_as_a_float_is_told_to_be_an_int_or_a_time() -> None:
    # start=125.0 (from arithmetic on len(series)) was refused without saying why a float fails
    fc = Forecaster(horizon=12, ensemble=1, epochs=1, lookback=12)
    told = (
        "`start` must be a position in 1..132 (or -143..-12 from the end), or one of the "
        "series' times from 1949-02-01 to 1960-01-01 (the first step it forecasts), leaving a "
        "whole horizon (12) of the 144 points after it, got {}; `start` must be a position as "
        "an int{} or one of the series' times, not a float."
    )
    airline = load_dataset("airline")
    for start, shown, int_ in [(125.0, "125.0", " (start=125)"), (125.5, "125.5", "")]:
        with pytest.raises(ValueError) as e:
            fc.backtest(airline, start=start)
        assert str(e.value) == told.format(shown, int_)
    with pytest.raises(ValueError) as e:
        fc.backtest(airline, start=np.float64(400))
    # numpy 2's repr on numpy 1 too (value_repr)
    assert str(e.value) == told.format("np.float64(400.0)", "")
    # on an integer index, the label it would be is named too, as for an int
    labelled = pd.Series(airline.to_numpy(), index=pd.RangeIndex(100, 244))
    with pytest.raises(ValueError) as e:
        fc.backtest(labelled, start=125.0)
    assert str(e.value) == (
        "`start` must be a position in 1..132 (or -143..-12 from the end), leaving a whole "
        "horizon (12) of the 144 points after it, got 125.0; `start` must be a position as an "
        "int (start=125), not a float; `start` counts positions, not the index's labels "
        "(100 .. 243): the label 125 is at position 25."
    )


def test_an_empty_or_blank_cell_left_as_text_is_told_to_be_a_missing_value(tmp_path) -> None:
    # '' (pd.read_csv(..., keep_default_na=False)) had no hint, where 'nan' had this one
    days = pd.date_range("2020-01-01", periods=4, freq="D")
    said = (
        "column 'value' has non-numeric values at 2020-01-02 ({!r}) (marks of missing "
        "values?): make them NaN (pandas: read_csv(..., na_values=[{!r}])), then pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' to fill them."
    )
    for blank in ["", "  "]:
        with pytest.raises(ValueError) as e:
            to_frame(pd.Series(["1", blank, "3", "4"], days))
        assert str(e.value) == said.format(blank, blank)
    with pytest.raises(ValueError) as e:
        to_frame(pd.Series([1.0, "", 3.0, 4.0], days))
    assert str(e.value) == said.format("", "")
    csv = tmp_path / "s.csv"
    csv.write_text("date,y\n2020-01-01,1\n2020-01-02,  \n2020-01-03,3\n")
    with pytest.raises(ValueError) as e:
        read_csv(csv, "date", "y")
    assert str(e.value) == (
        f"column 'y' of {str(csv)!r} has non-numeric values at 2020-01-02 ('  ') (marks of "
        "missing values?): "
        "leave those cells empty and pass fill='ffill', 'bfill', 'interpolate' or 'zero' (CLI: "
        "--fill) to fill them."
    )


def test_fractions_read_as_the_floats_nearest_them() -> None:
    # a column of fractions.Fraction was refused as "non-numeric values at ... (Fraction(1, 3))"
    days = pd.date_range("2020-01-01", periods=4, freq="D")
    frame = pd.DataFrame(
        {"y": [Fraction(1, 3), Fraction(1, 2), 2, Fraction(-7, 10)], "x": np.arange(4.0)}, days
    )
    read = to_frame(frame)
    assert read["y"].tolist() == [1 / 3, 0.5, 2.0, -0.7]
    assert read["y"].dtype == np.float64 and read["x"].tolist() == [0.0, 1.0, 2.0, 3.0]
    # a missing one among them is missing, and filled as any other
    gaps = pd.Series([Fraction(1, 4), None, Fraction(3, 4), Fraction(1, 1)], days)
    assert to_frame(gaps, fill="interpolate")["value"].tolist() == [0.25, 0.5, 0.75, 1.0]


def test_an_index_of_intervals_is_refused_with_the_edges_to_index_by() -> None:
    # pd.interval_range / pd.cut's bins were read as the positions 0 .. T-1, without a calendar
    days = pd.interval_range(pd.Timestamp("2020-01-01"), periods=10, freq="D")
    binned = pd.Series(np.arange(10.0), index=days)
    with pytest.raises(ValueError) as e:
        to_frame(binned)
    assert str(e.value) == (
        "`series` must be indexed by times or positions, got an IntervalIndex ((2020-01-01 "
        "00:00:00, 2020-01-02 00:00:00], (2020-01-02 00:00:00, 2020-01-03 00:00:00], ...), "
        "which would be read as the positions 0 .. 9; index it by one edge of each interval, "
        "series.set_axis(series.index.left) (or .right)."
    )
    # the advice reads: its left edges are the days
    read = to_frame(binned.set_axis(binned.index.left))
    assert read.index.freqstr == "D" and read.index[0] == pd.Timestamp("2020-01-01")
    y = pd.Series(np.arange(10.0), pd.date_range("2020-01-01", periods=10, freq="D"))
    with pytest.raises(ValueError, match=r"^`covariates` must be indexed by times or positions"):
        Forecaster(horizon=2).fit(y, covariates=binned)
    # a groupby over pd.cut's bins gives them as categories
    sums = pd.Series(np.arange(20.0)).groupby(pd.cut(np.arange(20), 5), observed=False).sum()
    with pytest.raises(ValueError) as e:
        to_frame(sums)
    assert str(e.value) == (
        "`series` must be indexed by times or positions, got a CategoricalIndex of intervals "
        "((-0.019, 3.8], (3.8, 7.6], ...), which would be read as the positions 0 .. 4; index "
        "it by one edge of each interval, series.set_axis(pd.IntervalIndex(series.index).left) "
        "(or .right)."
    )


def test_interpolate_fills_a_flag_by_carrying_it_forward(tmp_path) -> None:
    # a boolean covariate's gap between True and False was interpolated to 0.5
    days = pd.date_range("2020-01-01", periods=6, freq="D")
    frame = pd.DataFrame(
        {
            "y": [1.0, 2.0, np.nan, 4.0, 5.0, 6.0],
            "nullable": pd.array([None, True, None, False, None, True], dtype="boolean"),
            "objects": [True, None, None, False, None, True],
        },
        days,
    )
    read = to_frame(frame, fill="interpolate")
    assert read["y"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]  # numbers interpolated still
    assert read["nullable"].tolist() == [1.0, 1.0, 1.0, 0.0, 0.0, 1.0]
    assert read["objects"].tolist() == [1.0, 1.0, 1.0, 0.0, 0.0, 1.0]
    # numpy bools beside a missing timestamp, inserted and filled
    flags = pd.DataFrame({"y": [1.0, 2.0, 4.0, 5.0], "b": np.array([True, False, True, True])})
    read = to_frame(flags.set_axis(days[[0, 1, 3, 4]]), fill="interpolate")
    assert read["b"].tolist() == [1.0, 0.0, 0.0, 1.0, 1.0] and read.attrs["inserted"] == 1
    # and True/False written in a CSV
    csv = tmp_path / "s.csv"
    csv.write_text("date,y,holiday\n2020-01-01,1,True\n2020-01-02,2,\n2020-01-03,3,False\n")
    assert read_csv(csv, "date", ["y", "holiday"], fill="interpolate")["holiday"].tolist() == [
        1.0,
        1.0,
        0.0,
    ]


_CSV = "date,y\n2020-01-01,1\n2020-01-02,2\n2020-01-03,5\n"


def test_read_csv_reads_a_file_object_once_and_names_it(tmp_path, monkeypatch) -> None:
    # io.StringIO, io.BytesIO and open files were refused: "`path` must be a str or Path,
    # got StringIO."
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the copy is made
    days = pd.date_range("2020-01-01", periods=3, freq="D", name="date")
    for source in [
        io.StringIO(_CSV),
        io.BytesIO(_CSV.encode()),
        io.BytesIO(gzip.compress(_CSV.encode())),
    ]:
        read = read_csv(source, "date", "y")
        assert read["y"].tolist() == [1.0, 2.0, 5.0] and read.index.equals(days)
        assert source.read() in ("", b"")  # read to its end, once
    packed = tmp_path / "s.csv.gz"
    packed.write_bytes(gzip.compress(_CSV.encode()))
    with packed.open("rb") as f:
        assert read_csv(f, "date", "y")["y"].tolist() == [1.0, 2.0, 5.0]
    # refusals name the object: by its name, or as <StringIO> where it has none
    with pytest.raises(ValueError) as e:
        read_csv(io.StringIO(""), "date", "y")
    assert str(e.value) == (
        "CSV file '<StringIO>' is empty; expected a header row naming the columns, then one row "
        "per timestamp."
    )
    assert str(pickle.loads(pickle.dumps(e.value))) == str(e.value)  # as a worker sends it
    with pytest.raises(ValueError) as e:
        read_csv(io.StringIO(_CSV), "date", "z")
    assert str(e.value) == (
        "column ['z'] not found in '<StringIO>'; available columns: ['date', 'y']."
    )
    gappy = tmp_path / "gappy.csv"
    gappy.write_text("date,y\n2020-01-01,1\n2020-01-03,2\n2020-01-04,5\n")
    with gappy.open() as f, pytest.raises(ValueError) as e:
        read_csv(f, "date", "y")
    assert str(e.value).startswith(
        f"timestamps in {str(gappy)!r} must be regularly spaced (no gaps), got irregular steps "
        "before 2020-01-03 (usual step: 1 day); missing 2020-01-02;"
    )
    assert list(scratch.iterdir()) == []  # no copy left behind, read or refused
    # arguments refused before the object is read: it can be passed again
    buffer = io.StringIO(_CSV)
    with pytest.raises(ValueError, match="`value_cols` must name at least one column"):
        read_csv(buffer, "date", [])
    assert buffer.tell() == 0
    with pytest.raises(TypeError) as e:
        read_csv(3, "date", "y")
    assert str(e.value) == (
        "`path` must be a str, a Path or a file object (open(...), io.StringIO, io.BytesIO), "
        "got int."
    )
