"""Review of bh11: the UTC offsets said where they differ only in spelling, the note of them
once for the series of --series-col."""

from __future__ import annotations

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
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
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
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
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
