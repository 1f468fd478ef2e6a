"""revcli31: review of cli31: several leading covariates told which moves how far on the command
line; a model's folder echoed as passed; read_csv's separators: the pair's problems beside the
others', numpy text shown as text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main

WHY = (
    "The network would learn to copy them: validation and backtest scores look excellent and "
    "mean nothing, and a forecast would need the series' own future values. "
)


# --- several leads: each column's lag named ------------------------------------------------------


def test_columns_that_lead_by_different_steps_are_each_told_their_lag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "move each of their values to the row 1, 2 and 3 timestamps later" said neither which
    # column moves how far nor read as one row
    days = pd.date_range("2020-01-01", periods=80, freq="D")
    y = np.random.default_rng(7).normal(size=80).round(3) + 10.0
    csv = tmp_path / "leads.csv"
    pd.DataFrame(
        {
            "day": days.strftime("%Y-%m-%d"),
            "y": y,
            "a": np.r_[y[1:], 0.0],
            "b": np.r_[y[1:], 0.0],
            "c": np.r_[y[2:], 0, 0],
            "d": np.r_[y[3:], 0, 0, 0],
        }
    ).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "y"]
    argv += ["--covariate-cols", "a", "b", "c", "d", "--holdout", "0"]
    assert main([*argv, "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr().err.split(WHY)[1] == (
        "If they are known only 1, 2 and 3 steps after their timestamps, lag them in the file: "
        "move the values of 'a' and 'b' to the next timestamp's row, those of 'c' to the row 2 "
        "timestamps later and those of 'd' to the row 3 timestamps later, and drop the rows of "
        "the series' first 3 timestamps, which then have no value; otherwise leave them out of "
        "--covariate-cols.\n"
    )
    # one lead shared by all: one move, as before
    argv[argv.index("--covariate-cols") + 1 : argv.index("--holdout")] = ["a", "b"]
    assert main([*argv, "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr().err.split(WHY)[1] == (
        "If they are known only 1 step after their timestamps, lag them in the file: move each "
        "of their values to the next timestamp's row, and drop the row of the series' first "
        "timestamp, which then has no value; otherwise leave them out of --covariate-cols.\n"
    )
    assert not (tmp_path / "run").exists()


# --- a model's folder echoed as passed, as its files are and as the command line echoes it ------


def test_a_model_folder_is_echoed_as_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Forecaster.load("./nope") and `lstmkit text predict ./nope` said 'nope', where
    # read_csv("./nope.csv") and `lstmkit predict ./nope` say what was typed
    from lstmkit import Forecaster
    from lstmkit.text.sentiment import SentimentPredictor

    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for load in (Forecaster.load, SentimentPredictor.load):
        with pytest.raises(FileNotFoundError, match=r"^model folder './nope' does not exist\.$"):
            load("./nope")
        with pytest.raises(FileNotFoundError, match=r"^'\./file' is a file, not "):
            load("./file")
    with pytest.raises(FileNotFoundError) as err:
        Forecaster.load("./empty")
    assert str(err.value) == "no config.json in './empty'."
    with pytest.raises(FileNotFoundError) as err:
        SentimentPredictor.load("./empty")
    assert str(err.value) == (
        "'./empty' is not a saved lstmkit classifier model: missing config.json, "
        "model.safetensors, vocab.json."
    )
    for command in (["predict", "./nope"], ["text", "predict", "./nope", "good"]):
        assert main(command) == 2
        assert capsys.readouterr() == ("", "error: model folder './nope' does not exist.\n")


# --- read_csv's separators: every problem at once, numpy text shown as text ----------------------


@pytest.mark.parametrize(
    ("given", "error", "said"),
    [
        # the pair's problems came on the next try, after `sep`'s
        (
            {"sep": "ab", "decimal": "1"},
            ValueError,
            "`sep` must be one character (not a quote or a line break), got 'ab'. `decimal` and "
            "`thousands` must not be digits, signs or 'e', got '1' and None.",
        ),
        (
            {"sep": "ab", "decimal": ",", "thousands": ","},
            ValueError,
            "`sep` must be one character (not a quote or a line break), got 'ab'. `decimal` and "
            "`thousands` must differ, both are ','.",
        ),
        (
            {"sep": 3, "decimal": ".", "thousands": "."},
            TypeError,
            "`sep` must be a str, one character, got int 3. `thousands` must differ from "
            "`decimal`, both were given as '.'; pass the file's decimal mark as `decimal`: "
            "decimal=',', thousands='.' for 1.099,25.",
        ),
        # numpy's text was shown as np.str_('ab') (numpy 2)
        (
            {"sep": np.str_("ab")},
            ValueError,
            "`sep` must be one character (not a quote or a line break), got 'ab'.",
        ),
        (
            {"decimal": np.str_("1"), "thousands": np.str_(" ")},
            ValueError,
            "`decimal` and `thousands` must not be digits, signs or 'e', got '1' and ' '.",
        ),
    ],
)
def test_read_csv_says_the_separator_pair_beside_the_others(
    tmp_path: Path, given: dict[str, object], error: type[Exception], said: str
) -> None:
    with pytest.raises(error) as err:
        D.read_csv(tmp_path / "none.csv", "d", "v", **given)  # type: ignore[arg-type]
    assert str(err.value) == said
