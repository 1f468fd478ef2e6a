"""revref18: review of ref18. The probe of a float64 ``val_data`` read one sample, not the
batch validation reads; monthly stamps at mixed hours that pandas still reads as months
(business months, more than 12 hours off) were kept, hours and all; the refusal of hours
off month starts said "read as irregular steps" of stamps pandas read as monthly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.train import TrainConfig, fit


def test_the_val_dtype_probe_reads_the_batch_validation_reads():
    # it read one sample: a loss that converts the batch and reads two rows of it failed
    # there, before training, with an IndexError the validation pass never meets
    x = torch.linspace(0, 1, 40, dtype=torch.float64).reshape(10, 4)
    y = x[:, -1:]
    seen = []

    def loss(model, batch):
        xs, ys = batch[0].float(), batch[1].float()
        seen.append(len(xs))
        spread = (xs[1] - xs[0]).abs().sum()  # two rows at least
        return torch.nn.functional.mse_loss(model(xs), ys) + 0 * spread

    torch.manual_seed(0)
    history = fit(
        torch.nn.Linear(4, 1),
        loss,
        (x.float(), y.float()),
        (x, y),
        TrainConfig(epochs=2, batch_size=5, shuffle=False, progress=False),
    )
    assert len(history.val_loss) == 2
    # the probe (the whole columns, as validation reads them), then 2 x (2 batches + 1 val)
    assert seen == [10, 5, 5, 10, 5, 5, 10]
    # float64 targets, which mse_loss promotes, validate: a check of dtypes alone (no
    # loss_fn) would refuse them
    history = fit(
        torch.nn.Linear(4, 1),
        lambda m, b: torch.nn.functional.mse_loss(m(b[0]), b[1]),
        (x.float(), y.float()),
        (x.float(), y),
        TrainConfig(epochs=1, progress=False),
    )
    assert history.val_loss[0] > 0


def _one_off(freq: str, k: int, hours: float, n: int = 40) -> pd.Series:
    stamps = pd.date_range("2000-01-01", periods=n, freq=freq).to_series()
    stamps.iloc[k] += pd.Timedelta(hours=hours)
    return pd.Series(np.arange(float(n)), pd.DatetimeIndex(stamps.to_numpy()))


def test_hours_off_month_starts_pandas_reads_as_months_are_not_said_irregular():
    # ref18 refused them with "read as irregular steps", though pandas read them as 'MS'
    from lstmkit.data import to_frame

    with pytest.raises(ValueError) as err:
        to_frame(_one_off("MS", 20, 3))
    assert str(err.value) == (
        "timestamps in `series` must be regularly spaced, got 1 of 40 off a month's start by "
        "up to 3 hours (2001-09-01 03:00:00 for 2001-09-01): month starts written on another "
        "clock (midnights of a time zone written in UTC, say) pass for 'MS' steps, as pandas "
        "reads their dates alone, but keep their hours. Move them to the month's start: "
        "series.index = (series.index + pd.Timedelta(hours=12)).to_period('M').to_timestamp()."
    )
    with pytest.raises(ValueError, match=r"\(2005-03-31 03:00:00 for 2005-03-31\): .* pass for "):
        to_frame(_one_off("QE", 20, 3))
    # 3 hours early is another date, which pandas reads as no step at all: irregular steps
    with pytest.raises(ValueError, match=r"UTC, say\) read as irregular steps\. Move "):
        to_frame(_one_off("MS", 20, -3))


def test_stamps_read_as_months_at_mixed_hours_are_refused_where_no_month_start_is_near():
    # business months, and a stamp 13 hours after a month's start, kept their hours: a
    # forecast from the last stepped on at 13:00 (2003-05-01 13:00:00, ...)
    from lstmkit.data import to_frame

    said = (
        "timestamps in `series` must be regularly spaced, got 1 of 40 at another time of day "
        "than the rest ({}; the rest at 00:00:00): they pass for {!r} steps, as pandas reads "
        "their dates alone, but keep their hours. Move them to one time of day: "
        "series.index = series.index.normalize()."
    )
    for freq, k, hours, at, read in (
        ("MS", 39, 13, "2003-04-01 13:00:00", "MS"),
        ("BME", 20, 3, "2001-09-28 03:00:00", "BME"),
        ("BMS", 39, 3, "2003-04-01 03:00:00", "BMS"),
        ("BYS", 20, 3, "2020-01-01 03:00:00", "BYS-JAN"),
    ):
        with pytest.raises(ValueError) as err:
            to_frame(_one_off(freq, k, hours))
        assert str(err.value) == said.format(at, read)
    # three times of day: the most common named
    series = _one_off("BME", 20, 3)
    series.index = series.index.where(
        series.index != series.index[30], series.index[30] + pd.Timedelta(hours=5)
    )
    with pytest.raises(ValueError, match=r"got 2 of 40 .* \(2001-09-28 03:00:00; most at 00:00"):
        to_frame(series)
    # all at one hour stay months
    at_three = pd.date_range("2000-01-31", periods=40, freq="BME") + pd.Timedelta(hours=3)
    assert to_frame(pd.Series(np.arange(40.0), at_three)).index.freqstr == "BME"


def test_the_csv_with_a_last_month_half_a_day_off_is_refused(tmp_path, capsys):
    from lstmkit.cli import main

    stamps = pd.date_range("2015-01-01", periods=48, freq="MS").to_series()
    stamps.iloc[-1] += pd.Timedelta(hours=13)
    csv = tmp_path / "m.csv"
    frame = pd.DataFrame({"month": stamps.dt.strftime("%Y-%m-%d %H:%M"), "y": np.arange(48.0)})
    frame.to_csv(csv, index=False)
    args = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y"]
    assert main([*args, "--horizon", "3", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: timestamps in {str(csv)!r} must be regularly spaced, got 1 of 48 at another "
        "time of day than the rest (2018-12-01 13:00:00; the rest at 00:00:00): they pass for "
        "'MS' steps, as pandas reads their dates alone, but keep their hours. Move them to one "
        "time of day: write their dates alone, e.g. with pandas: dates.dt.normalize()."
    )


def test_a_plan_s_blank_no_forecast_step_reads_is_not_named(
    tmp_path, capsys, promo_plan, undrawn_figures
):
    # ref18 named the plan's blanks up to --horizon: --holdout's steps come first, and
    # predict read every plan row, past the model's horizon; a blank there alone passes
    from lstmkit.cli import main

    history = (
        "error: values must not be missing (NaN), got NaN in column 'promo' "
        f"of {str(tmp_path / 'both.csv')!r} at 2021-01-11. "
        "Fill them first: pass --fill ffill, bfill, interpolate or zero."
    )
    plan = (
        " The plan of --future-cols promo, the rows after the target's last value (2021-02-09), "
        "leaves a value empty too (promo at 2021-02-10): give it there, or --fill makes "
        "it up."
    )
    for blank, more, said in (
        ([10, 42], ("--holdout", "2"), history),  # 2021-02-12: the 2 plan steps read end before
        ([10, 40], ("--holdout", "2"), history + plan),
        ([10, 41], ("--holdout", "4"), history),  # the holdout, every step: no plan read
    ):
        csv = promo_plan.write(tmp_path / "both.csv", blank=blank)
        assert promo_plan.forecast(csv, *more) == 2
        assert capsys.readouterr().err.strip() == said, blank
    run = tmp_path / "run"
    assert promo_plan.forecast(promo_plan.write(tmp_path / "plan.csv"), "--out", str(run)) == 0
    capsys.readouterr()
    # a plan of 8 rows, its 6th (2021-02-15) empty: the model forecasts 4 steps
    longer = tmp_path / "longer.csv"
    days = pd.date_range("2021-01-01", periods=48, freq="D")
    sales = np.where(np.arange(48) < 40, 20.0 + np.arange(48) % 5, np.nan)
    promo = (np.arange(48) % 2).astype(float)
    promo[[10, 45]] = np.nan
    frame = pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "sales": sales, "promo": promo})
    frame.to_csv(longer, index=False)
    assert main(["predict", str(run), "--csv", str(longer)]) == 2
    assert capsys.readouterr().err.strip() == history.replace("both.csv", "longer.csv")
