"""Review of corpus5 (compressed corpora, a `.tar.zst` unpacked as a tar): a `.tar.zst`'s
refusal named pandas as its unpacker, it was unpacked whole three to seven times per read, the
zstandard stand-in read as a GzipFile (seeking, reading lines) where zstandard does not, and a
plain corpus imported pandas."""

from __future__ import annotations

import io
import sys
import tarfile
from pathlib import Path

import pytest

from lstmkit.text.charlm import read_corpus


def _tar(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        member = tarfile.TarInfo(name)
        member.size = len(content)
        archive.addfile(member, io.BytesIO(content))
    return buffer.getvalue()


def test_a_tar_zst_without_zstandard_names_lstmkit_as_its_unpacker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, csv_refusal
) -> None:
    # "which pandas unpacks with the zstandard package": pandas reads a .tar.zst as a .zst
    monkeypatch.setitem(sys.modules, "zstandard", None)
    path = tmp_path / "sales.tar.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd packed bytes")
    assert csv_refusal(path) == (
        "CSV file 'sales.tar.zst' is Zstandard-compressed, which lstmkit unpacks with the "
        "zstandard package, not installed here; install it (pip install zstandard), or unpack "
        "the file first (tar --zstd -xf sales.tar.zst) and pass the CSV it holds."
    )
    corpus = tmp_path / "poems.tar.zst"
    corpus.write_bytes(b"\x28\xb5\x2f\xfd packed bytes")
    with pytest.raises(ValueError) as err:
        read_corpus(corpus)
    assert str(err.value) == (
        f"{str(corpus)!r} is Zstandard-compressed, which lstmkit unpacks with the zstandard "
        "package, not installed here; install it (pip install zstandard), or unpack the file "
        "first (tar --zstd -xf poems.tar.zst) and pass the text it holds."
    )
    # a .zst is pandas' to unpack still
    zst = tmp_path / "poems.txt.zst"
    zst.write_bytes(b"\x28\xb5\x2f\xfd packed bytes")
    with pytest.raises(ValueError) as err:
        read_corpus(zst)
    assert str(err.value) == (
        f"{str(zst)!r} is Zstandard-compressed, which pandas unpacks with the zstandard "
        "package, not installed here; install it (pip install zstandard), or unpack the file "
        "first (zstd -d poems.txt.zst) and pass the text it holds."
    )
