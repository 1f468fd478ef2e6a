"""Forecasting CLI and data defects left over by earlier reviews, each pinned by the test that
found it."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

# no test here reads a figure: the runs' PNGs are created empty, not drawn (most of their time)
pytestmark = pytest.mark.usefixtures("undrawn_figures")

# the smallest run that reads, fits and forecasts a series
TINY = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
TINY += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--holdout", "0"]
TINY += ["--horizon", "2", "--interval", "0"]


def _table_stamps(text: str) -> list[str]:
    """The first column of the forecast table that ``text`` prints last."""
    lines = text.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith("timestamp")) + 2
    return [line.split("  ")[0] for line in lines[start:] if line and line[0].isdigit()]


@pytest.mark.parametrize(
    ("freq", "shown"),
    [
        ("h", ["2020-01-02 16:00:00", "2020-01-02 17:00:00"]),
        ("15min", ["2020-01-01 10:00:00", "2020-01-01 10:15:00"]),
        ("D", ["2020-02-10", "2020-02-11"]),
        ("MS", ["2023-05-01", "2023-06-01"]),
    ],
)
def test_the_terminal_shows_the_times_forecast_csv_writes(tmp_path, capsys, freq, shown) -> None:
    # an hourly forecast printed 2020-01-17T12:00:00 where forecast.csv holds
    # 2020-01-17 12:00:00; daily and monthly dates stay as they were
    stamps = pd.date_range("2020-01-01", periods=40, freq=freq)
    csv = tmp_path / "series.csv"
    pd.DataFrame({"t": stamps, "y": np.arange(40.0) % 7}).to_csv(csv, index=False)
    out = tmp_path / "run"
    argv = ["forecast", "--csv", str(csv), "--date-col", "t", "--value-col", "y", *TINY]
    assert main([*argv, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    written = pd.read_csv(out / "forecast.csv", dtype=str)["timestamp"].tolist()
    assert _table_stamps(printed) == written == shown
    assert main(["predict", str(out)]) == 0
    printed = capsys.readouterr().out
    assert _table_stamps(printed) == shown
    origin = stamps[-1].strftime("%Y-%m-%d %H:%M:%S" if freq in ("h", "15min") else "%Y-%m-%d")
    assert f"forecast from {origin}, horizon 2" in printed


def test_too_many_backtest_origins_say_the_most_and_why_in_sentences(capsys) -> None:
    # the reason was wrapped in parentheses holding parentheses: "... on only the first 24
    # points (the series is too short: lookback (12) + ... (m=12); pass --lookback, ...)."
    argv = ["forecast", "airline", "--backtest", "--no-progress", "--backtest-origins"]
    assert main([*argv, "200"]) == 2
    assert capsys.readouterr().err == (
        "error: --backtest-origins must be between 1 and 9 for this series, got 200. The origins "
        "are 12 steps apart, so the earliest of 10 origins would "
        "be fitted on only the first 24 points, too few: "
        "lookback (12) + horizon (12) + differencing (0) + validation windows (1) need at least "
        "25 points, got 24. The look-back defaults to one to three seasons (m=12); no shorter "
        "--lookback fits the first of the 200 asked for, nor does --season-length 1.\n"
    )
    assert main([*argv, "11", "--lookback", "3"]) == 2
    assert capsys.readouterr().err == (
        "error: --backtest-origins must be between 1 and 10 for this series, got 11. The origins "
        "are 12 steps apart, so the earliest of 11 origins would "
        "be fitted on only the first 12 points, too few: "
        "lookback (3) + horizon (12) + differencing (0) + validation windows (1) need at least "
        "16 points, got 12.\n"
    )


def test_the_fit_bar_counts_the_last_member_before_it_is_drawn(monkeypatch, capsys) -> None:
    # the member's message drew the bar before it was counted, and the count alone is drawn
    # only after tqdm's mininterval: the last frame read "3/4 ... member 4/4" when all were done
    import tqdm.std

    monkeypatch.setattr(tqdm.std, "time", lambda: 0.0)  # no frame drawn for time passing
    series = pd.Series(np.arange(30.0) % 5, index=pd.date_range("2020-01", periods=30, freq="MS"))
    config = ForecasterConfig(
        horizon=2, lookback=4, ensemble=4, epochs=1, hidden_size=2, refit=False, interval=None
    )
    Forecaster(replace(config, progress=True)).fit(series)
    frames = [f.strip() for f in re.split(r"[\r\n]", capsys.readouterr().err) if f.strip()]
    # (count, member) of each frame that names a member; the bar's width and how many frames
    # tqdm draws depend on its version and the terminal
    drawn = [
        (int(m[1]), int(m[2])) for f in frames if (m := re.search(r"\| (\d)/4 .*member (\d)/4", f))
    ]
    assert drawn[-1] == (4, 4), drawn
    assert all(count <= member for count, member in drawn), drawn


NAT_REFUSED = (
    "`y_true` must hold numbers, got NaT (a missing date or duration){} at position 0; write a "
    "missing number as NaN (np.nan)."
)


@pytest.mark.parametrize(
    ("y_true", "where"),
    [
        ([pd.NaT, np.nan, 1.0], ""),  # refused by numpy's bare float() error
        ([np.datetime64("NaT", "ns"), 1.0, 2.0], ""),  # scored 5.3e18: NaT read as -2**63
        ([np.datetime64("NaT", "ns"), np.nan, 1.0], ""),  # scored NaN
        ([np.timedelta64("NaT", "ns"), 1.0, 2.0], ""),
        (np.array([pd.NaT, 1.0, 2.0], dtype=object), ""),
        (pd.Series([pd.NaT, np.nan, 1.0], dtype=object), ""),  # a bare TypeError
        (pd.DataFrame({"sales": [pd.NaT, 1.0, 2.0]}, dtype=object), " in column 'sales'"),
    ],
)
def test_metrics_refuse_nat_beside_numbers(y_true, where) -> None:
    from lstmkit.metrics import rmse

    with pytest.raises(ValueError) as err:
        rmse(y_true, [1.0, 2.0, 3.0])
    assert str(err.value) == NAT_REFUSED.format(where)


@pytest.mark.parametrize(
    "y_true",
    [[pd.NA, 1.0, 2.0], pd.Series([pd.NA, 1.0, 2.0], dtype=object), [[pd.NA], [1.0], [2.0]]],
)
def test_metrics_read_pd_na_as_nan_as_a_nullable_series_is_read(y_true) -> None:
    # None and a Float64 Series' <NA> gave NaN; pd.NA in a list or object Series was refused
    from lstmkit.metrics import evaluate

    nullable = evaluate(pd.Series([None, 1.0, 2.0], dtype="Float64"), [1.0, 2.0, 3.0], [1.0, 2.0])
    assert all(np.isnan(v) for v in nullable.values())
    scores = evaluate(y_true, [1.0, 2.0, 3.0], [1.0, 2.0])
    assert list(scores) == ["rmse", "mae", "mape", "smape", "mase"]
    assert all(np.isnan(v) for v in scores.values())


PERIODS = [pd.Period("2020-01", "M"), pd.Period("2020-02", "M"), pd.Period("2020-03", "M")]


@pytest.mark.parametrize(
    "y_true",
    [PERIODS, tuple(PERIODS), np.array(PERIODS, dtype=object), pd.PeriodIndex(PERIODS)],
)
def test_metrics_give_listed_periods_the_series_hint(y_true) -> None:
    # a list got "numpy cannot read as floats (float() argument must be ... not 'Period')"
    from lstmkit.metrics import mae

    with pytest.raises(ValueError) as err:
        mae(y_true, [1.0, 2.0, 3.0])
    assert str(err.value) == (
        "`y_true` must hold values only, got periods (2020-01 … 2020-03); keep the periods "
        "apart, as a pandas index (a PeriodIndex is read as the dates its periods start, as "
        "pd.PeriodIndex(y_true).to_timestamp() gives them), and pass the values."
    )
    with pytest.raises(ValueError) as err:
        mae(pd.Series(PERIODS), [1.0, 2.0, 3.0])
    assert "as y_true.dt.to_timestamp() gives them" in str(err.value)


def _far_warning(
    read: str, span: str, advice: str = "fit on this history for one that has seen such values"
) -> str:
    return (
        f"`series` lies far outside the training series as the network reads it: {read}, "
        "scaled with the statistics fitted on the training series (scaling='standard'), span "
        f"{span} in 'airline' (training: -1.75 … 1.94), more than twice the training inputs' "
        f"range about its middle, so the forecast extrapolates; {advice}."
    )


@pytest.fixture(scope="module")
def far_history():
    from lstmkit.data import load_dataset

    y = load_dataset("airline")
    config = ForecasterConfig(
        horizon=2, ensemble=1, epochs=1, hidden_size=4, scaling="standard", transform="none"
    )
    return Forecaster(config).fit(y[:48]), y[:60] * 10


def test_backtest_without_retraining_warns_of_a_history_far_outside_as_predict(far_history):
    # predict(series=) warned of a newer history ten times the training level;
    # backtest(retrain=False) forecast from it without a word
    fc, far = far_history
    with pytest.warns(UserWarning) as record:
        fc.predict(2, series=far)
    assert [str(w.message) for w in record] == [_far_warning("its last 12 points", "64 … 99.7")]
    with pytest.warns(UserWarning) as record:
        fc.backtest(far, start=50, retrain=False, statistical_baselines=False)
    assert [str(w.message) for w in record] == [
        _far_warning(
            "the 20 points the windows of its 5 origins read",
            "60.9 … 99.7",
            "pass retrain=True to fit at every origin on the points before it",
        )
    ]


def test_explain_forecast_of_a_newer_history_warns_of_it_as_predict(far_history):
    from lstmkit.explain.forecast import explain_forecast

    fc, far = far_history
    with pytest.warns(UserWarning) as record:
        explain_forecast(fc, series=far)
    assert [str(w.message) for w in record] == [_far_warning("its last 12 points", "64 … 99.7")]


@pytest.mark.filterwarnings("always::UserWarning")
def test_cli_explain_of_a_csv_far_outside_warns_of_the_file_as_predict(tmp_path, capsys):
    # lstmkit predict said "--csv new.csv lies far outside ..."; lstmkit explain said nothing
    index = pd.date_range("2020-01-06", periods=120, freq="D")
    t = np.arange(120)
    data = pd.DataFrame({"y": 50 + 10 * np.sin(t / 4), "price": 1 + (t % 10) / 10}, index)
    data.to_csv(tmp_path / "old.csv", index_label="day")
    data.assign(price=data["price"] * 100).to_csv(tmp_path / "new.csv", index_label="day")
    flags = ["--date-col", "day", "--value-col", "y", "--covariate-cols", "price"]
    fit = ["--horizon", "2", "--lookback", "14", "--epochs", "1", "--ensemble", "1"]
    out = str(tmp_path / "run")
    assert main(["forecast", "--csv", str(tmp_path / "old.csv"), *flags, *fit, "--out", out]) == 0
    capsys.readouterr()
    expected = [
        f"--csv {str(tmp_path / 'new.csv')!r} lies far outside the training series as the network "
        "reads it: its last "
        "14 points, scaled with the statistics fitted on the training series "
        "(scaling='window'), span 341 … 652 in 'price' of --covariate-cols (training: -1.54 … "
        "1.57), more than twice the training inputs' range about its middle, so the forecast "
        f"extrapolates; fit a model on --csv {str(tmp_path / 'new.csv')!r} (lstmkit forecast ... "
        "--out DIR) for one "
        "that has seen such values."
    ]
    for command in ("predict", "explain"):
        assert main([command, out, "--csv", str(tmp_path / "new.csv"), *flags]) == 0
        err = capsys.readouterr().err
        texts = [line.removeprefix("warning: ") for line in err.splitlines() if "far out" in line]
        assert texts == expected, command


@pytest.fixture(scope="module")
def sundays_with_plan():
    """A tiny Forecaster of weekly data on Sundays with a future covariate, and its weeks."""
    sundays = pd.date_range("2020-01-05", periods=42, freq="W-SUN")
    y = pd.Series(np.arange(40.0) % 5, index=sundays[:40], name="y")
    plan = pd.DataFrame({"price": np.arange(42.0)}, index=sundays)
    config = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
    )
    return Forecaster(config).fit(y, future_covariates=plan), plan


MISSED = (
    "`future_covariates` must cover the 2 forecast steps, 2 steps from 2020-10-11 to "
    "2020-10-18, got values from {} to {}: 2 of those steps are missing, the first 2020-10-11 "
    "(none of its timestamps is one of the steps{})."
)


def test_weekly_periods_of_another_weekday_are_named_as_given(sundays_with_plan) -> None:
    # periods to Monday were named by the weekday they start on: "its frequency is W-TUE"
    fc, plan = sundays_with_plan
    mondays = plan.set_axis(plan.index + pd.Timedelta(days=1)).to_period("W-MON")
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=mondays)
    assert str(err.value) == MISSED.format(
        "2019-12-31/2020-01-06",
        "2020-10-13/2020-10-19",
        ": its frequency is W-MON, the series' W-SUN; stamp them as the series' steps",
    )


def test_weekly_periods_ending_on_the_steps_get_code_that_runs(sundays_with_plan) -> None:
    # the advice was .to_period('W-SUN')..., which a PeriodIndex has not
    fc, plan = sundays_with_plan
    weeks = plan.to_period("W-SUN")
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=weeks)
    code = ".to_timestamp(how='end').normalize()"
    assert str(err.value) == MISSED.format(
        "2019-12-30/2020-01-05",
        "2020-10-12/2020-10-18",
        ", though its frequency is the series', W-SUN; stamp them as the series' steps, e.g. "
        f"future_covariates.index = future_covariates.index{code}",
    )
    weeks.index = weeks.index.to_timestamp(how="end").normalize()  # as advised
    pd.testing.assert_frame_equal(
        fc.predict(future_covariates=weeks), fc.predict(future_covariates=plan)
    )


def test_weekly_covariates_on_another_weekday_are_told_both_frequencies() -> None:
    # covariates dated Mondays beside a series of Sundays were told only the first two dates
    # that differ, not why every row did (and now, as future covariates are, the code for
    # either week a Monday may stand for: tests/test_cal4_fixes.py)
    sundays = pd.date_range("2020-01-05", periods=20, freq="W-SUN")
    y = pd.Series(np.arange(20.0) % 5, index=sundays, name="y")
    prices = pd.DataFrame({"price": np.arange(20.0)}, index=sundays + pd.Timedelta(days=1))
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(y, covariates=prices)
    assert str(err.value) == (
        "`covariates` must share the series' index; they differ first at row 0: 2020-01-06 "
        "00:00:00 against the series' 2020-01-05 00:00:00 (none of its timestamps is one of the "
        "steps: its frequency is W-MON, the series' W-SUN; stamp each value at the series' "
        "step whose week (Monday to Sunday) holds the first day of the value's: where a Monday "
        "starts its week, they are of the steps 2020-01-12 … 2020-05-24, not the series' "
        "2020-01-05 … 2020-05-17: give the values of its steps; where it ends one (as pandas' "
        "W-MON reads it), "
        "covariates.index = covariates.index - pd.Timedelta(days=1) (2020-01-06 → 2020-01-05))."
    )
    weeks = prices.set_axis(sundays.to_period("W-SUN"))  # the weeks that end on its Sundays
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(y, covariates=weeks)
    assert str(err.value) == (
        "`covariates` must share the series' index; they differ first at row 0: 2019-12-30 "
        "00:00:00 against the series' 2020-01-05 00:00:00 (none of its timestamps is one of the "
        "steps, though its frequency is the series', W-SUN; stamp them as the series' steps, "
        "e.g. covariates.index = covariates.index.to_timestamp(how='end').normalize())."
    )
    weeks.index = weeks.index.to_timestamp(how="end").normalize()  # as advised
    Forecaster(replace(config, hidden_size=2)).fit(y, covariates=weeks)


def test_future_covariates_of_the_forecast_steps_alone_may_be_one_or_two(sundays_with_plan):
    # the values of a two-step forecast alone were refused: "`future_covariates` needs at
    # least 3 timestamps, got 2"
    fc, plan = sundays_with_plan
    expected = fc.predict(future_covariates=plan)
    pd.testing.assert_frame_equal(fc.predict(future_covariates=plan.iloc[40:]), expected)
    one = fc.predict(1, future_covariates=plan["price"].iloc[40:41])
    pd.testing.assert_frame_equal(one, fc.predict(1, future_covariates=plan))
    with pytest.raises(ValueError) as err:  # still matched to the steps by their times
        fc.predict(future_covariates=plan.iloc[40:41])
    assert str(err.value) == (
        "`future_covariates` must cover the 2 forecast steps, 2 steps from 2020-10-11 to "
        "2020-10-18, got values from 2020-10-11 to 2020-10-11: 1 of those steps is missing, "
        "2020-10-18."
    )


def test_forecast_csv_keeps_midnight_of_a_series_with_times_of_day(tmp_path, capsys) -> None:
    # a 12-hourly series' one step at midnight printed 2020-01-21 00:00:00, and forecast.csv
    # held 2020-01-21, a date
    stamps = pd.date_range("2020-01-01", periods=40, freq="12h")
    csv = tmp_path / "halfdays.csv"
    pd.DataFrame({"t": stamps, "y": np.arange(40.0) % 3}).to_csv(csv, index=False)
    out = tmp_path / "run"
    argv = ["forecast", "--csv", str(csv), "--date-col", "t", "--value-col", "y", *TINY]
    assert main([*argv, "--horizon", "1", "--out", str(out)]) == 0
    assert main(["predict", str(out), "--out", str(tmp_path / "again")]) == 0
    printed = capsys.readouterr().out.split("wrote forecast.csv")
    for text, folder in zip(printed[:2], (out, tmp_path / "again"), strict=True):
        written = pd.read_csv(folder / "forecast.csv", dtype=str)["timestamp"].tolist()
        assert _table_stamps(text) == written == ["2020-01-21 00:00:00"]
