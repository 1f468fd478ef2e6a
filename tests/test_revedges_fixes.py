"""Review of the day's input-file messages: pandas 2's RuntimeError for a missing bz2 or lzma
module, an archive whose members' names hold ": ", a file whose packed bytes are damaged, and a
zstandard older than pandas needs."""

from __future__ import annotations

import gzip
import re
import sys
import types
import zipfile

import pandas as pd
import pytest

from lstmkit import data

CSV = b"month,sales\n2020-01,1\n2020-02,2\n2020-03,3\n"


@pytest.mark.parametrize(
    ("name", "module", "message"),
    [
        (
            "sales.csv.bz2",
            "bz2",
            "CSV file 'sales.csv.bz2' is bzip2-compressed, which pandas unpacks with Python's "
            "bz2 module, left out of this Python; unpack the file first (bunzip2 -k "
            "sales.csv.bz2) and pass the CSV it holds.",
        ),
        (
            "sales.csv.xz",
            "lzma",
            "CSV file 'sales.csv.xz' is xz-compressed, which pandas unpacks with Python's lzma "
            "module, left out of this Python; unpack the file first (unxz -k sales.csv.xz) and "
            "pass the CSV it holds.",
        ),
    ],
)
def test_pandas_2s_runtime_error_for_a_missing_unpacker_is_refused_by_name(
    tmp_path, monkeypatch, csv_refusal, name, module, message
):
    # pandas 2.2 (which the package allows) raises RuntimeError, not ImportError, where
    # Python was built without the module: its traceback came through
    csv = tmp_path / name
    csv.write_bytes(CSV)

    def missing(*args, **kwargs):
        raise RuntimeError(
            f"{module} module not available. A Python re-install with the proper "
            "dependencies, might be required to solve this issue."
        )

    monkeypatch.setattr(pd, "read_csv", missing)
    # a packed file is unpacked by pandas' own handle before read_csv parses it
    monkeypatch.setattr("pandas.io.common.get_handle", missing)
    assert csv_refusal(csv) == message  # by read_csv and the CLI alike, nothing written


@pytest.mark.parametrize("name", ["sales.csv", "sales.csv.bz2"])
def test_another_runtime_error_is_not_taken_for_a_missing_unpacker(tmp_path, monkeypatch, name):
    csv = tmp_path / name
    csv.write_bytes(CSV)

    def broken(*args, **kwargs):
        raise RuntimeError("bz2 module not available" if name == "sales.csv" else "a broken pipe")

    monkeypatch.setattr(pd, "read_csv", broken)
    # a packed file is unpacked by pandas' own handle before read_csv parses it
    monkeypatch.setattr("pandas.io.common.get_handle", broken)
    with pytest.raises(RuntimeError, match=r"^(bz2 module not available|a broken pipe)$"):
        data._read_table(csv)


def test_an_archive_whose_members_names_hold_a_colon_lists_them_whole(tmp_path):
    # the list was cut at the last ": ": "(b.csv', 'c.csv')"
    path = tmp_path / "two.csv.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("shop: a.csv", CSV)
        z.writestr("c.csv", CSV)
    with pytest.raises(ValueError) as info:
        data.read_csv(path, "month", "sales")
    assert str(info.value) == (
        "CSV file 'two.csv.zip' is an archive of several files ('shop: a.csv', 'c.csv'), where "
        "one, the CSV, is read; unpack the one you mean and pass it."
    )


def _damaged_zip(path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("sales.csv", CSV * 4)
    packed = bytearray(path.read_bytes())
    start = 30 + len("sales.csv")  # the member's deflated bytes, after its local header
    packed[start : start + 8] = b"\xff" * 8
    path.write_bytes(bytes(packed))


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("sales.csv.gz", "'.gz' says (Error -3 while decompressing data: invalid block type)"),
        ("sales.csv.zip", "'.zip' says (Error -3 while decompressing data: invalid block type)"),
    ],
)
def test_a_csv_whose_packed_bytes_are_damaged_is_refused_by_name(tmp_path, csv_refusal, name, said):
    # zlib's traceback, "zlib.error: Error -3 while decompressing data", where a truncated
    # gzip file was refused by name
    csv = tmp_path / name
    if name.endswith(".gz"):
        packed = gzip.compress(CSV)
        csv.write_bytes(packed[:10] + b"\xff" * 8 + packed[18:])  # after gzip's 10-byte header
    else:
        _damaged_zip(csv)
    message = (
        f"CSV file {name!r} cannot be unpacked as its name's end {said}; name it by what it "
        "holds (.csv for CSV text), or pack it again."
    )
    assert csv_refusal(csv) == message  # by read_csv and the CLI alike, nothing written


def test_a_zstandard_older_than_pandas_needs_is_not_said_missing(tmp_path, monkeypatch):
    # "the zstandard package, not installed here; install it (pip install zstandard)", of a
    # zstandard installed, and older than pandas' minimum
    csv = tmp_path / "sales.csv.zst"
    csv.write_bytes(CSV)
    old = types.ModuleType("zstandard")
    old.__version__ = "0.10.0"
    monkeypatch.setitem(sys.modules, "zstandard", old)
    with pytest.raises(ValueError) as info:
        data.read_csv(csv, "month", "sales")
    need = re.search(r"the (\S+) pandas needs", str(info.value))
    assert need is not None and need.group(1) in ("0.19.0", "0.23.0")  # pandas 2.2, pandas 3
    assert str(info.value) == (
        "CSV file 'sales.csv.zst' is Zstandard-compressed, which pandas unpacks with the "
        f"zstandard package, version 0.10.0 here, older than the {need.group(1)} pandas needs; "
        "upgrade it (pip install -U zstandard), or unpack the file first (zstd -d "
        "sales.csv.zst) and pass the CSV it holds."
    )
