"""Command-line output leftovers (out25): `datasets --out` writes as the plots do (a read-only
file refused, a writable file in a read-only folder written in place), `forecast --out`'s
refusal and `--overwrite` say that backtest.csv is deleted, and a record (run.json,
prediction.json, relevance.json) marks a folder as lstmkit's only where lstmkit wrote it.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest

from lstmkit import _figures
from lstmkit._examples import example_text
from lstmkit.cli import build_parser, main

as_user = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes whatever the mode says"
)

STOPPED = "(yours or another program's, or left by a save of lstmkit's stopped before it wrote"


def _held(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


# -- 1. `lstmkit datasets --example NAME --out FILE` writes as a plot is written ---------------


def _read_only(file: Path) -> str:
    return (
        f"error: --out {str(file)!r} cannot be written: it is read-only (r--r--r--), and lstmkit "
        "does not replace a read-only file; make it writable (chmod u+w) or choose another path.\n"
    )


def test_datasets_out_refuses_a_read_only_file(tmp_path, monkeypatch, capsys):
    # renamed over from a temporary file, a CSV the user made read-only was replaced unsaid
    file = tmp_path / "promo.csv"
    file.write_bytes(b"mine")
    file.chmod(0o444)
    # as root, os.access says every file is writable: here it is asked as a user would be
    monkeypatch.setattr(_figures.os, "access", lambda path, mode: False)
    assert main(["datasets", "--example", "promo", "--out", str(file)]) == 2
    assert capsys.readouterr().err == _read_only(file)
    monkeypatch.undo()
    assert _held(tmp_path) == {"promo.csv": b"mine"}  # no temporary file or folder left


@as_user
def test_datasets_out_refuses_a_read_only_file_as_a_user(tmp_path, capsys):
    file = tmp_path / "promo.csv"
    file.write_bytes(b"mine")
    file.chmod(0o444)
    assert main(["datasets", "--example", "promo", "--out", str(file)]) == 2
    assert capsys.readouterr().err == _read_only(file)
    assert _held(tmp_path) == {"promo.csv": b"mine"}


def test_datasets_out_writes_a_file_in_a_folder_nothing_can_be_made_in(tmp_path, monkeypatch):
    # the temporary file could not be made there: "--out ... cannot be written: Permission
    # denied.", where `>` (and a plot) writes the file in place
    file = tmp_path / "promo.csv"
    file.write_bytes(b"old")
    real_open, real_mkdir = os.open, os.mkdir

    def refused(real):
        def call(path, *args, **kwargs):
            if os.path.basename(os.fspath(path)).startswith("."):  # a new entry's name
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "open", refused(real_open))
    monkeypatch.setattr(os, "mkdir", refused(real_mkdir))
    assert main(["datasets", "--example", "promo", "--out", str(file)]) == 0
    monkeypatch.undo()
    assert _held(tmp_path) == {"promo.csv": example_text("promo").encode("utf-8")}


@as_user
def test_datasets_out_writes_a_writable_file_in_a_read_only_folder(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    file = folder / "promo.csv"
    file.write_bytes(b"old")
    folder.chmod(0o555)
    try:
        assert main(["datasets", "--example", "promo", "--out", str(file)]) == 0
        assert _held(folder) == {"promo.csv": example_text("promo").encode("utf-8")}
        # a new file there cannot be made: the system's refusal, as before
        # the system's refusal: exit code 1 (it was 2)
        assert main(["datasets", "--example", "promo", "--out", str(folder / "new.csv")]) == 1
        assert capsys.readouterr().err == (
            f"error: --out {str(folder / 'new.csv')!r} cannot be written: Permission denied.\n"
        )
    finally:
        folder.chmod(0o755)


# -- 2. `lstmkit forecast --out DIR` says it deletes a backtest.csv it does not write --------------


def _forecast_refusal(out: Path, held: str, does: str, them: str) -> str:
    overwrite = "replace" if does == "overwrite" else does
    return (
        f"error: --out {str(out)!r} holds {held} but no run.json, so no forecast run {STOPPED} "
        f"run.json, which it writes last); `lstmkit forecast` would {does} {them}. Choose "
        f"another folder or delete {them} first, or pass --overwrite to {overwrite} {them}.\n"
    )


def test_forecast_out_says_it_deletes_a_backtest_csv(tmp_path, capsys, undrawn_figures):
    # a run without --backtest deleted the user's backtest.csv, where its refusal said
    # "would overwrite it ... pass --overwrite to replace it"
    out = tmp_path / "run"
    out.mkdir()
    (out / "backtest.csv").write_text("mine\n")
    argv = ["forecast", "airline", "--epochs", "1", "--out", str(out)]
    assert main(argv) == 2
    assert capsys.readouterr().err == _forecast_refusal(
        out, "backtest.csv", "overwrite or delete", "it"
    )
    assert _held(out) == {"backtest.csv": b"mine\n"}
    # with --backtest the run writes a backtest.csv over it: said as before
    assert main([*argv, "--backtest"]) == 2
    assert capsys.readouterr().err == _forecast_refusal(out, "backtest.csv", "overwrite", "it")
    assert main([*argv, "--overwrite"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "forecast.csv",
        "forecast.png",
        "model",
        "run.json",
        "training.png",
    ]


def test_forecast_overwrite_help_says_it_deletes():
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    forecast = commands.choices["forecast"]
    action = next(a for a in forecast._actions if "--overwrite" in a.option_strings)
    assert action.help == (
        "write the run's files into --out over files of their names that lstmkit did not mark "
        "as its own (a stopped run's, or yours), or over another kind of saved model, deleting "
        "those of them this run does not write (backtest.csv and backtest.png, without "
        "--backtest), instead of refusing the folder"
    )


# -- 3. a record marks a folder only where lstmkit wrote it ------------------------------------


@pytest.mark.parametrize(
    ("record", "why"),
    [
        (b'{"kind": "mine"}\n', "names no lstmkit version"),
        (b'{"versions": {"python": "3.11"}}', "names no lstmkit version"),
        (b'{"versions": {"lstmkit": 1}}', "names no lstmkit version"),
        (b"[1, 2]", "holds no JSON object"),
        (b"forecast for May", "is not JSON"),
        (b"\xff\xfe{}", "is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "is not JSON"),
    ],
)
def test_record_problem_says_why_a_record_is_none_of_lstmkits(tmp_path, record, why):
    from lstmkit.io import _record_problem

    file = tmp_path / "prediction.json"
    file.write_bytes(record)
    assert _record_problem(file) == why


def test_record_problem_takes_lstmkits_record(tmp_path):
    from lstmkit.io import _record_problem, versions

    file = tmp_path / "run.json"
    file.write_text(json.dumps({"versions": versions()}))
    assert _record_problem(file) is None


def test_predict_out_refuses_a_prediction_json_of_the_users(fc_dir, tmp_path, capsys):
    # the name alone marked the folder as a prediction's: the user's forecast.csv was
    # overwritten
    (tmp_path / "forecast.csv").write_text("my,data\n")
    (tmp_path / "prediction.json").write_text('{"month": "May"}')
    assert main(["predict", str(fc_dir), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds forecast.csv and prediction.json but no "
        "prediction.json that lstmkit wrote (its prediction.json names no lstmkit version), so "
        f"no prediction {STOPPED} prediction.json, which it writes last); `lstmkit predict` "
        "would overwrite them. Choose another folder or delete them first, or pass --overwrite "
        "to replace them.\n"
    )
    assert _held(tmp_path) == {"forecast.csv": b"my,data\n", "prediction.json": b'{"month": "May"}'}


def test_predict_out_rewrites_its_own_prediction(fc_dir, tmp_path, capsys, undrawn_figures):
    out = tmp_path / "pred"
    assert main(["predict", str(fc_dir), "--out", str(out), "--horizon", "1"]) == 0
    assert main(["predict", str(fc_dir), "--out", str(out), "--horizon", "2"]) == 0
    capsys.readouterr()
    assert json.loads((out / "prediction.json").read_text())["horizon"] == 2


def test_forecast_out_refuses_a_run_json_of_the_users(tmp_path, capsys):
    (tmp_path / "run.json").write_text("not json")
    (tmp_path / "training.png").write_bytes(b"my plot")
    assert main(["forecast", "airline", "--epochs", "1", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds run.json and training.png but no run.json that "
        f"lstmkit wrote (its run.json is not JSON), so no forecast run {STOPPED} run.json, "
        "which it writes last); `lstmkit forecast` would overwrite them. Choose another folder "
        "or delete them first, or pass --overwrite to replace them.\n"
    )
    assert _held(tmp_path) == {"run.json": b"not json", "training.png": b"my plot"}


def test_explain_out_refuses_a_relevance_json_of_the_users(clf_dir, tmp_path, capsys):
    # the name alone marked the folder as an explanation's: the user's relevance.csv was
    # deleted and their relevance.json overwritten
    (tmp_path / "relevance.csv").write_text("mine\n")
    (tmp_path / "relevance.json").write_text("[0.5, 0.25]")
    argv = ["explain", str(clf_dir), "--text", "film 1 was great", "--out", str(tmp_path)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds relevance.csv and relevance.json but no "
        "explanation.json or relevance.json that lstmkit wrote (its relevance.json holds no "
        f"JSON object), so no explanation {STOPPED} explanation.json or relevance.json, which "
        "it writes last); `lstmkit explain` would overwrite or delete them. Choose another "
        "folder or delete them first, or pass --overwrite to overwrite or delete them.\n"
    )
    assert _held(tmp_path) == {"relevance.csv": b"mine\n", "relevance.json": b"[0.5, 0.25]"}
    # lstmkit's own explanation is rewritten; a relevance.csv, which no record of lstmkit's
    # there lists, is the user's and stays (out26: it was deleted as an earlier run's)
    assert main([*argv, "--overwrite"]) == 0
    assert sorted(_held(tmp_path)) == ["explanation.html", "relevance.json", "relevance.png"]
    (tmp_path / "relevance.csv").write_text("mine again\n")
    assert main(argv) == 0
    assert sorted(_held(tmp_path)) == [
        "explanation.html",
        "relevance.csv",
        "relevance.json",
        "relevance.png",
    ]
    assert (tmp_path / "relevance.csv").read_text() == "mine again\n"


# -- 4. `forecast --series-col --out` reads its summary.csv and its series' run.json -----------


def test_series_out_refuses_a_summary_csv_of_the_users(stores, tmp_path, capsys, undrawn_figures):
    # the user's summary.csv was overwritten, and the run files of the series it named
    # deleted as an earlier run's (their run.json read by its name alone)
    out = tmp_path / "runs"
    (out / "Z").mkdir(parents=True)
    (out / "summary.csv").write_text("name,score\nZ,1\n")
    (out / "Z" / "run.json").write_text('{"mine": 1}')
    (out / "Z" / "forecast.csv").write_text("mine\n")
    assert main([*stores, "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds a summary.csv that is no `lstmkit forecast "
        "--series-col` run's (its first line is 'name,score', where lstmkit's starts with the "
        "series' column, n, holdout); `lstmkit forecast --series-col` would overwrite it. "
        "Choose another folder or delete that file first, or pass --overwrite to replace it.\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["Z", "summary.csv"]
    assert _held(out / "Z") == {"forecast.csv": b"mine\n", "run.json": b'{"mine": 1}'}
    # --overwrite replaces the table; the folder it names is no run of lstmkit's: kept whole
    assert main([*stores, "--out", str(out), "--overwrite"]) == 0
    assert _held(out / "Z") == {"forecast.csv": b"mine\n", "run.json": b'{"mine": 1}'}
    assert (out / "summary.csv").read_text().startswith("store,n,holdout,")


def test_series_out_removes_its_own_earlier_series_only(stores, tmp_path, capsys, undrawn_figures):
    from lstmkit.io import versions

    out = tmp_path / "runs"
    assert main([*stores, "--out", str(out)]) == 0
    # an earlier run's series Z (lstmkit's run.json) and Y (a run.json of the user's)
    summary = (out / "summary.csv").read_text()
    (out / "summary.csv").write_text(summary + "Z,1,2\nY,1,2\n")
    for name, record in (("Z", json.dumps({"versions": versions()})), ("Y", "{}")):
        (out / name).mkdir()
        (out / name / "run.json").write_text(record)
        (out / name / "forecast.csv").write_text("old\n")
    capsys.readouterr()
    assert main([*stores, "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["A", "B", "Y", "summary.csv"]
    assert _held(out / "Y") == {"forecast.csv": b"old\n", "run.json": b"{}"}


# -- 5. `lstmkit demo --plot` refuses a read-only file before it trains ---------------------------


def test_demo_plot_refuses_a_read_only_file_before_training(tmp_path, monkeypatch, capsys):
    # refused by the save after the training, exit code 1, where the README says "before it
    # trains"
    file = tmp_path / "gates.png"
    file.write_bytes(b"mine")
    file.chmod(0o444)
    monkeypatch.setattr(_figures.os, "access", lambda path, mode: False)
    assert main(["demo", "--plot", str(file)]) == 2
    captured = capsys.readouterr()
    monkeypatch.undo()
    assert (captured.out, captured.err) == (
        "",
        f"error: --plot {str(file)!r} cannot be written: it is read-only (r--r--r--), and "
        "lstmkit does not replace a read-only file; make it writable (chmod u+w) or choose "
        "another path.\n",
    )
    assert _held(tmp_path) == {"gates.png": b"mine"}
