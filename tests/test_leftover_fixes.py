"""Input-handling leftovers of earlier reviews: the metrics' inputs and packed CSV files."""

from __future__ import annotations

import bz2
import gzip
import io
import struct
import tarfile
import zipfile

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.metrics import evaluate, mae, mase, rmse

_NO_ARRAY = "`{}` must be an array of numbers (numpy, pandas, a list or a tensor), got {}."


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        ({0: 1.0, 1: 2.0}, "dict"),
        ({1.0, 2.0}, "set"),
        (frozenset({1.0, 2.0}), "frozenset"),
        ((v for v in (1.0, 2.0)), "generator"),
    ],
)
def test_a_dict_or_a_set_is_a_wrong_type(given, kind):
    # ValueError "... got dict that numpy cannot read as floats (float() argument must be a
    # string or a real number, not 'dict')", where complex values and a wrong `m` are
    # TypeErrors; a set has no order to pair its points by
    with pytest.raises(TypeError) as err:
        rmse([1.0, 2.0], given)
    assert str(err.value) == _NO_ARRAY.format("y_pred", kind)
    with pytest.raises(TypeError) as err:
        mase([1.0], [2.0], y_train=given)
    assert str(err.value) == _NO_ARRAY.format("y_train", kind)
    with pytest.raises(TypeError) as err:  # the scalers read values alike
        D.StandardScaler().fit(given)
    assert str(err.value) == _NO_ARRAY.format("x", kind)
    # text in a list is a value numpy cannot read: a ValueError still
    with pytest.raises(ValueError, match=r"^`y_true` must be an array of numbers, got list "):
        mae(["1", "x"], [1.0, 2.0])


_DATES = (
    "`{}` must hold values only, got dates ({}); keep the dates apart, as a pandas index, and "
    "pass the values."
)


@pytest.mark.parametrize(
    "dates",
    [
        pd.Series(pd.date_range("2020-01-01", periods=2, unit="ns")),
        pd.Series(pd.date_range("2020-01-01", periods=2, unit="ns", tz="UTC")),
        pd.date_range("2020-01-01", periods=2, unit="ns"),
        np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[ns]"),
    ],
)
def test_dates_are_not_scored_as_numbers(dates):
    # scored as nanoseconds since 1970: rmse came out 1577880000591374.2, without a word
    with pytest.raises(ValueError) as err:
        rmse(dates, [1.0, 2.0])
    assert str(err.value) == _DATES.format("y_true", dates.dtype)
    with pytest.raises(ValueError) as err:
        evaluate([1.0, 2.0], [1.0, 2.0], y_train=dates)
    assert str(err.value) == _DATES.format("y_train", dates.dtype)


def test_durations_and_frames_of_dates_are_refused_by_name():
    hours = pd.Series(pd.to_timedelta([1, 2], unit="h"))
    with pytest.raises(TypeError) as err:
        rmse([1.0, 2.0], hours)
    assert str(err.value) == (
        "`y_pred` must hold numbers, got durations (first Timedelta('0 days 01:00:00')); give "
        "them in a unit, e.g. y_pred.dt.total_seconds() / 3600 for hours."
    )
    frame = pd.DataFrame({"month": pd.date_range("2020-01-01", periods=2, freq="MS")})
    with pytest.raises(ValueError, match=r"^`y_true` must hold values only, .* 'month' \("):
        rmse(frame, [1.0, 2.0])
    # the values themselves, with the dates as their index, are scored
    values = pd.Series([1.0, 3.0], index=frame["month"])
    assert rmse(values, values - 1.0) == 1.0


# Packed CSV files
CSV = b"month,sales\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in members.items():
            # a fixed time, not the clock's: the bytes are test ids, which every xdist worker
            # must collect alike
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            if name.endswith("/"):  # a folder, as writestr marks one given a name
                info.external_attr = 0o40775 << 16 | 0x10
            archive.writestr(info, body)
    return buffer.getvalue()


def _tar(members: dict[str, bytes | None], gzipped: bool = False) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            if body is None:
                info.type = tarfile.DIRTYPE
            else:
                info.size = len(body)
            archive.addfile(info, None if body is None else io.BytesIO(body))
    # gzip's header keeps a time: a fixed one, as in _zip
    return gzip.compress(buffer.getvalue(), mtime=0) if gzipped else buffer.getvalue()


def _refusal(path) -> str:
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "month", "sales")
    return str(err.value)


