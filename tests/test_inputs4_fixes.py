"""Reading users' files (inputs4): a file that cannot be read said before its column flags
are asked for, missing timestamps (NaT) named as such, and the first line of a CSV found
in linear time (each test fails without its fix, but the first-line one, which pins the
results the faster loop must keep)."""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

import pytest

from lstmkit import data


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (b"a,b\rc\r", b"a,b\r"),  # a classic Mac line end
        (b"a,b\r\nc\r\n", b"a,b\r\n"),  # Windows'
        (b'"x\ry",b\rc\r', b'"x\ry",b\r'),  # a "\r" inside a quoted field is no line end
        (b'"x\r""y\r",b\rc\r', b'"x\r""y\r",b\r'),  # nor after an escaped quote in it
        (b'"x\r"\r"y\r"\rz', b'"x\r"\r'),  # quotes closed, then opened on the next line
        (b'"x\ry\rz\n', b'"x\ry\rz\n'),  # open to the end: read on to the "\n"
        (b'a"\r"b\r\nc', b'a"\r"b\r\n'),
        (b"\r\r", b"\r"),
        (b'"' + b"\r" * 100, b'"' + b"\r" * 63),  # never closed: the first size bytes
    ],
)
def test_first_line_ends_at_the_first_line_end_outside_quotes(
    tmp_path: Path, text: bytes, line: bytes
) -> None:
    # the loop counted the quotes from the line's start at each "\r": quadratic, about 1.5 s
    # on a 64 KiB header line of them
    csv = tmp_path / "a.csv"
    csv.write_bytes(text)
    assert data._first_line(csv, None) == line


def test_text_trains_csv_files_are_named_by_the_clis_one_mapping_of_flags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # cli/text.py wrote its own ("--csv", "--dev-csv", "--test-csv"), beside cli's _CSV_FLAGS,
    # which names the flag of a refused file: a flag renamed in one was not in the other
    from lstmkit import cli
    from lstmkit.cli.text import _csv_files

    args = argparse.Namespace(csv=Path("t.csv"), dev_csv=None, test_csv=Path("e.csv"))
    assert _csv_files(args) == (
        ("--csv", Path("t.csv")),
        ("--dev-csv", None),
        ("--test-csv", Path("e.csv")),
    )
    monkeypatch.setitem(cli._CSV_FLAGS, "test_csv", "--eval-csv")
    assert _csv_files(args)[2] == ("--eval-csv", Path("e.csv"))


def test_no_rows_in_a_plain_file_reads_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # its first 64 KiB were read to know whether it is longer, then read() read it again
    opened = []
    unpacked = data._unpacked
    monkeypatch.setattr(data, "_unpacked", lambda *a: opened.append(a) or unpacked(*a))
    empty = data._empty(tmp_path / "a.csv")
    reads = []

    def read() -> None:
        reads.append(1)
        raise empty

    small, large = tmp_path / "a.csv", tmp_path / "b.csv"
    small.write_bytes(b"date,value\n" + b"\n" * ((1 << 16) - 11))  # 64 KiB exactly: read
    large.write_bytes(b"date,value\n" + b"\n" * ((1 << 16) - 10))  # 1 byte more: not read
    assert data._no_rows_in(small, read) is empty
    assert data._no_rows_in(large, read) is None
    assert (len(reads), opened) == (1, [])
    packed = tmp_path / "a.csv.gz"  # its size is that of the CSV it holds: unpacked to know
    packed.write_bytes(gzip.compress(large.read_bytes()))
    assert data._no_rows_in(packed, read) is None
    assert (len(reads), len(opened)) == (1, 1)
