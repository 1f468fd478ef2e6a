"""Forecasting data leftovers: ``future_index`` after one or two timestamps without a
frequency, or after irregular ones, went on by days (pd.date_range's default) where
``Forecaster.fit`` refuses a series so indexed; a fill of a 6-day week (or of business days
with a weekend day worked) inserted every Sunday (every weekend day) without a word of the
week; ``read_csv``'s advice named a ``series`` it never returned."""

import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}


# ---- 1. future_index refuses what fit refuses ----------------------------------------------


@pytest.mark.parametrize("n", [1, 2])
def test_future_index_after_too_few_timestamps_without_a_frequency_is_refused_as_fit_does(n):
    # ['2020-03-02', '2020-03-03'] after two month starts: by days
    index = pd.DatetimeIndex(["2020-01-01", "2020-02-01"][:n])
    with pytest.raises(ValueError) as err:
        D.future_index(index, 2)
    # (the hint: the two stamps' step, test_fix27_fixes.py; none after one stamp)
    hint = {
        1: ", which tells no step; set its series' frequency, a pandas alias, as "
        "pd.DatetimeIndex's freq.",
        2: "; e.g. pd.DatetimeIndex(index, freq='MS'), the step between them.",
    }[n]
    assert str(err.value) == (
        f"`index` needs at least 3 timestamps (as fit's `series` does) or a frequency set, got "
        f"{n} without one{hint}"
    )
    with pytest.raises(ValueError) as err:
        Forecaster(horizon=2, **QUICK).fit(pd.Series(np.arange(float(n)), index=index))
    assert str(err.value) == f"`series` needs at least 3 timestamps, got {n}."
    # the advice followed: what predict gives after month starts
    ahead = D.future_index(pd.DatetimeIndex(index, freq="MS"), 2)
    after = {1: ["2020-02-01", "2020-03-01"], 2: ["2020-03-01", "2020-04-01"]}[n]
    assert list(ahead.strftime("%Y-%m-%d")) == after


def test_future_index_after_irregular_timestamps_is_refused_in_fit_s_words():
    # DatetimeIndex(['2021-03-01', '2021-03-02'], freq='D') after days with gaps
    days = pd.date_range("2021-01-01", periods=60, freq="D")
    days = days.delete([10, 11, 30])
    series = pd.Series(np.arange(len(days)) + 10.0, index=days)
    with pytest.raises(ValueError) as fit:
        Forecaster(horizon=2, **QUICK).fit(series)
    with pytest.raises(ValueError) as err:
        D.future_index(days, 2)
    # fit's words, but for the fill, which an Index takes none of (test_fix27_fixes.py)
    said = "2021-01-31; "
    assert (
        str(err.value).split(said)[0]
        == str(fit.value).replace("`series`", "`index`").split(said)[0]
    )
    assert str(err.value) == (
        "timestamps in `index` must be regularly spaced (no gaps), got irregular steps before "
        "2021-01-13, 2021-02-01 (usual step: 1 day); missing 2021-01-11, 2021-01-12, "
        "2021-01-31; fill its series first, as fit needs it: frame = "
        "lstmkit.data.to_frame(series, fill='ffill') (or 'bfill', 'interpolate' or 'zero'), "
        "whose index future_index(frame.index, horizon) goes on from, as predict does after "
        "fit(frame)."
    )


# ---- 2. a fill of a week's days off says what it inserted, and the week's advice ------------


def _six_days(drop: tuple[str, ...] = ()) -> pd.Series:
    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    days = pd.date_range("2021-01-04", periods=72, freq=week)
    days = days[~days.isin(pd.DatetimeIndex(list(drop)))]
    return pd.Series(np.arange(len(days)) + 10.0, index=pd.DatetimeIndex(days, freq=None))


CBH6 = (
    "pd.offsets.CustomBusinessHour(start='00:00', end='01:00', weekmask='Mon Tue Wed Thu Fri Sat')"
)


def test_a_fill_of_a_six_day_week_warns_of_every_sunday_it_inserted():
    # filled without a word (83 rows, 11 Sundays made up), where without fill it is refused
    # with the index that keeps its week
    with pytest.warns(UserWarning) as caught:
        filled = D.to_frame(_six_days(), fill="ffill")
    assert [str(w.message) for w in caught] == [
        "the fill inserted 11 days into `series` (2021-01-10, 2021-01-17, 2021-01-24, "
        "2021-01-31, 2021-02-07 and 6 more), every Sunday, values made up, as gaps of daily "
        "data: it holds days of a 6-day week, Mondays to Saturdays, which no frequency of "
        "pandas' days steps through ('B' is Mondays to Fridays); rather than fill it, give the "
        "index business hours of one hour at midnight on those days, whose days and holidays "
        "lstmkit keeps (a custom business day's it cannot: 'C' reads back without them): "
        f"series.index = pd.DatetimeIndex(series.index.to_numpy(), freq={CBH6}), with "
        "season_length=6 for its week."
    ]
    # the fill asked for is still done, as before
    assert (len(filled), filled.index.freqstr, filled.attrs["inserted"]) == (83, "D", 11)
    assert filled.loc["2021-01-10", "value"] == 15.0  # Saturday's, carried forward


