"""Fixes found reviewing the scripting changes: what a failed ``--out`` write leaves behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd
import pytest

from lstmkit.cli import main, written_together
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig


@pytest.fixture(scope="module")
def forecaster_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = ForecasterConfig(horizon=3, ensemble=1, epochs=1, hidden_size=4, progress=False)
    out = tmp_path_factory.mktemp("forecaster") / "model"
    Forecaster(config).fit(load_dataset("airline")).save(out)
    return out


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_explanation_into_a_nested_new_path_leaves_no_folder_behind(
    forecaster_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # --out why/airline/step1 made why/ and why/airline for the run; the failed write removed
    # step1 alone and left the two, empty
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(pd.DataFrame, "to_csv", _no_space)
    out = os.path.join("why", "airline", "step1")
    assert main(["explain", str(forecaster_dir), "--json", "--out", out]) == 1
    assert capsys.readouterr() == (
        "",
        f"error: --out {out!r} cannot be written: No space left on device.\n",
    )
    assert os.listdir(tmp_path) == []


def test_written_together_keeps_the_folders_made_once_something_is_in_them(
    tmp_path: Path,
) -> None:
    out = tmp_path / "a" / "b" / "c"
    with pytest.raises(KeyboardInterrupt), written_together(out) as staging:
        (staging / "forecast.csv").write_text("new")
        (tmp_path / "a" / "other.txt").write_text("made meanwhile")  # another process's
        raise KeyboardInterrupt
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "a",
        os.path.join("a", "other.txt"),
    ]
    with written_together(out) as staging:  # a run that ends keeps them all
        (staging / "forecast.csv").write_text("new")
    assert (out / "forecast.csv").read_text() == "new"
