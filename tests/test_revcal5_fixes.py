"""Review of cal5: weeks named 7D or W-MON, models saved with 24-hour steps, and dates as text
with two UTC offsets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)


def _mondays(freq: str) -> pd.Series:
    index = pd.date_range("2020-01-06", periods=40, freq=freq)
    return pd.Series(np.sin(np.arange(40.0)), index=index, name="y")


@pytest.mark.parametrize(("fitted", "given"), [("7D", "W-MON"), ("W-MON", "7D")])
def test_weeks_as_7d_and_as_w_mon_are_one_frequency_for_a_newer_history(
    fitted: str, given: str
) -> None:
    """A model fitted on ``pd.date_range(freq="7D")`` refused the same Mondays read from a
    file (pandas infers W-MON) as "the training data's frequency (7D), got W-MON"."""
    model = Forecaster(QUICK).fit(_mondays(fitted))
    same = model.predict(series=_mondays(fitted))
    other = model.predict(series=_mondays(given))
    np.testing.assert_array_equal(other.to_numpy(), same.to_numpy())
    assert other.index.tolist() == same.index.tolist()


def test_7d_on_another_weekday_than_w_mon_stays_another_frequency() -> None:
    model = Forecaster(QUICK).fit(_mondays("W-MON"))
    sundays = pd.Series(np.zeros(40), index=pd.date_range("2020-01-05", periods=40, freq="7D"))
    with pytest.raises(ValueError) as err:
        model.predict(series=sundays)
    assert str(err.value) == "`series` must have the training data's frequency (W-MON), got 7D."


def test_a_model_saved_with_24_hour_steps_keeps_its_weekday_count() -> None:
    """Saved before "24h" read as "D" (or before a fixed zone's did), a model with a season
    of 7 was trained on the days since 1970 counted in UTC; calendar_features now reads the
    local weekday of such steps, which moved every input of its forecasts a weekday."""
    index = pd.date_range("2020-01-06", periods=40, freq="24h", tz="Asia/Kolkata")
    y = pd.Series(np.sin(np.arange(40.0)), index=index, name="y")
    model = Forecaster(ForecasterConfig(**{**QUICK.__dict__, "season_length": 7})).fit(y)
    model.state_["history"]["freq"] = "24h"  # as such a model was saved
    utc_days = (index.as_unit("ns").asi8 // (86_400 * 10**9)) % 7
    angle = 2.0 * np.pi * utc_days / 7
    expected = np.column_stack([np.sin(angle), np.cos(angle)])
    np.testing.assert_allclose(model._calendar(index)[:, :2], expected, atol=1e-12)
    days = pd.DatetimeIndex(index, freq="D")  # a newer history read as days: the same count
    np.testing.assert_allclose(model._calendar(days)[:, :2], expected, atol=1e-12)
