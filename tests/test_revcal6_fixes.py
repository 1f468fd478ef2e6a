"""Review of cal6: weeks named 5B and 7D, and what --season-length's help says of multiples."""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import build_parser
from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)


def _weekly(freq: str) -> pd.Series:
    index = pd.date_range("2020-01-06", periods=40, freq=freq)
    return pd.Series(np.sin(np.arange(40.0)), index=index, name="y")


@pytest.mark.parametrize(("fitted", "given"), [("5B", "7D"), ("7D", "5B"), ("10B", "14D")])
def test_weeks_as_5b_and_as_7d_are_one_frequency_for_a_newer_history(
    fitted: str, given: str
) -> None:
    """Each is one frequency with W-MON, but a model fitted on the Mondays of
    ``pd.bdate_range(freq="5B")`` refused the same Mondays as ``pd.date_range(freq="7D")``:
    "`series` must have the training data's frequency (5B), got 7D."."""
    model = Forecaster(QUICK).fit(_weekly(fitted))
    same = model.predict(series=_weekly(fitted))
    other = model.predict(series=_weekly(given))
    np.testing.assert_array_equal(other.to_numpy(), same.to_numpy())
    assert other.index.tolist() == same.index.tolist()


def test_weeks_as_5b_stay_another_frequency_than_two_weeks_as_14d() -> None:
    model = Forecaster(QUICK).fit(_weekly("5B"))
    with pytest.raises(ValueError) as err:
        model.predict(series=_weekly("14D"))
    assert str(err.value) == "`series` must have the training data's frequency (5B), got 14D."


def _season_length_help() -> str:
    (forecast,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    parser = forecast.choices["forecast"]
    (action,) = [a for a in parser._actions if "--season-length" in a.option_strings]
    return str(action.help)


def test_season_length_help_says_which_minute_steps_have_a_season() -> None:
    """It said "none for ... other minute steps" than those of 15 or more that divide the day,
    where 100 minutes get 72 steps (five days) since cal6, and left out 5B and the multiples
    that do not divide their season (10 hours: 12)."""
    said = _season_length_help()
    assert "none for yearly data, other minute steps" not in said
    assert (
        "none for yearly data, minute steps of which whole days are more than 96 (5, 7 or 50 "
        "minutes), seconds or no dates; a multiple of a frequency counts its steps, 6 for every "
        "two months, one that is a whole number of a longer unit counts as it, 7D and 5B as "
        "weekly, 3600s as hourly, and one that does not divide its season gets the fewest steps "
        "that span whole seasons, 12 for 10 hours (five days);"
    ) in said
    periods = {"5min": 1, "7min": 1, "50min": 1, "100min": 72, "10h": 12, "5B": 52, "7D": 52}
    for freq, period in periods.items():
        assert D.season_length(pd.date_range("2024-01-01", periods=3, freq=freq)) == period


def test_weeks_of_business_days_take_no_newer_history_of_sundays() -> None:
    """A model fitted on weeks as ``5B`` (Mondays) took Sundays as ``W-SUN``, a day no
    business day falls on, as its frequency."""
    model = Forecaster(QUICK).fit(_weekly("5B"))
    sundays = pd.Series(np.zeros(40), index=pd.date_range("2020-01-05", periods=40, freq="W-SUN"))
    with pytest.raises(ValueError) as err:
        model.predict(series=sundays.rename("y"))
    assert str(err.value) == (
        "`series` must have the training data's frequency (5B on Mondays), got W-SUN."
    )


def test_weeks_as_168h_and_as_5b_are_one_frequency_for_a_newer_history() -> None:
    model = Forecaster(QUICK).fit(_weekly("5B"))
    np.testing.assert_array_equal(
        model.predict(series=_weekly("168h")).to_numpy(),
        model.predict(series=_weekly("5B")).to_numpy(),
    )
