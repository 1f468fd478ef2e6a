"""Review of the compressed-CSV changes (csvpack2): a good CSV is read as before (each test
fails without its fix)."""

from __future__ import annotations

import io
import tarfile

import pytest

from lstmkit import data

CSV = b"month,sales\n" + b"".join(b"2020-%02d-01,%d\n" % (m, m) for m in range(1, 13))


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
