"""Review of bh10: business hours set without pandas' check in pandas 2 as in pandas 3, and the
steps of hours across midnight that close on some days made here, not by ``pd.date_range``."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.backtest import _index_before
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig


def _every_day(first: int, last: int, days: int) -> pd.DatetimeIndex:
    """Hourly stamps from ``first`` o'clock to ``last`` on every day from Monday 2024-03-04."""
    every = pd.date_range("2024-03-04", periods=24 * days, freq="h")
    return pd.DatetimeIndex(every[(every.hour >= first) & (every.hour <= last)], freq=None)


def test_business_hours_are_set_as_pandas_2_allows(monkeypatch: pytest.MonkeyPatch) -> None:
    # pandas 2 sets only None and "infer" through `_with_freq` (it asserts so): every read of
    # business hours failed there with a bare AssertionError
    checked: list[int] = []
    validate = pd.arrays.DatetimeArray._validate_frequency
    with_freq = pd.DatetimeIndex._with_freq

    def counted(cls: type, index: pd.Index, freq: pd.DateOffset, **kwargs: object) -> None:
        checked.append(len(index))
        validate(index, freq, **kwargs)

    def as_pandas_2(self: pd.DatetimeIndex, freq: object) -> pd.DatetimeIndex:
        if freq is not None and not (isinstance(freq, str) and freq == "infer"):
            raise AssertionError  # pandas 2.2: `assert freq == "infer"`
        return with_freq(self, freq)

    monkeypatch.setattr(pd.arrays.DatetimeArray, "_validate_frequency", classmethod(counted))
    monkeypatch.setattr(pd.DatetimeIndex, "_with_freq", as_pandas_2)
    stamps = _every_day(8, 15, 21)
    framed = D.to_frame(pd.Series(np.arange(len(stamps)) % 8.0, index=stamps, name="y"))
    assert framed.index.freq == pd.offsets.CustomBusinessHour(
        weekmask="1111111", start="08:00", end="16:00"
    )
    assert framed.index.equals(stamps)
    assert checked == []  # set without pandas' check stamp by stamp


def _weekday_nights(first: str, last: str) -> pd.DatetimeIndex:
    """Hours from 22:00 to 5:00 of the nights that start Monday to Friday."""
    every = pd.date_range(first, last, freq="h")
    started = (every - pd.Timedelta(hours=22)).day_of_week  # the day each night starts on
    within = ((every.hour >= 22) | (every.hour <= 5)) & (started < 5)
    return pd.DatetimeIndex(every[within], freq=None)


def test_a_forecast_over_weekday_nights_has_as_many_steps_as_asked() -> None:
    # pd.date_range(periods=) gives more stamps than asked over these nights: a forecast from
    # Thursday's night failed, "Length of values (13) does not match length of index (61)"
    y = pd.Series(1.0, index=_weekday_nights("2024-03-04 22:00", "2024-03-29 03:00"), name="y")
    index = D.to_frame(y).index
    nights = pd.offsets.BusinessHour(start="22:00", end="06:00")
    assert index.freq == nights
    ahead = D.future_index(index, 13)
    assert [f"{t:%a %d %H}" for t in ahead] == [
        "Fri 29 04", "Fri 29 05", "Fri 29 22", "Fri 29 23", "Sat 30 00", "Sat 30 01",
        "Sat 30 02", "Sat 30 03", "Sat 30 04", "Sat 30 05", "Mon 01 22", "Mon 01 23",
        "Tue 02 00",
    ]  # fmt: skip
    assert ahead.freq == nights
    config = ForecasterConfig(horizon=13, lookback=8, ensemble=1, epochs=1, interval=None)
    assert Forecaster(config).fit(y).predict(13).index.equals(ahead)
    # and back from the first stamp (a plotted history given as an array): "Mon 20" and the
    # like came back, hours the nights never open
    before = _index_before(ahead, 4)
    assert [f"{t:%a %d %H}" for t in before] == ["Fri 29 00", "Fri 29 01", "Fri 29 02", "Fri 29 03"]
    berlin = D.future_index(D.to_frame(y.tz_localize("Europe/Berlin")).index, 3)
    assert [f"{t:%a %H%z}" for t in berlin] == ["Fri 04+0100", "Fri 05+0100", "Fri 22+0100"]


def test_the_cli_explains_a_few_days_on_the_trained_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    every = pd.date_range("2024-01-01", periods=24 * 14, freq="h")  # two weeks, every day
    stamps = every[(every.hour >= 9) & (every.hour <= 16)]
    y = pd.Series(np.arange(len(stamps)) % 8 + 1.0, index=stamps, name="y")
    config = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
    Forecaster(config).fit(y).save(tmp_path / "m")
    newer = tmp_path / "newer.csv"  # Wednesday to Friday
    y["2024-01-10":"2024-01-12"].rename_axis("ds").reset_index().to_csv(newer, index=False)
    flags = ["--csv", str(newer), "--date-col", "ds", "--value-col", "y"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # was "... under a week (...): Saturday and Sunday
        # closed as pandas' "bh"", as predict --csv said before bh10: the model's days open
        assert main(["explain", str(tmp_path / "m"), *flags]) == 0
    assert capsys.readouterr().out.startswith(
        "explained: forecast step 1 after 2024-01-12 16:00:00 (2024-01-13 09:00:00)"
    )
