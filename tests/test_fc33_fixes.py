"""Forecasting and data leftovers: a backtest's too-long horizon beside a future lag, the
command line's "of the training part" without a holdout, an older file given to ``predict``,
the direct model's capped horizon in ``predict --help``, a run folder given to
``Forecaster.load``, a read-only figure under ``predict --out``, ``read_csv`` with one
separator and decimal mark, and a folder given to ``read_csv`` and ``Vocabulary.load``."""

from __future__ import annotations

import contextlib
import gzip
import io
import shutil

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}
CLI_QUICK = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-progress"]
LAG_70 = (
    "`future_covariates` must be known in advance, not the series' future, got 'lag', the "
    "series 1 step behind: cov[t] == series[t-1] at all 143 points t >= 1, so its values at "
    "forecast steps 2 to 70 (horizon 70) are the series' own after the forecast's origin. A "
    "forecast would need those values, which no one has when it is made. Pass 'lag' as a past "
    "covariate (`covariates`, --covariate-cols), read up to the origin"
)


@pytest.fixture
def airline() -> pd.Series:
    return D.load_dataset("airline")


def _lag(airline: pd.Series) -> pd.Series:
    return airline.shift(1).bfill().rename("lag")


def test_a_backtest_tells_its_too_long_horizon_before_a_future_lag(airline):
    # the last origin (74) leaves too few points for a horizon of 70: the lag of the horizon,
    # series.shift(70), which the refusal advised, leaves 74 points, and no origin at all
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).backtest(
            airline, future_covariates=_lag(airline), horizon=70
        )
    assert str(err.value) == (
        "`horizon` (70) is too long for the series: even the last origin (position 74, "
        "1955-03-01) leaves 74 points before it: lookback (12) + horizon (70) + differencing "
        "(0) + validation windows (1) need at least 83 points, got 74; a shorter `lookback` "
        f"fits it, at most 3. {LAG_70}."
    )
    # a horizon that leaves no origin at all is told first too
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).backtest(
            airline, future_covariates=_lag(airline), horizon=144
        )
    assert str(err.value).startswith(
        "`horizon` (144) leaves no origin in a series of 144 points. `future_covariates` must "
    )
    assert str(err.value).endswith(
        "Pass 'lag' as a past covariate (`covariates`, --covariate-cols), read up to the origin."
    )


def test_a_backtest_whose_horizon_fits_keeps_the_lag_advice(airline):
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).backtest(
            airline, future_covariates=_lag(airline), horizon=40
        )
    assert str(err.value) == (
        LAG_70.replace("2 to 70 (horizon 70)", "2 to 40 (horizon 40)")
        + ", or lag it by at least the horizon, 40 steps (series.shift(40))."
    )


def test_b_no_holdout_counts_the_points_of_the_whole_series(airline, tmp_path, capsys):
    # --holdout 0 fits the whole file: "143 points t >= 1 of the training part" read as if
    # some rows were held out
    csv = tmp_path / "lagged.csv"
    ahead = pd.DataFrame(
        {"y": [np.nan] * 6, "lag": [airline.iloc[-1]] + [400.0] * 5},
        pd.date_range("1961-01-01", periods=6, freq="MS"),
    )
    frame = pd.concat([pd.DataFrame({"y": airline, "lag": _lag(airline)}), ahead])
    frame.to_csv(csv, index_label="month")
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y"]
    argv += [*CLI_QUICK, "--future-cols", "lag", "--horizon", "6", "--out", str(tmp_path / "r")]
    told = (
        "error: `future_covariates` must be known in advance, not the series' future, got "
        "'lag', the series 1 step behind: cov[t] == series[t-1] at all {n} points t >= 1{part}, "
        "so its values at forecast steps 2 to 6 (horizon 6) are the series' own after the "
        "forecast's origin. A forecast would need those values, which no one has when it is "
        "made. Pass 'lag' as a past covariate (--covariate-cols), read up to the origin, or lag "
        "it by at least the horizon, 6 steps (the series' values, each moved to the row 6 "
        "timestamps later in the file).\n"
    )
    assert main([*argv, "--holdout", "0"]) == 2
    assert capsys.readouterr().err == told.format(n=143, part="")
    assert main([*argv, "--holdout", "6"]) == 2
    assert capsys.readouterr().err.endswith(told.format(n=137, part=" of the training part"))
    assert not (tmp_path / "r").exists()


