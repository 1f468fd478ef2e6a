"""revwalk29a: review of walk29a. A misspelt keyword beside one close to none is told the
keywords taken; an index of Period objects with a missing entry is refused (None) or told
pd.PeriodIndex (NaT); a saved model's own file is told its folder by the CLI and the text
loaders too, as Forecaster.load tells it."""

from __future__ import annotations

import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster
from lstmkit.text import _io

TINY = dict(horizon=3, lookback=6, ensemble=1, epochs=1, seed=0, progress=False)


def test_a_typo_close_to_no_keyword_is_told_those_taken_beside_one_that_is() -> None:
    # 'quantile' was told nothing where 'intervall' was told 'interval'
    with pytest.raises(TypeError) as caught:
        Forecaster(horizon=3).predict(3, intervall=0.9, quantile=0.5)
    assert str(caught.value) == (
        "Forecaster.predict() got unknown keyword arguments 'intervall', 'quantile' (did you "
        "mean 'interval' for 'intervall'?); it takes horizon, series, covariates, "
        "future_covariates and interval."
    )


def _periods(last: object) -> pd.Series:
    y = load_dataset("airline")
    index = pd.Index([*y.index.to_period("M")[:-1], last], dtype=object)
    return pd.Series(y.to_numpy(), index=index)


def test_period_objects_with_a_none_are_refused_as_date_objects_are() -> None:
    # fitted on the positions 0 .. 143 without a word
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(_periods(None))
    assert str(caught.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates "
        "as date objects (Period('1949-01', 'M') … Period('1960-11', 'M')) with no date at "
        "position 143 (empty), which would be read as the positions 0 .. 143, without a "
        "calendar or a season; give it its date, or drop that row, then convert it: "
        "series.index = pd.PeriodIndex(series.index)."
    )


def test_period_objects_with_a_nat_are_told_periodindex() -> None:
    # told pd.to_datetime(series.index), which raises "<class 'pandas.Period'> is not
    # convertible to datetime"
    y = _periods(pd.NaT)
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(y)
    assert str(caught.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of Period "
        "objects (Period('1949-01', 'M') … NaT), which would be read as the positions 0 .. 143, "
        "without a calendar or a season; convert it first: series.index = "
        "pd.PeriodIndex(series.index)."
    )
    assert isinstance(pd.PeriodIndex(y.index), pd.PeriodIndex)  # the advice runs


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    folder = tmp_path / "my 'm' é"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"")
    return folder


@pytest.mark.parametrize("name", ["config.json", "model.safetensors"])
def test_the_cli_tells_a_models_own_file_its_folder(saved, name, capsys) -> None:
    # "error: '.../model.safetensors' is a file, not a saved model's folder." alone, where
    # Forecaster.load named the folder
    for argv in (["predict", str(saved / name)], ["explain", str(saved / name), "--step", "0"]):
        assert main(argv) == 2
        assert capsys.readouterr().err == (
            f"error: {str(saved / name)!r} is a file, not a saved model's folder; give the "
            f"folder that holds it, {shlex.quote(str(saved))}.\n"  # as a shell reads it
        )


def test_the_text_loaders_tell_a_models_own_file_its_folder(saved) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        _io.read_config(saved / "config.json", "classifier")
    assert str(caught.value) == (
        f"{str(saved / 'config.json')!r} is a file, not a saved model's folder; load the "
        f"folder that holds it, {str(saved)!r}."
    )
    other = saved.parent / "notes.txt"
    other.write_text("x")
    with pytest.raises(FileNotFoundError) as caught:
        _io.read_config(other, "classifier")
    assert str(caught.value) == f"{str(other)!r} is a file, not a saved model's folder."


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        (
            {"figsize": (12, 4)},
            "BacktestResult.plot() takes no argument `figsize`: matplotlib's figsize is set on "
            "the figure it returns here: bt.plot().set_size_inches(12, 4).",
        ),
        (
            {"contxt": 24},
            "BacktestResult.plot() got unknown keyword argument 'contxt' (did you mean "
            "'context'?).",
        ),
    ],
)
def test_backtest_plot_tells_figsize_and_typos_as_plot_forecast_does(keywords, message) -> None:
    # Python's bare "got an unexpected keyword argument 'figsize'", where
    # plot_forecast(figsize=...) was told its ax=
    bt = Forecaster(**TINY).backtest(load_dataset("airline")[-60:], start=-6, stride=3)
    with pytest.raises(TypeError) as caught:
        bt.plot(**keywords)
    assert str(caught.value) == message
    figure = bt.plot()
    figure.set_size_inches(12, 4)  # the advice runs
    assert tuple(figure.get_size_inches()) == (12, 4)


