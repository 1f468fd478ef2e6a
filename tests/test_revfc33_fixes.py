"""Review of fc33: ``read_csv`` with one mark for the separator and the decimal mark refuses
only a row that was split, ..."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}
CLI_QUICK = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-progress"]


@pytest.mark.parametrize("given", [{"sep": ",", "decimal": ","}, {"decimal": ","}])
def test_one_mark_for_sep_and_decimal_reads_rows_as_wide_as_the_header(tmp_path, given):
    # whole numbers split nothing: refused as "no value ... holds a quoted ','", though each
    # row is as wide as the header and read as before
    csv = tmp_path / "whole.csv"
    csv.write_text("month,y,x\n2020-01-01,1,5\n2020-02-01,2,5\n2020-03-01,3,5\n")
    read = D.read_csv(csv, "month", ["y", "x"], **given)
    assert read.to_dict("list") == {"y": [1.0, 2.0, 3.0], "x": [5.0, 5.0, 5.0]}


def test_one_mark_for_sep_and_decimal_refuses_a_split_row_beside_whole_ones(tmp_path):
    # the first row split, the others not: told as missing values at rows 2 and 4
    csv = tmp_path / "mixed.csv"
    csv.write_text("month,y\n2020-01-01,1,5\n2020-02-01,2\n2020-03-01,3,25\n2020-04-01,4\n")
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "month", "y", decimal=",")
    assert str(err.value) == (
        f"`sep` and `decimal` are both ',', and line 2 of {str(csv)!r} has more fields (3) than "
        "its header (2): an unquoted decimal mark that is the separator splits its number into "
        "two fields (1,5 read as 1 and 5); pass the file's separator as `sep` (';' for many "
        'European spreadsheets), or quote each value that holds the mark ("1,5").'
    )


@pytest.fixture(scope="module")
def airline_run(tmp_path_factory, undrawn_figures_block):
    """One `lstmkit forecast airline --horizon 6` run folder, fitted on the points up to
    1960-06-01 (the last 6 held out)."""
    run = tmp_path_factory.mktemp("airline") / "run"
    argv = ["forecast", "airline", *CLI_QUICK, "--no-stat-baselines", "--horizon", "6"]
    with contextlib.redirect_stdout(io.StringIO()), undrawn_figures_block():
        assert main([*argv, "--out", str(run)]) == 0
    return run


def test_predict_reads_whole_numbers_with_decimal_comma(airline_run, tmp_path, capsys):
    csv = tmp_path / "whole.csv"
    D.load_dataset("airline").astype(int).to_csv(csv, index_label="month")
    assert main(["predict", str(airline_run), "--csv", str(csv), "--decimal", ","]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("whole: forecast from 1960-12-01, horizon 6")


@pytest.mark.parametrize("given", [{}, {"future_covariates": "promo"}, {"stride": 5}])
def test_backtest_default_start_tells_a_horizon_no_start_fits(given):
    # "the default `start` (n - 3 * horizon = -66) ...; pass `start` (a position in 1..74)",
    # though every start was refused then: with a future lag, fc33 said the horizon is too long
    airline = D.load_dataset("airline")
    if "future_covariates" in given:
        given = {"future_covariates": pd.Series(np.arange(144.0) % 7, airline.index, name="p")}
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).backtest(airline, horizon=70, **given)
    assert str(err.value) == (
        "`horizon` (70) is too long for the series: even the last origin (position 74, "
        "1955-03-01) leaves 74 points before it: lookback (12) + horizon (70) + differencing "
        "(0) + validation windows (1) need at least 83 points, got 74; a shorter `lookback` "
        "fits it, at most 3."
    )
    # one that fits the last origin keeps the advice of a `start`
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).backtest(airline, horizon=50)
    assert str(err.value) == (
        "the default `start` (n - 3 * horizon = -6) needs more than 150 points, got 144; pass "
        "`start` (a position in 1..94)."
    )


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
def test_explain_warns_once_of_a_file_older_than_the_training_data(airline_run, tmp_path, capsys):
    # `lstmkit predict` warned of it; `lstmkit explain` explained a step the model was trained
    # on without a word
    older = tmp_path / "older.csv"
    D.load_dataset("airline")[:100].to_csv(older, index_label="month")
    assert main(["explain", str(airline_run), "--csv", str(older)]) == 0
    out, err = capsys.readouterr()
    assert err == (
        f"warning: --csv {str(older)!r} ends at 1957-04-01, before the model's training data, "
        "which ends at 1960-06-01: the step explained, 1957-05-01, is a point the model was "
        "trained on (in-sample, not a forecast); give data that reach 1960-06-01 or later, or "
        "leave --csv out to explain a forecast after the training data.\n"
    )
    assert out.startswith("explained: forecast step 1 after 1957-04-01 (1957-05-01)")
    # a step after the training data's end is a forecast, though the file ends before it
    ends = tmp_path / "ends.csv"
    D.load_dataset("airline")[:137].to_csv(ends, index_label="month")
    assert main(["explain", str(airline_run), "--csv", str(ends), "--step", "1"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["explain", str(airline_run), "--csv", str(ends), "--step", "0"]) == 0
    assert "the step explained, 1960-06-01, is a point" in capsys.readouterr().err
