"""Review of sent38 (revsent38): each of text train's files read by its own separator, the
dropna hint's claim about read_labelled_csv made true."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main

TRAIN = ["--epochs", "1", "--embed-dim", "4", "--hidden-size", "4", "--no-progress"]


def _rows(path: Path, sep: str, n: int = 6) -> Path:
    rows = [f"a good fine {path.stem} {k}{sep}pos" for k in range(n)]
    rows += [f"a dull bad {path.stem} {k}{sep}neg" for k in range(n)]
    path.write_text(f"text{sep}label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("columns", [[], ["--text-col", "text", "--label-col", "label"]])
def test_text_train_reads_each_file_by_its_own_separator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], columns: list[str]
) -> None:
    # --csv train.tsv --dev-csv dev.csv read dev.csv with the training file's tab and refused
    # it, "pass --sep ','", which then refused train.tsv: no --sep read both
    train = _rows(tmp_path / "train.tsv", "\t")
    dev = _rows(tmp_path / "dev.csv", ",", 4)
    test = _rows(tmp_path / "Test.TSV", "\t", 3)
    run = ["--csv", str(train), "--dev-csv", str(dev), *columns, *TRAIN]
    assert main(["text", "train", *run, "--out", str(tmp_path / "a")]) == 0
    assert "examples: train 10, dev 8, test 2" in capsys.readouterr().out
    # a comma-separated training file, a tab-separated dev and test file
    train = _rows(tmp_path / "train.csv", ",")
    dev = _rows(tmp_path / "dev.tsv", "\t", 4)
    run = ["--csv", str(train), "--dev-csv", str(dev), "--test-csv", str(test), *columns]
    assert main(["text", "train", *run, *TRAIN, "--out", str(tmp_path / "b")]) == 0
    assert "examples: train 12, dev 8, test 6" in capsys.readouterr().out
    # a --sep given reads every file by it, as before
    run = ["--csv", str(train), "--dev-csv", str(dev), "--sep", ",", *columns, *TRAIN]
    assert main(["text", "train", *run, "--out", str(tmp_path / "c")]) == 2
    assert "available columns: ['text\\tlabel'] (one column whose name holds '\\t'" in (
        capsys.readouterr().err
    )