@pytest.mark.parametrize("start", [10**18, np.int64(10**18), 1e18])
def test_a_number_start_is_not_told_the_times_it_falls_between(start) -> None:
    # "...; 2001-09-09 01:46:40 is none of the series' times: it falls between 2001-09-09 and
    # 2001-09-10": pd.Timestamp read the number as nanoseconds since 1970
    y = pd.Series(np.sin(np.arange(60.0)), index=pd.date_range("2001-08-01", periods=60, freq="D"))
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).backtest(y, start=start)
    assert "falls between" not in str(caught.value)
    assert str(caught.value).startswith(
        "`start` must be a position in 1..57 (or -59..-3 from the end), or one of the series' "
        "times from 2001-08-02 to 2001-09-27 (the first step it forecasts), leaving a whole "
        "horizon (3) of the 60 points after it, got "
    )


def test_bytes_of_a_number_beside_dates_are_told_the_number_as_text_is() -> None:
    # "..., got b'-36'." alone, where '-36' beside dates, and b'-36' beside positions, were
    # told -36
    with pytest.raises(TypeError) as caught:
        Forecaster(**TINY).backtest(load_dataset("airline"), start=b"-36")
    assert str(caught.value) == (
        "`start` must be a position in 1..141 (or -143..-3 from the end), or one of the series' "
        "times from 1949-02-01 to 1960-10-01 (the first step it forecasts), leaving a whole "
        "horizon (3) of the 144 points after it, got b'-36' (a number, not bytes: -36)."
    )


def test_timestamps_with_and_without_a_zone_are_told_utc_true() -> None:
    # told pd.to_datetime(series.index), which raises "Tz-aware datetime.datetime cannot be
    # converted to datetime64 unless utc=True", as for two zones
    stamps = pd.date_range("2024-01-01", periods=6, freq="MS")
    index = pd.Index([*stamps[:3], *stamps[3:].tz_localize("UTC")], dtype=object)
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(pd.Series(np.arange(6.0), index=index))
    assert str(caught.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
        "Timestamp objects (Timestamp('2024-01-01 00:00:00') … Timestamp('2024-06-01 "
        "00:00:00+0000', tz='UTC')), which would be read as the positions 0 .. 5, without a "
        "calendar or a season; convert it first: series.index = pd.to_datetime(series.index, "
        "utc=True).tz_convert(zone), with zone their time zone (they are in UTC and in none, "
        "which pd.to_datetime reads together only into UTC, those in none as UTC times)."
    )
    assert pd.to_datetime(index, utc=True).is_monotonic_increasing  # the advice runs


def test_a_day_in_a_month_of_periods_is_told_the_period_it_falls_within() -> None:
    # "... it falls between 1958-01 and 1958-02", where 1958-01-15 is in 1958-01
    y = load_dataset("airline")
    y.index = y.index.to_period("M")
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).backtest(y, start="1958-01-15")
    assert str(caught.value) == (
        "`start` must be a position in 1..141 (or -143..-3 from the end), or one of the series' "
        "times from 1949-02 to 1960-10 (the first step it forecasts), leaving a whole horizon "
        "(3) of the 144 points after it, got '1958-01-15'; 1958-01-15 is none of the series' "
        "times: it falls within 1958-01."
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda fc, y: fc.fit(y, epochs=5),
            "Forecaster.fit() takes no argument `epochs`: epochs is a field of "
            "ForecasterConfig, given to Forecaster(epochs=...).",
        ),
        (
            lambda fc, y: fc.predict(3, lookback=6),
            "Forecaster.predict() takes no argument `lookback`: lookback is a field of "
            "ForecasterConfig, given to Forecaster(lookback=...).",
        ),
        (
            lambda fc, y: fc.backtest(y, quantile=0.5, batch_size=8, strid=3),
            "Forecaster.backtest() takes no argument `batch_size`: batch_size is a field of "
            "ForecasterConfig, given to Forecaster(batch_size=...). Forecaster.backtest() got "
            "unknown keyword arguments 'quantile', 'strid' (did you mean 'stride' for "
            "'strid'?); it takes series, covariates, future_covariates, start, stride, horizon, "
            "retrain, statistical_baselines and levels.",
        ),
    ],
)
def test_a_config_field_given_to_a_method_is_told_where_it_goes(call, message) -> None:
    # fit(y, epochs=5), as Keras and Darts take it, was told "it takes series, covariates
    # and future_covariates" alone
    with pytest.raises(TypeError) as caught:
        call(Forecaster(horizon=3), load_dataset("airline"))
    assert str(caught.value) == message
