"""Command-line output leftovers (out25): `datasets --out` writes as the plots do (a read-only
file refused, a writable file in a read-only folder written in place), and `forecast --out`'s
refusal and `--overwrite` say that backtest.csv is deleted.
"""

from __future__ import annotations

import argparse
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
        assert main(["datasets", "--example", "promo", "--out", str(folder / "new.csv")]) == 2
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


def test_forecast_out_says_it_deletes_a_backtest_csv(tmp_path, capsys):
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
