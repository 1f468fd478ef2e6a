"""Forecasting-data advice: the Python of an advice names the expression that holds the index
(``series.index`` for a series, ``index`` for future_index's Index) as its message is built,
where future_index patched fit's text afterwards and ``_unsorted`` told a Series named
"index" (``to_frame(..., name="index")``) to ``index.sort_values()``, which sorts by value;
``read_csv``'s advice that reads the file again carries the ``sep``, ``decimal``,
``thousands`` and ``where`` it was given, where it read a ';'-separated file as one column."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}

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


# ---- 2. read_csv's advice reads the file as read_csv was told to ----------------------------


def _write(path, days: pd.DatetimeIndex, values: list[str], fmt: str, **more: list[str]) -> None:
    table = {"day": days.strftime(fmt), **more, "sales": values}
    pd.DataFrame(table).to_csv(path, index=False, sep=";")


def test_read_csv_s_week_advice_carries_sep_and_decimal_and_runs_on_the_file(tmp_path):
    # "frame = pd.read_csv('sales.csv', index_col='day', parse_dates=True, date_format=...)":
    # one column 'day;sales' of text, no 'day' to index by (pandas raised ValueError)
    csv = tmp_path / "sales.csv"
    _write(csv, _six_days(), [f"{k},5" for k in range(71)], "%d/%m/%Y")
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "day", "sales", sep=";", decimal=",", date_format="%d/%m/%Y")
    assert _advice(str(err.value)) == (
        f"frame = pd.read_csv({str(csv)!r}, index_col='day', parse_dates=True, "
        "date_format='%d/%m/%Y', sep=';', decimal=','); "
        f"frame.index = pd.DatetimeIndex(frame.index.to_numpy(), freq={CBH6})"
    )
    run: dict[str, object] = {"pd": pd}
    exec(_advice(str(err.value)), run)
    frame = run["frame"]
    assert frame["sales"].iloc[:2].tolist() == [0.5, 1.5]
    assert D.to_frame(frame).index.freqstr == "cbh"
    ahead = Forecaster(horizon=2, **QUICK).fit(frame).predict(2).index
    assert list(ahead.strftime("%a %Y-%m-%d")) == ["Mon 2021-03-29", "Tue 2021-03-30"]


def test_read_csv_s_holiday_advice_carries_thousands_and_runs_on_the_file(tmp_path):
    days = pd.bdate_range("2021-01-04", periods=60)
    days = days[days != "2021-02-11"]  # a Thursday
    csv = tmp_path / "sales.csv"
    _write(csv, days, [f"1.{k:03d},25" for k in range(59)], "%d/%m/%Y")
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "day", "sales", sep=";", decimal=",", thousands=".", date_format="%d/%m/%Y")
    assert _advice(str(err.value)) == (
        f"frame = pd.read_csv({str(csv)!r}, index_col='day', parse_dates=True, "
        "date_format='%d/%m/%Y', sep=';', decimal=',', thousands='.'); "
        "frame.index = pd.DatetimeIndex(frame.index.to_numpy(), "
        "freq=pd.offsets.CustomBusinessHour(start='00:00', end='01:00', "
        "holidays=['2021-02-11']))"
    )
    run: dict[str, object] = {"pd": pd}
    exec(_advice(str(err.value)), run)
    frame = run["frame"]
    assert frame["sales"].iloc[[0, 58]].tolist() == [1000.25, 1058.25]
    assert D.to_frame(frame).index.freqstr == "cbh"


def test_read_csv_s_week_advice_keeps_the_rows_of_where(tmp_path):
    # every store's rows were read: their dates repeat, and the index with a freq failed
    days = _six_days()
    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    every = pd.date_range("2021-01-04", periods=72, freq=week)
    stores = [" A "] * 71 + ["B"] * 72
    csv = tmp_path / "sales.csv"
    values = [f"{k},5" for k in range(71)] + [f"{k},25" for k in range(72)]
    _write(csv, days.append(every), values, "%Y-%m-%d", store=stores)
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "day", "sales", sep=";", decimal=",", where={"store": "A"})
    assert _advice(str(err.value)) == (
        f"frame = pd.read_csv({str(csv)!r}, index_col='day', parse_dates=True, sep=';', "
        "decimal=',', dtype={'store': str}); frame = frame[frame['store'].str.strip() == 'A']"
        ".drop(columns='store'); "
        f"frame.index = pd.DatetimeIndex(frame.index.to_numpy(), freq={CBH6})"
    )
    run: dict[str, object] = {"pd": pd}
    exec(_advice(str(err.value)), run)
    frame = run["frame"]
    assert (len(frame), frame["sales"].iloc[-1]) == (71, 70.5)
    assert D.to_frame(frame[["sales"]]).index.freqstr == "cbh"


def test_read_csv_s_holiday_advice_of_business_hours_reads_the_file_it_names(tmp_path):
    # "'/tmp/.../load.csv'.index = pd.DatetimeIndex('/tmp/.../load.csv'.index, ...)": no Python
    hours = pd.date_range("2021-01-04 09:00", periods=8 * 40, freq="bh")
    hours = hours[hours.normalize() != pd.Timestamp("2021-01-13")]
    csv = tmp_path / "load.csv"
    values = [f"{k},5" for k in range(len(hours))]
    table = pd.DataFrame({"t": hours.strftime("%Y-%m-%d %H:%M"), "v": values})
    table.to_csv(csv, index=False, sep=";")
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "t", "v", sep=";", decimal=",")
    advice = str(err.value).split("which a forecast steps over: ")[1].removesuffix(".")
    assert advice == (
        f"frame = pd.read_csv({str(csv)!r}, index_col='t', parse_dates=True, sep=';', "
        "decimal=','); frame.index = pd.DatetimeIndex(frame.index, "
        "freq=pd.offsets.CustomBusinessHour(start='09:00', end='17:00', "
        "holidays=['2021-01-13']))"
    )
    run: dict[str, object] = {"pd": pd}
    exec(advice, run)
    frame = run["frame"]
    assert frame["v"].iloc[:2].tolist() == [0.5, 1.5]
    assert D.to_frame(frame).index.freqstr == "cbh"


# ---- 3. a 6-day week of a zone with daylight saving, written in UTC ------------------------


def _in_utc(days: pd.DatetimeIndex, zone: str) -> pd.Series:
    """A series on the midnights of ``days`` in ``zone``, its stamps written in UTC."""
    stamps = pd.DatetimeIndex(days.tz_localize(zone).tz_convert("UTC"), freq=None)
    return pd.Series(np.arange(len(stamps)) + 1.0, index=stamps)


def _six_days_through_spring() -> pd.DatetimeIndex:
    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    return pd.date_range("2021-01-04", periods=150, freq=week)  # (to 2021-06-26)


@pytest.mark.parametrize(
    ("zone", "said"),
    [
        (
            "Europe/Paris",
            "of a time zone on Europe/Berlin's clock (stamps in UTC tell the clock, not the zone), "
            "written in UTC: at 23:00 or 22:00 on the day "
            "before each in UTC, Sundays to Fridays (2021-01-03 23:00:00+00:00 first, for "
            "2021-01-04)",
        ),
        (
            "America/New_York",
            "of a time zone on America/New_York's clock (stamps in UTC tell the clock, not the "
            "zone), written in UTC: at 05:00 or 04:00 on the "
            "same day in UTC, Mondays to Saturdays (2021-01-04 05:00:00+00:00 first, for "
            "2021-01-04)",
        ),
    ],
)
def test_a_six_day_week_of_a_zone_with_daylight_saving_in_utc_is_told_its_zone(zone, said):
    # "got irregular steps before 2021-01-10 23:00:00+00:00, ... (usual step: 1 day); missing
    # 2021-01-09 23:00:00+00:00, ...": daily gaps, where Tokyo's week was told its zone
    series = _in_utc(_six_days_through_spring(), zone)
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    named = said.split(" on ")[1].split("'s clock")[0]
    assert str(err.value) == (
        f"timestamps in `series` must be regularly spaced (no gaps), got days of a 6-day week "
        f"{said}, whose steps are irregular there and no filled day mends. Read them on their "
        "zone's clock, where they are days of a 6-day week, Mondays to Saturdays: "
        f"series.index = series.index.tz_convert({named!r}) (or the zone's name)."
    )
    # the advice followed, then the week's: a forecast goes on through its week
    series.index = series.index.tz_convert(named)
    with pytest.raises(ValueError) as week:
        D.to_frame(series)
    advice = _advice(str(week.value))
    assert advice == (
        "series.index = pd.DatetimeIndex(series.index.to_numpy(), freq=pd.offsets."
        "CustomBusinessHour(start='00:00', end='01:00', weekmask='Mon Tue Wed Thu Fri Sat'))"
    )
    run: dict[str, object] = {"pd": pd, "series": series}
    exec(advice, run)
    assert D.to_frame(series).index.freqstr == "cbh"
    ahead = D.future_index(series.index, 2)
    assert [str(t) for t in ahead] == [
        "2021-06-28 00:00:00" + ("+02:00" if zone == "Europe/Paris" else "-04:00"),
        "2021-06-29 00:00:00" + ("+02:00" if zone == "Europe/Paris" else "-04:00"),
    ]


def test_daily_data_of_a_zone_with_daylight_saving_in_utc_is_told_its_gaps_as_before():
    # no week among its days: no zone is looked up, nor said
    days = pd.date_range("2021-01-01", periods=200, freq="D").delete([20, 50])
    with pytest.raises(ValueError) as err:
        D.to_frame(_in_utc(days, "America/New_York"))
    assert str(err.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2021-01-22 05:00:00+00:00, 2021-02-21 05:00:00+00:00, 2021-03-15 04:00:00+00:00 "
        "(usual step: 1 day); missing 2021-01-21 05:00:00+00:00, 2021-02-20 05:00:00+00:00."
    )
