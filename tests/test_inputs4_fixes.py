"""Reading users' files (inputs4): a file that cannot be read said before its column flags
are asked for, missing timestamps (NaT) named as such, and the first line of a CSV found
in linear time (each test fails without its fix, but the first-line one, which pins the
results the faster loop must keep)."""

from __future__ import annotations

import argparse
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
