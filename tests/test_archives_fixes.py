"""Archives and compressed CSV files, every kind through every reader that takes a file:
``read_csv``, ``read_labelled_csv``, `lstmkit forecast --csv` and `lstmkit text train --csv`
read the same files and refuse the same ones in the same words (an encrypted zip, a zip of
two CSVs, an empty archive, a tar of a folder, a damaged gzip)."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from lstmkit import data
from lstmkit.cli import main
from lstmkit.text.labelled import read_labelled_csv

SALES = b"month,sales\n" + b"".join(b"2020-%02d-01,%d\n" % (m, m) for m in range(1, 13))
REVIEWS = b"text,label\n" + b"".join(
    b"film %d good,pos\nfilm %d bad,neg\n" % (k, k) for k in range(8)
)

# A member is (name, its bytes), or (name, None) for a folder
Members = list[tuple[str, bytes | None]]


def _tar(members: Members, mode: str = "w") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, body in members:
            member = tarfile.TarInfo(name)
            if body is None:
                member.type = tarfile.DIRTYPE
                archive.addfile(member)
            else:
                member.size = len(body)
                archive.addfile(member, io.BytesIO(body))
    return buffer.getvalue()


def _zip(members: Members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in members:
            if body is None:
                archive.writestr(zipfile.ZipInfo(f"{name}/"), b"")
            else:
                archive.writestr(name, body)
    return buffer.getvalue()


# Each kind of archive pandas unpacks by its name's end: the name, how it is packed
ARCHIVES: dict[str, Callable[[Members], bytes]] = {
    "sales.zip": _zip,
    "sales.tar": _tar,
    "sales.tar.gz": lambda members: _tar(members, "w:gz"),
    "sales.tar.bz2": lambda members: _tar(members, "w:bz2"),
    "sales.tar.xz": lambda members: _tar(members, "w:xz"),
}
# and each compression of one file
STREAMS: dict[str, Callable[[bytes], bytes]] = {
    "sales.csv.gz": gzip.compress,
    "sales.csv.bz2": bz2.compress,
    "sales.csv.xz": lzma.compress,
}
KINDS = [*ARCHIVES, *STREAMS]


def _packed(tmp_path: Path, name: str, members: Members) -> Path:
    path = tmp_path / name
    if name in STREAMS:
        ((_, body),) = members
        path.write_bytes(STREAMS[name](body or b""))
    else:
        path.write_bytes(ARCHIVES[name](members))
    return path


@pytest.fixture(autouse=True, params=["pandas-handle", "no-pandas-handle"])
def _unpacker(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test twice: with pandas' internal ``get_handle``, and without it (a later pandas
    may move it), where lstmkit unpacks the file itself, alike."""
    if request.param == "no-pandas-handle":
        import pandas.io.common

        monkeypatch.delattr(pandas.io.common, "get_handle")


@pytest.fixture
def text_refusal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Callable[[Path], str]:
    """What ``read_labelled_csv`` refuses ``csv`` with, checked to be what `lstmkit text train
    --csv CSV` says (exit 2, the file named by its flag and path, --out not made)."""

    def refusal(csv: Path) -> str:
        with pytest.raises(ValueError) as info:
            read_labelled_csv(csv, text_col="text", label_col="label")
        message = str(info.value)
        out = tmp_path / "refused"
        argv = ["text", "train", "--csv", str(csv), "--text-col", "text", "--label-col", "label"]
        assert main([*argv, "--out", str(out)]) == 2
        said = message.removeprefix(f"CSV file {csv.name!r} ")
        assert capsys.readouterr() == ("", f"error: --csv {str(csv)!r} {said}\n")
        assert not out.exists()
        return message

    return refusal


# Read: every kind holding one CSV