def test_a_zip_of_several_files_named_csv_is_told_to_unpack_one(tmp_path):
    # "name it with the suffix .zip, and it is unpacked": so named, it was refused as an
    # archive of several files
    csv = tmp_path / "two.csv"
    csv.write_bytes(_zip({"a.csv": CSV, "b.csv": CSV}))
    assert _refusal(csv) == (
        "CSV file 'two.csv' is a zip archive of several files ('a.csv', 'b.csv'), not CSV text; "
        "unpack the one you mean and pass it."
    )
    one = tmp_path / "one.csv"  # the advice to rename one file's zip stands
    one.write_bytes(_zip({"sales.csv": CSV}))
    assert _refusal(one) == (
        "CSV file 'one.csv' is a zip archive, not CSV text; name it with the suffix .zip, and "
        "it is unpacked."
    )
    renamed = tmp_path / "one.zip"
    renamed.write_bytes(one.read_bytes())
    assert D.read_csv(renamed, "month", "sales")["sales"].tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    ("name", "packed", "folder"),
    [
        ("sales.zip", _zip({"data/": b"", "data/sales.csv": CSV}), "data/"),
        ("sales.tar", _tar({"data": None, "data/sales.csv": CSV}), "data"),
        ("sales.tar.gz", _tar({"data": None, "data/sales.csv": CSV}, gzipped=True), "data"),
    ],
)
def test_a_file_in_a_folder_is_no_archive_of_several_files(tmp_path, name, packed, folder):
    # "is an archive of several files ('data/', 'data/sales.csv'), where one, the CSV, is
    # read; unpack the one you mean": there is one file, beside its folder
    csv = tmp_path / name
    csv.write_bytes(packed)
    assert _refusal(csv) == (
        f"CSV file {name!r} is an archive of one file, 'data/sales.csv', and the folder "
        f"{folder!r}, where an archive of the CSV alone is read; unpack it and pass it."
    )
    named_csv = tmp_path / "sales.csv"  # a zip named .csv is told the same
    if name.endswith(".zip"):
        named_csv.write_bytes(packed)
        assert _refusal(named_csv) == (
            "CSV file 'sales.csv' is a zip archive of one file, 'data/sales.csv', and the folder "
            "'data/', not CSV text; unpack it and pass it."
        )


def test_folders_and_no_file_and_several_files_in_folders(tmp_path):
    folders = tmp_path / "folders.zip"
    folders.write_bytes(_zip({"a/": b"", "a/b/": b""}))
    assert _refusal(folders) == (
        "CSV file 'folders.zip' is an archive of the folders 'a/', 'a/b/' and no file; "
        "expected one file in it, the CSV."
    )
    several = tmp_path / "several.tar"
    several.write_bytes(_tar({"d": None, "d/a.csv": CSV, "d/b.csv": CSV}))
    assert _refusal(several) == (
        "CSV file 'several.tar' is an archive of several files ('d/a.csv', 'd/b.csv'), and the "
        "folder 'd', where one, the CSV, is read; unpack the one you mean and pass it."
    )


def test_an_empty_bzip2_file_named_csv_is_said_to_be_bzip2(tmp_path):
    # "must be UTF-8 text, got byte 0x90 on line 1 (byte 10 of the line), which is not UTF-8
    # (a Latin-1 or Windows-1252 file?)": an empty bzip2 stream has no block header, only
    # its end-of-stream marker
    csv = tmp_path / "sales.csv"
    csv.write_bytes(bz2.compress(b""))
    assert _refusal(csv) == (
        "CSV file 'sales.csv' is bzip2-compressed, not CSV text; name it with the suffix .bz2, "
        "and it is unpacked."
    )
    renamed = tmp_path / "sales.csv.bz2"
    renamed.write_bytes(csv.read_bytes())
    assert _refusal(renamed) == (
        "CSV file 'sales.csv.bz2' is empty; expected a header row naming the columns, then one "
        "row per timestamp."
    )


def _deflate64(body: bytes) -> bytes:
    """A zip of one member marked packed with Deflate64 (method 9), in its local and central
    headers: zipfile writes none, and reads none."""
    packed = bytearray(_zip({"sales.csv": body}))
    for signature, at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = packed.find(signature) + at
        packed[start : start + 2] = struct.pack("<H", 9)
    return bytes(packed)


def test_a_zip_packed_with_deflate64_is_refused_by_name(tmp_path, capsys):
    # zipfile's NotImplementedError traceback, "That compression method is not supported"
    csv = tmp_path / "sales.zip"
    csv.write_bytes(_deflate64(CSV))
    with zipfile.ZipFile(csv) as archive, pytest.raises(NotImplementedError):
        archive.read("sales.csv")  # what Python does with it
    refused = (
        "CSV file 'sales.zip' is a zip archive packed with deflate64 (compression method 9), "
        "which Python's zipfile does not unpack; unpack it with a tool that can (7-Zip, "
        "unzip) and pass the CSV."
    )
    assert _refusal(csv) == refused
    assert main(["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]) == 2
    flagged = refused.replace("CSV file 'sales.zip'", f"--csv {str(csv)!r}")
    assert capsys.readouterr().err == f"error: {flagged}\n"
