"""What a review of the packaging change found in the text data lookup of a checkout."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def checkout(monkeypatch, tmp_path) -> Path:
    """lstmkit.text.sst as a checkout without ``../shared`` sees itself (``repo/src/lstmkit``);
    returns ``repo``, the current folder."""
    import lstmkit.text.sst as sst

    repo = tmp_path.resolve() / "repo"
    monkeypatch.setattr(sst, "__file__", str(repo / "src" / "lstmkit" / "text" / "sst.py"))
    monkeypatch.delenv("LSTMKIT_DATA", raising=False)
    repo.mkdir()
    monkeypatch.chdir(repo)
    return repo


def test_a_checkout_run_from_its_root_names_each_folder_looked_in_once(checkout: Path) -> None:
    """From the repository's root (where the README's commands run) "beside the repository" and
    "beside the current folder" are one folder, which the message listed twice."""
    from lstmkit.text.sst import find_text_data

    shared = checkout.parent / "shared" / "data" / "text"
    with pytest.raises(FileNotFoundError) as err:
        find_text_data()
    assert str(err.value) == (
        "text data folder not found (expected a folder holding `sst/` or `tinyshakespeare/`); "
        f"looked in: {str(shared)!r}, {str(shared / 'text')!r}. Pass `data_dir` (CLI: "
        "--data-dir) or set LSTMKIT_DATA."
    )


def test_a_checkout_run_from_elsewhere_looks_beside_both_folders(
    checkout: Path, monkeypatch
) -> None:
    from lstmkit.text.sst import find_text_data

    (checkout / "runs").mkdir()
    monkeypatch.chdir(checkout / "runs")
    mine = checkout / "shared" / "data" / "text"  # ../shared from runs/
    repo_side = checkout.parent / "shared" / "data" / "text"
    with pytest.raises(FileNotFoundError) as err:
        find_text_data()
    assert str(err.value) == (
        "text data folder not found (expected a folder holding `sst/` or `tinyshakespeare/`); "
        f"looked in: {str(repo_side)!r}, {str(repo_side / 'text')!r}, {str(mine)!r}, "
        f"{str(mine / 'text')!r}. Pass `data_dir` (CLI: --data-dir) or set LSTMKIT_DATA."
    )
