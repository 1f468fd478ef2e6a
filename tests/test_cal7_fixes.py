"""Seasons of half months and custom business days, and default horizons that cover one
natural cycle (the day, the week, a quarter of weeks, the year) instead of a whole season."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig

DEFAULTS = ForecasterConfig(horizon=None, lookback=4, ensemble=1, epochs=1, interval=None)


def _series(freq: str, n: int = 120) -> pd.Series:
    index = pd.date_range("2020-01-01", periods=n, freq=freq)
    return pd.Series(3 + np.sin(np.arange(n, dtype=float)), index=index, name="y")


# --------------------------------------------------------------------------------------------
# Half months and custom business days
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("freq", "season", "horizon"),
    [
        ("SMS", 24, 24),  # the year: was 1 and 12
        ("SME", 24, 24),
        ("2SMS", 12, 12),  # a month a step: was 1 and 12
        ("5SMS", 24, 5),
        ("C", 5, 5),  # as B: was 1 and 12
        ("2C", 5, 3),
        ("5C", 52, 13),  # the same weekday a week on, as 5B
    ],
)
def test_half_months_and_custom_business_days_have_a_season(
    freq: str, season: int, horizon: int
) -> None:
    index = pd.date_range("2020-01-06", periods=30, freq=freq)
    assert (D.season_length(index), D.default_horizon(index)) == (season, horizon)


def test_a_custom_weekmask_counts_its_days() -> None:
    six = pd.offsets.CustomBusinessDay(weekmask="Sun Mon Tue Wed Thu Fri")
    index = pd.date_range("2020-01-05", periods=30, freq=six)
    assert (D.season_length(index), D.default_horizon(index)) == (6, 6)
    # the place in the week, counted from 1970-01-01 (a Thursday): Sunday to Friday, then
    # Sunday again
    assert (D._steps(index) % 6)[:7].tolist() == [2, 3, 4, 5, 0, 1, 2]


def test_half_months_read_their_place_in_the_year() -> None:
    """The 1st and the 15th of January are the year's first two half months: the calendar
    input of a step is the same a year on, for month starts (SMS) and ends (SME) alike."""
    for freq, first in (("SMS", "2020-01-01"), ("SME", "2020-01-15")):
        index = pd.date_range(first, periods=50, freq=freq)
        assert (D._steps(index) % 24)[:3].tolist() == [0, 1, 2], freq
        inputs = D.calendar_inputs(index, 24).to_numpy()
        np.testing.assert_allclose(inputs[24:48], inputs[:24], atol=1e-12)
        assert inputs[6].round(12).tolist() == [1.0, 0.0], freq  # April's first: a quarter


def test_custom_business_days_have_the_calendar_inputs_of_business_days() -> None:
    custom = pd.date_range("2020-01-06", periods=30, freq="C")
    business = pd.date_range("2020-01-06", periods=30, freq="B")
    np.testing.assert_array_equal(
        D.calendar_inputs(custom, 5).to_numpy(), D.calendar_inputs(business, 5).to_numpy()
    )


def test_a_half_monthly_forecaster_forecasts_a_year_with_a_season_of_24() -> None:
    fitted = Forecaster(DEFAULTS).fit(_series("SMS"))
    assert (fitted.config.horizon, fitted.state_["m"]) == (24, 24)
    assert fitted.predict().index[:3].tolist() == [
        pd.Timestamp("2025-01-01"),
        pd.Timestamp("2025-01-15"),
        pd.Timestamp("2025-02-01"),
    ]


# --------------------------------------------------------------------------------------------
# Default horizons
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("freq", "season", "horizon"),
    [
        ("5ME", 12, 3),  # 15 months: was 12 (five years)
        ("7MS", 12, 2),  # was 12
        ("3QS", 4, 2),  # 18 months: was 4 (three years)
        ("2D", 7, 4),  # 8 days: was 7 (two weeks)
        ("3D", 7, 3),
        ("30D", 7, 4),  # 120 days, a quarter: was 7 (210 days)
        ("13W", 4, 4),  # a year, as quarters: was 1
        ("26W", 2, 2),  # was 1
        ("52W", 1, 6),  # six years, as yearly data: was 1
        ("104W", 1, 3),  # as 2YS
        ("5h", 24, 5),  # 25 hours: was 24 (five days)
        ("10h", 12, 3),  # was 12
        ("100min", 72, 15),  # was 72 (five days)
        ("2B", 5, 3),  # was 5 (two weeks)
    ],
)
def test_a_multiple_that_does_not_divide_its_season_forecasts_one_cycle(
    freq: str, season: int, horizon: int
) -> None:
    index = pd.date_range("2020-01-06", periods=30, freq=freq)
    assert (D.season_length(index), D.default_horizon(index)) == (season, horizon)


@pytest.mark.parametrize(
    ("freq", "horizon"),
    [
        *[("MS", 12), ("2MS", 6), ("QS", 4), ("W", 13), ("2W", 7), ("6W", 3), ("D", 7)],
        *[("B", 5), ("h", 24), ("15min", 96), ("YS", 6), ("2YS", 3), ("7YS", 1), ("50min", 12)],
        *[("s", 12), ("12MS", 6), ("7D", 13)],
    ],
)
def test_the_horizons_of_frequencies_that_divide_their_season_stay(freq: str, horizon: int) -> None:
    assert D.default_horizon(pd.date_range("2020-01-06", periods=30, freq=freq)) == horizon


# --------------------------------------------------------------------------------------------
# Models saved before keep their season and horizon
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("freq", "season", "horizon"), [("SMS", 1, 12), ("5ME", 12, 12)])
def test_a_model_saved_with_the_older_defaults_forecasts_as_before(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, freq: str, season: int, horizon: int
) -> None:
    """Fitted as before cal7 (no season for half months; a season's horizon for 5ME), saved,
    and loaded now: the recorded season and horizon, and the same forecast."""
    y = _series(freq)
    with monkeypatch.context() as patch:
        patch.setattr(D, "season_length", lambda index: season)
        patch.setattr(D, "default_horizon", lambda index: horizon)
        older = Forecaster(DEFAULTS).fit(y)
        expected = older.predict()
        older.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    assert (loaded.config.horizon, loaded.state_["m"]) == (horizon, season)
    pd.testing.assert_frame_equal(loaded.predict(), expected)


# --------------------------------------------------------------------------------------------
# Reading half months
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("freq", "read"), [("SMS", "SMS-15"), ("SME", "SME-15"), ("SMS-10", "SMS-10")]
)
def test_dates_of_half_months_read_as_their_frequency(freq: str, read: str) -> None:
    """Dates without a frequency (a CSV's) on the 1st and the 15th were refused as irregular
    ("usual step: 14 days"): pandas does not infer half months."""
    dates = pd.DatetimeIndex(pd.date_range("2015-01-01", periods=30, freq=freq).to_numpy())
    assert dates.freq is None
    frame = D.to_frame(pd.Series(np.arange(30.0), index=dates))
    assert frame.index.freqstr == read
    assert D.season_length(frame.index) == 24


def test_a_csv_of_half_months_forecasts_a_year(tmp_path: Path) -> None:
    dates = pd.date_range("2015-01-01", periods=120, freq="SMS")
    values = 100 + 10 * np.sin(2 * np.pi * np.arange(120) / 24)
    csv = tmp_path / "half.csv"
    pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "y": values}).to_csv(csv, index=False)
    y = D.read_csv(csv, date_col="date", value_cols="y")
    assert (y.index.freqstr, D.default_horizon(y.index)) == ("SMS-15", 24)


def test_a_gap_in_half_months_is_named_and_filled() -> None:
    """It was refused as steps "before 2015-02-01, 2015-04-01, ... and 7 more (usual step: 14
    days)", every month's first, with nothing missing named and no --fill advised."""
    dates = pd.date_range("2015-01-01", periods=30, freq="SMS").delete([10, 11])
    y = pd.Series(np.arange(28.0), index=pd.DatetimeIndex(dates.to_numpy()))
    with pytest.raises(ValueError) as err:
        D.to_frame(y)
    assert str(err.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2015-07-01 (usual step: half a month); missing 2015-06-01, 2015-06-15; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take,"
        " to insert the missing timestamps and fill their "
        "values."
    )
    filled = D.to_frame(y, fill="interpolate")
    assert (filled.index.freqstr, len(filled), filled.attrs["inserted"]) == ("SMS-15", 30, 2)


def test_monthly_dates_with_one_stray_first_are_no_half_months() -> None:
    dates = pd.date_range("2015-01-15", periods=30, freq="MS") + pd.Timedelta(days=14)
    stray = dates.append(pd.DatetimeIndex(["2017-08-01"])).sort_values()
    with pytest.raises(ValueError, match=r"\(usual step: 31 days\)\.$"):
        D.to_frame(pd.Series(np.arange(31.0), index=stray))


# --------------------------------------------------------------------------------------------
# Business hours
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("freq", "season", "horizon"),
    [
        ("bh", 8, 8),  # 9 to 5: was 1 and 12
        ("cbh", 8, 8),
        ("2bh", 4, 4),
        ("4bh", 2, 2),
        ("3bh", 8, 3),  # not dividing the business day: 8 steps, three days (freq10; was none)
        ("8bh", 1, 5),  # a business day a step: a week ahead, as B
    ],
)
def test_business_hours_have_the_business_day(freq: str, season: int, horizon: int) -> None:
    index = pd.date_range("2024-01-05 09:00", periods=30, freq=freq)
    assert (D.season_length(index), D.default_horizon(index)) == (season, horizon)


def test_business_hours_read_the_hour_of_the_business_day() -> None:
    index = pd.date_range("2024-01-05 09:00", periods=12, freq="bh")  # Friday, then Monday
    assert (D._steps(index) % 8).tolist() == [1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4]
    six = pd.offsets.BusinessHour(start="08:00", end="14:00")  # 6 hours divide the day
    other = pd.offsets.BusinessHour(start="08:00", end="17:00")  # 9 do not
    assert D.season_length(pd.date_range("2024-01-05 08:00", periods=12, freq=six)) == 6
    assert D.season_length(pd.date_range("2024-01-05 08:00", periods=12, freq=other)) == 1


def test_a_business_hour_forecaster_forecasts_a_business_day() -> None:
    fitted = Forecaster(DEFAULTS).fit(_series("bh"))
    assert (fitted.config.horizon, fitted.state_["m"]) == (8, 8)
    assert fitted.predict().index[[0, -1]].tolist() == [
        pd.Timestamp("2020-01-22 09:00"),
        pd.Timestamp("2020-01-22 16:00"),
    ]
