"""Review of corpus5 (compressed corpora, a `.tar.zst` unpacked as a tar): a `.tar.zst`'s
refusal named pandas as its unpacker, it was unpacked whole three to seven times per read, the
zstandard stand-in read as a GzipFile (seeking, reading lines) where zstandard does not, and a
plain corpus imported pandas."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from lstmkit import data
from lstmkit.text.charlm import read_corpus
from lstmkit.text.labelled import read_labelled_csv


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


def test_a_tar_zst_is_unpacked_once_per_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zstd_compress
) -> None:
    # its members, its first line, its blank lines and its text each unpacked it whole: three
    # times for read_csv, five for read_labelled_csv, seven for `lstmkit forecast --csv`
    import zstandard

    unpack, opened = zstandard.open, []
    monkeypatch.setattr(zstandard, "open", lambda *a, **k: opened.append(1) or unpack(*a, **k))
    sales = tmp_path / "sales.tar.zst"
    csv = b"month,sales\n2020-01,1\n2020-02,2\n2020-03,3\n"
    sales.write_bytes(zstd_compress(_tar("sales.csv", csv)))
    assert data.read_csv(sales, "month", "sales")["sales"].tolist() == [1.0, 2.0, 3.0]
    assert len(opened) == 1
    reviews = tmp_path / "reviews.tar.zst"
    reviews.write_bytes(zstd_compress(_tar("reviews.csv", b"text,label\ngood,pos\nbad,neg\n")))
    assert read_labelled_csv(reviews, "text", "label") == (["good", "bad"], ["pos", "neg"])
    assert len(opened) == 2
    poems = tmp_path / "poems.tar.zst"
    poems.write_bytes(zstd_compress(_tar("poems.txt", b"Shall I compare thee\n")))
    assert read_corpus(poems) == "Shall I compare thee\n"
    assert len(opened) == 3


def test_the_zstandard_stand_in_reads_as_zstandard_does(zstd_compress) -> None:
    # a GzipFile, it read lines and sought back, which zstandard's reader does not: a reader
    # that relied on them passed with the stand-in and failed with zstandard
    import zstandard

    reader = zstandard.open(io.BytesIO(zstd_compress(b"month,sales\n2020-01,1\n")), "rb")
    assert not reader.seekable()
    with pytest.raises(io.UnsupportedOperation):
        reader.readline()
    assert reader.read(6) == b"month,"
    with pytest.raises(OSError):
        reader.seek(0)
    assert reader.read() == b"sales\n2020-01,1\n"


def test_a_plain_corpus_is_read_without_importing_pandas(tmp_path: Path) -> None:
    # read_csv's unpacking imported pandas for every corpus (a third of a second)
    path = tmp_path / "romeo.txt"
    path.write_bytes(b"ROMEO:\r\nBut soft\r\n")
    code = (
        "import sys; from lstmkit.text.charlm import read_corpus; "
        f"print(repr(read_corpus({str(path)!r})), 'pandas' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout == "'ROMEO:\\nBut soft\\n' False\n"


def test_the_zstandard_stand_in_gives_pandas_a_reader_to_know_its_class(zstd_compress) -> None:
    # pandas 2.2's read_csv of a buffer asks zstandard for a reader of b"" to know its class
    # (is_binary_mode): the stand-in had none, so that the first read_csv where it was
    # installed failed, ".tar.zst" tests among them with pandas 2.2.1
    import zstandard

    with zstandard.ZstdDecompressor().stream_reader(b"") as reader:
        assert reader.readable()
    assert reader.closed


def test_a_tar_zst_with_a_zstandard_too_old_is_told_to_upgrade_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, csv_refusal
) -> None:
    # a zstandard without open() (before 0.15) was said to be "not installed here"
    import types

    old = types.ModuleType("zstandard")
    old.__version__ = "0.14.0"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zstandard", old)
    path = tmp_path / "sales.tar.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd packed bytes")
    assert csv_refusal(path) == (
        "CSV file 'sales.tar.zst' is Zstandard-compressed, which lstmkit unpacks with the "
        "zstandard package, version 0.14.0 here, older than the 0.15.0 lstmkit needs; upgrade "
        "it (pip install -U zstandard), or unpack the file first (tar --zstd -xf "
        "sales.tar.zst) and pass the CSV it holds."
    )
    corpus = tmp_path / "poems.tar.zst"
    corpus.write_bytes(b"\x28\xb5\x2f\xfd packed bytes")
    with pytest.raises(ValueError) as err:
        read_corpus(corpus)
    assert str(err.value) == (
        f"{str(corpus)!r} is Zstandard-compressed, which lstmkit unpacks with the zstandard "
        "package, version 0.14.0 here, older than the 0.15.0 lstmkit needs; upgrade it (pip "
        "install -U zstandard), or unpack the file first (tar --zstd -xf poems.tar.zst) and "
        "pass the text it holds."
    )
