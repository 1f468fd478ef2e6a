"""Command-line output leftovers (out25): `datasets --out` writes as the plots do (a read-only
file refused, a writable file in a read-only folder written in place).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lstmkit import _figures
from lstmkit._examples import example_text
from lstmkit.cli import main

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
