"""Fixes of out33: a run folder given again as ``--out``. A folder holding another kind of
model is refused naming its kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main

_FIT = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_FIT += ["--no-progress", "--interval", "0"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_forecast_refuses_a_folder_of_another_kind_naming_its_kind(
    classifier_dir: Path, short_sales: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # it said "holds a saved model (config.json)", which model unsaid, where the text commands
    # say "already holds a saved model of kind 'seq2seq'"
    before = _snapshot(classifier_dir)
    for overwrite in ([], ["--overwrite"]):  # its files and a run's would mix: no overwriting
        assert main([*short_sales, *_FIT, "--out", str(classifier_dir), *overwrite]) == 2
        assert capsys.readouterr().err == (
            f"error: --out {str(classifier_dir)!r} holds a saved model of kind 'classifier' "
            "(config.json); `lstmkit forecast` would mix its files with it. Choose another "
            "folder.\n"
        )
    assert _snapshot(classifier_dir) == before


def test_refuse_other_output_names_a_config_without_a_kind_as_before(tmp_path: Path) -> None:
    from lstmkit.cli import CLIError, refuse_other_output

    for text in ("{}", "[1]", "not json", '{"kind": 3}'):
        (tmp_path / "config.json").write_text(text)
        with pytest.raises(CLIError) as err:
            refuse_other_output(tmp_path, "lstmkit explain")
        assert str(err.value) == (
            f"--out {str(tmp_path)!r} holds a saved model (config.json); `lstmkit explain` "
            "would mix its files with it. Choose another folder."
        )
