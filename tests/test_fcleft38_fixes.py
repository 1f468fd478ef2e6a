"""fcleft38: left-overs of forecasting from Python (scalers, predict's last date, a time
column among the values, the missing values' labels)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import MinMaxScaler, StandardScaler
from lstmkit.forecast import Forecaster, ForecasterConfig

RECURSIVE = ForecasterConfig(
    horizon=1, lookback=4, ensemble=1, epochs=1, strategy="recursive", interval=None
)
MONTHS = pd.Series(np.sin(np.arange(40.0)) + 2, pd.date_range("2020-01", periods=40, freq="MS"))


def test_a_horizon_past_2262_is_refused_before_its_steps_are_built(monkeypatch) -> None:
    # predict(10**6) of monthly data built the million months' index (10 s on pandas 3, 33 s
    # on a busy machine), twice, and bisected with more, to refuse it; one step is built now
    import lstmkit.forecast as F

    fc = Forecaster(RECURSIVE).fit(MONTHS)  # months up to 2023-04-01
    built: list[int] = []
    real = F.D.future_index

    def future_index(index, steps):
        built.append(steps)
        return real(index, steps)

    monkeypatch.setattr(F.D, "future_index", future_index)
    with pytest.raises(ValueError) as err:
        fc.predict(10**6)
    # pandas 3 names the end it computed, pandas 2 cannot make it
    end = " would end at 85356-08-01 00:00:00" if pd.__version__ >= "3" else ""
    assert str(err.value) == (
        "`horizon` (1000000) runs past 2262-04-11, the last date pandas timestamps reach; the "
        f"forecast from 2023-04-01 00:00:00{end}; forecast at most 2,868 steps "
        "(to 2262-04-01 00:00:00)."
    )
    assert max(built) == 1
    # the steps that fit are forecast, their index built once
    built.clear()
    assert fc.predict(2868).index[-1] == pd.Timestamp("2262-04-01")
    assert max(built) == 2868


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
def test_inverse_transform_refuses_inf_as_a_diverged_models_output(scaler) -> None:
    # inverse_transform passed inf on as inf, where fit and transform refuse it
    fitted = scaler().fit(np.arange(144.0))
    name = scaler.__name__
    diverged = (
        ": an infinite scaled value is the output of a model that diverged (refit it, with a "
        "lower `lr`), not a value to invert."
    )
    with pytest.raises(ValueError) as err:
        fitted.inverse_transform(np.array([0.5, np.inf, 0.2]))
    assert str(err.value) == (
        f"{name}.inverse_transform got 1 infinite value in `x`, at position (1,) (inf)" + diverged
    )
    with pytest.raises(ValueError) as err:
        fitted.inverse_transform(np.array([[0.5, -np.inf], [np.inf, 0.1]]), feature=0)
    assert str(err.value) == (
        f"{name}.inverse_transform got 2 infinite values in `x`, the first at position "
        "(0, 1) (-inf)" + diverged
    )
    # NaN stays NaN, as documented
    out = fitted.inverse_transform(np.array([np.nan, fitted.transform([7.0])[0]]))
    assert np.isnan(out[0]) and out[1] == pytest.approx(7.0)


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
def test_a_feature_name_the_scaler_never_had_is_told_the_fitted_names(scaler) -> None:
    # a name no column had was told "got 'c'." alone
    name = scaler.__name__
    fitted = scaler().fit(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 4.0, 7.0]}))
    with pytest.raises(ValueError) as err:
        fitted.inverse_transform(np.zeros((2, 3)), feature="c")
    assert str(err.value) == (
        f"`feature` must be one of the 2 features {name} was fitted on (0 to 1), got 'c', "
        "which is no column of the DataFrame it was fitted on: its columns are 'a' "
        "(feature=0) and 'b' (feature=1)."
    )
    one = scaler().fit(pd.DataFrame({"y": [1.0, 2.0, 4.0]}))
    with pytest.raises(ValueError) as err:
        one.transform(np.ones(2), feature="sales")
    assert str(err.value) == (
        f"`feature` must be 0 (or -1), the one feature {name} was fitted on (which it scales "
        "with `feature` left out), got 'sales', which is no column of the DataFrame it was "
        "fitted on: its one column is 'y' (feature=0)."
    )
    wide = scaler().fit(pd.DataFrame(np.ones((3, 12)), columns=[f"c{k}" for k in range(12)]))
    with pytest.raises(ValueError) as err:
        wide.inverse_transform(np.ones(2), feature="c12")
    assert str(err.value).endswith(
        "its columns are 'c0' (feature=0), 'c1' (feature=1), 'c2' (feature=2), 'c3' "
        "(feature=3), 'c4' (feature=4), 'c5' (feature=5), 'c6' (feature=6), 'c7' (feature=7), "
        "'c8' (feature=8), 'c9' (feature=9) and 2 more."
    )
    # a number out of range is told the positions alone, as before
    with pytest.raises(ValueError) as err:
        fitted.inverse_transform(np.zeros((2, 3)), feature=5)
    assert str(err.value) == (
        f"`feature` must be one of the 2 features {name} was fitted on (0 to 1), got 5."
    )


@pytest.mark.parametrize(
    ("index", "shown"),
    [
        (pd.date_range("1950-01", periods=4, freq="MS"), "1950-03-01"),
        (pd.period_range("1950-01", periods=4, freq="M"), "1950-03"),
        (pd.date_range("1950-01-01 06:30", periods=4, freq="h"), "1950-01-01 08:30:00"),
        (pd.timedelta_range(0, periods=4, freq="D"), "2 days"),
        (pd.Index([5, 6, 7, 8]), "7"),
    ],
)
def test_a_missing_length_is_told_at_its_date_as_the_data_shows_it(index, shown) -> None:
    # it was told "at row Timestamp('1950-03-01 00:00:00')", a repr the user never wrote
    import torch

    from lstmkit.nn import LSTM

    lengths = pd.Series([3, 2, None, 1], index=index, dtype="Int64")
    with pytest.raises(ValueError) as err:
        LSTM(1, 2, batch_first=True)(torch.zeros(4, 3, 1), lengths=lengths)
    assert str(err.value) == (
        f"`lengths` must not hold missing values, got <NA> at row {shown} (1 missing value): "
        "each sequence's length is a whole number of steps; give the missing ones."
    )
    mask = pd.DataFrame({pd.Timestamp("2020-01-01"): [1.0, None]})
    with pytest.raises(TypeError) as err:  # Keras' mask= is told lengths, then the NaN
        LSTM(1, 2, batch_first=True)(torch.zeros(2, 1, 1), mask=mask)
    assert "got NaN at row 1, column 2020-01-01 (1 missing value)" in str(err.value)


SALES_YEAR = pd.DataFrame({"sales": np.sin(np.arange(31.0)) + 5, "year": np.arange(1990, 2021)})
YEARLY = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)


def _time_covariate(advice: str) -> str:
    return (
        "`series` column 'year' (1990 … 2020, rising every row) holds the time, and is read as "
        "a covariate (a DataFrame's columns after the first are covariates), which every "
        f"forecast would read past its training range; {advice}."
    )


def test_a_rising_year_column_after_the_target_is_warned_with_the_fix_that_works() -> None:
    # columns sales, year (1990..2020): year was fitted as a covariate without a word, where
    # a first-column year is refused with advice
    with pytest.warns(UserWarning) as caught:
        Forecaster(YEARLY).fit(SALES_YEAR)
    assert [str(w.message) for w in caught] == [
        _time_covariate("make it the index, series = series.set_index('year')")
    ]
    # where the index holds the dates already, the column is only dropped
    dated = SALES_YEAR.set_index(pd.date_range("1990", periods=31, freq="YS"))
    with pytest.warns(UserWarning) as caught:
        Forecaster(YEARLY).fit(dated)
    assert [str(w.message) for w in caught] == [
        _time_covariate("drop it, series = series.drop(columns='year')")
    ]
    # backtest warns once, as fit
    with pytest.warns(UserWarning) as caught:
        Forecaster(YEARLY).backtest(SALES_YEAR, start=-6, horizon=2, stride=2)
    assert [str(w.message) for w in caught] == [
        _time_covariate("make it the index, series = series.set_index('year')")
    ]


def test_the_advice_for_a_year_column_fits_without_a_warning() -> None:
    # pytest's filterwarnings=error: any warning fails these
    fc = Forecaster(YEARLY).fit(SALES_YEAR.set_index("year"))
    assert fc.predict(2).index.tolist() == [2021, 2022]
    Forecaster(YEARLY).fit(
        SALES_YEAR.set_index(pd.date_range("1990", periods=31, freq="YS")).drop(columns="year")
    )
    # a year that repeats (monthly rows) does not rise every row, and a rising column of
    # another name is a covariate as any
    monthly = SALES_YEAR.assign(year=1990 + np.arange(31) // 12)
    Forecaster(YEARLY).fit(monthly)
    Forecaster(YEARLY).fit(SALES_YEAR.rename(columns={"year": "trend"}))
