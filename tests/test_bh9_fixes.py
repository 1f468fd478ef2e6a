"""Business hours on the days the data has: hourly stamps from 8:00 to 15:00 on every day (or
Monday to Saturday) read as pandas' ``"bh"`` (Monday to Friday), so forecasts skipped the
weekend, or were refused as irregular with advice to ``--fill`` every night."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=10, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
EVERY_DAY = pd.offsets.CustomBusinessHour(weekmask="1111111", start="08:00", end="16:00")


def _eight_to_three(days: int = 7, periods: int = 24 * 24) -> pd.Series:
    """Hourly values from 8:00 to 15:00 on the first ``days`` days of the week (Monday on)."""
    index = pd.date_range("2024-01-01", periods=periods, freq="h")
    index = index[(index.day_of_week < days) & (index.hour >= 8) & (index.hour <= 15)]
    return pd.Series(3 + np.sin(np.arange(len(index)) * np.pi / 4), index=index, name="y")


def _hours(index: pd.Index) -> list[str]:
    return [f"{t:%a %H:%M}" for t in pd.DatetimeIndex(index)]


def test_hours_of_every_day_open_on_every_day() -> None:
    index = D.to_frame(_eight_to_three()).index  # was pandas' "bh": 9:00 to 17:00, weekdays
    assert index.freq == EVERY_DAY
    assert index.freq.weekmask == "1111111"
    assert D.season_length(index) == 8
    assert D.default_horizon(index) == 8
    days = pd.offsets.CustomBusinessHour(n=8, weekmask="1111111", start="08:00", end="16:00")
    assert D.default_horizon(pd.date_range("2024-01-01 08:00", periods=9, freq=days)) == 7  # was 5
    weekend = pd.date_range("2024-01-01", periods=24 * 28, freq="h")  # to Sunday 2024-01-28
    weekend = weekend[(weekend.day_of_week >= 5) & (weekend.hour >= 10) & (weekend.hour <= 15)]
    market = D.to_frame(pd.Series(1.0, index=weekend)).index  # was refused as irregular
    assert market.freq.weekmask == "0000011" and D.season_length(market) == 6
    assert _hours(D.future_index(market, 7)[[0, 6]]) == ["Sat 10:00", "Sun 10:00"]
    six = D.to_frame(_eight_to_three(days=6)).index  # was refused as irregular
    assert six.freq == pd.offsets.CustomBusinessHour(weekmask="1111110", start="08:00", end="16:00")


def test_weekday_hours_and_plain_hours_read_as_before() -> None:
    assert D.to_frame(_eight_to_three(days=5)).index.freq == pd.offsets.BusinessHour(
        start="08:00", end="16:00"
    )
    nine = pd.date_range("2024-01-01 09:00", periods=40, freq="bh")
    assert D.to_frame(pd.Series(1.0, index=nine)).index.freq == pd.offsets.BusinessHour()
    hourly = pd.date_range("2024-01-01", periods=400, freq="h")
    assert D.to_frame(pd.Series(1.0, index=hourly)).index.freqstr == "h"


def test_a_missing_hour_on_a_sunday_is_filled_alone() -> None:
    y = _eight_to_three()
    gap = y.drop(pd.Timestamp("2024-01-07 10:00"))
    with pytest.raises(ValueError) as caught:
        D.to_frame(gap)
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2024-01-07 11:00:00 (usual step: 1 business hour); missing 2024-01-07 10:00:00; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take, to insert the missing timestamps and "
        "fill their values."
    )
    filled = D.to_frame(gap, fill="interpolate")
    assert filled.index.equals(y.index) and filled.index.freq == EVERY_DAY
    assert filled.attrs["inserted"] == 1


def test_refusing_a_missing_hour_steps_through_no_business_hour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pandas checks custom business hours one stamp at a time as a frequency is set (a second
    # per 100,000): the refusal set the grid's to say whether --fill would insert the hour
    from pandas.core.arrays.datetimes import DatetimeArray

    stepped: list[object] = []
    generate = DatetimeArray._generate_range

    def counting(*args: object, **kwargs: object) -> object:
        freq = kwargs.get("freq", args[4] if len(args) > 4 else None)
        if isinstance(freq, pd.offsets.BusinessHour | pd.offsets.CustomBusinessHour):
            stepped.append(freq)
        return generate(*args, **kwargs)

    monkeypatch.setattr(DatetimeArray, "_generate_range", counting)
    with pytest.raises(ValueError, match="missing 2024-01-07 10:00:00; pass fill='ffill'"):
        D.to_frame(_eight_to_three().drop(pd.Timestamp("2024-01-07 10:00")))
    assert stepped == []


def test_a_forecast_saved_and_loaded_opens_on_the_weekend(tmp_path: Path) -> None:
    y = _eight_to_three(periods=24 * 19)  # ends on Friday 2024-01-19 at 15:00
    fc = Forecaster(TINY).fit(y)
    ahead = fc.predict(10).index
    assert _hours(ahead[[0, 7, 8, 9]]) == ["Sat 08:00", "Sat 15:00", "Sun 08:00", "Sun 09:00"]
    fc.save(tmp_path / "m")
    saved = json.loads((tmp_path / "m" / "config.json").read_text())["state"]["history"]
    assert (saved["freq"], saved["hours"], saved["weekmask"]) == (
        "cbh",
        [["08:00"], ["16:00"]],
        "1111111",
    )
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.predict(10).index.equals(ahead)
    assert _hours(loaded.predict(2, series=y[:-8]).index) == ["Fri 08:00", "Fri 09:00"]
    origins = fc.backtest(y, start=-16, stride=8).forecasts
    assert _hours(origins["timestamp"].iloc[[0, 7, 8]]) == ["Thu 08:00", "Thu 15:00", "Fri 08:00"]
    with pytest.raises(ValueError) as caught:
        loaded.predict(2, series=_eight_to_three(days=5))
    assert str(caught.value) == (
        "`series` must have the training data's frequency "
        "(cbh 08:00-16:00 Mon,Tue,Wed,Thu,Fri,Sat,Sun), got bh 08:00-16:00."
    )


def test_a_model_saved_without_the_days_opens_monday_to_friday(tmp_path: Path, edit_saved) -> None:
    Forecaster(TINY).fit(_eight_to_three(periods=24 * 19)).save(tmp_path / "m")
    with edit_saved(tmp_path / "m") as saved:
        del saved["state"]["history"]["weekmask"]  # as saved before bh9, which read "bh"
        saved["state"]["history"]["freq"] = "bh"
    assert _hours(Forecaster.load(tmp_path / "m").predict(2).index) == ["Mon 08:00", "Mon 09:00"]
    with edit_saved(tmp_path / "m") as saved:  # custom business hours saved without their days
        saved["state"]["history"]["freq"] = "cbh"
    assert _hours(Forecaster.load(tmp_path / "m").predict(2).index) == ["Mon 08:00", "Mon 09:00"]


@pytest.mark.parametrize("days", ["Mon Sat", "0000000", 1111110])
def test_a_damaged_saved_weekmask_is_refused_at_load(
    tmp_path: Path, days: object, edit_saved
) -> None:
    Forecaster(TINY).fit(_eight_to_three(periods=24 * 20)).save(tmp_path / "m")
    with edit_saved(tmp_path / "m") as saved:
        saved["state"]["history"]["weekmask"] = days
    with pytest.raises(ValueError, match=r"state\.history\.weekmask must be null or the days") as e:
        Forecaster.load(tmp_path / "m")
    assert (
        "state.history.weekmask must be null or the days that business hours open on, seven 0s "
        f"and 1s from Monday, one 1 at least ('1111110'), got {days!r}"
    ) in str(e.value)


def test_a_users_custom_business_hours_keep_their_weekmask(tmp_path: Path) -> None:
    six = pd.offsets.CustomBusinessHour(weekmask="Mon Tue Wed Thu Fri Sat")
    index = pd.date_range("2024-01-01 09:00", periods=88, freq=six)  # ends Fri 2024-01-12
    y = pd.Series(np.arange(88) % 8 + 1.0, index=index, name="y")
    fc = Forecaster(TINY).fit(y)  # was refused as irregular, its weekmask lost
    fc.save(tmp_path / "m")
    ahead = Forecaster.load(tmp_path / "m").predict(3).index
    assert _hours(ahead) == ["Sat 09:00", "Sat 10:00", "Sat 11:00"]
    assert fc.predict(3).index.equals(ahead)


def test_custom_business_hours_with_holidays_are_read_at_fit() -> None:
    # were refused (bh12 saves their holidays): "('cbh': custom business hours' holidays are
    # lost)"; test_bh12_fixes pins the save
    holiday = pd.offsets.CustomBusinessHour(holidays=["2024-01-03"])
    index = pd.date_range("2024-01-01 09:00", periods=40, freq=holiday)
    fc = Forecaster(TINY).fit(pd.Series(1.0, index=index, name="y"))
    assert fc._state()["history"]["holidays"] == ["2024-01-03"]


def test_pandas_bh_set_on_hours_from_8_reads_their_own_hours() -> None:
    y = _eight_to_three(days=5)
    inferred = pd.DatetimeIndex(y.index, freq="infer")  # pandas says "bh": 9:00 to 17:00
    assert inferred.freq == pd.offsets.BusinessHour()
    index = D.to_frame(y.set_axis(inferred)).index
    assert index.freq == pd.offsets.BusinessHour(start="08:00", end="16:00")
    every = pd.date_range("2024-01-01", periods=24 * 14, freq="h")
    every = pd.DatetimeIndex(every[(every.hour >= 9) & (every.hour <= 16)], freq="infer")
    assert every.freq == pd.offsets.BusinessHour()  # pandas' 9 to 5, Monday to Friday
    index = D.to_frame(pd.Series(1.0, index=every)).index
    assert index.freq == pd.offsets.CustomBusinessHour(weekmask="1111111")


# a file that ends before the training data on purpose: predict warns of it, which
# test_fc33_fixes.py pins
@pytest.mark.filterwarnings("ignore:.*before the model's training data:UserWarning")
def test_the_cli_forecasts_and_predicts_on_saturdays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    y = _eight_to_three(days=6, periods=24 * 22)  # ends on Monday 2024-01-22 at 15:00
    csv, newer = tmp_path / "six.csv", tmp_path / "newer.csv"
    y.rename_axis("ds").reset_index().to_csv(csv, index=False)
    y[:"2024-01-19"].rename_axis("ds").reset_index().to_csv(newer, index=False)  # to Friday
    flags = ["--date-col", "ds", "--value-col", "y", "--epochs", "1", "--ensemble", "1"]
    flags += ["--horizon", "10", "--out", str(tmp_path / "run")]
    assert main(["forecast", "--csv", str(csv), *flags]) == 0  # was refused as irregular
    written = pd.read_csv(tmp_path / "run" / "forecast.csv")
    assert written.iloc[[0, 1, 2, 9], 0].tolist() == [  # the held-out points
        "2024-01-20 14:00:00",
        "2024-01-20 15:00:00",
        "2024-01-22 08:00:00",
        "2024-01-22 15:00:00",
    ]
    capsys.readouterr()
    assert main(["predict", str(tmp_path / "run")]) == 0  # fitted to Saturday 13:00
    out = capsys.readouterr().out
    assert "2024-01-20 14:00:00" in out and "2024-01-22 08:00:00" in out
    assert "2024-01-21" not in out
    assert main(["predict", str(tmp_path / "run"), "--csv", str(newer)]) == 0
    out = capsys.readouterr().out
    assert "forecast from 2024-01-19 15:00:00" in out and "2024-01-20 08:00:00" in out
    assert "2024-01-21" not in out


def test_a_newer_history_of_a_few_days_reads_on_the_trained_days() -> None:
    y = _eight_to_three(days=6, periods=24 * 19)  # Monday to Saturday, ends Friday 2024-01-19
    fc = Forecaster(TINY).fit(y)
    for newer in (y["2024-01-16":], y["2024-01-09":"2024-01-13"]):  # Tue-Fri, Tue-Sat
        # were read as Monday to Friday ("bh") and every day, and refused as not Mon-Sat
        ahead = fc.predict(2, series=newer).index
        assert ahead.freq == pd.offsets.CustomBusinessHour(
            weekmask="1111110", start="08:00", end="16:00"
        )
    assert _hours(fc.predict(9, series=y["2024-01-16":]).index[[0, 8]]) == [
        "Sat 08:00",
        "Mon 08:00",
    ]
    with pytest.raises(ValueError) as caught:  # Sunday is no day the model opens
        fc.predict(2, series=_eight_to_three(days=7, periods=24 * 16)["2024-01-12":])
    assert str(caught.value) == (
        "`series` must have the training data's frequency "
        "(cbh 08:00-16:00 Mon,Tue,Wed,Thu,Fri,Sat), "
        "got cbh 08:00-16:00 Mon,Tue,Wed,Thu,Fri,Sat,Sun."
    )


def _saved_as(tmp_path: Path, y: pd.Series, **history: object) -> Forecaster:
    """A model fitted on ``y``, its ``state.history`` saved with ``history`` (None: deleted)."""
    Forecaster(TINY).fit(y).save(tmp_path / "m")
    config = tmp_path / "m" / "config.json"
    saved = json.loads(config.read_text())
    for key, value in history.items():
        if value is None:
            del saved["state"]["history"][key]
        else:
            saved["state"]["history"][key] = value
    config.write_text(json.dumps(saved))
    return Forecaster.load(tmp_path / "m")


def test_models_saved_before_take_every_day_as_they_were_trained(tmp_path: Path) -> None:
    y = _eight_to_three(periods=24 * 19)  # ends on Friday 2024-01-19 at 15:00
    # saved by bh8 (its hours, "bh" for every day) and before (pandas' 9 to 5): a newer history
    # of every day was refused as "cbh 08:00-16:00 Mon,...,Sun"; it reads as they were trained
    bh8 = _saved_as(tmp_path / "bh8", y, freq="bh", weekmask=None)
    assert _hours(bh8.predict(2, series=y).index) == ["Mon 08:00", "Mon 09:00"]
    before = _saved_as(tmp_path / "bh7", y, freq="bh", weekmask=None, hours=None)
    assert _hours(before.predict(2, series=y).index) == ["Fri 16:00", "Mon 09:00"]


def test_a_model_of_weekday_hours_refuses_a_history_of_every_day(tmp_path: Path) -> None:
    fc = Forecaster(TINY).fit(_eight_to_three(days=5, periods=24 * 19))
    with pytest.raises(ValueError) as caught:
        fc.predict(2, series=_eight_to_three(periods=24 * 19))
    assert str(caught.value) == (
        "`series` must have the training data's frequency (bh 08:00-16:00), "
        "got cbh 08:00-16:00 Mon,Tue,Wed,Thu,Fri,Sat,Sun."
    )
