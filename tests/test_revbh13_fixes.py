"""Business hours, revbh13: holidays' forecast steps found however many the holidays close;
the fill advised for a newer history with a gap beside a trained holiday."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lstmkit import data as D
from lstmkit.backtest import _index_before
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
# open on Mondays only, 9:00 to 17:00, closed six Mondays running (8 January to 12 February)
MONDAYS = pd.offsets.CustomBusinessHour(
    weekmask="1000000",
    holidays=[f"{day:%Y-%m-%d}" for day in pd.date_range("2024-01-08", periods=6, freq="7D")],
)


def test_steps_over_holidays_of_a_day_a_week_are_all_found() -> None:
    index = pd.date_range("2023-12-25 09:00", periods=8, freq=MONDAYS)
    # the search for them grew a day per holiday, where each closes a week here: 8 steps for
    # 16 (after Monday 1 January, the next opening is 19 February), and a backtest's history
    # before 19 February failed with an IndexError
    ahead = D.future_index(index, 16)
    assert ahead.equals(pd.date_range(index[-1], periods=17, freq=MONDAYS)[1:])
    assert [f"{t:%d %b %H:%M}" for t in ahead[[0, 7, 8, 15]]] == [
        "01 Jan 09:00",
        "01 Jan 16:00",
        "19 Feb 09:00",
        "19 Feb 16:00",
    ]
    back = _index_before(ahead[8:], 12)  # from 19 February 9:00
    assert [f"{t:%d %b %H:%M}" for t in back[[0, 3, 4, 11]]] == [
        "25 Dec 13:00",
        "25 Dec 16:00",
        "01 Jan 09:00",
        "01 Jan 16:00",
    ]
    y = pd.Series(np.sin(np.arange(16) / 3), index=index.append(ahead[:8]))
    y = y.set_axis(D._with_business_hours(pd.DatetimeIndex(y.index, freq=None), MONDAYS))
    forecast = Forecaster(TINY).fit(y).predict(2)  # failed: no step within three weeks
    assert [f"{t:%d %b %H:%M}" for t in forecast.index] == ["19 Feb 09:00", "19 Feb 10:00"]
