"""Fixes of the cal17 pass over README's calendar, future-covariate, holiday and sub-daily
sections."""

import json

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main


class _Copies:
    """An attrs value that counts how often pandas deep-copies it."""

    count = 0

    def __deepcopy__(self, memo):
        _Copies.count += 1
        return self


@pytest.mark.parametrize("kind", ["series", "frame"])
def test_to_frame_copies_no_attrs_of_the_data(kind):
    # a Series taken from to_frame(..., fill=...)'s frame carries its attrs: fill positions of
    # every column, deep-copied by Series.to_frame / DataFrame.copy at every predict(series=)
    index = pd.date_range("2020-01-01", periods=8, freq="D", name="day")
    data = pd.Series(np.arange(8.0), index, name="y")
    if kind == "frame":
        data = data.to_frame()
    data.attrs = {"fill": "ffill", "filled": {"y": _Copies()}, "inserted": 2}
    _Copies.count = 0
    frame = D._to_frame(data)
    assert _Copies.count == 0
    assert frame.attrs == {"inserted": 2}
    assert list(frame.columns) == ["y"] and frame.index.name == "day"
    assert frame.index.freqstr == "D" and frame["y"].tolist() == list(np.arange(8.0))
    assert data.attrs["inserted"] == 2 and "filled" in data.attrs  # the caller's, untouched


QUICK = [
    *("--ensemble", "1", "--epochs", "2", "--lookback", "4", "--season-length", "1"),
    *("--no-calendar", "--hidden-size", "4", "--no-stat-baselines", "--holdout", "0"),
]


@pytest.fixture
def plan_gap_csv(tmp_path):
    """40 days of sales, then a plan of 'promo' for 3 days whose middle day has no row."""
    days = pd.date_range("2021-01-01", periods=43, freq="D")
    sales = np.where(np.arange(43) < 40, 20.0 + np.arange(43) % 5, np.nan)
    promo = (np.arange(43) % 2).astype(float)
    frame = pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "sales": sales, "promo": promo})
    csv = tmp_path / "plan.csv"
    frame.drop(index=41).to_csv(csv, index=False)  # 2021-02-11 missing
    return csv


def _forecast(csv, *more):
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    return main([*argv, "--future-cols", "promo", "--horizon", "3", *QUICK, *more])


def test_a_gap_in_the_plan_is_told_as_the_plan_s(plan_gap_csv, capsys):
    # it was told as the series' own gap, advised a --fill that made the plan up silently
    assert _forecast(plan_gap_csv) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: timestamps in '{plan_gap_csv}' must be regularly spaced (no gaps), got "
        "irregular steps before 2021-02-12 (usual step: 1 day); missing 2021-02-11; pass "
        "--fill ffill, bfill, interpolate or zero to insert the missing timestamps and fill "
        "their values. The missing timestamp lies in the plan of --future-cols promo, the "
        "rows after the target's last value (2021-02-09): add a row for 2021-02-11 with their "
        "values, or --fill makes their values up."
    )


def test_a_gap_in_the_plan_filled_is_said(plan_gap_csv, capsys):
    # --fill inserted the plan's row and made up its values without a word (inserted 0)
    assert _forecast(plan_gap_csv, "--fill", "zero", "--json") == 0
    out, err = capsys.readouterr()
    assert (
        f"note: '{plan_gap_csv}' lacked 2021-02-11 in the plan of --future-cols promo, the rows "
        "after the target's last value (2021-02-09); --fill zero inserted it and made up "
        "its values, which the forecast reads: add that row to give the plan."
    ) in err
    forecast = json.loads(out)["forecast"]
    assert forecast["timestamp"] == ["2021-02-10", "2021-02-11", "2021-02-12"]


def test_a_plan_without_gaps_is_read_without_a_note(plan_gap_csv, tmp_path, capsys):
    frame = pd.read_csv(plan_gap_csv)
    row = pd.DataFrame({"day": ["2021-02-11"], "sales": [np.nan], "promo": [1.0]})
    whole = pd.concat([frame.iloc[:41], row, frame.iloc[41:]])
    whole.to_csv(plan_gap_csv, index=False)
    assert _forecast(plan_gap_csv, "--fill", "zero") == 0
    assert "in the plan of" not in capsys.readouterr().err


def _near_month_starts(tz=None):
    """24 month starts, every other one written an hour early (23:00 the day before)."""
    starts = pd.date_range("2019-01-01", periods=24, freq="MS")
    early = starts - pd.Timedelta(hours=1)
    return pd.DatetimeIndex(np.where(np.arange(24) % 2 == 0, early, starts), tz=tz)


def test_month_starts_an_hour_off_are_told_so_in_python():
    # refused as "irregular steps before 2019-02-28 23:00:00, ... (usual step: 745 hours)"
    series = pd.Series(np.arange(24.0), _near_month_starts())
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value) == (
        "timestamps in `series` must be regularly spaced, got 12 of 24 off a month's start by "
        "up to 1 hour (2018-12-31 23:00:00 for 2019-01-01): month starts written on another "
        "clock (midnights of a time zone written in UTC, say) read as irregular steps. Move "
        "them to the month's start: series.index = (series.index + "
        "pd.Timedelta(hours=12)).to_period('M').to_timestamp()."
    )
    series.index = (series.index + pd.Timedelta(hours=12)).to_period("M").to_timestamp()
    assert D.to_frame(series).index.freqstr == "MS"  # the advice read as monthly


