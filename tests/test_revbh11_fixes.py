"""Review of bh11: the UTC offsets said where they differ only in spelling, the note of them
once for the series of --series-col, and weekdays read as closed said."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit._checks import typed_path
from lstmkit.cli import main

FLAGS = ["--date-col", "date", "--value-col", "y", "--epochs", "1", "--ensemble", "1"]
FLAGS += ["--horizon", "2", "--lookback", "8", "--interval", "0", "--hidden-size", "4"]
FLAGS += ["--no-refit", "--no-stat-baselines"]


def _csv(path: Path, texts: list[str], **columns: object) -> Path:
    """Dates written as ``texts``, one value each (and ``columns``)."""
    y = np.arange(len(texts)) % 24.0
    pd.DataFrame({"date": texts, "y": y, **columns}).to_csv(path, index=False)
    return path


def test_one_utc_offset_spelled_two_ways_is_no_change_of_daylight_saving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    utc = pd.date_range("2024-03-29", periods=96, freq="h", tz="UTC").astype(str)
    zulu = [s.replace("+00:00", "Z") if k % 2 else s for k, s in enumerate(utc)]
    csv = _csv(tmp_path / "utc.csv", zulu)
    assert "2024-03-29 00:00:00+00:00,0.0\n2024-03-29 01:00:00Z,1.0" in csv.read_text()
    read = D.read_csv(csv, "date", ["y"])
    # were "the UTC offsets +00:00, Z (a change of daylight saving), which no one offset holds"
    assert str(read.index.tz) == "UTC" and "utc_offsets" not in read.attrs
    assert main(["forecast", "--csv", str(csv), *FLAGS, "--out", str(tmp_path / "o")]) == 0
    assert capsys.readouterr().err == ""
    berlin = pd.date_range("2024-03-29", periods=96, freq="h", tz="Europe/Berlin").astype(str)
    compact = [s[:-3] + s[-2:] if k % 2 else s for k, s in enumerate(berlin)]  # +0100, +01:00
    read = D.read_csv(_csv(tmp_path / "berlin.csv", compact), "date", ["y"])
    assert read.attrs["utc_offsets"] == ["+01:00", "+02:00"]  # was +01:00, +0100, +0200, +02:00


def test_the_utc_offsets_are_said_once_for_the_series_of_series_col(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    stamps = pd.date_range("2024-03-30", periods=48, freq="h", tz="Europe/Berlin").astype(str)
    texts = [*stamps, *stamps]
    csv = _csv(tmp_path / "two.csv", texts, s=["a"] * 48 + ["b"] * 48)
    out = tmp_path / "out"
    series = ["forecast", "--csv", str(csv), "--series-col", "s", *FLAGS, "--out", str(out)]
    assert main(series) == 0  # each series said it, "(s=a)" then "(s=b)", the same words
    notes = [line for line in capsys.readouterr().err.splitlines() if "UTC offsets" in line]
    assert notes == [
        f"note: the dates of {typed_path(csv)} have the UTC offsets +01:00, +02:00 (a change "
        "of daylight saving), which no one offset holds: they were read in UTC, and the "
        "forecast's timestamps are in UTC (+00:00) too; convert them to the zone they were "
        "written in to read them on its clock."
    ]
    assert main(["forecast", "--csv", str(csv), "--where", "s=b", *FLAGS]) == 0
    assert "the dates of " + typed_path(csv) + " (s=b) have the UTC offsets" in (
        capsys.readouterr().err
    )


def _weekdays_but_wednesday(weeks: int) -> pd.Series:
    every = pd.date_range("2024-01-01 09:00", periods=8 * 5 * weeks, freq=pd.offsets.BusinessHour())
    stamps = pd.DatetimeIndex(every[every.day_of_week != 2], freq=None)
    return pd.Series(np.sin(np.arange(len(stamps)) / 3), index=stamps, name="y")


def test_weekdays_read_as_closed_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    y = _weekdays_but_wednesday(3)
    # no Wednesday in three weeks was read as closed on Wednesdays without a word: lost hours
    # (refused before bh11, naming the gap) were forecast as a closed day
    with pytest.warns(UserWarning) as caught:
        read = D.to_frame(y).index
    assert read.freq.weekmask == "1101100"
    assert [str(w.message) for w in caught] == [
        "timestamps in `series` are business hours that open on weekdays only, none on "
        "Wednesday (2024-01-01 09:00:00 to 2024-01-19 16:00:00): read as closed on Wednesday, "
        "open on Monday, Tuesday, Thursday and Friday; if its hours are missing, not closed, "
        "give them with NaN values and pass fill='ffill', 'bfill', 'interpolate' or 'zero' to "
        "lstmkit.data.to_frame or read_csv (CLI: --fill), whose result Forecaster.fit, predict "
        "and backtest take, to fill them, or an index with freq=pd.offsets.CustomBusinessHour("
        "weekmask=..., start=..., end=...) to say the days they open."
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the days given: nothing to say
        given = D.to_frame(pd.Series(y.to_numpy(), index=read, name="y")).index
        assert given.freq.weekmask == "1101100"
        # the remedy: Wednesday's hours with NaN values, filled, are Monday to Friday's
        gaps = y.reindex(pd.date_range(y.index[0], y.index[-1], freq="bh"))
        assert D.to_frame(gaps, fill="ffill").index.freqstr == "bh"
    csv = _csv(tmp_path / "nowed.csv", list(y.index.astype(str)))
    with warnings.catch_warnings():
        warnings.simplefilter("always", UserWarning)
        assert main(["forecast", "--csv", str(csv), *FLAGS, "--out", str(tmp_path / "o")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: timestamps in {typed_path(csv)} are business hours that open on weekdays "
        "only, none on Wednesday (2024-01-01 09:00:00 to 2024-01-19 16:00:00): read as closed "
        "on Wednesday, open on Monday, Tuesday, Thursday and Friday; if its hours are missing, "
        "not closed, give them as rows with empty values and pass --fill ffill, bfill, "
        "interpolate or zero to fill them."
    ]


@pytest.mark.parametrize("mask", ["1111100", "1010100"])
def test_a_night_of_two_business_hours_with_a_step_missing_names_that_step(mask: str) -> None:
    nights = pd.offsets.CustomBusinessHour(n=2, weekmask=mask, start="22:00", end="06:00")
    every = pd.date_range("2024-01-01 22:00", periods=66, freq=nights)
    y = pd.Series(np.arange(65.0), index=pd.DatetimeIndex(every.delete(10), freq=None), name="y")
    missing = D._label(every[10])
    # was "(usual step: 2 hours); missing 2024-01-02 06:00:00, 2024-01-02 08:00:00, ... and 196
    # more; pass fill=...": a fill of every day hour
    with pytest.raises(ValueError) as refused:
        D.to_frame(y)
    assert str(refused.value) == (
        f"timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        f"{D._label(every[11])} (usual step: 2 business hours); missing {missing}; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv "
        "(CLI: --fill), whose result Forecaster.fit, predict and backtest take, to insert the "
        "missing timestamps and fill their values."
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Mondays, Wednesdays and Fridays: the days said
        filled = D.to_frame(y, fill="ffill")
    assert filled.index.equals(every)
    assert D._stepped_opening(filled.index.freq) == D._stepped_opening(nights)
    assert filled.attrs["inserted"] == 1 and filled["y"].iloc[10] == 9.0
