"""mendy39: mends of this session's CLI, data and text changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lstmkit.cli import main

QUICK = ["--epochs", "1", "--ensemble", "1", "--interval", "0", "--no-stat-baselines"]
FLAGS = ["--date-col", "date", "--value-col", "sales", "--horizon", "3", "--hidden-size", "4"]
WHY = (
    " the future to forecast: the forecast starts after the last row, and covariates are past "
    "inputs, whose future values it does not need; values known ahead, a promotion plan say, "
    "go to --future-cols, which read those rows)."
)


def _rows() -> list[str]:
    """A header and 24 months of sales."""
    rows = [f"2018-{m:02d}-01,{100 + m}" for m in range(1, 13)]
    return ["date,sales", *rows, *(f"2019-{m:02d}-01,{200 + m}" for m in range(1, 13))]


@pytest.mark.parametrize("k", [1, 2])
def test_one_empty_target_row_ending_the_file_is_told_the_cut_too(
    k: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With --fill, the target's empty last rows were told `sed '$d' FILE | ...` by the words
    "Drop those rows", which one row is not told ("Drop that row"): one row got no command,
    two did. The refusal's count decides now, and the cut told runs."""
    monkeypatch.chdir(tmp_path)
    empty = ["2020-01-01,", "2020-02-01,"][:k]
    (tmp_path / "f.csv").write_text("\n".join([*_rows(), *empty]) + "\n")
    argv = ["forecast", "--csv", "f.csv", *FLAGS, *QUICK]
    assert main([*argv, "--fill", "ffill"]) == 2
    rows, span, drop, them = (
        ("row", "2020-01-01", "that row (if it is", "it")
        if k == 1
        else ("2 rows", "2020-01-01, 2020-02-01", "those rows (if they are", "them")
    )
    cut = " | ".join(["sed '$d' f.csv", *["sed '$d'"] * (k - 1)])
    assert capsys.readouterr().err == (
        f"error: 'sales' (the target) of 'f.csv' has no value in its last {rows}, {span}, after "
        "its last value at 2019-12-01: that is not a gap, and --fill ffill does not make it up "
        "(a forecast would start from made-up values, a holdout be scored against them). "
        f"Drop {drop}{WHY} On the command line, read the file without {them}: {cut} | "
        "lstmkit forecast --csv - (with the other flags as given).\n"
    )
    if (bash := shutil.which("bash")) is None or shutil.which("sed") is None:
        return
    shown = subprocess.run([bash, "-c", cut], capture_output=True, text=True, check=True)
    assert shown.stdout.splitlines() == _rows()
    run = subprocess.run(
        [sys.executable, "-m", "lstmkit", "forecast", "--csv", "-", *argv[3:], "--fill", "ffill"],
        input=shown.stdout,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert run.returncode == 0, run.stderr
