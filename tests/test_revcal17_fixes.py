"""Fixes of the review of cal17 (plan gaps told as the plan's, month starts off by hours,
business-hour holidays)."""

import json

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main


@pytest.fixture(scope="module")
def run(tmp_path_factory, promo_plan):
    """A run's folder whose model reads the future covariate 'promo'."""
    folder = tmp_path_factory.mktemp("run")
    assert (
        promo_plan.forecast(promo_plan.write(folder / "plan.csv"), "--out", str(folder / "run"))
        == 0
    )
    return folder / "run"


def test_an_empty_row_of_the_plan_is_not_named_missing(tmp_path, capsys, promo_plan):
    # 2021-02-10 is in the file (its promo empty), 2021-02-12 is not: the refusal told the
    # user to "add a row for 2021-02-10", and a --fill's note said it inserted that one
    csv = promo_plan.write(tmp_path / "plan.csv", drop=[42], blank=[40])
    assert promo_plan.forecast(csv) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: timestamps in '{csv}' must be regularly spaced (no gaps), got irregular steps "
        "before 2021-02-13 (usual step: 1 day); missing 2021-02-12; pass --fill ffill, bfill, "
        "interpolate or zero to insert the missing timestamps and fill their values. The "
        "missing timestamp lies in the plan of --future-cols promo, the rows after the "
        "target's last value (2021-02-09): add a row for 2021-02-12 with their values, or "
        "--fill makes their values up."
    )
    assert promo_plan.forecast(csv, "--fill", "ffill") == 0
    where = (
        "in the plan of --future-cols promo, the rows after the target's last value "
        "(2021-02-09); --fill ffill"
    )
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"note: '{csv}' lacked 2021-02-12 {where} inserted it and made up its values, which "
        "the forecast reads: add that row to give the plan.",
        f"note: '{csv}' left empty promo at 2021-02-10 {where} made up that value, which the "
        "forecast reads: give it there to give the plan.",
    ]


def test_an_empty_plan_value_filled_is_said_by_forecast(tmp_path, capsys, promo_plan):
    # a row inserted in the plan was said, a value left empty there made up without a word
    csv = promo_plan.write(tmp_path / "plan.csv", blank=[41, 42])
    assert promo_plan.forecast(csv, "--fill", "zero", "--json") == 0
    out, err = capsys.readouterr()
    assert err.splitlines()[-1] == (
        f"note: '{csv}' left empty promo at 2021-02-11, 2021-02-12 in the plan of --future-cols "
        "promo, the rows after the target's last value (2021-02-09); --fill zero made up those "
        "values, which the forecast reads: give them there to give the plan."
    )
    assert len(json.loads(out)["forecast"]["timestamp"]) == 4


def test_a_full_plan_filled_elsewhere_gets_no_note(tmp_path, capsys, promo_plan):
    csv = promo_plan.write(tmp_path / "plan.csv")
    frame = pd.read_csv(csv)
    frame.loc[10, "promo"] = np.nan  # a gap of the history, not of the plan
    frame.to_csv(csv, index=False)
    assert promo_plan.forecast(csv, "--fill", "zero") == 0
    assert "in the plan of" not in capsys.readouterr().err


def test_predict_names_the_plan_as_it_reads_it(run, tmp_path, capsys, promo_plan):
    # predict read the plan by the model's names, and said "--future-cols promo", not given
    csv = promo_plan.write(tmp_path / "new.csv", drop=[41])
    assert main(["predict", str(run), "--csv", str(csv)]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "The missing timestamp lies in the plan of the model's future covariates promo (read "
            "by name), the rows after the target's last value (2021-02-09): add a row for "
            "2021-02-11 with their values, or --fill makes their values up."
        )
    )
    assert main(["predict", str(run), "--csv", str(csv), "--future-cols", "promo"]) == 2
    assert "lies in the plan of --future-cols promo, the rows" in capsys.readouterr().err


def test_predict_says_the_plan_values_its_fill_made_up(run, tmp_path, capsys, promo_plan):
    csv = promo_plan.write(tmp_path / "new.csv", drop=[41], blank=[42])
    assert main(["predict", str(run), "--csv", str(csv), "--fill", "ffill"]) == 0
    where = (
        "in the plan of the model's future covariates promo (read by name), the rows after "
        "the target's last value (2021-02-09); --fill ffill"
    )
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"note: '{csv}' lacked 2021-02-11 {where} inserted it and made up its values, which "
        "the forecast reads: add that row to give the plan.",
        f"note: '{csv}' left empty promo at 2021-02-12 {where} made up that value, which the "
        "forecast reads: give it there to give the plan.",
    ]


HOLIDAYS = ["2024-12-25", "2025-01-01"]


