"""Review of hand37 (revhand37): split_windows' warning of values scaled on the whole series
said of values so by nature, the forecast CLI's --freq, and a one-series long-format frame."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

AIRLINE = D.load_dataset("airline").to_numpy()
N = len(AIRLINE)
OWN = D.MinMaxScaler().fit(AIRLINE[:96]).transform(AIRLINE)  # fitted on the training part
_rng = np.random.default_rng(0)
PROPORTION = np.round(_rng.uniform(0, 0.99, N), 2)
PROPORTION[[5, 140]] = 0.0, 1.0  # a share that reaches 1 (all of it) in a test month
PERCENT = _rng.integers(0, 100, N) / 100
PERCENT[-3] = 1.0  # a percentage / 100 whose 100 % comes late
HOLIDAY = np.r_[np.zeros(N - 10), 0.5, 1.0, np.zeros(8)]  # 0, a half day 0.5, 1


@pytest.mark.parametrize(
    "values",
    [
        # targets in [0, 1] by nature, whose 1 lies after the training part
        PROPORTION,
        PERCENT,
        HOLIDAY,
        pd.DataFrame({"share": PROPORTION}),
        np.linspace(0.0, 1.0, N),  # a cumulative share rising in equal steps
        np.arange(N) / (N - 1),
        # a trend of mean 0 and standard deviation 1 over all points by construction
        (np.arange(N) - (N - 1) / 2) / np.arange(N).std(),
        # covariates known ahead, scaled on all their points, beside a target scaled right
        np.column_stack([OWN, np.linspace(0.0, 1.0, N)]),
        np.column_stack([OWN, HOLIDAY]),
        np.column_stack([OWN, D.MinMaxScaler().fit_transform(np.arange(N) % 12 + np.arange(N))]),
    ],
)
def test_values_in_0_1_or_standard_by_nature_are_not_warned_of(values: object) -> None:
    # before: "`values` look scaled on the whole series ...: the series spans [0, 1] exactly,
    # and its 1 lies at position 140 ..." (or "column 1 spans ..."), an error under pytest's
    # filterwarnings = error
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        D.split_windows(values, lookback=3, horizon=1, test=0.33)


def test_a_frame_scaled_on_all_its_points_is_warned_of_by_its_target() -> None:
    # the classic multivariate tutorial's scaler.fit_transform(values) of every column: the
    # target scaled so is named, by its position
    frame = np.column_stack([AIRLINE, np.arange(N) % 12, np.sqrt(AIRLINE)])
    with pytest.warns(UserWarning) as record:
        D.split_windows(D.MinMaxScaler().fit_transform(frame), 1, 1, test=0.33, target_col=2)
    assert [str(w.message) for w in record] == [
        "`values` look scaled on the whole series, not on its training part alone: the "
        "target, column 2, spans [0, 1] exactly, and its 1 lies at position 138, after the "
        "training part's 96 points, so the scaler saw the future; fit it on the training part "
        "only, MinMaxScaler().fit(series[:96]) (time_split's train slice), and transform the "
        "whole series with it; where the values are so by nature (a proportion, a "
        "probability), silence this with warnings.filterwarnings('ignore', '`values` look "
        "scaled on the whole series')."
    ]


def test_the_warnings_own_advice_silences_it() -> None:
    scaled = D.StandardScaler().fit_transform(AIRLINE)
    with pytest.warns(UserWarning) as record:
        D.split_windows(scaled, lookback=1, horizon=1, test=0.33)
    advice = str(record[0].message).rpartition("silence this with ")[2].removesuffix(".")
    assert advice == "warnings.filterwarnings('ignore', '`values` look scaled on the whole series')"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        eval(advice, {"warnings": warnings})  # the call as the message writes it
        split = D.split_windows(scaled, lookback=1, horizon=1, test=0.33)
    assert split.test.X.shape == (48, 1, 1)


DATES = pd.date_range("2020-01-01", periods=36, freq="MS")
LONG_TAIL = (
    "one value in every row, as a series' identifier (a long format of one series, as "
    "NeuralForecast's unique_id, ds, y): index its values by the dates, series = "
    "series.set_index('ds')['y']{then}; for several series fit one Forecaster each, looping "
    "over series.groupby('unique_id') (from a CSV, `lstmkit forecast --series-col unique_id` "
    "does this)."
)
GOT = (
    "`series` must hold values only, with the dates as its index, got a column of dates, 'ds' "
    "('2020-01-01' … '2022-12-01')"
)
CONVERT = (
    ", then series.index = pd.to_datetime(series.index) (or pd.read_csv(..., index_col='ds', "
    "parse_dates=True))"
)


@pytest.mark.parametrize(
    ("uid", "shown"), [("A", "'A'"), (1, "1"), (pd.Categorical(["x"] * 36), "'x'")]
)
def test_a_long_frame_of_one_series_is_told_the_whole_selection_at_once(
    uid: object, shown: str
) -> None:
    # before: "...; make it the index: series = series.set_index('ds'), then series.index =
    # pd.to_datetime(series.index) (...)", the conversion unneeded, and the frame so indexed
    # was then refused for its unique_id ("column 'unique_id' has non-numeric values ...")
    from lstmkit.forecast import Forecaster

    series = pd.DataFrame({"unique_id": uid, "ds": DATES, "y": np.arange(36.0)})
    with pytest.raises(ValueError) as e:
        Forecaster(horizon=3).fit(series)
    assert str(e.value) == (f"{GOT}, beside 'unique_id' ({shown}), " + LONG_TAIL.format(then=""))
    series = series.set_index("ds")["y"]  # as told, and nothing else
    frame = D.to_frame(series)
    assert frame.index.freqstr == "MS" and frame.columns.tolist() == ["y"]


def test_a_long_frame_of_text_dates_is_told_the_conversion_too() -> None:
    series = pd.DataFrame({"unique_id": "A", "ds": DATES.strftime("%Y-%m-%d"), "y": 1.0})
    with pytest.raises(ValueError) as e:
        D.to_frame(series)
    assert str(e.value) == (f"{GOT}, beside 'unique_id' ('A'), " + LONG_TAIL.format(then=CONVERT))
    series = series.set_index("ds")["y"]
    series.index = pd.to_datetime(series.index)
    assert D.to_frame(series).index.freqstr == "MS"


@pytest.mark.parametrize("dates", [DATES, DATES.strftime("%Y-%m-%d")])
def test_a_column_of_dates_as_such_is_told_set_index_alone(dates: object) -> None:
    series = pd.DataFrame({"ds": dates, "y": 1.0, "price": 2.0})
    with pytest.raises(ValueError) as e:
        D.to_frame(series)
    then = "" if isinstance(dates, pd.DatetimeIndex) else CONVERT
    assert str(e.value) == (f"{GOT}; make it the index: series = series.set_index('ds'){then}.")
    if not then:  # the advice alone gives the frame
        assert D.to_frame(series.set_index("ds")).columns.tolist() == ["y", "price"]


FREQ = (
    "no flag sets the frequency: it is read from the dates, each step theirs (a missing date "
    "is refused, or inserted and filled with --fill)"
)
QUARTERS = pd.period_range("2015Q1", periods=12, freq="Q-JUN")
VALUES = [10.0 + k + 3 * (k % 4) for k in range(12)]


def _quarters_csv(folder: Path, first_days: bool = False) -> None:
    # 2015Q1 ... of Q-JUN, or their first days, 2014-07-01 ...
    rows = [f"{p.start_time:%Y-%m-%d}" if first_days else str(p) for p in QUARTERS]
    lines = "".join(f"{d},{v}\n" for d, v in zip(rows, VALUES, strict=True))
    (folder / ("first.csv" if first_days else "q.csv")).write_text("quarter,value\n" + lines)


def _fiscal(date_col: str, value_col: str) -> str:
    return (
        f"{FREQ}, and a quarter written 2024Q1 is the calendar one there, from 1 January 2024, "
        "which 'Q-JUN' names 2024Q3 (its 2024Q1 is the quarter from 1 July 2023); for such "
        "fiscal quarters write each quarter's first day in the file (2023-07-01 for 2024Q1), or "
        "fit from Python: table = pd.read_csv('q.csv'); Forecaster().fit(table.set_index("
        f"pd.PeriodIndex(table[{date_col!r}].astype(str), freq='Q-JUN'))[{value_col!r}]), whose "
        "forecasts are then named in those quarters"
    )


def test_forecast_freq_of_fiscal_quarters_is_told_as_read_csv_tells_it(
    tmp_path, monkeypatch, flags_refusal
) -> None:
    # before: "error: unrecognized arguments: --freq Q-JUN (`lstmkit forecast --help` lists
    # the flags)", not a word of the 2024Q1 it reads as January's calendar quarter
    monkeypatch.chdir(tmp_path)
    _quarters_csv(tmp_path)
    csv = ["--csv", "q.csv", "--date-col", "quarter", "--value-col", "value"]
    fiscal = _fiscal("quarter", "value")
    tail = " (`lstmkit forecast --help` lists the flags)\n"
    assert flags_refusal(["forecast", *csv, "--freq", "Q-JUN"]) == (
        f"error: unrecognized arguments: --freq Q-JUN; {fiscal}{tail}"
    )
    assert flags_refusal(["forecast", *csv, "--freq=QE-JUN"]) == (
        f"error: unrecognized arguments: --freq=QE-JUN; {fiscal}{tail}"
    )
    # another frequency, none named, or a bundled dataset: the dates' own step
    for argv, said in (
        ([*csv, "--freq", "MS"], "--freq MS"),
        ([*csv, "--freq"], "--freq"),
        (["airline", "--frequency", "Q-JUN"], "--frequency Q-JUN"),
    ):
        assert flags_refusal(["forecast", *argv]) == (
            f"error: unrecognized arguments: {said}; {FREQ}{tail}"
        )
    # beside another stray flag, the guess for it still said; the columns not yet given
    assert flags_refusal(["forecast", "--csv", "q.csv", "--freq", "Q-JUN", "--target", "v"]) == (
        "error: unrecognized arguments: --freq Q-JUN --target v; "
        f"{_fiscal('DATE_COL', 'VALUE_COL')}; did you mean --value-col for --target?{tail}"
    )
    # predict too
    assert flags_refusal(["predict", "runs", *csv, "--freq", "Q-JUN"]) == (
        f"error: unrecognized arguments: --freq Q-JUN; {fiscal} (`lstmkit predict --help` lists "
        "the flags)\n"
    )


def test_the_two_ways_the_fiscal_refusal_names_run_as_given(tmp_path, monkeypatch, capsys) -> None:
    from lstmkit.cli import main
    from lstmkit.forecast import Forecaster

    monkeypatch.chdir(tmp_path)
    # Python's, as the message writes it (a quick Forecaster in place of the default one)
    _quarters_csv(tmp_path)
    table = pd.read_csv("q.csv")
    series = table.set_index(pd.PeriodIndex(table["quarter"].astype(str), freq="Q-JUN"))["value"]
    forecast = Forecaster(horizon=2, epochs=1, ensemble=1, interval=None).fit(series).predict()
    assert [str(p) for p in forecast.index] == ["2018Q1", "2018Q2"]  # of Q-JUN, after 2017Q4
    # the first days written in the file: read quarterly, from 1 July 2014
    _quarters_csv(tmp_path, first_days=True)
    frame = D.read_csv("first.csv", "quarter", "value")
    assert [str(d.date()) for d in frame.index[:2]] == ["2014-07-01", "2014-10-01"]
    assert frame.index.freqstr == "QS-JAN"  # the grid of quarters from January, July's too
    argv = ["forecast", "--csv", "first.csv", "--date-col", "quarter", "--value-col", "value"]
    assert (
        main(
            [
                *argv,
                "--horizon",
                "2",
                "--epochs",
                "1",
                "--ensemble",
                "1",
                "--interval",
                "0",
                "--json",
            ]
        )
        == 0
    )
    run = json.loads(capsys.readouterr().out)
    # the last two fiscal quarters held out, 2017Q3 and 2017Q4 of Q-JUN, named by first days
    assert run["forecast"]["timestamp"] == ["2017-01-01", "2017-04-01"]
    assert run["n"] == 12


def test_a_time_column_alone_is_told_no_values_are_beside_it() -> None:
    # before: "...; make it the index, values = values.set_index('year'), or pass the
    # target's position as target_col.", a frame of no columns, or no other position
    frame = pd.DataFrame({"year": np.arange(1949, 1969)})
    with pytest.raises(ValueError) as e:
        D.make_windows(frame, 3, 1)
    assert str(e.value) == (
        "`values` column 'year' (1949 … 1968, rising every row) holds the time, not a value to "
        "forecast, and no column of values is beside it; pass the values to forecast, with it "
        "as their index (pd.read_csv(..., index_col='year'))."
    )
    assert frame.set_index("year").shape == (20, 0)  # what the advice gave
    # a file of the years and their values, read as told: the values are the target
    text = "year,v\n" + "".join(f"{y},{y - 1900}\n" for y in range(1949, 1969))
    Y = D.make_windows(pd.read_csv(io.StringIO(text), index_col="year"), 3, 1)[1]
    assert Y[:2, 0].tolist() == [52.0, 53.0]


def test_an_object_array_of_numbers_is_not_read_value_by_value_for_dates(monkeypatch) -> None:
    # before: every cell was tested in Python (flat.map(isinstance ... date)): 196 ms of a
    # [200000, 3] object array of floats, beside make_windows' ~1 s; pandas' inference, in
    # C, says numbers (8.8 ms)
    values = np.column_stack([np.arange(30.0), np.arange(30)]).astype(object)
    values[3, 1] = pd.NA

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("read value by value")

    monkeypatch.setattr(pd.Series, "map", refused)
    D._refuse_object_dates(pd.Series(values.ravel(), dtype=object), "values", values.shape)
    monkeypatch.undo()
    # dates among them are still named, with the column
    values[:, 0] = list(pd.date_range("2020-01-01", periods=30, freq="D"))
    with pytest.raises(ValueError, match=r"got dates in column 0 \('2020-01-01' … '2020-01-30'\)"):
        D.make_windows(values, 3, 1)
