"""Small defects left from the session's reviews: weeks on another weekday for a newer
history, URLs where a local file is read, covariates beside a series along a row, and the
CLI's list of unknown flags."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)


def _weekly(start: str, freq: str, tz: str | None = None) -> pd.Series:
    index = pd.date_range(start, periods=40, freq=freq, tz=tz)
    return pd.Series(np.sin(np.arange(40.0)), index=index, name="y")


@pytest.mark.parametrize(
    ("fitted", "given", "said"),
    [
        # a Wednesday model named 5B, a history of Mondays named W-MON, as W-SUN vs W-MON
        (("2020-01-08", "5B"), ("2020-01-06", "W-MON"), "(5B), got W-MON."),
        (("2020-01-05", "7D"), ("2020-01-06", "5B"), "(7D on Sundays), got 5B on Mondays."),
        (("2020-01-05", "7D"), ("2020-01-06", "7D"), "(7D on Sundays), got 7D on Mondays."),
        (("2020-01-08", "168h"), ("2020-01-06", "7D"), "(7D on Wednesdays), got 7D on Mondays."),
    ],
)
def test_weeks_on_another_weekday_are_refused_for_a_newer_history(
    fitted: tuple[str, str], given: tuple[str, str], said: str
) -> None:
    """A 5B model fitted on Wednesdays took a W-MON history, and a 7D model on Sundays a 5B
    or 7D history of Mondays: their calendar inputs then shifted by days, silently."""
    model = Forecaster(QUICK).fit(_weekly(*fitted))
    with pytest.raises(ValueError) as err:
        model.predict(series=_weekly(*given))
    assert str(err.value) == f"`series` must have the training data's frequency {said}"


def test_weeks_on_the_same_weekday_stay_one_frequency_in_a_time_zone() -> None:
    model = Forecaster(QUICK).fit(_weekly("2020-01-06", "5B", tz="Europe/Berlin"))
    same = model.predict(series=_weekly("2020-01-06", "5B", tz="Europe/Berlin"))
    other = model.predict(series=_weekly("2020-01-06", "W-MON", tz="Europe/Berlin"))
    np.testing.assert_array_equal(other.to_numpy(), same.to_numpy())
