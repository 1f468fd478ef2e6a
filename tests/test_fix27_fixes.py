"""Leftovers of revdata26 and revout26: the command line's note of the days a fill inserted
repeated the fill's warning of a week's days off, of the same file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

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
