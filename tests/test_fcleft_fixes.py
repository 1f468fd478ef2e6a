"""Defects a forecasting user (pandas/Darts background, notebooks, CSVs of several series)
met, each pinned by the test that found it."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit.backtest import BacktestResult
from lstmkit.cli import main
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig

# the smallest run that reads, fits and forecasts a series
TINY = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
TINY += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--no-refit"]
TINY += ["--horizon", "2", "--json", "--interval", "0"]


def test_a_reading_warning_of_every_series_is_shown_once(tmp_path, capsys) -> None:
    # `--series-col` read the file's date column once per series, and said the same warning
    # once per series: 50 times for 50 series
    rows = [f"{s},{44197 + k},{20 + k % 5}" for s in "abc" for k in range(12)]
    path = tmp_path / "serial.csv"
    path.write_text("store,day,sales\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # each warning shown, as a first run shows it
        assert main([*argv, "--series-col", "store", *TINY]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: column 'day' of {str(tmp_path / 'serial.csv')!r} holds whole numbers (44197 to "
        "44208), read as integer steps, not dates; they look like the serial numbers a "
        "spreadsheet stores dates as (44197 is 2021-01-01): format the column as dates in the "
        "spreadsheet and save the CSV again. (Warned of 3 of the 3 series of --series-col store; "
        "shown once.)"
    ]


def test_a_warning_that_differs_by_series_names_the_one_shown(tmp_path, capsys) -> None:
    # two-digit years: each series' warning names its own first row
    rows = [f"{s},{k % 12 + 1:02d}/{60 + k // 12},{20 + k % 5}" for s in "ab" for k in range(12)]
    rows += [f"c,{k % 12 + 1:02d}/{1960 + k // 12},{20 + k % 5}" for k in range(12)]
    path = tmp_path / "years.csv"
    path.write_text("store,month,sales\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "month", "--value-col", "sales"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--series-col", "store", *TINY]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: column 'month' of {str(tmp_path / 'years.csv')!r} writes its years with two "
        "digits, and 12 of its dates would lie in the future, from '01/60' (row 2) on: they are "
        "read a century earlier, '01/60' as 1960-01-01. Write four-digit years to read them "
        "otherwise. (Warned of 2 of the 3 series of --series-col store, this of store=a; shown "
        "once.)"
    ]


def test_explain_json_writes_times_as_forecast_json_does(tmp_path, capsys) -> None:
    # explain --json wrote "2020-01-06 18:00:00" where forecast --json writes
    # "2020-01-06T18:00:00", and midnight as a date alone: "2020-01-06" in the same column
    index = pd.date_range("2020-01-01", periods=24, freq="6h")
    sales = pd.Series(20.0 + np.arange(24) % 4, index=index, name="sales")
    config = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
    )
    forecaster = Forecaster(config).fit(sales)
    assert explain_forecast(forecaster).index == [
        "2020-01-06 00:00:00",
        "2020-01-06 06:00:00",
        "2020-01-06 12:00:00",
        "2020-01-06 18:00:00",
    ]
    forecaster.save(tmp_path / "model")
    assert main(["explain", str(tmp_path / "model"), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["origin"], record["time"]) == ("2020-01-06T18:00:00", "2020-01-07T00:00:00")
    assert [row["time"] for row in record["relevance"]] == [
        "2020-01-06T00:00:00",
        "2020-01-06T06:00:00",
        "2020-01-06T12:00:00",
        "2020-01-06T18:00:00",
    ]


def test_missing_future_covariates_of_periods_are_named_as_periods() -> None:
    # a model fitted on a PeriodIndex named its forecast steps as timestamps: "(1961-01-01 …
    # 1961-03-01)", "the first 1961-03-01", where the user wrote 1961-01
    months = pd.period_range("1958-01", periods=36, freq="M")
    y = pd.Series(10.0 + np.arange(36) % 12, index=months, name="y")
    plan = pd.DataFrame({"promo": np.arange(36.0) % 2}, index=months)
    config = ForecasterConfig(
        horizon=3, lookback=6, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
    )
    forecaster = Forecaster(config).fit(y, future_covariates=plan)
    with pytest.raises(ValueError) as err:
        forecaster.predict()
    assert str(err.value) == (
        "`future_covariates` must be given: this model was fitted with the future covariates "
        "['promo'], and a forecast reads their values at the 3 forecast steps (1961-01 … "
        "1961-03)."
    )
    two = pd.DataFrame({"promo": [1.0, 0.0]}, index=pd.period_range("1961-01", periods=2, freq="M"))
    with pytest.raises(ValueError) as err:
        forecaster.predict(future_covariates=pd.concat([plan, two]))
    assert str(err.value) == (
        "`future_covariates` must cover the 3 forecast steps, 3 steps from 1961-01 to 1961-03, "
        "got values from 1958-01 to 1961-02: 1 of those steps is missing, 1961-03."
    )
    gap = two.assign(promo=[np.nan, 0.0]).set_axis(pd.period_range("1961-02", periods=2, freq="M"))
    with pytest.raises(ValueError) as err:
        forecaster.predict(future_covariates=pd.concat([plan, two.iloc[:1], gap]))
    assert str(err.value) == (
        "`future_covariates` must hold a value at every step of the 3 forecast steps, got NaN "
        "in column 'promo' at 1961-02; fill it (lstmkit.data.to_frame(..., fill='ffill')) "
        "or give the value."
    )
    with pytest.raises(ValueError) as err:
        forecaster.predict(future_covariates=np.zeros(2))
    assert str(err.value) == (
        "`future_covariates` as an array must have 3 rows, one per step of the 3 forecast "
        "steps (1961-01 … 1961-03), got shape (2,)."
    )


def test_a_hand_made_backtest_result_shows_without_an_origin_column() -> None:
    # repr and _repr_html_ raised KeyError: 'origin', so a notebook showed a traceback instead
    # of the result; a flat summary raised pandas' "If using all scalar values, ..."
    forecasts = pd.DataFrame({"timestamp": [1, 2], "forecast": [1.0, 2.0]})
    result = BacktestResult(forecasts, pd.DataFrame(), {"model": {"rmse": 1.5}})
    foot = (
        "(.forecasts: 2 rows; .metrics: per origin; .summary: this table as a dict; "
        ".calibration; .plot())"
    )
    assert repr(result) == (
        "BacktestResult: no origin column in .forecasts; the mean over the origins:\n"
        "       rmse\nmodel   1.5\n" + foot
    )
    assert result._repr_html_().startswith(
        "<p>BacktestResult: no origin column in .forecasts; the mean over the origins:</p>\n"
    )
    flat = BacktestResult(forecasts.assign(origin=1), pd.DataFrame(), {"rmse": 1.5})
    assert repr(flat) == (
        "BacktestResult: 1 origin (1), 2 steps; its metrics:\n"
        "         summary\n0  {'rmse': 1.5}\n" + foot
    )
    assert "<td>{'rmse': 1.5}</td>" in flat._repr_html_()


def test_a_fitting_warning_of_every_series_is_shown_once(tmp_path, capsys) -> None:
    # the interval's "needs at least 99 validation errors" came once per series too
    rows = [f"{s},2021-01-{k + 1:02d},{20 + k % 5}" for s in "abc" for k in range(16)]
    path = tmp_path / "stores.csv"
    path.write_text("store,day,sales\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--series-col", "store", *TINY, "--interval", "0.99"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "warning: the 99% split-conformal interval needs at least 99 validation errors per "
        "forecast step, and 2 steps have only 2; their half-width is the largest error, "
        "which covers about 67%. A lower --interval (0.66 or less) fixes this. (Warned "
        "of 3 of the 3 series of --series-col store; shown once.)"
    ]


def test_a_warning_of_one_series_names_it(tmp_path, capsys) -> None:
    # among the reports of 50 series, a warning of one did not say which
    rows = [f"a,{44197 + k},{20 + k % 5}" for k in range(12)]
    rows += [f"b,2021-01-{k + 1:02d},{20 + k % 5}" for k in range(12)]
    path = tmp_path / "mixed.csv"
    path.write_text("store,day,sales\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--series-col", "store", *TINY]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: column 'day' of {str(tmp_path / 'mixed.csv')!r} holds whole numbers (44197 to "
        "44208), read as integer steps, not dates; they look like the serial numbers a "
        "spreadsheet stores dates as (44197 is 2021-01-01): format the column as dates in the "
        "spreadsheet and save the CSV again. (Warned of series store=a alone.)"
    ]


def test_predict_names_no_business_day_period_it_does_not_refuse() -> None:
    # predict made a Period of its first and last steps for a message it then did not raise:
    # with a PeriodIndex of business days, pandas' FutureWarning "Period with BDay freq is
    # deprecated" came from lstmkit/data.py on every call, beside the one of its own output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # the user's own index warns too
        days = pd.period_range("2020-01-01", periods=30, freq="B")
        y = pd.Series(10.0 + np.arange(30) % 5, index=days, name="y")
        config = ForecasterConfig(
            horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
        )
        forecaster = Forecaster(config).fit(y)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        forecaster.predict()
    assert [str(w.message) for w in caught] == []  # its output's periods too (cli3)


def test_the_warnings_of_the_series_before_a_refused_one_are_shown(tmp_path, capsys) -> None:
    rows = [f"a,{44197 + k},{20 + k % 5}" for k in range(12)] + ["b,2021-01-01,3"]
    path = tmp_path / "short.csv"
    path.write_text("store,day,sales\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--series-col", "store", *TINY]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"warning: column 'day' of {str(tmp_path / 'short.csv')!r} holds whole numbers (44197 to "
        "44208), read as integer steps, not dates; they look like the serial numbers a "
        "spreadsheet stores dates as (44197 is 2021-01-01): format the column as dates in the "
        "spreadsheet and save the "
        "CSV again. (Warned of series store=a alone.)",
        f"error: series store=b: {str(path)!r} needs at least 3 timestamps, got 1.",
    ]


def test_the_note_of_inserted_timestamps_names_its_series(tmp_path, capsys) -> None:
    # "note: gap.csv lacked 1 timestamp(s) ..." once per series, none saying which
    rows = [f"{s},2021-01-{k:02d},{20 + k % 5}" for s in "ab" for k in range(1, 17) if k != 5]
    path = tmp_path / "gap.csv"
    path.write_text("store,day,sales\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    assert main([*argv, "--series-col", "store", *TINY, "--fill", "ffill"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"note: {str(path)!r} (store={s}) lacked 1 timestamp of its regular D grid (6% of the "
        "16 "
        "rows now); it was inserted and filled with --fill ffill."
        for s in "ab"
    ]
