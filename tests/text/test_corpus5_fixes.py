"""Compressed corpora: `read_corpus` (and `text train-lm --file`) unpack a file by its name's
end as read_csv unpacks a CSV; they read a `.gz` corpus's packed bytes as text, refused as
"not UTF-8"."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import tarfile
import zipfile
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text.charlm import load_charlm, read_corpus

TEXT = "ROMEO:\nBut soft, what light through yonder window breaks?\ncafé\n"
TINY = ["--hidden-size", "8", "--embed-dim", "4", "--num-layers", "1", "--no-progress"]


def _zipped(**files: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _tarred(packing: str, **files: str) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=f"w:{packing}") as archive:
        for name, text in files.items():
            member = tarfile.TarInfo(name)
            member.size = len(text.encode())
            archive.addfile(member, io.BytesIO(text.encode()))
    return buffer.getvalue()


PACKED = {
    "romeo.txt.gz": lambda text: gzip.compress(text.encode()),
    "romeo.txt.bz2": lambda text: bz2.compress(text.encode()),
    "romeo.txt.xz": lambda text: lzma.compress(text.encode()),
    "romeo.zip": lambda text: _zipped(**{"romeo.txt": text}),
    "romeo.tar.gz": lambda text: _tarred("gz", **{"romeo.txt": text}),
}


@pytest.mark.parametrize("name", PACKED)
def test_a_compressed_corpus_reads_as_the_plain_file(tmp_path: Path, name: str) -> None:
    plain = tmp_path / "romeo.txt"
    plain.write_bytes(TEXT.encode())
    path = tmp_path / name
    path.write_bytes(PACKED[name](TEXT))
    assert read_corpus(path) == read_corpus(plain) == TEXT


def test_a_zst_corpus_reads_as_the_plain_file(tmp_path: Path, zstd_compress) -> None:
    path = tmp_path / "romeo.txt.zst"
    path.write_bytes(zstd_compress(TEXT.encode()))
    assert read_corpus(path) == TEXT


def test_a_zip_of_two_files_is_refused_as_read_csv_refuses_it(tmp_path: Path) -> None:
    path = tmp_path / "poems.zip"
    path.write_bytes(_zipped(**{"a.txt": TEXT, "b.txt": TEXT}))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == (
        f"{str(path)!r} is an archive of several files ('a.txt', 'b.txt'), where one, the "
        "text, is read; unpack the one you mean and pass it."
    )


def test_a_compressed_corpus_not_utf8_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt.gz"
    path.write_bytes(gzip.compress("ab\ncafé\n".encode("latin-1")))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    # the byte and its place in the text unpacked, not in the gzip's packed bytes
    assert str(err.value) == (
        f"{str(path)!r} must be UTF-8 text, got byte 0xe9 on line 2 (byte 4 of the line), "
        "which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8."
    )
    path.write_bytes(gzip.compress(b""))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == (
        f"{str(path)!r} is empty; expected the text to train a character model on."
    )


def test_a_corpus_not_packed_as_its_name_says_is_refused_in_words_for_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.txt.gz"
    path.write_bytes(TEXT.encode())
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == (
        f"{str(path)!r} cannot be unpacked as its name's end '.gz' says (Not a gzipped file "
        "(b'RO')); name it by what it holds (.txt for text), or pack it again."
    )


def test_train_lm_learns_a_compressed_file_and_names_a_refused_one_by_its_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "owl.txt.xz"
    path.write_bytes(lzma.compress(b"the owl and the pussy-cat went to sea\n" * 30))
    out = tmp_path / "lm"
    argv = ["text", "train-lm", "--out", str(out), "--batch-size", "2", "--bptt", "16", *TINY]
    assert main([*argv, "--file", str(path), "--max-steps", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["steps"] == 2
    _, vocab = load_charlm(out)  # the alphabet of the text unpacked, not of the xz's bytes
    assert len(vocab) == len(set("the owl and the pussy-cat went to sea\n")) == 17
    two = tmp_path / "poems.zip"
    two.write_bytes(_zipped(**{"a.txt": TEXT, "b.txt": TEXT}))
    assert main([*argv, "--file", str(two)]) == 2
    assert capsys.readouterr().err == (
        f"error: --file {str(two)!r} is an archive of several files ('a.txt', 'b.txt'), where "
        "one, the text, is read; unpack the one you mean and pass it.\n"
    )


def test_an_encrypted_zip_and_a_tar_named_as_gzip_are_refused_as_read_csv_refuses_them(
    tmp_path: Path,
) -> None:
    packed = bytearray(_zipped(**{"romeo.txt": TEXT}))
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local, central header
        packed[packed.index(signature) + at] |= 0x1  # marked encrypted: zipfile writes none
    path = tmp_path / "romeo.zip"
    path.write_bytes(bytes(packed))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == (
        f"{str(path)!r} is an encrypted zip archive, which pandas does not unpack; unpack it "
        "with its password and pass the text."
    )
    path = tmp_path / "romeo.txt.gz"  # tar czf romeo.txt.gz romeo.txt
    path.write_bytes(_tarred("gz", **{"romeo.txt": TEXT}))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == (
        f"{str(path)!r} is a tar archive, gzip-compressed, not plain text; name it with the "
        "suffix .tar.gz, and it is unpacked."
    )
