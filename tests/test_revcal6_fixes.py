"""Review of cal6: weeks named 5B and 7D, and what --season-length's help says of multiples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

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
