"""fccli39: forecasting command-line left-overs, as an analyst with spreadsheet exports on macOS
and Git Bash meets them."""

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
FLAGS = ["--date-col", "date", "--value-col", "sales"]


def _rows(sep: str = ",", last: str = "") -> str:
    """24 months of sales, a header and ``last`` under them, fields split by ``sep``."""
    rows = [f"2018-{m:02d}-01{sep}{100 + m}" for m in range(1, 13)]
    rows += [f"2019-{m:02d}-01{sep}{200 + m}" for m in range(1, 13)]
    return f"date{sep}sales\n" + "\n".join(rows) + "\n" + last


def test_a_tsv_is_forecast_read_with_a_tab(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet's .tsv export was read with commas and refused as one column,
    'date\\tsales' ('pass --sep tab too'); it is read with a tab, as `lstmkit text` reads one,
    and predict reads one so too."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.tsv").write_text(_rows("\t"))
    flags = ["--date-col", "date", "--value-col", "sales", "--horizon", "3"]
    assert main(["forecast", "--csv", "s.tsv", *flags, *QUICK, "--out", "run"]) == 0
    assert capsys.readouterr().out.startswith("s: n=24, holdout=3, ")
    forecast = (tmp_path / "run" / "forecast.csv").read_text().splitlines()
    assert forecast[0] == "timestamp,forecast,lower,upper,y_true"  # commas, as ever
    assert [line.split(",")[0] for line in forecast[1:]] == [
        "2019-10-01",
        "2019-11-01",
        "2019-12-01",
    ]
    assert main(["predict", "run", "--csv", "s.tsv"]) == 0
    assert "2020-01-01" in capsys.readouterr().out


def test_a_tsv_with_another_sep_given_is_read_by_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--sep says otherwise than the name: it is read by --sep."""
    path = tmp_path / "s.tsv"
    path.write_text(_rows(";"))
    argv = ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "sales"]
    assert main([*argv, "--sep", ";", "--horizon", "3", *QUICK]) == 0
    assert capsys.readouterr().out.startswith("s: n=24, holdout=3, ")
