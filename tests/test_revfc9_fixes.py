"""Review of fc9: steps named as given under pandas 2 too, and resample advice that runs."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=3, lookback=6, epochs=1, ensemble=1, hidden_size=4)


@pytest.mark.parametrize(("freq", "days"), [("24h", "D"), ("1440min", "D"), ("48h", "2D")])
def test_whole_days_in_hours_or_minutes_are_forecast_named_as_given(freq, days):
    # pandas 2 kept the "D" of the index the forecast steps from (an equal freq is not
    # replaced), so the forecast was named "D" there, as before fc9; pandas 3 named it "24h"
    stamps = pd.date_range("2020-01-06 09:00", periods=40, freq=freq)
    y = pd.Series(100 + np.arange(40) % 7 + np.arange(40.0), index=stamps, name="y")
    model = Forecaster(QUICK).fit(y)
    assert model.state_["history"]["freq"] == days
    continued = pd.date_range(stamps[-1], periods=4, freq=freq)[1:]
    forecast = model.predict()
    assert forecast.index.equals(continued)
    assert forecast.index.freqstr == freq
    newer = model.predict(series=y.iloc[3:])  # a newer history, named as given too
    assert newer.index.freqstr == freq
    # the same steps named in days: the forecast named so, the same values
    in_days = y.iloc[3:].set_axis(pd.DatetimeIndex(y.index[3:].to_list(), freq=days))
    assert model.predict(series=in_days).index.freqstr == days
    assert model.predict(series=in_days)["forecast"].tolist() == newer["forecast"].tolist()
