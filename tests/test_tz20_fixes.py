"""Fixes of tz20: naive stamps of a local clock across daylight saving, a zone's daily and
weekly midnights written in UTC, and a newer history at another time of day than a model's."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig


def _month_ends(hours: int, periods: int) -> pd.Series:
    index = pd.date_range("2019-01-31", periods=periods, freq="ME", tz="UTC")
    index = pd.DatetimeIndex(index + pd.Timedelta(hours=hours), freq=None)  # as a CSV reads
    return pd.Series(100.0 + np.arange(periods) % 12, index)


def test_newer_history_at_another_time_of_day_is_refused():
    # a model fitted on month ends at 12:00 UTC read ones at 15:00 with no word, and
    # labelled its forecast 2022-01-31 15:00
    config = ForecasterConfig(horizon=2, lookback=6, ensemble=1, epochs=1, interval=None)
    model = Forecaster(config).fit(_month_ends(12, 30))
    with pytest.raises(ValueError) as caught:
        model.predict(2, series=_month_ends(15, 36))
    assert str(caught.value) == (
        "`series` must have the training data's time of day, 12:00 (its last step: "
        "2021-06-30 12:00:00+00:00), got 15:00 (first 2019-01-31 15:00:00+00:00); its steps "
        "would be read as the trained ones and a forecast labelled at 15:00. Move them to the "
        "trained time: series.index = series.index.normalize() + pd.Timedelta('12:00:00')."
    )
    # the line given reads them at the trained time
    series = _month_ends(15, 36)
    series.index = series.index.normalize() + pd.Timedelta("12:00:00")
    assert [str(t) for t in model.predict(2, series=series).index] == [
        "2022-01-31 12:00:00+00:00",
        "2022-02-28 12:00:00+00:00",
    ]


def test_newer_daily_history_off_midnight_is_refused_with_normalize():
    config = ForecasterConfig(horizon=2, lookback=6, ensemble=1, epochs=1, interval=None)
    days = pd.Series(np.arange(40.0) % 7, pd.date_range("2021-01-01", periods=40, freq="D"))
    model = Forecaster(config).fit(days)
    with pytest.raises(ValueError) as caught:
        model.predict(2, series=days.set_axis(days.index + pd.Timedelta(hours=9)))
    assert str(caught.value) == (
        "`series` must have the training data's time of day, 00:00 (its last step: 2021-02-09), "
        "got 09:00 (first 2021-01-01 09:00:00); its steps would be read as the trained ones "
        "and a forecast labelled at 09:00. Move them to the trained time: series.index = "
        "series.index.normalize()."
    )
    # hourly steps lie at every time of day: not told
    hours = pd.Series(np.arange(60.0) % 24, pd.date_range("2021-01-01", periods=60, freq="h"))
    hourly = Forecaster(config).fit(hours)
    assert len(hourly.predict(2, series=hours.iloc[5:])) == 2
