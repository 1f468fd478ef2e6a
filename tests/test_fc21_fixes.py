"""Fixes of the fc21 pass (forecasting leftovers): a saved history no log reads, business days
of a zone east of UTC written in UTC, the zone advice of ``explain DIR --csv``, plan rows no
step reads out of order, a forecast by positions drawn beside dates, clock offsets in hours and
minutes, and one helper each for a step back in time and the CLI's name of `series`."""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import _time_shift, plot_forecast

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 6, "hidden_size": 4, "seed": 0}


# --- 1. a saved history that no log reads -----------------------------------------------------


def _log_model(tmp_path: Path) -> tuple[Forecaster, Path]:
    series = D.load_dataset("airline")
    model = Forecaster(horizon=2, transform="log", interval=None, **QUICK).fit(series)
    model.save(tmp_path / "m")
    return model, tmp_path / "m"


SAVED_NOT_POSITIVE = (
    "the model's training data must be strictly positive in the last 6 points the forecast "
    "reads: the model was fitted on the logarithm (transform='log' on positive training "
    "data); got {got} at 1960-11-01."
)


def test_explain_dir_refuses_a_saved_history_no_log_reads_as_predict_dir_does(
    tmp_path, edit_saved, capsys
):
    # `lstmkit explain DIR` printed +nan relevances (predict DIR refused it: test_nan20_fixes)
    _, folder = _log_model(tmp_path)
    with edit_saved(folder) as saved:
        saved["state"]["history"]["values"][-2][0] = 0.0
    capsys.readouterr()
    for command in ("explain", "predict"):
        assert main([command, str(folder)]) == 2
        captured = capsys.readouterr()
        assert "nan" not in captured.out
        assert captured.err == "error: " + SAVED_NOT_POSITIVE.format(got=0) + "\n"


def test_a_loaded_model_refuses_to_forecast_from_such_a_saved_history(tmp_path, edit_saved):
    # it forecast NaN
    _, folder = _log_model(tmp_path)
    with edit_saved(folder) as saved:
        saved["state"]["history"]["values"][-2][0] = -5.0
    model = Forecaster.load(folder)  # loaded: its history is read where it is used
    for use in (lambda: model.predict(2), model.history, model.encoder_inputs):
        with pytest.raises(ValueError) as error:
            use()
        assert str(error.value) == SAVED_NOT_POSITIVE.format(got=-5)


def test_the_history_of_a_fitted_model_is_checked_as_a_loaded_one(tmp_path):
    model, _ = _log_model(tmp_path)
    model.state_["history"]["values"][-2][0] = -5.0
    with pytest.raises(ValueError) as error:
        model.predict(2)
    assert str(error.value) == SAVED_NOT_POSITIVE.format(got=-5)
    model.state_["history"]["values"][-2][0] = 400.0
    assert model.predict(2)["forecast"].notna().all()


# --- 2. business days of a zone east of UTC, written in UTC -----------------------------------


def _tokyo_in_utc(freq: str) -> pd.Series:
    index = pd.date_range("2021-01-04", periods=60, freq=freq, tz="Asia/Tokyo").tz_convert("UTC")
    return pd.Series(np.arange(60.0) + 10, index=index)


TOKYO_BUSINESS_DAYS = (
    "timestamps in {source} must be regularly spaced (no gaps), got business days of a time "
    "zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, Sundays to "
    "Thursdays (2021-01-03 15:00:00+00:00 first, for 2021-01-04), whose steps are irregular "
    "there and no filled day mends. Read them on their zone's clock, where they are 'B' "
    "steps: {move}."
)


def test_tokyo_business_days_in_utc_are_told_their_zone_not_a_fill():
    # refused as a gap with `fill` advice, which would insert Fridays and Saturdays
    series = _tokyo_in_utc("B")
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value) == TOKYO_BUSINESS_DAYS.format(
        source="`series`",
        move="series.index = series.index.tz_convert('+09:00') (or the zone's name)",
    )
    assert D.to_frame(series.tz_convert("+09:00")).index.freqstr == "B"
    assert D.to_frame(series.tz_convert("Asia/Tokyo")).index.freqstr == "B"


def test_tokyo_business_days_in_a_utc_file_are_told_the_cli_line(tmp_path, capsys):
    series = _tokyo_in_utc("B")
    csv = tmp_path / "tokyo.csv"
    frame = pd.DataFrame({"date": series.index.strftime("%Y-%m-%dT%H:%M:%SZ"), "y": series})
    frame.to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "date", "--value-col", "y"]
    assert main(argv) == 2
    move = "write them with their zone's offset, e.g. with pandas: dates.dt.tz_convert('+09:00')"
    expected = TOKYO_BUSINESS_DAYS.format(source=repr(str(csv)), move=move)
    assert capsys.readouterr().err == f"error: {expected}\n"


