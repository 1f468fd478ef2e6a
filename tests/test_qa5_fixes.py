"""A fresh user's pass through the README after the day's merges: defects found by running its
commands as written, each pinned by the test that found it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

# the smallest fit of a direct model with a future covariate
_FIT = ["--horizon", "2", "--lookback", "6", "--epochs", "1", "--ensemble", "1", "--holdout", "0"]
_FIT += ["--season-length", "1", "--no-calendar", "--hidden-size", "2", "--no-stat-baselines"]


def _promo_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """A direct model fitted on sales with the future covariate promo, and its CSV."""
    t = np.arange(40)
    data = pd.DataFrame(
        {"sales": 50 + 10 * np.sin(t / 4), "promo": (t % 5 == 0) * 1.0},
        pd.date_range("2020-01-06", periods=40, freq="D"),
    )
    data.iloc[38:, 0] = np.nan  # the forecast steps: the plan alone
    data.to_csv(tmp_path / "promo.csv", index_label="day")
    csv = str(tmp_path / "promo.csv")
    flags = ["--csv", csv, "--date-col", "day", "--value-col", "sales", "--future-cols", "promo"]
    out = str(tmp_path / "run")
    assert main(["forecast", *flags, *_FIT, "--out", out]) == 0
    capsys.readouterr()
    return out, csv


def test_explain_refusing_the_default_lrp_names_no_flag_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit explain DIR --csv FILE` of a model forecast with --future-cols (direct, the
    # default strategy) was refused as "--method='lrp' does not explain ...": a flag the user
    # never typed, and no word of which methods do explain it
    out, csv = _promo_run(tmp_path, capsys)
    assert main(["explain", out, "--csv", csv]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: LRP, the default --method, does not explain a direct Forecaster with future "
        "covariates (promo): their effect is added beside its head, outside the network LRP "
        "walks. Use another --method (gradxinput, ig, occlusion or sensitivity; they are then "
        "held fixed), or a model forecast with --strategy seq2seq, whose LRP gives their "
        "relevance per forecast step."
    ]
    # typed, it is named as typed
    assert main(["explain", out, "--csv", csv, "--method", "lrp"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: --method='lrp' does not explain a direct Forecaster with future covariates "
        "(promo): their effect is added beside its head, outside the network LRP walks. Use "
        "another --method (they are then held fixed), or a model forecast with --strategy "
        "seq2seq, whose LRP gives their relevance per forecast step."
    ]
