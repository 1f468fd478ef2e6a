"""Fixes from review revout33 of out33 (the note that a rerun replaced a saved model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lstmkit.cli import main, saved_before
from lstmkit.io import versions


def _run(folder: Path, rmse: float, holdout: int, seed: object = 0) -> Path:
    record = {
        "versions": versions(),
        "dataset": "airline",
        "holdout": holdout,
        "seed": seed,
        "metrics": {"model": {"rmse": rmse}},
    }
    folder.mkdir()
    (folder / "run.json").write_text(json.dumps(record))
    return folder


def test_saved_before_leaves_out_figures_that_are_no_number(tmp_path: Path) -> None:
    # NaN and inf, which json reads, printed "RMSE nan" and "accuracy inf"
    assert saved_before(_run(tmp_path / "nan", float("nan"), 12)) == (
        "forecast run",
        " (airline, seed 0)",
    )
    (tmp_path / "s2s").mkdir()
    (tmp_path / "s2s" / "config.json").write_text(
        '{"kind": "seq2seq", "metrics": {"greedy_accuracy": Infinity, "task": "numbers"}}'
    )
    assert saved_before(tmp_path / "s2s") == ("seq2seq", "")


def test_saved_before_names_no_seed_true_nor_negative_held_out_points(tmp_path: Path) -> None:
    # a JSON true passed for an int: "seed True"; a holdout of -3: "on -3 held-out points"
    assert saved_before(_run(tmp_path / "true", 1.5, 12, seed=True)) == (
        "forecast run",
        " (airline: RMSE 1.5000 on 12 held-out points)",
    )
    assert saved_before(_run(tmp_path / "neg", 1.5, -3)) == ("forecast run", " (airline, seed 0)")


def test_forecast_rerun_over_a_run_json_of_a_huge_rmse_runs_and_notes_it(
    short_sales: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    # an int of 400 digits, which json reads: its `:.4f` raised OverflowError, and the run
    # failed before its save
    out = _run(tmp_path / "run", 10**400, 12)
    fit = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
    assert main([*short_sales, *fit, "--no-progress", "--interval", "0", "--out", str(out)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"note: replaced the forecast run that was saved in {str(out)!r} (airline, seed 0); "
        "give another --out to keep both."
    )
    assert json.loads((out / "run.json").read_text())["dataset"] == "short"
