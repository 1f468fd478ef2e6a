"""Review of idx28's forecasting-data advice: read_csv's advice for a ``where`` kept its
columns, which to_frame then read as covariates (text: refused)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

CBH6 = (
    "pd.offsets.CustomBusinessHour(start='00:00', end='01:00', weekmask='Mon Tue Wed Thu Fri "
    "Sat', holidays=['2021-02-11'])"
)
WEEK6 = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")


def test_read_csv_s_advice_for_where_drops_its_columns_so_to_frame_reads_the_values(tmp_path):
    # "frame = frame[frame['store'].str.strip() == 'A']; ...": to_frame(frame) then refused
    # "column 'store' has non-numeric values ..."; a numeric `region` would have been a covariate
    every = pd.date_range("2021-01-04", periods=72, freq=WEEK6)
    days = every[every != "2021-02-11"]  # (a Thursday of store A)
    table = pd.DataFrame(
        {
            "day": days.append(every).strftime("%Y-%m-%d"),
            "store": ["A"] * 71 + ["B"] * 72,
            "region": [" 7"] * 143,
            "sales": np.arange(143.0),
        }
    )
    csv = tmp_path / "my sales é.csv"
    table.to_csv(csv, index=False)
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "day", "sales", where={"store": "A", "region": "7"})
    advice = str(err.value).split("reads back without them): ")[1].split(", with season")[0]
    assert advice == (
        f"frame = pd.read_csv({str(csv)!r}, index_col='day', parse_dates=True, "
        "dtype={'store': str, 'region': str}); "
        "frame = frame[frame['store'].str.strip() == 'A'].drop(columns='store'); "
        "frame = frame[frame['region'].str.strip() == '7'].drop(columns='region'); "
        f"frame.index = pd.DatetimeIndex(frame.index.to_numpy(), freq={CBH6})"
    )
    run: dict[str, object] = {"pd": pd}
    exec(advice, run)
    frame = D.to_frame(run["frame"])
    assert (list(frame.columns), len(frame), frame.index.freqstr) == (["sales"], 71, "cbh")
