"""By-hand walk (hand37): read_csv's `freq` and fiscal quarters, and the SeasonalDifferencer
given a network's one-step outputs."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

QUARTERS = "quarter,value\n2024Q1,1\n2024Q2,2\n2024Q3,3\n2024Q4,4\n2025Q1,5\n"
STEP = (
    "read_csv() takes no argument `freq`: the frequency is read from the dates, each step "
    "theirs (a missing date is refused, or inserted and filled with `fill=`)"
)


def _refusal(**kwargs: object) -> str:
    with pytest.raises(TypeError) as e:
        D.read_csv(io.StringIO(QUARTERS), "quarter", "value", **kwargs)
    return str(e.value)


def test_quarters_written_2024q1_read_as_calendar_quarters() -> None:
    # what the refusals below say of the file: 2024Q1 is the quarter from 1 January 2024
    frame = D.read_csv(io.StringIO(QUARTERS), "quarter", "value")
    assert [str(d.date()) for d in frame.index] == [
        "2024-01-01",
        "2024-04-01",
        "2024-07-01",
        "2024-10-01",
        "2025-01-01",
    ]
    assert frame.index.freqstr == "QS-JAN"


@pytest.mark.parametrize("freq", ["Q-JUN", "QE-JUN", pd.offsets.QuarterEnd(startingMonth=6)])
def test_read_csv_freq_of_fiscal_quarters_is_told_the_calendar_reading_and_the_fiscal_route(
    freq: object,
) -> None:
    # before: "read_csv() got an unexpected keyword argument 'freq'", not a word of the
    # 2024Q1 it reads as January 2024's quarter, Q-JUN's 2024Q3
    assert _refusal(freq=freq) == (
        f"{STEP}, and a quarter written 2024Q1 is the calendar one there, from 1 January "
        "2024, which 'Q-JUN' names 2024Q3 (its 2024Q1 is the quarter from 1 July 2023); for "
        "such fiscal quarters write each quarter's first day in the file (2023-07-01 for "
        "2024Q1), or read the file with pandas and pass its values indexed by "
        "pd.PeriodIndex(table[date_col].astype(str), freq='Q-JUN') to to_frame or "
        "Forecaster.fit, whose forecasts are then named in those quarters."
    )


def test_the_routes_the_fiscal_refusal_names_give_the_fiscal_quarters_dates() -> None:
    # the first days written out read as the quarters from July 2023
    first_days = "quarter,value\n2023-07-01,1\n2023-10-01,2\n2024-01-01,3\n2024-04-01,4\n"
    read = D.read_csv(io.StringIO(first_days), "quarter", "value")
    assert str(read.index[0].date()) == "2023-07-01"
    assert len(read) == 4
    # and the PeriodIndex the message writes, with the pandas table it names
    table = pd.read_csv(io.StringIO(QUARTERS))
    index = pd.PeriodIndex(table["quarter"].astype(str), freq="Q-JUN")
    frame = D.to_frame(pd.Series(table["value"].to_numpy(float), index=index))
    assert [str(d.date()) for d in frame.index] == [
        "2023-07-01",
        "2023-10-01",
        "2024-01-01",
        "2024-04-01",
        "2024-07-01",
    ]


def test_read_csv_freq_of_other_fiscal_anchors_and_years_names_their_own_dates() -> None:
    assert _refusal(freq="Q-MAR") == (
        f"{STEP}, and a quarter written 2024Q1 is the calendar one there, from 1 January "
        "2024, which 'Q-MAR' names 2024Q4 (its 2024Q1 is the quarter from 1 April 2023); for "
        "such fiscal quarters write each quarter's first day in the file (2023-04-01 for "
        "2024Q1), or read the file with pandas and pass its values indexed by "
        "pd.PeriodIndex(table[date_col].astype(str), freq='Q-MAR') to to_frame or "
        "Forecaster.fit, whose forecasts are then named in those quarters."
    )
    # January 2024 lies in Y-JUN's 2024 too: no renaming told
    assert _refusal(freq="Y-JUN") == (
        f"{STEP}, and a year written 2024 is the calendar one there, from 1 January 2024 "
        "(its 2024 is the year from 1 July 2023); for such fiscal years write each year's "
        "first day in the file (2023-07-01 for 2024), or read the file with pandas and pass "
        "its values indexed by pd.PeriodIndex(table[date_col].astype(str), freq='Y-JUN') to "
        "to_frame or Forecaster.fit, whose forecasts are then named in those years."
    )


@pytest.mark.parametrize(
    ("freq", "tail"),
    [
        ("Q", "; a quarter written 2024Q1 reads as the calendar one already, from 1 January 2024."),
        (
            "Q-DEC",
            "; a quarter written 2024Q1 reads as the calendar one already, from 1 January 2024.",
        ),
        ("Y", "; a year written 2024 reads as the calendar one already, from 1 January 2024."),
        ("QS-JUL", "."),  # quarter starts name no quarters: the same grid as QS-JAN
        ("MS", "."),
        ("not a frequency", "."),
        (5, "."),
    ],
)
def test_read_csv_freq_of_calendar_or_no_periods_is_told_the_dates_own_step(
    freq: object, tail: str
) -> None:
    assert _refusal(freq=freq) == STEP + tail


def test_read_csv_freq_is_told_beside_a_misspelt_keyword() -> None:
    assert _refusal(freq="MS", fil="ffill") == (
        f"{STEP}. read_csv() got unknown keyword argument 'fil' (did you mean 'fill'?)."
    )


def test_a_networks_one_step_outputs_are_told_to_be_inverted_each_on_its_own_past() -> None:
    # before: "...; for a network's output [1, H], pass out[0]." for a [12, 1] column, where
    # out[0] is one forecast and z[:, 0] would be integrated as one forecast's 12 steps
    x = np.log(D.load_dataset("airline").to_numpy())
    dif = D.SeasonalDifferencer(1)
    out = np.full((12, 1), 0.01)  # twelve one-step forecasts, each of a 1 % rise
    with pytest.raises(ValueError) as e:
        dif.inverse_transform(out, x[:132])
    assert str(e.value) == (
        "`z` must be one forecast's differences, [H] for a [T] `history` (or [H, F] for "
        "[T, F]), got `z` of shape (12, 1) and `history` of shape (132,); a column [12, 1], "
        "as a network's outputs for 12 windows of horizon 1 are, is 12 forecasts from the "
        "true past, each inverted on the undifferenced value `lag` (1) steps before its "
        "target, x[t - 1] + z[:, 0], t their first targets' positions in x (a split part's "
        "`t`, plus 1 where it was cut from the differences), not integrated as one forecast's "
        "steps; for one forecast of 12 steps written as a column, pass z[:, 0]."
    )
    # the positions it names: a split of the differences' t, plus lag, are the months of x
    t = D.split_windows(dif.transform(x), lookback=3, horizon=1, test=12).test.t + 1
    assert t.tolist() == list(range(132, 144))
    # integrated, the same outputs are a path that climbs 1 % a month from month 131 (12 %
    # by the last), not each month 1 % over the true one before it
    path = dif.inverse_transform(out[:, 0], x[:132])
    np.testing.assert_allclose(path - x[131], 0.01 * np.arange(1, 13))


def test_a_networks_multi_step_outputs_are_told_to_be_inverted_one_at_a_time() -> None:
    dif = D.SeasonalDifferencer(12)
    with pytest.raises(ValueError) as e:
        dif.inverse_transform(np.zeros((5, 3)), np.arange(40.0))
    assert str(e.value) == (
        "`z` must be one forecast's differences, [H] for a [T] `history` (or [H, F] for "
        "[T, F]), got `z` of shape (5, 3) and `history` of shape (40,); 5 rows, as a "
        "network's outputs for 5 windows are, are 5 forecasts: invert each from the "
        "undifferenced values before it, inverse_transform(z[k], x[: t[k]]), t their first "
        "targets' positions in x (a split part's `t`, plus 12 where it was cut from the "
        "differences)."
    )
    # one forecast [1, H] keeps its out[0]
    with pytest.raises(ValueError, match=r"for a network's output \[1, H\], pass out\[0\]\.$"):
        dif.inverse_transform(np.zeros((1, 3)), np.arange(40.0))


MONTHS = pd.date_range("2020-01-01", periods=20, freq="MS")
FRAME = pd.DataFrame({"date": MONTHS, "v": np.arange(20.0), "w": np.arange(20.0) * 2})


@pytest.mark.parametrize("to_numpy", [lambda f: f.values, lambda f: f.to_numpy()])
def test_a_frames_values_with_its_date_column_are_told_the_column_and_the_values_to_pass(
    to_numpy,
) -> None:
    # before: "`values` must be an array of numbers, got ndarray that numpy cannot read as
    # floats (float() argument must be a string or a real number, not 'Timestamp')."
    values = to_numpy(FRAME)
    with pytest.raises(ValueError) as e:
        D.make_windows(values, 3, 1)
    assert str(e.value) == (
        "`values` must hold values only, got dates in column 0 ('2020-01-01' … '2021-08-01'), "
        "as a DataFrame's to_numpy() (or .values) gives its date column; keep the dates apart, "
        "as a pandas index (df.set_index(<the date column>) before to_numpy()), and pass the "
        "values: values[:, 1:] here."
    )
    # the values it names window as the frame indexed by its dates does
    X, Y = D.make_windows(values[:, 1:].astype(float), 3, 1)
    X2, Y2 = D.make_windows(FRAME.set_index("date"), 3, 1)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    assert X.shape == (17, 3, 2)


def test_dates_in_a_later_column_and_in_a_scaler_are_named_by_position() -> None:
    values = FRAME[["v", "date", "w"]].to_numpy()
    with pytest.raises(ValueError) as e:
        D.MinMaxScaler().fit(values)
    assert str(e.value) == (
        "`x` must hold values only, got dates in column 1 ('2020-01-01' … '2021-08-01'), as a "
        "DataFrame's to_numpy() (or .values) gives its date column; keep the dates apart, as a "
        "pandas index (df.set_index(<the date column>) before to_numpy()), and pass the "
        "values: np.delete(x, [1], axis=1) here."
    )
    # one column of dates alone has no values beside it: told as dates, as before
    with pytest.raises(ValueError) as e:
        D.split_windows(FRAME[["date"]].to_numpy(dtype=object), 3, 1, test=2)
    assert str(e.value) == (
        "`values` must hold values only, got dates ('2020-01-01' … '2021-08-01'); keep the "
        "dates apart, as a pandas index, and pass the values."
    )


@pytest.mark.parametrize(
    ("name", "column", "shown"),
    [
        ("year", np.arange(1949, 1969), "1949 … 1968"),
        ("Year", np.arange(1949.0, 1969.0), "1949.0 … 1968.0"),
        ("date", 20200101 + np.arange(20), "20200101 … 20200120"),
        ("time", 1949 + np.arange(20) / 12, "1949.0 … 1950.5833333333333"),
        ("Unnamed: 0", np.arange(20), "0 … 19"),
    ],
)
def test_a_time_column_of_numbers_as_the_windows_target_is_refused(
    name: str, column: np.ndarray, shown: str
) -> None:
    # before: pd.read_csv's year column, first, was the target the windows forecast, and the
    # values a covariate, without a word
    frame = pd.DataFrame({name: column, "passengers": np.linspace(100.0, 50.0, 20)})
    message = (
        f"`values` column {name!r} ({shown}, rising every row) holds the time, not a value to "
        f"forecast, and it is `target_col` (0); make it the index, values = "
        f"values.set_index({name!r}), or pass the target's position as target_col."
    )
    with pytest.raises(ValueError) as e:
        D.make_windows(frame, 3, 1)
    assert str(e.value) == message
    with pytest.raises(ValueError) as e:
        D.split_windows(frame, lookback=3, horizon=1, test=4)
    assert str(e.value) == message
    # the fixes it names: the values are the target
    Y = D.make_windows(frame.set_index(name), 3, 1)[1]
    assert Y[0, 0] == frame["passengers"].iloc[3]
    assert D.make_windows(frame, 3, 1, target_col=1)[1][0, 0] == frame["passengers"].iloc[3]


@pytest.mark.parametrize(
    "frame",
    [
        # named otherwise (a price index rises too), or not rising every row
        pd.DataFrame({"index": np.arange(20.0), "v": np.ones(20)}),
        pd.DataFrame({"year": np.r_[np.arange(10.0), np.arange(10.0)], "v": np.ones(20)}),
        pd.DataFrame({"sales": np.arange(20.0), "v": np.ones(20)}),
    ],
)
def test_a_rising_column_of_another_name_or_a_time_name_that_does_not_rise_is_windowed(
    frame: pd.DataFrame,
) -> None:
    Y = D.make_windows(frame, 3, 1)[1]
    np.testing.assert_array_equal(Y[:, 0], frame.iloc[3:, 0].to_numpy())


AIRLINE = D.load_dataset("airline").to_numpy()


def test_split_windows_warns_of_a_min_max_scaler_fitted_on_the_whole_series() -> None:
    # the classic tutorial's scaler.fit_transform(dataset) before the split: its maximum, in
    # the test months, set the scale the training months were trained at, without a word
    scaled = D.MinMaxScaler().fit_transform(AIRLINE)
    with pytest.warns(UserWarning) as record:
        split = D.split_windows(scaled, lookback=1, horizon=1, test=0.33)
    assert [str(w.message) for w in record] == [
        "`values` look scaled on the whole series, not on its training part alone: the series "
        "spans [0, 1] exactly, and its 1 lies at position 138, after the training part's 96 "
        "points, so the scaler saw the future; fit it on the training part only, "
        "MinMaxScaler().fit(series[:96]) (time_split's train slice), and transform the whole "
        "series with it; where the values are so by nature (a proportion, a probability), "
        "silence this with warnings.filterwarnings('ignore', '`values` look scaled on the "
        "whole series')."
    ]
    assert record[0].filename == __file__
    assert int(np.argmax(AIRLINE)) == 138  # July 1960, the series' peak
    assert (split.train.X.shape, split.test.X.shape) == ((95, 1, 1), (48, 1, 1))
    # (-1, 1) too, a later column named by position, after one that spans [-1, 1] in the
    # training part already (a calendar sine, which no fit on the training part changes)
    sine = np.sin(np.arange(144.0) * np.pi / 2)
    assert (sine[:96].min(), sine[:96].max()) == (-1.0, 1.0)
    two = np.column_stack([sine, D.MinMaxScaler((-1, 1)).fit_transform(AIRLINE)])
    with pytest.warns(
        UserWarning, match=r"the target, column 1, spans \[-1, 1\] exactly, and its 1 lies "
    ):
        D.split_windows(two, lookback=1, horizon=1, test=0.33, target_col=1)


def test_split_windows_warns_of_a_standard_scaler_fitted_on_the_whole_series() -> None:
    d = D.SeasonalDifferencer(12).transform(np.log(AIRLINE))
    train = slice(0, 108)
    all_d = (d - d.mean()) / d.std()
    with pytest.warns(UserWarning) as record:
        D.split_windows(
            D.StandardScaler().fit_transform(d), lookback=12, horizon=1, val=12, test=12
        )
    assert [str(w.message) for w in record] == [
        "`values` look scaled on the whole series, not on its training part alone: the series "
        "has mean 0 and standard deviation 1 exactly over all 132 points (over the training "
        f"part's 108: {all_d[train].mean():.3g} and {all_d[train].std():.3g}), so the scaler "
        "saw the future; fit it on the training part only, StandardScaler().fit(series[:108]) "
        "(time_split's train slice), and transform the whole "
        "series with it; where the values are so by nature (a proportion, a probability), "
        "silence this with warnings.filterwarnings('ignore', '`values` look scaled on the "
        "whole series')."
    ]
    assert f"{all_d[train].mean():.3g} and {all_d[train].std():.3g}" == "0.029 and 1.07"


@pytest.mark.parametrize(
    "values",
    [
        # fitted on the training part, as the README's blocks do: the test months pass 1
        D.MinMaxScaler().fit(AIRLINE[:96]).transform(AIRLINE),
        D.StandardScaler().fit(AIRLINE[:96]).transform(AIRLINE),
        # both ends in the training part: fitted on all or on it, the same numbers
        D.MinMaxScaler().fit_transform(
            np.r_[0.0, 5.0, 10.0, np.full(90, 4.0), np.arange(5.0, 10.0, 0.1)]
        ),
        # a 0/1 flag whose first 1 comes late tells nothing
        np.r_[np.zeros(100), np.ones(44)],
    ],
)
def test_split_windows_says_nothing_of_values_scaled_on_their_training_part(values) -> None:
    D.split_windows(values, lookback=1, horizon=1, test=0.33)  # warnings are errors here
    # nor without a part after training
    D.split_windows(D.MinMaxScaler().fit_transform(AIRLINE), lookback=1, horizon=1)


def test_a_flag_of_minus_one_and_one_standardized_by_itself_tells_nothing() -> None:
    # mean 0 and standard deviation 1 exactly over all points, the training part's not: two
    # values alone, as a 0/1 flag, say nothing of a scaler
    flag = np.r_[np.ones(20), -np.ones(20), np.ones(20), -np.ones(20)]
    assert (flag.mean(), flag.std(), flag[:60].mean()) == (0.0, 1.0, 1 / 3)
    D.split_windows(flag, lookback=2, horizon=1, test=20)
