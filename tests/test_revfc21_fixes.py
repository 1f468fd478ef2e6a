"""Fixes of the revfc21 review (of fc21's forecasting leftovers): stamps given with a frequency
read as those without one (pandas 2.2 keeps a date_range's through ``tz_convert``)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import plot_forecast

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}

TOKYO_DAYS = (
    "timestamps in `series` are daily steps at 15:00 in UTC (2021-01-03 15:00:00+00:00 "
    "first), the midnights of a time zone at UTC+09:00: if they are its days, the forecast "
    "is labelled, and the calendar inputs read, the day before (2021-01-03 for 2021-01-04); "
    "read them on their zone's clock: series.index = series.index.tz_convert('+09:00') (or "
    "the zone's name). Steps at 15:00 UTC meant: nothing to change."
)


def _tokyo_in_utc(freq: str, offset: pd.DateOffset) -> pd.DatetimeIndex:
    """Tokyo's steps written in UTC with the frequency they have on Tokyo's clock, as pandas
    2.2's tz_convert leaves them (pandas 3 drops it: set again here), which they do not
    follow in UTC."""
    index = pd.date_range("2021-01-04", periods=40, freq=freq, tz="Asia/Tokyo").tz_convert("UTC")
    return index if index.freq is not None else index._with_freq(offset)


# --- the lead's finding: an index with a freq skipped the zone checks ---------------------------


def test_tokyo_days_given_with_their_freq_are_noted_as_without():
    # with freq="D" (pandas 2.2's tz_convert keeps it) no warning was given
    days = pd.date_range("2021-01-04", periods=40, freq="D", tz="Asia/Tokyo").tz_convert("UTC")
    given = pd.DatetimeIndex(days, freq="D")
    assert given.freqstr == "D"
    with pytest.warns(UserWarning) as seen:
        frame = D.to_frame(pd.Series(np.arange(40.0) + 10, index=given))
    assert [str(w.message) for w in seen] == [TOKYO_DAYS]
    assert frame.index.freqstr == "D"
    with pytest.warns(UserWarning) as seen:
        D.to_frame(pd.Series(np.arange(40.0) + 10, index=pd.DatetimeIndex(days, freq=None)))
    assert [str(w.message) for w in seen] == [TOKYO_DAYS]


def test_tokyo_business_days_with_a_freq_they_do_not_follow_are_refused_as_without():
    # 'B' kept on Sundays to Thursdays in UTC passed the refusal, read as 'B' steps there
    series = pd.Series(np.arange(40.0) + 10, index=_tokyo_in_utc("B", pd.offsets.BDay()))
    assert series.index.freqstr == "B"
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got business days of a time "
        "zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, Sundays to "
        "Thursdays (2021-01-03 15:00:00+00:00 first, for 2021-01-04), whose steps are irregular "
        "there and no filled day mends. Read them on their zone's clock, where they are 'B' "
        "steps: series.index = series.index.tz_convert('+09:00') (or the zone's name)."
    )


def test_tokyo_sundays_with_a_freq_they_do_not_follow_forecast_their_saturdays_in_utc():
    # 'W-SUN' kept on Saturdays at 15:00 UTC: fit took it, and predict() failed with pandas'
    # "Inferred frequency W-SAT from passed values does not conform to passed frequency W-SUN"
    index = _tokyo_in_utc("W-SUN", pd.offsets.Week(weekday=6))
    assert index.freqstr == "W-SUN"
    series = pd.Series(np.arange(40.0) + 10, index=index)
    with pytest.warns(UserWarning, match="weekly steps on Saturdays at 15:00 in UTC"):
        model = Forecaster(horizon=2, interval=None, **QUICK).fit(series)
    assert [str(t) for t in model.predict().index] == [
        "2021-10-16 15:00:00+00:00",
        "2021-10-23 15:00:00+00:00",
    ]
    assert str(series.index[-1]) == "2021-10-09 15:00:00+00:00"  # a Saturday in UTC


# --- plot_forecast's refusal of positions beside timestamps -----------------------------------

DATES = pd.date_range("1949-01-01", periods=24, freq="MS")
FORECAST = pd.DataFrame(
    {"forecast": [1.0, 2.0, 3.0]}, index=pd.date_range("1951-01-01", periods=3, freq="MS")
)


def test_an_empty_history_is_drawn_before_a_dated_forecast_as_before():
    # pd.Series([]) has a RangeIndex: refused as a history "by positions", where none is drawn
    fig = plot_forecast(pd.Series([], dtype=float), FORECAST)
    assert len(fig.axes[0].lines) == 2  # the empty history and the forecast


def test_a_forecast_by_whole_numbers_is_an_index_of_positions():
    # "got a Index (positions)"
    forecast = FORECAST.set_axis(pd.Index([24, 25, 26]))
    with pytest.raises(TypeError) as error:
        plot_forecast(pd.Series(np.arange(24.0), index=DATES), forecast)
    assert str(error.value) == (
        "`forecast` must be indexed as `history` is, by timestamps, got an Index (positions) "
        "beside `history`'s DatetimeIndex (timestamps): drawn on one axis, positions read as "
        "nanoseconds after 1970; index it by the steps after the history's, e.g. forecast.index "
        "= lstmkit.data.future_index(history.index, len(forecast))."
    )


def test_a_history_of_dates_as_text_is_not_called_positions():
    # "by positions, ... `history`'s Index (positions): ... positions read as nanoseconds"
    history = pd.Series(np.arange(24.0), index=DATES.strftime("%Y-%m-%d"))
    with pytest.raises(TypeError) as error:
        plot_forecast(history, FORECAST)
    assert str(error.value) == (
        "`forecast` must be indexed as `history` is, by text, got a DatetimeIndex (timestamps) "
        "beside `history`'s Index (text): drawn on one axis, text has no place among "
        "timestamps; give `history` by its timestamps, or its values alone "
        "(history.to_numpy()), drawn at the steps before the forecast's."
    )


# --- Tokyo's business days in UTC with a fill -------------------------------------------------


def _tokyo_business_days() -> pd.Series:
    days = pd.date_range("2021-01-04", periods=60, freq="B", tz="Asia/Tokyo").tz_convert("UTC")
    return pd.Series(np.arange(60.0) + 10, index=pd.DatetimeIndex(days, freq=None))


BUSINESS_DAYS = (
    "timestamps in {source} must be regularly spaced (no gaps), got business days of a time "
    "zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, Sundays to "
    "Thursdays (2021-01-03 15:00:00+00:00 first, for 2021-01-04), whose steps are irregular "
    "there and no filled day mends. Read them on their zone's clock, where they are 'B' "
    "steps: {move}."
)


def test_tokyo_business_days_in_utc_with_a_fill_are_refused_as_without():
    # the fill inserted their Fridays and Saturdays (22 made-up days), with a note of daily steps
    with pytest.raises(ValueError) as error:
        D.to_frame(_tokyo_business_days(), fill="ffill")
    assert str(error.value) == BUSINESS_DAYS.format(
        source="`series`",
        move="series.index = series.index.tz_convert('+09:00') (or the zone's name)",
    )


def test_tokyo_business_days_in_a_utc_file_with_a_fill_are_refused_as_without(tmp_path, capsys):
    series = _tokyo_business_days()
    csv = tmp_path / "tokyo b.csv"
    frame = pd.DataFrame({"date": series.index.strftime("%Y-%m-%dT%H:%M:%SZ"), "y": series})
    frame.to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "date", "--value-col", "y"]
    assert main([*argv, "--fill", "ffill"]) == 2
    move = "write them with their zone's offset, e.g. with pandas: dates.dt.tz_convert('+09:00')"
    expected = BUSINESS_DAYS.format(source=repr(str(csv)), move=move)
    assert capsys.readouterr().err == f"error: {expected}\n"
