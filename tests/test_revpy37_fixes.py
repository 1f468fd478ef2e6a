"""revpy37: a review of py37's commits; what was left over in the Forecaster and backtest."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
VALUES = np.sin(np.arange(100.0)) + 5


def _year_refusal(name: str, advice: str) -> str:
    return (
        f"`series` column {name!r} (1901 … 2000, rising every row) holds the time, not a value "
        "to forecast, and it is the target (a DataFrame's first column; the others are "
        f"covariates); {advice}."
    )


@pytest.mark.parametrize("name", ["year", "Year", "date", "Unnamed: 0"])
def test_a_rising_time_column_as_the_target_is_refused_by_fit_backtest_and_predict(name) -> None:
    # pd.read_csv's years were forecast (1992.9, ...) without a word, where the windows'
    # reader (lstmkit.data.make_windows) refuses them as the target
    df = pd.DataFrame({name: range(1901, 2001), "v": VALUES})
    told = _year_refusal(name, f"make it the index, series = series.set_index({name!r})")
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(df)
    assert str(err.value) == told
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).backtest(df)
    assert str(err.value) == told
    fc = Forecaster(QUICK).fit(df.set_index(name))  # the advice, followed
    assert fc.predict(2).index.tolist() == [2001, 2002]
    with pytest.raises(ValueError) as err:
        fc.predict(2, series=df)
    assert str(err.value) == told


def test_a_time_column_beside_dates_is_told_to_be_dropped_and_a_value_column_first_fits() -> None:
    months = pd.date_range("1901-01", periods=100, freq="MS")
    df = pd.DataFrame({"year": range(1901, 2001), "v": VALUES}, index=months)
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(df)
    assert str(err.value) == _year_refusal("year", "drop it, series = series.drop(columns='year')")
    # not the target: a covariate, as before; a column of that name that does not rise is a value
    assert len(Forecaster(QUICK).fit(df[["v", "year"]]).predict(2)) == 2
    falling = pd.DataFrame({"year": VALUES, "v": VALUES})
    assert len(Forecaster(QUICK).fit(falling).predict(2)) == 2