@pytest.fixture(scope="module")
def airline_run(tmp_path_factory, undrawn_figures_block):
    """One `lstmkit forecast airline --horizon 6` run folder: its model is fitted on the points
    up to 1960-06-01 (the last 6 held out)."""
    run = tmp_path_factory.mktemp("airline") / "run"
    argv = ["forecast", "airline", *CLI_QUICK, "--no-stat-baselines", "--horizon", "6"]
    with contextlib.redirect_stdout(io.StringIO()), undrawn_figures_block():
        assert main([*argv, "--out", str(run)]) == 0
    return run


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
def test_c_predict_warns_of_a_file_older_than_the_training_data(airline_run, tmp_path, capsys):
    # a file that ends before the model's training data was forecast from without a word: its
    # forecast is of points the model was trained on
    older = tmp_path / "older.csv"
    D.load_dataset("airline")[:100].to_csv(older, index_label="month")
    assert main(["predict", str(airline_run), "--csv", str(older)]) == 0
    out, err = capsys.readouterr()
    assert err == (
        f"warning: --csv {str(older)!r} ends at 1957-04-01, before the model's training data, "
        "which ends at 1960-06-01: 6 of the 6 steps forecast from it are points the model was "
        "trained on (in-sample, not a forecast); give data that reach 1960-06-01 or later, or "
        "leave --csv out to forecast after the training data.\n"
    )
    assert out.startswith("older: forecast from 1957-04-01, horizon 6")
    # one that reaches the end of the training data, or goes past it, is no older file
    for n in (138, 144):
        newer = tmp_path / f"newer{n}.csv"
        D.load_dataset("airline")[:n].to_csv(newer, index_label="month")
        assert main(["predict", str(airline_run), "--csv", str(newer)]) == 0
        assert capsys.readouterr().err == ""


def test_d_predict_help_says_a_direct_model_caps_the_horizon(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["predict", "--help"])
    assert stop.value.code == 0
    said = " ".join(capsys.readouterr().out.split())
    assert (
        "--horizon N steps to forecast (default: the model's fitted horizon); at most that "
        "horizon for a direct (multi- output) model, --strategy direct, the default, whose "
        "network outputs all its steps at once; any number for recursive and seq2seq models "
    ) in said


def test_e_load_of_the_folder_above_a_run_names_the_model_to_load(airline_run, tmp_path):
    # a run folder itself loads (its model/); the folder above it said "no config.json" alone
    assert Forecaster.load(airline_run).config.horizon == 6
    with pytest.raises(FileNotFoundError) as err:
        Forecaster.load(airline_run.parent)
    assert str(err.value) == (
        f"no config.json in {str(airline_run.parent)!r} (nor in its model/); it holds a saved "
        f"model below it: load {str(airline_run / 'model')!r}."
    )
    runs = tmp_path / "runs"
    for name in ("b", "a"):
        shutil.copytree(airline_run / "model", runs / name / "model")
    (runs / "notes").mkdir()
    with pytest.raises(FileNotFoundError) as err:
        Forecaster.load(runs)
    assert str(err.value) == (
        f"no config.json in {str(runs)!r} (nor in its model/); it holds 2 saved models below "
        f"it: load one of them, e.g. {str(runs / 'a' / 'model')!r}."
    )
    with pytest.raises(FileNotFoundError) as err:
        Forecaster.load(runs / "notes")
    assert str(err.value) == f"no config.json in {str(runs / 'notes')!r}."


def test_f_predict_out_keeps_a_read_only_forecast_png(
    read_only, fc_dir, tmp_path, capsys, held_files, read_only_said
):
    # refused before any work, nothing written: as forecast --out refuses its read-only files
    out = tmp_path / "pred"
    assert main(["predict", str(fc_dir), "--out", str(out)]) == 0
    before = held_files(out)
    read_only(out / "forecast.png")
    capsys.readouterr()
    assert main(["predict", str(fc_dir), "--out", str(out), "--horizon", "1"]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds forecast.png, {read_only_said}\n"
    )
    assert held_files(out) == before