def test_custom_business_days_with_holidays_are_told_the_index_that_keeps_them():
    # advised a fill alone, which inserts the holidays as business days; no word of an index
    # that lstmkit takes with its holidays
    from lstmkit import data as D

    days = pd.offsets.CustomBusinessDay(holidays=HOLIDAYS)
    series = pd.Series(np.arange(40.0), pd.date_range("2024-11-20", periods=40, freq=days))
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value).endswith(
        "to insert the missing timestamps and fill their values; the fill inserts the days its "
        "calendar closes as business days, values made up; to step over them, give the index "
        "business hours of one hour at midnight, whose days and holidays lstmkit keeps (a "
        "custom business day's it cannot: 'C' reads back without them): series.index = "
        "pd.DatetimeIndex(series.index.to_numpy(), "
        "freq=pd.offsets.CustomBusinessHour(start='00:00', "
        "end='01:00', weekmask=series.index.freq.weekmask, "
        "holidays=series.index.freq.holidays)), with season_length=5 for its week."
    )
    series.index = pd.DatetimeIndex(  # the advice, as given
        series.index.to_numpy(),
        freq=pd.offsets.CustomBusinessHour(
            start="00:00",
            end="01:00",
            weekmask=series.index.freq.weekmask,
            holidays=series.index.freq.holidays,
        ),
    )
    frame = D.to_frame(series[:23])  # to 2024-12-20, a Friday
    assert [str(t.date()) for t in D.future_index(frame.index, 3)] == [
        "2024-12-23",
        "2024-12-24",
        "2024-12-26",  # Christmas stepped over
    ]


def test_business_days_missing_a_holiday_are_told_so(tmp_path, capsys):
    from lstmkit import data as D

    days = pd.bdate_range("2024-11-20", periods=40)
    index = days[~days.isin(pd.to_datetime(HOLIDAYS))]
    series = pd.Series(np.arange(38.0), index)
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value).endswith(
        "fill their values; 2024-12-25 and 2025-01-01 are no business days here (holidays?): "
        "the fill inserts them as business days, values made up; to step over them, give the "
        "index business hours of one hour at midnight, whose days and holidays lstmkit keeps (a "
        "custom business day's it cannot: 'C' reads back without them): series.index = "
        "pd.DatetimeIndex(series.index.to_numpy(), "
        "freq=pd.offsets.CustomBusinessHour(start='00:00', "
        "end='01:00', holidays=['2024-12-25', '2025-01-01'])), with season_length=5 for its "
        "week."
    )
    offset = pd.offsets.CustomBusinessHour(start="00:00", end="01:00", holidays=HOLIDAYS)
    series.index = pd.DatetimeIndex(series.index.to_numpy(), freq=offset)
    assert len(D.to_frame(series)) == 38
    csv = tmp_path / "days.csv"
    pd.DataFrame({"ts": index.strftime("%Y-%m-%d"), "y": np.arange(38.0)}).to_csv(csv, index=False)
    assert main(["forecast", "--csv", str(csv), "--date-col", "ts", "--value-col", "y"]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "fill their values; 2024-12-25 and 2025-01-01 are no business days here (holidays?): "
            "the command line reads no holidays, so --fill would insert them as business days; "
            "from Python, an index with freq=pd.offsets.CustomBusinessHour(start='00:00', "
            "end='01:00', holidays=['2024-12-25', '2025-01-01']) steps over them, with "
            "season_length=5."
        )
    )


def test_business_days_with_many_days_lost_get_no_holiday_advice():
    from lstmkit import data as D

    days = pd.bdate_range("2024-01-01", periods=200)
    series = pd.Series(np.arange(180.0), days.delete(range(20, 60, 2)))
    with pytest.raises(ValueError, match=r"fill their values\.$") as error:
        D.to_frame(series)
    assert "holiday" not in str(error.value)


def test_month_starts_off_in_a_zone_are_told_a_move_that_keeps_no_zone():
    # the advice's to_period warned "Converting to PeriodArray/Index representation will drop
    # timezone information" (an error under warnings as errors) before it read as monthly
    from lstmkit import data as D

    starts = pd.date_range("2019-01-01", periods=24, freq="MS")
    early = np.where(np.arange(24) % 2 == 0, starts - pd.Timedelta(hours=1), starts)
    series = pd.Series(np.arange(24.0), pd.DatetimeIndex(early).tz_localize("UTC"))
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value) == (
        "timestamps in `series` must be regularly spaced, got 12 of 24 off a month's start by "
        "up to 1 hour (2018-12-31 23:00:00+00:00 for 2019-01-01): month starts written on "
        "another clock (midnights of a time zone written in UTC, say) read as irregular steps. "
        "Move them to the month's start: series.index = (series.index.tz_localize(None) + "
        "pd.Timedelta(hours=12)).to_period('M').to_timestamp()."
    )
    series.index = (series.index.tz_localize(None) + pd.Timedelta(hours=12)).to_period("M")
    series.index = series.index.to_timestamp()  # the advice, as given
    assert D.to_frame(series).index.freqstr == "MS"


