"""Review of bh10: business hours set without pandas' check in pandas 2 as in pandas 3, and the
steps of hours across midnight that close on some days made here, not by ``pd.date_range``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D


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
