"""A fresh user's pass over README after the runfmt, cal6, tidy6, typing6, api6 and ens6
merges: what a user's own files (a ``;``/decimal-comma monthly file read again with plain ISO
dates, ...) met that README or the messages did not say."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

_FAST = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-refit", "--holdout", "0"]
_FAST += ["--interval", "0", "--no-stat-baselines", "--no-progress"]


def _write(path: Path, dates: pd.DatetimeIndex) -> Path:
    frame = pd.DataFrame({"month": dates.strftime("%Y-%m-%d"), "sales": np.arange(len(dates))})
    frame.to_csv(path, index=False)
    return path


def test_iso_dates_under_a_day_first_date_format_are_told_as_iso(tmp_path: Path) -> None:
    # a run's --date-format %d.%m.%Y, which predict takes for a newer file of ISO dates: the
    # remedy suggested was '%Y-%d-%m' (pandas' day-first guess), which read 2015-02-01 as 2 January
    csv = _write(tmp_path / "plain.csv", pd.date_range("2015-01-01", periods=24, freq="MS"))
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "month", "sales", date_format="%d.%m.%Y")
    assert str(err.value).endswith(
        "expected dates in date_format='%d.%m.%Y'; '%Y-%m-%d' reads every one "
        "(CLI: --date-format '%Y-%m-%d')."
    )


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_a_runs_date_format_that_reads_no_date_is_said_to_be_the_runs(
    tmp_path: Path, capsys, command: str
) -> None:
    # "expected dates in --date-format '%d.%m.%Y'": a --date-format the user did not give
    months = pd.date_range("2015-01-01", periods=36, freq="MS")
    run_csv = tmp_path / "eu.csv"
    frame = pd.DataFrame({"month": months.strftime("%d.%m.%Y"), "sales": np.arange(36.0)})
    frame.to_csv(run_csv, index=False)
    argv = ["forecast", "--csv", str(run_csv), "--date-col", "month", "--value-col", "sales"]
    run = tmp_path / "run"
    assert main([*argv, "--date-format", "%d.%m.%Y", *_FAST, "--out", str(run)]) == 0
    newer = _write(tmp_path / "iso.csv", months)
    capsys.readouterr()
    assert main([command, str(run), "--csv", str(newer)]) == 2
    assert capsys.readouterr().err == (
        f"note: read {str(newer)!r} as the run did: --date-format %d.%m.%Y\n"
        f"error: column 'month' of {str(tmp_path / 'iso.csv')!r} has unparsable dates at row 2 "
        "('2015-01-01'), row 3 ('2015-02-01'), row 4 ('2015-03-01'), row 5 ('2015-04-01'), row 6 "
        "('2015-05-01') and 31 more; expected dates in --date-format '%d.%m.%Y', taken from the "
        "run (pass --date-format to read others); --date-format '%Y-%m-%d' reads every one.\n"
    )
    # the remedy said reads it
    assert main([command, str(run), "--csv", str(newer), "--date-format", "%Y-%m-%d"]) == 0


def test_a_url_on_the_command_line_is_told_how_to_download_it_in_the_shell(
    tmp_path: Path, capsys
) -> None:
    # the CLI said "download it first (e.g. urllib.request.urlretrieve(...))", a Python call,
    # and text predict --file said "--file 'https://host/r.txt' is not a file."
    argv = ["forecast", "--csv", "https://host/a.csv?x=1", "--date-col", "d", "--value-col", "v"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --csv must be a local file, got the URL 'https://host/a.csv?x=1': lstmkit reads "
        "no network; download it first (e.g. curl -L -o data.csv 'https://host/a.csv?x=1') and "
        "pass the file's name.\n"
    )
    model = tmp_path / "model"
    model.mkdir()
    assert main(["text", "predict", str(model), "--file", "https://host/r.txt"]) == 2
    assert capsys.readouterr().err == (
        "error: --file must be a local file, got the URL 'https://host/r.txt': lstmkit reads no "
        "network; download it first (e.g. curl -L -o data.txt https://host/r.txt) and pass the "
        "file's name.\n"
    )
    assert main(["text", "train-lm", "--file", "https://host/r.txt", "--out", str(model)]) == 2
    assert "(e.g. curl -L -o data.txt https://host/r.txt)" in capsys.readouterr().err
    # a Python caller is told the Python call, as before
    with pytest.raises(FileNotFoundError) as err:
        D.read_csv("https://host/a.csv", "d", "v")
    assert "urllib.request.urlretrieve('https://host/a.csv', 'data.csv')" in str(err.value)


def test_a_value_column_given_by_its_position_alone_is_said_to_be_one(tmp_path: Path) -> None:
    # "`value_cols` must be a column name or a list of them, got int 1." said no position,
    # as value_cols=[1] does
    csv = _write(tmp_path / "sales.csv", pd.date_range("2015-01-01", periods=24, freq="MS"))
    with pytest.raises(TypeError) as err:
        D.read_csv(csv, "month", 1)  # type: ignore[arg-type]
    assert str(err.value) == (
        "`value_cols` must be a column name or a list of them, as the file's header row writes "
        "them, not a position, got int 1."
    )
    with pytest.raises(TypeError) as err:
        D.read_csv(csv, "month", 1.5)  # type: ignore[arg-type]
    assert str(err.value) == "`value_cols` must be a column name or a list of them, got float 1.5."
