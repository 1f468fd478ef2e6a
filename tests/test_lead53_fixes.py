"""The lead's fixes of 2026-12-04 (night): an index of numpy dates held as objects."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster, ForecasterConfig


def _objects(hole: int | None) -> pd.Index:
    days = [np.datetime64("2020-01-01") + k for k in range(40)]
    return pd.Index([None if k == hole else d for k, d in enumerate(days)], dtype=object)


def test_numpy_dates_held_as_objects_are_refused_as_date_objects_are() -> None:
    # fitted as the positions 0 .. 39, silently (datetime.date objects were refused)
    with pytest.raises(ValueError) as err:
        Forecaster(ForecasterConfig(ensemble=1, epochs=1)).fit(
            pd.Series(np.arange(40.0), index=_objects(None))
        )
    assert str(err.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
        "datetime64 objects (np.datetime64('2020-01-01') … np.datetime64('2020-02-09')), which "
        "would be read as the positions 0 .. 39, without a calendar or a season; convert it "
        "first: series.index = pd.to_datetime(series.index)."
    )


def test_a_none_among_numpy_dates_held_as_objects_is_refused_by_its_position() -> None:
    with pytest.raises(ValueError) as err:
        Forecaster(ForecasterConfig(ensemble=1, epochs=1)).fit(
            pd.Series(np.arange(40.0), index=_objects(5))
        )
    assert str(err.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
        "dates as date objects (np.datetime64('2020-01-01') … np.datetime64('2020-02-09')) "
        "with no date at position 5 (empty), which would be read as the positions 0 .. 39, "
        "without a calendar or a season; give it its date, or drop that row, then convert it: "
        "series.index = pd.to_datetime(series.index)."
    )
