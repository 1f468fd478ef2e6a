"""Compressed and odd CSV files: a packed file's header row for ``lstmkit forecast --csv``,
its non-UTF-8 byte found in the CSV it holds, archives of no file, a tar compressed with a
module this Python lacks, and a compressed file named .csv (each test fails without its fix)."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sys
import tarfile
import types
import zipfile

import pandas as pd
import pytest

from lstmkit import data
from lstmkit.cli import main

# Too short to fit, so that a run whose flags are read stops at once, saying so
CSV = b"month,sales\n" + b"".join(b"2020-%02d-01,%d\n" % (m, m) for m in range(1, 13))
SHORT = (
    "error: the series is too short: 12 points, where the holdout (12, by default --horizon) and "
    "at least --horizon (12) + 3 to fit on (the look-back and the windows to train and validate "
    "on) need at least 27.\n"
)


def _tar(body: bytes, mode: str = "w", name: str = "sales.csv") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        member = tarfile.TarInfo(name)
        member.size = len(body)
        archive.addfile(member, io.BytesIO(body))
    return buffer.getvalue()


def _zip(body: bytes, name: str = "sales.csv") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, body)
    return buffer.getvalue()


PACKED = {
    "sales.csv.gz": gzip.compress,
    "sales.csv.bz2": bz2.compress,
    "sales.csv.xz": lzma.compress,
    "sales.zip": _zip,
    "sales.tar": _tar,
    "sales.tar.gz": lambda body: _tar(body, "w:gz"),
    "SALES.CSV.GZ": gzip.compress,
}


def test_pandas_reads_the_archives_the_tests_build(tmp_path):
    # the fixtures above are what pandas reads as the CSV they hold
    for name, pack in PACKED.items():
        csv = tmp_path / name
        csv.write_bytes(pack(CSV))
        assert pd.read_csv(csv, compression=data._compression(csv))["sales"].sum() == 78


# `lstmkit forecast --csv` read a compressed file's header row as the packed bytes: no columns


@pytest.mark.parametrize("name", PACKED)
def test_forecast_lists_a_compressed_csvs_columns_when_a_flag_is_missing(tmp_path, capsys, name):
    # "--csv needs --date-col." without the columns that the same file uncompressed lists
    csv = tmp_path / name
    csv.write_bytes(PACKED[name](CSV))
    argv = ["forecast", "--csv", str(csv), "--value-col", "sales", "--out", str(tmp_path / "o")]
    assert main(argv) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --csv needs --date-col ({str(csv)!r} has the columns month, sales).\n",
    )


@pytest.mark.parametrize("name", PACKED)
def test_forecast_reads_a_compressed_csvs_unnamed_first_column_as_the_dates(tmp_path, capsys, name):
    # series.to_csv("sales.csv.gz") writes its index unnamed, as series.to_csv("sales.csv")
    # does; the plain file needed no --date-col, the packed one "--csv needs --date-col."
    csv = tmp_path / name
    csv.write_bytes(PACKED[name](CSV.replace(b"month,", b",", 1)))
    argv = ["forecast", "--csv", str(csv), "--value-col", "sales", "--out", str(tmp_path / "o")]
    assert main(argv) == 2
    assert capsys.readouterr() == ("", SHORT)


def test_a_compressed_header_is_read_without_unpacking_the_whole_file(tmp_path):
    # only as far as the header row: the rest of this gzip stream is damaged, unread
    from lstmkit.cli._forecast_run import _header

    csv = tmp_path / "sales.csv.gz"
    packed = gzip.compress(CSV + CSV[12:] * 20_000)
    csv.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(EOFError):  # unpacked whole, it is refused
        gzip.decompress(csv.read_bytes())
    assert _header(csv) == ["month", "sales"]


# The byte that is not UTF-8 was named in the packed file (.zst), or counted the tar's header
# into the first line


LATIN = CSV.replace(b"month", b"m\xe9nth")  # line 1, byte 2
LATIN_AT = "got byte 0xe9 on line 1 (byte 2 of the line), which is not UTF-8"


@pytest.mark.parametrize("name", ["sales.tar", "sales.tar.gz", "sales.csv.gz"])
def test_a_packed_csvs_byte_that_is_not_utf8_is_placed_in_the_csv_it_holds(tmp_path, name):
    # "got byte 0xe9 on line 1 (byte 514 of the line)" of a tar: its 512-byte header counted
    csv = tmp_path / name
    csv.write_bytes(PACKED[name](LATIN))
    with pytest.raises(ValueError) as info:
        data.read_csv(csv, "month", "sales")
    assert str(info.value) == (
        f"CSV file {name!r} must be UTF-8 text, {LATIN_AT} (a Latin-1 or Windows-1252 "
        "file?); save the file as UTF-8."
    )


def test_a_zst_csvs_byte_that_is_not_utf8_is_placed_in_the_csv_it_holds(tmp_path, zstd_compress):
    # "got byte 0xb5 on line 1 (byte 2 of the line)": the second byte of Zstandard's magic.
    csv = tmp_path / "sales.csv.zst"
    csv.write_bytes(zstd_compress(LATIN))
    with pytest.raises(ValueError) as info:
        data.read_csv(csv, "month", "sales")
    assert str(info.value) == (
        f"CSV file 'sales.csv.zst' must be UTF-8 text, {LATIN_AT} (a Latin-1 or Windows-1252 "
        "file?); save the file as UTF-8."
    )


def test_a_real_zst_csvs_byte_that_is_not_utf8_is_placed_in_the_csv_it_holds(tmp_path):
    zstandard = pytest.importorskip("zstandard")
    csv = tmp_path / "sales.csv.zst"
    csv.write_bytes(zstandard.ZstdCompressor().compress(LATIN))
    with pytest.raises(ValueError) as info:
        data.read_csv(csv, "month", "sales")
    assert str(info.value) == (
        f"CSV file 'sales.csv.zst' must be UTF-8 text, {LATIN_AT} (a Latin-1 or Windows-1252 "
        "file?); save the file as UTF-8."
    )


# An archive of a folder, or of a link, and no file: pandas' AssertionError, tarfile's KeyError


def _tar_of(kind: bytes, name: str, mode: str = "w") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        member = tarfile.TarInfo(name)
        member.type = kind
        member.linkname = "elsewhere.csv" if kind == tarfile.SYMTYPE else ""
        archive.addfile(member)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "packed", "held"),
    [
        ("sales.tar", _tar_of(tarfile.DIRTYPE, "sales"), "the folder 'sales'"),
        ("sales.tar.gz", _tar_of(tarfile.DIRTYPE, "sales", "w:gz"), "the folder 'sales'"),
        ("sales.tar", _tar_of(tarfile.SYMTYPE, "sales.csv"), "the link 'sales.csv'"),
        ("sales.zip", _zip(b"", "sales/"), "the folder 'sales/'"),
    ],
    ids=["tar-folder", "tar.gz-folder", "tar-link", "zip-folder"],
)
def test_an_archive_of_no_file_is_refused_by_name(tmp_path, csv_refusal, name, packed, held):
    # a tar: AssertionError's traceback (a link: KeyError "linkname ... not found"); a zip:
    # "is empty; expected a header row naming the columns"
    csv = tmp_path / name
    csv.write_bytes(packed)
    assert csv_refusal(csv) == (
        f"CSV file {name!r} is an archive of {held} and no file; expected one file in it, the CSV."
    )


# A .tar.bz2 or .tar.xz where Python lacks bz2 or lzma: said not packed as its name says


@pytest.mark.parametrize(
    ("name", "mode", "module", "how", "command"),
    [
        ("sales.tar.bz2", "w:bz2", "bz2", "bzip2", "tar -xjf"),
        ("sales.tar.xz", "w:xz", "lzma", "xz", "tar -xJf"),
    ],
)
def test_a_compressed_tar_whose_module_is_missing_is_refused_as_a_bz2_file_is(
    tmp_path, monkeypatch, csv_refusal, name, mode, module, how, command
):
    # "cannot be unpacked as its name's end '.tar.bz2' says (file could not be opened
    # successfully); name it by what it holds (.csv for CSV text), or pack it again."
    csv = tmp_path / name
    csv.write_bytes(_tar(CSV, mode))
    monkeypatch.setitem(sys.modules, module, None)  # what `import bz2` finds: none
    assert csv_refusal(csv) == (
        f"CSV file {name!r} is {how}-compressed, which pandas unpacks with Python's {module} "
        f"module, left out of this Python; unpack the file first ({command} {name}) and pass "
        "the CSV it holds."
    )


# A compressed file named .csv: "must be UTF-8 text, got byte 0xfd on line 1 (byte 1 ..."


def _zstd_frame(body: bytes) -> bytes:
    # a Zstandard frame that stores ``body`` raw (one raw block), as zstd writes short input
    return (
        b"\x28\xb5\x2f\xfd\x20" + bytes([len(body)]) + ((len(body) << 3) | 1).to_bytes(3, "little")
    ) + body


@pytest.mark.parametrize(
    ("pack", "how", "suffix"),
    [
        (bz2.compress, "bzip2", ".bz2"),
        (lzma.compress, "xz", ".xz"),
        (_zstd_frame, "Zstandard", ".zst"),
        (_zip, "a zip archive", ".zip"),
    ],
)
def test_a_compressed_csv_without_its_suffix_is_refused_as_compressed(
    tmp_path, csv_refusal, pack, how, suffix
):
    # bz2, xz, zstd: named a byte that is not UTF-8 and said to save the file as UTF-8; a zip
    # of a CSV: "an Excel workbook (.xlsx) or another zip archive ...; save it as CSV"
    csv = tmp_path / "sales.csv"
    csv.write_bytes(pack(CSV))
    what = how if how.startswith("a ") else f"{how}-compressed"
    assert csv_refusal(csv) == (
        f"CSV file 'sales.csv' is {what}, not CSV text; name it with the suffix {suffix}, and "
        "it is unpacked."
    )


def test_a_workbook_named_csv_is_refused_as_before(tmp_path, csv_refusal):
    csv = tmp_path / "sales.csv"
    csv.write_bytes(_zip(b"<Types/>", "[Content_Types].xml"))
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is an Excel workbook (.xlsx) or another zip archive, not CSV "
        "text; save it as CSV (UTF-8), or read it with pandas and pass the DataFrame to fit."
    )


def test_a_tgz_is_told_the_suffix_pandas_unpacks_a_tar_by(tmp_path, csv_refusal):
    # "name it with the suffix .gz": sales.tgz.gz then read the tar's bytes as the CSV
    csv = tmp_path / "sales.tgz"
    csv.write_bytes(_tar(CSV, "w:gz"))
    assert csv_refusal(csv) == (
        "CSV file 'sales.tgz' is gzip-compressed, not CSV text; name it with the suffix "
        ".tar.gz, and it is unpacked."
    )
    renamed = tmp_path / "sales.tgz.tar.gz"
    renamed.write_bytes(csv.read_bytes())
    assert data.read_csv(renamed, "month", "sales")["sales"].tolist() == list(range(1, 13))


def test_a_plain_csv_that_is_not_utf8_is_refused_as_before(tmp_path):
    csv = tmp_path / "sales.csv"
    csv.write_bytes(LATIN)
    with pytest.raises(ValueError) as info:
        data.read_csv(csv, "month", "sales")
    assert str(info.value) == (
        f"CSV file 'sales.csv' must be UTF-8 text, {LATIN_AT} (a Latin-1 or Windows-1252 "
        "file?); save the file as UTF-8."
    )


# A compressed file's first lines were read as the packed bytes: blank lines above the header
# not skipped as a plain file's are, Excel's "sep=" note not seen


@pytest.mark.parametrize("name", ["sales.csv.gz", "sales.zip", "sales.tar.gz"])
def test_blank_lines_above_a_compressed_csvs_header_are_skipped_as_a_plain_ones(tmp_path, name):
    # "CSV file 'sales.csv.gz' is empty; expected a header row naming the columns": the
    # first blank line was read as the header, the rest as rows of NaN
    csv = tmp_path / name
    csv.write_bytes(PACKED[name](b"\n \n" + CSV))
    series = data.read_csv(csv, "month", "sales")
    assert series["sales"].tolist() == list(range(1, 13))
    assert str(series.index[0].date()) == "2020-01-01"


@pytest.mark.parametrize("name", ["sales.csv.gz", "sales.tar"])
def test_excels_separator_note_atop_a_compressed_csv_is_refused_as_a_plain_ones(
    tmp_path, csv_refusal, name
):
    # "column(s) ['month', 'sales'] not found in sales.csv.gz; available columns: ['sep=',
    # 'Unnamed: 1']"
    csv = tmp_path / name
    csv.write_bytes(PACKED[name](b"sep=;\n" + CSV.replace(b",", b";")))
    assert csv_refusal(csv) == (
        f"CSV file {name!r} begins with 'sep=;', Excel's note of the separator, where the "
        "header row belongs; delete that first line, and pass sep=';' (CLI: --sep ';')."
    )


def test_forecast_refuses_a_zst_file_read_with_a_zstandard_older_than_pandas_needs(
    tmp_path, monkeypatch, csv_refusal
):
    # the header row peeked at through a zstandard without open() (older than 0.15) was an
    # AttributeError's traceback, before read_csv's refusal of that zstandard
    csv = tmp_path / "sales.csv.zst"
    csv.write_bytes(_zstd_frame(CSV))
    old = types.ModuleType("zstandard")
    old.__version__ = "0.10.0"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zstandard", old)
    assert csv_refusal(csv).startswith(
        "CSV file 'sales.csv.zst' is Zstandard-compressed, which pandas unpacks with the "
        "zstandard package, version 0.10.0 here, older than the "
    )


# A tar named .csv: read as a CSV whose first column was named "sales.csv\x00\x00..."; a
# compressed tar named .csv: told the compression's suffix alone (.gz), which read the tar's
# bytes as the CSV


@pytest.mark.parametrize(
    ("mode", "what", "suffix"),
    [
        ("w", "a tar archive", ".tar"),
        ("w:gz", "gzip-compressed", ".tar.gz"),
        ("w:bz2", "bzip2-compressed", ".tar.bz2"),
        ("w:xz", "xz-compressed", ".tar.xz"),
    ],
)
def test_a_tar_named_csv_is_refused_with_the_suffix_that_unpacks_it(
    tmp_path, csv_refusal, mode, what, suffix
):
    csv = tmp_path / "sales.csv"
    csv.write_bytes(_tar(CSV, mode))
    assert csv_refusal(csv) == (
        f"CSV file 'sales.csv' is {what}, not CSV text; name it with the suffix {suffix}, and "
        "it is unpacked."
    )
    renamed = tmp_path / f"sales{suffix}"  # as it is told
    renamed.write_bytes(csv.read_bytes())
    assert data.read_csv(renamed, "month", "sales")["sales"].tolist() == list(range(1, 13))