@pytest.mark.parametrize("name", KINDS)
def test_every_kind_of_one_csv_is_read_alike(tmp_path, capsys, name):
    csv = _packed(tmp_path, name, [("sales.csv", SALES)])
    assert data.read_csv(csv, "month", "sales")["sales"].tolist() == list(range(1, 13))
    argv = ["forecast", "--csv", str(csv), "--value-col", "sales", "--out", str(tmp_path / "o")]
    assert main(argv) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --csv needs --date-col ({str(csv)!r} has the columns month, sales).\n",
    )
    (tmp_path / "t").mkdir()
    texts = _packed(tmp_path / "t", name, [("reviews.csv", REVIEWS)])
    texts, labels = read_labelled_csv(texts, text_col="text", label_col="label")
    assert (texts[:2], labels[:2], len(labels)) == (
        ["film 0 good", "film 0 bad"],
        ["pos", "neg"],
        16,
    )


# Refused: the same words for every kind of archive, by every reader


def _refused(csv_refusal, text_refusal, tmp_path, name, members, sales, reviews) -> None:
    """``members`` packed as ``name`` are refused with ``sales`` (a sales CSV's archive, by
    read_csv and forecast) and ``reviews`` (a labelled one's, by read_labelled_csv and text
    train); "{name}" in them stands for the file's name."""
    (tmp_path / "s").mkdir()
    csv = _packed(tmp_path / "s", name, [(n, SALES if b else None) for n, b in members])
    assert csv_refusal(csv) == f"CSV file {name!r} " + sales.format(name=name)
    (tmp_path / "t").mkdir()
    texts = _packed(tmp_path / "t", name, [(n, REVIEWS if b else None) for n, b in members])
    assert text_refusal(texts) == f"CSV file {name!r} " + reviews.format(name=name)


@pytest.mark.parametrize("name", ARCHIVES)
def test_an_archive_of_two_csvs_is_refused_alike(csv_refusal, text_refusal, tmp_path, name):
    said = (
        "is an archive of several files ('a.csv', 'b.csv'), where one, the CSV, is read; "
        "unpack the one you mean and pass it."
    )
    members = [("a.csv", b"x"), ("b.csv", b"x")]
    _refused(csv_refusal, text_refusal, tmp_path, name, members, said, said)


@pytest.mark.parametrize("name", ARCHIVES)
def test_an_empty_archive_is_refused_alike(csv_refusal, text_refusal, tmp_path, name):
    said = "is an empty archive; expected one file in it, the CSV."
    _refused(csv_refusal, text_refusal, tmp_path, name, [], said, said)


@pytest.mark.parametrize("name", ARCHIVES)
def test_an_archive_of_a_folder_alone_is_refused_alike(csv_refusal, text_refusal, tmp_path, name):
    folder = "data/" if name.endswith(".zip") else "data"
    said = f"is an archive of the folder {folder!r} and no file; expected one file in it, the CSV."
    _refused(csv_refusal, text_refusal, tmp_path, name, [("data", None)], said, said)


@pytest.mark.parametrize("name", ARCHIVES)
def test_an_archive_of_a_folder_and_its_csv_is_refused_alike(
    csv_refusal, text_refusal, tmp_path, name
):
    folder = "data/" if name.endswith(".zip") else "data"
    said = (
        f"is an archive of one file, 'data/sales.csv', and the folder {folder!r}, where an "
        "archive of the CSV alone is read; unpack it and pass it."
    )
    members = [("data", None), ("data/sales.csv", b"x")]
    _refused(csv_refusal, text_refusal, tmp_path, name, members, said, said)


def _encrypted_zip(body: bytes) -> bytes:
    """A zip of ``sales.csv`` whose member is marked encrypted (bit 0 of its flags), as
    ``zip -e`` marks it: zipfile asks for its password."""
    packed = bytearray(_zip([("sales.csv", body)]))
    packed[6] |= 1  # the local header's flags
    packed[packed.find(b"PK\x01\x02") + 8] |= 1  # the central directory's
    return bytes(packed)


def test_an_encrypted_zip_is_refused_alike(csv_refusal, text_refusal, tmp_path):
    said = (
        "is an encrypted zip archive, which pandas does not unpack; unpack it with its "
        "password and pass the CSV."
    )
    sales = tmp_path / "sales.zip"
    sales.write_bytes(_encrypted_zip(SALES))
    assert csv_refusal(sales) == f"CSV file 'sales.zip' {said}"
    reviews = tmp_path / "reviews.zip"
    reviews.write_bytes(_encrypted_zip(REVIEWS))
    assert text_refusal(reviews) == f"CSV file 'reviews.zip' {said}"


