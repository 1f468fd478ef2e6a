"""revex18: the review of ex18 (the README's example CSVs, `lstmkit datasets --example`).

A README `--csv` line pasted without the loop that writes its file said "file not found" alone;
the README's prose named `newer.csv` with columns the shipped `newer.csv` lacks and quoted
`predict runs/umsatz`'s note without the `--thousands '.'` it prints; `lstmkit datasets` never
named `--example`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import lstmkit
from lstmkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = Path(lstmkit.__file__).resolve().parent / "examples"
QUICK = ["--epochs", "1", "--ensemble", "1", "--no-progress"]


def _readme_prose() -> str:
    """The README without its fenced blocks, each inline code span on one line."""
    text = re.sub(r"```.*?```", "", (ROOT / "README.md").read_text("utf-8"), flags=re.S)
    return text


def _inline_commands() -> list[str]:
    return [" ".join(m.split()) for m in re.findall(r"`(lstmkit [^`]+)`", _readme_prose())]


@pytest.fixture(scope="module")
def saved_airline(tmp_path_factory) -> Path:
    """`lstmkit forecast airline --out runs/airline`, one epoch: the folder holding `airline`."""
    runs = tmp_path_factory.mktemp("runs")
    assert main(["forecast", "airline", "--out", str(runs / "airline"), *QUICK]) == 0
    return runs


@pytest.mark.parametrize(
    ("argv", "path", "command"),
    [
        (
            ["forecast", "--csv", "promo.csv", "--date-col", "day", "--value-col", "sales"],
            "'promo.csv'",
            "lstmkit datasets --example promo > promo.csv",
        ),
        (
            ["predict", "runs/airline", "--csv", "newer.csv"],
            "'newer.csv'",
            "lstmkit datasets --example newer > newer.csv",
        ),
        (
            ["explain", "runs/airline", "--csv", "data dir/umsatz_new.csv"],
            "'data dir/umsatz_new.csv'",
            "lstmkit datasets --example umsatz_new > 'data dir/umsatz_new.csv'",
        ),
    ],
    ids=["forecast", "predict", "explain"],
)
def test_a_missing_example_file_names_the_command_that_writes_it(
    argv, path, command, saved_airline, tmp_path, monkeypatch, capsys
) -> None:
    """A README line pasted without the loop said "--csv file not found: 'promo.csv'." alone."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data dir").mkdir()
    (tmp_path / "runs").symlink_to(saved_airline)
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --csv file not found: {path}; it is one of the README's example files: "
        f"`{command}` writes it.\n"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["forecast", "--csv", "sales.csv"], "error: --csv file not found: 'sales.csv'.\n"),
        # a folder that is not there: the command's `> no/promo.csv` would fail too
        (["forecast", "--csv", "no/promo.csv"], "error: --csv file not found: 'no/promo.csv'.\n"),
        (
            ["forecast", "--csv", "https://host/promo.csv"],
            "error: --csv must be a local file, got the URL 'https://host/promo.csv': lstmkit "
            "reads no network; download it first (e.g. curl -L -o data.csv "
            "https://host/promo.csv) and pass the file's name.\n",
        ),
    ],
    ids=["another-name", "no-folder", "url"],
)
def test_other_missing_files_are_told_as_before(argv, said, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert capsys.readouterr().err == said


def test_a_missing_labelled_text_file_is_no_example(tmp_path, monkeypatch, capsys) -> None:
    """The examples are series: `text train --csv promo.csv` is not told to write one."""
    monkeypatch.chdir(tmp_path)
    argv = ["text", "train", "--csv", "promo.csv", "--text-col", "t", "--label-col", "l"]
    assert main([*argv, "--out", "o"]) == 2
    assert capsys.readouterr().err == "error: --csv file not found: 'promo.csv'.\n"