def test_tokyo_days_in_utc_are_still_only_noted():
    with pytest.warns(UserWarning) as seen:
        frame = D.to_frame(_tokyo_in_utc("D"))
    assert frame.index.freqstr == "D"
    assert [str(w.message) for w in seen] == [
        "timestamps in `series` are daily steps at 15:00 in UTC (2021-01-03 15:00:00+00:00 "
        "first), the midnights of a time zone at UTC+09:00: if they are its days, the forecast "
        "is labelled, and the calendar inputs read, the day before (2021-01-03 for 2021-01-04); "
        "read them on their zone's clock: series.index = series.index.tz_convert('+09:00') (or "
        "the zone's name). Steps at 15:00 UTC meant: nothing to change."
    ]


# --- 3. another zone than the model's, through the CLI ----------------------------------------


def _zoned_run(tmp_path: Path) -> Path:
    days = pd.date_range("2021-01-04", periods=40, freq="D", tz="Europe/Berlin")
    values = 10 + np.sin(np.arange(40.0))
    csv = tmp_path / "zoned.csv"
    pd.DataFrame({"date": days.strftime("%Y-%m-%dT%H:%M:%S%z"), "y": values}).to_csv(
        csv, index=False
    )
    quick = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--hidden-size", "4"]
    argv = ["forecast", "--csv", str(csv), "--date-col", "date", "--value-col", "y"]
    assert (
        main(
            [*argv, *quick, "--horizon", "2", "--no-stat-baselines", "--out", str(tmp_path / "run")]
        )
        == 0
    )
    naive = tmp_path / "naive.csv"
    pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "y": values}).to_csv(naive, index=False)
    return naive


def test_explain_dir_csv_in_another_zone_is_told_the_file_s_line(tmp_path, capsys, undrawn_figures):
    # `explain DIR --csv` was told Python's series.index.tz_localize('UTC+01:00')
    naive = _zoned_run(tmp_path)
    capsys.readouterr()
    expected = (
        f"error: --csv {str(naive)!r} must have timestamps in UTC+01:00 like the training "
        "data's, got timestamps without a time zone (first 2021-01-04 00:00:00); write them in "
        "the file with their UTC offset (2021-01-01 00:00+01:00), as the training data's were "
        "written.\n"
    )
    for command in ("explain", "predict"):
        assert main([command, str(tmp_path / "run"), "--csv", str(naive)]) == 2
        assert capsys.readouterr().err == expected


def test_python_keeps_the_python_line_for_another_zone(tmp_path):
    days = pd.date_range("2021-01-04", periods=40, freq="D", tz="Europe/Berlin")
    series = pd.Series(10 + np.sin(np.arange(40.0)), days)
    model = Forecaster(horizon=2, interval=None, **QUICK).fit(series)
    with pytest.raises(ValueError) as error:
        model.predict(2, series=series.tz_localize(None))
    assert str(error.value) == (
        "`series` must have timestamps in Europe/Berlin like the training data's, got "
        "timestamps without a time zone (first 2021-01-04 00:00:00); e.g. series.index = "
        "series.index.tz_localize('Europe/Berlin')."
    )


# --- 4. plan rows that no step reads, out of order --------------------------------------------


def test_plan_rows_after_the_steps_are_not_refused_for_their_order(promo_plan):
    fc, promo = promo_plan.fitted()
    plan = promo[40:]
    after = pd.Series(
        [1.0, 0.0, 1.0], pd.to_datetime(["2021-02-20", "2021-02-18", "2021-02-25"]), name="promo"
    )
    expected = fc.predict(4, future_covariates=plan)
    # a gap among them was accepted, the same rows out of order refused
    gap = fc.predict(4, future_covariates=pd.concat([plan, after.sort_index()]))
    unsorted = fc.predict(4, future_covariates=pd.concat([plan, after]))
    pd.testing.assert_frame_equal(gap, expected)
    pd.testing.assert_frame_equal(unsorted, expected)


def test_plan_rows_the_steps_read_out_of_order_are_still_refused(promo_plan):
    fc, promo = promo_plan.fitted()
    plan = promo[40:]
    swapped = pd.concat([plan.iloc[[1, 0, 2, 3]], promo[:0]])
    with pytest.raises(ValueError) as error:
        fc.predict(4, future_covariates=swapped)
    assert str(error.value) == (
        "timestamps in `future_covariates` must be sorted in increasing order, got 2021-02-10 "
        "after 2021-02-11 (position 1); sort them first: future_covariates.sort_index()."
    )


# --- 5. a forecast by positions beside a dated history ----------------------------------------


