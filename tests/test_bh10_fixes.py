"""Business hours read from stamps: hours open on every day set without pandas' check stamp by
stamp (a second per 20,000 stamps at every read, fit, predict and backtest; twice for nights),
with the same results as pandas."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit._remedies import cli_command
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)


def _hours(first: int, last: int, days: int = 21, tz: str | None = None) -> pd.DatetimeIndex:
    """Hourly stamps from ``first`` o'clock to ``last`` (across midnight where ``last`` is
    smaller) on every day from Monday 2024-03-04, ``days`` days."""
    every = pd.date_range("2024-03-04", periods=24 * days, freq="h")
    hour = every.hour
    within = (hour >= first) & (hour <= last) if first <= last else (hour >= first) | (hour <= last)
    stamps = every[within]
    if first > last:  # from the first night's opening
        stamps = stamps[stamps >= pd.Timestamp("2024-03-04") + pd.Timedelta(hours=first)]
    stamps = pd.DatetimeIndex(stamps, freq=None)
    return stamps.tz_localize(tz, nonexistent="NaT").dropna() if tz else stamps


@pytest.mark.parametrize(
    ("first", "last", "after"),
    [(8, 15, ["Mon 08:00", "Mon 09:00"]), (22, 5, ["Mon 00:00", "Mon 01:00"])],
)
def test_hours_of_every_day_are_read_without_pandas_check_stamp_by_stamp(
    tmp_path: Path, pandas_checks: list[int], first: int, last: int, after: list[str]
) -> None:
    end = f"{(last + 1) % 24:02d}:00"
    freq = pd.offsets.CustomBusinessHour(weekmask="1111111", start=f"{first:02d}:00", end=end)
    stamps = _hours(first, last)
    y = pd.Series(np.sin(np.arange(len(stamps)) / 3), index=stamps, name="y")
    y.rename_axis("date").to_frame().to_csv(tmp_path / "y.csv")
    read = D.read_csv(tmp_path / "y.csv", "date", ["y"])
    framed = D.to_frame(y)
    fc = Forecaster(TINY).fit(y)
    forecast = fc.predict(2, series=y)
    # pandas checked every stamp of these (nights twice) at each read, fit and predict
    assert pandas_checks == []
    assert read.index.freq == framed.index.freq == freq
    assert read.index.equals(stamps) and framed.index.equals(stamps)
    assert forecast.index.freq == freq
    assert [f"{t:%a %H:%M}" for t in forecast.index] == after


def _pandas_says(index: pd.DatetimeIndex, freq: pd.DateOffset) -> bool:
    try:
        pd.DatetimeIndex(index, freq=freq)
    except Exception:  # ValueError; pandas 2 lets pytz's NonExistentTimeError through
        return False
    return True


@pytest.mark.parametrize("tz", [None, "Europe/Berlin", "America/New_York"])
def test_business_hours_checked_at_once_agree_with_pandas(tz: str | None) -> None:
    # across the change to summer time (2024-03-10 in New York, 03-31 in Berlin)
    nights = pd.offsets.CustomBusinessHour(weekmask="1111111", start="22:00", end="06:00")
    days = pd.offsets.CustomBusinessHour(weekmask="1111111", start="08:00", end="16:00")
    weekdays = pd.offsets.BusinessHour(start="08:00", end="16:00")
    cases = {
        "nights": (_hours(22, 5, 35, tz), nights),
        "days": (_hours(8, 15, 35, tz), days),
        "a night's hour missing": (_hours(22, 5, 35, tz).delete(40), nights),
        "half past": (_hours(8, 15, 35, tz) + pd.Timedelta(minutes=30), days),
        "from mid-morning": (_hours(8, 15, 35, tz)[3:], days),
        "weekday hours": (_hours(8, 15, 35, tz)[_hours(8, 15, 35).day_of_week < 5], weekdays),
    }
    said = {name: D._on_business_hours(index, freq) for name, (index, freq) in cases.items()}
    assert said == {name: _pandas_says(index, freq) for name, (index, freq) in cases.items()}
    assert said == {
        "nights": True,
        "days": True,
        "a night's hour missing": False,
        "half past": True,  # pandas steps on from a stamp out of the opening
        "from mid-morning": True,
        "weekday hours": True,
    } | ({"nights": False} if tz else {})  # 2:00 is not on the night summer time starts
    for name, (index, freq) in cases.items():
        if said[name]:
            pinned = D._with_business_hours(index, freq)
            assert pinned.freq == freq and pinned.equals(pd.DatetimeIndex(index, freq=freq))
    # pandas takes the word of its own inference, "bh" for any eight hours a day: hours of
    # every day are not weekday business hours, as set at once
    assert _pandas_says(_hours(8, 15, 35, tz), weekdays)
    assert not D._on_business_hours(_hours(8, 15, 35, tz), weekdays)


def _days(index: pd.Index) -> list[str]:
    return [f"{t:%a %H:%M}" for t in pd.DatetimeIndex(index)]


def test_custom_business_hours_with_an_offset_read_as_their_hours(tmp_path: Path) -> None:
    # pandas keeps an offset of business hours but steps no hour by it
    shifted = pd.offsets.CustomBusinessHour(weekmask="Mon Tue Wed Fri", offset=pd.Timedelta("1h"))
    index = pd.date_range("2024-01-01 09:00", periods=64, freq=shifted)  # ends Fri 16:00
    y = pd.Series(np.arange(64) % 8 + 1.0, index=index, name="y")
    # was refused as irregular: "('cbh': custom business hours' holidays are lost)"
    fc = Forecaster(TINY).fit(y)
    assert fc.predict(2).index.freq == pd.offsets.CustomBusinessHour(weekmask="1110100")
    fc.save(tmp_path / "m")
    ahead = Forecaster.load(tmp_path / "m").predict(2, series=y[:24]).index  # to Wed 16:00
    assert _days(ahead) == ["Fri 09:00", "Fri 10:00"]  # closed on Thursday
    assert _days(fc.predict(2).index) == ["Mon 09:00", "Mon 10:00"]
    holidays = pd.offsets.CustomBusinessHour(holidays=["2024-01-03"], offset=pd.Timedelta("1h"))
    index = pd.date_range("2024-01-01 09:00", periods=40, freq=holidays)
    # read for its holidays (bh12 saves them), without the offset
    read = D.to_frame(pd.Series(1.0, index=index, name="y")).index.freq
    assert read == pd.offsets.CustomBusinessHour(holidays=["2024-01-03"])


def test_nights_with_a_missing_hour_are_read_as_the_nights_they_are() -> None:
    # the opening of hours across midnight was read in one place (22:00 to 6:00, cbh) and the
    # grid that names and fills gaps in another (within a day only): every day hour was missing
    nights = _hours(22, 5, days=14)
    gapped = pd.Series(1.0, index=nights.delete(54), name="y")  # Mon 2024-03-11 04:00
    with pytest.raises(ValueError) as caught:
        D.to_frame(gapped)
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2024-03-11 05:00:00 (usual step: 1 business hour); missing 2024-03-11 04:00:00; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv "
        "(CLI: --fill), whose result Forecaster.fit, predict and backtest take, to insert "
        "the missing timestamps and fill their values."
    )  # was "(usual step: 1 hour); missing 2024-03-05 06:00:00, ... and 204 more"
    filled = D.to_frame(gapped, fill="ffill")
    assert filled.attrs["inserted"] == 1  # was 209, every day hour, read as hourly
    assert filled.index.equals(nights)
    assert filled.index.freq == pd.offsets.CustomBusinessHour(
        weekmask="1111111", start="22:00", end="06:00"
    )
    # regular nights of weekdays: nothing to fill (120 day hours were inserted, read hourly)
    weekdays = pd.date_range("2024-01-01 17:00", "2024-01-11 23:00", freq="h")
    nights = (weekdays.hour >= 17) | (weekdays.hour <= 7)
    weekdays = weekdays[nights & ((weekdays - pd.Timedelta("17h")).day_of_week < 5)]
    filled = D.to_frame(pd.Series(1.0, index=weekdays, name="y"), fill="ffill")
    assert filled.attrs["inserted"] == 0
    assert filled.index.freq == pd.offsets.BusinessHour(start="17:00", end="08:00")


def _nine_to_four(start: str, days: int) -> pd.Series:
    """Hourly values from 9:00 to 16:00 on ``days`` days from ``start``."""
    every = pd.date_range(start, periods=24 * days, freq="h")
    index = every[(every.hour >= 9) & (every.hour <= 16)]
    return pd.Series(np.arange(len(index)) % 8 + 1.0, index=index, name="y")


def test_business_hours_of_under_a_week_name_the_days_assumed() -> None:
    # Monday to Wednesday: read as pandas' "bh", open on Thursday and Friday, without a word
    with pytest.warns(UserWarning) as caught:
        index = D.to_frame(_nine_to_four("2024-01-01", 3)).index
    assert index.freq == pd.offsets.BusinessHour(start="09:00", end="17:00")
    assert [str(w.message) for w in caught] == [
        "timestamps in `series` are business hours of under a week (2024-01-01 09:00:00 to "
        "2024-01-03 16:00:00), which do not reach Thursday, Friday, Saturday and Sunday: "
        'Thursday and Friday assumed open and Saturday and Sunday closed as pandas\' "bh" '
        "(Monday to Friday); give a week or more of them, or an index with "
        "freq=pd.offsets.CustomBusinessHour(weekmask=..., start=..., end=...), to say the days "
        "they open."
    ]
    with pytest.warns(UserWarning, match="do not reach Tuesday, Wednesday and Thursday: ") as w:
        D.to_frame(_nine_to_four("2024-01-05", 4))  # Friday to Monday: every day
    assert "Tuesday, Wednesday and Thursday assumed open; give a week" in str(w[0].message)
    on_flags = cli_command.set("forecast")  # the command line gives no index
    try:
        with pytest.warns(UserWarning) as w:
            D.to_frame(_nine_to_four("2024-01-05", 4))
    finally:
        cli_command.reset(on_flags)
    assert str(w[0].message).endswith(
        "assumed open; give a week or more of them to say the days they open."
    )


def test_a_week_of_hours_and_a_fitted_models_newer_history_assume_no_days() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        week = D.to_frame(_nine_to_four("2024-01-03", 7))  # Wednesday to Tuesday
        days = pd.offsets.CustomBusinessHour(weekmask="Mon Tue Wed", start="09:00", end="17:00")
        given = pd.Series(1.0, index=pd.date_range("2024-01-01 09:00", periods=24, freq=days))
        D.to_frame(given)  # the user's days
    assert week.index.freq.weekmask == "1111111"
    with pytest.warns(UserWarning, match="under a week"):
        fc = Forecaster(TINY).fit(_nine_to_four("2024-01-01", 4))  # Monday to Thursday
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # read on the days the model was trained on
        ahead = fc.predict(2, series=_nine_to_four("2024-01-02", 3)).index
    assert _days(ahead) == ["Fri 09:00", "Fri 10:00"]


def test_future_covariates_of_a_forecast_over_a_night_assume_no_days() -> None:
    y = _nine_to_four("2024-01-01", 14)  # two weeks, to Sunday 16:00
    steps = pd.offsets.CustomBusinessHour(weekmask="1111111", start="09:00", end="17:00")
    x = pd.DataFrame(
        {"x": np.arange(len(y) + 3) % 3.0},
        index=pd.date_range(y.index[0], periods=len(y) + 3, freq=steps),
    )
    config = ForecasterConfig(horizon=3, lookback=8, ensemble=1, epochs=1, interval=None)
    fc = Forecaster(config).fit(y[:-1], future_covariates=x[: len(y) - 1])
    ahead = x[len(y) - 1 :].set_axis(pd.DatetimeIndex(x.index[len(y) - 1 :], freq=None))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # was "`future_covariates` are business hours of under
        # a week ...: Tuesday, ... assumed open" for Sunday 16:00 to Monday 11:00
        forecast = fc.predict(3, future_covariates=ahead)
    assert _days(forecast.index) == ["Sun 16:00", "Mon 09:00", "Mon 10:00"]


def test_the_cli_predicts_from_a_few_days_on_the_trained_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    y = _nine_to_four("2024-01-01", 14)
    Forecaster(TINY).fit(y).save(tmp_path / "m")
    newer = tmp_path / "newer.csv"
    y["2024-01-08":"2024-01-10"].rename_axis("ds").reset_index().to_csv(newer, index=False)
    flags = ["--csv", str(newer), "--date-col", "ds", "--value-col", "y"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # was "... under a week (...): Thursday, ... assumed open"
        # the days before the training data's end on purpose: predict warns of an older file,
        # which test_fc33_fixes.py pins
        warnings.filterwarnings("ignore", ".*before the model's training data", UserWarning)
        assert main(["predict", str(tmp_path / "m"), *flags]) == 0
    assert "2024-01-11 09:00:00" in capsys.readouterr().out  # Thursday, open every day