@pytest.mark.parametrize(
    ("name", "damage", "said"),
    [
        (
            "sales.csv.gz",
            lambda b: gzip.compress(b)[:-12],
            "Compressed file ended before the end-of-stream marker was reached",
        ),
        ("sales.csv.gz", lambda b: b, "Not a gzipped file (b'{head}')"),
        ("sales.csv.bz2", lambda b: b, "Invalid data stream"),
        ("sales.csv.xz", lambda b: b, "Input format not supported by decoder"),
        ("sales.zip", lambda b: b, "File is not a zip file"),
        ("sales.tar", lambda b: b, "file could not be opened successfully"),
    ],
    ids=["gz-cut", "gz-plain", "bz2-plain", "xz-plain", "zip-plain", "tar-plain"],
)
def test_a_damaged_or_unpacked_file_is_refused_alike(
    csv_refusal, text_refusal, tmp_path, name, damage, said
):
    end = next(end for end in (".tar", ".zip", ".gz", ".bz2", ".xz") if name.endswith(end))
    for refusal, body, head in ((csv_refusal, SALES, "mo"), (text_refusal, REVIEWS, "te")):
        csv = tmp_path / name
        csv.write_bytes(damage(body))
        assert refusal(csv) == (
            f"CSV file {name!r} cannot be unpacked as its name's end {end!r} says "
            f"({said.format(head=head)}); name it by what it holds (.csv for CSV text), or "
            "pack it again."
        )


# `lstmkit forecast --csv` without --date-col listed the columns of a tar's first file, where a
# zip of the same files listed none; an archive that cannot be read is now refused before its
# column flags are asked for (inputs4), as several files whatever its kind


@pytest.mark.parametrize("name", ARCHIVES)
@pytest.mark.parametrize(
    "members",
    [[("a.csv", SALES), ("b.csv", SALES)], [("sales.csv", SALES), ("data", None)]],
    ids=["two-files", "file-then-folder"],
)
def test_an_archive_of_more_than_the_csv_lists_no_columns_whatever_its_kind(
    tmp_path, capsys, name, members
):
    csv = _packed(tmp_path, name, members)
    argv = ["forecast", "--csv", str(csv), "--value-col", "sales", "--out", str(tmp_path / "o")]
    assert main(argv) == 2
    folder = "'data/'" if name.endswith(".zip") else "'data'"
    held = (
        "several files ('a.csv', 'b.csv'), where one, the CSV, is read; unpack the one you mean"
        if members[0][0] == "a.csv"
        else f"one file, 'sales.csv', and the folder {folder}, where an archive of the CSV alone "
        "is read; unpack it"
    )
    assert capsys.readouterr() == (
        "",
        f"error: --csv {str(csv)!r} is an archive of {held} and pass it.\n",
    )
    assert not (tmp_path / "o").exists()


# A tar of a hard link alone (to a file not in it) was "an archive of the member 'h.csv'",
# where a hard link beside a file was "the link 'h.csv'", as a symbolic link is either way


@pytest.mark.parametrize("kind", [tarfile.LNKTYPE, tarfile.SYMTYPE], ids=["hard", "symbolic"])
def test_a_tar_of_a_link_alone_is_refused_as_a_link(csv_refusal, tmp_path, kind):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        link = tarfile.TarInfo("h.csv")
        link.type, link.linkname = kind, "gone.csv"
        archive.addfile(link)
    csv = tmp_path / "sales.tar"
    csv.write_bytes(buffer.getvalue())
    assert csv_refusal(csv) == (
        "CSV file 'sales.tar' is an archive of the link 'h.csv' and no file; expected one file "
        "in it, the CSV."
    )


# An archive or compressed file named .csv: told what it is and the suffix that has it
# unpacked; a tar of several files compressed with bzip2 or xz was told to be renamed .tar.bz2
# (then refused as several files), where a gzip-compressed one was told to unpack the one meant

