"""Fixes of py23 (a walk through README's "From Python" and "By hand"): a forecast at the
positions predict gives after a history indexed by text is drawn, its ticks named by the
labels; lstmkit.data.future_index after text, periods and dates as text; Tokyo's business days
with a Saturday working day, written in UTC, told their zone before the gap."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}
WEEKS = pd.Series(
    np.sin(np.arange(24) / 3) * 10 + 50, index=[f"w{i:02d}" for i in range(24)], name="load"
)

# --- future_index ----------------------------------------------------------------------------


def test_future_index_after_text_gives_the_positions_predict_gives():
    # ValueError: invalid literal for int() with base 10: 'w23'
    fc = Forecaster(horizon=3, **QUICK).fit(WEEKS)
    steps = D.future_index(WEEKS.index, 3)
    assert repr(steps) == "RangeIndex(start=24, stop=27, step=1)"
    assert steps.equals(fc.predict(3).index)
    named = D.future_index(pd.CategoricalIndex(["a", "b"], name="k"), 2)
    assert repr(named) == "RangeIndex(start=2, stop=4, step=1, name='k')"


def test_future_index_after_periods_gives_the_next_periods():
    # TypeError: int() argument must be ... not 'Period'
    months = pd.period_range("2020-01", periods=3, freq="M", name="month")
    assert list(D.future_index(months, 2).astype(str)) == ["2020-04", "2020-05"]
    assert D.future_index(months, 2).name == "month"


def test_future_index_refuses_dates_as_text_and_no_index():
    with pytest.raises(ValueError) as error:
        D.future_index(pd.Index(["2020-01-01", "2020-02-01"]), 2)
    assert str(error.value) == (
        "`index` must be a DatetimeIndex (or a PeriodIndex) for dates, got an index of strings "
        "('2020-01-01' … '2020-02-01'), whose steps have no calendar; convert it first: "
        "pd.to_datetime(index), or pd.read_csv(..., index_col=..., parse_dates=True)."
    )
    with pytest.raises(TypeError, match=r"^`index` must be a pandas Index, got list\.$"):
        D.future_index([1, 2], 2)
