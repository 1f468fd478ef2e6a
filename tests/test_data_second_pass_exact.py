"""Exact values and messages of lstmkit.data that a second pass of mutation testing found
unpinned: scalers fitted on several features, differencing's shape checks, empty parts of a
split, calendar steps of frequency multiples, future indexes, separators and `fill`; each test a
few milliseconds, no model trained."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D


def _message(call, error=ValueError) -> str:
    with pytest.raises(error) as err:
        call()
    return str(err.value)


def _season_positions(index: pd.Index, period: int) -> list[int]:
    cal = D.calendar_features(index, period)
    angle = np.mod(np.arctan2(cal[:, 0], cal[:, 1]), 2 * np.pi)
    return (np.round(angle / (2 * np.pi) * period).astype(int) % period).tolist()


# --- scalers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [D.MinMaxScaler, D.StandardScaler])
def test_a_scalers_feature_counted_from_the_end_reaches_the_first_and_no_further(cls):
    x = np.array([[1.0, 10.0], [3.0, 30.0]])
    scaler = cls().fit(x)
    first = cls().fit(x[:, 0])
    np.testing.assert_allclose(
        scaler.transform(np.array([2.0, 5.0]), feature=-2),
        first.transform(np.array([2.0, 5.0])),
        rtol=1e-12,
    )
    assert _message(lambda: scaler.transform(np.array([2.0]), feature=-3)) == (
        f"`feature` must be one of the 2 features {cls.__name__} was fitted on (0 to 1), got -3."
    )


@pytest.mark.parametrize("cls", [D.MinMaxScaler, D.StandardScaler])
def test_a_scaler_refuses_a_fit_on_windows_of_three_dimensions(cls):
    assert _message(lambda: cls().fit(np.ones((2, 3, 1)))) == (
        f"{cls.__name__}.fit needs a non-empty [T] or [T, F] array (at least one point and one "
        "feature), got shape (2, 3, 1); fit it on the series' training part before cutting "
        f"windows, {cls.__name__}().fit(values[train]) with train from time_split."
    )


# --- differencing ------------------------------------------------------------------------------


def test_one_features_differences_with_a_two_feature_history_are_refused_by_their_shapes():
    assert _message(
        lambda: D.SeasonalDifferencer(1).inverse_transform(np.zeros(3), history=np.zeros((4, 2)))
    ) == (
        "`z` must be one forecast's differences, [H] for a [T] `history` (or [H, F] for [T, F]), "
        "got `z` of shape (3,) and `history` of shape (4, 2); for a network's output [1, H], "
        "pass out[0]."
    )


def test_differencing_a_scalar_says_it_got_a_scalar():
    assert _message(lambda: D.SeasonalDifferencer(2).transform(5.0)) == (
        "`x` must have more than 2 points to difference with lag 2, got a scalar."
    )


# --- windows -----------------------------------------------------------------------------------


def test_an_empty_part_of_a_split_of_two_features_has_windows_of_two_features():
    values = np.arange(20.0).reshape(10, 2)  # column 0: 0, 2, ..., 18
    train, val, test = D.split_windows(values, lookback=2, horizon=1, test=3)
    assert val.X.shape == (0, 2, 2) and val.Y.shape == (0, 1) and val.t.tolist() == []
    assert test.X.shape == (3, 2, 2) and test.t.tolist() == [7, 8, 9]
    assert test.X[0].tolist() == [[10.0, 11.0], [12.0, 13.0]]
    assert test.Y[:, 0].tolist() == [14.0, 16.0, 18.0]
    assert train.t.tolist() == [2, 3, 4, 5, 6]


# --- calendar ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("freq", "expected"), [("YS", 6), ("4YS", 2), ("5YS", 2), ("6YS", 1), ("7YS", 1)]
)
def test_yearly_multiples_forecast_six_years_rounded_up_to_whole_steps(freq, expected):
    assert D.default_horizon(pd.date_range("2000-01-01", periods=5, freq=freq)) == expected


def test_every_second_year_counts_its_steps_since_1970():
    # 2020 // 2 = 1010 and 1010 % 3 = 2; counted in years, 2020 % 3 would be 1
    index = pd.date_range("2020-01-01", periods=4, freq="2YS")
    assert _season_positions(index, 3) == [2, 0, 1, 2]


def test_every_second_quarter_counts_its_steps_since_1970():
    # (2020 * 4 + 0) // 2 = 4040, even; counted in quarters, 8080, 8082, ... are all even
    # and every position would be 0
    index = pd.date_range("2020-01-01", periods=4, freq="2QS")
    assert _season_positions(index, 2) == [0, 1, 0, 1]


def test_every_second_week_counts_its_steps_since_1970():
    # 2020-01-05 is day 18266 since 1970: 18266 // 14 = 1304, 1304 % 26 = 4
    index = pd.date_range("2020-01-05", periods=4, freq="2W-SUN")
    assert _season_positions(index, 26) == [4, 5, 6, 7]


def test_every_second_business_day_counts_its_steps_since_1970():
    # 13047 business days lie between 1970-01-01 and 2020-01-06: step 13047 // 2 = 6523 of
    # two, 6523 % 5 = 3 (counted in business days, 13047 % 5 = 2)
    assert np.busday_count(np.datetime64("1970-01-01"), np.datetime64("2020-01-06")) == 13047
    index = pd.date_range("2020-01-06", periods=4, freq="2B")
    assert _season_positions(index, 5) == [3, 4, 0, 1]


def test_seconds_with_a_daily_season_read_the_local_time_of_day_and_the_weekday():
    index = pd.date_range("2020-01-01 00:00:05", periods=3, freq="s", tz="Asia/Tokyo")
    assert _season_positions(index, 86_400) == [5, 6, 7]  # in UTC: 15:00:05, step 54005
    inputs = D.calendar_inputs(index, 86_400)
    assert inputs.columns.tolist() == ["season sin", "season cos", "weekday sin", "weekday cos"]
    wednesday = 2.0 * np.pi * 2 / 7
    np.testing.assert_allclose(inputs["weekday sin"], [np.sin(wednesday)] * 3, rtol=1e-12)
    np.testing.assert_allclose(inputs["weekday cos"], [np.cos(wednesday)] * 3, rtol=1e-12)


def test_a_future_index_keeps_the_name_and_unit_of_timestamps_and_of_steps():
    days = pd.date_range("2020-01-01", periods=3, freq="D", unit="s", name="when")
    after = D.future_index(days, 2)
    assert after.tolist() == [pd.Timestamp("2020-01-04"), pd.Timestamp("2020-01-05")]
    assert after.name == "when" and after.unit == "s" and after.freqstr == "D"
    steps = D.future_index(pd.RangeIndex(0, 6, 2, name="t"), 2)
    assert steps.equals(pd.RangeIndex(6, 10, 2)) and steps.name == "t"


# --- irregular timestamps ------------------------------------------------------------------------


def test_steps_are_said_in_their_largest_whole_unit_in_the_plural_from_two():
    day, hour, second = 86_400 * 10**9, 3_600 * 10**9, 10**9
    assert D._duration(day) == "1 day"
    assert D._duration(2 * day) == "2 days"
    assert D._duration(hour) == "1 hour"
    assert D._duration(90 * 60 * second) == "90 minutes"
    assert D._duration(second) == "1 second"
    assert D._duration(3 * second // 2) == "0 days 00:00:01.500000"


def test_mondays_and_tuesdays_with_a_gap_are_business_days_with_three_missing():
    index = pd.DatetimeIndex(["2020-01-06", "2020-01-07", "2020-01-13", "2020-01-14"])
    frame = D.to_frame(pd.Series([1.0, 2.0, 3.0, 4.0], index=index, name="y"), fill="ffill")
    assert frame.index.freqstr == "B" and frame.attrs["inserted"] == 3
    assert frame["y"].tolist() == [1.0, 2.0, 2.0, 2.0, 2.0, 3.0, 4.0]


# --- arguments of read_csv and to_frame ----------------------------------------------------------


@pytest.mark.parametrize("mark", ["-", "+", "7"])
def test_a_sign_or_a_digit_is_no_thousands_separator(tmp_path, mark):
    path = tmp_path / "missing.csv"  # the arguments are checked before the file is looked for
    assert _message(lambda: D.read_csv(path, "date", "y", thousands=mark)) == (
        f"`decimal` and `thousands` must not be digits, signs or 'e', got '.' and {mark!r}."
    )


def test_no_value_column_is_refused_before_the_file_is_read(tmp_path):
    assert _message(lambda: D.read_csv(tmp_path / "missing.csv", "date", [])) == (
        "`value_cols` must name at least one column, got none."
    )


FILL = "`fill` must be one of 'ffill', 'bfill', 'interpolate', 'zero' or None, got 'mean'."


def test_an_unknown_fill_is_refused_also_where_nothing_is_missing(tmp_path):
    series = pd.Series([1.0, 2.0, 3.0], index=pd.date_range("2020-01-01", periods=3), name="y")
    assert _message(lambda: D.to_frame(series, fill="mean")) == FILL
    assert _message(lambda: D.read_csv(tmp_path / "missing.csv", "date", "y", fill="mean")) == FILL
    path = tmp_path / "s.csv"
    path.write_text("date,y\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n")
    assert _message(lambda: D.read_csv(path, "date", "y", fill="mean")) == FILL
    assert D.read_csv(path, "date", "y", fill="zero")["y"].tolist() == [1.0, 2.0, 3.0]
    # an array is no method either, named as one (`in` compared it element by element)
    assert _message(lambda: D.to_frame(series, fill=np.array(["ffill"]))) == (
        "`fill` must be one of 'ffill', 'bfill', 'interpolate', 'zero' or None, got "
        "array(['ffill'], dtype='<U5')."
    )


# --- second batch: fills, values and dates in a CSV ---------------------------------------------

DAYS = pd.date_range("2020-01-01", periods=3)


def test_a_target_without_any_value_is_named_as_such_not_as_a_missing_tail():
    frame = pd.DataFrame({"y": [np.nan] * 3, "x": [1.0, 2.0, 3.0]}, index=DAYS)
    assert _message(lambda: D.to_frame(frame, fill="ffill")) == (
        "fill='ffill' left NaNs in column 'y' (it has no values at all): no fill gives a "
        "column without any value one; give its values, or leave it out."
    )


def test_three_days_with_one_missing_get_it_inserted_and_filled():
    index = pd.DatetimeIndex(["2020-01-01", "2020-01-02", "2020-01-04"])
    frame = D.to_frame(pd.Series([1.0, 2.0, 3.0], index=index, name="y"), fill="ffill")
    assert frame.index.freqstr == "D" and frame.attrs["inserted"] == 1
    assert frame["y"].tolist() == [1.0, 2.0, 2.0, 3.0]


def test_inf_in_two_columns_names_each_with_its_dates():
    frame = pd.DataFrame({"a": [1.0, np.inf, 3.0], "b": [-np.inf, 2.0, 3.0]}, index=DAYS)
    assert _message(lambda: D.to_frame(frame)) == (
        "values must be finite, got inf in column 'a' at 2020-01-02; column 'b' at 2020-01-01."
    )


def test_two_day_first_dates_are_all_dates_read_day_first_but_too_few_to_be_regular(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("date,y\n12/01/2015,1\n13/01/2015,2\n")
    assert _message(lambda: D.read_csv(path, "date", "y")) == (
        f"the dates in column 'date' of {str(tmp_path / 's.csv')!r} look day-first: read "
        "month-first they include non-dates such as '13/01/2015' (row 3), read day-first they "
        "are all dates. Pass date_format='%d/%m/%Y' (CLI: --date-format '%d/%m/%Y') to read them "
        "day-first."
    )


def test_where_on_a_column_of_empty_cells_says_it_holds_no_value(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("store,date,y\n,2020-01-01,1\n ,2020-01-02,2\n")
    assert _message(lambda: D.read_csv(path, "date", "y", where={"store": "A"})) == (
        f"no row of {str(tmp_path / 's.csv')!r} has store='A' (`where`); the column holds no value."
    )


# --- third batch: whole messages of the argument checks -----------------------------------------


def test_to_frame_names_the_shape_of_a_three_dimensional_array_and_a_frame_without_columns():
    assert _message(lambda: D.to_frame(np.zeros((2, 2, 2)))) == (
        "`series` must be 1-D or 2-D [T, F], got shape (2, 2, 2)."
    )
    assert _message(lambda: D.to_frame(pd.DataFrame(index=DAYS))) == "`series` has no columns."


def test_a_column_named_three_times_is_named_once_in_the_message():
    frame = pd.DataFrame([[1.0, 2.0, 3.0]] * 3, columns=["a", "a", "a"], index=DAYS)
    assert _message(lambda: D.to_frame(frame)) == (
        "`series` must have distinct column names, got ['a', 'a', 'a'] ('a' more than once)."
    )


def test_window_messages_name_the_first_text_the_empty_features_and_the_sum_in_order():
    assert _message(lambda: D.make_windows(pd.Series(["1", "a", "b"]), 1, 1)) == (
        "`values` must hold numbers, got text (first 'a'); select the columns of numbers."
    )
    assert _message(lambda: D.make_windows(np.zeros((5, 0)), 1, 1)) == (
        "`values` must be a series [T] or [T, F] with at least one point and one feature, got "
        "shape (5, 0)."
    )
    assert _message(lambda: D.make_windows(np.arange(5.0), 4, 2)) == (
        "`lookback` + `horizon` (4 + 2) must not exceed the series length (5)."
    )


def test_time_split_quotes_an_n_given_as_text():
    assert _message(lambda: D.time_split("10"), TypeError) == (
        "`n` must be an integer (the number of points), got '10'."
    )


def test_a_feature_range_of_equal_ends_is_refused():
    assert _message(lambda: D.MinMaxScaler((1, 1))) == (
        "`feature_range` must be two finite numbers (min, max) with min < max, got (1, 1)."
    )


@pytest.mark.parametrize("cls", [D.MinMaxScaler, D.StandardScaler])
def test_a_scaler_used_before_fit_says_to_call_fit(cls):
    from lstmkit.forecast import NotFittedError

    scaler = cls()
    expected = f"{cls.__name__} is not fitted; call fit() first."
    assert _message(lambda: scaler.transform([1.0]), NotFittedError) == expected
    assert _message(lambda: scaler.inverse_transform([1.0]), NotFittedError) == expected


def test_where_given_as_text_is_quoted_in_the_message(tmp_path):
    assert _message(
        lambda: D.read_csv(tmp_path / "missing.csv", "date", "y", where="store=A"), TypeError
    ) == (
        "`where` must map column names (str) to the values to keep (str, or a number as the "
        "cells write it), e.g. {'store': 'A'}, got 'store=A'."
    )


def test_the_inverse_log_of_text_names_what_numpy_could_not_read():
    assert _message(lambda: D.LogTransform().inverse_transform(["a"])) == (
        "`x` must be an array of numbers, got list that numpy cannot read as floats (could not "
        "convert string to float: 'a')."
    )
