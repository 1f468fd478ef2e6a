"""Regressions a review found in the day's changes: each test fails without its fix."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import read_csv


def _write(path: Path, dates: list[str]) -> Path:
    pd.DataFrame({"date": dates, "y": np.arange(1.0, len(dates) + 1)}).to_csv(path, index=False)
    return path


# US month-starts over two years, June 2022 missing: day-first they are twelve days of each
# January (354 of 377 days missing), which no one means
_MONTHS_WITH_A_GAP = [
    f"{d:%m/%d/%Y}"
    for d in pd.date_range("2022-01-01", periods=24, freq="MS")
    if d.month != 6 or d.year != 2022
]


def test_month_first_months_with_a_gap_are_filled_as_before(tmp_path: Path) -> None:
    """They were refused as reading two ways, even with a fill."""
    path = _write(tmp_path / "m.csv", _MONTHS_WITH_A_GAP)
    frame = read_csv(path, "date", "y", fill="ffill")
    assert (frame.index.freqstr, len(frame), frame.attrs["inserted"]) == ("MS", 24, 1)
    assert frame.loc["2022-06-01", "y"] == 5.0


def test_month_first_months_with_a_gap_name_the_gap_as_before(tmp_path: Path) -> None:
    path = _write(tmp_path / "m.csv", _MONTHS_WITH_A_GAP)
    with pytest.raises(ValueError) as exc:
        read_csv(path, "date", "y")
    assert str(exc.value) == (
        f"timestamps in {str(tmp_path / 'm.csv')!r} must be regularly spaced (no gaps), got "
        "irregular steps before 2022-07-01 (usual step: 1 month); missing 2022-06-01; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take, to insert the missing timestamps and fill "
        "their values."
    )


@pytest.mark.parametrize(
    ("dates", "before", "missing"),
    [
        (["2000-1", "2001-1", "2003-1", "2004-1"], "2003-01-01", "2002-01-01"),
        (["2000-3", "2001-3", "2002-3", "2004-3"], "2004-03-01", "2003-03-01"),
    ],
)
def test_yearly_year_and_month_dates_with_a_gap_are_no_quarters(
    tmp_path: Path, dates: list[str], before: str, missing: str
) -> None:
    """One date a year was refused as half-years (2000-1, ...) or quarters (2000-3, ...)."""
    path = _write(tmp_path / "y.csv", dates)
    with pytest.raises(ValueError) as exc:
        read_csv(path, "date", "y")
    assert str(exc.value) == (
        f"timestamps in {str(tmp_path / 'y.csv')!r} must be regularly spaced (no gaps), got "
        f"irregular steps before {before} (usual step: 1 year); missing {missing}; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take,"
        " to insert the missing timestamps and fill their "
        "values."
    )


def test_month_first_dates_past_the_12th_are_not_parsed_day_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every regular month-first column was parsed a second time day-first to look for a second
    reading, which a day past the 12th rules out (200,000 hourly stamps: 0.64 s -> 0.98 s)."""
    import lstmkit.data as data

    formats = []
    to_datetime = data._to_datetime

    def recording(text: pd.Series, date_format: str, where: str) -> pd.Series:
        formats.append(date_format)
        return to_datetime(text, date_format, where)

    monkeypatch.setattr(data, "_to_datetime", recording)
    dates = [f"{d:%m/%d/%Y}" for d in pd.date_range("2022-01-01", periods=20)]
    frame = read_csv(_write(tmp_path / "d.csv", dates), "date", "y")
    assert (frame.index.freqstr, len(frame)) == ("D", 20)
    assert formats == ["%m/%d/%Y"]
