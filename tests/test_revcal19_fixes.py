"""Fixes of the revcal19 review: stamps in UTC at an hour that is no zone's midnight, and a
model fitted on a zone's month starts in UTC before they were refused."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig


def _month_ends_in_utc(hours: int, minutes: int) -> pd.Series:
    index = pd.date_range("2019-01-31", periods=24, freq="ME", tz="UTC")
    index = index + pd.Timedelta(hours=hours, minutes=minutes)
    return pd.Series(np.arange(24.0), index)


@pytest.mark.parametrize(("hours", "minutes"), [(23, 45), (22, 30), (20, 15), (13, 15)])
def test_month_ends_in_utc_at_no_zone_s_midnight_read_as_ends(hours, minutes):
    # refused as "the midnights of a time zone at UTC+00:15" (+01:30, +03:45, +10:45): none is
    series = _month_ends_in_utc(hours, minutes)
    frame = D.to_frame(series)
    assert frame.index.equals(series.index) and frame.index.freqstr == "ME"


@pytest.mark.parametrize(
    ("hours", "minutes", "zone"),
    [(23, 0, "+01:00"), (18, 30, "+05:30"), (18, 15, "+05:45"), (15, 15, "+08:45")],
)
def test_month_ends_in_utc_at_a_zone_s_midnight_still_told(hours, minutes, zone):
    with pytest.raises(ValueError, match=rf"at UTC\{zone} written in UTC pass for 'ME' steps"):
        D.to_frame(_month_ends_in_utc(hours, minutes))


def _tokyo_months_in_utc(periods: int) -> pd.Series:
    index = pd.date_range("2019-01-01", periods=periods, freq="MS", tz="Asia/Tokyo")
    # no freq, as a CSV reads them: pandas 2.2 keeps 'MS' through tz_convert, at 15:00
    utc = pd.DatetimeIndex(index.tz_convert("UTC"), freq=None)
    return pd.Series(100.0 + np.arange(periods) % 12, utc, name="sales")


@pytest.fixture
def older_model(monkeypatch):
    """A model fitted on Tokyo's month starts written in UTC as the code before cal19 did:
    read as month ends at 15:00 ('ME')."""
    with monkeypatch.context() as patch:
        patch.setattr(D, "_refuse_zone_midnights_in_utc", lambda *args: None)
        config = ForecasterConfig(horizon=2, lookback=6, ensemble=1, epochs=1, interval=None)
        return Forecaster(config).fit(_tokyo_months_in_utc(30))


def test_older_model_forecasts_from_a_newer_history_of_its_stamps(older_model):
    # refused with tz_convert('+09:00'), which then failed "must have the training data's
    # frequency (ME), got MS", and tz_localize(None) with "must have timestamps in UTC": no
    # newer history was read at all
    newer = _tokyo_months_in_utc(36)
    forecast = older_model.predict(2, series=newer)
    assert [str(t) for t in forecast.index] == [
        "2021-12-31 15:00:00+00:00",
        "2022-01-31 15:00:00+00:00",
    ]
    # a model fitted on the starts on their clock is told its zone (walk33b's check, first
    # since: it was the line of month starts written in UTC), and the conversion it advises
    # reads them on that clock
    fitted = Forecaster(older_model.config).fit(_tokyo_months_in_utc(30).tz_convert("+09:00"))
    with pytest.raises(ValueError) as err:
        fitted.predict(2, series=newer)
    assert str(err.value) == (
        "`series` must have timestamps in UTC+09:00 like the training data's, got timestamps "
        "in UTC (first 2018-12-31 15:00:00+00:00), whose clock times differ and would be read "
        "as the trained ones; e.g. series.index = series.index.tz_convert('UTC+09:00') (the "
        "same instants on the training data's clock)."
    )
    converted = fitted.predict(2, series=newer.tz_convert("UTC+09:00"))
    assert [str(t) for t in converted.index] == [
        "2022-01-01 00:00:00+09:00",
        "2022-02-01 00:00:00+09:00",
    ]


def test_older_model_s_run_folder_predicts_again(older_model, tmp_path, capsys):
    # `lstmkit predict DIR` reads the saved history as `series`: it was refused as "timestamps
    # in the dataset None must be on the clock of the months ..., series.index = ..."
    from lstmkit.cli import main

    older_model.save(tmp_path / "model")
    expected = older_model.predict(2)
    assert main(["predict", str(tmp_path / "model"), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"2021-06-30T15:00:00+00:00"' in out and '"2021-07-31T15:00:00+00:00"' in out
    assert [str(t) for t in expected.index] == [
        "2021-06-30 15:00:00+00:00",
        "2021-07-31 15:00:00+00:00",
    ]


def test_readme_says_a_csv_across_daylight_saving_reads_utc_s_hour(tmp_path):
    # README promised "the local time of day" for hourly data, but a CSV whose offsets change
    # with daylight saving is read in UTC: its calendar inputs read UTC's hour, which moves
    # an hour against the file's clock at each change; the zone converted to reads the clock's
    from pathlib import Path

    readme = Path(__file__).resolve().parents[1] / "README.md"
    text = " ".join(readme.read_text(encoding="utf-8").split())
    assert (
        "and so are the calendar inputs: the time of day and weekday they read are UTC's, which "
        "moves an hour against the file's clock at each change (from Python, fit "
        '`series.tz_convert("Europe/Berlin")` for the clock\'s own)'
    ) in text
    clock = pd.date_range("2024-03-30", periods=48, freq="h", tz="Europe/Berlin")
    csv = tmp_path / "hours.csv"
    pd.DataFrame({"time": clock.strftime("%Y-%m-%dT%H:%M:%S%z"), "load": 1.0}).to_csv(csv)
    series = D.read_csv(csv, "time", "load")
    assert str(series.index.tz) == "UTC" and len(series) == 48
    hours = np.arctan2(*D.calendar_inputs(series.index, 24).iloc[:, :2].to_numpy().T) * 24
    hours = np.round(hours / (2 * np.pi)).astype(int) % 24
    # the file's midnights, 00:00+01:00 before the change and 00:00+02:00 after it
    assert (hours[0], hours[47]) == (23, 22)
    berlin = D.calendar_inputs(series.index.tz_convert("Europe/Berlin"), 24).iloc[:, :2]
    clock_hours = np.round(np.arctan2(*berlin.to_numpy().T) * 24 / (2 * np.pi)).astype(int) % 24
    assert (clock_hours[0], clock_hours[47]) == (0, 0)


def test_tokyo_month_starts_in_utc_with_a_month_missing_are_told_their_zone():
    # told "(series.index.tz_localize(None) + pd.Timedelta(hours=12)).to_period('M')...", which
    # drops the zone the same months keep without a gap (tz_convert('+09:00'))
    series = _tokyo_months_in_utc(24).drop(_tokyo_months_in_utc(24).index[7])
    with pytest.raises(ValueError) as error:
        D.to_frame(series, fill="ffill")
    assert str(error.value) == (
        "timestamps in `series` must be regularly spaced, got irregular steps between stamps "
        "all 9 hours before a month's start in UTC (2018-12-31 15:00:00+00:00 for 2019-01-01): "
        "the midnights of a time zone at UTC+09:00 written in UTC. Read them on their zone's "
        "clock: series.index = series.index.tz_convert('+09:00') (or the zone's name); or, for "
        "month ends at 15:00 meant, drop the zone: series.index = series.index.tz_localize(None)."
    )
    series.index = series.index.tz_convert("+09:00")  # the line, as given
    with pytest.raises(ValueError, match="; missing 2019-08-01; pass fill="):
        D.to_frame(series)
    frame = D.to_frame(series, fill="ffill")
    assert frame.index.freqstr == "MS" and len(frame) == 24
    assert str(frame.index[7]) == "2019-08-01 00:00:00+09:00" and frame.iloc[7, 0] == 106.0


@pytest.mark.parametrize(
    ("tz", "time", "shown", "moved"),
    [
        (None, (15, 0), "2019-01-31 15:00:00", "series.index"),
        ("UTC", (23, 45), "2019-01-31 23:45:00+00:00", "series.index.tz_localize(None)"),
    ],
)
def test_month_starts_off_with_a_gap_and_no_zone_s_offset_keep_their_line(tz, time, shown, moved):
    # naive ones (no zone) and ones at no zone's offset, with a month missing, failed with
    # AttributeError: 'NoneType' object has no attribute 'replace' while the line was built
    stamps = pd.date_range("2019-01-31", periods=24, freq="ME", tz=tz).delete(3)
    series = pd.Series(np.arange(23.0), stamps + pd.Timedelta(hours=time[0], minutes=time[1]))
    off = "9 hours" if tz is None else "15 minutes"
    with pytest.raises(ValueError) as error:
        D.to_frame(series)
    assert str(error.value) == (
        f"timestamps in `series` must be regularly spaced, got 23 of 23 off a month's start by "
        f"up to {off} ({shown} for 2019-02-01): month starts written on another clock "
        "(midnights of a time zone written in UTC, say) read as irregular steps. Move them to "
        f"the month's start: series.index = ({moved} + pd.Timedelta(hours=12)).to_period('M')"
        ".to_timestamp()."
    )
