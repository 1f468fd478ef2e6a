"""Calendars, time zones and covariates in forecasting: leftovers of earlier reviews."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = [
    *("--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"),
    *("--no-calendar", "--anchor", "level", "--hidden-size", "4", "--no-early-stopping"),
    *("--no-refit", "--interval", "0", "--transform", "none", "--no-stat-baselines"),
]


def _zoned_csv(path: Path, stamps: list[str]) -> Path:
    """A CSV of ``stamps`` (with their UTC offsets) and a wavy target."""
    values = 10 + np.sin(np.arange(len(stamps)))
    pd.DataFrame({"day": stamps, "v": values}).to_csv(path, index=False)
    return path


def test_a_zoned_daily_forecast_json_and_run_json_carry_the_offsets_of_forecast_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A daily series at +05:30: forecast.csv wrote ``2020-01-29 00:00:00+05:30``, run.json,
    ``--json``, `predict`'s and `explain`'s the date alone (``2020-01-29``), another instant
    in every other zone."""
    days = pd.date_range("2020-01-01", periods=30, freq="D")
    csv = _zoned_csv(tmp_path / "kolkata.csv", [f"{d:%Y-%m-%d} 00:00:00+05:30" for d in days])
    out = tmp_path / "run"
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "v", *QUICK]
    assert main([*argv, "--horizon", "2", "--out", str(out), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)["forecast"]["timestamp"]
    iso = ["2020-01-29T00:00:00+05:30", "2020-01-30T00:00:00+05:30"]
    assert printed == iso
    assert json.loads((out / "run.json").read_text())["forecast"]["timestamp"] == iso
    written = pd.read_csv(out / "forecast.csv")["timestamp"].tolist()
    assert written == ["2020-01-29 00:00:00+05:30", "2020-01-30 00:00:00+05:30"]
    assert main(["predict", str(out), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["origin"], again["forecast"]["timestamp"]) == ("2020-01-28T00:00:00+05:30", iso)
    assert main(["explain", str(out), "--json"]) == 0
    why = json.loads(capsys.readouterr().out)
    assert (why["origin"], why["time"]) == ("2020-01-28T00:00:00+05:30", iso[0])
    assert [r["time"] for r in why["relevance"]] == [
        f"2020-01-{d}T00:00:00+05:30" for d in range(25, 29)
    ]


def test_a_zoned_hourly_forecast_json_keeps_its_offsets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, undrawn_figures: None
) -> None:
    """Hourly stamps across a change to summer time are read in UTC, and every output writes
    them with the offset, as before."""
    hours = pd.date_range("2020-03-28 12:00", periods=30, freq="h", tz="Europe/Berlin")
    csv = _zoned_csv(tmp_path / "berlin.csv", [t.isoformat() for t in hours])
    out = tmp_path / "run"
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "v", *QUICK]
    assert main([*argv, "--horizon", "2", "--out", str(out), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)["forecast"]["timestamp"]
    assert printed == ["2020-03-29T15:00:00+00:00", "2020-03-29T16:00:00+00:00"]
    written = pd.read_csv(out / "forecast.csv")["timestamp"].tolist()
    assert written == ["2020-03-29 15:00:00+00:00", "2020-03-29 16:00:00+00:00"]


def test_weekly_past_covariates_on_mondays_get_the_code_future_ones_get() -> None:
    """Past covariates on Mondays beside a series of Sundays were told "stamp them as the
    series' steps" alone, where future ones got the code for either week a Monday may stand
    for; the second gives the series' own steps here, and fits."""
    sundays = pd.date_range("2020-01-05", periods=12, freq="W-SUN")
    y = pd.Series(np.arange(12.0) % 3, index=sundays, name="y")
    covariates = pd.DataFrame({"price": np.arange(12.0)}, index=sundays + pd.Timedelta(days=1))
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(y, covariates=covariates)
    assert str(err.value) == (
        "`covariates` must share the series' index; they differ first at row 0: 2020-01-06 "
        "00:00:00 against the series' 2020-01-05 00:00:00 (none of its timestamps is one of the "
        "steps: its frequency is W-MON, the series' W-SUN; stamp each value at the series' "
        "step whose week (Monday to Sunday) holds the first day of the value's: where a Monday "
        "starts its week, they are of the steps 2020-01-12 … 2020-03-29, not the series' "
        "2020-01-05 … 2020-03-22: give the values of its steps; where it ends one (as pandas' "
        "W-MON reads it), "
        "covariates.index = covariates.index - pd.Timedelta(days=1) (2020-01-06 → 2020-01-05))."
    )
    covariates.index = covariates.index - pd.Timedelta(days=1)  # as advised
    ahead = Forecaster(config).fit(y, covariates=covariates).predict().index
    assert ahead.equals(pd.date_range("2020-03-29", periods=2, freq="W-SUN"))


@pytest.fixture(scope="module")
def numbers_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run folder of a tiny model fitted on the numbers of column ``y``."""
    folder = tmp_path_factory.mktemp("numbers")
    days = pd.date_range("2020-01-01", periods=30, freq="D")
    table = pd.DataFrame({"y": 10 + np.sin(np.arange(30.0))}, index=days)
    table.to_csv(folder / "numbers.csv", index_label="day")
    argv = ["--csv", str(folder / "numbers.csv"), "--date-col", "day", "--value-col", "y"]
    assert main(["forecast", *argv, *QUICK, "--horizon", "2", "--out", str(folder / "run")]) == 0
    return folder / "run"


@pytest.mark.parametrize(
    ("command", "column", "flags", "named"),
    [
        ("predict", "y", ["--date-col", "day", "--value-col", "y"], "--value-col y"),
        ("explain", "y", ["--value-col", "y"], "--value-col y"),
        # explain takes the model's column by its name, or the first after the dates
        ("explain", "y", [], "the column y, read for the model's target y,"),
        ("explain", "flag", [], "the column flag, read for the model's target y,"),
    ],
)
def test_a_saved_model_refuses_a_true_false_target_naming_what_it_can_be_given(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    numbers_run: Path,
    command: str,
    column: str,
    flags: list[str],
    named: str,
) -> None:
    """`predict` and `explain` of a model fitted on numbers, given a file whose target holds
    True/False, told how to train a model ("forecast a number, such as how often it is True
    per week; a flag known in advance (a holiday) is a covariate (--covariate-cols,
    --future-cols)"), and explain named --value-col where none was given."""
    flags_csv = tmp_path / "flags.csv"
    days = pd.date_range("2020-01-01", periods=30, freq="D")
    flags_table = pd.DataFrame({column: np.arange(30) % 3 == 0}, index=days)
    flags_table.to_csv(flags_csv, index_label="day")
    capsys.readouterr()
    assert main([command, str(numbers_run), "--csv", str(flags_csv), *flags]) == 2
    assert capsys.readouterr().err == (
        f"error: {named} must hold the numbers the saved model forecasts, got True/False in "
        f"{str(flags_csv)!r} (read as 1 and 0); name the file's column of those numbers with "
        "--value-col.\n"
    )


@pytest.fixture(scope="module")
def kolkata_fit() -> tuple[Forecaster, pd.Series]:
    """A tiny Forecaster of a series every two days at +05:30 (Asia/Kolkata), and the series."""
    days = pd.date_range("2020-01-01", periods=40, freq="2D", tz="Asia/Kolkata")
    y = pd.Series(5 + np.sin(np.arange(40.0)), index=days, name="y")
    config = ForecasterConfig(horizon=3, lookback=4, ensemble=1, epochs=1, season_length=1)
    return Forecaster(config).fit(y), y


def test_residuals_keep_the_series_frequency_as_predict_does(kolkata_fit) -> None:
    """``residuals`` gave an index without a frequency (``freq`` None) where predict's has
    the series' (``<2 * Days>``)."""
    fc, y = kolkata_fit
    errors = fc.residuals(y)
    assert errors.index.freq == fc.predict().index.freq == pd.offsets.Day(2)
    assert errors.index.equals(y.index[4:])
    hours = pd.date_range("2020-01-06", periods=30, freq="B")
    weekdays = pd.Series(5 + np.sin(np.arange(30.0)), index=hours)
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, season_length=1)
    assert Forecaster(config).fit(weekdays).residuals(weekdays).index.freqstr == "B"


def test_a_backtest_repr_names_a_zoned_series_origins_with_their_offsets(kolkata_fit) -> None:
    """The repr's span wrote ``(2020-03-03 … 2020-03-15)`` where backtest.csv and
    ``.forecasts`` have ``2020-03-03 00:00:00+05:30``; a series with times of day mixed a date
    alone and a time (``2020-01-06 … 2020-01-06 12:00:00``)."""
    fc, y = kolkata_fit
    head = repr(fc.backtest(y, statistical_baselines=False)).splitlines()[0]
    assert head == (
        "BacktestResult: 3 origins (2020-03-03 00:00:00+05:30 … 2020-03-15 00:00:00+05:30), "
        "3 steps each; the mean over the origins:"
    )
    steps = pd.date_range("2020-01-01", periods=40, freq="6h")
    x = pd.Series(5 + np.sin(np.arange(40.0)), index=steps)
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, season_length=1)
    result = Forecaster(config).fit(x).backtest(x, start=32, stride=3, statistical_baselines=False)
    assert repr(result).splitlines()[0] == (
        "BacktestResult: 3 origins (2020-01-09 00:00:00 … 2020-01-10 12:00:00), 2 steps each; "
        "the mean over the origins:"
    )


