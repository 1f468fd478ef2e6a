"""Review of the leftover fixes: a compressed text CSV read as a plain one."""

from __future__ import annotations

import io
import struct
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
    assert capsys.readouterr().err == f"error: {refused}\n"
