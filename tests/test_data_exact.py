"""Exact values and messages of lstmkit.data's reading checks: the row and column each message
names, its counts and its boundaries (five positions shown, 20 categories, three marks), each
test a few milliseconds, no model trained."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

NAN = np.nan
DAYS = pd.date_range("2020-01-01", periods=6, freq="D")
NOT_REGULAR = (
    "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
)
PASS_FILL = (
    "; pass fill='ffill', 'bfill', 'interpolate' or 'zero' "
    "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
    "Forecaster.fit, predict and backtest take, to insert the missing timestamps and "
    "fill their values."
)
FILL_FIRST = (
    ". Fill them first: pass fill='ffill', 'bfill', 'interpolate' or 'zero' to "
    "lstmkit.data.to_frame or read_csv (CLI: --fill), whose result Forecaster.fit, predict "
    "and backtest take."
)


def _message(call) -> str:
    with pytest.raises(ValueError) as err:
        call()
    return str(err.value)


def _irregular(index: pd.DatetimeIndex) -> str:
    return _message(lambda: D.to_frame(pd.Series(np.arange(len(index), dtype=float), index=index)))


# --- fill ----------------------------------------------------------------------------------


def test_interpolate_fills_a_leading_gap_from_the_first_value():
    series = pd.Series([NAN, 2.0, 4.0], index=DAYS[:3], name="y")
    assert D.to_frame(series, fill="interpolate")["y"].tolist() == [2.0, 2.0, 4.0]


def test_a_bfill_of_the_first_point_reads_the_second_before_a_cutoff_of_one():
    frame = D.to_frame(pd.Series([NAN, 2.0, 3.0], index=DAYS[:3], name="y"), fill="bfill")
    assert frame.attrs["filled"] == {"y": [0]}
    assert D.fill_reads_ahead(frame, 1) == (DAYS[0], DAYS[1])
    assert D.fill_reads_ahead(frame, 2) is None


# --- NaN and non-numeric values: positions shown -------------------------------------------


def test_five_missing_values_are_all_listed_without_a_count_of_more():
    series = pd.Series(
        [1.0, NAN, NAN, NAN, NAN, NAN, 7.0], index=pd.date_range("2020-01-01", periods=7)
    )
    assert _message(lambda: D.to_frame(series.rename("y"))) == (
        "values must not be missing (NaN), got NaN in column 'y' at 2020-01-02, 2020-01-03, "
        "2020-01-04, 2020-01-05, 2020-01-06" + FILL_FIRST
    )


def test_nan_inside_the_target_and_at_its_end_gets_the_hint_to_drop_future_rows():
    # no fill takes the last row (to_frame refuses it after the fill advised), so its hint is
    # given beside the gap inside (it was not: tests/test_qa9_fixes.py)
    series = pd.Series([1.0, NAN, 3.0, NAN], index=DAYS[:4], name="y")
    assert _message(lambda: D.to_frame(series)) == (
        "values must not be missing (NaN), got NaN in column 'y' at 2020-01-02, 2020-01-04"
        + FILL_FIRST
        + " The last row has no 'y' (2020-01-04): if it is the future to forecast, "
        "drop it instead; the forecast starts after the last row, and covariates are past "
        "inputs, whose future values it does not need (values known ahead, a promotion plan "
        "say, go to Forecaster's future_covariates, CLI --future-cols, which read those rows)."
    )


def test_twenty_categories_get_the_dummies_hint_and_twenty_one_do_not():
    words = [chr(97 + i) * 2 for i in range(21)]

    def read(n):
        index = pd.date_range("2020-01-01", periods=n)
        return _message(lambda: D.to_frame(pd.Series(words[:n], index=index, name="y")))

    shown = (
        "column 'y' has non-numeric values at 2020-01-01 ('aa'), 2020-01-02 ('bb'), "
        "2020-01-03 ('cc'), 2020-01-04 ('dd'), 2020-01-05 ('ee')"
    )
    assert read(20) == (
        shown + " and 15 more (categories, 'aa', 'bb', 'cc', ...?): give one column of 0 and 1 "
        "per category (pandas: pd.get_dummies(series, dtype=float))."
    )
    assert read(21) == shown + " and 16 more."


def test_three_marks_of_missing_values_are_shown_without_an_ellipsis():
    series = pd.Series([1.0, "-", "n/a", "x", 5.0], index=DAYS[:5], name="y")
    assert _message(lambda: D.to_frame(series)) == (
        "column 'y' has non-numeric values at 2020-01-02 ('-'), 2020-01-03 ('n/a'), "
        "2020-01-04 ('x') (marks of missing values?): make them NaN (pandas: read_csv(..., "
        "na_values=['-', 'n/a', 'x'])), then pass fill='ffill', 'bfill', 'interpolate' or "
        "'zero' to fill them."
    )


# --- covariates and future covariates that end early ---------------------------------------


def test_covariates_ending_early_are_named_with_their_tails_and_the_longest_cut():
    frame = pd.DataFrame(
        {
            "a": [1.0, 2, 3, 4, NAN, NAN],
            "b": [1.0, 2, 3, 4, 5, NAN],
            "c": [1.0, NAN, 3, 4, 5, NAN],  # a gap as well: not one that merely ends early
        },
        index=DAYS,
    )
    assert _message(lambda: D._check_values(frame, None, name="covariates")) == (
        "values must not be missing (NaN), got NaN in column 'a' at 2020-01-05, 2020-01-06; "
        "column 'b' at 2020-01-06; column 'c' at 2020-01-02, 2020-01-06" + FILL_FIRST + " The "
        "covariates 'a' (last 2), 'b' (last 1) end before the series; the network reads them "
        "at every point, so fill them (covariates.ffill() carries each last value forward) or "
        "end the series and the covariates where the covariates end (series[:-2], "
        "covariates[:-2])."
    )


PLAN = pd.DataFrame(
    {"promo": [1.0, 2.0, NAN, NAN, NAN, NAN], "price": [1.0, 2, 3, 4, 5, NAN]}, index=DAYS
)


def test_future_covariates_ending_early_say_from_when_without_a_fill():
    assert _message(lambda: D._check_values(PLAN, None, name="future_covariates")) == (
        "values must not be missing (NaN), got NaN in column 'promo' at 2020-01-03, "
        "2020-01-04, 2020-01-05, 2020-01-06; column 'price' at 2020-01-06. "
        "Values known in advance (`future_covariates`) "
        "end early ('promo' from 2020-01-03; 'price' from "
        "2020-01-06): no fill makes up a plan, so give their values there, or forecast fewer "
        "steps (a smaller `horizon`)."
    )


def test_future_covariates_ending_early_are_not_filled_and_their_rows_counted():
    assert _message(lambda: D._check_values(PLAN, "ffill", name="future_covariates")) == (
        "values known in advance (future covariates) must not end early, got no value of "
        "'promo' in its last 4 rows, 2020-01-03, 2020-01-04, 2020-01-05, 2020-01-06; "
        "'price' in its last row, 2020-01-06: that is not a gap, and fill='ffill' does "
        "not make it up (a forecast would read a made-up plan there). Give their values, or "
        "forecast fewer steps (a smaller `horizon`)."
    )


# --- irregular timestamps: the usual step and the missing ones -----------------------------


def test_business_month_starts_with_a_gap_are_measured_in_months():
    # 1 February 2020 is a Saturday: the business month start is Monday the 3rd
    index = pd.date_range("2020-01-01", periods=8, freq="BMS").delete(3)
    assert _irregular(index) == (
        NOT_REGULAR + "2020-05-01 (usual step: 1 month); missing 2020-04-01" + PASS_FILL
    )


def test_a_step_that_is_no_whole_number_of_the_usual_one_names_no_missing_stamps():
    months = ["2020-01-01", "2020-03-01", "2020-05-01", "2020-07-01", "2020-12-01", "2021-02-01"]
    assert _irregular(pd.DatetimeIndex(months)) == (
        NOT_REGULAR + "2020-12-01 (usual step: 2 months)."
    )


def test_every_second_business_day_with_a_gap_names_the_missing_one():
    index = pd.bdate_range("2020-01-06", periods=20)[::2].delete(4)
    assert _irregular(index) == (
        NOT_REGULAR + "2020-01-20 (usual step: 2 business days); missing 2020-01-16" + PASS_FILL
    )


def test_missing_hours_in_a_time_zone_are_named_in_its_wall_clock():
    index = pd.date_range("2020-01-01", periods=6, freq="h", tz="Asia/Tokyo").delete(2)
    assert _irregular(index) == (
        NOT_REGULAR + "2020-01-01 03:00:00+09:00 (usual step: 1 hour); missing "
        "2020-01-01 02:00:00+09:00" + PASS_FILL
    )


def test_six_days_a_week_are_days_not_business_days():
    index = pd.DatetimeIndex(
        [t for t in pd.date_range("2020-01-06", periods=21) if t.day_of_week < 6]
    ).delete(8)
    assert _irregular(index) == (
        NOT_REGULAR + "2020-01-13, 2020-01-16, 2020-01-20 (usual step: 1 day); missing "
        "2020-01-12, 2020-01-15, 2020-01-19" + PASS_FILL
    )


def test_a_step_of_ninety_minutes_is_said_in_minutes():
    index = pd.date_range("2020-01-01", periods=6, freq="90min").delete(2)
    assert _irregular(index) == (
        NOT_REGULAR + "2020-01-01 04:30:00 (usual step: 90 minutes); missing "
        "2020-01-01 03:00:00" + PASS_FILL
    )


def test_more_than_five_missing_stamps_are_counted():
    index = pd.date_range("2020-01-01", periods=20).delete([3, 4, 5, 6, 7, 8, 9])
    assert _irregular(index) == (
        NOT_REGULAR + "2020-01-11 (usual step: 1 day); missing 2020-01-04, 2020-01-05, "
        "2020-01-06, 2020-01-07, 2020-01-08 and 2 more" + PASS_FILL
    )


def test_missing_stamps_off_the_grid_get_no_advice_to_fill():
    index = pd.DatetimeIndex(
        [
            *("2020-01-01", "2020-01-02", "2020-01-03", "2020-01-05", "2020-01-06"),
            *("2020-01-07 12:00", "2020-01-08 12:00", "2020-01-09 12:00"),  # half a day on
        ]
    )
    assert _irregular(index) == (
        NOT_REGULAR + "2020-01-05, 2020-01-07 12:00:00 (usual step: 1 day); missing 2020-01-04."
    )


def test_two_timestamps_are_too_few():
    assert _irregular(DAYS[:2]) == "`series` needs at least 3 timestamps, got 2."


def test_mid_month_dates_every_two_months_are_refused_as_mid_month():
    index = pd.date_range("2020-01-15", periods=6, freq="2MS") + pd.Timedelta(days=14)
    assert _irregular(index).startswith(
        "timestamps in `series` fall on day 15 of every 2 months; a regular monthly series is "
        "dated on the first (or last) day of its months."
    )


# --- dates in a CSV --------------------------------------------------------------------------


def _read_dates(tmp_path, dates, **kwargs):
    path = tmp_path / "s.csv"
    path.write_text("date,y\n" + "".join(f"{d},{i}\n" for i, d in enumerate(dates)))
    return D.read_csv(path, "date", "y", **kwargs)


# "{csv}": the file's path as given, quoted
DECIMAL_YEARS = (
    "column 'date' of {csv} must hold dates or decimal years as R's time() writes them: year + "
    "(month - 1)/12 for monthly data (1949.08333333333 or 1949.08 for February), year + (quarter "
    "- 1)/4 for quarterly data (1949.25), year + 0.5 for the second half-year, one row per "
    "period; "
)


def test_decimal_years_three_months_apart_but_one_off_the_quarters_are_refused(tmp_path):
    dates = ["1949.0", "1949.25", "1949.5", "1949.8333333333"]  # January, April, July, November
    assert _message(lambda: _read_dates(tmp_path, dates)) == (
        DECIMAL_YEARS.format(csv=repr(str(tmp_path / "s.csv")))
        + "got rows 3 months apart from January ('1949.0', '1949.25', ...), but "
        "R's time() starts a year's 4 periods in January, April, July and October."
    )


def test_decimal_years_padded_with_zeros_have_the_rounding_of_their_digits(tmp_path):
    # months rounded to 2 decimals, written with 4 (a spreadsheet's "0.0000"): 1949.0800
    dates = [f"{round(1949 + k / 12, 2):.4f}" for k in range(12)]
    frame = _read_dates(tmp_path, dates)
    assert frame.index.freqstr == "MS"
    assert frame.index[0] == pd.Timestamp("1949-01-01")
    assert frame.index[-1] == pd.Timestamp("1949-12-01")


def test_three_day_first_dates_are_regular_read_day_first(tmp_path):
    dates = ["12/01/2015", "13/01/2015", "14/01/2015"]
    assert _message(lambda: _read_dates(tmp_path, dates)) == (
        f"the dates in column 'date' of {str(tmp_path / 's.csv')!r} look day-first: read "
        "month-first they include non-dates such as '13/01/2015' (row 3), read day-first they "
        "are regular. Pass date_format='%d/%m/%Y' (CLI: --date-format '%d/%m/%Y') to read them "
        "day-first."
    )


def test_dates_half_in_another_format_name_the_second_half(tmp_path):
    dates = ["2020-01-01", "2020-01-02", "01/03/2020", "01/04/2020"]
    assert _message(lambda: _read_dates(tmp_path, dates)) == (
        f"column 'date' of {str(tmp_path / 's.csv')!r} mixes date formats: most dates read as "
        "'%Y-%m-%d', but 2 cannot be read so, such as '01/03/2020' (row 4, like '%m/%d/%Y'), "
        "'01/04/2020' (row 5, like '%m/%d/%Y'); pass date_format (CLI: --date-format), a "
        "strftime format such as '%Y-%m-%d', or make the dates consistent."
    )


def test_dates_without_a_format_written_two_ways_show_two_examples(tmp_path):
    dates = ["Jan 2015", "Feb 2015", "2015-03", "2015-04", "2015-05"]
    assert _message(lambda: _read_dates(tmp_path, dates)) == (
        f"column 'date' of {str(tmp_path / 's.csv')!r} mixes date formats: it starts like 'Jan "
        "2015', but 3 values are written otherwise, such as '2015-03' (row 4), '2015-04' (row "
        "5); pass date_format (CLI: --date-format), a strftime format such as '%Y-%m-%d', or "
        "make the dates consistent."
    )


def test_eight_digit_dates_are_dates_not_integer_steps(tmp_path):
    frame = _read_dates(tmp_path, ["20200130", "20200131", "20200201"])
    assert frame.index.freqstr == "D"
    assert frame.index[-1] == pd.Timestamp("2020-02-01")


# --- the file and its columns ----------------------------------------------------------------


def test_a_big_endian_utf16_file_is_named_as_utf16(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes(b"\xfe\xff" + "date,y\n2020-01-01,1\n".encode("utf-16-be"))
    assert _message(lambda: D.read_csv(path, "date", "y")) == (
        "CSV file 's.csv' must be UTF-8 text, got UTF-16 (it begins with UTF-16's byte-order "
        'mark 0xfe 0xff, as Excel saves "Unicode Text" and "CSV UTF-16" and Windows PowerShell '
        "5's `>` writes); save the file as UTF-8 (Excel: Save As, \"CSV UTF-8 (Comma "
        'delimited)"; Notepad: Save As, Encoding UTF-8; PowerShell: `| Out-File -Encoding utf8 '
        "FILE` in place of `> FILE`)."
    )


def test_na_in_a_csv_is_a_missing_value(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("date,y\n2020-01-01,1\n2020-01-02,NA\n2020-01-03,3\n")
    assert _message(lambda: D.read_csv(path, "date", "y")) == (
        "values must not be missing (NaN), got NaN in column 'y' "
        f"of {str(path)!r} at 2020-01-02" + FILL_FIRST
    )
    assert D.read_csv(path, "date", "y", fill="ffill")["y"].tolist() == [1.0, 1.0, 3.0]


def test_one_column_named_with_the_separator_passed_gets_no_separator_hint(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text('"date;y"\n"2020-01-01;1"\n')  # quoted: one field, though sep is ';'
    assert _message(lambda: D.read_csv(path, "date", "y", sep=";")) == (
        f"columns ['date', 'y'] not found in {str(tmp_path / 's.csv')!r}; available columns: "
        "['date;y']."
    )


def test_the_separator_hint_wins_over_a_name_in_another_case(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("date;y\n2020-01-01;1\n")
    assert _message(lambda: D.read_csv(path, "DATE;Y", "x")) == (
        f"columns ['DATE;Y', 'x'] not found in {str(tmp_path / 's.csv')!r}; available columns: "
        "['date;y'] (one column whose name holds ';': the file looks ';'-separated; pass sep=';' "
        "(CLI: --sep ';'))."
    )


# --- long format: `where` --------------------------------------------------------------------


def test_where_without_a_match_lists_eight_values_and_no_empty_cell(tmp_path):
    stores = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", ""]
    rows = [f"{s},2020-01-0{i + 1},{i}" for i, s in enumerate(stores)]
    path = tmp_path / "s.csv"
    path.write_text("store,date,y\n" + "\n".join(rows) + "\n")
    assert _message(lambda: D.read_csv(path, "date", "y", where={"store": "Z"})) == (
        f"no row of {str(tmp_path / 's.csv')!r} has store='Z' (`where`); the column holds s1, s2, "
        "s3, s4, s5, s6, s7, s8."
    )


def test_plan_reach_is_how_far_every_future_column_holds_a_value():
    raw = pd.DataFrame(
        {"y": ["1", None, None, None], "a": ["1", "", "3", None], "b": ["1", "2", None, None]},
        index=[10, 11, 12, 13],  # the file's rows
    )
    rows = pd.Index([11, 12, 13])
    assert D._future_rows(raw, "y", {}, "s.csv").tolist() == [11, 12, 13]
    assert D._plan_reach(raw, rows, ["a"]) == 2  # up to its last value, past the empty cell
    assert D._plan_reach(raw, rows, ["b"]) == 1
    assert D._plan_reach(raw, rows, ["a", "b"]) == 1
    assert D._plan_reach(raw, rows[1:], ["b"]) == 0


def test_a_long_format_file_of_four_series_names_all_four(tmp_path):
    rows = [f"{s},2020-01-0{d},{d}" for d in range(1, 4) for s in "ABCD"]
    path = tmp_path / "s.csv"
    path.write_text("store,date,y\n" + "\n".join(rows) + "\n")
    assert _message(lambda: D.read_csv(path, "date", "y")) == (
        f"timestamps must be unique, got duplicates in {str(tmp_path / 's.csv')!r}: 2020-01-01, "
        "2020-01-02, 2020-01-03. The file looks like 4 series in long format, one per value of "
        "'store' (A, B, C, D): read one with where={'store': 'A'} (CLI: --where store=A)."
    )


def test_series_names_skip_empty_cells_and_keep_the_first_order(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "store,date,y\n B,2020-01-01,1\n,2020-01-01,2\nA,2020-01-01,3\nB ,2020-01-02,4\n"
    )
    assert D.series_names(path, "store") == ["B", "A"]
    path.write_text("store,date,y\n,2020-01-01,1\n")
    assert _message(lambda: D.series_names(path, "store")) == (
        f"column 'store' of {str(tmp_path / 's.csv')!r} holds no value."
    )


# --- separators --------------------------------------------------------------------------------


def test_a_line_break_is_no_separator_and_a_capital_e_no_decimal_mark(tmp_path):
    path = tmp_path / "missing.csv"  # the arguments are checked before the file is looked for
    assert _message(lambda: D.read_csv(path, "date", "y", sep="\n")) == (
        "`sep` must be one character (not a quote or a line break), got '\\n'."
    )
    assert _message(lambda: D.read_csv(path, "date", "y", thousands="\r")) == (
        "`thousands` must be one character (not a quote or a line break) or None, got '\\r'."
    )
    assert _message(lambda: D.read_csv(path, "date", "y", decimal="E")) == (
        "`decimal` and `thousands` must not be digits, signs or 'e', got 'E' and None."
    )
    assert _message(lambda: D.read_csv(path, "date", "y", thousands="E")) == (
        "`decimal` and `thousands` must not be digits, signs or 'e', got '.' and 'E'."
    )


# --- calendar ----------------------------------------------------------------------------------


def _season_positions(index: pd.Index, period: int) -> list[int]:
    cal = D.calendar_features(index, period)
    angle = np.mod(np.arctan2(cal[:, 0], cal[:, 1]), 2 * np.pi)
    return (np.round(angle / (2 * np.pi) * period).astype(int) % period).tolist()


def test_every_second_day_counts_its_steps_not_the_weekday():
    # 2020-01-01 is day 18262 since 1970: step 9131 of two days, 9131 % 7 = 3
    steps = pd.date_range("2020-01-01", periods=4, freq="2D")
    assert _season_positions(steps, 7) == [3, 4, 5, 6]
    days = pd.date_range("2020-01-01", periods=4, freq="D")  # a Wednesday: day 2 of the week
    assert _season_positions(days, 7) == [2, 3, 4, 5]


def test_steps_of_seconds_with_a_daily_season_read_the_time_of_day_to_the_second():
    index = pd.date_range("2020-01-01 00:00:30", periods=4, freq="30s")
    assert _season_positions(index, 2880) == [1, 2, 3, 4]  # 2880 steps of 30 s: a day


def test_a_range_index_with_a_step_counts_its_steps():
    assert _season_positions(pd.RangeIndex(100, 160, 10), 4) == [2, 3, 0, 1, 2, 3]
    assert _season_positions(pd.Index([5, 6, 7]), 4) == [1, 2, 3]


def test_quarters_are_counted_from_the_first_quarter():
    starts = pd.date_range("2020-01-01", periods=5, freq="QS")
    assert _season_positions(starts, 4) == [0, 1, 2, 3, 0]
    ends = pd.date_range("2020-03-31", periods=5, freq="QE")
    assert _season_positions(ends, 4) == [0, 1, 2, 3, 0]


def test_business_hours_count_in_their_shortest_gap_an_hour():
    index = pd.date_range("2020-01-06 09:00", periods=10, freq="bh")
    assert _season_positions(index, 24) == [9, 10, 11, 12, 13, 14, 15, 16, 9, 10]


# --- indexes that are no dates, and the values' text ------------------------------------------


def test_an_integer_index_that_does_not_rise_is_refused_at_its_first_step():
    series = pd.Series([1.0, 2.0, 3.0], index=[5, 5, 5])
    assert _message(lambda: D.to_frame(series)) == (
        "the integer index of `series` must rise by one constant step, got 5 then 5 (row 1); "
        "pass a DatetimeIndex, or positions (a RangeIndex) for a regular series."
    )


def test_codes_with_a_leading_zero_that_repeat_and_text_with_a_number_are_positions():
    codes = pd.Series([1.0, 2.0, 3.0], index=["001", "001", "001"])
    assert D.to_frame(codes).index.equals(pd.RangeIndex(3))
    mixed = pd.Series([1.0, 2.0, 3.0], index=["2015-01-01", "2015-01-02", "1950"])
    assert D.to_frame(mixed).index.equals(pd.RangeIndex(3))


def test_true_and_false_with_spaces_read_as_one_and_zero():
    series = pd.Series([" True", "False", "true"], index=DAYS[:3], name="y")
    assert D.to_frame(series)["y"].tolist() == [1.0, 0.0, 1.0]


def test_a_column_without_any_value_is_named_when_the_fill_leaves_it():
    frame = pd.DataFrame({"y": [1.0, 2.0, 3.0], "x": [NAN] * 3}, index=DAYS[:3])
    assert _message(lambda: D.to_frame(frame, fill="ffill")) == (
        "fill='ffill' left NaNs in column 'x' (it has no values at all): no fill gives a "
        "column without any value one; give its values, or leave it out."
    )


def test_a_row_with_a_field_too_many_names_the_header_width_in_the_separator_passed(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("a;b\n1;2\n3;4;5\n")
    assert _message(lambda: D.read_csv(path, "a", "b", sep=";")) == (
        "CSV file 's.csv' cannot be read as a table (Expected 2 fields in line 3, saw 3); every "
        "row must have the header's 2 fields; a value holding the separator ';' must be quoted."
    )


def test_a_column_named_twice_among_the_arguments_is_refused(tmp_path):
    assert _message(lambda: D.read_csv(tmp_path / "s.csv", "y", ["y", "z"])) == (
        "each column may be named once among the date, value and covariate columns; ['y'] is "
        "named more than once."
    )


def test_the_stem_of_a_compressed_csv_drops_its_suffix_in_any_case():
    assert D._csv_stem(Path("sales.csv.GZ")) == "sales"
    assert D._csv_stem(Path("sales.csv.gz")) == "sales"
    assert D._csv_stem(Path("sales.v2.csv")) == "sales.v2"
