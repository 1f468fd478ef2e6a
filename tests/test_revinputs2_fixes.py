"""Review of inputs2 (revinputs2): NUL bytes of UTF-16 text in Indic scripts, lines counted
in a wide encoding's characters, and pandas' internal unpacker guarded (each test fails
without its fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import CLIError, read_sentences


def _refused(tmp_path: Path, raw: bytes) -> str:
    path = tmp_path / "reviews.txt"
    path.write_bytes(raw)
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    return str(err.value).removeprefix(f"--file {str(path)!r} ")


@pytest.mark.parametrize(("text", "byte"), [("नमस्ते दुनिया\n", 14), ("മലയാളം\n", 14)])
def test_utf16_of_an_indic_script_is_named_utf16_not_stray_nuls(
    tmp_path: Path, text: str, byte: int
) -> None:
    # Devanagari's high byte 0x09 (a tab), Malayalam's 0x0d: its NULs dropped,
    # it read as UTF-8 text, "got 2 NUL bytes (0x00), the first at line 1, column 14, in text
    # that is otherwise UTF-8; delete them", which left it unreadable
    assert _refused(tmp_path, text.encode("utf-16-le")) == (
        f"must be UTF-8 text, got a NUL byte (0x00) on line 1 (byte {byte} of the line), which "
        "text does not hold (UTF-16-LE without a byte-order mark?); save the file as UTF-8."
    )


@pytest.mark.parametrize(
    ("text", "encoding", "line", "byte"),
    [
        ("ਪੰਜਾਬੀ ਭਾਸ਼ਾ\n", "utf-16-le", 1, 14),  # Gurmukhi: U+0A.. holds 0x0a
        ("สวัสดีชาวโลก\nบรรทัด\n", "utf-16-le", 1, 26),  # U+0E0A holds 0x0a, "\n" the NUL
        ("മലയാളം ഭാഷ\r\n", "utf-16-be", 1, 13),  # U+0D.. holds 0x0d
        ("ഭാഷ ok\r\n", "utf-32-le", 1, 3),
    ],
)
def test_the_line_of_a_nul_in_utf16_or_utf32_counts_its_characters_line_ends(
    tmp_path: Path, text: str, encoding: str, line: int, byte: int
) -> None:
    # the bytes 0x0a and 0x0d of its letters were counted as line ends: "on line 7" of a
    # file of one line
    assert _refused(tmp_path, text.encode(encoding)) == (
        f"must be UTF-8 text, got a NUL byte (0x00) on line {line} (byte {byte} of the line), "
        f"which text does not hold ({encoding.upper()} without a byte-order mark?); save the "
        "file as UTF-8."
    )


CSV = "month,sales\n" + "".join(f"2020-{m:02d}-01,{m}\n" for m in range(1, 13))


def _packed(tmp_path: Path) -> dict[str, Path]:
    import gzip
    import io
    import tarfile
    import zipfile

    (tmp_path / "two").mkdir()
    paths = {k: tmp_path / f"sales.csv.{k}" for k in ("gz", "zip", "tar")}
    paths |= {f"{k}2": tmp_path / "two" / f"sales.csv.{k}" for k in ("zip", "tar")}
    paths["gz"].write_bytes(gzip.compress(CSV.encode()))
    with zipfile.ZipFile(paths["zip"], "w") as z:
        z.writestr("sales.csv", CSV)
    with zipfile.ZipFile(paths["zip2"], "w") as z:
        z.writestr("a.csv", CSV)
        z.writestr("b.csv", CSV)
    for key, names in (("tar", ["sales.csv"]), ("tar2", ["a.csv", "b.csv"])):
        with tarfile.open(paths[key], "w") as archive:
            for name in names:
                member = tarfile.TarInfo(name)
                member.size = len(CSV)
                archive.addfile(member, io.BytesIO(CSV.encode()))
    return paths


def _read_all(paths: dict[str, Path]) -> list[object]:
    from lstmkit import data

    said: list[object] = []
    for path in paths.values():
        try:
            said.append(len(data._read_table(path)))
        except ValueError as err:
            said.append(str(err))
    return said


@pytest.mark.parametrize("how", ["gone", "changed"])
def test_a_packed_csv_is_read_alike_without_pandas_internal_get_handle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    # pandas.io.common.get_handle is internal to pandas: moved, it was said that gzip's module
    # is missing ("... which pandas unpacks with Python's gzip module"); its arguments changed,
    # a TypeError's traceback, for every packed CSV
    import pandas.io.common

    paths = _packed(tmp_path)
    expected = _read_all(paths)
    assert expected[:3] == [12, 12, 12]
    assert expected[3] == (
        "CSV file 'sales.csv.zip' is an archive of several files ('a.csv', 'b.csv'), where "
        "one, the CSV, is read; unpack the one you mean and pass it."
    )
    if how == "gone":
        monkeypatch.delattr(pandas.io.common, "get_handle")
    else:

        def get_handle(path_or_buf, mode, *, compression_options=None):  # a later pandas's
            raise AssertionError("not to be called")

        monkeypatch.setattr(pandas.io.common, "get_handle", get_handle)
    assert _read_all(paths) == expected


@pytest.mark.parametrize(
    "raw",
    [b"\n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", "gzip"],
    ids=["blank", "bom", "bom-crlf", "gz"],
)
def test_a_csv_of_blank_lines_is_refused_as_empty_before_its_column_flags_are_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes | str
) -> None:
    # as a file of 0 bytes is: "--csv needs --date-col and --value-col.", then, given them,
    # "--csv 'empty.csv' is empty"
    import gzip

    from lstmkit.cli import main

    csv = tmp_path / ("empty.csv.gz" if raw == "gzip" else "empty.csv")
    csv.write_bytes(gzip.compress(b"") if raw == "gzip" else raw)  # type: ignore[arg-type]
    empty = (
        f"--csv {str(csv)!r} is empty; expected a header row naming the columns, then one row per"
    )
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"error: {empty} timestamp.\n"
    assert main(["text", "train", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"error: {empty} labelled text.\n"
    assert not (tmp_path / "out").exists()


def test_the_same_header_only_csv_given_twice_is_named_by_each_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the second was "--dev-csv 'a.csv': --csv 'a.csv' has a header row ...": the first flag
    # that gave that path named for both; then each flag said it in full; one file's problem
    # is said once now, naming every flag that gave it (cli21)
    from lstmkit.cli import main

    csv = tmp_path / "a.csv"
    csv.write_text("text,label\n")
    argv = ["text", "train", "--csv", str(csv), "--dev-csv", str(csv), "--test-csv", str(csv)]
    assert (
        main([*argv, "--text-col", "text", "--label-col", "label", "--out", str(tmp_path / "out")])
        == 2
    )
    said = "has a header row (text, label) but no data rows; expected one row per labelled text."
    assert (
        capsys.readouterr().err == f"error: --csv, --dev-csv and --test-csv {str(csv)!r} {said}\n"
    )


def test_a_header_line_of_64_kib_ending_in_crlf_is_listed_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # its "\r" was read as the 65,537th byte: "header line is longer than 65,536 bytes", as
    # Excel writes it ("\r\n"), where the same line ending in "\n" was listed whole
    from lstmkit.cli import main

    names = ["date", "value"] + [f"column_{k:05d}" for k in range(5000)]
    line = ",".join(names[:5000])
    line = f"{line},{'x' * (65_535 - len(line))}"
    csv = tmp_path / "wide.csv"
    csv.write_bytes(f"{line}\r\n".encode() + "é,1\r\n".encode("cp1252"))
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.endswith(", ... (5,001 in all)).\n")


@pytest.mark.parametrize(("encoding", "byte"), [("utf-16-le", 6), ("utf-16-be", 5)])
def test_chinese_utf16_whose_first_bad_byte_precedes_its_nuls_is_named_utf16(
    tmp_path: Path, encoding: str, byte: int
) -> None:
    # "，" (U+FF0C) comes before the first newline's NUL: "(a Latin-1 or Windows-1252 file?)"
    assert _refused(tmp_path, "你好，世界。\n第二行\n".encode(encoding)) == (
        f"must be UTF-8 text, got byte 0xff on line 1 (byte {byte} of the line), which is not "
        f"UTF-8 ({encoding.upper()} without a byte-order mark?); save the file as UTF-8."
    )
