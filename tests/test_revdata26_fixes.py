"""Review of data26: ``future_index`` after timestamps newest first went back in time (a
negative step inferred) where ``Forecaster.fit`` refuses them, and its advice to sort
``index`` named ``sort_index()``, which an Index lacks; the command line's warning of a
week's fill read "rather than fill it, the command line reads no such week"."""

import numpy as np
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


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
def test_the_command_line_s_warning_of_a_week_s_fill_reads_as_a_sentence(
    tmp_path, capsys, undrawn_figures
):
    from lstmkit.cli import main

    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    days = pd.date_range("2021-01-04", periods=72, freq=week)
    csv = tmp_path / "sales.csv"
    pd.DataFrame({"month": days.strftime("%Y-%m-%d"), "sales": np.arange(72.0)}).to_csv(
        csv, index=False
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    flags = ["--fill", "ffill", "--epochs", "1", "--ensemble", "1", "--lookback", "4"]
    assert main([*argv, *flags, "--hidden-size", "4", "--out", str(tmp_path / "run")]) == 0
    warning = capsys.readouterr().err.splitlines()[0]
    # "...; rather than fill it, the command line reads no such week: ..."
    assert warning.endswith(
        "('B' is Mondays to Fridays); the command line reads no such week: from Python, an "
        "index with freq=pd.offsets.CustomBusinessHour(start='00:00', end='01:00', "
        "weekmask='Mon Tue Wed Thu Fri Sat') steps through those days, with season_length=6."
    )


def test_a_fill_of_a_six_day_week_with_days_missing_counts_the_sundays_apart():
    # "the fill inserted 13 days into `series` (2021-01-10, 2021-01-17, 2021-01-24,
    # 2021-01-27, 2021-01-28 and 8 more), every Sunday": two Wednesdays among 13 "Sundays"
    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    days = pd.date_range("2021-01-04", periods=72, freq=week).delete([20, 21])
    series = pd.Series(np.arange(70.0), index=pd.DatetimeIndex(days, freq=None))
    with pytest.warns(UserWarning) as caught:
        filled = D.to_frame(series, fill="ffill")
    assert str(caught[0].message).startswith(
        "the fill inserted 13 days into `series`, 11 of them (2021-01-10, 2021-01-17, "
        "2021-01-24, 2021-01-31, 2021-02-07 and 6 more), every Sunday, values made up, as gaps "
        "of daily data: it holds days of a 6-day week, Mondays to Saturdays, but for 2 days "
        "missing (2021-01-27, 2021-01-28), which no frequency"
    )
    assert (len(caught), len(filled), filled.attrs["inserted"]) == (1, 83, 13)


def test_future_index_s_refusal_of_a_week_gives_python_that_runs_on_the_index():
    # "index.index = pd.DatetimeIndex(index.index.to_numpy(), ...)": AttributeError
    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    index = pd.DatetimeIndex(pd.date_range("2021-01-04", periods=72, freq=week), freq=None)
    with pytest.raises(ValueError) as err:
        D.future_index(index, 2)
    advice = str(err.value).split("reads back without them): ")[1].split(", with season")[0]
    assert advice == (
        "index = pd.DatetimeIndex(index.to_numpy(), freq=pd.offsets.CustomBusinessHour("
        "start='00:00', end='01:00', weekmask='Mon Tue Wed Thu Fri Sat'))"
    )
    scope = {"pd": pd, "index": index}
    exec(advice, scope)
    ahead = D.future_index(scope["index"], 2)
    assert list(ahead.strftime("%a %Y-%m-%d")) == ["Mon 2021-03-29", "Tue 2021-03-30"]
    # business days with a Saturday worked: the drop, on the Index
    days = pd.date_range("2021-01-04", periods=60, freq="B")
    days = days.append(pd.DatetimeIndex(["2021-01-16"])).sort_values()
    with pytest.raises(ValueError) as err:
        D.future_index(days, 2)
    assert str(err.value).endswith(
        "Drop it (or add its value to another day's): index = index[index.day_of_week < 5]."
    )
