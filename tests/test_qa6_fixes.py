"""A fresh user's pass over README after the runfmt, cal6, tidy6, typing6, api6 and ens6
merges: what a user's own files (a ``;``/decimal-comma monthly file read again with plain ISO
dates, ...) met that README or the messages did not say."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D


def _write(path: Path, dates: pd.DatetimeIndex) -> Path:
    frame = pd.DataFrame({"month": dates.strftime("%Y-%m-%d"), "sales": np.arange(len(dates))})
    frame.to_csv(path, index=False)
    return path


def test_iso_dates_under_a_day_first_date_format_are_told_as_iso(tmp_path: Path) -> None:
    # a run's --date-format %d.%m.%Y, which predict takes for a newer file of ISO dates: the
    # remedy suggested was '%Y-%d-%m' (pandas' day-first guess), which read 2015-02-01 as 2 January
    csv = _write(tmp_path / "plain.csv", pd.date_range("2015-01-01", periods=24, freq="MS"))
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "month", "sales", date_format="%d.%m.%Y")
    assert str(err.value).endswith(
        "expected dates in date_format='%d.%m.%Y'; '%Y-%m-%d' reads every one "
        "(CLI: --date-format '%Y-%m-%d')."
    )
