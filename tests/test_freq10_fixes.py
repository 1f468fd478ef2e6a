"""Frequencies named as the user gave them, and seasons of uncommon steps (freq10)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

_TINY = {"epochs": 1, "ensemble": 1, "hidden_size": 4}


def _weekly_in_hours(n: int) -> pd.Series:
    stamps = pd.date_range("2020-01-06 09:00", periods=n, freq="168h")
    return pd.Series(100 + np.arange(n) % 5 + np.arange(float(n)), index=stamps, name="y")


@pytest.fixture(scope="module")
def weekly_model() -> tuple[Forecaster, pd.Series]:
    y = _weekly_in_hours(60)
    config = ForecasterConfig(horizon=2, lookback=4, interval=None, **_TINY)
    return Forecaster(config).fit(y.iloc[:-2]), y  # newer data to backtest on


def test_what_a_168_hour_model_returns_names_its_steps_168h(weekly_model):
    # fc9 named the forecast "168h"; the history, the inputs, the residuals and a backtest's
    # series still said "7D", the days the model reasons in
    model, y = weekly_model
    assert model.state_["history"]["freq"] == "7D"
    assert model.history().index.freqstr == "168h"
    assert model.history(y).index.freqstr == "168h"
    assert model.encoder_inputs().index.freqstr == "168h"
    assert model.encoder_inputs(y).index.freqstr == "168h"
    assert model.residuals(y).index.freqstr == "168h"
    result = model.backtest(y, retrain=False, statistical_baselines=False, start=-2)
    assert result.series.index.freqstr == "168h"
    # the same stamps and values as before (lookback + season of them), only named as given
    assert model.history().index.equals(pd.DatetimeIndex(y.index[2:-2]))
    assert model.history(y)["y"].tolist() == y.tolist()
    # given "7D", "7D" is said
    # (built anew: pandas 2.2's asfreq("7D") of 168h steps keeps the name "168h")
    days = pd.Series(y.to_numpy(), pd.date_range(y.index[0], periods=len(y), freq="7D"), name="y")
    assert model.history(days).index.freqstr == "7D"
    assert model.predict(series=days).index.freqstr == "7D"


def test_covariate_refusals_name_the_steps_as_given():
    # were "(7D; the covariates' is D)" and "(the series' frequency is 7D, theirs D)" for
    # 168-hour steps beside covariates every 24 hours
    y = _weekly_in_hours(20)
    daily = pd.DataFrame(
        {"x": np.arange(140.0)}, index=pd.date_range("2020-01-06 09:00", periods=140, freq="24h")
    )
    config = ForecasterConfig(horizon=2, lookback=4, **_TINY)
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(y, daily)
    assert str(err.value).startswith(
        "`covariates` must have the series' 20 points, got 140: 114 of them lie between the "
        "series' steps, at times its frequency (168h; the covariates' is 24h) skips "
        "(2020-01-07 09:00:00 … 2020-05-17 09:00:00), and 6 of them come after the series' end"
    )
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(y, future_covariates=daily)
    assert str(err.value) == (
        "`future_covariates` must have one row per step of the series' 20 points, at the steps "
        "themselves, got 76 rows between the steps, the first 2020-01-07 09:00:00 (the "
        "series' frequency is 168h, theirs 24h): a forecast reads one value per step and would "
        "drop those unseen. Give the values at the series' own frequency (aggregated to its "
        "steps, e.g. future_covariates.resample(...).max() for a flag)."
    )


def _business_hours_csv(path, freq: str, n: int = 120, **hours: str) -> pd.DatetimeIndex:
    step = pd.tseries.frequencies.to_offset(freq)
    step = type(step)(n=step.n, **hours) if hours else step
    stamps = pd.date_range(f"2024-01-01 {hours.get('start', '09:00')}", periods=n, freq=step)
    values = 10 + np.arange(n) % 4 + np.arange(n) / 10
    frame = pd.DataFrame({"date": stamps.strftime("%Y-%m-%d %H:%M"), "y": values})
    frame.to_csv(path, index=False)
    return stamps


@pytest.mark.parametrize(
    ("freq", "hours", "named"),
    [
        ("2bh", {}, "2bh"),
        ("3bh", {}, "3bh"),
        ("5bh", {}, "5bh"),
        ("2bh", {"start": "08:00", "end": "16:00"}, "2bh"),
        ("3bh", {"start": "10:00", "end": "19:00"}, "3bh"),
    ],
)
def test_a_file_of_business_hours_in_steps_of_hours_is_read(tmp_path, freq, hours, named):
    # was "timestamps in '...' must be regularly spaced (no gaps), got irregular steps ...
    # (usual step: 2 hours); missing 2024-01-01 17:00:00, ...; pass `fill` ...": pandas
    # infers no business hours of several hours, and a fill would have inserted the nights
    from lstmkit.data import read_csv

    stamps = _business_hours_csv(tmp_path / "b.csv", freq, **hours)
    frame = read_csv(tmp_path / "b.csv", "date", "y")
    assert frame.index.freqstr == named
    assert frame.index.freq == stamps.freq  # the opening hours too
    assert frame.index.equals(stamps.as_unit(frame.index.unit))


def test_a_file_of_two_business_hours_forecasts_from_the_cli(tmp_path, capsys):
    import json

    from lstmkit.cli import main

    _business_hours_csv(tmp_path / "b.csv", "2bh")
    argv = ["forecast", "--csv", str(tmp_path / "b.csv"), "--date-col", "date"]
    argv += ["--value-col", "y", "--epochs", "1", "--ensemble", "1", "--hidden-size", "4"]
    argv += ["--interval", "0", "--no-stat-baselines", "--no-progress", "--json"]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["season_length"] == 4  # the business day of four 2-hour steps
    assert result["forecast"]["timestamp"] == [  # the held-out last day, Friday 9 February
        "2024-02-09T09:00:00",
        "2024-02-09T11:00:00",
        "2024-02-09T13:00:00",
        "2024-02-09T15:00:00",
    ]


@pytest.mark.parametrize(
    ("freq", "season", "horizon"),
    [("3bh", 8, 3), ("5bh", 8, 2), ("6bh", 4, 2), ("7bh", 8, 2), ("2bh", 4, 4), ("bh", 8, 8)],
)
def test_business_hours_that_do_not_divide_the_day_have_a_season(freq, season, horizon):
    # were 1 and 12 (no season, "3bh" named beside "2bh" as having none): now the fewest steps
    # that span whole business days, as hours have (8 of 3bh are three 8-hour days, 8 of 5bh
    # a week), at the same time of day each season, counted on without a break
    from lstmkit.data import _steps, calendar_inputs, default_horizon, future_index, season_length

    index = pd.date_range("2024-01-01 09:00", periods=40, freq=freq)
    assert (season_length(index), default_horizon(index)) == (season, horizon)
    clock = index - index.normalize()
    assert (clock[season:] == clock[:-season]).all()
    positions = _steps(index.append(future_index(index, 5))) % season
    assert (positions[season:] == positions[:-season]).all()
    cal = calendar_inputs(index, season)
    assert np.allclose(cal["season sin"].iloc[season:], cal["season sin"].iloc[:-season])
    if freq == "3bh":  # 9:00, 12:00, 15:00, 10:00, ...: eight places, none shared
        assert positions[:8].tolist() == [5, 6, 7, 0, 1, 2, 3, 4]


def test_a_file_of_three_business_hours_scores_mase_over_its_season(tmp_path, capsys):
    # was "MASE (m=1)" beside a seasonal naive that was the naive
    from lstmkit.cli import main

    _business_hours_csv(tmp_path / "b.csv", "3bh", n=120)
    argv = ["forecast", "--csv", str(tmp_path / "b.csv"), "--date-col", "date"]
    argv += ["--value-col", "y", "--epochs", "1", "--ensemble", "1", "--hidden-size", "4"]
    argv += ["--interval", "0", "--no-stat-baselines", "--no-progress"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "holdout=3, horizon=3, lookback=24" in out
    assert "MASE (m=8)" in out
    # the seasonal naive repeats the values of three business days before, not the last one
    assert "naive           2.38  2.20  9.11    9.62     2.750" in out
    assert "seasonal_naive  0.80  0.80  3.37    3.42     1.000" in out


def _monthly_csv(path, n: int) -> list[str]:
    stamps = pd.date_range("2000-01-01", periods=n, freq="MS")
    y = 100 + 10 * np.sin(np.arange(n) * np.pi / 6) + np.arange(n)
    pd.DataFrame({"date": stamps.strftime("%Y-%m-%d"), "y": y}).to_csv(path, index=False)
    argv = ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "y"]
    argv += ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--interval", "0"]
    return [*argv, "--no-stat-baselines", "--no-progress", "--json"]


def test_a_series_too_short_for_the_default_look_back_names_one_that_runs(tmp_path, capsys):
    # was "...; pass --lookback, or --season-length 1 if the series has no season.": no
    # look-back named (fit names one from Python), and said where none fits
    from lstmkit.cli import main

    argv = _monthly_csv(tmp_path / "m.csv", 30)
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: fitting on the 18 points before the holdout (12, by default --horizon): the "
        "series is too short: lookback (12) + horizon (12) + differencing (0) + validation "
        "windows (1) need at least 25 points, got 18. The look-back defaults to one to three "
        "seasons (m=12); pass --lookback 5 (the longest that fits), or --season-length 1 if the "
        "series has no season.\n"
    )
    for advised in (["--lookback", "5"], ["--season-length", "1"]):  # each runs as advised
        assert main([*argv, *advised]) == 0
        capsys.readouterr()
    assert main([*argv, "--lookback", "6"]) == 2  # and is the longest
    capsys.readouterr()


def test_no_look_back_is_advised_where_none_fits():
    from lstmkit.cli._forecast_run import _training_problem

    assert _training_problem(ForecasterConfig(horizon=12), 13, 12) == (
        "the series is too short: lookback (12) + horizon (12) + differencing (0) + validation "
        "windows (1) need at least 25 points, got 13. The look-back defaults to one to three "
        "seasons (m=12); no shorter --lookback fits, nor does --season-length 1."
    )


def test_the_advice_of_a_backtest_fits_its_first_origin_too(tmp_path, capsys):
    # was "...; pass --lookback, or --season-length 1 ...", and --season-length 1 (as the
    # --lookback 10 then named) was refused again for the first of the three origins
    from lstmkit.cli import main

    argv = [*_monthly_csv(tmp_path / "m.csv", 20), "--horizon", "3", "--backtest"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --backtest runs 3 origins by default, more than this series allows: pass "
        "--backtest-origins 1 (the most that fit). The origins "
        "are 3 steps apart, so the earliest of 2 origins would "
        "be fitted on only the first 14 points, too few: "
        "lookback (12) + horizon (3) + differencing (0) + validation windows (1) need at least "
        "16 points, got 14. The look-back defaults to one to three seasons (m=12); no shorter "
        "--lookback fits the first of the 3 run by default; pass --season-length 1 if the "
        "series has no season.\n"
    )
    assert main([*argv, "--season-length", "1"]) == 0
    capsys.readouterr()
    assert main([*argv, "--lookback", "10"]) == 2  # fits origin 2, not origin 3's 11 points
    assert (
        "the earliest of 3 origins would be fitted on only the first 11 points"
        in capsys.readouterr().err
    )