def test_month_starts_off_on_the_command_line(tmp_path, capsys):
    csv = tmp_path / "months.csv"
    dates = _near_month_starts().strftime("%Y-%m-%d %H:%M")
    pd.DataFrame({"ts": dates, "y": np.arange(24.0)}).to_csv(csv, index=False)
    assert main(["forecast", "--csv", str(csv), "--date-col", "ts", "--value-col", "y"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: timestamps in '{csv}' must be regularly spaced, got 12 of 24 off a month's "
        "start by up to 1 hour (2018-12-31 23:00:00 for 2019-01-01): month starts written on "
        "another clock (midnights of a time zone written in UTC, say) read as irregular "
        "steps. Move them to the month's start: write them as the months they are (2019-01), "
        "e.g. with pandas: (dates + pd.Timedelta(hours=12)).dt.to_period('M')"
        ".dt.to_timestamp()."
    )


def test_month_ends_at_23_00_still_read_as_monthly():
    index = pd.date_range("2019-01-31", periods=24, freq="ME") + pd.Timedelta(hours=23)
    frame = D.to_frame(pd.Series(np.arange(24.0), pd.DatetimeIndex(list(index))))
    assert frame.index.freqstr == "ME" and str(frame.index[0]) == "2019-01-31 23:00:00"


def _business_hours_over_christmas():
    """Business hours, 9 to 5 on weekdays, from 2024-12-16 over a weekend and a holiday (the
    25th, none of whose hours is there)."""
    index = pd.date_range("2024-12-16 09:00", periods=120, freq="bh")
    return pd.DatetimeIndex(list(index[index.normalize() != pd.Timestamp("2024-12-25")]))


def test_business_hours_without_a_holiday_are_told_how_to_skip_it():
    # only a fill was advised, which inserts the holiday's hours as open ones
    series = pd.Series(np.arange(112.0), _business_hours_over_christmas())
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value).endswith(
        "to insert the missing timestamps and fill their values; or, where 2024-12-25 is a "
        "holiday (none of its business hours is there), give the index the holidays, which a "
        "forecast steps over: series.index = pd.DatetimeIndex(series.index, "
        "freq=pd.offsets.CustomBusinessHour(start='09:00', end='17:00', "
        "holidays=['2024-12-25']))."
    )
    offset = pd.offsets.CustomBusinessHour(start="09:00", end="17:00", holidays=["2024-12-25"])
    series.index = pd.DatetimeIndex(series.index, freq=offset)  # the advice, as given
    frame = D.to_frame(series)
    assert len(frame) == 112 and frame.index.freq == offset
    steps = D.future_index(frame.index, 3)
    assert [str(t) for t in steps] == [
        "2025-01-06 09:00:00",  # a Friday's last hour, then the weekend stepped over
        "2025-01-06 10:00:00",
        "2025-01-06 11:00:00",
    ]


def test_business_hours_without_a_holiday_on_the_command_line(tmp_path, capsys):
    csv = tmp_path / "hours.csv"
    dates = _business_hours_over_christmas().strftime("%Y-%m-%d %H:%M")
    pd.DataFrame({"ts": dates, "y": np.arange(112.0)}).to_csv(csv, index=False)
    assert main(["forecast", "--csv", str(csv), "--date-col", "ts", "--value-col", "y"]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "pass --fill ffill, bfill, interpolate or zero to insert the missing timestamps and "
            "fill their values; 2024-12-25 has no business hour (a holiday?): the command line "
            "reads no holidays, so --fill would insert its hours as open ones; from Python, an "
            "index with freq=pd.offsets.CustomBusinessHour(start='09:00', end='17:00', "
            "holidays=['2024-12-25']) steps over it."
        )
    )


def test_one_missing_business_hour_gets_no_holiday_advice():
    index = pd.date_range("2024-12-16 09:00", periods=40, freq="bh")
    series = pd.Series(np.arange(39.0), pd.DatetimeIndex(list(index.delete(12))))
    with pytest.raises(ValueError, match="missing 2024-12-17 13:00:00;") as error:
        D.to_frame(series)
    assert "holiday" not in str(error.value)


def test_a_holiday_plan_with_no_dates_yet_names_its_flag(tmp_path, capsys):
    # the refusal is right (no fill guesses New Year's Day), but named the column alone
    days = pd.date_range("2024-11-22", periods=43, freq="D")
    sales = np.where(np.arange(43) < 40, 20.0 + np.arange(43) % 5, np.nan)
    holiday = np.where(np.arange(43) < 40, (days.strftime("%m-%d") == "12-25") * 1.0, np.nan)
    csv = tmp_path / "plan.csv"
    frame = pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "sales": sales, "holiday": holiday})
    frame.to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    assert main([*argv, "--future-cols", "holiday", "--horizon", "3", *QUICK]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values must not be missing (NaN), got NaN in column 'holiday' "
        f"of {str(csv)!r} at 2025-01-01, "
        "2025-01-02, 2025-01-03. Values known in advance (--future-cols) end early ('holiday' "
        "from 2025-01-01): no fill makes up a plan, so give their values there."
    )
