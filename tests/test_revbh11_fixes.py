"""Review of bh11: the UTC offsets said where they differ only in spelling."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
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
