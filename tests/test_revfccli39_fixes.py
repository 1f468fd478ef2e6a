"""revfccli39: review of fccli39's forecasting command-line left-overs."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main

QUICK = [
    "--epochs",
    "1",
    "--ensemble",
    "1",
    "--interval",
    "0",
    "--no-stat-baselines",
    "--hidden-size",
    "4",
]
FLAGS = ["--date-col", "date", "--value-col", "sales", "--horizon", "3"]


def _rows(sep: str = ",") -> list[str]:
    """A header and 24 months of sales, fields split by ``sep``."""
    rows = [f"2018-{m:02d}-01{sep}{100 + m}" for m in range(1, 13)]
    return [f"date{sep}sales", *rows, *(f"2019-{m:02d}-01{sep}{200 + m}" for m in range(1, 13))]


def test_explain_reads_a_tsv_with_a_tab(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """forecast and predict read --csv s.tsv with a tab; explain read it with commas and
    refused it as one column 'date\\tsales' ('pass --sep tab')."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.tsv").write_text("\n".join(_rows("\t")) + "\n")
    assert main(["forecast", "--csv", "s.tsv", *FLAGS, *QUICK, "--out", "run"]) == 0
    capsys.readouterr()
    assert main(["explain", "run", "--csv", "s.tsv", "--out", "ex"]) == 0
    assert "error" not in capsys.readouterr().err
    assert (tmp_path / "ex" / "relevance.csv").is_file()
