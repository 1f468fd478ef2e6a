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
        "the dates in column 'date' of s.csv read two ways: month-first ('%m/%d/%Y') they are "
        "daily, 2000-01-01 to 2000-01-12; day-first ('%d/%m/%Y') they are monthly, 2000-01-01 "
        "to 2000-12-01. Pass date_format='%m/%d/%Y' (CLI: --date-format '%m/%d/%Y') to read "
        "them month-first, or date_format='%d/%m/%Y' (CLI: --date-format '%d/%m/%Y') to read "
        "them day-first."
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
