"""Business hours, bh12: custom business hours' holidays saved with the model; days closed
said alike with or without weekends; mixed UTC offsets said as what they are."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit._checks import typed_path
from lstmkit.cli import main
from lstmkit.cli._forecast_run import _offsets_why
from lstmkit.forecast import Forecaster, ForecasterConfig, _time_shift

TINY = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
HOLIDAYS = pd.offsets.CustomBusinessHour(holidays=["2024-01-12", "2024-01-03"])


def _series(n: int, freq: pd.DateOffset) -> pd.Series:
    index = pd.date_range("2024-01-01 09:00", periods=n, freq=freq)
    return pd.Series(np.sin(np.arange(n) / 3), index=index, name="y")


def _stamps(index: pd.Index) -> list[str]:
    return [f"{t:%a %d %H:%M}" for t in pd.DatetimeIndex(index)]


def test_custom_business_hours_with_holidays_fit_save_and_load(tmp_path: Path) -> None:
    # was refused at fit: "('cbh': custom business hours' holidays are lost)"
    # Monday 1 to Tuesday 16 January, closed on Wednesday 3 and Friday 12
    y = _series(80, HOLIDAYS)
    fc = Forecaster(TINY).fit(y[:40])  # to Monday 8 16:00
    fc.save(tmp_path / "m")
    saved = json.loads((tmp_path / "m" / "config.json").read_text())["state"]["history"]
    assert (saved["freq"], saved["weekmask"], saved["holidays"]) == (
        "cbh",
        "1111100",
        ["2024-01-03", "2024-01-12"],
    )
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.history().index.freq == fc.history().index.freq
    assert loaded.history().index.freq.holidays == HOLIDAYS.holidays
    ours, theirs = fc.predict(2), loaded.predict(2)
    assert _stamps(ours.index) == ["Tue 09 09:00", "Tue 09 10:00"]
    pd.testing.assert_frame_equal(ours, theirs, check_exact=True)
    # from a newer history of Wednesday 10 and Thursday 11 read from a file (no freq): Friday
    # 12 is a holiday, Monday 15 is next
    newer = y[48:64].set_axis(pd.DatetimeIndex(y.index[48:64], freq=None))
    ours, theirs = fc.predict(2, series=newer), loaded.predict(2, series=newer)
    assert _stamps(ours.index) == ["Mon 15 09:00", "Mon 15 10:00"]
    assert ours.index.freq.holidays == HOLIDAYS.holidays
    pd.testing.assert_frame_equal(ours, theirs, check_exact=True)
    ours, theirs = (m.backtest(y, retrain=False, start=60) for m in (fc, loaded))
    pd.testing.assert_frame_equal(ours.forecasts, theirs.forecasts, check_exact=True)
    assert _stamps(ours.forecasts["timestamp"])[2:6] == [
        *("Thu 11 15:00", "Thu 11 16:00"),
        *("Mon 15 09:00", "Mon 15 10:00"),  # over Friday 12, a holiday
    ]


def test_holidays_of_steps_of_several_custom_business_hours_load(tmp_path: Path) -> None:
    two = pd.offsets.CustomBusinessHour(n=2, holidays=["2024-01-03"])
    fc = Forecaster(TINY).fit(_series(40, two))
    fc.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")  # "2cbh" beside holidays: not refused as no "cbh"
    assert loaded._state()["history"]["holidays"] == ["2024-01-03"]
    pd.testing.assert_frame_equal(fc.predict(2), loaded.predict(2), check_exact=True)


def test_an_older_save_of_custom_business_hours_loads_unchanged(tmp_path: Path) -> None:
    six = pd.offsets.CustomBusinessHour(weekmask="1111110", start="08:00", end="16:00")
    fc = Forecaster(TINY).fit(_series(48, six))
    fc.save(tmp_path / "m")
    config = tmp_path / "m" / "config.json"
    saved = json.loads(config.read_text())
    assert saved["state"]["history"].pop("holidays") is None
    config.write_text(json.dumps(saved))  # as bh11 wrote it: no "holidays"
    older = {k: v for k, v in saved["state"]["history"].items() if k not in ("index", "values")}
    assert older == {
        "tz": None,
        "freq": "cbh",
        "hours": [["08:00"], ["16:00"]],
        "weekmask": "1111110",
        "name": None,
        "unit": fc.history().index.unit,  # "us" on pandas 3, "ns" on pandas 2
        "period": None,
    }
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.history().index.freq == six
    pd.testing.assert_frame_equal(fc.predict(2), loaded.predict(2), check_exact=True)


@pytest.mark.parametrize(
    ("freq", "holidays", "said"),
    [
        (
            "cbh",
            ["2024-13-01"],
            "state.history.holidays must be null or the dates business hours close on, a "
            "list of ISO dates (['2024-12-25']), got ['2024-13-01'].",
        ),
        (
            "cbh",
            "2024-01-03",
            "state.history.holidays must be null or the dates business hours close on, a "
            "list of ISO dates (['2024-12-25']), got '2024-01-03'.",
        ),
        (
            "bh",
            ["2024-01-03"],
            "state.history.holidays must be null for steps other than custom business hours "
            "('cbh'), got ['2024-01-03'] with state.history.freq 'bh'.",
        ),
    ],
)
def test_saved_holidays_are_checked_at_load(
    tmp_path: Path, freq: str, holidays: object, said: str
) -> None:
    Forecaster(TINY).fit(_series(40, HOLIDAYS)).save(tmp_path / "m")
    config = tmp_path / "m" / "config.json"
    saved = json.loads(config.read_text())
    saved["state"]["history"] |= {"freq": freq, "holidays": holidays, "weekmask": None}
    config.write_text(json.dumps(saved))
    with pytest.raises(ValueError) as caught:
        Forecaster.load(tmp_path / "m")
    assert str(caught.value).endswith("does not describe a usable Forecaster: " + said)


def _hours_on(days: set[int], weeks: int = 3) -> pd.Series:
    every = pd.date_range("2024-01-01 09:00", periods=24 * 7 * weeks, freq="h")
    kept = every[(every.hour >= 9) & (every.hour < 17) & every.day_of_week.isin(list(days))]
    return pd.Series(1.0, index=pd.DatetimeIndex(kept, freq=None), name="y")


def test_a_weekday_missing_beside_weekends_is_said_as_one_missing_from_weekdays() -> None:
    said = (
        "timestamps in `series` are business hours that {kind}, none on Wednesday "
        "(2024-01-01 09:00:00 to {last}): read as closed on Wednesday, open on {opens}; if "
        "its hours are missing, not closed, give them with NaN values and pass fill='ffill', "
        "'bfill', 'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv (CLI: --fill), "
        "whose result Forecaster.fit, predict and backtest take, to fill them, or an index with "
        "freq=pd.offsets.CustomBusinessHour(weekmask=..., start=..., end=...) to say the days "
        "they open."
    )
    with pytest.warns(UserWarning) as caught:  # as before
        D.to_frame(_hours_on({0, 1, 3, 4}))
    assert [str(w.message) for w in caught] == [
        said.format(
            kind="open on weekdays only",
            last="2024-01-19 16:00:00",
            opens="Monday, Tuesday, Thursday and Friday",
        )
    ]
    # was read closed on Wednesdays without a word
    with pytest.warns(UserWarning) as caught:
        read = D.to_frame(_hours_on({0, 1, 3, 4, 5, 6}))
    assert read.index.freq.weekmask == "1101111"
    assert [str(w.message) for w in caught] == [
        said.format(
            kind="open at weekends too",
            last="2024-01-21 16:00:00",
            opens="Monday, Tuesday, Thursday, Friday, Saturday and Sunday",
        )
    ]
    with warnings.catch_warnings():  # nor a week with a weekend day closed, nor weekends only
        warnings.simplefilter("error")
        assert D.to_frame(_hours_on({0, 1, 2, 3, 4, 5})).index.freq.weekmask == "1111110"
        assert D.to_frame(_hours_on({6, 0, 1, 2, 3})).index.freq.weekmask == "1111001"
        assert D.to_frame(_hours_on({5, 6})).index.freq.weekmask == "0000011"


def test_mondays_only_over_under_two_weeks_are_told_how_they_read_as_mondays() -> None:
    mondays = _hours_on({0}, weeks=2)[:16]  # Monday 1 and Monday 8 January
    with pytest.raises(ValueError) as caught:
        D.to_frame(mondays)
    # was told only to fill Tuesday to Friday of the week between
    assert str(caught.value).endswith(
        "to insert the missing timestamps and fill their values; hours of weekdays only over "
        "under two weeks (2024-01-01 09:00:00 to 2024-01-08 16:00:00) read as Monday to "
        "Friday's: if they open on Mondays only, give two weeks or more of them, or an index "
        'with freq=pd.offsets.CustomBusinessHour(weekmask="Mon", start="09:00", end="17:00").'
    )
    # both ways read them as Mondays
    freq = pd.offsets.CustomBusinessHour(weekmask="Mon", start="09:00", end="17:00")
    given = D.to_frame(mondays.set_axis(pd.DatetimeIndex(mondays.index, freq=freq)))
    assert given.index.freq == freq and len(given) == 16
    with pytest.warns(UserWarning, match="none on Tuesday, Wednesday, Thursday or Friday"):
        longer = D.to_frame(_hours_on({0}, weeks=3))
    assert longer.index.freq.weekmask == "1000000"
    wednesdays = _hours_on({0, 2}, weeks=2)[:24]  # Monday 1, Wednesday 3, Monday 8
    with pytest.raises(ValueError, match="if they open on Mondays and Wednesdays only"):
        D.to_frame(wednesdays)


@pytest.mark.parametrize("tz", [None, "Europe/Berlin"])
@pytest.mark.parametrize(("opens", "hours"), [(8, 8), (22, 8)])
@pytest.mark.parametrize("mask", ["1111110", "1010101"])
def test_stamps_on_business_hours_are_told_and_pinned_from_one_grid(
    mask: str,
    opens: int,
    hours: int,
    tz: str | None,
    monkeypatch: pytest.MonkeyPatch,
    brute_hours: Callable[..., pd.DatetimeIndex],
) -> None:
    trained = pd.offsets.CustomBusinessHour(
        weekmask=mask, start=f"{opens:02d}:00", end=f"{(opens + hours) % 24:02d}:00"
    )
    first = pd.Timestamp("2024-03-27")  # across Europe's change to summer time on the 31st
    grid = brute_hours(first, first + pd.Timedelta(days=15), opens, hours, mask)
    cases = [
        grid[:40],
        grid[hours - 2 : hours + 38],
        grid[:40].delete(9),
        grid[:30] + pd.Timedelta(days=1),
    ]
    built = []
    monkeypatch.setattr(D, "_hours_grid", lambda *a, f=D._hours_grid: built.append(1) or f(*a))
    for stamps in cases:
        zoned = stamps if tz is None else stamps.tz_localize(tz, nonexistent="NaT")
        zoned = pd.DatetimeIndex(zoned.dropna(), freq=None)
        local = D._local(zoned)
        truth = brute_hours(local[0], local[-1], opens, hours, mask).equals(local)
        built.clear()
        on = D._on_business_hours_as(zoned, trained)
        assert len(built) == 1  # _on_business_hours and _with_business_hours built one each
        assert (on is not None) == truth == D._on_business_hours(zoned, trained)
        if truth:
            assert on.equals(zoned) and on.freq == trained
            assert D._with_business_hours(zoned, trained).freq == trained


def test_a_newer_history_is_put_on_the_trained_hours_from_one_grid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    six = pd.offsets.CustomBusinessHour(weekmask="1111110", start="22:00", end="06:00")
    nights = pd.date_range("2024-01-01 22:00", periods=144, freq=six)
    fc = Forecaster(TINY).fit(pd.Series(np.sin(np.arange(144) / 3), index=nights))
    newer = pd.date_range("2024-01-10 00:00", "2024-01-14 05:00", freq=six)  # bh11's nights
    every = pd.offsets.CustomBusinessHour(weekmask="1111111", start="22:00", end="06:00")
    frame = pd.DataFrame(
        {"y": 1.0}, index=D._freq_unchecked(pd.DatetimeIndex(newer, freq=None), every)
    )
    built = []
    monkeypatch.setattr(D, "_hours_grid", lambda *a, f=D._hours_grid: built.append(1) or f(*a))
    assert fc._on_trained_days(frame).index.freq == six
    assert len(built) == 1  # was 2


def _mixed_zones_csv(path: Path) -> Path:
    """Hourly dates written at +01:00, then at +05:30 from 11:00 UTC on: one hour apart all
    through, read in UTC."""
    stamps = [f"2024-01-01T{h:02d}:00:00+01:00" for h in range(12)]
    stamps += [f"2024-01-01T{h:02d}:30:00+05:30" for h in range(16, 24)]
    stamps += [f"2024-01-02T{h:02d}:30:00+05:30" for h in range(20)]
    pd.DataFrame({"date": stamps, "y": np.sin(np.arange(40) / 3)}).to_csv(path, index=False)
    return path


def test_utc_offsets_of_two_zones_are_said_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    csv = _mixed_zones_csv(tmp_path / "mixed.csv")
    assert D.read_csv(csv, "date", ["y"]).attrs["utc_offsets"] == ["+01:00", "+05:30"]
    flags = ["--date-col", "date", "--value-col", "y", "--epochs", "1", "--ensemble", "1"]
    flags += ["--horizon", "2", "--lookback", "8", "--interval", "0", "--hidden-size", "4"]
    flags += ["--no-refit", "--no-stat-baselines", "--out", str(tmp_path / "out")]
    assert main(["forecast", "--csv", str(csv), *flags]) == 0
    # was "(a change of daylight saving)", and "convert them to the zone they were written in"
    assert capsys.readouterr().err.splitlines()[0] == (
        f"note: the dates of {typed_path(csv)} have the UTC offsets +01:00, +05:30 (more than "
        "one time zone: no one zone's change of daylight saving gives them), which no one offset "
        "holds: "
        "they were read in UTC, and the forecast's timestamps are in UTC (+00:00) too; convert "
        "them to one zone to read them on its clock, or give each zone's rows alone."
    )


@pytest.mark.parametrize(
    ("offsets", "why", "how"),
    [
        (
            ["+01:00", "+02:00"],
            "a change of daylight saving",
            "convert them to the zone they were written in to read them on its clock",
        ),
        (
            ["-05:00", "-04:00"],
            "a change of daylight saving",
            "convert them to the zone they were written in to read them on its clock",
        ),
        (
            ["+10:30", "+11:00"],  # Lord Howe Island
            "a change of daylight saving",
            "convert them to the zone they were written in to read them on its clock",
        ),
        (
            ["+01:00", "+02:00", "+05:30"],
            "more than one time zone: no one zone's change of daylight saving gives them",
            "convert them to one zone to read them on its clock, or give each zone's rows alone",
        ),
        (
            ["-01:00", "+01:00"],
            "more than one time zone: no one zone's change of daylight saving gives them",
            "convert them to one zone to read them on its clock, or give each zone's rows alone",
        ),
    ],
)
def test_utc_offsets_are_said_as_daylight_saving_only_where_it_gives_them(
    offsets: list[str], why: str, how: str
) -> None:
    assert _offsets_why(offsets) == (why, how)


def test_weekly_covariates_at_another_hour_are_told_the_shift_onto_the_steps() -> None:
    index = pd.date_range("2024-01-01 09:00", periods=40, freq="168h")
    y = pd.Series(np.sin(np.arange(40) / 3), index=index, name="y")
    noon = pd.DataFrame({"x": np.cos(np.arange(40))}, index=index + pd.Timedelta(hours=3))
    shift = (
        "(none of its timestamps is one of the steps, though its frequency is the series', "
        "168h: they are stamped 3 hours after them (2024-01-01 12:00:00 beside 2024-01-01 "
        "09:00:00); shift them onto the steps, {0}.index = {0}.index - pd.Timedelta(hours=3))."
    )
    with pytest.raises(ValueError) as caught:
        Forecaster(TINY).fit(y, covariates=noon)
    # was "... against the series' 2024-01-01 09:00:00." alone
    assert str(caught.value) == (
        "`covariates` must share the series' index; they differ first at row 0: 2024-01-01 "
        "12:00:00 against the series' 2024-01-01 09:00:00 " + shift.format("covariates")
    )
    with pytest.raises(ValueError) as caught:
        Forecaster(TINY).fit(y, future_covariates=noon)
    assert str(caught.value).endswith(
        "40 of those steps are missing, the first 2024-01-01 09:00:00 "
        + shift.format("future_covariates")
    )
    early = noon.set_axis(index - pd.Timedelta(hours=2))  # at 7:00: moved later
    with pytest.raises(ValueError, match=r"2 hours before them .* \+ pd.Timedelta\(hours=2\)"):
        Forecaster(TINY).fit(y, covariates=early)
    fc = Forecaster(TINY).fit(y, covariates=noon.set_axis(noon.index - pd.Timedelta(hours=3)))
    assert len(fc.predict(2)) == 2  # the shift advised is read


def test_a_shift_of_part_of_a_second_is_not_advised() -> None:
    steps = pd.date_range("2024-01-01 09:00", periods=5, freq="168h")
    # a part of a second failed to be said in whole units ("not enough values to unpack")
    assert _time_shift(steps + pd.Timedelta("500ms"), steps, "covariates") == ""
    assert _time_shift(steps + pd.Timedelta("90min"), steps, "covariates").endswith(
        "covariates.index = covariates.index - pd.Timedelta(hours=1, minutes=30)"
    )
