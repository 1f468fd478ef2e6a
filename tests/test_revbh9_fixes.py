"""Review of bh9: models saved before it read every day's hours as they were trained, hours
across midnight on every day are not read as pandas' Monday-to-Friday ``"bh"``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=10, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)


def _eight_to_three(periods: int = 24 * 19) -> pd.Series:
    """Hourly values from 8:00 to 15:00 on every day (ends Friday 2024-01-19 at 15:00)."""
    index = pd.date_range("2024-01-01", periods=periods, freq="h")
    index = index[(index.hour >= 8) & (index.hour <= 15)]
    return pd.Series(3 + np.sin(np.arange(len(index)) * np.pi / 4), index=index, name="y")


def _hours(index: pd.Index) -> list[str]:
    return [f"{t:%a %H:%M}" for t in pd.DatetimeIndex(index)]


def test_a_bh8_model_of_every_days_hours_reads_a_newer_history_as_trained(
    tmp_path: Path, edit_saved
) -> None:
    # bh8 read every day's 8:00 to 15:00 as pandas' "bh" and saved its hours, 9:00 to 17:00
    y = _eight_to_three()
    Forecaster(TINY).fit(y).save(tmp_path / "m")
    with edit_saved(tmp_path / "m") as saved:
        history = saved["state"]["history"]
        del history["weekmask"]
        history["freq"], history["hours"] = "bh", [["09:00"], ["17:00"]]
    loaded = Forecaster.load(tmp_path / "m")  # was refused: "(bh), got cbh 08:00-16:00 ..."
    assert _hours(loaded.predict(2, series=y).index) == ["Fri 16:00", "Mon 09:00"]


def test_hours_across_midnight_on_every_day_open_on_every_day() -> None:
    # 22:00 to 5:00 every night: read as pandas' "bh", 9:00 to 17:00 Monday to Friday
    index = pd.date_range("2024-01-01", periods=24 * 28, freq="h")  # to Sunday 2024-01-28
    nights = index[(index.hour >= 22) | (index.hour <= 5)]
    read = D.to_frame(pd.Series(1.0, index=nights)).index
    assert read.freq == pd.offsets.CustomBusinessHour(
        weekmask="1111111", start="22:00", end="06:00"
    )
    assert _hours(D.future_index(read, 7)[[0, 5, 6]]) == ["Mon 00:00", "Mon 05:00", "Mon 22:00"]
    weekdays = nights[nights >= "2024-01-01 22:00"]  # from Monday's to Friday's night
    weekdays = weekdays[(weekdays - pd.Timedelta(hours=22)).day_of_week < 5]
    read = D.to_frame(pd.Series(1.0, index=weekdays)).index
    assert read.freq == pd.offsets.BusinessHour(start="22:00", end="06:00")
    assert _hours(D.future_index(read, 1)) == ["Mon 22:00"]


def test_one_helper_writes_a_weekmask_as_seven_days() -> None:
    # forecast's saved weekmask and data's count of business days read it the same way
    from lstmkit.forecast import _opening_days

    assert D._week_days("Mon Tue Wed Thu Fri Sat") == "1111110"
    assert D._week_days([1, 1, 1, 1, 0, 0, 0]) == "1111000"
    weekend = pd.offsets.CustomBusinessHour(weekmask="Sat Sun", start="10:00", end="16:00")
    assert _opening_days(weekend) == "0000011"
    assert D._weekdays(pd.date_range("2024-01-06 10:00", periods=3, freq=weekend)) == 2


def test_a_newer_history_of_nights_reads_on_the_days_they_open() -> None:
    # a model of nights from Sunday's to Thursday's: Tuesday's to Thursday's nights (read as
    # "bh", Monday to Friday) were refused, Friday's early hours taken for Friday's opening
    index = pd.date_range("2024-01-01", periods=24 * 27, freq="h")  # to Saturday 2024-01-27
    nights = index[(index.hour >= 22) | (index.hour <= 5)]
    nights = nights[(nights - pd.Timedelta(hours=22)).day_of_week.isin([6, 0, 1, 2, 3])]
    nights = nights[6:]  # from Monday 2024-01-01 at 22:00
    y = pd.Series(2 + np.sin(np.arange(len(nights)) / 3), index=nights, name="y")
    fc = Forecaster(TINY).fit(y)
    assert fc.predict(1).index.freq.weekmask == "1111001"
    newer = y["2024-01-23 22:00":"2024-01-26 05:00"]  # Tuesday's to Thursday's nights
    assert _hours(fc.predict(2, series=newer).index) == ["Sun 22:00", "Sun 23:00"]


def test_a_saved_weekmask_of_other_steps_than_cbh_is_refused_at_load(
    tmp_path: Path, edit_saved
) -> None:
    index = pd.date_range("2024-01-01 08:00", periods=120, freq="bh")
    Forecaster(TINY).fit(pd.Series(np.arange(120) % 8 + 1.0, index=index, name="y")).save(
        tmp_path / "m"
    )
    with edit_saved(tmp_path / "m") as saved:
        saved["state"]["history"]["weekmask"] = "1111110"
    with pytest.raises(ValueError) as caught:  # was a TypeError from BusinessHour(weekmask=)
        Forecaster.load(tmp_path / "m")
    assert (
        "state.history.weekmask must be null for steps other than custom business hours "
        "('cbh'), got '1111110' with state.history.freq 'bh'"
    ) in str(caught.value)
