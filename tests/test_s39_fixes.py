"""Session 39's own fixes."""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from lstmkit import data as D


@pytest.mark.parametrize(
    ("name", "how"),
    [
        ("sales.csv", None),
        ("sales.csv.gz", "gzip"),
        ("sales.csv.GZ", "gzip"),
        ("sales.tar.gz", "tar"),
        ("sales.TAR.XZ", "tar"),
        ("sales.tar.bz2", "tar"),
        ("sales.tar", "tar"),
        ("sales.zip", "zip"),
        ("sales.bz2", "bz2"),
        ("sales.xz", "xz"),
        ("sales.zst", "zstd"),
        ("sales.tgz", None),  # as read_csv's own inference: no .tgz
        ("sales.gzip", None),
    ],
)
def test_compression_is_inferred_from_the_files_name_as_read_csv_infers_it(name, how):
    # the bytes are parsed from a buffer (hashed as read), which has no name to infer it from;
    # pandas' own inference is private (pandas.io.common), and its import could break lstmkit's
    assert D._compression(Path("dir.gz") / name) == how


def test_a_tar_gz_csv_is_read_and_hashed_as_its_bytes(tmp_path):
    text = b"month,value\n2020-01,1\n2020-02,2\n2020-03,4\n"
    packed = io.BytesIO()
    with tarfile.open(fileobj=packed, mode="w:gz") as tar:
        info = tarfile.TarInfo("sales.csv")
        info.size = len(text)
        tar.addfile(info, io.BytesIO(text))
    path = tmp_path / "sales.tar.gz"
    path.write_bytes(packed.getvalue())
    gz = tmp_path / "sales.csv.gz"
    gz.write_bytes(gzip.compress(text))
    for file in (path, gz):
        with D._sha256_of_read() as digests:
            table = D._read_table(file)
        assert table["value"].tolist() == ["1", "2", "4"]
        assert digests == {file: hashlib.sha256(file.read_bytes()).hexdigest()}
