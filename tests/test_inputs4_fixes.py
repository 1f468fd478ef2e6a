"""Reading users' files (inputs4): a file that cannot be read said before its column flags
are asked for, missing timestamps (NaT) named as such, and the first line of a CSV found
in linear time (each test fails without its fix, but the first-line one, which pins the
results the faster loop must keep)."""

from __future__ import annotations

import argparse
import gzip
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig


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


def _encrypted_zip() -> bytes:
    """A zip whose one member is marked encrypted (zipfile writes none; the flag is enough)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sales.csv", "date,value\n2020-01-01,1\n")
    packed = bytearray(buffer.getvalue())
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local, central header
        packed[packed.index(signature) + at] |= 0x1
    return bytes(packed)


UTF16 = (
    "must be UTF-8 text, got UTF-16 (it begins with UTF-16's byte-order mark 0xff 0xfe, as Excel "
    'saves "Unicode Text" and "CSV UTF-16" and Windows PowerShell 5\'s `>` writes); save the '
    'file as UTF-8 (Excel: Save As, "CSV UTF-8 (Comma delimited)"; Notepad: Save As, Encoding '
    "UTF-8; PowerShell: `| Out-File -Encoding utf8 FILE` in place of `> FILE`)."
)
FILES = [  # name, bytes (None: not there), what is said of it
    ("nope.csv", None, "'{path}' not found."),
    ("sales.csv", "date,value\n2020-01-01,1\n".encode("utf-16"), "'{path}' " + UTF16),
    (
        "sales.zip",
        _encrypted_zip(),
        "'{path}' is an encrypted zip archive, which pandas does not unpack; unpack it with its "
        "password and pass the CSV.",
    ),
    (
        "sales.csv",
        bytes([0x80, 0x81]) + bytes(range(200, 256)),
        "'{path}' must be UTF-8 text, got byte 0x80 on line 1 (byte 1 of the line), which is "
        "not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8, e.g. `iconv -c -f "
        "WINDOWS-1252 -t UTF-8 '{path}' > '{utf8}'` (-c leaves out its bytes that Windows-1252 "
        "lacks, as 0x81 is), then pass --csv '{utf8}'.",  # 0x80 is cp1252's euro (revsent39)
    ),
]


@pytest.mark.parametrize(
    ("name", "raw", "said"), FILES, ids=["missing", "utf16", "encrypted-zip", "binary"]
)
@pytest.mark.parametrize("command", [["forecast"], ["text", "train"]])
def test_a_file_that_cannot_be_read_is_refused_before_its_column_flags_are_asked_for(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    name: str,
    raw: bytes | None,
    said: str,
) -> None:
    # "--csv needs --date-col and --value-col." came first, with no columns to choose from;
    # once they were given, the file was refused
    csv = tmp_path / name
    if raw is not None:
        csv.write_bytes(raw)
    assert main([*command, "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    utf8 = csv.with_name("sales-utf8.csv")  # the command that converts it (sent39)
    assert capsys.readouterr() == ("", "error: --csv " + said.format(path=csv, utf8=utf8) + "\n")


def test_text_train_refuses_each_file_that_cannot_be_read_before_its_column_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "--csv needs --text-col and --label-col (train.csv has the columns text, label).", then
    # the --dev-csv and --test-csv files refused once the flags were given
    train, dev, test = (tmp_path / f"{part}.csv" for part in ("train", "dev", "test"))
    train.write_text("text,label\na film,pos\n")
    dev.write_bytes("text,label\n".encode("utf-16"))
    argv = ["text", "train", "--csv", str(train), "--dev-csv", str(dev), "--test-csv", str(test)]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        f"error: --dev-csv {str(dev)!r} {UTF16} --test-csv {str(test)!r} not found.\n"
    )
    # files that can be read: the flags are asked for, with the columns to choose from (none
    # named text and label, which would be read without them: txt37)
    for path in (train, dev, test):
        path.write_text("review,rating\na film,pos\n")
    qt = repr(str(train))  # as given, quoted
    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv needs --text-col and --label-col ({qt} has the columns review, rating).\n"
    )


MONTHS = [f"2020-{m:02d}-01" for m in range(1, 13)]


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        (
            [2],
            "at position 2 (after 2020-02-01 and before 2020-04-01); give it its date, or drop "
            "that row",
        ),
        ([0], "at position 0 (before 2020-02-01); give it its date, or drop that row"),
        # the last: an IndexError ("index 0 is out of bounds for axis 0 with size 0")
        ([11], "at position 11 (after 2020-11-01); give it its date, or drop that row"),
        (
            [3, 4, 9],
            "at position 3 (after 2020-03-01 and before 2020-06-01); 3 in all, at positions 3, "
            "4, 9; give each its date, or drop those rows",
        ),
    ],
)
def test_missing_timestamps_are_named_as_such_not_as_unsorted(
    missing: list[int], said: str
) -> None:
    # "timestamps in `series` must be sorted in increasing order, got 2020-04-01 after NaT
    # (position 3); sort them first: series.sort_index()"
    stamps = [None if k in missing else m for k, m in enumerate(MONTHS)]
    series = pd.Series(np.arange(12.0), index=pd.DatetimeIndex(stamps))
    expected = (
        f"timestamps in `series` must all be given, got NaT (a missing timestamp) {said}: "
        "series[series.index.notna()]."
    )
    with pytest.raises(ValueError) as err:
        data.to_frame(series)
    assert str(err.value) == expected
    with pytest.raises(ValueError) as err:  # fit's own data, as to_frame refuses it
        Forecaster(ForecasterConfig(lookback=2, horizon=1, epochs=1)).fit(series)
    assert str(err.value) == expected


def test_missing_periods_and_a_frames_missing_timestamps_are_named_as_such() -> None:
    periods = pd.PeriodIndex(["2020-01", "2020-02", None, "2020-04"], freq="M")
    with pytest.raises(ValueError) as err:
        data.to_frame(pd.DataFrame({"y": [1.0, 2, 3, 4]}, index=periods), name="frame")
    assert str(err.value) == (
        "timestamps in `frame` must all be given, got NaT (a missing timestamp) at position 2 "
        "(after 2020-02 and before 2020-04); give it its date, or drop that row: "
        "frame[frame.index.notna()]."
    )
    stamps = pd.DatetimeIndex([None, None, None])  # none given: no dates to name beside them
    with pytest.raises(ValueError) as err:
        data.to_frame(pd.Series([1.0, 2, 3], index=stamps))
    assert str(err.value) == (
        "timestamps in `series` must all be given, got NaT (a missing timestamp) at position 0; "
        "3 in all, at positions 0, 1, 2; give each its date, or drop those rows: "
        "series[series.index.notna()]."
    )
