"""Fixes from the review of save2 (one rule for the folder a save overwrites, ``~`` in every
path, the upgrade hints, devices that hold no tensors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.data import read_csv

# a name no account has: the shell leaves ``~name`` as it is typed then
NO_USER = "~lstmkit-no-such-user"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A home folder of its own, and a working folder where a literal ``~`` would appear."""
    (tmp_path / "home").mkdir()
    (tmp_path / "work").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "home"


def test_a_file_named_with_a_leading_tilde_is_read_as_named(home):
    # "~data.csv" (as "~$report.csv", a spreadsheet's lock file) names no account: it raised
    # RuntimeError("Could not determine home directory.") once every path was expanded, where
    # the file in the working folder was read before, as the shell leaves it
    Path("~data.csv").write_text("d,y\n2020-01-01,2\n2020-01-02,3\n2020-01-03,4\n", "utf-8")
    assert read_csv("~data.csv", "d", "y")["y"].tolist() == [2, 3, 4]
    assert read_csv(Path("~data.csv"), "d", "y")["y"].tolist() == [2, 3, 4]
    # ~ alone and ~/ still name the home folder
    (home / "h.csv").write_text("d,y\n2020-01-01,5\n2020-01-02,6\n2020-01-03,7\n", "utf-8")
    assert read_csv("~/h.csv", "d", "y")["y"].tolist() == [5, 6, 7]


def test_the_cli_leaves_a_tilde_naming_no_account_as_typed(home, capsys):
    # the argparse type raised RuntimeError("Could not determine home directory."): a traceback
    assert main(["predict", f"{NO_USER}/m"]) == 2
    assert capsys.readouterr().err == f"error: model folder '{NO_USER}/m' does not exist.\n"


def test_lstmkit_forecast_says_a_model_folder_of_another_kind_would_be_deleted(tmp_path, capsys):
    # it said "would leave that model's files behind", but a run replaces model/ as a whole
    # (written_together): the classifier's vocab.json and weights would be deleted
    model = tmp_path / "run" / "model"
    model.mkdir(parents=True)
    (model / "config.json").write_text('{"kind": "classifier"}', encoding="utf-8")
    (model / "vocab.json").write_text("{}", encoding="utf-8")
    assert main(["forecast", "airline", "--out", str(tmp_path / "run"), "--epochs", "1"]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(model)!r} already holds a saved model of kind 'classifier'; saving a "
        "'lstmkit.Forecaster' model there would delete that model. Choose another folder or "
        "delete that one first"
        ", or pass --overwrite to replace it.\n"
    )
    assert sorted(p.name for p in model.iterdir()) == ["config.json", "vocab.json"]