# each 1,5 split into two fields: a row wider than the header (revfc33: a file of whole
# numbers, as wide as its header, splits nothing and is read)
SPLIT = "month,y\n2020-01-01,1,5\n2020-02-01,2,5\n2020-03-01,3,5\n2020-04-01,4,5\n"
SPLIT_TOLD = (
    "line 2 of {csv} has more fields (3) than its header (2): an unquoted decimal mark that is "
    "the separator splits its number into two fields (1,5 read as 1 and 5); pass the file's "
    "separator {as_sep} (';' for many European spreadsheets), or quote each value that holds "
    'the mark ("1,5").'
)


@pytest.mark.parametrize("given", [{"sep": ",", "decimal": ","}, {"decimal": ","}])
def test_g_read_csv_refuses_one_mark_for_sep_and_decimal(tmp_path, given):
    # each 1,5 was split into two fields: the dates read as the index, y as 5, without a word
    csv = tmp_path / "split.csv"
    csv.write_text(SPLIT)
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "month", "y", **given)
    assert str(err.value) == "`sep` and `decimal` are both ',', and " + SPLIT_TOLD.format(
        csv=repr(str(csv)), as_sep="as `sep`"
    )
    # a quoted decimal comma in a comma-separated file is read, as before
    csv.write_text('month,y\n2020-01-01,"1,5"\n2020-02-01,2\n2020-03-01,"3,25"\n')
    assert D.read_csv(csv, "month", "y", **given)["y"].tolist() == [1.5, 2.0, 3.25]


def test_g_the_command_line_refuses_decimal_comma_beside_the_default_sep(tmp_path, capsys):
    csv = tmp_path / "split.csv"
    csv.write_text(SPLIT)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y"]
    argv += ["--decimal", ",", "--out", str(tmp_path / "run")]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --sep and --decimal are both ',' (',' is --sep's default), and "
        + SPLIT_TOLD.format(csv=repr(str(csv)), as_sep="with --sep")
        + "\n"
    )
    assert not (tmp_path / "run").exists()


def test_h_read_csv_of_a_folder_says_it_is_one(tmp_path):
    with pytest.raises(IsADirectoryError) as err:
        D.read_csv(tmp_path, "month", "y")
    assert str(err.value) == f"`path` must be a CSV file, got the folder {str(tmp_path)!r}."
    (tmp_path / "notes.txt").write_text("x\n")
    (tmp_path / "sales.csv").write_text(SPLIT)
    with pytest.raises(IsADirectoryError) as err:
        D.read_csv(tmp_path, "month", "y")
    assert str(err.value) == (
        f"`path` must be a CSV file, got the folder {str(tmp_path)!r}; it holds sales.csv: "
        f"pass {str(tmp_path / 'sales.csv')!r}."
    )
    (tmp_path / "older.csv.gz").write_bytes(gzip.compress(SPLIT.encode()))
    with pytest.raises(IsADirectoryError) as err:
        D.read_csv(tmp_path, "month", "y")
    assert str(err.value) == (
        f"`path` must be a CSV file, got the folder {str(tmp_path)!r}; it holds 2 CSV files: "
        f"pass one, e.g. {str(tmp_path / 'older.csv.gz')!r}."
    )


def test_h_vocabulary_load_of_a_folder_names_its_vocab_json(tmp_path):
    from lstmkit.text import Vocabulary

    with pytest.raises(IsADirectoryError) as err:
        Vocabulary.load(tmp_path)
    assert str(err.value) == (
        f"`path` must be a vocabulary file, got the folder {str(tmp_path)!r}."
    )
    Vocabulary(["film", "good"]).save(tmp_path / "vocab.json")
    with pytest.raises(IsADirectoryError) as err:
        Vocabulary.load(tmp_path)
    assert str(err.value) == (
        f"`path` must be a vocabulary file, got the folder {str(tmp_path)!r}; it holds "
        f"vocab.json: pass {str(tmp_path / 'vocab.json')!r}."
    )
    assert Vocabulary.load(tmp_path / "vocab.json").itos[2:] == ["film", "good"]
