"""``--out`` of the text training commands is checked before any data is read or trained."""

from __future__ import annotations

import pytest

from lstmkit.cli import main

TRAIN = {
    "train": ["text", "train", "sst2", "--threads", "1"],
    "train-lm": ["text", "train-lm", "shakespeare", "--threads", "1"],
    "train-seq2seq": ["text", "train-seq2seq", "numbers", "--threads", "1"],
}


@pytest.mark.parametrize("command", TRAIN)
def test_unusable_out_is_refused_before_training(command, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([*TRAIN[command], "--out", ""]) == 2
    assert capsys.readouterr().err == "error: --out must name a folder, got ''.\n"
    (tmp_path / "h" / "model.safetensors").mkdir(parents=True)
    assert main([*TRAIN[command], "--out", "h"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --out 'h' holds a folder named 'model.safetensors'")
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    assert main([*TRAIN[command], "--out", "link"]) == 2
    assert "'link' is a broken symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["h", "link", "model.safetensors"]
