"""Fixes of fc22 (forecasting data and plotting leftovers): Tokyo's business days in UTC with
a holiday told their zone, not a fill; a bundled dataset as a zoned model's newer history told
what can be done; a text-indexed history beside a forecast at positions refused by name."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import plot_forecast

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}

# --- Tokyo's business days in UTC, one holiday (or two) off them ------------------------------


def _tokyo_business_days_but(*holidays: int) -> pd.Series:
    days = pd.date_range("2021-01-04", periods=60, freq="B", tz="Asia/Tokyo").tz_convert("UTC")
    series = pd.Series(np.arange(60.0) + 10, index=pd.DatetimeIndex(days, freq=None))
    return series.drop(series.index[list(holidays)])


BUSINESS_DAYS_BUT = (
    "timestamps in {source} must be regularly spaced (no gaps), got business days of a time "
    "zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, Sundays to "
    "Thursdays (2021-01-03 15:00:00+00:00 first, for 2021-01-04), whose steps are irregular "
    "there and no filled day mends. Read them on their zone's clock, where they are 'B' "
    "steps but for {missing}: {move}."
)
SERIES_MOVE = "series.index = series.index.tz_convert('+09:00') (or the zone's name)"
FILE_MOVE = "write them with their zone's offset, e.g. with pandas: dates.dt.tz_convert('+09:00')"


@pytest.mark.parametrize("fill", [None, "ffill"])
def test_tokyo_business_days_in_utc_with_a_holiday_are_told_their_zone(fill):
    # told a gap of 23 days (their Fridays, Saturdays and the holiday), with `fill` advice
    with pytest.raises(ValueError) as error:
        D.to_frame(_tokyo_business_days_but(10), fill=fill)
    assert str(error.value) == BUSINESS_DAYS_BUT.format(
        source="`series`", missing="1 day missing (2021-01-18)", move=SERIES_MOVE
    )
    # on their zone's clock, the holiday is what is told then
    with pytest.raises(
        ValueError,
        match=r"^timestamps in `series` must be regularly spaced "
        r"\(no gaps\), got irregular steps before 2021-01-19 \(usual step: 1 "
        r"business day\); missing 2021-01-18; pass fill=",
    ):
        D.to_frame(_tokyo_business_days_but(10).tz_convert("+09:00"))


def test_tokyo_business_days_in_a_utc_file_with_holidays_are_told_the_cli_line(tmp_path, capsys):
    series = _tokyo_business_days_but(10, 30)
    csv = tmp_path / "tokyo.csv"
    frame = pd.DataFrame({"date": series.index.strftime("%Y-%m-%dT%H:%M:%SZ"), "y": series})
    frame.to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "date", "--value-col", "y"]
    expected = BUSINESS_DAYS_BUT.format(
        source=repr(str(csv)), missing="2 days missing (2021-01-18, 2021-02-15)", move=FILE_MOVE
    )
    for fill in ([], ["--fill", "ffill"]):
        assert main([*argv, *fill]) == 2
        assert capsys.readouterr().err == f"error: {expected}\n"


def test_business_days_in_utc_at_midnight_with_a_holiday_keep_the_holiday_advice():
    # no zone's midnights (00:00 UTC): the holiday's line, as before
    days = pd.bdate_range("2021-01-04", periods=30, tz="UTC")
    series = pd.Series(np.arange(30.0), index=days).drop(days[10])
    with pytest.raises(ValueError, match=r"2021-01-18 is no business day here \(a holiday\?\)"):
        D.to_frame(series)


# --- predict DIR DATASET for a model in a zone ------------------------------------------------


def test_predict_a_bundled_dataset_for_a_zoned_model_is_told_what_it_can_do(tmp_path, capsys):
    # told to "write them in the file with their UTC offset": a bundled dataset is no file
    airline = D.load_dataset("airline").to_frame().iloc[:, 0]
    series = airline.tz_localize("Europe/Berlin").iloc[-48:]
    Forecaster(horizon=2, interval=None, **QUICK).fit(series).save(tmp_path / "m")
    assert main(["predict", str(tmp_path / "m"), "airline"]) == 2
    assert capsys.readouterr().err == (
        "error: the dataset airline must have timestamps in Europe/Berlin like the training "
        "data's, got timestamps without a time zone (first 1949-01-01 00:00:00): the bundled "
        "datasets have none. Pass the newer history with --csv FILE, its timestamps written "
        "with their UTC offset as the training data's were (its last: 1960-12-01 "
        "00:00:00+01:00), or no dataset, to forecast from the end of the training data.\n"
    )
    assert main(["predict", str(tmp_path / "m"), "--horizon", "2"]) == 0  # as it says


# --- plot_forecast: text beside positions -----------------------------------------------------

TEXT = pd.Series([1.0, 2.0, 3.0, 4.0], index=["a", "b", "c", "d"])


def test_plot_forecast_refuses_a_text_history_beside_positions():
    # drawn: matplotlib put the text at 0, 1, 2, 3, and a forecast at 0 and 1 on 'a' and 'b'
    forecast = pd.DataFrame({"forecast": [5.0, 6.0]})
    with pytest.raises(TypeError) as error:
        plot_forecast(TEXT, forecast, truth=pd.Series([5.5]))
    line = (
        "`{name}` must be indexed as `history` is, by text, got a RangeIndex (positions) "
        "beside `history`'s Index (text): drawn on one axis, text has no place among "
        "positions{but}; give `history` its values alone (history.to_numpy()), drawn at the "
        "positions before the forecast's."
    )
    # (py23: positions 4 onward, predict's after these 4 labels, are drawn)
    but = " but those that continue the history, 4 onward, as predict's after it"
    assert str(error.value) == " ".join(
        [line.format(name="forecast", but=but), line.format(name="truth", but="")]
    )
    fig = plot_forecast(TEXT.to_numpy(), forecast.set_axis(pd.RangeIndex(4, 6)))
    assert [list(line.get_xdata()) for line in fig.axes[0].lines] == [[0, 1, 2, 3], [4, 5]]


def test_plot_forecast_refuses_text_beside_a_positional_history():
    with pytest.raises(TypeError) as error:
        plot_forecast(TEXT.reset_index(drop=True), pd.DataFrame({"forecast": [5.0]}, ["e"]))
    assert str(error.value) == (
        "`forecast` must be indexed as `history` is, by positions, got an Index (text) beside "
        "`history`'s RangeIndex (positions): drawn on one axis, text has no place among "
        "positions; index it by the steps after the history's, e.g. forecast.index = "
        "lstmkit.data.future_index(history.index, len(forecast))."
    )


def test_plot_forecast_refuses_a_positional_truth_beside_text():
    # a truth at position 0 failed inside numpy ('<' between str and int)
    forecast = pd.DataFrame({"forecast": [5.0, 6.0]}, index=["e", "f"])
    with pytest.raises(TypeError) as error:
        plot_forecast(TEXT, forecast, truth=pd.Series([5.5], index=[0]))
    assert str(error.value) == (
        "`truth` must be indexed as `history` is, by text, got an Index (positions) beside "
        "`history`'s Index (text): drawn on one axis, text has no place among positions; give "
        "its values alone (truth.to_numpy()), drawn at the forecast's first steps."
    )
    fig = plot_forecast(TEXT, forecast, truth=np.array([5.5]))  # as it says
    assert [list(line.get_xdata()) for line in fig.axes[0].lines][:2] == [
        ["a", "b", "c", "d"],
        ["d", "e"],
    ]


# --- the line that names a baseline beating the model -----------------------------------------


def test_a_beating_baseline_s_line_prints_the_table_s_numbers(capsys):
    # `forecast --csv umsatz.csv` printed 20668.42 in the table, "RMSE 2.067e+04 against
    # 2.586e+04" under it; a backtest's 2023.09, "RMSE 2023"
    from lstmkit.cli._forecast_run import _beaten, _metric_rows

    table = {
        "model": {"rmse": 25863.94, "mae": 20972.97},
        "naive": {"rmse": 55245.74, "mae": 43104.13},
        "seasonal_naive": {"rmse": 20668.42, "mae": 17615.48},
    }
    _beaten(table, "on the holdout")
    assert capsys.readouterr().out == (
        "(seasonal_naive beats the model on the holdout: RMSE 20668.42 against 25863.94)\n"
    )
    table = {"model": {"rmse": 0.0123, "mae": 0.01}, "naive": {"rmse": 0.00991, "mae": 0.009}}
    _beaten(table, "over the backtest")
    assert capsys.readouterr().out == (
        "(naive beats the model over the backtest: RMSE 0.0099 against 0.0123)\n"
    )
    full = {k: {**v, "mape": 1.0, "smape": 1.0, "mase": 1.0} for k, v in table.items()}
    assert [row[1] for row in _metric_rows(full)] == ["0.0123", "0.0099"]  # as the table
