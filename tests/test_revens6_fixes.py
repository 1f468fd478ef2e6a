"""Fixes of the revens6 review (of ens6: --csv named by the path given, stdin archives): one
test (or a few) per fix."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

_FAST = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-refit", "--holdout", "0"]
_FAST += ["--interval", "0", "--no-stat-baselines", "--no-progress"]

# -- 1. predict's note of how it read --csv names the file by the path given, as ens6 made
# every other message of forecast, predict and explain do -----------------------------------


def test_predicts_note_of_the_runs_flags_names_the_csv_by_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # "note: read sales.csv as the run did" beside "'data/sales.csv' holds 2 of them" in the
    # same command: the note named the base name
    months = pd.date_range("2015-01-01", periods=36, freq="MS")
    sales = np.round(100 + 10 * np.sin(np.arange(36) * np.pi / 6) + np.arange(36), 2)
    (tmp_path / "data").mkdir()
    text = "date;sales\n" + "".join(
        f"{d:%Y-%m-%d};{v}\n" for d, v in zip(months, sales, strict=True)
    )
    (tmp_path / "data" / "sales.csv").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["--csv", "data/sales.csv", "--value-col", "sales", "--date-col", "date"]
    assert main(["forecast", *argv, "--sep", ";", *_FAST, "--out", "run"]) == 0
    capsys.readouterr()
    assert main(["predict", "run", "--csv", "data/sales.csv", "--out", "p"]) == 0
    assert capsys.readouterr().err == "note: read 'data/sales.csv' as the run did: --sep ';'\n"
