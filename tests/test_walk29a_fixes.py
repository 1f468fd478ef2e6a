"""walk29a: README's "From Python" (first half) walked by a pandas/Darts user: misspelt keywords
of fit/predict/backtest told the one meant, an index of Period or two-zone Timestamp objects
told its conversion, past covariates in another time zone read at the same instants,
encoder_inputs() named in its own refusal, and a newer history's weeks told both weekdays."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from lstmkit.data import future_index, load_dataset, split_windows, time_split
from lstmkit.forecast import Forecaster, plot_forecast

TINY = dict(horizon=3, lookback=6, ensemble=1, epochs=1, seed=0, progress=False)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda fc, y: fc.predict(3, intervall=0.9),
            "Forecaster.predict() got unknown keyword argument 'intervall' (did you mean "
            "'interval'?).",
        ),
        (
            lambda fc, y: fc.predict(3, interval=0.9, intervall=0.8),
            "Forecaster.predict() got unknown keyword argument 'intervall' ('intervall' is "
            "close to 'interval', which is given too).",
        ),
        (
            lambda fc, y: fc.predict(n=3, intervall=0.9),
            "Forecaster.predict() takes no argument `n`: Darts' n is `horizon` here. "
            "Forecaster.predict() got unknown keyword argument 'intervall' (did you mean "
            "'interval'?).",
        ),
        (
            lambda fc, y: fc.predict(h=12),
            "Forecaster.predict() takes no argument `h`: StatsForecast's h is `horizon` here "
            "(predict(12) for predict(h=12)).",
        ),
        (
            lambda fc, y: fc.predict(3, quantile=0.9),
            "Forecaster.predict() got unknown keyword argument 'quantile'; it takes horizon, "
            "series, covariates, future_covariates and interval.",
        ),
        (
            lambda fc, y: fc.fit(y, covariate=y),
            "Forecaster.fit() got unknown keyword argument 'covariate' (did you mean "
            "'covariates'?).",
        ),
        (
            lambda fc, y: fc.backtest(y, strides=12, levls=(0.5,)),
            "Forecaster.backtest() got unknown keyword arguments 'strides', 'levls' (did you "
            "mean 'stride' for 'strides', 'levels' for 'levls'?).",
        ),
        (
            lambda fc, y: time_split(10, tests=2),
            "time_split() got unknown keyword argument 'tests' (did you mean 'test'?).",
        ),
        (
            lambda fc, y: split_windows(np.arange(20.0), 3, 1, vall=2),
            "split_windows() got unknown keyword argument 'vall' (did you mean 'val'?).",
        ),
    ],
)
def test_misspelt_keywords_are_told_the_one_meant(call, message) -> None:
    # Python's bare "Forecaster.predict() got an unexpected keyword argument 'intervall'",
    # where Forecaster(horizn=12) was asked "did you mean 'horizon'?"
    with pytest.raises(TypeError) as caught:
        call(Forecaster(horizon=3), load_dataset("airline"))
    assert str(caught.value) == message


def test_keywords_taken_still_pass() -> None:
    assert time_split(10, val=2, test=2) == (slice(0, 6), slice(6, 8), slice(8, 10))


def test_an_index_of_period_objects_is_refused_with_its_periodindex() -> None:
    # read as the positions 0 .. 143 without a word ("fitted on 144 points of value up to 143,
    # season 1"), where an index of datetime.date objects was refused
    y = load_dataset("airline")
    periods = pd.Index(list(y.index.to_period("M")), dtype=object)
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(pd.Series(y.to_numpy(), index=periods))
    assert str(caught.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
        "Period objects (Period('1949-01', 'M') … Period('1960-12', 'M')), which would be read "
        "as the positions 0 .. 143, without a calendar or a season; convert it first: "
        "series.index = pd.PeriodIndex(series.index)."
    )
    assert pd.PeriodIndex(periods).equals(y.index.to_period("M"))  # the advice runs
    with pytest.raises(ValueError) as caught:
        future_index(periods[:3], 2)
    assert str(caught.value) == (
        "`index` must be a DatetimeIndex (or a PeriodIndex) for dates, got an index of Period "
        "objects (Period('1949-01', 'M') … Period('1949-03', 'M')), whose steps have no "
        "calendar; convert it first: pd.PeriodIndex(index)."
    )


def test_timestamps_of_two_zones_are_told_utc_true() -> None:
    # told pd.to_datetime(series.index), which raises "Tz-aware datetime.datetime cannot be
    # converted to datetime64 unless utc=True"
    stamps = pd.date_range("2024-01-01", periods=6, freq="MS")
    index = pd.Index(
        [*stamps[:3].tz_localize("UTC"), *stamps[3:].tz_localize("Europe/Paris")], dtype=object
    )
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(pd.Series(np.arange(6.0), index=index))
    assert str(caught.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
        "Timestamp objects (Timestamp('2024-01-01 00:00:00+0000', tz='UTC') … "
        "Timestamp('2024-06-01 00:00:00+0200', tz='Europe/Paris')), which would be read as the "
        "positions 0 .. 5, without a calendar or a season; convert it first: series.index = "
        "pd.to_datetime(series.index, utc=True).tz_convert(zone), with zone their time zone "
        "(they are in UTC and Europe/Paris, which pd.to_datetime reads together only into UTC)."
    )
    assert pd.to_datetime(index, utc=True).tz_convert("Europe/Paris").is_monotonic_increasing


@pytest.mark.parametrize(
    ("series", "zone"),
    [
        # month starts in UTC are 09:00 in Tokyo: "must be regularly spaced, got 144 of 144 off
        # a month's start", told a fix that dropped their zone
        (load_dataset("airline").tz_localize("UTC"), "Asia/Tokyo"),
        # days in Paris are 23 and 25 hours apart in UTC: "irregular steps before
        # 2024-03-31 22:00:00+00:00"
        (
            pd.Series(
                np.sin(np.arange(60) / 5) + 5,
                pd.date_range("2024-03-01", periods=60, freq="D", tz="Europe/Paris"),
                name="s",
            ),
            "UTC",
        ),
    ],
)
def test_past_covariates_in_another_zone_are_the_same_instants(series, zone) -> None:
    # the README: "a pandas object's rows are the same instants, in any time zone"; future
    # covariates were read so, past ones checked for regular steps on their own clock first
    values = np.linspace(0.0, 1.0, len(series)) ** 2
    ours = pd.Series(values, series.index, name="c")
    fitted = Forecaster(**TINY).fit(series, covariates=ours.tz_convert(zone))
    same = Forecaster(**TINY).fit(series, covariates=ours)
    assert fitted.history().equals(same.history())
    assert str(fitted.history().index.tz) == str(series.index.tz)
    pd.testing.assert_frame_equal(fitted.predict(3), same.predict(3), check_exact=True)
    newer = fitted.predict(3, series=series, covariates=ours.tz_convert(zone))
    pd.testing.assert_frame_equal(newer, same.predict(3, series=series, covariates=ours))


def test_encoder_inputs_names_itself_for_future_covariates_without_series() -> None:
    # encoder_inputs(future_covariates=...) was told "... go with `series` in history()"
    days = pd.date_range("2024-01-01", periods=43, freq="D")
    promo = pd.Series(np.arange(43) % 3 == 0, days, name="promo").astype(float)
    sales = (20 + 8 * promo[:40]).rename("sales")
    fc = Forecaster(**{**TINY, "season_length": 1}).fit(sales, future_covariates=promo)
    for method in ("history", "encoder_inputs"):
        with pytest.raises(ValueError) as caught:
            getattr(fc, method)(future_covariates=promo)
        assert str(caught.value) == (
            f"`future_covariates` go with `series` in {method}(): their values over that newer "
            "history. Those of the forecast steps go to predict(h, future_covariates=...)."
        )


def test_weeks_on_another_weekday_are_told_both_weekdays() -> None:
    # "(7D), got W-TUE": the README says weeks on another weekday are another frequency, and
    # the message named two codes of one week; "7D on Tuesdays" was told its weekday already
    mondays = pd.Series(np.arange(60.0) + 10, pd.date_range("2020-01-06", periods=60, freq="7D"))
    fc = Forecaster(**{**TINY, "season_length": 1}).fit(mondays)
    for freq, got in [("W-TUE", "W-TUE"), ("7D", "7D on Tuesdays")]:
        tuesdays = pd.Series(mondays.to_numpy(), pd.date_range("2020-01-07", periods=60, freq=freq))
        with pytest.raises(ValueError) as caught:
            fc.predict(3, series=tuesdays)
        assert str(caught.value) == (
            f"`series` must have the training data's frequency (7D on Mondays), got {got}."
        )
    same = pd.Series(mondays.to_numpy(), pd.date_range("2020-01-06", periods=60, freq="W-MON"))
    pd.testing.assert_frame_equal(
        fc.predict(3, series=same), fc.predict(3, series=mondays), check_freq=False
    )


def test_plot_forecast_tells_figsize_and_misspelt_keywords() -> None:
    # Python's bare "plot_forecast() got an unexpected keyword argument 'figsize'"
    y = load_dataset("airline")
    pred = pd.DataFrame({"forecast": y[-12:].to_numpy()}, index=y.index[-12:])
    with pytest.raises(TypeError) as caught:
        plot_forecast(y[:-12], pred, y[-12:], figsize=(12, 4), paht="forecast.png")
    assert str(caught.value) == (
        "plot_forecast() takes no argument `figsize`: matplotlib's figsize is that of a figure "
        "of your own here: fig, ax = plt.subplots(figsize=(12, 4)), then "
        "plot_forecast(..., ax=ax). plot_forecast() got unknown keyword argument 'paht' "
        "(did you mean 'path'?)."
    )
    fig, ax = plt.subplots(figsize=(12, 4))
    assert plot_forecast(y[:-12], pred, ax=ax) is fig  # the advice runs
    plt.close(fig)


def test_loading_a_model_file_is_told_its_folder(tmp_path) -> None:
    # "'.../model.safetensors' is a file, not the folder of a saved model (...)." named no
    # folder to pass (Keras loads its one .keras file)
    y = load_dataset("airline")
    Forecaster(**TINY).fit(y).save(tmp_path / "m")
    for name in ("model.safetensors", "config.json"):
        with pytest.raises(FileNotFoundError) as caught:
            Forecaster.load(tmp_path / "m" / name)
        assert str(caught.value) == (
            f"{str(tmp_path / 'm' / name)!r} is a file, not the folder of a saved model "
            "(config.json and model.safetensors); load the folder that holds it, "
            f"{str(tmp_path / 'm')!r}."
        )
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(FileNotFoundError) as caught:
        Forecaster.load(tmp_path / "notes.txt")
    assert str(caught.value) == (
        f"{str(tmp_path / 'notes.txt')!r} is a file, not the folder of a saved model "
        "(config.json and model.safetensors)."
    )


def test_a_start_between_two_times_or_a_number_as_text_is_told_so() -> None:
    # "1958-01-15" in monthly data was told the range of times alone, which holds it; "-36"
    # beside dates (text may be a time) was not told the number it reads as
    y = load_dataset("airline")
    fc = Forecaster(**{**TINY, "horizon": 12}).fit(y[:-36])
    head = (
        "`start` must be a position in 1..132 (or -143..-12 from the end), or one of the "
        "series' times from 1949-02-01 to 1960-01-01 (the first step it forecasts), leaving a "
        "whole horizon (12) of the 144 points after it, got "
    )
    between = "is none of the series' times: it falls between 1958-01-01 and 1958-02-01."
    for start, said in [
        ("1958-01-15", "'1958-01-15'; 1958-01-15"),
        (pd.Timestamp("1958-01-15 06:00"), "Timestamp('1958-01-15 06:00:00'); 1958-01-15 06:00:00"),
    ]:
        with pytest.raises(ValueError) as caught:
            fc.backtest(y, start=start, retrain=False)
        assert str(caught.value) == f"{head}{said} {between}"
    with pytest.raises(ValueError) as caught:
        fc.backtest(y, start="-36", retrain=False)
    assert str(caught.value) == head + "'-36' (a number, not text: -36)."
    with pytest.raises(ValueError) as caught:
        fc.backtest(y, start="1970", retrain=False)  # a year, as "1958" is: no number told
    assert str(caught.value) == head + "'1970'."
    bt = fc.backtest(y, start="1958", retrain=False)
    assert str(bt.forecasts["origin"].iloc[0].date()) == "1958-01-01"
