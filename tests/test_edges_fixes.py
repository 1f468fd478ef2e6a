"""Input files: a compressed CSV whose unpacker is missing, a non-UTF-8 file read once, and
which data ``lstmkit explain --csv`` explained; a worker's records logged again through a
``MemoryHandler`` that several of them fill."""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data
from lstmkit.cli import main

FAST = ["--epochs", "1", "--ensemble", "1", "--no-stat-baselines", "--hidden-size", "4"]


# `.zst` without zstandard, `.bz2` and `.xz` without Python's module: pandas' ImportError


@pytest.mark.parametrize(
    ("name", "module", "message"),
    [
        (
            "sales.csv.zst",
            "zstandard",
            "CSV file 'sales.csv.zst' is Zstandard-compressed, which pandas unpacks with the "
            "zstandard package, not installed here; install it (pip install zstandard), or "
            "unpack the file first (zstd -d sales.csv.zst) and pass the CSV it holds.",
        ),
        (
            "my sales.csv.bz2",
            "bz2",
            "CSV file 'my sales.csv.bz2' is bzip2-compressed, which pandas unpacks with Python's "
            "bz2 module, left out of this Python; unpack the file first (bunzip2 -k 'my "
            "sales.csv.bz2') and pass the CSV it holds.",
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
def test_a_compressed_csv_whose_unpacker_is_missing_is_refused_by_name(
    tmp_path, monkeypatch, csv_refusal, name, module, message
):
    # pandas' ImportError ("`Import zstandard` failed. Use pip, conda, ...") came as a
    # traceback, naming neither the file nor that it could be unpacked first
    csv = tmp_path / name
    csv.write_bytes(b"\x28\xb5\x2f\xfd packed bytes")  # never unpacked: the import fails first
    monkeypatch.setitem(sys.modules, module, None)  # what `import zstandard` finds: none
    if module != "zstandard" and "pandas.compat.compressors" in sys.modules:
        # pandas 2 imported bz2 and lzma with itself, and asks whether it found them
        compressors = sys.modules["pandas.compat.compressors"]
        monkeypatch.setattr(compressors, f"has_{module}", False)
    assert csv_refusal(csv) == message  # by read_csv and the CLI alike, nothing written


def test_another_import_error_of_a_plain_csv_is_not_taken_for_a_missing_unpacker(
    tmp_path, monkeypatch
):
    csv = tmp_path / "sales.csv"
    csv.write_text("month,sales\n2020-01,1\n", "utf-8")

    def broken(*args, **kwargs):
        raise ImportError("a broken install")

    monkeypatch.setattr(pd, "read_csv", broken)
    with pytest.raises(ImportError, match=r"^a broken install$"):
        data._read_table(csv)


# A file whose name's end names a packing it is not in, or an archive of other than one file

CSV = b"month,sales\n2020-01,1\n2020-02,2\n2020-03,3\n"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("sales.csv.gz", "'.gz' says (Not a gzipped file (b'mo'))"),
        ("sales.csv.bz2", "'.bz2' says (Invalid data stream)"),
        ("sales.csv.xz", "'.xz' says (Input format not supported by decoder)"),
        ("sales.csv.zip", "'.zip' says (File is not a zip file)"),
        ("sales.csv.tar", "'.tar' says (file could not be opened successfully)"),
        ("sales.csv.tar.gz", "'.tar.gz' says (file could not be opened successfully)"),
    ],
)
def test_a_csv_not_packed_as_its_suffix_says_is_refused_by_name(tmp_path, csv_refusal, name, said):
    # zipfile's, tarfile's and lzma's tracebacks; gzip's "error: Not a gzipped file (b'mo')"
    csv = tmp_path / name
    csv.write_bytes(CSV)
    message = (
        f"CSV file {name!r} cannot be unpacked as its name's end {said}; name it by what it "
        "holds (.csv for CSV text), or pack it again."
    )
    assert csv_refusal(csv) == message  # by read_csv and the CLI alike, nothing written


def test_a_truncated_gzip_file_is_refused_by_name(tmp_path):
    csv = tmp_path / "sales.csv.gz"
    csv.write_bytes(gzip.compress(CSV)[:-12])
    with pytest.raises(ValueError) as info:
        data.read_csv(csv, "month", "sales")
    assert str(info.value) == (
        "CSV file 'sales.csv.gz' cannot be unpacked as its name's end '.gz' says (Compressed "
        "file ended before the end-of-stream marker was reached); name it by what it holds "
        "(.csv for CSV text), or pack it again."
    )


@pytest.mark.parametrize("suffix", [".zip", ".tar"])
def test_an_archive_of_other_than_one_file_is_refused_by_name(tmp_path, suffix):
    # pandas' "Zero files found in ZIP file <_io.BytesIO object at 0x7f...>", and "Multiple
    # files found in ZIP file. Only one file per ZIP: [...]", naming no file
    import io
    import tarfile
    import zipfile

    def archive(path: Path, members: list[str]) -> None:
        if suffix == ".zip":
            with zipfile.ZipFile(path, "w") as z:
                for member in members:
                    z.writestr(member, CSV)
            return
        with tarfile.open(path, "w") as tar:
            for member in members:
                info = tarfile.TarInfo(member)
                info.size = len(CSV)
                tar.addfile(info, io.BytesIO(CSV))

    empty, two = tmp_path / f"empty.csv{suffix}", tmp_path / f"two.csv{suffix}"
    archive(empty, [])
    archive(two, ["a.csv", "b.csv"])
    with pytest.raises(ValueError) as info:
        data.read_csv(empty, "month", "sales")
    assert str(info.value) == (
        f"CSV file 'empty.csv{suffix}' is an empty archive; expected one file in it, the CSV."
    )
    with pytest.raises(ValueError) as info:
        data.read_csv(two, "month", "sales")
    assert str(info.value) == (
        f"CSV file 'two.csv{suffix}' is an archive of several files ('a.csv', 'b.csv'), where "
        "one, the CSV, is read; unpack the one you mean and pass it."
    )
    one = tmp_path / f"one.csv{suffix}"
    archive(one, ["sales.csv"])
    assert data.read_csv(one, "month", "sales")["sales"].tolist() == [1.0, 2.0, 3.0]


# A non-UTF-8 file: its position found in the bytes read, not in the file read again

LATIN_1 = "month,sales\n2020-01,caf\xe9\n".encode("latin-1")
SAYS = (
    "CSV file '{}' must be UTF-8 text, got byte 0xe9 on line 2 (byte 12 of the line), which "
    "is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8."
)


def test_a_non_utf8_csv_is_read_once_for_its_message(tmp_path, monkeypatch):
    csv = tmp_path / "sales.csv"
    csv.write_bytes(LATIN_1)
    reads: list[Path] = []
    read_bytes = Path.read_bytes

    def counted(self: Path) -> bytes:
        reads.append(self)
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    with pytest.raises(ValueError) as info:
        data._read_table(csv)
    assert str(info.value) == SAYS.format("sales.csv")
    assert reads == [csv]  # twice: once parsed, once again for the message


@pytest.mark.parametrize("suffix", [".gz", ".zip"])
def test_a_compressed_non_utf8_csv_is_unpacked_from_the_bytes_read(tmp_path, monkeypatch, suffix):
    import zipfile

    csv = tmp_path / f"sales.csv{suffix}"
    if suffix == ".gz":
        csv.write_bytes(gzip.compress(LATIN_1))
    else:
        with zipfile.ZipFile(csv, "w") as z:
            z.writestr("sales.csv", LATIN_1)
    data_read = csv.read_bytes()

    def refused(*args, **kwargs):
        raise AssertionError("the file was opened again")

    monkeypatch.setattr(gzip, "open", refused)
    monkeypatch.setattr(zipfile.ZipFile, "__init__", _zip_of_bytes_only(zipfile.ZipFile.__init__))
    with pytest.raises(ValueError) as info:
        data._read_table(csv)
    assert str(info.value) == SAYS.format(csv.name)
    assert csv.read_bytes() == data_read


def _zip_of_bytes_only(init):
    """``ZipFile.__init__`` that refuses a path (pandas and lstmkit open the bytes read)."""

    def opened(self, file, *args, **kwargs):
        if isinstance(file, str | Path):
            raise AssertionError("the file was opened again")
        init(self, file, *args, **kwargs)

    return opened


# explain --csv records which data it explained, as predict does


def test_explain_csv_records_the_sha256_of_the_data_it_read(tmp_path, capsys, undrawn_figures):
    months = pd.date_range("2018-01-01", periods=48, freq="MS").strftime("%Y-%m-%d")
    csv = tmp_path / "sales.csv"
    pd.DataFrame({"month": months, "sales": 100 + np.arange(48.0)}).to_csv(csv, index=False)
    model = tmp_path / "model"
    argv = ["--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main(["forecast", *argv, "--horizon", "3", *FAST, "--out", str(model)]) == 0
    capsys.readouterr()
    recorded = json.loads((model / "run.json").read_text("utf-8"))["dataset_sha256"]
    expected = hashlib.sha256(csv.read_bytes()).hexdigest()
    assert recorded == expected  # forecast's, for the same file
    out = tmp_path / "explained"
    assert main(["explain", str(model), "--csv", str(csv), "--json", "--out", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["data_sha256"] == expected
    assert json.loads((out / "explanation.json").read_text("utf-8"))["data_sha256"] == expected
    keys = list(printed)
    assert keys[keys.index("csv") + 1] == "data_sha256"  # beside the file it names
    # the model's own training data: no file read, as predict records it
    assert main(["explain", str(model), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_sha256"] is None
