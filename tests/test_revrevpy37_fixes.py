"""revrevpy37: a review of revpy37's and revhand37's refusals of a time column as the target."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import split_windows
from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
VALUES = np.sin(np.arange(100.0)) + 5
DAYS = pd.date_range("2020-01-01", periods=100).strftime("%Y%m%d").astype(int)


def test_a_lone_time_column_is_not_told_to_become_the_index_of_no_columns() -> None:
    # a Forecaster told set_index('year'), a frame of no columns (the windows' reader was
    # told so too, and was fixed by revhand37)
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(pd.DataFrame({"year": range(1901, 2001)}))
    assert str(err.value) == (
        "`series` column 'year' (1901 … 2000, rising every row) holds the time, not a value to "
        "forecast, and no column of values is beside it; pass the values to forecast, with it "
        "as their index (pd.read_csv(..., index_col='year'))."
    )


def test_dates_written_as_numbers_are_told_an_index_of_dates_that_fits() -> None:
    # 20200131, 20200201 were told set_index('date'), then refused as an uneven integer step
    df = pd.DataFrame({"date": DAYS, "v": VALUES})
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(df)
    assert str(err.value) == (
        "`series` column 'date' (20200101 … 20200409, rising every row) holds the time, not a "
        "value to forecast, and it is the target (a DataFrame's first column; the others are "
        "covariates); make it the index as dates, series = series.assign(date=pd.to_datetime("
        "series['date'].astype(str), format='%Y%m%d')).set_index('date')."
    )
    series = df
    series = series.assign(
        date=pd.to_datetime(series["date"].astype(str), format="%Y%m%d")
    ).set_index("date")
    assert Forecaster(QUICK).fit(series).predict(2).index.tolist() == list(
        pd.to_datetime(["2020-04-10", "2020-04-11"])
    )
    with pytest.raises(ValueError, match=r"index_col='date', parse_dates=True\)\)\.$") as err:
        Forecaster(QUICK).fit(df[["date"]])
    read = pd.read_csv(io.StringIO(df.to_csv(index=False)), index_col="date", parse_dates=True)
    assert len(Forecaster(QUICK).fit(read).predict(2)) == 2
    unnamed = df.rename(columns={"date": "Unnamed: 0"})
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(unnamed)
    told = "series = series.set_index(pd.to_datetime(series.pop('Unnamed: 0').astype(str), "
    assert str(err.value).endswith(told + "format='%Y%m%d')).")
    series = unnamed.copy()
    series = series.set_index(pd.to_datetime(series.pop("Unnamed: 0").astype(str), format="%Y%m%d"))
    assert len(Forecaster(QUICK).fit(series).predict(2)) == 2


@pytest.mark.parametrize("as_pandas", [False, True])
def test_float32_proportions_and_a_float32_ramp_are_not_warned_of_as_scaled(as_pandas) -> None:
    # float32's 0.37 (0.37000000476837 as float64) was off the 0.0001 grid, and a float32
    # linspace's steps uneven: both warned (an error under filterwarnings=error)
    rng = np.random.default_rng(0)
    share = np.round(rng.uniform(0, 0.9, 100), 2)
    share[3], share[95] = 0.0, 1.0
    percent = np.round(rng.uniform(0, 90, 100), 1).astype(np.float32) / np.float32(100)
    percent[3], percent[95] = 0, 1
    for values in (share.astype(np.float32), percent, np.linspace(0, 1, 100, dtype=np.float32)):
        given = pd.Series(values) if as_pandas else values
        assert len(split_windows(given, 8, 1, test=10).test.X) == 10
    # a float32 series scaled on all its points is still told so
    y = np.arange(100.0) + 3 * np.sin(np.arange(100.0))  # its top after the training part
    leaked = ((y - y.min()) / (y.max() - y.min())).astype(np.float32)
    with pytest.warns(UserWarning, match=r"^`values` look scaled on the whole series, not on"):
        split_windows(leaked, 8, 1, test=10)
