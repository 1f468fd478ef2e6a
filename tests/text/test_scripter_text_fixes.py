"""Fixes found driving the text commands from shell scripts: what a failed save leaves."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text.charlm import CharLMResult


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _lm(tmp_path: Path, out: Path, seed: int) -> list[str]:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("abcd\n" * 40)
    return [
        "text", "train-lm", "--file", str(corpus), "--out", str(out), "--seed", str(seed),
        "--embed-dim", "4", "--hidden-size", "8", "--num-layers", "1", "--batch-size", "2",
        "--bptt", "8", "--max-steps", "2", "--eval-every", "2", "--no-progress",
    ]  # fmt: skip


def test_a_training_whose_plot_fails_leaves_the_earlier_model_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the model was saved, then training.png failed (a full disk): seed 1's weights stood
    # beside seed 0's training.png, and the command said it failed
    out = tmp_path / "lm"
    assert main(_lm(tmp_path, out, 0)) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(before) == ["config.json", "model.safetensors", "training.png"]
    capsys.readouterr()
    monkeypatch.setattr(CharLMResult, "plot_training", _no_space)
    assert main(_lm(tmp_path, out, 1)) == 1
    assert capsys.readouterr() == (
        "",
        f"error: --out {str(out)!r} cannot be written: No space left on device.\n",
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # and a folder made for the run is not left behind, empty
    assert main(_lm(tmp_path, tmp_path / "new", 1)) == 1
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(("command", "what"), [("train", " (SST)"), ("train-lm", "")])
def test_data_dir_help_names_where_the_data_is_found_without_it(
    command: str, what: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the help said "shared text data folder" alone: LSTMKIT_DATA was in the README only;
    # and "beside the repository", which an installed copy has none of (nor looks beside)
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit):
        main(["text", command, "--help"])
    line = next(s for s in capsys.readouterr().out.splitlines() if "--data-dir DIR " in s)
    assert line.split("DIR", 1)[1].strip() == (
        f"shared text data folder{what} (default: the LSTMKIT_DATA environment variable, else "
        "../shared/data/text beside the repository of a checkout or beside the current folder)"
    )
