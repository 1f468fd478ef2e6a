"""Fixes of l18b: forecasting input messages (month ends off by hours, blanks and gaps of the
plan said as the plan's, the argument that forecasts fewer steps named)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main


def _month_ends(hours, zone=None):
    """24 month ends, every other one ``hours`` after its midnight; in ``zone`` if given."""
    ends = pd.date_range("2019-01-31", periods=24, freq="ME")
    late = pd.DatetimeIndex(
        np.where(np.arange(24) % 2 == 0, ends + pd.Timedelta(hours=hours), ends)
    )
    return late.tz_localize(zone) if zone else late


def test_month_ends_off_by_hours_are_told_how_to_move_them(tmp_path, capsys):
    # told "irregular steps before 2019-02-28, ... (usual step: 767 hours)", nothing to do
    series = pd.Series(np.arange(24.0), _month_ends(23))
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value) == (
        "timestamps in `series` must be regularly spaced, got 12 of 24 off a month's end by up "
        "to 23 hours (2019-01-31 23:00:00 for 2019-01-31): month ends written on another clock "
        "(midnights of a time zone written in UTC, say, or the day's last hour) read as "
        "irregular steps. Move them to the month's end (its last day): series.index = "
        "series.index.to_period('M').to_timestamp(how='end').normalize()."
    )
    series.index = series.index.to_period("M").to_timestamp(how="end").normalize()
    assert D.to_frame(series).index[[0, -1]].strftime("%Y-%m-%d").tolist() == [
        "2019-01-31",
        "2020-12-31",
    ]
    csv = tmp_path / "ends.csv"
    dates = _month_ends(23).strftime("%Y-%m-%d %H:%M")
    pd.DataFrame({"ts": dates, "y": np.arange(24.0)}).to_csv(csv, index=False)
    assert main(["forecast", "--csv", str(csv), "--date-col", "ts", "--value-col", "y"]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "Move them to the month's end (its last day): write them as the days they are "
            "(2019-01-31), e.g. with pandas: "
            "dates.dt.to_period('M').dt.to_timestamp(how='end').dt.normalize()."
        )
    )


def test_month_ends_of_a_zone_written_in_utc_are_told_a_move_that_keeps_no_zone():
    ends = _month_ends(0, "Europe/Berlin").tz_convert("UTC")
    with pytest.raises(ValueError) as error:
        D.to_frame(pd.Series(np.arange(24.0), ends))
    assert str(error.value) == (
        "timestamps in `series` must be regularly spaced, got 24 of 24 off a month's end by up "
        "to 2 hours (2019-01-30 23:00:00+00:00 for 2019-01-31): month ends written on another "
        "clock (midnights of a time zone written in UTC, say, or the day's last hour) read as "
        "irregular steps. Move them to the month's end (its last day): series.index = "
        "series.index.tz_localize(None).to_period('M').to_timestamp(how='end').normalize()."
    )


def test_a_plan_ending_early_names_the_horizon_to_shorten(tmp_path, capsys, promo_plan):
    # "or forecast fewer steps." named no flag; Python's predict named `horizon` already
    csv = promo_plan.write(tmp_path / "late.csv", blank=[42, 43])
    assert promo_plan.forecast(csv) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values must not be missing (NaN), got NaN in column 'promo' "
        f"of {str(csv)!r} at 2021-02-12, "
        "2021-02-13. Values known in advance (--future-cols) end early ('promo' from "
        "2021-02-12): no fill makes up a plan, so give their values there, or forecast fewer "
        "steps (a smaller --horizon)."
    )
    assert promo_plan.forecast(csv, "--fill", "ffill") == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "(a forecast would read a made-up plan there). Give their values, or forecast fewer "
            "steps (a smaller --horizon)."
        )
    )
    with pytest.raises(ValueError) as error:  # the same reader, from Python
        D._check_values(pd.read_csv(csv, index_col=0)[["promo"]], None, name="future_covariates")
    assert str(error.value).endswith("or forecast fewer steps (a smaller `horizon`).")


def test_a_blank_in_the_plan_without_a_fill_is_said_to_be_the_plan_s(
    tmp_path, capsys, promo_plan, undrawn_figures
):
    # told "Fill them first: pass --fill ..." alone, as a gap of the series' history
    csv = promo_plan.write(tmp_path / "blank.csv", blank=[41])
    assert promo_plan.forecast(csv) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values must not be missing (NaN), got NaN in column 'promo' "
        f"of {str(csv)!r} at 2021-02-11. "
        "Fill them first: pass --fill ffill, bfill, interpolate or zero. The empty value "
        "(promo at 2021-02-11) lies in the plan of --future-cols promo, the rows after the "
        "target's last value (2021-02-09), the values known in advance that the forecast reads: "
        "give it there, or --fill makes it up."
    )
    run = tmp_path / "run"
    assert promo_plan.forecast(promo_plan.write(tmp_path / "plan.csv"), "--out", str(run)) == 0
    capsys.readouterr()
    assert main(["predict", str(run), "--csv", str(csv)]) == 2  # the plan read by name
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "lies in the plan of the model's future covariates promo (read by name), the rows "
            "after the target's last value (2021-02-09), the values known in advance that the "
            "forecast reads: give it there, or --fill makes it up."
        )
    )


def test_a_gap_in_predict_s_plan_is_told_the_row_per_step_it_must_hold(promo_plan):
    # advised a fill alone, as a gap of the series, with no word of the steps' rows
    fc, promo = promo_plan.fitted()
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=promo.drop(promo.index[41]))
    assert str(error.value).endswith(
        "to insert the missing timestamps and fill their values. The missing timestamp lies "
        "in the 4 forecast steps, of which `future_covariates` must hold a row each, by its "
        "timestamp (2021-02-10 … 2021-02-13): add a row for 2021-02-11 with their values, or a "
        "fill makes their values up."
    )
    assert fc.predict(future_covariates=promo)["forecast"].shape == (4,)
