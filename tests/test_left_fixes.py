"""Fixes for small defects left by earlier sessions: each test fails without its fix."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import read_csv


def _write(path: Path, dates: list[str]) -> Path:
    pd.DataFrame({"date": dates, "y": np.arange(1.0, len(dates) + 1)}).to_csv(path, index=False)
    return path


# --- 1. dates that read as two regular series, day-first and month-first ---------------------

_FIRST_OF_MONTHS = [f"01/{m:02d}/2000" for m in range(1, 13)]  # monthly day-first, or daily


def test_dates_regular_both_ways_are_refused_naming_both_formats(tmp_path: Path) -> None:
    path = _write(tmp_path / "s.csv", _FIRST_OF_MONTHS)
    with pytest.raises(ValueError) as exc:
        read_csv(path, "date", "y")
    assert str(exc.value) == (
        f"the dates in column 'date' of {str(tmp_path / 's.csv')!r} read two ways: month-first "
        "('%m/%d/%Y') they are daily, 2000-01-01 to 2000-01-12; day-first ('%d/%m/%Y') they are "
        "monthly, 2000-01-01 to 2000-12-01. Pass date_format='%m/%d/%Y' (CLI: --date-format "
        "'%m/%d/%Y') to read them month-first, or date_format='%d/%m/%Y' (CLI: --date-format "
        "'%d/%m/%Y') to read them day-first."
    )


def test_dates_regular_both_ways_read_as_the_format_passed(tmp_path: Path) -> None:
    path = _write(tmp_path / "s.csv", _FIRST_OF_MONTHS)
    monthly = read_csv(path, "date", "y", date_format="%d/%m/%Y")
    daily = read_csv(path, "date", "y", date_format="%m/%d/%Y")
    assert (monthly.index.freqstr, str(monthly.index[-1].date())) == ("MS", "2000-12-01")
    assert (daily.index.freqstr, str(daily.index[-1].date())) == ("D", "2000-01-12")


def test_month_first_dates_regular_both_ways_are_refused_too(tmp_path: Path) -> None:
    path = _write(tmp_path / "s.csv", [f"{m:02d}.01.2000" for m in range(1, 13)])
    with pytest.raises(ValueError, match=re.escape("month-first ('%m.%d.%Y') they are monthly")):
        read_csv(path, "date", "y")


def test_dates_one_reading_only_are_read_as_before(tmp_path: Path) -> None:
    # 2000-01-01 .. 2000-01-05 month-first; day-first they are the 1st of five months, but
    # the 13th day in a later row makes no month: month-first stays the only reading.
    path = _write(tmp_path / "s.csv", [f"01/{d:02d}/2000" for d in range(1, 21)])
    frame = read_csv(path, "date", "y")
    assert (frame.index.freqstr, str(frame.index[-1].date())) == ("D", "2000-01-20")


# --- 2. quarters written as a year and a number 1 to 4 ----------------------------------------


def test_quarters_written_as_year_and_number_are_named_so(tmp_path: Path) -> None:
    path = _write(tmp_path / "q.csv", ["2000-1", "2000-2", "2000-3", "2000-4", "2001-1"])
    with pytest.raises(ValueError) as exc:
        read_csv(path, "date", "y")
    assert str(exc.value) == (
        f"the dates in column 'date' of {str(tmp_path / 'q.csv')!r} look like quarters: written "
        "as a year and a number 1 to 4 ('2000-1' to '2001-1'), at most four a year, they read as "
        "months, with gaps. Write quarters as 2000Q1 (or 2000-Q1, Q1 2000), or as the quarter's "
        "first month: 2000-01, 2000-04, 2000-07, 2000-10."
    )


@pytest.mark.parametrize(
    "dates",
    [
        ["2000Q1", "2000Q2", "2000Q3", "2000Q4", "2001Q1"],
        ["2000-01", "2000-04", "2000-07", "2000-10", "2001-01"],
    ],
)
def test_quarters_as_the_message_says_read_quarterly(tmp_path: Path, dates: list[str]) -> None:
    frame = read_csv(_write(tmp_path / "q.csv", dates), "date", "y")
    assert (frame.index.freqstr, str(frame.index[-1].date())) == ("QS-JAN", "2001-01-01")


def test_year_and_number_files_read_before_are_read_as_before(tmp_path: Path) -> None:
    # four months of one year: regular as months, as they were read
    frame = read_csv(
        _write(tmp_path / "m.csv", ["2000-1", "2000-2", "2000-3", "2000-4"]), "date", "y"
    )
    assert (frame.index.freqstr, str(frame.index[-1].date())) == ("MS", "2000-04-01")
    # months with gaps, leading zeros: the gap message, not quarters
    path = _write(tmp_path / "g.csv", ["2000-01", "2000-02", "2000-04", "2000-05"])
    with pytest.raises(ValueError, match=re.escape("must be regularly spaced (no gaps)")):
        read_csv(path, "date", "y")


# --- 6. naive baselines of one column [T, 1] --------------------------------------------------


@pytest.mark.parametrize(
    "y",
    [np.arange(1.0, 9.0)[:, None], pd.DataFrame({"y": np.arange(1.0, 9.0)})],
    ids=["[T, 1]", "one-column DataFrame"],
)
def test_naive_baselines_read_one_column_as_the_series(y: object) -> None:
    from lstmkit.baselines import naive, seasonal_naive

    assert naive(y, 3).tolist() == [8.0, 8.0, 8.0]
    assert seasonal_naive(y, 3, 4).tolist() == [5.0, 6.0, 7.0]
    assert seasonal_naive(y, 5, 1).shape == (5,)


@pytest.mark.parametrize("shape", [(8, 2), (1, 8), (0, 1)])
def test_naive_baselines_refuse_other_2d_shapes_as_before(shape: tuple[int, int]) -> None:
    from lstmkit.baselines import naive, seasonal_naive

    message = f"`y` must be a series [T] of at least one point, got shape {shape}."
    with pytest.raises(ValueError, match=re.escape(message)):
        naive(np.ones(shape), 3)
    with pytest.raises(ValueError, match=re.escape(message)):
        seasonal_naive(np.ones(shape), 3, 4)


# --- more day/month dates misread silently --------------------------------------------------


def test_two_digit_year_dates_regular_both_ways_are_refused_too(tmp_path: Path) -> None:
    # pandas infers no format for 01/02/99: they were read value by value, month-first, daily
    path = _write(tmp_path / "s.csv", [f"01/{m:02d}/99" for m in range(1, 13)])
    with pytest.raises(ValueError) as exc:
        read_csv(path, "date", "y")
    assert str(exc.value) == (
        f"the dates in column 'date' of {str(tmp_path / 's.csv')!r} read two ways: month-first "
        "('%m/%d/%y') they are daily, 1999-01-01 to 1999-01-12; day-first ('%d/%m/%y') they are "
        "monthly, 1999-01-01 to 1999-12-01. Pass date_format='%m/%d/%y' (CLI: --date-format "
        "'%m/%d/%y') to read them month-first, or date_format='%d/%m/%y' (CLI: --date-format "
        "'%d/%m/%y') to read them day-first."
    )
    monthly = read_csv(path, "date", "y", date_format="%d/%m/%y")
    assert (monthly.index.freqstr, str(monthly.index[-1].date())) == ("MS", "1999-12-01")


def test_half_years_written_as_year_and_number_are_named_so(tmp_path: Path) -> None:
    path = _write(tmp_path / "h.csv", ["2000-1", "2000-2", "2001-1", "2001-2", "2002-1"])
    with pytest.raises(ValueError) as exc:
        read_csv(path, "date", "y")
    assert str(exc.value) == (
        f"the dates in column 'date' of {str(tmp_path / 'h.csv')!r} look like half-years: written "
        "as a year and a number 1 or 2 ('2000-1' to '2002-1'), at most two a year, they read as "
        "months, with gaps. Write half-years as their first month: 2000-01, 2000-07."
    )
    written = _write(tmp_path / "w.csv", ["2000-01", "2000-07", "2001-01", "2001-07"])
    assert read_csv(written, "date", "y").index.freqstr == "2QS-JAN"


def test_dates_with_gaps_both_ways_are_refused_even_with_a_fill(tmp_path: Path) -> None:
    # with a fill, 01/01 .. 01/06/2000 without 01/04 were filled as daily, month-first
    dates = ["01/01/2000", "01/02/2000", "01/03/2000", "01/05/2000", "01/06/2000"]
    path = _write(tmp_path / "s.csv", dates)
    message = (
        f"the dates in column 'date' of {str(tmp_path / 's.csv')!r} read two ways: month-first "
        "('%m/%d/%Y') they are daily with 1 missing, 2000-01-01 to 2000-01-06; day-first "
        "('%d/%m/%Y') they are monthly with 1 missing, 2000-01-01 to 2000-06-01. Pass "
        "date_format='%m/%d/%Y' (CLI: --date-format '%m/%d/%Y') to read them month-first, or "
        "date_format='%d/%m/%Y' (CLI: --date-format '%d/%m/%Y') to read them day-first."
    )
    for fill in (None, "ffill"):
        with pytest.raises(ValueError) as exc:
            read_csv(path, "date", "y", fill=fill)
        assert str(exc.value) == message
    monthly = read_csv(path, "date", "y", fill="ffill", date_format="%d/%m/%Y")
    assert (monthly.index.freqstr, monthly.attrs["inserted"]) == ("MS", 1)