def test_a_forecast_by_positions_beside_dates_is_refused_naming_both_indexes():
    # drawn near 1970: positions read as nanoseconds
    history = D.load_dataset("airline")
    forecast = pd.DataFrame({"forecast": [400.0, 410.0, 420.0]})
    truth = pd.Series([1.0, 2.0, 3.0])
    with pytest.raises(TypeError) as error:
        plot_forecast(history, forecast, truth)
    assert str(error.value) == (
        "`forecast` must be indexed as `history` is, by timestamps, got a RangeIndex "
        "(positions) beside `history`'s DatetimeIndex (timestamps): drawn on one axis, "
        "positions read as nanoseconds after 1970; index it by the steps after the history's, "
        "e.g. forecast.index = lstmkit.data.future_index(history.index, len(forecast)). "
        "`truth` must be indexed as `history` is, by timestamps, got a RangeIndex (positions) "
        "beside `history`'s DatetimeIndex (timestamps): drawn on one axis, positions read as "
        "nanoseconds after 1970; index it by the steps after the history's, e.g. truth.index = "
        "lstmkit.data.future_index(history.index, len(truth))."
    )
    forecast.index = D.future_index(history.index, len(forecast))
    fig = plot_forecast(history, forecast)
    line = fig.axes[0].get_lines()[-1]
    assert pd.Timestamp(line.get_xdata()[0]) == pd.Timestamp("1961-01-01")


def test_a_dated_forecast_beside_a_history_by_positions_is_refused_too():
    history = pd.Series(np.arange(24.0) + 100)
    forecast = pd.DataFrame(
        {"forecast": [1.0, 2.0]}, index=pd.date_range("2021-01-01", periods=2, freq="D")
    )
    with pytest.raises(TypeError) as error:
        plot_forecast(history, forecast)
    assert str(error.value) == (
        "`forecast` must be indexed as `history` is, by positions, got a DatetimeIndex "
        "(timestamps) beside `history`'s RangeIndex (positions): drawn on one axis, positions "
        "read as nanoseconds after 1970; give `history` by its timestamps, or its values alone "
        "(history.to_numpy()), drawn at the steps before the forecast's."
    )
    plot_forecast(history.to_numpy(), forecast)  # the advice passes


# --- 6. clock offsets in hours and minutes ----------------------------------------------------


def test_clock_offsets_are_said_in_hours_and_minutes():
    minute = 60 * 10**9
    assert D._offset_words(330 * minute) == "5 hours 30 minutes"
    assert D._offset_words(345 * minute) == "5 hours 45 minutes"
    assert D._offset_words(61 * minute + 10**9) == "1 hour 1 minute 1 second"
    assert D._offset_words(9 * 60 * minute) == "9 hours"
    assert D._offset_words(45 * minute) == "45 minutes"
    assert D._offset_words(24 * 60 * minute) == "1 day"
    assert D._offset_words(3 * 10**9 // 2) == "0 days 00:00:01.500000"
    # steps keep pandas' largest whole unit ("90min")
    assert D._duration(90 * minute) == "90 minutes"


def test_india_month_starts_in_utc_say_their_offset_in_hours_and_minutes():
    index = pd.date_range("2019-01-01", periods=24, freq="MS", tz="Asia/Kolkata")
    with pytest.raises(ValueError) as error:
        D.to_frame(pd.Series(np.arange(24.0), index.tz_convert("UTC")))
    assert str(error.value).startswith(
        "timestamps in `series` must be on the clock of the months they stand for, got every "
        "one 5 hours 30 minutes before a month's start in UTC (2018-12-31 18:30:00+00:00 for "
        "2019-01-01):"
    )


def test_a_shift_of_hours_and_minutes_is_said_and_written_so():
    steps = pd.date_range("2021-01-01 09:00", periods=4, freq="D")
    given = steps + pd.Timedelta(minutes=330)
    assert _time_shift(given, steps, "covariates") == (
        "they are stamped 5 hours 30 minutes after them (2021-01-01 14:30:00 beside "
        "2021-01-01 09:00:00); shift them onto the steps, covariates.index = covariates.index "
        "- pd.Timedelta(hours=5, minutes=30)"
    )
    assert given - pd.Timedelta(hours=5, minutes=30) is not None
    assert (given - pd.Timedelta(hours=5, minutes=30)).equals(steps)


# --- 7. one helper each -----------------------------------------------------------------------


def test_a_categorical_index_out_of_order_names_the_step_back_as_unsorted_does():
    dates = pd.to_datetime(["2021-01-01", "2021-01-02", "2021-01-04", "2021-01-03"])
    index = pd.CategoricalIndex(dates, categories=dates[[3, 2, 1, 0]])
    with pytest.raises(ValueError) as error:
        D.to_frame(pd.Series(np.arange(4.0), index=index))
    assert str(error.value).startswith(
        "timestamps in `series` must be sorted in increasing order, got 2021-01-03 after "
        "2021-01-04 (position 3); its CategoricalIndex"
    )
    assert D._first_step_back(pd.DatetimeIndex(dates)) == "2021-01-03 after 2021-01-04 (position 3)"


def test_explain_names_its_series_as_predict_does():
    from lstmkit.cli._forecast_run import _source

    explain = argparse.Namespace(csv=None)  # explain takes no dataset
    assert _source(explain) == "the model's training data"
    assert _source(argparse.Namespace(csv="new.csv")) == "--csv 'new.csv'"
    assert _source(argparse.Namespace(csv=None, dataset="airline")) == "the dataset airline"
