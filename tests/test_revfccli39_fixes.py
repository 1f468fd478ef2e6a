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
    tail = f"/{name}/.lstmkit-{owner()}-xxxxxxxx.tmp/.forecast.png.{owner()}-00000000.tmp/"
    tail += "forecast.png"
    whole = len(out) + len(tail)
    assert main([*argv, "--out", out]) == 2
    short = f"{name[:24]}…{name[-24:]}"
    assert capsys.readouterr().err == (
        f"error: --out '{out[:24]}…{out[-24:]}' cannot be written: the run of the series "
        f"{short!r} writes its files into a staging folder inside it first, up to "
        f"DIR/{short}/.lstmkit-….tmp/.forecast.png.….tmp/forecast.png, a path of {whole:,} "
        f"bytes here, and a path holds at most {whole_most - 1:,}; choose a shorter one.\n"
    )
    assert not (tmp_path / "o").exists()
    assert not Path(out).exists()


def test_the_fill_note_lists_the_file_s_empty_cells_not_the_inserted_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row the file lacks, inserted and said by its own note, was listed again among the
    cells the file left empty (its date under every column: 'temp' at a date where temp's
    cell was never empty); the note lists the file's cells alone, and predict --fill says it
    too (it said nothing)."""
    monkeypatch.chdir(tmp_path)
    lines = [f"{r},{k}" for k, r in enumerate(_rows())]
    lines[0] = "date,sales,temp"
    lines[4] = "2018-04-01,,4"  # sales' one empty cell
    lines[6] = "2018-06-01,,"  # a row empty throughout
    del lines[9]  # 2018-09-01: a row the file lacks
    (tmp_path / "b.csv").write_text("\n".join(lines) + "\n")
    argv = ["forecast", "--csv", "b.csv", *FLAGS, "--covariate-cols", "temp", *QUICK]
    assert main([*argv, "--fill", "ffill", "--out", "run"]) == 0
    note = (
        "note: 'b.csv' left 3 cells empty, which --fill ffill filled (and the rows inserted), "
        "read as data: 'sales' at 2018-04-01, 2018-06-01; 'temp' at 2018-06-01.\n"
    )
    inserted = (
        "note: 'b.csv' lacked 1 timestamp of its regular MS grid (4% of the 24 rows now); it "
        "was inserted and filled with --fill ffill.\n"
    )
    assert capsys.readouterr().err == inserted + note
    assert main(["predict", "run", "--csv", "b.csv"]) == 0
    assert capsys.readouterr().err == "note: read 'b.csv' as the run did: --fill ffill\n" + (
        inserted + note
    )


def test_empty_target_rows_ending_the_file_are_told_the_cut_that_reads_without_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows with no target after its last value were told 'drop them' with no command, where a
    summary row under the data is told `sed '$d' FILE | lstmkit forecast --csv -`: the same
    cut, one `sed '$d'` a row, which runs; not where those rows are not the file's last lines
    (another series' rows below them)."""
    import shutil
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.csv").write_text("\n".join([*_rows(), "2020-01-01,", "2020-02-01,"]) + "\n")
    argv = ["forecast", "--csv", "f.csv", *FLAGS, *QUICK]
    assert main(argv) == 2
    err = capsys.readouterr().err
    cut = (
        " On the command line, read the file without them: sed '$d' f.csv | sed '$d' | "
        "lstmkit forecast --csv - (with the other flags as given).\n"
    )
    assert err.startswith("error: values must not be missing (NaN)") and err.endswith(cut)
    assert main([*argv, "--fill", "ffill"]) == 2
    err = capsys.readouterr().err
    assert "Drop those rows" in err and err.endswith(cut)
    if (bash := shutil.which("bash")) is not None and shutil.which("sed") is not None:
        told = err.split("without them: ")[1].split(" | lstmkit")[0]
        shown = subprocess.run([bash, "-c", told], capture_output=True, text=True, check=True)
        assert shown.stdout.splitlines() == _rows()
        run = subprocess.run(
            [sys.executable, "-m", "lstmkit", "forecast", "--csv", "-", *argv[3:]],
            input=shown.stdout,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        assert run.returncode == 0, run.stderr
    # predict is told its model too: `lstmkit predict --csv -` alone lacks it
    (tmp_path / "g.csv").write_text("\n".join(_rows()) + "\n")
    assert main(["forecast", "--csv", "g.csv", *FLAGS, *QUICK, "--out", "run"]) == 0
    capsys.readouterr()
    assert main(["predict", "run", "--csv", "f.csv"]) == 2
    assert capsys.readouterr().err.endswith(
        " On the command line, read the file without them: sed '$d' f.csv | sed '$d' | "
        "lstmkit predict --csv - (with the model and the other flags as given).\n"
    )
    # a long file whose last lines are another series': no cut told
    lines = ["date,store,sales"]
    lines += [f"{r.split(',')[0]},A,{r.split(',')[1]}" for r in _rows()[1:]]
    lines += ["2020-01-01,A,", *(f"{r.split(',')[0]},B,{r.split(',')[1]}" for r in _rows()[1:])]
    (tmp_path / "l.csv").write_text("\n".join(lines) + "\n")
    assert main(["forecast", "--csv", "l.csv", "--where", "store=A", *FLAGS, *QUICK]) == 2
    err = capsys.readouterr().err
    assert "drop it" in err and "sed" not in err


@pytest.mark.parametrize("last", ["2019 total", "Total 2019"])
def test_a_year_s_total_as_the_last_row_is_told_a_summary_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], last: str
) -> None:
    """A subtotal among the rows ('2018 total' between December and January) was told one, but
    the year's total under the last December, the same row at the end, was told a date format
    ('expected dates like the first one'): it is told a summary row, with the cut."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e.csv").write_text("\n".join([*_rows(), f"{last},3000"]) + "\n")
    assert main(["forecast", "--csv", "e.csv", *FLAGS, *QUICK]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'date' of 'e.csv' has unparsable dates at row 26 ({last!r}); the last "
        "row looks like a summary row under the data, which no date format reads: delete it "
        "from the file, or read the file without it: sed '$d' e.csv | lstmkit forecast --csv - "
        "(with the other flags as given).\n"
    )


@pytest.mark.skipif(not hasattr(os, "pathconf"), reason="no pathconf here")
def test_predict_counts_its_plot_s_staging_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """predict's check counted DIR/.lstmkit-….tmp/prediction.json, but its forecast.png is
    written deeper, in a hidden folder of its own (.forecast.png.PID.MACHINE-XXXXXXXX.tmp/):
    an --out between the two passed and failed after the forecast, 'File name too long'."""
    from lstmkit._orphans import owner

    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.csv").write_text("\n".join(_rows()) + "\n")
    assert main(["forecast", "--csv", "g.csv", *FLAGS, *QUICK, "--out", "run"]) == 0
    capsys.readouterr()
    most = os.pathconf(str(tmp_path), "PC_PATH_MAX")
    json_tail = len(f"/.lstmkit-{owner()}-xxxxxxxx.tmp/prediction.json")
    png_tail = len(f"/.lstmkit-{owner()}-xxxxxxxx.tmp/.forecast.png.{owner()}-00000000.tmp/")
    png_tail += len("forecast.png")
    parts = [str(tmp_path)]
    while len(os.path.join(*parts)) < most - 400:
        parts.append("b" * 200)
    # an --out whose prediction.json fits, whose plot does not
    size = most - 1 - json_tail - 2
    out = os.path.join(*parts, "c" * (size - len(os.path.join(*parts)) - 1))
    assert len(out) + json_tail < most <= len(out) + png_tail
    assert main(["predict", "run", "--csv", "g.csv", "--out", out]) == 2
    assert capsys.readouterr().err == (
        f"error: --out '{out[:24]}…{out[-24:]}' cannot be written: the run writes its files "
        "into a staging folder inside it first, up to DIR/.lstmkit-….tmp/.forecast.png.….tmp/"
        f"forecast.png, a path of {len(out) + png_tail:,} bytes here, and a path holds at most "
        f"{most - 1:,}; choose a shorter one.\n"
    )
    assert not Path(out).exists()
