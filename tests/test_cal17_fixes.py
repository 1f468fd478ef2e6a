"""Fixes of the cal17 pass over README's calendar, future-covariate, holiday and sub-daily
sections."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D


class _Copies:
    """An attrs value that counts how often pandas deep-copies it."""

    count = 0

    def __deepcopy__(self, memo):
        _Copies.count += 1
        return self


@pytest.mark.parametrize("kind", ["series", "frame"])
def test_to_frame_copies_no_attrs_of_the_data(kind):
    # a Series taken from to_frame(..., fill=...)'s frame carries its attrs: fill positions of
    # every column, deep-copied by Series.to_frame / DataFrame.copy at every predict(series=)
    index = pd.date_range("2020-01-01", periods=8, freq="D", name="day")
    data = pd.Series(np.arange(8.0), index, name="y")
    if kind == "frame":
        data = data.to_frame()
    data.attrs = {"fill": "ffill", "filled": {"y": _Copies()}, "inserted": 2}
    _Copies.count = 0
    frame = D._to_frame(data)
    assert _Copies.count == 0
    assert frame.attrs == {"inserted": 2}
    assert list(frame.columns) == ["y"] and frame.index.name == "day"
    assert frame.index.freqstr == "D" and frame["y"].tolist() == list(np.arange(8.0))
    assert data.attrs["inserted"] == 2 and "filled" in data.attrs  # the caller's, untouched
