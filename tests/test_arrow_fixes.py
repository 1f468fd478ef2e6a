"""pandas data stored in pyarrow: ``str`` and ``string[pyarrow]`` text, ``pd.ArrowDtype``
columns and indexes (``pd.read_csv(..., dtype_backend="pyarrow")``), read as their numpy and
object twins are."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster, metrics
from lstmkit import data as D

MONTHS = pd.date_range("2020-01-01", periods=4, freq="MS")
# what to_frame says of the text 'x' in an object column of numbers
X_REFUSED = (
    "column 'y' has non-numeric values at 2020-03-01 ('x') (marks of missing values?): make "
    "them NaN (pandas: read_csv(..., na_values=['x'])), then pass fill='ffill', 'bfill', "
    "'interpolate' or 'zero' to fill them."
)


@pytest.fixture
def pa() -> ModuleType:
    return pytest.importorskip("pyarrow")


def _said(call: Callable[..., object], *args: object, **kwargs: object) -> str:
    """The message ``call(*args, **kwargs)`` raises, or the repr of what it returns."""
    try:
        return repr(call(*args, **kwargs))
    except (TypeError, ValueError) as e:
        return f"{type(e).__name__}: {e}"


# --- 1. regular expressions run on Python strings, not in pyarrow's RE2 ----------------------


def test_python_strings_turns_pyarrow_text_into_objects_and_leaves_the_rest(
    pa: ModuleType,
) -> None:
    for dtype in ("str", pd.StringDtype("pyarrow"), pd.ArrowDtype(pa.string())):
        text = pd.Series(["1’234", None], dtype=dtype)
        assert D._python_strings(text).dtype == object
        assert D._python_strings(text).iloc[0] == "1’234"
    numbers = pd.Series([1.0, 2.0])
    objects = pd.Series(["a"], dtype=object)
    assert D._python_strings(numbers) is numbers
    assert D._python_strings(objects) is objects


@pytest.mark.parametrize(
    "dates",
    [
        # RE2 reads \w as ASCII: "Mär" was another shape of date than "Jan"
        ["Jan 2015", "Feb 2015", "Mär 2015"],
        # \d as ASCII: the Arabic-Indic year was no digits
        ["15 Jan ١٩٤٩", "15 Feb 1949"],
        ["202101", "202102", "202103x"],
        ["45291.25", "45292.25", "4529x"],
        ["2021-W1", "2021-W2", "2021-W54"],
        ["x", "y"],
    ],
)
def test_dates_in_pyarrow_text_read_as_python_strings_do(pa: ModuleType, dates: list[str]) -> None:
    def parse(dtype: object) -> str:
        return _said(lambda: D._parse_dates(pd.Series(dates, dtype=dtype), "d", "f.csv", None))

    assert parse(pd.ArrowDtype(pa.string())) == parse(object)


def test_month_names_in_pyarrow_text_say_which_one_did_not_read(pa: ModuleType) -> None:
    text = pd.Series(["Jan 2015", "Feb 2015", "Mär 2015"], dtype=pd.ArrowDtype(pa.string()))
    with pytest.raises(ValueError) as caught:
        D._parse_dates(text, "d", "f.csv", None)
    assert str(caught.value) == (
        "column 'd' of f.csv has unparsable dates at row 4 ('Mär 2015'); no date format is "
        "inferred from 'Jan 2015': pass date_format (CLI: --date-format), a strftime format "
        "such as '%Y-%m-%d'."
    )


@pytest.mark.parametrize(
    ("cell", "hint"),
    [
        # pandas 3.0 + pyarrow: "ArrowInvalid: Invalid regular expression: invalid escape
        # sequence: \u" for every one of these (the Swiss apostrophe's pattern has \u2019)
        ("abc", ""),
        ("1’234", " (numbers with '’' between thousands, '1’234' for 1234?): pass "
         "thousands='’' (CLI: --thousands '’')"),
        ("(12)", " (negatives in parentheses, '(12)' for '-12'?): write them with a minus sign "
         "in the file's cells; or format the column as numbers with a minus sign in the "
         "spreadsheet and save the CSV again"),
    ],
)  # fmt: skip
def test_csv_refusals_of_text_name_it_with_pandas_3_0_and_pyarrow(
    tmp_path: Path, cell: str, hint: str
) -> None:
    path = tmp_path / "s.csv"
    path.write_text(f"date,y\n2020-01-01,1\n2020-02-01,{cell}\n2020-03-01,3\n", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        D.read_csv(path, "date", "y")
    assert (
        str(caught.value)
        == f"column 'y' of {str(path)!r} has non-numeric values at 2020-02-01 ({cell!r}){hint}."
    )


@pytest.mark.parametrize("cell", ["abc", "1’234", "(12)", "1,234", "١٢"])
def test_str_columns_are_refused_as_object_columns_are(cell: str) -> None:
    def refusal(dtype: object) -> str:
        frame = pd.DataFrame({"y": pd.Series(["1", cell, "3"], dtype=dtype, index=MONTHS[:3])})
        return _said(lambda: D.to_frame(frame))

    assert refusal("str") == refusal(object)
    assert refusal(object).startswith("ValueError: column 'y' has non-numeric values at 2020-02")


# --- 2. text in pd.ArrowDtype columns is named, not read as NaN ------------------------------


@pytest.mark.parametrize("fill", [None, "ffill"])
@pytest.mark.parametrize("kind", ["arrow", "string[pyarrow]", "read_csv"])
def test_text_in_a_pyarrow_column_is_refused_as_in_an_object_column(
    pa: ModuleType, kind: str, fill: str | None
) -> None:
    if kind == "read_csv":
        csv = "month,y\n2020-01-01,1\n2020-02-01,2\n2020-03-01,x\n2020-04-01,4\n"
        frame = pd.read_csv(io.StringIO(csv), index_col=0, dtype_backend="pyarrow")
        frame.index = MONTHS
    else:
        dtype = pd.ArrowDtype(pa.string()) if kind == "arrow" else pd.StringDtype("pyarrow")
        frame = pd.DataFrame({"y": pd.Series(["1", "2", "x", "4"], dtype=dtype, index=MONTHS)})
    twin = frame.astype(object)
    # with fill="ffill", the 'x' was silently replaced by the 2 before it: 1, 2, 2, 4
    assert _said(lambda: D.to_frame(frame, fill=fill)) == f"ValueError: {X_REFUSED}"
    assert _said(lambda: D.to_frame(twin, fill=fill)) == f"ValueError: {X_REFUSED}"


@pytest.mark.parametrize("fill", [None, "ffill"])
def test_dictionary_encoded_pyarrow_text_is_refused_as_categories_are(
    pa: ModuleType, fill: str | None
) -> None:
    # as a Parquet file's categorical column reads with dtype_backend="pyarrow"
    codes = pa.array(["1", "2", "x", "4"]).dictionary_encode()
    column = pd.Series(codes, dtype=pd.ArrowDtype(codes.type), index=MONTHS, name="y")
    categories = pd.Series(["1", "2", "x", "4"], dtype="category", index=MONTHS, name="y")
    # it was "values must not be missing (NaN)", and with ffill 1, 2, 2, 4
    assert _said(D.to_frame, column, fill=fill) == f"ValueError: {X_REFUSED}"
    assert _said(D.to_frame, categories, fill=fill) == f"ValueError: {X_REFUSED}"


def test_pyarrow_decimals_beside_a_null_read_as_python_decimals(pa: ModuleType) -> None:
    values = [Decimal("1.5"), Decimal("2.25"), None, Decimal("4")]
    column = pd.Series(values, dtype=pd.ArrowDtype(pa.decimal128(10, 2)), index=MONTHS, name="y")
    twin = pd.Series(values, dtype=object, index=MONTHS, name="y")
    # pandas' to_numeric failed: "Length of values (3) does not match length of index (4)"
    assert _said(D.to_frame, column) == _said(D.to_frame, twin)
    assert _said(D.to_frame, column).startswith(
        "ValueError: values must not be missing (NaN), got NaN in column 'y' at 2020-03-01. "
    )
    assert D.to_frame(column, fill="ffill")["y"].tolist() == [1.5, 2.25, 2.25, 4.0]
    assert D.to_frame(twin, fill="ffill")["y"].tolist() == [1.5, 2.25, 2.25, 4.0]


def test_text_in_pyarrow_covariates_is_refused_by_fit(pa: ModuleType) -> None:
    series = pd.Series([1.0, 2.0, 3.0, 4.0], index=MONTHS)
    column = pd.Series(["1", "2", "x", "4"], dtype=pd.ArrowDtype(pa.string()), index=MONTHS)
    with pytest.raises(ValueError) as caught:
        Forecaster(horizon=1).fit(series, covariates=column.rename("y").to_frame())
    assert str(caught.value) == X_REFUSED


@pytest.mark.parametrize(
    ("values", "arrow", "twin"),
    [
        ([1, 2, None, 4], "int64", "Int64"),
        ([1.5, 2.0, None, 4.0], "float64", "float64"),
        ([True, False, None, True], "bool_", "boolean"),
    ],
)
def test_pyarrow_numbers_with_nulls_read_as_their_numpy_twins(
    pa: ModuleType, values: list, arrow: str, twin: str
) -> None:
    """A guard (these read right before): the conversion of text leaves numbers alone."""
    column = pd.Series(values, dtype=pd.ArrowDtype(getattr(pa, arrow)()), index=MONTHS)
    numpy = pd.Series(values, dtype=twin, index=MONTHS)
    for fill in (None, "ffill", "interpolate"):
        read = _said(D.to_frame, column.rename("y"), fill=fill)
        assert read == _said(D.to_frame, numpy.rename("y"), fill=fill)
    missing = _said(lambda: D.to_frame(column.rename("y")))
    assert missing.startswith(
        "ValueError: values must not be missing (NaN), got NaN in column 'y' at 2020-03-01. "
    )
    filled = D.to_frame(column.rename("y"), fill="ffill")
    first, second, _, last = (float(v) for v in [*values[:2], 0, *values[3:]])
    assert filled["y"].tolist() == [first, second, second, last]


def test_a_pyarrow_duration_column_is_refused_as_durations(pa: ModuleType) -> None:
    durations = pd.Series(pd.to_timedelta([1, 2, 3, 4], unit="D"), index=MONTHS)
    arrow = durations.astype(pd.ArrowDtype(pa.duration("ns")))
    frame = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "took": arrow})
    # read as nanoseconds (86400000000000.0 for a day), without a word
    assert _said(lambda: D.to_frame(frame)) == (
        "TypeError: `series` must hold numbers, got durations in column 'took' (first "
        "Timedelta('1 days 00:00:00')); give them in a unit, e.g. series['took']"
        ".dt.total_seconds() / 3600 for hours."
    )
    assert _said(lambda: D.to_frame(frame)) == _said(
        lambda: D.to_frame(frame.assign(took=durations))
    )
    # the metrics called them text
    assert _said(lambda: metrics.rmse(arrow, durations.dt.days.astype(float))) == (
        "TypeError: `y_true` must hold numbers, got durations (first Timedelta('1 days "
        "00:00:00')); give them in a unit, e.g. y_true.dt.total_seconds() / 3600 for hours."
    )


def test_metrics_read_pyarrow_series_as_numpy_ones(pa: ModuleType) -> None:
    """A guard: the metrics read pyarrow numbers and refuse pyarrow text as numpy's."""
    y_true = pd.Series([1.0, 2.0, 3.0, 4.0])
    y_pred = pd.Series([1.5, 2.0, 2.0, 5.0])
    for dtype in (pa.float64(), pa.int64()):
        arrow = y_true.astype(pd.ArrowDtype(dtype))
        assert metrics.rmse(arrow, y_pred) == metrics.rmse(y_true, y_pred) == 0.75
        assert metrics.mase(arrow, y_pred, arrow) == metrics.mase(y_true, y_pred, y_true) == 0.625
    text = pd.Series(["1", "2", "x", "4"], dtype=pd.ArrowDtype(pa.string()))
    assert _said(lambda: metrics.mae(text, y_pred)) == _said(
        lambda: metrics.mae(text.astype(object), y_pred)
    )
    assert _said(lambda: metrics.mae(text, y_pred)) == (
        "ValueError: `y_true` must hold numbers, got text (first 'x'); select the columns of "
        "numbers."
    )


