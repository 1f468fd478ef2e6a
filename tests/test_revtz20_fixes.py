"""Fixes of the review of tz20: a local clock's repeated quarter hours as it writes them, a
newer history's time of day said with its seconds."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig


@pytest.mark.parametrize(
    ("freq", "repeated"),
    [
        (
            "15min",
            "2021-10-31 02:00:00, 2021-10-31 02:15:00, 2021-10-31 02:30:00, 2021-10-31 02:45:00",
        ),
        ("30min", "2021-10-31 02:00:00, 2021-10-31 02:30:00"),
    ],
)
def test_repeated_quarter_hours_as_a_clock_writes_them_are_told_their_zone(freq, repeated):
    # Berlin's clock writes 02:45 then 02:00 again: not sorted, so the zone was not told
    clock = pd.date_range("2021-10-30 12:00", periods=96, freq=freq, tz="Europe/Berlin")
    series = pd.Series(np.arange(96.0), clock.tz_localize(None))
    with pytest.raises(ValueError) as caught:
        D.to_frame(series)
    assert str(caught.value) == (
        f"timestamps must be unique, got duplicates in `series`: {repeated}, each in the hour a "
        "clock in Europe/Berlin repeats when daylight saving ends: they look like the times of "
        "a local clock, regular only in its zone; read them in it: series.index = "
        "series.index.tz_localize('Europe/Berlin', ambiguous='infer') (or the zone's name, one "
        "that changes its clock at that hour)."
    )
    # the line given reads them as the steps they are
    series.index = series.index.tz_localize("Europe/Berlin", ambiguous="infer")
    assert D.to_frame(series).index.freqstr == freq
    # shuffled, they are no clock's: the duplicates alone
    with pytest.raises(ValueError) as caught:
        D.to_frame(series.set_axis(clock.tz_localize(None)).iloc[::-1])
    assert "daylight" not in str(caught.value)


def test_another_time_of_day_by_seconds_is_said_with_its_seconds():
    # end-of-day stamps at 23:59:59 and newer ones at 23:59:00 were told "time of day, 23:59
    # ..., got 23:59", the one difference they have left out
    config = ForecasterConfig(horizon=2, lookback=6, ensemble=1, epochs=1, interval=None)
    index = pd.date_range("2021-01-01 23:59:59", periods=40, freq="D")
    days = pd.Series(np.arange(40.0) % 7, index)
    model = Forecaster(config).fit(days)
    with pytest.raises(ValueError) as caught:
        model.predict(2, series=days.set_axis(index - pd.Timedelta(seconds=59)))
    assert str(caught.value) == (
        "`series` must have the training data's time of day, 23:59:59 (its last step: "
        "2021-02-09 23:59:59), got 23:59:00 (first 2021-01-01 23:59:00); its steps would be "
        "read as the trained ones and a forecast labelled at 23:59:00. Move them to the trained "
        "time: series.index = series.index.normalize() + pd.Timedelta('23:59:59')."
    )
    # the line given reads them at the trained time
    newer = days.set_axis(index - pd.Timedelta(seconds=59))
    newer.index = newer.index.normalize() + pd.Timedelta("23:59:59")
    assert str(model.predict(2, series=newer).index[0]) == "2021-02-10 23:59:59"


def test_a_fill_of_the_hour_a_clock_skips_is_noted_with_its_zone(tmp_path):
    # refused without a fill as Berlin's clock; with one, the hour it never showed was
    # inserted and filled with no word
    clock = pd.date_range("2021-03-27", periods=48, freq="h", tz="Europe/Berlin")
    series = pd.Series(np.arange(48.0), clock.tz_localize(None))
    hint = (
        ", the hour a clock in Europe/Berlin skips when daylight saving starts: they look like "
        "the times of a local clock, regular only in its zone; read them in it: "
    )
    with pytest.warns(UserWarning) as caught:
        frame = D.to_frame(series, fill="interpolate")
    assert [str(w.message) for w in caught] == [
        f"the fill inserted 2021-03-28 02:00:00 into `series`{hint}series.index = "
        "series.index.tz_localize('Europe/Berlin', ambiguous='infer') (or the zone's name, one "
        "that changes its clock at that hour); a value filled in for a time its clock never "
        "showed."
    ]
    assert len(frame) == 49 and frame.iloc[26, 0] == 25.5  # filled as before
    csv = tmp_path / "hours.csv"
    pd.DataFrame({"hour": series.index, "load": series.to_numpy()}).to_csv(csv, index=False)
    with pytest.warns(UserWarning) as caught:
        D.read_csv(csv, "hour", "load", fill="ffill")
    assert [str(w.message) for w in caught] == [
        f"the fill inserted 2021-03-28 02:00:00 into {str(csv)!r}{hint}write them with their "
        "offsets, e.g. with pandas: dates.dt.tz_localize('Europe/Berlin', ambiguous='infer') "
        "(or the zone's name, one that changes its clock at that hour); a value filled in for a "
        "time its clock never showed."
    ]
    # another gap filled with no note (filterwarnings=error)
    assert len(D.to_frame(series.drop(series.index[[5, 26]]), fill="zero")) == 49
