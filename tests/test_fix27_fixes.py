"""Leftovers of revdata26 and revout26: the command line's note of the days a fill inserted
repeated the fill's warning of a week's days off, of the same file; an ``explanation.json``
whose ``"files"`` is no list was taken for one from before it listed them, so a user's
relevance.csv was overwritten as a forecaster's."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit.cli import main

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}
FLAGS = ["--epochs", "1", "--ensemble", "1", "--lookback", "4", "--hidden-size", "4"]


# ---- 1. the note of the days inserted, after the warning that said them -----------------------


def _forecast_csv(tmp_path: Path, days: pd.DatetimeIndex, capsys) -> list[str]:
    csv = tmp_path / "sales.csv"
    values = np.arange(float(len(days)))
    pd.DataFrame({"month": days.strftime("%Y-%m-%d"), "sales": values}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--fill", "ffill", *FLAGS, "--out", str(tmp_path / "run")]) == 0
    return capsys.readouterr().err.splitlines()


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
def test_a_week_s_fill_is_said_once_on_the_command_line(tmp_path, capsys):
    # "warning: the fill inserted 11 days into 'sales.csv' ..." then "note: 'sales.csv' lacked
    # 11 timestamp(s) of its regular D grid (13% of the 83 rows now); they were inserted ..."
    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    lines = _forecast_csv(tmp_path, pd.date_range("2021-01-04", periods=72, freq=week), capsys)
    csv = str(tmp_path / "sales.csv")
    assert lines[0].startswith(f"warning: the fill inserted 11 days into {csv!r} (2021-01-10, ")
    assert lines[1:] == [
        "note: --fill ffill made up 1 of the 'sales' values the forecasts are scored against "
        "(2021-03-21); the scores count them as observed."
    ]


def test_plain_gaps_filled_keep_their_note(tmp_path, capsys):
    days = pd.date_range("2021-01-01", periods=60, freq="D").delete([10, 30])
    lines = _forecast_csv(tmp_path, days, capsys)
    assert lines[0] == (
        f"note: {str(tmp_path / 'sales.csv')!r} lacked 2 timestamp(s) of its regular D grid (3% "
        "of the 60 rows now); they were inserted and filled with --fill ffill."
    )


# ---- 2. an explanation.json whose "files" is no list is none of lstmkit's ----------------------


@pytest.fixture(scope="module")
def fc_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fc") / "fc"
    Forecaster(horizon=2, **QUICK).fit(np.arange(60.0)).save(folder)
    return folder


@pytest.mark.parametrize("files", ["relevance.png", {"relevance.png": 1}, ["relevance.png", 2]])
def test_explain_out_refuses_a_record_whose_files_is_no_list(fc_dir, tmp_path, capsys, files):
    # "files": "relevance.png" fell back to a forecaster's files: the user's relevance.csv
    # beside it was overwritten
    out = tmp_path / "ex"
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 0
    record = json.loads((out / "explanation.json").read_text("utf-8"))
    (out / "explanation.json").write_text(json.dumps({**record, "files": files}))
    (out / "relevance.csv").write_text("mine\n")
    capsys.readouterr()
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds explanation.json, relevance.csv and relevance.png but "
        "no explanation.json or relevance.json that lstmkit wrote (its explanation.json holds "
        f'"files": {json.dumps(files)}, where lstmkit\'s lists the files it wrote), so no '
        "explanation (yours or another program's, or left by a save of lstmkit's stopped before "
        "it wrote explanation.json or relevance.json, which it writes last); `lstmkit explain` "
        "would overwrite or delete them. Choose another folder or delete them first, or pass "
        "--overwrite to overwrite or delete them.\n"
    )
    assert (out / "relevance.csv").read_text() == "mine\n"


def test_explain_out_still_takes_a_record_without_files_as_a_forecaster_s(fc_dir, tmp_path, capsys):
    # one from before records listed their files: a forecaster's three, rewritten
    out = tmp_path / "ex"
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 0
    record = json.loads((out / "explanation.json").read_text("utf-8"))
    del record["files"]
    (out / "explanation.json").write_text(json.dumps(record))
    (out / "relevance.csv").write_text("old\n")
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 0
    capsys.readouterr()
    assert (out / "relevance.csv").read_text().startswith("time,lag,relevance")
