"""revfccli39: review of fccli39's forecasting command-line left-overs."""

from __future__ import annotations

import os
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


@pytest.mark.skipif(not hasattr(os, "pathconf"), reason="no pathconf here")
def test_a_series_folder_too_long_is_refused_before_the_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --series-col, each series' run is staged in --out/<series>/: a series' name over
    the system's limit on a name, or a path that its staging makes too long, failed with
    '[Errno 36] File name too long' after the fits; refused before any, naming the series."""
    from lstmkit._orphans import owner

    name = "S" * 300
    lines = [
        "date,store,sales",
        *(f"{d},{name},{v}" for d, v in (r.split(",") for r in _rows()[1:])),
    ]
    (tmp_path / "l.csv").write_text("\n".join(lines) + "\n")
    argv = ["forecast", "--csv", str(tmp_path / "l.csv"), "--series-col", "store", *FLAGS, *QUICK]
    most = os.pathconf(str(tmp_path), "PC_NAME_MAX")
    assert main([*argv, "--out", str(tmp_path / "o")]) == 2
    short = f"{name[:24]}…{name[-24:]}"
    assert capsys.readouterr().err == (
        f"error: --series-col store: the series {short!r} is written into --out's folder "
        f"{short!r}, a name of 300 bytes, and a name holds at most {most:,} here; shorten the "
        "series' name in the file.\n"
    )
    # a name that fits, under an --out whose own staging fits but not the series'
    name = "S" * 150
    lines = [line.replace("S" * 300, name) for line in lines]
    (tmp_path / "l.csv").write_text("\n".join(lines) + "\n")
    whole_most = os.pathconf(str(tmp_path), "PC_PATH_MAX")
    parts = [str(tmp_path)]
    while len(os.path.join(*parts)) < whole_most - 400:
        parts.append("b" * 200)
    out = os.path.join(*parts, "c" * (whole_most - 120 - len(os.path.join(*parts)) - 1))
    tail = (
        f"/{name}/.lstmkit-{owner()}-xxxxxxxx.tmp/model/.model.safetensors.{owner()}-00000000.tmp"
    )
    whole = len(out) + len(tail)
    assert main([*argv, "--out", out]) == 2
    short = f"{name[:24]}…{name[-24:]}"
    assert capsys.readouterr().err == (
        f"error: --out '{out[:24]}…{out[-24:]}' cannot be written: the run of the series "
        f"{short!r} writes its files into a staging folder inside it first, up to "
        f"DIR/{short}/.lstmkit-….tmp/model/.model.safetensors.….tmp, a path of {whole:,} "
        f"bytes here, and a path holds at most {whole_most - 1:,}; choose a shorter one.\n"
    )
    assert not (tmp_path / "o").exists()
    assert not Path(out).exists()
