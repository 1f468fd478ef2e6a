"""io12: command-line input plumbing, second round (predict's and explain's --csv read from a
pipe or standard input, forecast's flags refused before a pipe is read)."""

import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from lstmkit.cli import main

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="named pipes (mkfifo) are POSIX"),
    # no test here reads a figure: the PNGs its commands write are created empty, not drawn
    pytest.mark.usefixtures("undrawn_figures"),
]

_SALES = "month,sales\n" + "".join(
    f"{2010 + k // 12}-{k % 12 + 1:02d}-01,{100 + 3 * (k % 12) + k}\n" for k in range(48)
)
_FIT = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_FIT += ["--no-progress", "--interval", "0"]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``sales.csv`` and ``run/``, a forecast of it saved with ``--out``."""
    folder = tmp_path_factory.mktemp("io12")
    (folder / "sales.csv").write_text(_SALES)
    argv = ["forecast", "--csv", str(folder / "sales.csv"), "--date-col", "month"]
    assert main([*argv, "--value-col", "sales", *_FIT, "--out", str(folder / "run")]) == 0
    return folder


# -- 1. predict and explain read --csv from a pipe and from standard input, once -------------


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_predict_and_explain_read_csv_from_a_named_pipe_and_standard_input(
    command: str,
    run: Path,
    make_fifo,
    tmp_path: Path,
    copies: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `lstmkit predict RUN --csv <(cat new.csv)` said "--csv must be a CSV file, got
    # '/dev/fd/63', a pipe or a device, which is read only once; save the data to a file and
    # pass its name.", and `--csv -` "got '-': standard input is read only once"
    model = str(run / "run")
    flags = ["--json"] if command == "predict" else ["--json", "--no-progress"]
    capsys.readouterr()
    assert main([command, model, "--csv", str(run / "sales.csv"), *flags]) == 0
    by_name = json.loads(capsys.readouterr().out)
    fifo = tmp_path / "fifo"
    writer = make_fifo(fifo, _SALES.encode())
    assert main([command, model, "--csv", str(fifo), *flags]) == 0
    writer.join()
    piped = json.loads(capsys.readouterr().out)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(_SALES.encode())))
    assert main([command, model, "--csv", "-", *flags]) == 0
    stdin = json.loads(capsys.readouterr().out)
    assert list(copies.iterdir()) == []  # each copy is gone
    if command == "predict":
        assert (piped["data"], stdin["data"]) == (str(fifo), "<stdin>")
        assert piped["data_sha256"] == stdin["data_sha256"] == by_name["data_sha256"]
        assert piped["forecast"] == stdin["forecast"] == by_name["forecast"]
        assert len(piped["forecast"]["forecast"]) == 12
    else:
        assert (piped["csv"], stdin["csv"]) == (str(fifo), "<stdin>")
        assert piped["data_sha256"] == stdin["data_sha256"] == by_name["data_sha256"]
        assert piped["score"] == stdin["score"] == by_name["score"]
        assert piped["origin"] == "2013-12-01"
    # a refusal of the pipe's data leaves no copy either
    fifo.unlink()
    writer = make_fifo(fifo, _SALES.replace("sales", "units").encode())
    assert main([command, model, "--csv", str(fifo), "--value-col", "salez", *flags]) == 2
    writer.join()
    assert capsys.readouterr().err == (
        f"error: --value-col 'salez' is not a column of {str(fifo)!r}; available columns: "
        "['month', 'units'].\n"
    )
    assert list(copies.iterdir()) == []


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_predict_and_explain_refuse_flags_before_a_named_pipe_is_opened(
    command: str,
    run: Path,
    unopened,
    tmp_path: Path,
    copies: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("o").write_text("")
    model = [command, str(run / "run")]
    refusals = [
        (["--out", "o"], "--out must be a folder, got the existing file 'o'."),
        (
            ["--where", "a=b", "--where", "a=c"],
            "--where names the column 'a' twice; give each column once.",
        ),
        (
            ["--decimal", ",", "--thousands", ","],
            "--decimal and --thousands must differ, both are ','.",
        ),
        (
            ["--future-cols", "x"],
            f"--future-cols x: the model in {str(run / 'run' / 'model')!r} "
            "was fitted without future covariates.",
        ),
    ]
    if command == "predict":
        refusals.append((["--horizon", "0"], "--horizon must be a positive integer, got 0."))
    else:
        refusals.append(
            (
                ["--step", "12"],
                "--step must be in [0, 12) for this model (horizon 12; 0 is the "
                "next step), got 12.",
            )
        )
    for k, (flags, said) in enumerate(refusals):
        assert unopened([*model, "--csv", f"p{k}", *flags], Path(f"p{k}")) == 2
        assert capsys.readouterr().err == f"error: {said}\n"
    assert list(copies.iterdir()) == []


# -- 2. forecast --csv PIPE: the flags that need no data refused before the pipe is read ------


def test_forecast_refuses_flags_that_need_no_data_before_a_named_pipe_is_opened(
    run: Path,
    unopened,
    tmp_path: Path,
    copies: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # each waited for a writer, read the pipe, then refused a flag (its data spent)
    monkeypatch.chdir(tmp_path)
    model = str(run / "run" / "model")
    refusals = [
        (
            ["--decimal", ",", "--thousands", ","],
            "--decimal and --thousands must differ, both are ','.",
        ),
        (
            ["--where", "a=b", "--where", "a=c"],
            "--where names the column 'a' twice; give each column once.",
        ),
        (["--holdout", "-1"], "--holdout must be >= 0, got -1."),
        (
            ["--horizon", "3", "--holdout", "5"],
            "--holdout (5) must not exceed --horizon (3): the "
            "held-out points are scored against one forecast from the origin; pass a longer "
            "--horizon with it.",
        ),
        (
            ["--calendar", "all", "--no-calendar"],
            "--calendar all and --no-calendar contradict each other.",
        ),
        (
            ["--backtest", "--holdout", "0"],
            "--backtest needs --holdout > 0 (it evaluates on the held-out span).",
        ),
        (
            ["--out", model],
            f"--out {model!r} holds a saved model of kind 'lstmkit.Forecaster' (config.json); "
            "`lstmkit forecast` would mix its files with it. Choose another folder.",
        ),
        (
            ["--series-col", "x", "--where", "x=1"],
            "--series-col x is also in --where; name it in one of them.",
        ),
        (
            ["--series-col", "x", "--out", model],
            f"--out {model!r} holds a saved model of kind 'lstmkit.Forecaster' "
            "(config.json); `lstmkit forecast --series-col` would mix its files with it. Choose "
            "another folder.",
        ),
        (["--series-col", "x", "--holdout", "-2"], "--holdout must be >= 0, got -2."),
    ]
    for k, (flags, said) in enumerate(refusals):
        argv = ["forecast", "--csv", f"p{k}", "--date-col", "month", "--value-col", "sales"]
        assert unopened([*argv, *flags], Path(f"p{k}")) == 2
        assert capsys.readouterr().err == f"error: {said}\n"
    assert list(copies.iterdir()) == []
    assert not Path(model, "forecast.csv").exists()


# -- 3. run.json's filled_in_history writes times as the rest of run.json does --------------


def test_filled_in_history_writes_times_as_run_json_does_and_reads_the_older_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # they were str's "2024-01-03 06:00:00" beside the forecast's "2024-01-03T06:00:00"
    monkeypatch.chdir(tmp_path)
    rows = [
        f"{t},{k % 24 + k / 50:.2f}\n"
        for k, t in enumerate(pd.date_range("2024-01-01", periods=96, freq="h"))
        if k not in (90, 93)
    ]
    Path("hours.csv").write_text("time,load\n" + "".join(rows))
    argv = ["forecast", "--csv", "hours.csv", "--date-col", "time", "--value-col", "load"]
    argv += ["--fill", "ffill", "--holdout", "0", "--horizon", "3", "--lookback", "8", *_FIT]
    assert main([*argv, "--out", "run"]) == 0
    record = json.loads(Path("run/run.json").read_text())
    assert record["filled_in_history"] == {"load": ["2024-01-04T18:00:00", "2024-01-04T21:00:00"]}
    assert record["forecast"]["timestamp"][0] == "2024-01-05T00:00:00"
    capsys.readouterr()
    note = (
        "note: --fill ffill made up 2 of the explained window's values (load at "
        "2024-01-04 18:00:00, 2024-01-04 21:00:00); their relevance is that of the filled "
        "values.\n"
    )
    assert main(["explain", "run", "--no-progress"]) == 0
    assert capsys.readouterr().err == note
    # a run saved before: str's times, read as they were
    record["filled_in_history"] = {"load": ["2024-01-04 18:00:00", "2024-01-04 21:00:00"]}
    Path("run/run.json").write_text(json.dumps(record))
    assert main(["explain", "run", "--no-progress"]) == 0
    assert capsys.readouterr().err == note
