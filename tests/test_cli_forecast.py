import contextlib
import errno
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster
from lstmkit.train import DivergedError

FAST = ["--epochs", "3", "--ensemble", "1", "--no-stat-baselines"]


def test_run_json_holds_the_command_that_runs_it_again(tmp_path, capsys, monkeypatch):
    # run.json had the dataset's name only: for --csv, neither the file nor its columns, the
    # date format or the fill, so what was recorded could not rerun the run
    csv = tmp_path / "sales.csv"
    days = pd.date_range("2024-01-01", periods=60, freq="D")
    values = 50 + 10 * np.sin(np.arange(60) * 2 * np.pi / 7) + np.arange(60) % 5
    table = pd.DataFrame({"day": days.strftime("%d/%m/%Y"), "sales": values})
    table.to_csv(csv, index=False)
    monkeypatch.chdir(tmp_path)
    from matplotlib.figure import Figure

    # drawing the figures is most of the time, and they play no part here
    monkeypatch.setattr(Figure, "savefig", lambda self, path, **kwargs: Path(path).touch())
    flags = ["--csv", "sales.csv", "--date-col", "day", "--value-col", "sales"]
    flags += ["--date-format", "%d/%m/%Y", "--horizon", "7", "--hidden-size", "4", *FAST]
    assert main(["forecast", *flags, "--out", "first run", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    run = json.loads((tmp_path / "first run" / "run.json").read_text())
    assert (
        run["command"]
        == first["command"]
        == (
            "lstmkit forecast --csv sales.csv --date-col day --value-col sales --date-format "
            "%d/%m/%Y --horizon 7 --hidden-size 4 --epochs 3 --ensemble 1 --no-stat-baselines "
            "--out 'first run' --json"
        )
    )
    shutil.move(tmp_path / "first run", tmp_path / "kept")
    assert main(shlex.split(run["command"])[1:]) == 0  # run again, from what was recorded
    again = tmp_path / "first run"
    for name in ("forecast.csv", "model/model.safetensors"):
        assert (again / name).read_bytes() == (tmp_path / "kept" / name).read_bytes()


def test_datasets_lists_all_bundled_series(capsys):
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    assert "airline" in out and "1949-01 … 1960-12" in out and "car_sales" in out


def test_forecast_airline_table_files_and_json(tmp_path, capsys):
    out_dir = tmp_path / "run"
    assert main(["forecast", "airline", "--horizon", "6", *FAST, "--out", str(out_dir)]) == 0
    text = capsys.readouterr().out
    assert "seasonal_naive" in text and "RMSE" in text and "skipped baselines" in text
    assert "\nforecast (80% interval):\ntimestamp " in text
    assert f"(model/ was fitted without the 6 held-out points, so `lstmkit predict {out_dir}`" in (
        text
    )
    assert {p.name for p in out_dir.iterdir()} == {
        "forecast.csv",
        "forecast.png",
        "training.png",
        "run.json",
        "model",
    }
    assert (out_dir / "training.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    csv = pd.read_csv(out_dir / "forecast.csv")
    assert list(csv.columns) == ["timestamp", "forecast", "lower", "upper", "y_true"]
    assert csv["y_true"].tolist() == load_dataset("airline").iloc[-6:].tolist()
    assert (out_dir / "forecast.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    run = json.loads((out_dir / "run.json").read_text())
    assert run["seed"] == 0 and set(run["versions"]) == {
        "lstmkit",
        "torch",
        "numpy",
        "pandas",
        "python",
    }
    saved = Forecaster.load(out_dir / "model")
    [member] = run["members"]  # --ensemble 1; the epochs counted from 1
    assert member == {
        "best_epoch": saved.history_[0].best_epoch + 1,
        "epochs_run": saved.history_[0].epochs_run,
        "best_val_loss": saved.history_[0].best_val_loss,
        "refit_epochs": saved.refit_history_[0].epochs_run,
    }
    assert member["epochs_run"] == 3 and 1 <= member["best_epoch"] <= 3

    assert run["config"]["refit"] is True and run["config"]["early_stopping"] is True

    argv = ["forecast", "airline", "--horizon", "6", *FAST, "--json", "--seed", "3", "--no-refit"]
    assert main([*argv, "--no-early-stopping", "--no-calendar"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["config"]["calendar"] is False
    assert obj["seed"] == 3 and obj["config"]["horizon"] == 6 and obj["config"]["refit"] is False
    assert obj["config"]["early_stopping"] is False
    assert obj["forecast"]["timestamp"][0] == "1960-07-01" and len(obj["forecast"]["forecast"]) == 6
    assert set(obj["metrics"]) == {"model", "naive", "seasonal_naive"}
    # seasonal naive on the last 6 months of 1960 against 1959: an exact golden number
    y = load_dataset("airline").to_numpy()
    expected = float(((y[-6:] - y[-18:-12]) ** 2).mean() ** 0.5)
    assert obj["metrics"]["seasonal_naive"]["rmse"] == pytest.approx(expected)
    # the coverage beside its nominal level, as the backtest's summary has them
    lower, upper = (np.array(obj["forecast"][k]) for k in ("lower", "upper"))
    inside = ((y[-6:] >= lower) & (y[-6:] <= upper)).mean()
    assert obj["metrics"]["model"]["coverage"] == inside
    assert obj["metrics"]["model"]["nominal"] == 0.8


def test_forecast_csv_defaults_to_one_season_of_its_frequency(tmp_path, capsys):
    # A daily CSV was forecast and held out 12 days ahead, an hourly one 12 hours.
    days = pd.date_range("2023-01-02", periods=150, freq="D")
    y = 100 + 20 * (days.day_of_week >= 5) + np.arange(150) / 10
    csv = tmp_path / "daily.csv"
    pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "sales": y}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales", *FAST]
    assert main([*argv, "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["config"]["horizon"] == 7 and obj["holdout"] == 7
    assert obj["forecast"]["timestamp"] == [f"2023-05-{d}" for d in range(25, 32)]
    # seasonal naive on the last week against the week before: an exact golden number
    expected = float(np.sqrt(np.mean((y[-7:] - y[-14:-7]) ** 2)))
    assert obj["metrics"]["seasonal_naive"]["rmse"] == pytest.approx(expected)
    assert main([*argv, "--json", "--horizon", "3"]) == 0
    assert json.loads(capsys.readouterr().out)["holdout"] == 3


def test_tables_of_a_tiny_series_print_its_digits(tmp_path, capsys):
    # with two decimals, a series of 1e-10 printed RMSE 0.00 and a forecast of 0.00 everywhere
    # (and one of 1e300 numbers of 300 digits); the percentages and MASE keep theirs
    months = pd.date_range("2000-01-01", periods=40, freq="MS")
    y = (100 + 10 * np.sin(np.arange(40) * np.pi / 6) + np.arange(40)) * 1e-10
    csv = tmp_path / "tiny.csv"
    pd.DataFrame({"month": months.strftime("%Y-%m-%d"), "y": y}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y", *FAST]
    assert (
        main([*argv, "--horizon", "3", "--lookback", "12", "--hidden-size", "4", "--no-refit"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    naive = next(line for line in lines if line.startswith("seasonal_naive "))
    assert naive.split() == ["seasonal_naive", "1.200e-09", "1.200e-09", "8.23", "8.58", "1.000"]
    last = lines[lines.index("forecast (80% interval):") + 5].split()
    assert last[0] == "2003-04-01" and all(re.fullmatch(r"1\.\d{3}e-08", v) for v in last[1:])


def test_tables_of_numbers_below_one_keep_three_significant_digits(capsys):
    # two decimals from 0.01 up printed an RMSE of 0.012 as 0.01 and a forecast of 0.0123 as
    # 0.01; numbers from 1 up keep two decimals (the bundled series' tables are unchanged)
    from lstmkit.cli._forecast_run import _metric_rows, _print_forecast

    scores = {"rmse": 0.012, "mae": 0.0034, "mape": 12.345, "smape": 11.0, "mase": 0.5}
    assert _metric_rows({"model": scores}) == [
        ("model", "0.0120", "0.0034", "12.35", "11.00", "0.500")
    ]
    assert _metric_rows({"model": {**scores, "rmse": 0.5}})[0][1:3] == ("0.500", "0.003")
    assert _metric_rows({"model": {**scores, "rmse": 1.5}})[0][1:3] == ("1.50", "0.00")
    _print_forecast(
        {"timestamp": ["2000-01-01"], "forecast": [0.0123], "lower": [0.011], "upper": [None]}
    )
    assert capsys.readouterr().out.splitlines()[-1].split() == ["2000-01-01", "0.0123", "0.0110"]


def test_a_forecast_without_an_interval_prints_no_empty_interval_columns(capsys):
    # --interval 0 printed "lower" and "upper" headers over empty cells
    from lstmkit.cli._forecast_run import _print_forecast

    stamps = ["2000-01-01", "2000-02-01"]
    _print_forecast(
        {
            "timestamp": stamps,
            "forecast": [396.33, 381.5],
            "lower": [None, None],
            "upper": [None, None],
        }
    )
    assert [line.split() for line in capsys.readouterr().out.splitlines()] == [
        ["timestamp", "forecast"],
        ["----------", "--------"],
        ["2000-01-01", "396.33"],
        ["2000-02-01", "381.50"],
    ]


def test_minute_csv_forecasts_a_day_or_says_what_season_to_pass(tmp_path, capsys):
    # Half-hourly data had no season: 12 steps (six hours) ahead, seasonal naive = naive.
    stamps = pd.date_range("2024-01-01", periods=400, freq="30min")
    hour = stamps.hour + stamps.minute / 60
    y = 50 + 10 * np.sin(2 * np.pi * hour / 24) + np.arange(400) / 100
    csv = tmp_path / "halfhours.csv"
    pd.DataFrame({"ts": stamps.strftime("%Y-%m-%d %H:%M"), "load": y}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "ts", "--value-col", "load", *FAST]
    assert main([*argv, "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["season_length"] == 48 and obj["config"]["horizon"] == 48 and obj["holdout"] == 48
    assert obj["forecast"]["timestamp"][0] == "2024-01-08T08:00:00"
    expected = float(np.sqrt(np.mean((y[-48:] - y[-96:-48]) ** 2)))  # yesterday, same time
    assert obj["metrics"]["seasonal_naive"]["rmse"] == pytest.approx(expected)
    # Five-minute steps keep no default season (a three-day look-back is 864 steps); the note
    # says what to pass.
    fives = pd.date_range("2024-01-01", periods=200, freq="5min")
    pd.DataFrame({"ts": fives.strftime("%Y-%m-%d %H:%M"), "load": y[:200]}).to_csv(csv, index=False)
    assert main([*argv, "--horizon", "6"]) == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        "note: no seasonal period is known for the frequency '5min', so the model has no season "
        "and seasonal naive is naive; pass --season-length (e.g. 288, the steps in a day, with a "
        "--lookback: the default is one to three seasons) if the series has a cycle."
    )
    # seconds: a day of them is no season to suggest (it suggested 2,880 steps of 30 seconds)
    seconds = pd.date_range("2024-01-01", periods=200, freq="30s")
    pd.DataFrame({"ts": seconds.strftime("%Y-%m-%d %H:%M:%S"), "load": y[:200]}).to_csv(
        csv, index=False
    )
    assert main([*argv, "--horizon", "6"]) == 0
    assert "pass --season-length (e.g. the steps in one cycle) if" in capsys.readouterr().err


def test_a_csv_pandas_wrote_with_an_unnamed_index_needs_no_date_col(tmp_path, capsys):
    months = pd.date_range("2018-01-01", periods=60, freq="MS")
    csv = tmp_path / "sales.csv"
    pd.Series(100 + np.arange(60.0), index=months, name="sales").to_csv(csv)
    assert csv.read_text().startswith(",sales\n2018-01-01,")  # the header cell is empty
    assert main(["forecast", "--csv", str(csv)]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv needs --value-col ({str(csv)!r} has the columns (unnamed), sales).\n"
    )
    argv = ["forecast", "--csv", str(csv), "--value-col", "sales", *FAST, "--json"]
    assert main(argv) == 0  # was: "--csv needs --date-col"
    obj = json.loads(capsys.readouterr().out)
    assert obj["n"] == 60 and obj["forecast"]["timestamp"][0] == "2022-01-01"
    assert main([*argv, "--date-col", "Unnamed: 0"]) == 0  # pandas' own name still reads it
    assert json.loads(capsys.readouterr().out)["n"] == 60
    assert D.read_csv(csv, "", "sales")["sales"].iloc[-1] == 159.0


def test_row_numbers_in_an_unnamed_first_column_are_not_taken_for_the_dates(tmp_path, capsys):
    days = pd.date_range("2020-01-01", periods=60, freq="D").strftime("%Y-%m-%d")
    csv = tmp_path / "daily.csv"
    pd.DataFrame({"date": days, "value": 50 + np.arange(60.0)}).to_csv(csv)  # row numbers too
    assert csv.read_text().startswith(",date,value\n0,2020-01-01,")
    argv = ["forecast", "--csv", str(csv), "--value-col", "value", *FAST, "--json"]
    assert main(argv) == 2  # was: integer steps 48..59, the dates unread
    assert capsys.readouterr().err == (
        f"error: the first column of {str(csv)!r} has no name and holds integers (row numbers, as "
        "pandas' df.to_csv and R's write.csv write them), not dates; pass --date-col with the "
        "date column "
        f"({str(csv)!r} has the columns (unnamed), date, value), or --date-col '' to count the "
        "steps in that first column.\n"
    )
    assert main([*argv, "--date-col", "date"]) == 0
    assert json.loads(capsys.readouterr().out)["forecast"]["timestamp"][0] == "2020-02-23"
    assert main([*argv, "--date-col", ""]) == 0  # the row numbers, asked for
    assert json.loads(capsys.readouterr().out)["forecast"]["timestamp"][0] == "48"
    steps = tmp_path / "steps.csv"
    pd.Series(50 + np.arange(60.0), name="value").to_csv(steps)  # nothing else to read
    assert main(["forecast", "--csv", str(steps), "--value-col", "value", *FAST, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == 60


def test_where_forecasts_one_series_of_a_long_format_csv(tmp_path, capsys, undrawn_figures):
    months = pd.date_range("2018-01-01", periods=72, freq="MS")
    frames = [
        pd.DataFrame({"store": s, "month": months.strftime("%Y-%m-%d"), "sales": y})
        for s, y in (("A", 100 + np.arange(72.0)), ("B", 50 + 5 * np.sin(np.arange(72) / 2)))
    ]
    csv = tmp_path / "stores.csv"
    pd.concat(frames).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales", *FAST]
    assert main([*argv, "--json"]) == 2  # both stores' months at once
    assert "--where store=A" in capsys.readouterr().err
    out = tmp_path / "b"
    assert main([*argv, "--where", "store=B", "--json", "--out", str(out)]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["dataset"] == "stores (store=B)" and obj["n"] == 72
    y = frames[1]["sales"].to_numpy()
    expected = float(np.sqrt(np.mean((y[-12:] - y[-24:-12]) ** 2)))
    assert obj["metrics"]["seasonal_naive"]["rmse"] == pytest.approx(expected)
    # explain's default date column is the first one --where does not name
    assert main(["explain", str(out), "--csv", str(csv), "--where", "store=B", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["origin"].startswith("2023-12-01")
    for extra, message in [
        (
            ["--where", "store=A", "--where", "store=B"],
            "--where names the column 'store' twice; give each column once.",
        ),
        (
            ["--where", "month=2018-01-01"],
            "--where selects rows by columns other than the date and value columns, got "
            "'month', which is read as dates.",
        ),
        (
            ["--where", "store=C"],
            f"no row of {str(tmp_path / 'stores.csv')!r} has store='C' (--where); the column holds "
            "A, B.",
        ),
    ]:
        assert main([*argv, *extra]) == 2
        assert message in capsys.readouterr().err
    for bad in ("store", "=A"):
        with pytest.raises(SystemExit):
            main([*argv, "--where", bad])
        assert capsys.readouterr().err == (
            f"error: --where must be COL=VALUE, e.g. store=A, got {bad!r}.\n"
        )
    assert main(["forecast", "airline", "--where", "store=A", *FAST]) == 2
    assert capsys.readouterr().err == "error: --where applies only with --csv FILE.\n"


def test_series_col_forecasts_every_series_of_a_long_format_csv(tmp_path, capsys, undrawn_figures):
    months = pd.date_range("2018-01-01", periods=72, freq="MS")
    ys = {"A": 100 + np.arange(72.0), "B/2": 50 + 5 * np.sin(np.arange(72) / 2)}
    csv = tmp_path / "stores.csv"
    pd.concat(
        pd.DataFrame({"store": s, "month": months.strftime("%Y-%m-%d"), "sales": y})
        for s, y in ys.items()
    ).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales", *FAST]
    argv += ["--series-col", "store"]
    assert main([*argv, "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [obj["dataset"] for obj in lines] == ["stores (store=A)", "stores (store=B/2)"]
    expected = {  # seasonal naive on each store's last 12 months: exact golden numbers
        s: float(np.sqrt(np.mean((y[-12:] - y[-24:-12]) ** 2))) for s, y in ys.items()
    }
    for obj, s in zip(lines, ys, strict=True):
        assert obj["metrics"]["seasonal_naive"]["rmse"] == pytest.approx(expected[s])
    out = tmp_path / "runs"
    assert main([*argv, "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "2 series, one per value of 'store':" in text
    summary = pd.read_csv(out / "summary.csv")
    assert summary["store"].tolist() == ["A", "B/2"] and summary["n"].tolist() == [72, 72]
    assert summary["seasonal_naive_rmse"].tolist() == pytest.approx(list(expected.values()))
    wins = int((summary["model_rmse"] < summary["seasonal_naive_rmse"]).sum())
    assert f"the model beats seasonal naive on {wins} of 2 series (holdout RMSE)" in text
    assert (out / "A" / "model" / "config.json").is_file()  # each a forecast run's folder
    assert (out / "B_2" / "forecast.csv").is_file()
    assert main(["predict", str(out)]) == 2  # the parent of the runs: which one
    assert capsys.readouterr().err == (
        f"error: {str(out)!r} is not a saved lstmkit model (no config.json in it or in its "
        f"model/ subfolder); it holds the runs of `lstmkit forecast --series-col`, one folder "
        f"per series: give one of them, e.g. {str(out / 'A')!r}.\n"
    )
    assert main(["predict", str(out / "B_2"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["forecast"]["timestamp"][0] == "2023-01-01"
    # Every series is checked before any is fitted: a short one stops the run, nothing written.
    short = pd.read_csv(csv)
    short = short[(short["store"] == "A") | (short["month"] < "2019-09-01")]
    short.to_csv(csv, index=False)
    assert main([*argv, "--out", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err == (
        "error: series store=B/2: the series is too short: 20 points, where the holdout (12, by "
        "default --horizon) and at least --horizon (12) + 3 to fit on (the look-back and the "
        "windows to train and validate on) need at least 27; --horizon 3 fits it.\n"
    )
    assert not (tmp_path / "none").exists()
    for extra, message in [
        (["--where", "store=A"], "--series-col store is also in --where; name it in one of them."),
        (
            ["--series-col", "shop"],
            f"--series-col 'shop' is not a column of {str(csv)!r}; available "
            "columns: ['store', 'month', 'sales'].",
        ),
    ]:
        assert main([*argv, *extra]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"
    assert main(["forecast", "airline", "--series-col", "store", *FAST]) == 2
    assert capsys.readouterr().err == (
        "error: --series-col applies with --csv FILE (a file of several series).\n"
    )
    pd.DataFrame(
        {"store": ["a/b"] * 30 + ["a_b"] * 30, "month": list(months[:30]) * 2, "sales": 1.0}
    ).to_csv(csv, index=False)
    assert main([*argv, "--out", str(tmp_path / "clash")]) == 2
    assert capsys.readouterr().err == (
        "error: --series-col store: two series would share the folder 'a_b' under --out; "
        "rename one of them.\n"
    )
    # names that differ in case only share a folder on a case-insensitive disk; ".." is no
    # folder of --out (it was its parent)
    for pair, folder in ((["A", "a"], "A"), ([".", "_"], "_")):
        pd.DataFrame(
            {"store": [pair[0]] * 30 + [pair[1]] * 30, "month": list(months[:30]) * 2, "sales": 1.0}
        ).to_csv(csv, index=False)
        assert main([*argv, "--out", str(tmp_path / "clash")]) == 2
        assert f"would share the folder {folder!r} under --out" in capsys.readouterr().err
    # a single run's folder and a --series-col run's do not mix, either way
    assert main(["forecast", "airline", *FAST, "--out", str(tmp_path / "single")]) == 0
    capsys.readouterr()
    pd.concat(
        pd.DataFrame({"store": s, "month": months.strftime("%Y-%m-%d"), "sales": y})
        for s, y in ys.items()
    ).to_csv(csv, index=False)
    assert main([*argv, "--out", str(tmp_path / "single")]) == 2
    assert "holds a `lstmkit forecast` run (run.json, model/)" in capsys.readouterr().err
    assert main(["forecast", "airline", *FAST, "--out", str(out)]) == 2
    assert "holds the runs of `lstmkit forecast --series-col` (summary.csv)" in (
        capsys.readouterr().err
    )


def test_series_col_reads_the_csv_once_and_equals_the_where_runs(tmp_path, capsys, monkeypatch):
    months = pd.date_range("2018-01-01", periods=72, freq="MS").strftime("%Y-%m-%d")
    ys = {
        s: 10 * (k + 1) + np.arange(72.0) + 3 * np.sin(np.arange(72)) for k, s in enumerate("ABC")
    }
    csv = tmp_path / "stores.csv"
    pd.concat(
        pd.DataFrame({"store": s, "month": months, "sales": y}) for s, y in ys.items()
    ).to_csv(csv, index=False)
    reads = []
    read_table = D._read_table

    def counted(path, *args, **kwargs):
        reads.append(Path(path).name)
        return read_table(path, *args, **kwargs)

    monkeypatch.setattr(D, "_read_table", counted)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales", *FAST]
    assert main([*argv, "--series-col", "store", "--json"]) == 0
    assert reads == ["stores.csv"]  # was: 4, once for the names and once per series
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for obj, s in zip(lines, ys, strict=True):
        assert main([*argv, "--where", f"store={s}", "--json"]) == 0
        alone = json.loads(capsys.readouterr().out)
        for key in ("dataset", "n", "lookback", "metrics", "forecast", "members"):
            assert obj[key] == alone[key]
        # which series, for a script to tell them apart without parsing `dataset`
        assert obj["where"] == alone["where"] == {"store": s}
        y = ys[s]
        assert obj["metrics"]["seasonal_naive"]["rmse"] == pytest.approx(
            float(np.sqrt(np.mean((y[-12:] - y[-24:-12]) ** 2)))
        )
    assert len(reads) == 1 + len(ys)  # each --where run reads the file once


def test_series_col_names_the_series_whose_fit_fails_and_its_rerun_cleans_up(
    tmp_path, capsys, monkeypatch, undrawn_figures
):
    months = pd.date_range("2018-01-01", periods=72, freq="MS").strftime("%Y-%m-%d")
    csv = tmp_path / "stores.csv"

    def write(stores):
        pd.concat(
            pd.DataFrame({"store": s, "month": months, "sales": 10 + k + np.arange(72.0)})
            for k, s in enumerate(stores)
        ).to_csv(csv, index=False)

    out = tmp_path / "runs"
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales", *FAST]
    argv += ["--series-col", "store", "--out", str(out), "--json"]
    fit = Forecaster.fit
    fails_on = []

    def fails(self, y, *rest, **kwargs):
        if y.iloc[0, 0] in fails_on:  # a store's first value: 10 + its position in the file
            raise DivergedError("the training loss became NaN; lower --lr.")
        return fit(self, y, *rest, **kwargs)

    monkeypatch.setattr(Forecaster, "fit", fails)
    write(["A", "B", "C"])
    fails_on[:] = [12.0]
    assert main(argv) == 2
    assert capsys.readouterr().err == (  # was: the bare message, naming no series
        "error: series store=C: the training loss became NaN; lower --lr. The series before "
        "it, A, B, were written to --out, and its summary.csv lists them alone.\n"
    )
    # was: no summary.csv, so a rerun could not tell A and B for lstmkit's runs
    assert pd.read_csv(out / "summary.csv")["store"].tolist() == ["A", "B"]
    assert sorted(p.name for p in out.iterdir()) == ["A", "B", "summary.csv"]
    write(["A"])
    fails_on[:] = []
    assert main(argv) == 0
    assert capsys.readouterr().err == (  # was: B left, as if a run of this one
        f"note: removed the runs of the series B from {str(out)!r}, which an earlier run wrote "
        "there (its summary.csv) and this one does not write again.\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["A", "summary.csv"]
    # A run that fails at once leaves no earlier run's series or table to pass for its own
    # (was: A's earlier run, with no summary.csv naming it); a file of one's own stays.
    (out / "A" / "notes.txt").write_text("mine")
    write(["A", "B"])
    fails_on[:] = [10.0]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: series store=A: the training loss became NaN; lower --lr.\n"
    )
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["A", "A/notes.txt"]


def test_series_col_rerun_removes_the_runs_of_series_it_no_longer_has(
    tmp_path, capsys, undrawn_figures
):
    months = pd.date_range("2018-01-01", periods=72, freq="MS").strftime("%Y-%m-%d")
    csv = tmp_path / "stores.csv"

    def write(stores):
        pd.concat(
            pd.DataFrame({"store": s, "month": months, "sales": 10 + k + np.arange(72.0)})
            for k, s in enumerate(stores)
        ).to_csv(csv, index=False)

    out = tmp_path / "runs"
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales", *FAST]
    argv += ["--series-col", "store", "--out", str(out)]
    write(["A", "B/1", "C"])
    assert main(argv) == 0
    assert sorted(p.name for p in out.iterdir()) == ["A", "B_1", "C", "summary.csv"]
    capsys.readouterr()
    # what lstmkit did not write stays: a file and folders of one's own, a file in a run's
    # folder, and a run's folder summary.csv does not name
    (out / "notes.txt").write_text("mine")
    (out / "mine").mkdir()
    (out / "mine" / "run.json").write_text("{}")
    (out / "C" / "notes.txt").write_text("mine too")
    write(["A"])
    assert main(argv) == 0
    assert capsys.readouterr().err == (  # was: B_1 and C left, as if runs of this one
        f"note: removed the runs of the series B_1, C from {str(out)!r}, which an earlier run "
        "wrote there (its summary.csv) and this one does not write again (C kept the files "
        "lstmkit did not write).\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["A", "C", "mine", "notes.txt", "summary.csv"]
    assert [p.name for p in (out / "C").iterdir()] == ["notes.txt"]
    assert (out / "mine" / "run.json").read_text() == "{}"
    assert (out / "notes.txt").read_text() == "mine"
    assert pd.read_csv(out / "summary.csv")["store"].tolist() == ["A"]
    assert (out / "A" / "model" / "config.json").is_file()
    assert main(argv) == 0  # the same series again: nothing to remove, nothing said
    assert capsys.readouterr().err == ""


def test_a_holdout_longer_than_the_default_horizon_says_where_the_horizon_came_from(
    tmp_path, capsys
):
    days = pd.date_range("2023-01-02", periods=60, freq="D")
    csv = tmp_path / "daily.csv"
    pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "y": np.arange(60.0) + 1}).to_csv(
        csv, index=False
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "y"]
    assert main([*argv, "--holdout", "10"]) == 2
    assert capsys.readouterr().err == (
        "error: --holdout (10) must not exceed --horizon (7, by default from the data's "
        "frequency): the held-out points are scored against one forecast from the origin; "
        "pass a longer --horizon with it.\n"
    )
    assert main([*argv, "--holdout", "10", "--horizon", "8"]) == 2
    assert "--holdout (10) must not exceed --horizon (8): " in capsys.readouterr().err


def test_forecast_season_length_batch_size_and_patience_flags(capsys):
    argv = ["forecast", "airline", "--horizon", "6", *FAST, "--json"]
    extra = ["--season-length", "6", "--batch-size", "8", "--patience", "5", "--jobs", "2"]
    assert main([*argv, *extra, "--calendar", "season"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["config"]["calendar"] == "season"
    assert obj["season_length"] == 6 and obj["config"]["season_length"] == 6
    assert obj["config"]["jobs"] == 2  # one member: trained in this process all the same
    assert obj["config"]["batch_size"] == 8 and obj["config"]["patience"] == 5
    # the seasonal baselines use it too: seasonal naive repeats the last 6 months
    y = load_dataset("airline").to_numpy()
    expected = float(((y[-6:] - y[-12:-6]) ** 2).mean() ** 0.5)
    assert obj["metrics"]["seasonal_naive"]["rmse"] == pytest.approx(expected)


def test_more_jobs_than_members_is_a_note_not_an_error(capsys):
    # --jobs 3 --ensemble 2 was taken silently, though only 2 members can train at once.
    # Not refused: like joblib's n_jobs, it is how many may run at once (the same forecast).
    argv = ["forecast", "airline", "--horizon", "6", *FAST, "--jobs", "3"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == (
        "note: --jobs 3 is more than --ensemble 1: the one member trains in this process."
    )
    assert main([*argv, "--json"]) == 0  # quiet, as the other notes
    captured = capsys.readouterr()
    assert "--jobs" not in captured.err and json.loads(captured.out)["config"]["jobs"] == 3


def test_the_jobs_note_names_the_members_that_train_at_once(capsys):
    from lstmkit.cli import note_extra_jobs

    note_extra_jobs(3, 2)
    note_extra_jobs(2, 2)  # as many jobs as members: nothing to say
    note_extra_jobs(5, 4, quiet=True)
    note_extra_jobs(5, 3)
    assert capsys.readouterr().err == (
        "note: --jobs 3 is more than --ensemble 2: the 2 members train at once: one in this "
        "process, the other in a worker process.\n"
        "note: --jobs 5 is more than --ensemble 3: the 3 members train at once: one in this "
        "process, the other 2 each in a worker process.\n"
    )


def test_forecast_progress_flags(capsys):
    argv = ["forecast", "airline", "--horizon", "6", *FAST, "--json"]
    assert main([*argv, "--progress"]) == 0
    shown = capsys.readouterr()
    assert "fit" in shown.err and "member 1/1" in shown.err
    assert main([*argv, "--no-progress"]) == 0
    quiet = capsys.readouterr()
    assert quiet.err == ""
    # the bar goes to stderr only: stdout stays one JSON object, the same forecast either way
    assert json.loads(shown.out)["forecast"] == json.loads(quiet.out)["forecast"]
    assert json.loads(quiet.out)["config"]["progress"] is False
    assert json.loads(shown.out)["config"]["progress"] is True
    assert main(argv) == 0  # default: stderr is not a terminal under pytest, so no bar
    default = capsys.readouterr()
    assert default.err == ""
    assert json.loads(default.out)["config"]["progress"] is False  # resolved, not null


def test_forecast_csv_with_covariate_and_backtest(tmp_path, capsys):
    air = load_dataset("airline")
    path = tmp_path / "in.csv"
    pd.DataFrame(
        {"date": air.index.strftime("%Y-%m-%d"), "pax": air.to_numpy(), "t": range(144)}
    ).to_csv(path, index=False)
    args = ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "pax"]
    assert (
        main(
            [
                *args,
                "--covariate-cols",
                "t",
                "--horizon",
                "4",
                *FAST,
                "--backtest",
                "--backtest-origins",
                "2",
                "--json",
            ]
        )
        == 0
    )
    obj = json.loads(capsys.readouterr().out)
    assert obj["dataset"] == "in" and obj["backtest"]["model"]["rmse"] > 0
    assert 0.0 <= obj["backtest"]["model"]["coverage"] <= 1.0


def test_forecast_backtest_writes_its_table_and_plot(tmp_path, capsys, undrawn_figures_block):
    out = tmp_path / "run"
    argv = ["forecast", "airline", "--horizon", "6", *FAST, "--backtest", "--out", str(out)]
    assert main([*argv, "--backtest-origins", "2"]) == 0
    text = capsys.readouterr().out
    assert (
        "wrote forecast.csv, forecast.png, training.png, backtest.csv, backtest.png, run.json"
        in text
    )
    table = pd.read_csv(out / "backtest.csv")
    assert table["origin"].nunique() == 2 and len(table) == 12
    assert (out / "backtest.png").read_bytes()[:4] == b"\x89PNG"
    levels = json.loads((out / "run.json").read_text())["backtest_calibration"]
    assert [row["nominal"] for row in levels] == [0.5, 0.8, 0.9]
    inside = (table["y_true"] >= table["lower"]) & (table["y_true"] <= table["upper"])
    assert levels[1] == {"nominal": 0.8, "coverage": inside.mean(), "points": 12}
    assert f"interval coverage by nominal level: 50% → {levels[0]['coverage']:.0%}, 80% → " in (
        text
    )
    # a rerun without --backtest leaves no backtest of the earlier run behind (its own PNGs,
    # which nothing here reads, made empty: their drawing was a quarter of the test's time)
    with undrawn_figures_block():
        assert main(["forecast", "airline", "--horizon", "6", *FAST, "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "forecast.csv",
        "forecast.png",
        "model",
        "run.json",
        "training.png",
    ]


def _csv(tmp_path, text):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "extra", "message"),
    [
        ("d,v\n2020-01-01,1\n", ["--value-col", "x"], "--value-col 'x' is not a column"),
        (
            "d,v\n2020-01-01,1\nyesterday,2\n2020-03-01,3\n",
            [],
            "unparsable dates at row 3 ('yesterday')",
        ),
        ("d,v\n2020-01-01,1\n2020-01-01,2\n2020-02-01,3\n", [], "duplicates"),
        ("d,v\n2020-01-01,1\n2020-02-01,2\n2020-04-01,3\n", [], "regularly spaced"),
        ("d,v\n2020-01-01,1\n2020-02-01,x\n2020-03-01,3\n", [], "non-numeric values"),
        ("d,v\n2020-01-01,1\n2020-02-01,\n2020-03-01,3\n", [], "NaN in column 'v' of '"),
        (
            "d,v\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n2020-04-01,4\n",
            ["--fill", "ffill"],
            "too short",
        ),
    ],
)
def test_bad_input_clear_error_and_nothing_written(tmp_path, capsys, text, extra, message):
    out_dir = tmp_path / "out"
    args = ["forecast", "--csv", str(_csv(tmp_path, text)), "--date-col", "d", "--value-col", "v"]
    assert main([*args, *extra, *FAST, "--out", str(out_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    if message.endswith(" of '"):  # the file named, then the row
        assert f"NaN in column 'v' of {str(tmp_path / 'bad.csv')!r} at 2020-02-01" in err
    assert not out_dir.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["forecast", "airline", "--horizon", "0"], "--horizon must be a positive integer, got 0"),
        (["forecast", "airline", "--horizon", "6", "--holdout", "12"], "must not exceed --horizon"),
        (["forecast"], "name a dataset"),
        (["forecast", "nope"], "unknown dataset 'nope'; the bundled ones are airline"),
        (
            ["forecast", "--csv", "missing.csv", "--date-col", "d", "--value-col", "v"],
            "error: --csv 'missing.csv' not found.",
        ),
        (
            ["forecast", "--csv", ".", "--date-col", "d", "--value-col", "v"],
            "error: --csv must be a CSV file, got the folder '.'.",
        ),
        # a file not there is said so before its column flags are asked for (inputs4)
        (["forecast", "--csv", "x.csv"], "error: --csv 'x.csv' not found."),
        (
            [
                "forecast",
                "--csv",
                "CSV",
                "--date-col",
                "d",
                "--value-col",
                "v",
                "--covariate-cols",
                "v",
            ],
            "--covariate-cols must name columns that no other flag names, got v, named by "
            "--value-col too.",
        ),
        (["forecast", "airline", "--epochs", "0"], "error: --epochs must be a positive integer"),
        (
            ["forecast", "airline", "--season-length", "0"],
            "error: --season-length must be a positive integer, got 0.\n",  # not "or None"
        ),
        (["forecast", "airline", "--val-size", "0"], "error: --val-size must be a positive"),
        (["forecast", "airline", "--dropout", "1"], "error: --dropout must be a number in [0, 1)"),
        (
            ["forecast", "airline", "--dropout", "0.2"],
            "error: --dropout (0.2) acts between stacked layers; with --num-layers 1 it would do "
            "nothing, so set --num-layers to 2 or more, or --dropout to 0.",
        ),
        (["forecast", "airline", "--lr", "-1"], "error: --lr must be a positive finite number"),
        (["forecast", "airline", "--weight-decay", "-1"], "error: --weight-decay must be a finite"),
        (
            ["forecast", "airline", "--seed", "-1"],
            "error: --seed must be an integer in [0, 9223372036854775803] with ensemble=5 "
            "(member k uses seed + k), got -1.",
        ),
        (
            ["forecast", "airline", "--seed", str(2**63), "--ensemble", "1"],
            "error: --seed must be an integer in [0, 9223372036854775807], got 9223372036854775808",
        ),
        (
            ["forecast", "airline", "--device", "meta"],
            "error: --device must name a torch device that computes ('cpu', 'cuda', 'cuda:1', "
            "'mps', ...), got 'meta'.",
        ),
        (
            ["forecast", "airline", "--device", "cuda", "--jobs", "2"],
            "error: --jobs > 1 trains the members in CPU processes; --device 'cuda' needs --jobs "
            "1, got 2.",
        ),
        pytest.param(
            ["forecast", "airline", "--device", "cuda"],
            "error: --device 'cuda' cannot be used here",
            marks=pytest.mark.skipif(torch.cuda.is_available(), reason="CPU-only refusal"),
        ),
    ],
)
def test_argument_errors(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_console_script_subprocess():
    exe = shutil.which("lstmkit") or str(Path(sys.executable).parent / "lstmkit")
    done = subprocess.run(
        [exe, "datasets"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0 and "car_sales" in done.stdout
    bad = subprocess.run(
        [exe, "forecast", "airline", "--horizon", "-1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (
        bad.returncode == 2 and "error: --horizon must be a positive integer, got -1" in bad.stderr
    )


# a file that ends before the training data on purpose: predict warns of it, which
# test_fc33_fixes.py pins
@pytest.mark.filterwarnings("ignore:.*before the model's training data:UserWarning")
def test_predict_with_a_saved_model_matches_the_forecast_and_the_library(tmp_path, capsys):
    run = tmp_path / "run"
    argv = ["forecast", "airline", "--horizon", "6", *FAST, "--holdout", "0", "--json"]
    assert main([*argv, "--out", str(run)]) == 0
    fitted = json.loads(capsys.readouterr().out)["forecast"]
    # From the end of the training data: the forecast `lstmkit forecast` printed, to the bit.
    assert main(["predict", str(run), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["forecast"] == fitted and again["origin"] == "1960-12-01"
    # From a newer series (the first 10 years, here, given as a CSV) with fewer steps.
    y = load_dataset("airline")
    csv = tmp_path / "older.csv"
    y[:120].rename_axis("month").rename("pax").to_csv(csv)
    out = tmp_path / "pred"
    args = ["predict", str(run / "model"), "--csv", str(csv), "--date-col", "month"]
    assert main([*args, "--value-col", "pax", "--horizon", "3", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    expected = Forecaster.load(run / "model").predict(3, series=y[:120])
    assert "forecast from 1958-12-01, horizon 3, 80% interval (model " in text
    table = pd.read_csv(out / "forecast.csv")
    assert table["timestamp"].tolist() == ["1959-01-01", "1959-02-01", "1959-03-01"]
    assert np.allclose(table["forecast"], expected["forecast"], rtol=1e-12)
    assert (out / "forecast.png").read_bytes()[:4] == b"\x89PNG"
    # Another coverage from the validation errors the model kept: Forecaster.predict(interval=).
    assert main(["predict", str(run), "--interval", "0.5", "--json"]) == 0
    half = json.loads(capsys.readouterr().out)
    narrow = Forecaster.load(run / "model").predict(interval=0.5)
    assert half["interval"] == 0.5 and again["interval"] == 0.8
    assert np.allclose(half["forecast"]["lower"], narrow["lower"], rtol=1e-12)
    assert half["forecast"]["forecast"] == fitted["forecast"]
    assert all(h > f for h, f in zip(half["forecast"]["lower"], fitted["lower"], strict=True))
    # the coverage as asked, not rounded to a whole percent (0.625 read "62%")
    assert main(["predict", str(run), "--interval", "0.625"]) == 0
    assert ", horizon 6, 62.5% interval (model " in capsys.readouterr().out


@pytest.fixture(scope="module")
def airline_run(tmp_path_factory, undrawn_figures_block):
    """One `lstmkit forecast airline --horizon 6` run folder, for tests that only read it (its
    PNGs are empty: none of them reads a figure)."""
    run = tmp_path_factory.mktemp("airline") / "run"
    with contextlib.redirect_stdout(io.StringIO()), undrawn_figures_block():
        assert main(["forecast", "airline", "--horizon", "6", *FAST, "--out", str(run)]) == 0
    return run


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--horizon", "7"], "must be <= the fitted horizon (6)"),
        (
            ["--interval", "1"],
            "--interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, got "
            "1 (100 % is no interval: its bounds would be infinite; e.g. 0.99).",
        ),
        (["--horizon", "0"], "--horizon must be a positive integer, got 0"),
        (["car_sales", "--csv", "x.csv"], "either a dataset name or --csv"),
        (["--csv", "DAILY", "--date-col", "d", "--value-col", "v"], "frequency (MS), got D"),
        (
            ["--csv", "DAILY", "--date-col", "d", "--value-col", "v", "--covariate-cols", "w"],
            "error: the model was trained on 1 column (airline); --value-col and "
            "--covariate-cols give 2; give --value-col only (no --covariate-cols).\n",
        ),
        (["--device", "meta"], "--device must name a torch device that computes"),
        pytest.param(
            ["--device", "cuda"],
            "--device 'cuda' cannot be used here",
            marks=pytest.mark.skipif(torch.cuda.is_available(), reason="CPU-only refusal"),
        ),
    ],
)
def test_predict_errors_write_nothing(airline_run, tmp_path, capsys, extra, message):
    run = airline_run
    daily = _csv(tmp_path, "d,v,w\n" + "".join(f"2020-01-{k:02d},{k},1\n" for k in range(1, 29)))
    extra = [str(daily) if a == "DAILY" else a for a in extra]
    capsys.readouterr()
    out = tmp_path / "pred"
    assert main(["predict", str(run), *extra, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert not out.exists()
    assert main(["predict", str(tmp_path)]) == 2
    assert (
        "is not a saved lstmkit model (no config.json in it or in its model/ subfolder)"
        in capsys.readouterr().err
    )


def test_timestamps_are_dates_only_when_all_are_midnights():
    from lstmkit.cli._forecast_run import _stamps

    hours = pd.date_range("2024-01-20 22:00", periods=3, freq="h")
    assert _stamps(hours) == ["2024-01-20T22:00:00", "2024-01-20T23:00:00", "2024-01-21T00:00:00"]
    assert _stamps(pd.date_range("1960-01-01", periods=2, freq="MS")) == [
        "1960-01-01",
        "1960-02-01",
    ]
    assert _stamps(pd.RangeIndex(3, 5)) == ["3", "4"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--backtest", "--backtest-origins", "0"], "--backtest-origins must be between 1 and 9"),
        (
            ["--backtest", "--backtest-origins", "10"],
            "between 1 and 9 for this series, got 10. The origins are 12 steps apart, so the "
            "earliest of 10 origins would be fitted on only the first 24 points, too few: "
            "lookback (12) + "
            "horizon (12)",
        ),
        (["--backtest-origins", "2"], "--backtest-origins (2) applies to the backtest; add"),
        (["--interval", "-0.1"], "strictly between 0 and 1, e.g. 0.8, or 0 for none, got -0.1."),
        (["--interval", "1.5"], "strictly between 0 and 1, e.g. 0.8, or 0 for none, got 1.5."),
        (["--interval", "nan"], "strictly between 0 and 1, e.g. 0.8, or 0 for none, got nan."),
        (["--jobs", "0"], "error: --jobs must be a positive integer, got 0.\n"),
        (["--jobs", "-2", "--ensemble", "3"], "error: --jobs must be a positive integer, got -2."),
        (["--date-col", "d", "--fill", "ffill"], "--date-col, --fill apply only with --csv FILE"),
        (["--sep", ";", "--decimal", ","], "--sep, --decimal apply only with --csv FILE"),
        (["--horizon", "1000"], "144 points, where the holdout (1000, by default --horizon)"),
        (["--out", "FILE/sub"], "cannot be created: 'FILE' is a file"),
        (["--out", "FILE"], "--out must be a folder, got the existing file 'FILE'"),
    ],
)
def test_forecast_flag_errors_come_before_any_training(
    tmp_path, capsys, monkeypatch, argv, message
):
    import lstmkit.forecast

    def no_fit(*args, **kwargs):
        raise AssertionError("trained before the flags were checked")

    monkeypatch.setattr(lstmkit.forecast.Forecaster, "fit", no_fit)
    monkeypatch.chdir(tmp_path)
    Path("FILE").write_text("x")
    assert main(["forecast", "airline", *argv]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["FILE"]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            # (it said the look-back was too long, and to pass --lookback, which then got the
            # message below)
            [],
            "fitting on the 47 points before the holdout (13, by default --horizon): MASE and "
            "the seasonal naive baseline need more than one season (m=52) of training "
            "points, got 47; give a longer series, or --season-length 1 if it has no season.",
        ),
        (
            ["--lookback", "60"],
            "fitting on the 47 points before the holdout (13, by default --horizon): the series "
            "is too short: lookback (60) + horizon (13) + differencing (0) + validation windows "
            "(1) need at least 74 points, got 47.",
        ),
        (
            ["--lookback", "4"],
            "fitting on the 47 points before the holdout (13, by default --horizon): MASE and "
            "the seasonal naive baseline need more than one season (m=52) of training "
            "points, got 47; give a longer series, or --season-length 1 if it has no season.",
        ),
    ],
)
def test_a_series_shorter_than_its_season_is_refused_before_training(
    tmp_path, capsys, monkeypatch, flags, message
):
    import lstmkit.forecast

    def no_fit(*args, **kwargs):
        raise AssertionError("trained before the length was checked")

    monkeypatch.setattr(lstmkit.forecast.Forecaster, "fit", no_fit)
    weeks = pd.date_range("2015-01-04", periods=60, freq="W-SUN")
    csv = tmp_path / "weekly.csv"
    pd.DataFrame({"ts": weeks.strftime("%Y-%m-%d"), "y": 10 + np.arange(60.0) % 5}).to_csv(
        csv, index=False
    )
    args = ["forecast", "--csv", str(csv), "--date-col", "ts", "--value-col", "y", *flags]
    assert main(args) == 2
    assert capsys.readouterr().err == f"error: {message}\n"


def test_forecast_help_shows_the_defaults(capsys):
    with pytest.raises(SystemExit):
        main(["forecast", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for expected in [
        "steps to forecast (default: the fewest that cover the day of hourly and minute data, "
        "the week of daily, a quarter of weekly and the year of monthly data, at most a season: "
        "12 for monthly data, 24 half-monthly, 4 quarterly, 7 daily, 5 for business days, 24 "
        "hourly, 96 for 15-minute data, 3 for every 5 months, 4 for every 30 days; 13 for "
        "weekly and 6 for yearly data; 12 without a known season)",
        # the README's and ForecasterConfig's defaults for minute data, which --help left out
        "(default: from the frequency: 12 monthly, 24 half-monthly, 4 quarterly, 52 weekly, 7 "
        "daily, 5 business days (custom ones: their weekmask's days), 8 business hours (9 to 5), "
        "24 hourly, the day for minute steps of 15 or more that divide it (96 for 15-minute, 48 "
        "for 30-minute data); none for yearly data, minute steps of which whole days are more "
        "than 96 (5, 7 or 50 minutes), seconds or no dates; a multiple of a frequency counts its "
        "steps, 6 for every two months, one that is a whole number of a longer unit counts as it, "
        "7D and 5B as weekly, 3600s as hourly, and one that does not divide its season gets the "
        "fewest steps that span whole seasons, 12 for 10 hours (five days); e.g. 168 for a weekly "
        "cycle in hourly data)",
        "members (seeds) (default: 5)",
        "(default: 0.8)",
        "recurrent cell (default: lstm)",
        # "the default sizes" in its help once hid it
        "the only one that repeats a forecast bit for bit) (default: cpu)",
    ]:
        assert expected in text
    assert "(default: None)" not in text and "(default: False)" not in text


def test_predict_refuses_swapped_columns_and_a_non_positive_window(
    tmp_path, capsys, undrawn_figures
):
    y = load_dataset("airline")
    frame = pd.DataFrame({"month": y.index, "pax": y.to_numpy(), "x": np.arange(144.0)})
    csv = tmp_path / "data.csv"
    frame.to_csv(csv, index=False)
    run = tmp_path / "run"
    data = ["--csv", str(csv), "--date-col", "month"]
    fit = ["forecast", *data, "--value-col", "pax", "--covariate-cols", "x", "--horizon", "3"]
    assert main([*fit, *FAST, "--out", str(run)]) == 0
    capsys.readouterr()
    out = tmp_path / "pred"
    swapped = ["predict", str(run), *data, "--value-col", "x", "--covariate-cols", "pax"]
    assert main([*swapped, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "another order than the model's (pax, x): 'x' (trained as column 2, given as 1)" in err
    assert "give --value-col pax --covariate-cols x." in err
    frame.loc[140, "pax"] = 0.0
    frame.to_csv(csv, index=False)
    right = ["predict", str(run), *data, "--value-col", "pax", "--covariate-cols", "x"]
    assert main([*right, "--out", str(out), "--json"]) == 2
    assert "must be strictly positive in the last 36 points" in capsys.readouterr().err
    assert not out.exists()


def test_notes_for_undefined_metrics_and_an_interval_shorter_than_the_forecast(
    tmp_path, capsys, undrawn_figures
):
    # a 0 every January (in the holdout too), and the same every year: MAPE and MASE undefined
    values = [float(k % 12) for k in range(72)]
    dates = pd.date_range("2000-01-01", periods=72, freq="MS")
    csv = tmp_path / "zeros.csv"
    pd.DataFrame({"d": dates, "v": values}).to_csv(csv, index=False)
    assert main(["forecast", "--csv", str(csv), "--date-col", "d", "--value-col", "v", *FAST]) == 0
    out = capsys.readouterr().out
    assert "(nan: MAPE is undefined where the truth has a 0)" in out
    assert "(nan: MASE is undefined when the training series does not change at the" in out
    run = tmp_path / "run"
    fit = ["forecast", "airline", "--strategy", "seq2seq", "--horizon", "3", "--holdout", "0"]
    assert main([*fit, *FAST, "--out", str(run)]) == 0
    capsys.readouterr()
    assert main(["predict", str(run), "--horizon", "5"]) == 0
    out = capsys.readouterr().out
    assert "(the interval covers the first 3 steps, the horizon it was calibrated for" in out
    assert main(["predict", str(run), "--horizon", "3"]) == 0
    assert "the interval covers" not in capsys.readouterr().out
    assert main(["forecast", "airline", *FAST]) == 0
    assert "(nan:" not in capsys.readouterr().out


def test_fill_inserts_missing_months_and_says_so(tmp_path, capsys):
    y = load_dataset("airline")[:60].drop(index=[pd.Timestamp("1952-03-01")])
    csv = tmp_path / "gap.csv"
    y.rename_axis("month").rename("pax").to_csv(csv)
    args = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "pax", *FAST]
    assert main(args) == 2
    assert (
        "missing 1952-03-01; pass --fill ffill, bfill, interpolate or zero to insert"
        in capsys.readouterr().err
    )
    assert main([*args, "--fill", "interpolate", "--json"]) == 0
    captured = capsys.readouterr()
    assert f"note: {str(csv)!r} lacked 1 timestamp of its regular MS grid (2% of the 60 rows" in (
        captured.err
    )
    result = json.loads(captured.out)
    assert result["n"] == 60 and result["inserted_timestamps"] == 1


def test_windows_per_epoch_flag_takes_a_number_auto_or_all(capsys):
    for flag, expected in ((["--windows-per-epoch", "all"], None), ([], "auto")):
        assert main(["forecast", "airline", "--horizon", "6", *FAST, "--json", *flag]) == 0
        assert json.loads(capsys.readouterr().out)["config"]["windows_per_epoch"] == expected
    argv = ["forecast", "airline", "--horizon", "6", *FAST, "--json", "--windows-per-epoch", "32"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["config"]["windows_per_epoch"] == 32
    for bad in ("some", "0", "-5", "None"):
        with pytest.raises(SystemExit):
            main([*argv[:-1], bad])
        assert (
            f"--windows-per-epoch must be a positive integer, 'auto' or 'all', got {bad!r}."
            in capsys.readouterr().err
        )


@pytest.mark.filterwarnings("default")
def test_forecast_prints_a_warning_as_one_line(capsys):
    # 12 validation windows are too few for a 95 % split-conformal interval (19 needed)
    assert main(["forecast", "airline", "--horizon", "6", *FAST, "--interval", "0.95"]) == 0
    out, err = capsys.readouterr()
    assert "warning: the 95% split-conformal interval needs at least 19 validation errors" in err
    assert "UserWarning" not in err and "forecast.py" not in err
    # without --out, the last line says what --out would save
    assert out.endswith(
        "\n(--out DIR saves the plots forecast.png and training.png, the CSV and the model)\n"
    )


def test_fill_that_would_read_a_held_out_value_is_refused(tmp_path, capsys, monkeypatch):
    import lstmkit.forecast

    y = load_dataset("airline")[:96].rename_axis("month").rename("pax").to_frame()
    y.iloc[-13, 0] = np.nan  # 1955-12-01, the last point before the 12 held out
    csv = tmp_path / "gap.csv"
    y.to_csv(csv)
    args = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "pax", *FAST]

    def no_fit(*a, **k):
        raise AssertionError("trained before the fill was checked")

    with monkeypatch.context() as patch:
        patch.setattr(lstmkit.forecast.Forecaster, "fit", no_fit)
        for fill in ("interpolate", "bfill"):
            assert main([*args, "--fill", fill, "--out", str(tmp_path / "run")]) == 2
            assert capsys.readouterr().err == (
                f"error: --fill {fill} fills 1955-12-01, the last point before the holdout at "
                "1956-01-01, from 1956-01-01, a value after it: the model would train on what "
                "it is scored against. Use --fill ffill (or zero), which never looks ahead.\n"
            )
        assert not (tmp_path / "run").exists()
        # the backtest's origins are cutoffs too (horizon 6: origins 1956-07, -01, 1955-07)
        y2 = load_dataset("airline")[:96].rename_axis("month").rename("pax").to_frame()
        y2.iloc[-19, 0] = np.nan  # 1955-06-01, the last point before the origin 1955-07-01
        y2.to_csv(csv)
        argv = [*args, "--horizon", "6", "--backtest", "--fill", "interpolate"]
        assert main(argv) == 2
        assert "fills 1955-06-01, the last point before a backtest origin at 1955-07-01" in (
            capsys.readouterr().err
        )
    y.to_csv(csv)
    assert main([*args, "--fill", "ffill", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == 96
    # one point earlier the gap is filled from a training value: allowed
    y3 = load_dataset("airline")[:96].rename_axis("month").rename("pax").to_frame()
    y3.iloc[-14, 0] = np.nan
    y3.to_csv(csv)
    assert main([*args, "--fill", "interpolate", "--json"]) == 0
    capsys.readouterr()


def test_a_semicolon_csv_with_decimal_commas_reads_like_the_comma_one(tmp_path, capsys):
    y = load_dataset("airline")[:96] * 1000.5  # 112056.0 → "112.056,0"
    comma, semi = tmp_path / "comma.csv", tmp_path / "semi.csv"
    y.rename_axis("month").rename("pax").to_csv(comma)
    german = {ord(","): ".", ord("."): ","}  # 112,056.0 → 112.056,0
    rows = [f"{t:%d.%m.%Y};{f'{v:,.1f}'.translate(german)}\n" for t, v in y.items()]
    semi.write_text("month;pax\n" + "".join(rows))
    assert semi.read_text().splitlines()[1] == "01.01.1949;112.056,0"
    base = ["forecast", "--date-col", "month", "--value-col", "pax", *FAST, "--json"]
    assert main([*base, "--csv", str(comma)]) == 0
    expected = json.loads(capsys.readouterr().out)
    # without the flags: the columns are not found, and the message names --sep, and the
    # flags that read the file by it (leftfc36: each was told by a run of its own)
    assert main([*base, "--csv", str(semi)]) == 2
    assert (
        "the file looks ';'-separated; pass --sep ';' --date-format '%d.%m.%Y' --decimal ',' "
        "--thousands '.')"
    ) in capsys.readouterr().err
    fmt = ["--sep", ";", "--decimal", ",", "--thousands", ".", "--date-format", "%d.%m.%Y"]
    assert main([*base, "--csv", str(semi), *fmt]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["forecast"] == expected["forecast"] and got["n"] == 96
    # argparse refuses a separator longer than a character; 'tab' is one
    with pytest.raises(SystemExit):
        main([*base, "--csv", str(semi), "--sep", ";;"])
    assert capsys.readouterr().err == "error: --sep must be one character (or 'tab'), got ';;'.\n"
    assert main([*base, "--csv", str(semi), *fmt[:2], "--decimal", ".", "--thousands", "."]) == 2
    assert "error: --decimal and --thousands must differ, both are '.'." in (
        capsys.readouterr().err
    )


def test_fill_of_future_rows_is_refused_and_filled_scores_are_noted(tmp_path, capsys):
    y = load_dataset("airline")[:96].rename_axis("month").rename("pax").to_frame()
    future = pd.DataFrame(
        {"pax": np.nan}, index=pd.date_range("1957-01-01", periods=3, freq="MS", name="month")
    )
    csv = tmp_path / "future.csv"
    pd.concat([y, future]).to_csv(csv)
    args = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "pax", *FAST]
    # ffill would have scored the holdout against three copies of 1956-12's value
    assert main([*args, "--fill", "ffill", "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr().err.startswith(
        f"error: 'pax' (the target) of {str(csv)!r} has no value in its last 3 rows, "
        "1957-01-01, 1957-02-01, "
        "1957-03-01, after its last value at 1956-12-01: that is not a gap"
    )
    assert not (tmp_path / "run").exists()
    # a gap inside the holdout is filled, and the run says its score counts the filled value
    y.iloc[-3, 0] = np.nan  # 1956-10-01
    y.to_csv(csv)
    assert main([*args, "--fill", "interpolate", "--json"]) == 0
    assert (
        "note: --fill interpolate made up 1 of the 'pax' values the forecasts are scored "
        "against (1956-10-01); the scores count them as observed."
    ) in capsys.readouterr().err
    y.iloc[-3, 0] = 1.0
    y.iloc[-30, 0] = np.nan  # a training value: no note
    y.to_csv(csv)
    assert main([*args, "--fill", "interpolate", "--json"]) == 0
    assert "made up" not in capsys.readouterr().err


def test_backtest_table_says_why_a_mean_is_nan(tmp_path, capsys):
    y = load_dataset("airline")[:96].rename_axis("month").rename("pax").to_frame()
    y.iloc[-2, 0] = 0.0  # in the holdout and in the last backtest origin's truth
    csv = tmp_path / "zero.csv"
    y.to_csv(csv)
    args = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "pax"]
    assert main([*args, *FAST, "--horizon", "6", "--backtest", "--interval", "0"]) == 0
    out = capsys.readouterr().out
    assert "(nan: MAPE is undefined where the truth has a 0)\n" in out
    assert "(nan: MAPE is undefined where the truth has a 0 at some origin)\n" in out
    assert (
        "rolling-origin backtest (mean over 3 origins 6 steps apart, fitted at each):\n" in out
    )  # no interval: no coverage


def test_out_folder_that_cannot_hold_the_run_is_refused_before_training(tmp_path, capsys):
    out = tmp_path / "run"
    (out / "model").mkdir(parents=True)
    (out / "model" / "model.safetensors").mkdir()
    assert main(["forecast", "airline", *FAST, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --out ") and "named 'model.safetensors'" in err
    assert sorted(p.name for p in out.rglob("*")) == ["model", "model.safetensors"]
    with pytest.raises(SystemExit):
        main(["forecast", "airline", "--out", ""])
    assert capsys.readouterr().err == "error: --out must name a folder, got ''.\n"


def test_val_size_and_dropout_flags_reach_the_config(capsys):
    args = ["forecast", "airline", *FAST, "--val-size", "6", "--dropout", "0.25"]
    assert main([*args, "--num-layers", "2", "--json"]) == 0
    config = json.loads(capsys.readouterr().out)["config"]
    assert (config["val_size"], config["dropout"], config["num_layers"]) == (6, 0.25, 2)


def test_a_baseline_that_beats_the_model_is_named_under_the_table(capsys):
    from lstmkit.cli._forecast_run import _beaten

    nan = float("nan")
    table = {"model": {"rmse": 22.1}, "naive": {"rmse": 30.0}, "seasonal_naive": {"rmse": 13.25}}
    _beaten(table, "on the holdout")
    assert capsys.readouterr().out == (
        "(seasonal_naive beats the model on the holdout: RMSE 13.25 against 22.10)\n"
    )
    for quiet in (
        {"model": {"rmse": 14.0}, "naive": {"rmse": 50.7}, "AutoARIMA": {"rmse": nan}},
        {"model": {"rmse": nan}, "naive": {"rmse": 50.7}},
        {"model": {"rmse": 14.0}},
    ):
        _beaten(quiet, "over the backtest")
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("command", ["forecast", "predict"])
def test_csv_without_its_column_flags_lists_the_columns(tmp_path, capsys, command):
    path = tmp_path / "sales.csv"
    path.write_text("\ufeffmonth,sales,price\n2020-01-01,1,2\n", encoding="utf-8")
    (tmp_path / "config.json").write_text("{}")  # predict's model: refused before it is read
    model = [str(tmp_path)] if command == "predict" else []
    if command == "forecast":  # predict reads the model's columns by default (predict5)
        assert main([command, *model, "--csv", str(path)]) == 2
        assert capsys.readouterr().err == (
            f"error: --csv needs --date-col and --value-col ({str(path)!r} has the columns month, "
            "sales, price).\n"
        )
        assert main([command, *model, "--csv", str(path), "--value-col", "sales"]) == 2
        assert capsys.readouterr().err == (
            f"error: --csv needs --date-col ({str(path)!r} has the columns month, sales, price).\n"
        )
    # a file not there: said so first, with nothing to choose columns from (inputs4; the
    # flags were asked for, then it was said not found)
    nope = str(tmp_path / "nope.csv")
    assert main([command, *model, "--csv", nope]) == 2
    assert capsys.readouterr().err == f"error: --csv {nope!r} not found.\n"


def test_predict_says_which_columns_a_model_with_covariates_needs(
    tmp_path, capsys, undrawn_figures
):
    stamps = pd.date_range("2015-01-01", periods=48, freq="MS")
    rows = "".join(f"{t:%Y-%m-%d},{100 + k % 12 + k},{5 + k % 3}\n" for k, t in enumerate(stamps))
    path = _csv(tmp_path, "month,sales,price\n" + rows)
    run = tmp_path / "run"
    data = ["--csv", str(path), "--date-col", "month", "--value-col", "sales"]
    argv = ["forecast", *data, "--covariate-cols", "price", "--horizon", "3", *FAST]
    assert main([*argv, "--out", str(run)]) == 0
    capsys.readouterr()
    # the covariates by the model's names, as explain reads them (predict5: was refused)
    assert main(["predict", str(run), *data, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["forecast"]["forecast"]) == 3
    assert main(["predict", str(run), *data, "--covariate-cols", "price", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["forecast"]["forecast"]) == 3


def test_interval_in_percent_is_answered_with_the_fraction(tmp_path, capsys):
    assert main(["forecast", "airline", "--interval", "95"]) == 2
    assert capsys.readouterr().err == (
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        "got 95 (a fraction: 0.95 for 95 %).\n"
    )
    (tmp_path / "config.json").write_text("{}")  # refused before the model is read
    assert main(["predict", str(tmp_path), "--interval", "90"]) == 2
    assert capsys.readouterr().err == (
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        "got 90 (a fraction: 0.9 for 90 %).\n"
    )


def test_skipped_baselines_are_named_only_under_a_table(capsys):
    # --holdout 0 scores nothing: "skipped baselines: AutoARIMA, ..." named what was not missed
    argv = ["forecast", "airline", "--horizon", "3", *FAST, "--holdout", "0"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "skipped baselines" not in text and "RMSE" not in text
    assert text.splitlines()[2] == "forecast (80% interval):"
    assert main([*argv[:-1], "3"]) == 0
    assert "\nskipped baselines: AutoARIMA, AutoETS, AutoTheta (" in capsys.readouterr().out


def test_a_write_the_system_refuses_is_one_line(airline_run, tmp_path, capsys, file_size_limit):
    # a full disk (here: a file size limit) or a file without permission came as a traceback
    out = tmp_path / "p"
    with file_size_limit(100):
        assert main(["predict", str(airline_run), "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} cannot be written: {os.strerror(errno.EFBIG)}.\n"
    )


def test_a_tilde_the_shell_left_names_the_home_folder(
    airline_run, tmp_path, monkeypatch, capsys, undrawn_figures
):
    # --out=~/p (no expansion after '=') or a quoted '~/p' made a folder named '~' here
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "run").symlink_to(airline_run)
    monkeypatch.chdir(tmp_path)
    assert main(["predict", "~/run", "--out=~/p"]) == 0
    assert (tmp_path / "home" / "p" / "forecast.csv").is_file()
    assert not (tmp_path / "~").exists()


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_predict_names_a_model_whose_forecast_overflows(airline_run, tmp_path, capsys, edit_saved):
    # state.scale 1e12 (an edited config.json) overflowed exp() to inf, and printing the
    # forecast failed: "unsupported format string passed to NoneType.__format__"
    model = tmp_path / "m"
    shutil.copytree(airline_run / "model", model)
    with edit_saved(model) as saved:
        saved["state"]["scale"] = 1e12
    assert main(["predict", str(model)]) == 2
    # the step's time as --json writes it, and as lstmkit forecast's refusal does (it wrote
    # "1960-07-01 00:00:00")
    assert capsys.readouterr().err.endswith(
        f"error: the model in {str(model)!r} forecasts no finite number at 6 of the 6 steps "
        "(from 1960-07-01): its config.json (state.scale, state.loc) or its weights "
        "give values beyond the floating-point range.\n"
    )


def test_forecast_backtest_with_jobs_keeps_the_fits_workers_for_the_backtest(monkeypatch, capsys):
    # --backtest --jobs 2 started new worker processes for the fit and again for every origin
    # (each importing torch, seconds); now the fit's serve the backtest's fits and exit with it.
    import lstmkit._pool
    import lstmkit.forecast

    pools = []

    def in_this_process(
        fn, calls, jobs, on_done=None, name=None
    ):  # --jobs 2's path, without processes
        pools.append(lstmkit._pool._kept.get())
        return [fn(*call) for call in calls]

    monkeypatch.setattr(lstmkit.forecast, "run_in_processes", in_this_process)
    argv = ["forecast", "airline", "--horizon", "6", "--epochs", "1", "--no-stat-baselines"]
    argv += ["--ensemble", "2", "--jobs", "2", "--backtest", "--backtest-origins", "2", "--json"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["backtest"]["model"]["rmse"] > 0
    assert len(pools) == 3 and pools[0] is not None and all(p is pools[0] for p in pools)
    assert lstmkit._pool._kept.get() is None


def test_forecast_out_help_names_every_file_a_run_writes(tmp_path, capsys, monkeypatch):
    """--help's --out listed forecast.csv, forecast.png, training.png and run.json, not the
    model/ the README and the run's last line name (nor the backtest's files)."""
    from matplotlib.figure import Figure

    monkeypatch.setattr(Figure, "savefig", lambda self, path, **kwargs: Path(path).touch())
    assert main(["forecast", "airline", *FAST, "--out", str(tmp_path / "run")]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["forecast", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    written = sorted(p.name + "/" * p.is_dir() for p in (tmp_path / "run").iterdir())
    assert written == ["forecast.csv", "forecast.png", "model/", "run.json", "training.png"]
    assert (
        "--out DIR folder for forecast.csv, forecast.png, training.png, run.json and model/ "
        "(with --backtest also backtest.csv and backtest.png; with --series-col a folder per "
        "series and summary.csv)"
    ) in text


def test_a_compressed_csv_names_the_run_without_its_suffixes(tmp_path, capsys):
    # sales.csv.gz named the run (title line, --json, run.json) "sales.csv"
    months = pd.date_range("2000-01-01", periods=40, freq="MS")
    csv = tmp_path / "sales.csv.gz"
    y = 100 + 10 * np.sin(np.arange(40) * np.pi / 6)
    pd.DataFrame({"month": months.strftime("%Y-%m-%d"), "y": y}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y", *FAST]
    assert main([*argv, "--horizon", "3", "--lookback", "12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["dataset"] == "sales"


def test_a_csv_r_wrote_of_a_monthly_ts_forecasts_its_months(tmp_path, capsys):
    # write.csv(data.frame(time = time(AirPassengers), value = AirPassengers), "air.csv"), as
    # the README shows it: the decimal years were refused as unparsable dates
    air = load_dataset("airline")
    rows = [f'"{k + 1}",{1949 + k / 12:.15g},{v:g}' for k, v in enumerate(air)]
    csv = tmp_path / "air.csv"
    csv.write_text('"","time","value"\n' + "\n".join(rows) + "\n")
    assert csv.read_text().splitlines()[2] == '"2",1949.08333333333,118'
    argv = ["forecast", "--csv", str(csv), "--date-col", "time", "--value-col", "value"]
    assert main([*argv, *FAST, "--hidden-size", "4", "--no-refit", "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["n"] == 144 and obj["config"]["horizon"] == 12 and obj["holdout"] == 12
    # the holdout's forecast: the months of 1960
    assert obj["forecast"]["timestamp"] == [f"1960-{m:02d}-01" for m in range(1, 13)]
