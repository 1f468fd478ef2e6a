"""Review of the compressed-CSV changes (csvpack2): a good CSV is read as before (each test
fails without its fix)."""

from __future__ import annotations

import io
import tarfile
import zipfile

import pytest

from lstmkit import data
from lstmkit.cli import main

CSV = b"month,sales\n" + b"".join(b"2020-%02d-01,%d\n" % (m, m) for m in range(1, 13))
SEP_NOTE = (
    "CSV file 'sales.csv.zst' begins with 'sep=;', Excel's note of the separator, where the "
    "header row belongs; delete that first line, and pass sep=';' (CLI: --sep ';')."
)


def test_a_csv_whose_text_holds_ustar_where_a_tar_has_it_is_read(tmp_path):
    # "gustar " (Spanish) at byte 256: "ustar " at 257 to 262 was taken for a tar's magic, and
    # the file refused as "a tar archive, not CSV text"
    head = b"text,label\n" + b"x" * 245 + b"g"
    csv = tmp_path / "reviews.csv"
    csv.write_bytes(head + b"ustar mucho,1\nhola,0\n")
    assert csv.read_bytes()[257:263] == b"ustar "
    table = data._read_table(csv, row="text", missing=False)
    assert table["label"].tolist() == ["1", "0"]
    assert table["text"].tolist() == ["x" * 245 + "gustar mucho", "hola"]


@pytest.mark.parametrize("format", [tarfile.GNU_FORMAT, tarfile.USTAR_FORMAT, tarfile.PAX_FORMAT])
def test_a_tar_of_each_format_named_csv_is_refused_as_a_tar(tmp_path, csv_refusal, format):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=format) as archive:
        member = tarfile.TarInfo("sales.csv")
        member.size = len(CSV)
        archive.addfile(member, io.BytesIO(CSV))
    csv = tmp_path / "sales.csv"
    csv.write_bytes(buffer.getvalue())
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is a tar archive, not CSV text; name it with the suffix .tar, and "
        "it is unpacked."
    )


# A .zst CSV's first line: zstandard's reader has no readline(), so none was read, and the
# "sep=" note atop it was read as the header ("column(s) ['month', 'sales'] not found")


def test_excels_separator_note_atop_a_zst_csv_is_refused_as_atop_a_gz_one(
    tmp_path, zstd_compress, csv_refusal
):
    csv = tmp_path / "sales.csv.zst"
    csv.write_bytes(zstd_compress(b"sep=;\n" + CSV.replace(b",", b";")))
    assert csv_refusal(csv) == SEP_NOTE


def test_excels_separator_note_atop_a_real_zst_csv_is_refused(tmp_path, csv_refusal):
    zstandard = pytest.importorskip("zstandard")
    csv = tmp_path / "sales.csv.zst"
    csv.write_bytes(zstandard.ZstdCompressor().compress(b"sep=;\n" + CSV.replace(b",", b";")))
    assert csv_refusal(csv) == SEP_NOTE


# tar czf sales.csv.gz sales.csv: its tar's header was read as the CSV ("column(s) ['month']
# not found in sales.csv.gz; available columns: ['sales.csv\x00\x00...', 'sales']")


@pytest.mark.parametrize(
    ("mode", "name", "how", "suffix"),
    [
        ("w:gz", "sales.csv.gz", "gzip", ".tar.gz"),
        ("w:bz2", "sales.csv.bz2", "bzip2", ".tar.bz2"),
        ("w:xz", "sales.csv.xz", "xz", ".tar.xz"),
    ],
)
def test_a_compressed_tar_named_as_a_compressed_csv_is_told_its_tar_suffix(
    tmp_path, csv_refusal, mode, name, how, suffix
):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        member = tarfile.TarInfo("sales.csv")
        member.size = len(CSV)
        archive.addfile(member, io.BytesIO(CSV))
    csv = tmp_path / name
    csv.write_bytes(buffer.getvalue())
    assert csv_refusal(csv) == (
        f"CSV file {name!r} is a tar archive, {how}-compressed, not CSV text; name it with the "
        f"suffix {suffix}, and it is unpacked."
    )
    renamed = tmp_path / f"sales{suffix}"  # as it is told
    renamed.write_bytes(buffer.getvalue())
    assert data.read_csv(renamed, "month", "sales")["sales"].tolist() == list(range(1, 13))


# An encrypted zip: zipfile's RuntimeError traceback ("File 'sales.csv' is encrypted,
# password required for extraction"), and with its header now read for the columns, from
# `lstmkit forecast --csv sales.zip` without --date-col too


def _encrypted_zip() -> bytes:
    """A zip whose one member is marked encrypted (zipfile writes none; the flag is enough)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sales.csv", CSV)
    packed = bytearray(buffer.getvalue())
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local, central header
        start = packed.index(signature) + at
        packed[start] |= 0x1
    return bytes(packed)


def test_an_encrypted_zip_is_refused_by_name(tmp_path, csv_refusal, capsys):
    csv = tmp_path / "sales.zip"
    csv.write_bytes(_encrypted_zip())
    with pytest.raises(RuntimeError, match="is encrypted"), zipfile.ZipFile(csv) as archive:
        archive.read("sales.csv")
    assert csv_refusal(csv) == (
        "CSV file 'sales.zip' is an encrypted zip archive, which pandas does not unpack; unpack "
        "it with its password and pass the CSV."
    )
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    # refused before the column flags are asked for (inputs4): it has no columns to choose
    assert capsys.readouterr() == (
        "",
        f"error: --csv {str(csv)!r} is an encrypted zip archive, which pandas does not unpack; "
        "unpack it with its password and pass the CSV.\n",
    )
