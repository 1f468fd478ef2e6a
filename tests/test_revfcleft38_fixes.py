"""revfcleft38: review of fcleft38 (predict's refusal past pandas' last date, computed from the
last step alone)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig, _past_pandas_dates

PANDAS_3 = pd.__version__ >= "3"


def _frame(freq: str, tz: str | None = None) -> pd.DataFrame:
    index = pd.date_range("2020-01-01", periods=40, freq=freq, tz=tz)
    return pd.DataFrame({"y": np.sin(np.arange(40.0)) + 2}, index=index)


def test_a_horizon_far_past_2262_of_custom_business_days_is_refused_not_crashed() -> None:
    # the last step of 3,000,000 custom business days was computed as first + n * freq, which
    # pandas' datetime.combine met as a bare TypeError ("combine() argument 1 must be
    # datetime.date, not int") from predict
    series = _frame("C")["y"]
    cfg = ForecasterConfig(
        horizon=1, lookback=4, ensemble=1, epochs=1, strategy="recursive", interval=None
    )
    fc = Forecaster(cfg).fit(series)
    with pytest.raises(ValueError) as err:
        fc.predict(3_000_000)
    assert str(err.value) == (
        "`horizon` (3000000) runs past 2262-04-11, the last date pandas timestamps reach; the "
        "forecast from 2020-02-25 00:00:00; forecast at most 63,168 steps (to 2262-04-11 "
        "00:00:00)."
    )


@pytest.mark.parametrize(
    ("freq", "tz", "first", "most", "end"),
    [
        # weeks from 142,857,144 steps: "Python int too large to convert to C int"
        ("W", None, "2020-10-04 00:00:00", "12,601", "2262-04-06 00:00:00"),
        ("2W", None, "2021-07-04 00:00:00", "6,281", "2262-04-06 00:00:00"),
        # business days from 714,285,715: "days=...; must have magnitude <= 999999999"
        ("B", None, "2020-02-25 00:00:00", "63,168", "2262-04-11 00:00:00"),
    ],
)
def test_the_last_date_refusal_of_a_huge_horizon_names_the_steps_that_fit(
    freq, tz, first, most, end
) -> None:
    # the horizons the memory holds (up to 805,306,368 steps) overflowed pandas' offsets
    frame = _frame(freq, tz)
    assert _past_pandas_dates(frame, 800_000_000) == (
        "`horizon` (800000000) runs past 2262-04-11, the last date pandas timestamps reach; the "
        f"forecast from {first}; forecast at most {most} steps (to {end})."
    )


def test_a_zoned_hourly_horizon_far_past_2262_is_refused_not_crashed() -> None:
    # pandas 3 raised NotImplementedError ("Localizing Timestamps which are outside the range
    # of Python's standard library datetime") for the wall clock of the year 59059
    frame = _frame("h", "America/New_York")
    zone = "-04:00" if PANDAS_3 else "-05:00"
    hour = "23" if PANDAS_3 else "18"
    most = "2,123,719" if PANDAS_3 else "2,123,715"
    assert _past_pandas_dates(frame, 500_000_000) == (
        "`horizon` (500000000) runs past 2262-04-11, the last date pandas timestamps reach; the "
        f"forecast from 2020-01-02 15:00:00-05:00; forecast at most {most} steps (to "
        f"2262-04-11 {hour}:00:00{zone})."
    )


def test_decoder_inputs_past_2262_are_refused_as_predict_refuses_them() -> None:
    # pandas 3 built a million months' decoder inputs, to the year 85356 (a minute), pandas 2
    # raised its bare OutOfBoundsDatetime; predict refused the same horizon with the steps that
    # fit
    series = _frame("MS")["y"]  # months up to 2023-04-01
    cfg = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=1, strategy="seq2seq", interval=None
    )
    fc = Forecaster(cfg).fit(series)
    end = " would end at 2262-05-01 00:00:00" if PANDAS_3 else ""
    refusal = (
        "`horizon` (2869) runs past 2262-04-11, the last date pandas timestamps reach; the "
        f"forecast from 2023-04-01 00:00:00{end}; forecast at most 2,868 steps (to 2262-04-01 "
        "00:00:00)."
    )
    with pytest.raises(ValueError) as err:
        fc.decoder_inputs(horizon=2869)
    assert str(err.value) == refusal
    with pytest.raises(ValueError) as err:
        fc.predict(2869)
    assert str(err.value) == refusal
    assert fc.decoder_inputs(horizon=2868).index[-1] == pd.Timestamp("2262-04-01")


def test_business_hours_past_2262_are_refused_on_pandas_3_with_the_hours_that_fit() -> None:
    # pandas 3's stamps past 2262 (microseconds) were gridded as nanoseconds, which wrapped
    # round to 1677: predict(10**6) of business hours from 2020 met pandas' "Inferred
    # frequency None from passed values does not conform to passed frequency bh" (15 s)
    from lstmkit.data import future_index

    index = pd.date_range("2020-01-06 09:00", periods=40, freq="bh")
    series = pd.Series(np.sin(np.arange(40.0)) + 2, index)  # to Friday 2020-01-10 16:00
    cfg = ForecasterConfig(
        horizon=1, lookback=4, ensemble=1, epochs=1, strategy="recursive", interval=None
    )
    fc = Forecaster(cfg).fit(series)
    with pytest.raises(ValueError) as err:
        fc.predict(10**6)
    end = " would end at 2499-02-27 16:00:00" if PANDAS_3 else ""
    assert str(err.value) == (
        "`horizon` (1000000) runs past 2262-04-11, the last date pandas timestamps reach; the "
        f"forecast from 2020-01-10 16:00:00{end}; forecast at most 505,600 steps (to "
        "2262-04-11 16:00:00)."
    )
    if PANDAS_3:  # the hours themselves, past 2262
        steps = future_index(index, 10**6)
        assert steps[-1] == pd.Timestamp("2499-02-27 16:00")
        assert steps[505_599] == pd.Timestamp("2262-04-11 16:00")
        assert steps[505_600] == pd.Timestamp("2262-04-14 09:00")  # the Monday after


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_an_infinite_single_number_is_told_without_a_position(method) -> None:
    # np.float64(np.inf) was told "got 1 infinite value in `x`, at position () (inf)"
    from lstmkit.data import StandardScaler

    scaler = StandardScaler().fit(np.arange(10.0))
    with pytest.raises(ValueError) as err:
        getattr(scaler, method)(np.float64(-np.inf))
    why = (
        ", which would come out infinite. Replace or drop it first."
        if method == "transform"
        else ": an infinite scaled value is the output of a model that diverged (refit it, "
        "with a lower `lr`), not a value to invert."
    )
    assert str(err.value) == f"StandardScaler.{method} got 1 infinite value in `x` (-inf){why}"
    # an array's still names the first one's position
    with pytest.raises(ValueError, match=r"in `x`, at position \(0,\) \(inf\)"):
        getattr(scaler, method)(np.array([np.inf]))


def test_business_hours_that_end_by_2262_are_forecast_on_pandas_2_too() -> None:
    # pandas 2's grid of the hours ran a margin of weeks past 2262, which its nanoseconds
    # cannot hold: after 2262-03-26 16:00, "forecast at most 39 steps (to 2262-04-02
    # 15:00:00)" where 96 end by 2262-04-11 16:00, as pandas 3 says
    index = pd.date_range("2262-03-20 09:00", periods=40, freq="bh")
    series = pd.Series(np.sin(np.arange(40.0)) + 2, index)
    cfg = ForecasterConfig(
        horizon=1, lookback=4, ensemble=1, epochs=1, strategy="recursive", interval=None
    )
    fc = Forecaster(cfg).fit(series)
    with pytest.raises(ValueError) as err:
        fc.predict(97)
    end = " would end at 2262-04-14 09:00:00" if PANDAS_3 else ""
    assert str(err.value) == (
        "`horizon` (97) runs past 2262-04-11, the last date pandas timestamps reach; the "
        f"forecast from 2262-03-26 16:00:00{end}; forecast at most 96 steps (to 2262-04-11 "
        "16:00:00)."
    )
    steps = fc.predict(96).index
    assert (steps[0], steps[-1]) == (
        pd.Timestamp("2262-03-27 09:00"),
        pd.Timestamp("2262-04-11 16:00"),
    )