# --- 3. an index of pyarrow timestamps or dates is the DatetimeIndex it stands for ----------


AIRLINE_CSV = D.load_dataset("airline")[:48].rename("y").rename_axis("month").to_csv()


def _airline(pa: ModuleType, tz: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """48 months of the airline data as pd.read_csv reads them, and in pyarrow as
    ``pd.read_csv(..., index_col=0, parse_dates=True, dtype_backend="pyarrow")`` reads them
    in pandas 3 (pandas 2.2's read_csv refuses that: "not all elements from date_cols are
    numpy arrays")."""
    numpy = pd.read_csv(io.StringIO(AIRLINE_CSV), index_col=0, parse_dates=True)
    if tz is not None:
        numpy.index = numpy.index.tz_localize(tz)
    arrow = numpy.astype(pd.ArrowDtype(pa.float64()))
    arrow.index = numpy.index.astype(pd.ArrowDtype(pa.timestamp(numpy.index.unit, tz=tz)))
    return numpy, arrow


def test_read_csv_with_pyarrow_gives_the_index_read_here(pa: ModuleType) -> None:
    if int(pd.__version__.split(".")[0]) < 3:
        pytest.skip("pandas 2's read_csv parses no dates with dtype_backend='pyarrow'")
    read = pd.read_csv(
        io.StringIO(AIRLINE_CSV), index_col=0, parse_dates=True, dtype_backend="pyarrow"
    )
    pd.testing.assert_frame_equal(read, _airline(pa)[1])
    assert str(read.index.dtype) == "timestamp[us][pyarrow]"
    # it was a RangeIndex 0 .. 47: no calendar, no season
    assert D.to_frame(read).index[0] == pd.Timestamp("1949-01-01")


@pytest.mark.parametrize("tz", [None, "Europe/Berlin"])
def test_a_pyarrow_timestamp_index_keeps_its_calendar(pa: ModuleType, tz: str | None) -> None:
    numpy, arrow = _airline(pa, tz)
    read = D.to_frame(arrow)
    # it was a RangeIndex 0 .. 47: no calendar, no season
    assert isinstance(read.index, pd.DatetimeIndex)
    assert read.index.freqstr == "MS"
    assert str(read.index.tz) == str(tz)
    pd.testing.assert_frame_equal(read, D.to_frame(numpy))


def test_a_pyarrow_date_index_reads_as_dates(pa: ModuleType) -> None:
    days = pd.Index([d.date() for d in MONTHS], dtype=pd.ArrowDtype(pa.date32()))
    read = D.to_frame(pd.Series([1.0, 2.0, 3.0, 4.0], index=days))
    assert list(read.index.strftime("%Y-%m-%d")) == [
        "2020-01-01",
        "2020-02-01",
        "2020-03-01",
        "2020-04-01",
    ]
    assert read.index.freqstr == "MS"


def test_a_forecast_from_pyarrow_data_is_the_numpy_one(pa: ModuleType) -> None:
    numpy, arrow = _airline(pa)
    config = {"horizon": 3, "ensemble": 1, "epochs": 2, "lookback": 12, "interval": None}
    steps = pd.Series(np.arange(48.0), index=numpy.index, name="c").to_frame()
    # (as text, the covariates are refused: tests/test_left31_fixes.py)
    stored = steps.astype(pd.ArrowDtype(pa.float64())).set_axis(arrow.index)
    made = Forecaster(**config).fit(arrow, covariates=stored).predict()
    want = Forecaster(**config).fit(numpy, covariates=steps).predict()
    pd.testing.assert_frame_equal(made, want)
    assert str(made.index[0].date()) == "1953-01-01"


def test_an_index_of_pyarrow_date_strings_is_still_refused(pa: ModuleType) -> None:
    """A guard: pyarrow's dates as text stay refused beside its timestamps, now read."""
    csv = "month,y\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n"
    arrow = pd.read_csv(io.StringIO(csv), index_col=0, dtype_backend="pyarrow")
    assert str(arrow.index.dtype) == "string[pyarrow]"
    said = _said(lambda: D.to_frame(arrow))
    assert said == _said(lambda: D.to_frame(arrow.set_axis(arrow.index.astype(object))))
    assert said == (
        "ValueError: `series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an "
        "index of strings ('2020-01-01' … '2020-03-01'), which would be read as the positions "
        "0 .. 2, without a calendar or a season; convert it first: series.index = "
        "pd.to_datetime(series.index), or pd.read_csv(..., index_col=..., parse_dates=True)."
    )


@pytest.mark.parametrize("kind", ["timestamp", "timestamp tz", "date32", "string"])
def test_a_pyarrow_column_of_dates_is_refused_as_a_numpy_one(pa: ModuleType, kind: str) -> None:
    """With pandas 2.2, pyarrow's timestamps and dates were read as NaN ("values must not be
    missing (NaN), got NaN in column 'when' at 0, 1, 2")."""
    stamps = pd.Series(MONTHS[:3])
    if kind == "timestamp":
        arrow, twin = stamps.astype(pd.ArrowDtype(pa.timestamp("us"))), stamps
    elif kind == "timestamp tz":
        twin = stamps.dt.tz_localize("UTC")
        arrow = twin.astype(pd.ArrowDtype(pa.timestamp("us", tz="UTC")))
    elif kind == "date32":
        twin = pd.Series([d.date() for d in stamps], dtype=object)
        arrow = twin.astype(pd.ArrowDtype(pa.date32()))
    else:
        twin = stamps.dt.strftime("%Y-%m-%d").astype(object)
        arrow = twin.astype(pd.ArrowDtype(pa.string()))
    said = _said(lambda: D.to_frame(pd.DataFrame({"when": arrow, "y": [1.0, 2.0, 3.0]})))
    twin_said = _said(lambda: D.to_frame(pd.DataFrame({"when": twin, "y": [1.0, 2.0, 3.0]})))
    made = (
        "ValueError: `series` must hold values only, with the dates as its index, got a column "
        "of dates, 'when' ('2020-01-01' … '2020-03-01'); make it the index: series = "
        "series.set_index('when')"
    )
    converted = (
        f"{made}, then series.index = pd.to_datetime(series.index) (or "
        "pd.read_csv(..., index_col='when', parse_dates=True))."
    )
    # pyarrow's timestamps and dates, as numpy's timestamps, make a DatetimeIndex as they
    # are (revhand37: they were told pd.to_datetime too); text, or date objects, want it
    assert said == (converted if kind == "string" else f"{made}.")
    assert twin_said == (converted if kind in ("string", "date32") else f"{made}.")
    if kind != "string":
        frame = D.to_frame(pd.DataFrame({"when": arrow, "y": [1.0, 2.0, 3.0]}).set_index("when"))
        assert frame["y"].tolist() == [1.0, 2.0, 3.0]
