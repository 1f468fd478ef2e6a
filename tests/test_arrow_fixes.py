"""pandas data stored in pyarrow: ``str`` and ``string[pyarrow]`` text, ``pd.ArrowDtype``
columns and indexes (``pd.read_csv(..., dtype_backend="pyarrow")``), read as their numpy and
object twins are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

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
         "thousands='’' (CLI: --thousands ’)"),
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
    assert str(caught.value) == f"column 'y' has non-numeric values at 2020-02-01 ({cell!r}){hint}."


@pytest.mark.parametrize("cell", ["abc", "1’234", "(12)", "1,234", "١٢"])
def test_str_columns_are_refused_as_object_columns_are(cell: str) -> None:
    def refusal(dtype: object) -> str:
        frame = pd.DataFrame({"y": pd.Series(["1", cell, "3"], dtype=dtype, index=MONTHS[:3])})
        return _said(lambda: D.to_frame(frame))

    assert refusal("str") == refusal(object)
    assert refusal(object).startswith("ValueError: column 'y' has non-numeric values at 2020-02")
