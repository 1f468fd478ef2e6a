"""left34a: forecasting left-overs (backtest's fit(X, y) order, the CSV reader, configs)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 6, "hidden_size": 4, "seed": 0}


# --- 1. backtest(X, y) ----------------------------------------------------------------------


def test_backtest_x_y_by_position_is_refused_as_fit_refuses_it(target_temp_price: pd.DataFrame):
    # backtest(X, y) fitted 'temp' from 'price' and y at every origin without a word, where
    # fit(X, y) was refused
    df = target_temp_price
    X, y = df[["temp", "price"]], df["y"]
    fc = Forecaster(horizon=3, interval=None, **QUICK)
    with pytest.raises(ValueError) as err:
        fc.backtest(X, y, statistical_baselines=False)
    assert str(err.value) == (
        "`series` is the target (a frame's first column) and `covariates` past inputs beside "
        "it, got a `series` of 2 columns ['temp', 'price'] and 1-D `covariates` by position: "
        "scikit-learn's backtest(X, y) order, which would forecast 'temp' from 'price' and "
        "'y'. Pass the target first, backtest(y, covariates=X); or, to forecast X's first "
        "column from its others and y, name y: backtest(X, covariates=y)."
    )
    with pytest.raises(ValueError, match=r"backtest\(X, y\) order, which would forecast `se"):
        fc.backtest(X.to_numpy(), y.to_numpy(), statistical_baselines=False)
    # both ways out run, each forecasting the target it says
    kept = {"start": -3, "statistical_baselines": False}
    assert fc.backtest(y, covariates=X, **kept).series.name == "y"
    assert fc.backtest(X, covariates=y, **kept).series.name == "temp"


# --- 4. rows that end with the separator ---------------------------------------------------


def _months_csv(path, header: str, end: str) -> None:
    rows = [f"2020-{m:02d}-01,{100 + m}.5{end}\n" for m in range(1, 7)]
    path.write_text(header + "\n" + "".join(rows), "utf-8")


@pytest.mark.parametrize("header", ["date,value", "date,value,"])
def test_rows_that_end_with_the_separator_are_read_as_the_file_holds_them(tmp_path, header):
    # "2020-01-01,101.5," below "date,value" was read with the dates as pandas' index and
    # the values under "date": a TypeError ("can only concatenate str (not "int") to str")
    from lstmkit.data import read_csv

    path = tmp_path / "excel.csv"
    _months_csv(path, header, ",")
    frame = read_csv(path, "date", "value")
    assert frame["value"].tolist() == [101.5, 102.5, 103.5, 104.5, 105.5, 106.5]
    assert str(frame.index[0]) == "2020-01-01 00:00:00"
    assert frame.index.freqstr == "MS"


def test_a_row_of_the_date_alone_with_separators_is_a_missing_value_not_a_blank_line(
    tmp_path, monkeypatch
):
    # "2020-02-01,," is no blank line: its date is there
    from lstmkit.data import read_csv

    monkeypatch.chdir(tmp_path)
    path = Path("gap.csv")
    path.write_text("date,value\n2020-01-01,5,\n2020-02-01,,\n\n2020-03-01,7,\n", "utf-8")
    with pytest.raises(ValueError, match=r"got NaN in column 'value' of 'gap.csv' at 2020-02-01"):
        read_csv(path, "date", "value")
    filled = read_csv(path, "date", "value", fill="ffill")
    assert filled["value"].tolist() == [5.0, 5.0, 7.0]


def test_a_row_with_a_value_past_the_header_s_fields_is_refused_naming_its_line(tmp_path):
    # with its extra field not empty, it was refused as "the integer index of column 'date'
    # must rise by one constant step, got 1 then 1": pandas' index, not the file
    from lstmkit.data import CSVFileError, read_csv

    path = tmp_path / "split.csv"
    path.write_text("date,value\n2020-01-01,5,\n2020-02-01,1,200\n2020-03-01,7,\n", "utf-8")
    with pytest.raises(CSVFileError) as err:
        read_csv(path, "date", "value")
    assert str(err.value) == (
        "CSV file 'split.csv' cannot be read as a table (line 3 has 3 fields, its header 2, "
        "and a field past the header's holds '200'); every row must have the header's 2 "
        "fields; a value holding the separator ',' must be quoted."
    )


def test_series_names_of_a_long_file_read_its_column_not_pandas_index(tmp_path, monkeypatch):
    # with a value past the header's fields, the names were another column's: ['1', '6']
    from lstmkit.data import CSVFileError, series_names

    monkeypatch.chdir(tmp_path)
    Path("ends.csv").write_text("date,store,value\n2020-01-01,A,5,\n2020-01-01,B,7,\n", "utf-8")
    assert series_names("ends.csv", "store") == ["A", "B"]
    Path("split.csv").write_text("date,store,value\n2020-01-01,A,1,200\n2020-02-01,A,6\n", "utf-8")
    with pytest.raises(CSVFileError) as err:
        series_names("split.csv", "store")
    assert str(err.value) == (
        "CSV file 'split.csv' cannot be read as a table (line 2 has 4 fields, its header 3, "
        "and a field past the header's holds '200'); every row must have the header's 3 "
        "fields; a value holding the separator ',' must be quoted."
    )


def test_the_forecast_command_reads_rows_that_end_with_the_separator(tmp_path, undrawn_figures):
    from lstmkit.cli import main

    path = tmp_path / "excel.csv"
    months = pd.date_range("2020-01-01", periods=36, freq="MS")
    values = 100 + 10 * np.sin(np.arange(36) * 2 * np.pi / 12)
    path.write_text(
        "date,value\n"
        + "".join(f"{d:%Y-%m-%d},{v:.2f},\n" for d, v in zip(months, values, strict=True)),
        "utf-8",
    )
    out = tmp_path / "run"
    args = ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "value"]
    quick = ["--epochs", "1", "--ensemble", "1", "--horizon", "3", "--no-progress"]
    assert main([*args, *quick, "--out", str(out)]) == 0
    written = pd.read_csv(out / "forecast.csv")
    assert written["timestamp"].tolist() == ["2022-10-01", "2022-11-01", "2022-12-01"]
    assert written["y_true"].tolist() == pytest.approx(values[-3:].round(2).tolist())


# --- 5. sep equal to thousands ---------------------------------------------------------------


def test_sep_and_thousands_alike_read_quoted_numbers_and_refuse_split_ones(tmp_path, monkeypatch):
    # a comma-separated file of quoted "1,200" needs thousands=',' (the reader's own hint), so
    # the pair is not refused as such; an unquoted 1,200 it splits is refused naming both
    from lstmkit.data import read_csv

    monkeypatch.chdir(tmp_path)
    quoted = Path("quoted.csv")
    quoted.write_text(
        'date,value\n2020-01-01,"1,200"\n2020-02-01,"1,300"\n2020-03-01,"1,250"\n', "utf-8"
    )
    frame = read_csv(quoted, "date", "value", sep=",", thousands=",")
    assert frame["value"].tolist() == [1200.0, 1300.0, 1250.0]
    split = Path("split.csv")
    split.write_text("date,value\n2020-01-01,1,200\n2020-02-01,1,300\n", "utf-8")
    with pytest.raises(ValueError) as err:
        read_csv(split, "date", "value", sep=",", thousands=",")
    assert str(err.value) == (
        "`sep` and `thousands` are both ',', and line 2 of 'split.csv' has more fields (3) than "
        "its header (2): an unquoted number holding the thousands separator is split into two "
        "fields (1,200 read as 1 and 200); pass the file's separator as `sep` (';' for many "
        'European spreadsheets), or quote each value that holds the mark ("1,200").'
    )


def test_the_command_line_names_both_flags_for_a_split_thousands(tmp_path, capsys):
    from lstmkit.cli import main

    split = tmp_path / "split.csv"
    split.write_text("date,value\n2020-01-01,1,200\n2020-02-01,1,300\n", "utf-8")
    args = ["forecast", "--csv", str(split), "--date-col", "date", "--value-col", "value"]
    assert main([*args, "--thousands", ",", "--out", str(tmp_path / "run")]) != 0
    assert capsys.readouterr().err.strip() == (
        "error: --sep and --thousands are both ',' (',' is --sep's default), and line 2 of "
        f"{str(split)!r} has more fields (3) than its header (2): an unquoted number holding "
        "the thousands separator is split into two fields (1,200 read as 1 and 200); pass the "
        "file's separator with --sep (';' for many European spreadsheets), or quote each "
        'value that holds the mark ("1,200").'
    )


# --- 7. an array for a config's number -------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: __import__("lstmkit.train").train.TrainConfig(lr=np.array(0.01)),
            "`lr` must be a positive finite number, got array(0.01) "
            "(give a Python number: float(x)).",
        ),
        (
            lambda: ForecasterConfig(lr=np.array(0.01)),
            "`lr` must be a positive finite number, got array(0.01) "
            "(give a Python number: float(x)).",
        ),
        (
            lambda: ForecasterConfig(hidden_size=np.array([3])),
            "`hidden_size` must be a positive integer, got array([3]).",
        ),
        (
            lambda: ForecasterConfig(epochs=[300]),
            "`epochs` must be a positive integer, got [300].",
        ),
    ],
)
def test_a_config_refuses_an_array_for_a_number_as_a_wrong_type_like_the_nn_layers(make, message):
    # a ValueError here where LSTM(dropout=np.array(0.1)) is a TypeError: now both (the
    # ValueError the configs raised before still catches it), the message as it was
    from lstmkit._checks import ConfigTypeError

    with pytest.raises(ConfigTypeError) as err:
        make()
    assert isinstance(err.value, TypeError)
    assert isinstance(err.value, ValueError)
    assert str(err.value) == message


def test_a_config_s_bad_number_is_still_a_value_error_alone():
    from lstmkit._checks import ConfigTypeError

    for bad in ({"lr": np.float32(-1.0)}, {"epochs": 3.5}):
        with pytest.raises(ValueError) as err:
            ForecasterConfig(**bad)
        assert not isinstance(err.value, ConfigTypeError)
    assert ForecasterConfig(lr=np.float32(0.01)).lr == pytest.approx(0.01)


# --- 6. quantiles for `interval` ---------------------------------------------------------------


def test_quantiles_for_predict_s_interval_are_the_wrong_type_the_config_says_they_are():
    # ForecasterConfig(interval=[0.1, 0.9]) is a TypeError (a ConfigTypeError) and
    # predict(interval=[0.1, 0.9]) was a plain ValueError; the same message, the level to pass
    from lstmkit._checks import ConfigTypeError

    months = pd.date_range("2020-01-01", periods=40, freq="MS")
    y = pd.Series(100 + np.random.default_rng(1).normal(0, 1, 40).cumsum(), months, name="y")
    fc = Forecaster(horizon=3, **QUICK).fit(y)
    said = "the quantiles 0.1 and 0.9 bound the central interval 0.8"
    for quantiles in ([0.1, 0.9], np.array([0.1, 0.9])):
        with pytest.raises(ConfigTypeError) as err:
            fc.predict(interval=quantiles)
        assert str(err.value) == (
            "`interval` must be a number strictly between 0 and 1, e.g. 0.8, got "
            f"{quantiles!r} ({said})."
        )
        with pytest.raises(ConfigTypeError) as err:
            ForecasterConfig(interval=quantiles)
        assert str(err.value) == (
            "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got "
            f"{quantiles!r} ({said})."
        )
    # a bad level is a value still
    with pytest.raises(ValueError) as err:
        fc.predict(interval=1.5)
    assert not isinstance(err.value, TypeError)
    assert fc.predict(interval=0.8).attrs["interval"] == 0.8


# --- 3. predict --csv across daylight saving ---------------------------------------------------


def _hours_csv(path, hours: pd.DatetimeIndex, first: int) -> None:
    # 24-hour cycle counted in real hours, written with each row's own UTC offset
    values = 50 + 10 * np.sin((first + np.arange(len(hours))) * 2 * np.pi / 24)
    path.write_text(
        "date,value\n"
        + "".join(f"{t.isoformat(sep=' ')},{v:.3f}\n" for t, v in zip(hours, values, strict=True)),
        "utf-8",
    )


def test_predict_reads_a_file_across_daylight_saving_on_the_model_s_clock(
    tmp_path, capsys, undrawn_figures
):
    # a model fitted on a winter file (+01:00) forecast from a file that crosses the change
    # (read in UTC) on UTC's clock: its calendar inputs an hour off, its forecast labelled
    # +00:00 where `lstmkit forecast` labelled it +01:00
    from lstmkit.cli import main

    hours = pd.date_range("2021-03-20", periods=24 * 10, freq="h", tz="Europe/Berlin")
    _hours_csv(tmp_path / "winter.csv", hours[:120], 0)
    _hours_csv(tmp_path / "newer.csv", hours[120:], 120)
    cols = ["--date-col", "date", "--value-col", "value"]
    quick = ["--epochs", "1", "--ensemble", "1", "--horizon", "3", "--holdout", "0"]
    run = tmp_path / "run"
    fit = ["forecast", "--csv", str(tmp_path / "winter.csv"), *cols, *quick, "--no-progress"]
    assert main([*fit, "--out", str(run)]) == 0
    fitted = pd.read_csv(run / "forecast.csv")["timestamp"].tolist()
    assert fitted[0] == "2021-03-25 00:00:00+01:00"
    capsys.readouterr()
    newer = tmp_path / "newer.csv"
    assert main(["predict", str(run), "--csv", str(newer), "--out", str(tmp_path / "p")]) == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        f"note: the dates of {str(newer)!r} have the UTC offsets +01:00, +02:00 (a change of "
        "daylight saving), which no one offset holds: they were read in UTC and converted to "
        "the model's time zone, UTC+01:00, as the forecast's timestamps are; convert them to "
        "the zone they were written in to read them on its clock."
    )
    stamps = pd.read_csv(tmp_path / "p" / "forecast.csv")["timestamp"].tolist()
    # the newer file ends at 2021-03-30 00:00+02:00, 23:00 the day before on the model's clock
    assert stamps == [
        "2021-03-30 00:00:00+01:00",
        "2021-03-30 01:00:00+01:00",
        "2021-03-30 02:00:00+01:00",
    ]
    # explain reads it on the same clock, and says so alike
    capsys.readouterr()
    assert main(["explain", str(run), "--csv", str(newer)]) == 0
    said = capsys.readouterr()
    assert "converted to the model's time zone, UTC+01:00, as the forecast's" in said.err
    assert "forecast step 1 after 2021-03-29 23:00:00+01:00 (2021-03-30 00:00:00+01:00)" in (
        said.out
    )
