"""Fixes of the ens6 session for the text commands: one test (or a few) per fix."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from lstmkit.cli import main

SENTENCES = b"a great film\nan awful film\n"


def _tarred() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        member = tarfile.TarInfo("s.txt")
        member.size = len(SENTENCES)
        archive.addfile(member, io.BytesIO(SENTENCES))
    return buffer.getvalue()


def _zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("s.txt", SENTENCES)
    return buffer.getvalue()


# -- 4. a tar or zip archive on stdin is named so, as compressed stdin is ----------------------


@pytest.mark.parametrize("command", [["text", "predict"], ["explain"]], ids=["predict", "explain"])
@pytest.mark.parametrize(("packed", "kind"), [(_tarred(), "tar"), (_zipped(), "zip")])
def test_an_archive_on_stdin_is_unpacked_as_csv_dash_unpacks_it(
    command: list[str],
    packed: bytes,
    kind: str,
    clf_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "must be UTF-8 text, got a NUL byte (0x00) on line 1 (byte 6 of the line), which text
    # does not hold (not a text file?); save the file as UTF-8": the tar header's NUL byte;
    # then (ens6) told to be unpacked into the pipe; io10: unpacked, as --csv - unpacks it
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SENTENCES)))
    assert main([*command, str(clf_dir), "--file", "-"]) == 0
    plain = capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(packed)))
    assert main([*command, str(clf_dir), "--file", "-"]) == 0, kind
    assert capsys.readouterr() == plain
