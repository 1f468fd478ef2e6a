"""Review of bh8 (business hours from their own opening time): reading hourly weekday stamps
stepped through pandas' ``BusinessHour`` one stamp at a time in Python, about a second per
100,000 stamps, two or three times over, so that refusing a 100,000-row file of business
hours with one hour missing took 3 s instead of 0.15 s."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.core.arrays.datetimes import DatetimeArray

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig


@pytest.fixture
def stepped(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """The business hours pandas stepped through, one entry per range it generated."""
    calls: list[object] = []
    generate = DatetimeArray._generate_range

    def counting(*args: object, **kwargs: object) -> object:
        freq = kwargs.get("freq", args[4] if len(args) > 4 else None)
        if isinstance(freq, pd.offsets.BusinessHour):
            calls.append(freq)
        return generate(*args, **kwargs)

    monkeypatch.setattr(DatetimeArray, "_generate_range", counting)
    yield calls


def _weekday_hours(first: int, last: int, start: str = "2024-01-01") -> pd.DatetimeIndex:
    index = pd.date_range(start, periods=24 * 40, freq="h")
    return index[(index.day_of_week < 5) & (index.hour >= first) & (index.hour <= last)]


@pytest.mark.parametrize(
    ("first", "last", "cut"),
    [(9, 17, 0), (8, 15, 3), (0, 22, 5), (1, 23, 30), (10, 11, 1), (6, 20, 7)],
)
def test_the_business_hours_grid_is_pandas_business_hours(
    first: int, last: int, cut: int, stepped: list[object]
) -> None:
    index = _weekday_hours(first, last)[cut : -cut or None].delete(20)
    grid = D._business_hours_grid(index)
    assert stepped == []  # built at once, not stepped through
    end = f"{(last + 1) % 24:02d}:00"
    own = pd.offsets.BusinessHour(start=f"{first:02d}:00", end=end)
    expected = pd.date_range(index[0], index[-1], freq=own)
    assert grid is not None and grid.equals(expected) and grid.dtype == expected.dtype


def test_a_missing_business_hour_is_found_without_stepping(stepped: list[object]) -> None:
    index = _weekday_hours(9, 17).delete(30)
    assert D._own_business_hours(index) is None
    assert stepped == []
    whole = _weekday_hours(9, 17)
    own = pd.offsets.BusinessHour(start="09:00", end="18:00")
    assert D._own_business_hours(whole) == own and stepped == []
    zoned = whole.tz_localize("America/New_York")  # pandas still checks a zoned index
    assert D._own_business_hours(zoned) == own


def test_refusing_business_hours_with_a_gap_steps_through_them_once(
    stepped: list[object],
) -> None:
    y = pd.Series(1.0, index=_weekday_hours(8, 16).delete(40), name="y")
    with pytest.raises(ValueError) as caught:
        D.to_frame(y)
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2024-01-05 13:00:00 (usual step: 1 business hour); missing 2024-01-05 12:00:00; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take, to insert the missing timestamps and fill "
        "their values."
    )
    assert not stepped  # the refusal sets no frequency on the grid, pandas' check (bh9)
    filled = D.to_frame(y, fill="interpolate")
    assert filled.attrs["inserted"] == 1
    assert filled.index.freq == pd.offsets.BusinessHour(start="08:00", end="17:00")
    assert np.isfinite(filled["y"]).all()


def test_a_model_saved_before_its_hours_takes_a_newer_history_from_8(
    tmp_path: Path, edit_saved
) -> None:
    # saved before bh8 (no state.history.hours), a model was trained on 8:00 to 15:00 read as
    # pandas' "bh", 9:00 to 17:00; the same hours given to predict read from 8 to 4 since bh8
    # and were refused: "`series` must have the training data's frequency (bh), got bh
    # 08:00-16:00."
    index = pd.date_range("2024-01-01", periods=400, freq="h")
    index = index[(index.day_of_week < 5) & (index.hour >= 8) & (index.hour <= 15)]
    y = pd.Series(3 + np.sin(np.arange(len(index)) * np.pi / 4), index=index, name="y")
    config = ForecasterConfig(horizon=4, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
    Forecaster(config).fit(y[:-8]).save(tmp_path / "m")
    with edit_saved(tmp_path / "m") as saved:
        del saved["state"]["history"]["hours"]
    loaded = Forecaster.load(tmp_path / "m")
    ahead = loaded.predict(2, series=y).index  # y ends on Wednesday at 15:00
    assert [f"{t:%a %H:%M}" for t in ahead] == ["Wed 16:00", "Thu 09:00"]  # as it was saved
    origins = loaded.backtest(y, start=-8, stride=4).forecasts
    assert len(origins) == 8
    # a model saved with its hours still refuses pandas' 9:00 to 17:00
    nine = pd.date_range("2024-01-01 09:00", periods=80, freq="bh")
    with pytest.raises(ValueError) as caught:
        Forecaster(config).fit(y).predict(2, series=pd.Series(1.0, index=nine, name="y"))
    assert str(caught.value) == (
        "`series` must have the training data's frequency (bh 08:00-16:00), got bh."
    )
