"""Reading users' text files (ioleft): NUL bytes and UTF-32 without a byte-order mark, refused
as a corpus is (each test fails without its fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.text.charlm import read_corpus
from lstmkit.text.labelled import read_labelled_csv
from lstmkit.text.sst import load_sst

UTF16 = "UTF-16-LE without a byte-order mark?"


def nul(where: str, likely: str = UTF16) -> str:
    return (
        f"must be UTF-8 text, got a NUL byte (0x00) {where}, which text does not hold ({likely}); "
        "save the file as UTF-8."
    )


@pytest.mark.parametrize(("encoding", "byte"), [("utf-32-le", 2), ("utf-32-be", 1)])
def test_a_corpus_in_utf32_without_a_byte_order_mark_is_named_utf32(
    tmp_path: Path, encoding: str, byte: int
) -> None:
    # it was said to be "UTF-16 without a byte-order mark"
    path = tmp_path / "poems.txt"
    path.write_bytes("Shall I compare thee\n".encode(encoding))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    likely = f"UTF-32-{encoding[-2:].upper()} without a byte-order mark?"
    assert str(err.value) == f"{str(path)!r} {nul(f'on line 1 (byte {byte} of the line)', likely)}"


def test_an_sst_file_with_a_nul_byte_is_refused_as_a_corpus_is(tmp_path: Path) -> None:
    # "good\x00" was read into the sentence; in UTF-16 the label was "expected ..., got '1\x00'"
    (tmp_path / "sst").mkdir()
    path = tmp_path / "sst" / "stsa.binary.dev"
    path.write_bytes(b"1 a good\x00 film\n0 bad film\n")
    with pytest.raises(ValueError) as err:
        load_sst("sst2", "dev", tmp_path)
    assert str(err.value) == (
        f"SST file {str(path)!r} must be UTF-8 text, got a NUL byte (0x00) at line 1, column 9, "
        "in text that is otherwise UTF-8; delete it."
    )
    path.write_bytes("1 a good film\n0 bad film\n".encode("utf-16-le"))
    with pytest.raises(ValueError) as err:
        load_sst("sst2", "dev", tmp_path)
    assert str(err.value) == f"SST file {str(path)!r} {nul('on line 1 (byte 2 of the line)')}"


def test_a_labelled_csv_with_nul_bytes_is_refused_not_read(tmp_path: Path) -> None:
    # UTF-16: columns 't\x00e\x00x\x00t\x00' not found; one NUL: the text "good\x00 film"
    path = tmp_path / "reviews.csv"
    path.write_bytes("text,label\ngood film,pos\nbad film,neg\n".encode("utf-16-le"))
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == f"CSV file 'reviews.csv' {nul('on line 1 (byte 2 of the line)')}"
    path.write_bytes(b"text,label\ngood\x00 film,pos\nbad film,neg\n")
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == (
        "CSV file 'reviews.csv' must be UTF-8 text, got a NUL byte (0x00) at line 2, column 5, in "
        "text that is otherwise UTF-8; delete it."
    )
