"""Reading users' files (inputs2): NUL bytes named by what the file is, long header lines,
compressed tars of several files, and empty files named by their flag (each test fails
without its fix)."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data
from lstmkit.cli import CLIError, main, read_sentences

CSV = "month,sales\n" + "".join(f"2020-{m:02d}-01,{m}\n" for m in range(1, 13))


def wide(where: str, encoding: str) -> str:
    return (
        f"must be UTF-8 text, got a NUL byte (0x00) {where}, which text does not hold ({encoding} "
        "without a byte-order mark?); save the file as UTF-8."
    )


def test_stray_nul_bytes_in_utf8_text_are_named_by_line_and_column_not_utf16(
    tmp_path: Path, csv_refusal
) -> None:
    # "which text does not hold (UTF-16 without a byte-order mark, or not a text file?)"
    csv = tmp_path / "sales.csv"
    text = CSV.replace("01,3", "01,3\x00").replace("01,7", "01,\x007").replace("month", "mönth")
    csv.write_bytes(text.encode())
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' must be UTF-8 text, got 2 NUL bytes (0x00), the first at line 4, "
        "column 13, in text that is otherwise UTF-8; delete them."
    )
    # the column counts characters: "ö" is two bytes, "ü" two more
    path = tmp_path / "reviews.txt"
    path.write_bytes("good\nmöglich übel\x00 film\n".encode())
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    assert str(err.value) == (
        f"--file {str(path)!r} must be UTF-8 text, got a NUL byte (0x00) at line 2, column 13, "
        "in text that is otherwise UTF-8; delete it."
    )


def test_nul_bytes_that_pad_the_end_of_utf8_text_are_stray_not_a_binary_file(
    tmp_path: Path, csv_refusal
) -> None:
    # a file written ahead of its text, then cut short: "(not a text file?)" would do no good
    csv = tmp_path / "sales.csv"
    csv.write_bytes(CSV.encode() + b"\x00" * 200)
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' must be UTF-8 text, got 200 NUL bytes (0x00), the first at line "
        "14, column 1, in text that is otherwise UTF-8; delete them."
    )


@pytest.mark.parametrize(("encoding", "byte"), [("utf-16-le", 2), ("utf-16-be", 1)])
def test_a_csv_in_utf16_is_named_with_its_byte_order(
    tmp_path: Path, csv_refusal, encoding: str, byte: int
) -> None:
    # UTF-16-BE was "UTF-16 without a byte-order mark, or not a text file?", as LE was
    csv = tmp_path / "sales.csv"
    csv.write_bytes(CSV.encode(encoding))
    where = f"on line 1 (byte {byte} of the line)"
    assert csv_refusal(csv) == f"CSV file 'sales.csv' {wide(where, encoding.upper())}"


@pytest.mark.parametrize(
    ("encoding", "byte"), [("utf-32-le", 1), ("utf-32-be", 1), ("utf-16-le", 1), ("utf-16-be", 2)]
)
def test_chinese_sentences_in_utf32_or_utf16_are_named_with_their_encoding(
    tmp_path: Path, encoding: str, byte: int
) -> None:
    # U+4E00's UTF-32 bytes (00 4e 00 00) hold a NUL where Latin letters' do not: it was said
    # to be "UTF-16 without a byte-order mark, or not a text file?"
    path = tmp_path / "reviews.txt"
    path.write_bytes("一部好电影\n很无聊\n".encode(encoding))
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    where = f"on line 1 (byte {byte} of the line)"
    assert str(err.value) == f"--file {str(path)!r} {wide(where, encoding.upper())}"


def _tar(path: Path, names: list[str], mode: str, folder: str | None = None) -> None:
    with tarfile.open(path, mode) as archive:
        if folder is not None:
            entry = tarfile.TarInfo(folder)
            entry.type = tarfile.DIRTYPE
            archive.addfile(entry)
        for name in names:
            member = tarfile.TarInfo(name)
            member.size = len(CSV)
            archive.addfile(member, io.BytesIO(CSV.encode()))


@pytest.mark.parametrize(
    ("name", "mode", "how"), [("gz", "w:gz", "gzip"), ("bz2", "w:bz2", "bzip2")]
)
def test_a_compressed_tar_of_several_files_lists_them_not_renamed(
    tmp_path: Path, csv_refusal, name: str, mode: str, how: str
) -> None:
    # told to be renamed .tar.gz, which then refused it as an archive of several files
    csv = tmp_path / f"sales.csv.{name}"
    _tar(csv, ["a.csv", "b.csv"], mode)
    assert csv_refusal(csv) == (
        f"CSV file 'sales.csv.{name}' is a tar archive of several files ('a.csv', 'b.csv'), "
        f"{how}-compressed, not CSV text; unpack the one you mean and pass it."
    )
    _tar(csv, ["data/sales.csv"], mode, folder="data")
    assert csv_refusal(csv) == (
        f"CSV file 'sales.csv.{name}' is a tar archive of one file, 'data/sales.csv', and the "
        f"folder 'data', {how}-compressed, not CSV text; unpack it and pass it."
    )


def test_a_gzipped_tar_of_several_files_named_csv_lists_them_not_renamed(
    tmp_path: Path, csv_refusal
) -> None:
    csv = tmp_path / "sales.csv"
    _tar(csv, ["a.csv", "b.csv", "c.csv"], "w:gz")
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is a tar archive of several files ('a.csv', 'b.csv', 'c.csv'), "
        "gzip-compressed, not CSV text; unpack the one you mean and pass it."
    )
    _tar(csv, ["a.csv"], "w:gz")  # one file: named .tar.gz, it is read
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is gzip-compressed, not CSV text; name it with the suffix "
        ".tar.gz, and it is unpacked."
    )


def test_a_gzipped_csv_is_unpacked_once_to_be_read(tmp_path: Path, monkeypatch) -> None:
    # it was unpacked whole twice: by read_csv, then again for the NUL check
    text = (
        CSV.encode()
        + "".join(f"{y}-{m:02d}-01,{m}\n" for y in range(2021, 2100) for m in range(1, 13)).encode()
    )
    csv = tmp_path / "sales.csv.gz"
    csv.write_bytes(gzip.compress(text))
    read: list[int] = []

    class Counted(gzip.GzipFile):
        def read(self, size: int | None = -1) -> bytes:
            got = super().read(size)
            read.append(len(got))
            return got

    monkeypatch.setattr(gzip, "GzipFile", Counted)
    assert len(data.read_csv(csv, "month", "sales")) == 80 * 12
    # the tar check's first 265 bytes, then the file once
    assert read == [265, len(text)]


def test_a_packed_csv_holding_a_nul_byte_is_refused_by_it_as_a_plain_one_is(
    tmp_path: Path, csv_refusal
) -> None:
    # a row of 4 fields came first: "cannot be read as a table (Expected 2 fields in line 4,
    # saw 4)", where the same file unpacked was refused by its NUL byte
    bad = CSV.replace("01,3\n", "01,3,x,y\n").replace("01,5", "01,\x005")
    said = (
        "must be UTF-8 text, got a NUL byte (0x00) at line 6, column 12, in text that is "
        "otherwise UTF-8; delete it."
    )
    for name, raw in [("sales.csv", bad.encode()), ("sales.csv.gz", gzip.compress(bad.encode()))]:
        (tmp_path / name).write_bytes(raw)
        assert csv_refusal(tmp_path / name) == f"CSV file {name!r} {said}"


def test_a_header_line_too_long_to_read_alone_is_said_so_not_listed_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # its first 64 KiB were listed as the header, the last column cut ("column_03"), and
    # counted as the file's columns ("... (3,279 in all)" of 4,002)
    names = ["date", "value"] + [f"column_{k:05d}" for k in range(8000)]
    csv = tmp_path / "wide.csv"
    rows = "".join(f"2020-{m:02d}-01,{m}" + ",é" * 8000 + "\n" for m in range(1, 13))
    csv.write_bytes((",".join(names) + "\n").encode() + rows.encode("cp1252"))
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    first = ", ".join(names[:20])
    assert capsys.readouterr().err == (
        f"error: --csv needs --date-col and --value-col ({str(csv)!r}'s header line is longer than "
        f"65,536 bytes; its first columns are {first}, ...).\n"
    )
    # a line of 65,536 bytes, then its newline, is whole
    line = ",".join(names[:5000])
    csv.write_bytes(f"{line},{'x' * (65_535 - len(line))}\n".encode() + "é,1\n".encode("cp1252"))
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.endswith(", ... (5,001 in all)).\n")
    # one name longer than that: no column to list, so the file's own problem is said first
    # (inputs4; "--csv needs --text-col and --label-col (wide.csv's header line is longer
    # than 65,536 bytes).", then that)
    csv.write_bytes(b"x" * 70_000 + b",date\n" + "é,1\n".encode("cp1252"))
    assert main(["text", "train", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    utf8 = csv.with_name("wide-utf8.csv")  # the command that converts it (sent39)
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r} must be UTF-8 text, got byte 0xe9 on line 2 (byte 1 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8, "
        f"e.g. `iconv -f WINDOWS-1252 -t UTF-8 '{csv}' > '{utf8}'`, then pass --csv '{utf8}'.\n"
    )


@pytest.fixture(scope="module")
def saved_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny forecaster of ``sales``, saved as forecast --out saves it."""
    from lstmkit import Forecaster, ForecasterConfig

    index = pd.date_range("2020-01-01", periods=30, freq="D")
    sales = pd.Series(20.0 + np.arange(30) % 5, index=index, name="sales")
    config = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=2, hidden_size=4, refit=False, interval=None
    )
    out = tmp_path_factory.mktemp("model") / "model"
    Forecaster(config).fit(sales).save(out)
    return out


