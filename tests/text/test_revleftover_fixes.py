"""Review of the leftover fixes: a compressed text CSV read as a plain one."""

from __future__ import annotations

import io
import struct
import tarfile
import zipfile

import pytest

from lstmkit.cli import main
from lstmkit.text.labelled import read_labelled_csv


def _zip_marked(field: tuple[int, int], value: int) -> bytes:
    """A zip of one labelled CSV whose member's local and central headers carry ``value`` at
    ``field`` (the offsets of one 2-byte field in each): zipfile writes neither an encrypted
    member (flag 1, offsets 6 and 8) nor a Deflate64 one (method 9, offsets 8 and 10)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("reviews.csv", "text,label\ngood film,pos\nbad film,neg\n")
    packed = bytearray(buffer.getvalue())
    for signature, at in zip((b"PK\x03\x04", b"PK\x01\x02"), field, strict=True):
        start = packed.find(signature) + at
        packed[start : start + 2] = struct.pack("<H", value)
    return bytes(packed)


@pytest.mark.parametrize(
    ("field", "value", "refused"),
    [
        (
            (6, 8),
            1,
            "CSV file 'reviews.zip' is an encrypted zip archive, which pandas does not unpack; "
            "unpack it with its password and pass the CSV.",
        ),
        (
            (8, 10),
            9,
            "CSV file 'reviews.zip' is a zip archive packed with deflate64 (compression method "
            "9), which Python's zipfile does not unpack; unpack it with a tool that can (7-Zip, "
            "unzip) and pass the CSV.",
        ),
    ],
)
def test_a_zip_zipfile_cannot_open_is_refused_by_name(tmp_path, capsys, field, value, refused):
    # the runaway-quote check, which now unpacks a compressed file, met zipfile's RuntimeError
    # ("File 'reviews.csv' is encrypted, password required for extraction") or its
    # NotImplementedError ("That compression method is not supported"): a traceback in place
    # of the table's refusal
    path = tmp_path / "reviews.zip"
    path.write_bytes(_zip_marked(field, value))
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == refused
    args = ["text", "train", "--csv", str(path), "--text-col", "text", "--label-col", "label"]
    assert main([*args, "--out", str(tmp_path / "run")]) == 2
    flagged = refused.replace("CSV file 'reviews.zip'", f"--csv {str(path)!r}")
    assert capsys.readouterr().err == f"error: {flagged}\n"


def _tar(names: tuple[str, ...], body: bytes) -> bytes:
    """A gzipped tar of files named ``names``, each holding ``body``."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


def test_a_tar_of_several_files_is_refused_as_such_not_for_its_first_files_quote(tmp_path):
    # the runaway-quote check read the tar's first file, which pandas does not read from a
    # tar of several: "has a value that opens a quote on line 3 and closes it amid a value on
    # line 5", where the archive is what to fix
    body = b'text,label\ngood,pos\n"great film,pos\nbad,neg\nok "so",pos\nx,neg\n'
    path = tmp_path / "reviews.tar.gz"
    path.write_bytes(_tar(("reviews.csv", "notes.csv"), body))
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == (
        "CSV file 'reviews.tar.gz' is an archive of several files ('reviews.csv', "
        "'notes.csv'), where one, the CSV, is read; unpack the one you mean and pass it."
    )
    one = tmp_path / "one.tar.gz"  # a tar of that file alone is checked as the plain file
    one.write_bytes(_tar(("reviews.csv",), body))
    with pytest.raises(ValueError) as err:
        read_labelled_csv(one, "text", "label")
    assert str(err.value).startswith(
        "CSV file 'one.tar.gz' has a value that opens a quote on line 3 and closes it amid a "
        "value on line 5, reading what lies between into one value"
    )
