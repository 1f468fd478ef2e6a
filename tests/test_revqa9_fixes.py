"""Defects found reviewing qa9 (Darts/NeuralForecast users' names and hints), each pinned by
the test that found it."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

TINY = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
TINY += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--no-refit"]
TINY += ["--horizon", "4", "--json", "--interval", "0"]


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["airlin"], "airlin"),  # a misspelt dataset beside --csv
        (["--fill", "ffill", "extra"], "extra"),  # a word after another flag than the two
        (["--horizon", "7", "14"], "14"),  # a number that is no level
    ],
)
def test_a_stray_word_names_no_flag_it_is_no_value_of(tmp_path, capsys, argv, word) -> None:
    # every word beside --csv was told "--value-col and --interval take one value each",
    # flags the user had not given or whose value it could not be
    path = tmp_path / "shop.csv"
    path.write_text("day,sales,temp\n2024-01-01,1,2\n")
    base = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    assert main([*base, *argv]) == 2
    assert capsys.readouterr().err == (
        f"error: give either a dataset name or --csv, not both: {word!r}, a word that no flag "
        "took, is read as a dataset name.\n"
    )


def test_the_unread_plan_note_promises_holdout_0_only_the_horizon_s_rows(tmp_path, capsys):
    # 6 planned days, a horizon of 4: the note said "pass --holdout 0 to forecast those rows",
    # and that run forecast 4 of them
    days = pd.date_range("2024-01-01", periods=46, freq="D")
    promo = (np.arange(46) % 3 == 0).astype(int)
    sales = [f"{20 + 8 * p + k % 7}" if k < 40 else "" for k, p in enumerate(promo)]
    path = tmp_path / "shop.csv"
    path.write_text(
        "day,sales,promo\n"
        + "\n".join(f"{d:%Y-%m-%d},{s},{p}" for d, s, p in zip(days, sales, promo, strict=True))
    )
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    assert main([*argv, "--future-cols", "promo", *TINY, "--holdout", "3"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"note: {str(path)!r} has 6 rows after the target's last value (the plan of "
        "--future-cols); this run's forecast covers the 3 held-out points (--holdout 3) and "
        "the first of those rows; pass --holdout 0 to forecast the first 4 of them."
    ]
    assert main([*argv, "--future-cols", "promo", *TINY, "--holdout", "0"]) == 0
    assert len(json.loads(capsys.readouterr().out)["forecast"]["timestamp"]) == 4
