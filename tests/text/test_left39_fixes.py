"""Fixes of left39 in the text workflow: the README's way to read a Windows-1252 file."""

from pathlib import Path

import pytest

from lstmkit.text import read_labelled_csv


def test_the_readmes_cp1252_open_reads_a_file_with_a_byte_windows_1252_lacks(
    tmp_path: Path,
) -> None:
    # the README said open(f, encoding="cp1252") reads such a file: it was refused at
    # 0x81, one of the five bytes Windows-1252 lacks
    path = tmp_path / "reviews.csv"
    path.write_bytes(b'review,rating\r\n"\x93Tr\xe8s bon\x94 \x81",1\r\nNul \x80,0\r\n')
    told = (
        f"`path`, a file object ({str(path)!r}) open in text mode as 'cp1252', cannot be read: "
        "its byte 0x81 on line 2 (byte 13 of the line) is not 'cp1252'; lstmkit reads UTF-8: "
        "open it in binary mode (open(path, 'rb')), or with the encoding it was saved in "
        "(open(path, encoding=...))."
    )
    with open(path, encoding="cp1252") as file, pytest.raises(ValueError) as err:
        read_labelled_csv(file, "review", "rating")
    assert str(err.value) == told
    with open(path, encoding="cp1252", errors="replace") as file:
        texts, labels = read_labelled_csv(file, "review", "rating")
    assert texts == ["\u201cTrès bon\u201d \ufffd", "Nul €"]
    assert labels == ["1", "0"]
