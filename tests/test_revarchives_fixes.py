"""What the review of the archives branch found: a compressed tar's file was unpacked whole
again by every reader that looked for a member after it (the first line, the blank lines above
the header, a labelled file's row numbers), after the archive had been checked to hold one
file, each time."""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from lstmkit import data
from lstmkit.cli import main
from lstmkit.text.labelled import read_labelled_csv

SALES = b"month,sales\n" + b"".join(
    b"%d-%02d-01,%d\n" % (2020 + k // 12, k % 12 + 1, k) for k in range(48)
)
REVIEWS = b"text,label\n" + b"".join(
    b"film %d good,pos\nfilm %d bad,neg\n" % (k, k) for k in range(8)
)


def _tar_gz(path: Path, body: bytes) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        member = tarfile.TarInfo(path.name.removesuffix(".tar.gz") + ".csv")
        member.size = len(body)
        archive.addfile(member, io.BytesIO(body))
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many times a tar was read past its first member's header: each time, a compressed
    tar's first file was unpacked whole to reach what follows it."""
    count = [0]
    next_member = tarfile.TarFile.next

    def counted(self: tarfile.TarFile) -> tarfile.TarInfo | None:
        if self.firstmember is None and self.offset > 0:
            count[0] += 1
        return next_member(self)

    monkeypatch.setattr(tarfile.TarFile, "next", counted)
    return lambda: count[0]


def test_read_csv_looks_past_a_tar_gz_file_twice(tmp_path, scans):
    # once to check that it holds one file, once by pandas (which lists its members); the
    # first line and the blank lines above the header were each looked past once more
    csv = _tar_gz(tmp_path / "sales.tar.gz", SALES)
    assert data.read_csv(csv, "month", "sales")["sales"].tolist() == list(range(48))
    assert scans() == 2


def test_forecast_csv_looks_past_a_tar_gz_file_three_times(tmp_path, scans, planned_runs):
    # its header's columns (none listed for a tar of several files) once more
    csv = _tar_gz(tmp_path / "sales.tar.gz", SALES)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    (plan,) = planned_runs([*argv, "--out", str(tmp_path / "o")])
    assert plan is not None
    assert scans() == 3


def test_read_labelled_csv_looks_past_a_tar_gz_file_twice(tmp_path, scans):
    # its row numbers and runaway quotes, read after the table, looked past it once more each
    csv = _tar_gz(tmp_path / "reviews.tar.gz", REVIEWS)
    texts, labels = read_labelled_csv(csv, text_col="text", label_col="label")
    assert (texts[:2], labels[:2], len(labels)) == (
        ["film 0 good", "film 0 bad"],
        ["pos", "neg"],
        16,
    )
    assert scans() == 2


def test_a_tar_gz_of_two_csvs_is_still_refused_by_every_reader(tmp_path, csv_refusal, capsys):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, body in (("a.csv", REVIEWS), ("b.csv", REVIEWS)):
            member = tarfile.TarInfo(name)
            member.size = len(body)
            archive.addfile(member, io.BytesIO(body))
    csv = tmp_path / "sales.tar.gz"
    csv.write_bytes(buffer.getvalue())
    said = (
        "is an archive of several files ('a.csv', 'b.csv'), where one, the CSV, is read; "
        "unpack the one you mean and pass it."
    )
    assert csv_refusal(csv) == f"CSV file 'sales.tar.gz' {said}"
    with pytest.raises(ValueError) as info:
        read_labelled_csv(csv, text_col="text", label_col="label")
    assert str(info.value) == f"CSV file 'sales.tar.gz' {said}"
    argv = ["text", "train", "--csv", str(csv), "--text-col", "text", "--label-col", "label"]
    assert main([*argv, "--out", str(tmp_path / "t")]) == 2
    assert capsys.readouterr() == ("", f"error: --csv {str(csv)!r} {said}\n")


# A zip whose file is packed with bzip2, in a Python built without bz2: named .csv, it was
# "an encrypted zip archive" (zipfile's RuntimeError taken for a password's); named .zip, a
# RuntimeError traceback. Both are refused by the method, as a Deflate64 one is.


@pytest.fixture
def bzip2_zip(monkeypatch: pytest.MonkeyPatch) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("sales.csv", SALES)
    monkeypatch.setattr(zipfile, "bz2", None)  # "Compression requires the (missing) bz2 module"
    return buffer.getvalue()


def test_a_zip_named_csv_whose_bz2_is_missing_is_not_called_encrypted(
    tmp_path, csv_refusal, bzip2_zip
):
    csv = tmp_path / "sales.csv"
    csv.write_bytes(bzip2_zip)
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is a zip archive packed with bzip2 (compression method 12), not "
        "CSV text; unpack it with a tool that can (7-Zip, unzip) and pass the CSV."
    )


def test_a_zip_whose_bz2_is_missing_is_refused_by_its_method(tmp_path, csv_refusal, bzip2_zip):
    csv = tmp_path / "sales.zip"
    csv.write_bytes(bzip2_zip)
    assert csv_refusal(csv) == (
        "CSV file 'sales.zip' is a zip archive packed with bzip2 (compression method 12), which "
        "Python's zipfile does not unpack; unpack it with a tool that can (7-Zip, unzip) and "
        "pass the CSV."
    )