def test_a_fill_of_business_days_with_a_saturday_worked_warns_of_the_weekend_days():
    days = pd.date_range("2021-01-04", periods=60, freq="B")
    days = days.append(pd.DatetimeIndex(["2021-01-16"])).sort_values()
    series = pd.Series(np.arange(61) + 10.0, index=days)
    with pytest.warns(UserWarning) as caught:
        filled = D.to_frame(series, fill="zero")
    assert [str(w.message) for w in caught] == [
        "the fill inserted 21 days into `series` (2021-01-09, 2021-01-10, 2021-01-17, "
        "2021-01-23, 2021-01-24 and 16 more), the weekend days not worked, values made up, as "
        "gaps of daily data: it holds business days, Mondays to Fridays, but for 1 weekend day "
        "among them (2021-01-16, a Saturday), which are no 'B' steps; rather than fill it, "
        "drop it (or add its value to another day's): series = "
        "series[series.index.day_of_week < 5]."
    ]
    assert (len(filled), filled.attrs["inserted"]) == (82, 21)


def test_a_fill_of_days_with_gaps_alone_gives_no_week_warning():
    # daily data with two days missing: a fill is what it needs, without a word
    days = pd.date_range("2021-01-01", periods=60, freq="D").delete([10, 30])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        filled = D.to_frame(pd.Series(np.arange(58.0), index=days), fill="ffill")
    assert (len(filled), filled.attrs["inserted"]) == (60, 2)


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
def test_a_fill_of_a_file_s_six_day_week_warns_on_the_command_line_too(
    tmp_path, capsys, undrawn_figures
):
    from lstmkit.cli import main

    days = _six_days().index
    csv = tmp_path / "sales.csv"
    pd.DataFrame({"month": days.strftime("%Y-%m-%d"), "sales": np.arange(72.0)}).to_csv(
        csv, index=False
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    flags = ["--fill", "ffill", "--epochs", "1", "--ensemble", "1", "--lookback", "4"]
    assert main([*argv, *flags, "--hidden-size", "4", "--out", str(tmp_path / "run")]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == (
        f"warning: the fill inserted 11 days into {str(csv)!r} (2021-01-10, 2021-01-17, "
        "2021-01-24, 2021-01-31, 2021-02-07 and 6 more), every Sunday, values made up, as gaps "
        "of daily data: it holds days of a 6-day week, Mondays to Saturdays, which no frequency "
        "of pandas' days steps through ('B' is Mondays to Fridays); the "
        f"command line reads no such week: from Python, an index with freq={CBH6} steps "
        "through those days, with season_length=6."
    )
    # the note of the same 11 days inserted is no longer said after it (test_fix27_fixes.py)
    assert lines[1].startswith("note: --fill ffill made up 1 of the 'sales' values")


# ---- 3. read_csv's advice reads the file it refused into the frame it indexes ---------------


def _advice(message: str) -> str:
    """The Python of a refusal's advice: after "reads back without them): ", to ", with"."""
    return message.split("reads back without them): ")[1].split(", with season_length")[0]


def test_read_csv_s_six_day_week_advice_runs_as_written(tmp_path):
    # "series.index = pd.DatetimeIndex(series.index.to_numpy(), ...": no series to index
    days = _six_days(drop=("2021-02-11",)).index
    csv = tmp_path / "sales.csv"
    pd.DataFrame({"month": days.strftime("%Y-%m-%d"), "sales": np.arange(71.0)}).to_csv(
        csv, index=False
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "month", "sales")
    holidays = CBH6.replace("Sat')", "Sat', holidays=['2021-02-11'])")
    assert _advice(str(err.value)) == (
        f"frame = pd.read_csv({str(csv)!r}, index_col='month', parse_dates=True); "
        f"frame.index = pd.DatetimeIndex(frame.index.to_numpy(), freq={holidays})"
    )
    run: dict[str, object] = {"pd": pd}
    exec(_advice(str(err.value)), run)
    frame = run["frame"]
    assert D.to_frame(frame).index.freqstr == "cbh"
    ahead = Forecaster(horizon=2, **QUICK).fit(frame).predict(2).index
    assert list(ahead.strftime("%a %Y-%m-%d")) == ["Mon 2021-03-29", "Tue 2021-03-30"]


def test_read_csv_s_holiday_advice_runs_as_written_with_its_date_format(tmp_path):
    days = pd.bdate_range("2021-01-04", periods=60)
    days = days[days != "2021-02-11"]  # a Thursday
    csv = tmp_path / "sales.csv"
    pd.DataFrame({"day": days.strftime("%d/%m/%Y"), "sales": np.arange(59.0)}).to_csv(
        csv, index=False
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "day", "sales", date_format="%d/%m/%Y")
    assert _advice(str(err.value)) == (
        f"frame = pd.read_csv({str(csv)!r}, index_col='day', parse_dates=True, "
        "date_format='%d/%m/%Y'); frame.index = pd.DatetimeIndex(frame.index.to_numpy(), "
        "freq=pd.offsets.CustomBusinessHour(start='00:00', end='01:00', "
        "holidays=['2021-02-11']))"
    )
    run: dict[str, object] = {"pd": pd}
    exec(_advice(str(err.value)), run)
    assert D.to_frame(run["frame"]).index.freqstr == "cbh"