def test_predict_titles_its_plot_with_the_origin_the_terminal_shows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`lstmkit predict --out` titled forecast.png with JSON's ISO 8601 origin
    (``2020-01-30T00:00:00+05:30``, the date alone before the zone was kept), where the
    terminal and forecast.csv write ``2020-01-30 00:00:00+05:30``."""
    import lstmkit.forecast

    days = pd.date_range("2020-01-01", periods=30, freq="D")
    csv = _zoned_csv(tmp_path / "kolkata.csv", [f"{d:%Y-%m-%d} 00:00:00+05:30" for d in days])
    run = tmp_path / "run"
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "v", *QUICK]
    assert main([*argv, "--horizon", "2", "--holdout", "0", "--out", str(run)]) == 0
    titles = []
    drawn = lstmkit.forecast.plot_forecast
    monkeypatch.setattr(
        lstmkit.forecast,
        "plot_forecast",
        lambda *args, **kwargs: titles.append(kwargs["title"]) or drawn(*args, **kwargs),
    )
    capsys.readouterr()
    assert main(["predict", str(run), "--out", str(tmp_path / "next")]) == 0
    said = "the model's training data: forecast from 2020-01-30 00:00:00+05:30, horizon 2"
    assert capsys.readouterr().out.startswith(said)
    assert titles == [f"{run / 'model'}: forecast from 2020-01-30 00:00:00+05:30, horizon 2"]
