"""Forecasting-data advice: the Python of an advice names the expression that holds the index
(``series.index`` for a series, ``index`` for future_index's Index) as its message is built,
where future_index patched fit's text afterwards and ``_unsorted`` told a Series named
"index" (``to_frame(..., name="index")``) to ``index.sort_values()``, which sorts by value;
``read_csv``'s advice that reads the file again carries the ``sep``, ``decimal``,
``thousands`` and ``where`` it was given, where it read a ';'-separated file as one column."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

CBH6 = (
    "pd.offsets.CustomBusinessHour(start='00:00', end='01:00', weekmask='Mon Tue Wed Thu Fri "
    "Sat', holidays=['2021-02-11'])"
)


def _six_days() -> pd.DatetimeIndex:
    """Days of a 6-day week, Mondays to Saturdays, a Thursday (2021-02-11) missing."""
    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    days = pd.date_range("2021-01-04", periods=72, freq=week)
    return pd.DatetimeIndex(days[days != "2021-02-11"], freq=None)


def _advice(message: str) -> str:
    """The Python of a refusal's advice: after "reads back without them): ", to ", with"."""
    return message.split("reads back without them): ")[1].split(", with season_length")[0]


# ---- 1. the index's expression comes from whoever builds the message ------------------------


def test_a_series_named_index_out_of_order_is_told_sort_index_not_sort_values():
    # "sort them first: index.sort_values()": a name test took the series for future_index's
    # Index, and sort_values sorts a series by its values, not its dates
    days = pd.date_range("2021-01-01", periods=10, freq="D")[[0, 1, 3, 2, 4, 5, 6, 7, 8, 9]]
    series = pd.Series(np.arange(10.0), index=days)
    said = (
        "timestamps in `index` must be sorted in increasing order, got 2021-01-03 after "
        "2021-01-04 (position 3); sort them first: index.{}()."
    )
    with pytest.raises(ValueError) as err:
        D.to_frame(series, name="index")
    assert str(err.value) == said.format("sort_index")
    index = series.to_frame(name="index")["index"]  # the advice followed, as written
    assert D.to_frame(index.sort_index()).index[3] == pd.Timestamp("2021-01-04")
    # future_index's `index` is the Index itself, which sorts by its values
    with pytest.raises(ValueError) as err:
        D.future_index(days, 2)
    assert str(err.value) == said.format("sort_values")


def test_future_index_s_week_advice_holds_the_index_itself_and_runs_as_written():
    # fit's words for a series ("series.index = pd.DatetimeIndex(series.index...") with the
    # Index itself in them, as before: now written so, not edited afterwards
    with pytest.raises(ValueError) as err:
        D.future_index(_six_days(), 2)
    advice = _advice(str(err.value))
    assert advice == f"index = pd.DatetimeIndex(index.to_numpy(), freq={CBH6})"
    run: dict[str, object] = {"pd": pd, "index": _six_days()}
    exec(advice, run)
    ahead = D.future_index(run["index"], 2)
    assert list(ahead.strftime("%a %Y-%m-%d")) == ["Mon 2021-03-29", "Tue 2021-03-30"]
    # the same stamps indexing a series: its own index, as the message to fit says
    with pytest.raises(ValueError) as fit:
        D.to_frame(pd.Series(np.arange(71.0), index=_six_days()))
    assert _advice(str(fit.value)) == (
        f"series.index = pd.DatetimeIndex(series.index.to_numpy(), freq={CBH6})"
    )


def test_future_index_of_a_zone_s_midnights_in_utc_converts_the_index_itself():
    # Tokyo's midnights written in UTC: "index.index = index.index.tz_convert(...)" was made
    # "index = index.tz_convert(...)" by a text edit; now built so
    days = pd.date_range("2021-01-01", periods=40, freq="D").delete([10, 20])
    stamps = pd.DatetimeIndex(days.tz_localize("Asia/Tokyo").tz_convert("UTC"), freq=None)
    with pytest.raises(ValueError) as err:
        D.future_index(stamps, 2)
    assert "; fill its series first, as fit needs it: frame = " in str(err.value)
    with pytest.raises(ValueError) as fit:
        D.to_frame(pd.Series(np.arange(38.0), index=stamps))
    said = str(fit.value).replace("`series`", "`index`").replace("series.index", "index")
    fill = said.index("; pass fill=")
    assert str(err.value).startswith(said[:fill] + "; fill its series first")
