"""A `.tar.zst` CSV: pandas unpacks it as a `.zst`, so its tar's header was read as the CSV's
text, where a `.tar.gz`, `.tar.bz2` or `.tar.xz` is unpacked as a tar of one file.

The files are compressed by zstandard where it is installed, else unpacked by a stand-in for it
(the ``zstd_compress`` fixture)."""

from __future__ import annotations

import io
import sys
import tarfile
from pathlib import Path

import pytest

from lstmkit import data
from lstmkit.text.charlm import read_corpus
from lstmkit.text.labelled import read_labelled_csv

CSV = b"month,sales\n2020-01,1\n2020-02,2\n2020-03,3\n"


def _tar(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, content in files.items():
            member = tarfile.TarInfo(name)
            member.size = len(content)
            archive.addfile(member, io.BytesIO(content))
    return buffer.getvalue()


def test_a_tar_zst_of_one_csv_reads_as_the_csv(tmp_path: Path, zstd_compress) -> None:
    path = tmp_path / "sales.tar.zst"
    path.write_bytes(zstd_compress(_tar(**{"sales.csv": CSV})))
    assert data.read_csv(path, "month", "sales")["sales"].tolist() == [1.0, 2.0, 3.0]
    assert data.series_names(path, "month") == ["2020-01", "2020-02", "2020-03"]


def test_a_tar_zst_of_text_reads_as_labelled_texts_and_as_a_corpus(
    tmp_path: Path, zstd_compress
) -> None:
    path = tmp_path / "reviews.tar.zst"
    path.write_bytes(
        zstd_compress(_tar(**{"reviews.csv": b"text,label\ngood film,pos\nawful,neg\n"}))
    )
    assert read_labelled_csv(path, "text", "label") == (["good film", "awful"], ["pos", "neg"])
    path = tmp_path / "poems.tar.zst"
    path.write_bytes(zstd_compress(_tar(**{"poems.txt": "Shall I compare thee\ncafé\n".encode()})))
    assert read_corpus(path) == "Shall I compare thee\ncafé\n"


def test_a_tar_zst_is_refused_as_other_compressed_tars_are(
    tmp_path: Path, csv_refusal, zstd_compress
) -> None:
    several = tmp_path / "sales.tar.zst"
    several.write_bytes(zstd_compress(_tar(**{"a.csv": CSV, "b.csv": CSV})))
    assert csv_refusal(several) == (
        "CSV file 'sales.tar.zst' is an archive of several files ('a.csv', 'b.csv'), where "
        "one, the CSV, is read; unpack the one you mean and pass it."
    )
    # named as a .zst CSV, it is said to be a tar, as a .csv.gz tar is (its header was the CSV's)
    misnamed = tmp_path / "sales.csv.zst"
    misnamed.write_bytes(zstd_compress(_tar(**{"sales.csv": CSV})))
    assert csv_refusal(misnamed) == (
        "CSV file 'sales.csv.zst' is a tar archive, Zstandard-compressed, not CSV text; name it "
        "with the suffix .tar.zst, and it is unpacked."
    )


def test_a_tar_zst_header_naming_a_column_twice_is_warned_of(tmp_path: Path, zstd_compress) -> None:
    # the header was read again by pandas from the path, as a .zst: the tar's header block
    # and the first column's name read as one name, so nothing was said of the first column
    path = tmp_path / "sales.tar.zst"
    csv = b"sales,sales,month\n1,5,2020-01\n2,6,2020-02\n3,7,2020-03\n"
    path.write_bytes(zstd_compress(_tar(**{"sales.csv": csv})))
    with pytest.warns(UserWarning) as said:
        data.read_csv(path, "month", "sales")
    assert [str(w.message) for w in said] == [
        f"CSV file {str(path)!r} names the column 'sales' twice in its header (columns 1 and 2); "
        "they read as 'sales', 'sales.1', in that order, so 'sales' is the first of them. Rename "
        "them in the file to be sure which one you ask for."
    ]


def test_a_tar_zst_without_zstandard_is_told_to_be_unpacked_with_tar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, csv_refusal
) -> None:
    # "zstd -d sales.tar.zst" unpacked the tar, not the CSV it holds
    path = tmp_path / "sales.tar.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd packed bytes")  # never unpacked: the import fails first
    monkeypatch.setitem(sys.modules, "zstandard", None)  # what `import zstandard` finds: none
    assert csv_refusal(path) == (
        "CSV file 'sales.tar.zst' is Zstandard-compressed, which lstmkit unpacks with the "
        "zstandard package, not installed here; install it (pip install zstandard), or unpack "
        "the file first (tar --zstd -xf sales.tar.zst) and pass the CSV it holds."
    )


def test_a_tar_zst_row_too_wide_is_counted_against_the_csv_header(
    tmp_path: Path, csv_refusal, zstd_compress
) -> None:
    # the header was read again by pandas from the path, as a .zst: the tar's header block
    # with the CSV's first line, right only where the member's name holds no comma (this
    # one's counted "the header's 4 fields")
    path = tmp_path / "sales,2020.tar.zst"
    csv = b"month,sales,x\n2020-01,1,1\n2020-02,2,9,4\n2020-03,3,1\n"
    path.write_bytes(zstd_compress(_tar(**{"sales,2020.csv": csv})))
    assert csv_refusal(path) == (
        "CSV file 'sales,2020.tar.zst' cannot be read as a table (Expected 3 fields in line 3, "
        "saw 4); every row must have the header's 3 fields; a value holding the separator ',' "
        "must be quoted."
    )