def test_business_hours_missing_many_days_get_no_holiday_advice():
    # 40 business days of hours lost were offered an index with those 40 days as holidays
    # (a message of 1,764 characters)
    from lstmkit import data as D

    index = pd.date_range("2024-01-01 09:00", periods=2000, freq="bh").delete(slice(80, 400))
    with pytest.raises(ValueError) as error:
        D.to_frame(pd.Series(np.arange(1680.0), index))
    assert str(error.value).endswith(
        "missing 2024-01-15 09:00:00, 2024-01-15 10:00:00, 2024-01-15 11:00:00, 2024-01-15 "
        "12:00:00, 2024-01-15 13:00:00 and 315 more; pass fill='ffill', 'bfill', 'interpolate' "
        "or 'zero' to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take, to insert the missing timestamps and fill "
        "their values."
    )


def test_a_plan_ending_early_read_by_name_is_not_named_by_a_flag(run, tmp_path, capsys, promo_plan):
    # predict and explain without --future-cols said "Values known in advance (--future-cols)"
    csv = promo_plan.write(tmp_path / "late.csv", blank=[41, 42, 43])
    missing = f"got NaN in column 'promo' of {str(csv)!r} at 2021-02-11, 2021-02-12, 2021-02-13."
    known = "Values known in advance (the model's future covariates, read by name) end early"
    assert main(["predict", str(run), "--csv", str(csv)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: values must not be missing (NaN), {missing} {known} ('promo' from "
        "2021-02-11): no fill makes up a plan, so give their values there, or forecast fewer "
        "steps (a smaller --horizon)."
    )
    explain = ["explain", str(run), "--csv", str(csv), "--method", "occlusion", "--step", "2"]
    assert main(explain) == 2
    assert capsys.readouterr().err.strip() == (  # (step 2 reads the plan to 2021-02-12)
        "error: values must not be missing (NaN), got NaN in column 'promo' "
        f"of {str(csv)!r} at 2021-02-11, 2021-02-12. {known} ('promo' from "
        "2021-02-11): no fill makes up a plan, so give their values there, or explain an "
        "earlier step (--step 0)."
    )
    assert main([*explain, "--future-cols", "promo"]) == 2
    assert "Values known in advance (--future-cols) end early" in capsys.readouterr().err


def test_explain_tells_a_gap_in_the_plan_as_the_plan_s(run, tmp_path, capsys, promo_plan):
    # forecast and predict told it so; explain, the third reader of the plan, as the series'
    csv = promo_plan.write(tmp_path / "new.csv", drop=[41])
    explain = ["explain", str(run), "--csv", str(csv), "--method", "occlusion", "--step", "2"]
    assert main(explain) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "fill their values. The missing timestamp lies in the plan of the model's future "
            "covariates promo (read by name), the rows after the target's last value "
            "(2021-02-09): add a row for 2021-02-11 with their values, or --fill makes their "
            "values up."
        )
    )


def test_month_starts_off_with_a_month_missing_are_told_so():
    # a gap among them kept the old refusal, "irregular steps ... (usual step: 745 hours)"
    from lstmkit import data as D

    starts = pd.date_range("2019-01-01", periods=24, freq="MS")
    early = np.where(np.arange(24) % 2 == 0, starts - pd.Timedelta(hours=1), starts)
    series = pd.Series(np.arange(23.0), pd.DatetimeIndex(early).delete(5))
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value) == (
        "timestamps in `series` must be regularly spaced, got 12 of 23 off a month's start by "
        "up to 1 hour (2018-12-31 23:00:00 for 2019-01-01): month starts written on another "
        "clock (midnights of a time zone written in UTC, say) read as irregular steps. Move "
        "them to the month's start: series.index = (series.index + "
        "pd.Timedelta(hours=12)).to_period('M').to_timestamp()."
    )
    series.index = (series.index + pd.Timedelta(hours=12)).to_period("M").to_timestamp()
    with pytest.raises(ValueError, match="; missing 2019-06-01; pass fill="):
        D.to_frame(series)  # then a gap, as any other
    assert D.to_frame(series, fill="ffill").index.freqstr == "MS"


def test_zoned_business_days_missing_a_holiday_are_told_so():
    from lstmkit import data as D

    days = pd.bdate_range("2024-11-20", periods=40)
    index = days[days != pd.Timestamp("2024-12-25")].tz_localize("Europe/Berlin")
    series = pd.Series(np.arange(39.0), index)
    with pytest.raises(ValueError, match=r"2024-12-25 is no business day here \(a holiday\?\)"):
        D.to_frame(series)
    offset = pd.offsets.CustomBusinessHour(start="00:00", end="01:00", holidays=["2024-12-25"])
    series.index = pd.DatetimeIndex(series.index.to_numpy(), freq=offset)  # the advice, as given
    frame = D.to_frame(series[:23])  # to 2024-12-20, a Friday
    assert [str(t.date()) for t in D.future_index(frame.index, 3)] == [
        "2024-12-23",
        "2024-12-24",
        "2024-12-26",
    ]
