"""Review of data26: ``future_index`` after timestamps newest first went back in time (a
negative step inferred) where ``Forecaster.fit`` refuses them, and its advice to sort
``index`` named ``sort_index()``, which an Index lacks."""

import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}


def test_future_index_after_timestamps_newest_first_is_refused_as_fit_refuses():
    # DatetimeIndex(['2019-12-31', '2019-12-30'], freq='-1D'): back in time
    index = pd.DatetimeIndex(["2020-01-03", "2020-01-02", "2020-01-01"])
    with pytest.raises(ValueError) as fit:
        Forecaster(horizon=2, **QUICK).fit(pd.Series([1.0, 2.0, 3.0], index=index))
    with pytest.raises(ValueError) as err:
        D.future_index(index, 2)
    assert str(err.value) == (
        "timestamps in `index` must be sorted in increasing order, got them newest first "
        "(2020-01-03 … 2020-01-01); sort them first: index.sort_values()."
    )
    assert str(fit.value) == (
        "timestamps in `series` must be sorted in increasing order, got them newest first "
        "(2020-01-03 … 2020-01-01); sort them first: series.sort_index()."
    )
    # the advice, followed, runs (an Index has no sort_index()) and goes on forwards
    ahead = D.future_index(index.sort_values(), 2)
    assert list(ahead.strftime("%Y-%m-%d")) == ["2020-01-04", "2020-01-05"]