MISNAMED_ONE = {
    "sales.zip": "is a zip archive, not CSV text; name it with the suffix .zip",
    "sales.tar": "is a tar archive, not CSV text; name it with the suffix .tar",
    "sales.tar.gz": "is gzip-compressed, not CSV text; name it with the suffix .tar.gz",
    "sales.tar.bz2": "is bzip2-compressed, not CSV text; name it with the suffix .tar.bz2",
    "sales.tar.xz": "is xz-compressed, not CSV text; name it with the suffix .tar.xz",
    "sales.csv.gz": "is gzip-compressed, not CSV text; name it with the suffix .gz",
    "sales.csv.bz2": "is bzip2-compressed, not CSV text; name it with the suffix .bz2",
    "sales.csv.xz": "is xz-compressed, not CSV text; name it with the suffix .xz",
}


@pytest.mark.parametrize("kind", MISNAMED_ONE)
def test_an_archive_of_one_csv_named_csv_is_told_its_suffix(csv_refusal, tmp_path, kind):
    csv = tmp_path / "sales.csv"
    csv.write_bytes(_packed(tmp_path, kind, [("sales.csv", SALES)]).read_bytes())
    assert csv_refusal(csv) == f"CSV file 'sales.csv' {MISNAMED_ONE[kind]}, and it is unpacked."


@pytest.mark.parametrize(
    ("kind", "what"),
    [
        ("sales.zip", "a zip archive"),
        ("sales.tar", "a tar archive"),
        ("sales.tar.gz", "a tar archive"),
        ("sales.tar.bz2", "a tar archive"),
        ("sales.tar.xz", "a tar archive"),
    ],
)
def test_an_archive_of_two_csvs_named_csv_is_told_to_unpack_the_one_meant(
    csv_refusal, tmp_path, kind, what
):
    csv = tmp_path / "sales.csv"
    csv.write_bytes(_packed(tmp_path, kind, [("a.csv", SALES), ("b.csv", SALES)]).read_bytes())
    how = {".gz": ", gzip-compressed", ".bz2": ", bzip2-compressed", ".xz": ", xz-compressed"}
    packed = next((said for end, said in how.items() if kind.endswith(end)), "")
    assert csv_refusal(csv) == (
        f"CSV file 'sales.csv' is {what} of several files ('a.csv', 'b.csv'){packed}, not CSV "
        "text; unpack the one you mean and pass it."
    )


# An encrypted zip named .csv was told to be renamed .zip, then refused as encrypted


def test_an_encrypted_zip_named_csv_is_refused_as_encrypted_at_once(csv_refusal, tmp_path):
    csv = tmp_path / "sales.csv"
    csv.write_bytes(_encrypted_zip(SALES))
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is an encrypted zip archive, not CSV text; unpack it with its "
        "password and pass the CSV."
    )


def _deflate64(body: bytes) -> bytes:
    """A zip of ``sales.csv`` marked packed with Deflate64 (method 9), which zipfile lacks."""
    packed = bytearray(_zip([("sales.csv", body)]))
    for signature, at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = packed.find(signature) + at
        packed[start : start + 2] = (9).to_bytes(2, "little")
    return bytes(packed)


def test_a_deflate64_zip_named_csv_is_refused_by_its_method_at_once(csv_refusal, tmp_path):
    # told to be renamed .zip, then refused as packed with a method zipfile lacks
    csv = tmp_path / "sales.csv"
    csv.write_bytes(_deflate64(SALES))
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is a zip archive packed with deflate64 (compression method 9), "
        "not CSV text; unpack it with a tool that can (7-Zip, unzip) and pass the CSV."
    )
    csv.rename(tmp_path / "sales.zip")
    assert csv_refusal(tmp_path / "sales.zip") == (
        "CSV file 'sales.zip' is a zip archive packed with deflate64 (compression method 9), "
        "which Python's zipfile does not unpack; unpack it with a tool that can (7-Zip, unzip) "
        "and pass the CSV."
    )
