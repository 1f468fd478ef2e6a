"""Review of the text commands' progress bars (``text predict``, ``explain``, ``text train
--csv``): what the command line prints while one of them is drawn."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from lstmkit.cli import main


def test_a_warning_while_the_read_bar_is_drawn_prints_above_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a header naming a column twice is warned about while `text train --csv` reads the file,
    # with its `read` bar drawn: the warning ran on from the end of the bar's line
    # ("read:   0%|   | 0/1 [00:00<?, ?file/s]warning: CSV file ..."), which stayed there
    words = ("good", "fine", "great", "bad", "dull")
    texts = [f"a {w} {n}{k}" for n in ("film", "show", "play") for k in ("", "!") for w in words]
    labels = ["pos", "pos", "pos", "neg", "neg"] * 5
    rows = "".join(f"{t},{y},x\n" for t, y in zip(texts[:25], labels, strict=True))
    data = tmp_path / "reviews.csv"
    data.write_text("text,label,text\n" + rows, encoding="utf-8")
    argv = ["text", "train", "--csv", str(data), "--text-col", "text", "--label-col", "label"]
    argv += ["--epochs", "1", "--embed-dim", "4", "--hidden-size", "4", "--json", "--progress"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # shown, as a first run shows it
        assert main([*argv, "--out", str(tmp_path / "model")]) == 0
    err = capsys.readouterr().err
    line = (
        f"warning: CSV file {str(data)!r} names the column 'text' twice in its header (columns "
        "1 and 3); they read as 'text', 'text.1', in that order, so 'text' is the first of them. "
        "Rename them in the file to be sure which one you ask for."
    )
    head, tail = err.split(line + "\n")
    first = head.split("\r")[1]
    assert re.fullmatch(r"read:   0%\| +\| 0/1 \[00:00<\?, \?file/s\]", first)
    # the bar cleared (its width in spaces) before the warning, and drawn again after it
    assert head == f"\r{first}\r{' ' * len(first)}\r"
    assert tail.startswith("\rread: ")
