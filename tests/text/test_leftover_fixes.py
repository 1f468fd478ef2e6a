"""Input-handling leftovers of earlier reviews: a compressed text CSV read as a plain one."""

from __future__ import annotations

import bz2
import gzip
import io
import zipfile

import pytest

from lstmkit.text.labelled import read_labelled_csv


def _zip(body: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("reviews.csv", body)
    return buffer.getvalue()


PACKINGS = [("", bytes), (".gz", gzip.compress), (".bz2", bz2.compress), (".zip", _zip)]


@pytest.mark.parametrize(("suffix", "pack"), PACKINGS)
def test_a_compressed_files_bad_row_is_numbered_as_the_plain_files(tmp_path, suffix, pack):
    # a .csv.gz's rows were counted without its blank lines: "row(s) 4" for the row that the
    # same file unpacked called 5
    path = tmp_path / f"reviews.csv{suffix}"
    path.write_bytes(pack(b"text,label\ngood film,pos\n\nbad film,neg\nfine,\n"))
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == (
        f"column 'label' of {str(path)!r} must hold a label in every row, got an empty one in "
        "row 4 (rows counted from 1 below the header); fill it in or remove it."
    )


@pytest.mark.parametrize(("suffix", "pack"), PACKINGS)
def test_a_compressed_files_runaway_quote_is_refused_as_the_plain_files(tmp_path, suffix, pack):
    # a .csv.gz was not checked: its rows 3 to 5 were read, without a word, into one text
    # 'great film,pos\nbad film,neg\nok film"'
    path = tmp_path / f"runaway.csv{suffix}"
    path.write_bytes(pack(b'text,label\ngood,pos\n"great film,pos\nbad,neg\nok "so",pos\nx,neg\n'))
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value).startswith(
        f"CSV file {path.name!r} has a value that opens a quote on line 3 and closes it amid a "
        "value on line 5, reading what lies between into one value"
    )