EMPTY = "is empty; expected a header row naming the columns, then one row per"
HEADER = "has a header row (month, sales) but no data rows; expected one row per timestamp."


def test_forecast_names_its_flag_and_path_for_an_empty_or_header_only_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], saved_model: Path
) -> None:
    # "CSV file 'empty.csv' is empty" named no flag, nor the path given; without the column
    # flags, an empty file asked for them ("--csv needs --date-col and --value-col."), then
    # was refused as empty
    (tmp_path / "in").mkdir()
    empty, header = tmp_path / "in" / "empty.csv", tmp_path / "in" / "header.csv"
    empty.write_bytes(b"")
    header.write_text("month,sales\n,\n")
    out = ["--out", str(tmp_path / "out")]
    cols = ["--date-col", "month", "--value-col", "sales"]
    for argv in (
        ["forecast", "--csv", str(empty), *cols, *out],
        ["forecast", "--csv", str(empty), *out],
    ):
        assert main(argv) == 2
        assert capsys.readouterr().err == f"error: --csv {str(empty)!r} {EMPTY} timestamp.\n"
    assert main(["forecast", "--csv", str(header), *cols, *out]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(header)!r} has a header row (month, sales) but no data rows (the "
        "row below it is empty in every field); expected one row per timestamp.\n"
    )
    header.write_text("month,sales\n")
    assert main(["forecast", "--csv", str(header), *cols, "--series-col", "shop", *out]) == 2
    assert capsys.readouterr().err == f"error: --csv {str(header)!r} {HEADER}\n"
    for command in ("predict", "explain"):
        assert main([command, str(saved_model), "--csv", str(header), *cols]) == 2
        assert capsys.readouterr().err == f"error: --csv {str(header)!r} {HEADER}\n"
    # the library names the file as before
    with pytest.raises(ValueError) as err:
        data.read_csv(header, "month", "sales")
    assert str(err.value) == f"CSV file 'header.csv' {HEADER}"


def test_text_train_names_each_flag_and_path_of_an_empty_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    train, dev = tmp_path / "train.csv", tmp_path / "dev.csv"
    train.write_text("text,label\n")
    dev.write_bytes(b"")
    out = ["--out", str(tmp_path / "out")]
    argv = ["text", "train", "--csv", str(train), "--dev-csv", str(dev), *out]
    assert main([*argv, "--text-col", "text", "--label-col", "label"]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(train)!r} has a header row (text, label) but no data rows; expected "
        f"one row per labelled text. --dev-csv {str(dev)!r} {EMPTY} labelled text.\n"
    )
    assert main(["text", "train", "--csv", str(dev), *out]) == 2
    assert capsys.readouterr().err == f"error: --csv {str(dev)!r} {EMPTY} labelled text.\n"
