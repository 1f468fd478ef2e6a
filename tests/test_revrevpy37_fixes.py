"""revrevpy37: a review of revpy37's and revhand37's refusals of a time column as the target."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

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
