"""Reading users' files (ioleft): NUL bytes, UTF-32 without a byte-order mark, archives named
.csv and pd.Period values, each refused by what it is (each test fails without its fix)."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster, data
from lstmkit.cli import CLIError, main, read_sentences

CSV = "month,sales\n" + "".join(f"2020-{m:02d}-01,{m}\n" for m in range(1, 13))
UTF16 = "UTF-16-LE without a byte-order mark?"


def nul(where: str, likely: str = UTF16) -> str:
    return (
        f"must be UTF-8 text, got a NUL byte (0x00) {where}, which text does not hold ({likely}); "
        "save the file as UTF-8."
    )


def test_a_csv_in_utf16_without_a_byte_order_mark_is_refused_by_its_nul_byte(
    tmp_path: Path, csv_refusal
) -> None:
    # its columns were "m\x00o\x00n\x00t\x00h\x00": 'month' not found among them
    csv = tmp_path / "sales.csv"
    csv.write_bytes(CSV.encode("utf-16-le"))
    assert csv_refusal(csv) == f"CSV file 'sales.csv' {nul('on line 1 (byte 2 of the line)')}"


def test_a_csv_with_a_stray_nul_byte_in_a_value_names_its_line(tmp_path: Path, csv_refusal):
    # "column 'sales' has non-numeric values at 2020-03-01 ('3\x00')"
    csv = tmp_path / "sales.csv"
    csv.write_bytes(CSV.replace("01,3", "01,3\x00").encode())
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' must be UTF-8 text, got a NUL byte (0x00) at line 4, column 13, in "
        "text that is otherwise UTF-8; delete it."
    )


@pytest.mark.parametrize(("encoding", "byte"), [("utf-32-le", 2), ("utf-32-be", 1)])
def test_a_csv_in_utf32_without_a_byte_order_mark_is_named_utf32(
    tmp_path: Path, csv_refusal, encoding: str, byte: int
) -> None:
    # it was said to be UTF-16 (and before that, read as columns of NUL bytes)
    csv = tmp_path / "sales.csv"
    csv.write_bytes(CSV.encode(encoding))
    likely = f"UTF-32-{encoding[-2:].upper()} without a byte-order mark?"
    where = f"on line 1 (byte {byte} of the line)"
    assert csv_refusal(csv) == f"CSV file 'sales.csv' {nul(where, likely)}"


def test_a_gzipped_csv_in_utf32_is_refused_as_unpacked(tmp_path: Path, csv_refusal) -> None:
    csv = tmp_path / "sales.csv.gz"
    csv.write_bytes(gzip.compress(CSV.encode("utf-32-le")))
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv.gz' "
        + nul("on line 1 (byte 2 of the line)", "UTF-32-LE without a byte-order mark?")
    )


def test_an_empty_tar_archive_named_csv_is_said_to_hold_nul_bytes_only(
    tmp_path: Path, csv_refusal
) -> None:
    # an empty tar is 10240 NUL bytes, without the header of a member: read as a header row
    csv = tmp_path / "sales.csv"
    with tarfile.open(csv, "w"):
        pass
    likely = "the file holds NUL bytes only: an empty tar archive, or a file never written?"
    assert csv_refusal(csv) == (
        f"CSV file 'sales.csv' {nul('on line 1 (byte 1 of the line)', likely)}"
    )


def test_an_empty_zip_archive_named_csv_is_refused_as_empty(tmp_path: Path, csv_refusal):
    # it had "a header row (PK) but no data rows"
    csv = tmp_path / "sales.csv"
    zipfile.ZipFile(csv, "w").close()
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is an empty zip archive, not CSV text; expected one file in it, "
        "the CSV."
    )


def _tar(path: Path, names: list[str], folder: str | None = None) -> None:
    with tarfile.open(path, "w") as archive:
        if folder is not None:
            entry = tarfile.TarInfo(folder)
            entry.type = tarfile.DIRTYPE
            archive.addfile(entry)
        for name in names:
            member = tarfile.TarInfo(name)
            member.size = len(CSV)
            archive.addfile(member, io.BytesIO(CSV.encode()))


def test_a_tar_of_several_files_named_csv_lists_them_not_renamed(tmp_path: Path, csv_refusal):
    # it was told to be renamed .tar, which then refused it as an archive of several files
    csv = tmp_path / "sales.csv"
    _tar(csv, ["a.csv", "b.csv", "c.csv"])
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is a tar archive of several files ('a.csv', 'b.csv', 'c.csv'), "
        "not CSV text; unpack the one you mean and pass it."
    )
    _tar(csv, [], folder="data")
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is a tar archive of the folder 'data' and no file, not CSV text; "
        "expected one file in it, the CSV."
    )
    _tar(csv, ["a.csv"])  # one file: named .tar, it is read
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv' is a tar archive, not CSV text; name it with the suffix .tar, and "
        "it is unpacked."
    )


def test_forecast_without_its_column_flags_lists_no_columns_of_nul_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "(sales.csv has the columns m o n t h, s a l e s)": UTF-16's NULs unseen in the names
    csv = tmp_path / "sales.csv"
    csv.write_bytes(CSV.encode("utf-16-le"))
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    # nothing to choose columns from: the file's own problem first (inputs4), where the flags
    # were asked for, then it was refused
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r} must be UTF-8 text, got a NUL byte (0x00) on line 1 (byte 2 "
        "of the line), which text does not hold (UTF-16-LE without a byte-order mark?); save "
        "the file as UTF-8.\n"
    )


def test_text_file_sentences_with_a_nul_byte_are_refused(tmp_path: Path) -> None:
    # read as the sentence "bad\x00 film"
    path = tmp_path / "reviews.txt"
    path.write_bytes(b"a good film\nbad\x00 film\n")
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    assert str(err.value) == (
        f"--file {str(path)!r} must be UTF-8 text, got a NUL byte (0x00) at line 2, column 4, in "
        "text that is otherwise UTF-8; delete it."
    )


def test_text_file_sentences_in_utf32_without_a_byte_order_mark_are_refused(tmp_path: Path):
    # each read as letters apart, between NULs: a sentence of unknown words
    path = tmp_path / "reviews.txt"
    path.write_bytes("a good film\n".encode("utf-32-le"))
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    assert str(err.value) == (
        f"--file {str(path)!r} "
        + nul("on line 1 (byte 2 of the line)", "UTF-32-LE without a byte-order mark?")
    )


MONTHS = pd.period_range("2000-01", periods=36, freq="M")
SHOWN = "2000-01 … 2002-12"


def test_a_series_of_periods_is_refused_not_read_as_ordinals() -> None:
    # read as 360.0, 361.0, ... (months since 1970) and forecast as such
    with pytest.raises(ValueError) as err:
        data.to_frame(pd.Series(MONTHS))
    assert str(err.value) == (
        f"`series` must hold values only, got periods ({SHOWN}); keep the periods apart, as a "
        "pandas index (a PeriodIndex is read as the dates its periods start, as "
        "series.dt.to_timestamp() gives them), and pass the values."
    )
    with pytest.raises(ValueError) as fit:
        Forecaster().fit(pd.Series(MONTHS))
    assert str(fit.value) == str(err.value)


def test_periods_of_mixed_frequencies_are_named_periods_not_non_numeric() -> None:
    # "column 'value' has non-numeric values at 0 (Period('2000-01', 'M')), ..."
    mixed = pd.Series([pd.Period("2000-01", "M"), pd.Period("2000-02-03", "D")] * 10)
    with pytest.raises(ValueError, match=r"got periods \(2000-01 … 2000-02-03\); keep"):
        data.to_frame(mixed)


def test_a_column_of_periods_is_told_to_become_the_index() -> None:
    frame = pd.DataFrame({"month": MONTHS, "sales": np.arange(36.0)})
    with pytest.raises(ValueError) as err:
        data.to_frame(frame)
    assert str(err.value) == (
        "`series` must hold values only, with the dates as its index, got a column of periods, "
        f"'month' ({SHOWN}); make it the index: series = series.set_index('month') (a "
        "PeriodIndex is read as the dates its periods start, as "
        "series['month'].dt.to_timestamp() gives them)."
    )
    # as told, it is read
    read = data.to_frame(frame.set_index("month"))
    assert read.index[:2].tolist() == [pd.Timestamp("2000-01-01"), pd.Timestamp("2000-02-01")]
    assert read["sales"].tolist()[:3] == [0.0, 1.0, 2.0]


def test_forecast_without_its_column_flags_lists_a_utf8_header_above_other_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an ASCII header above Windows-1252 rows (Excel's "CSV"): no columns were listed, as the
    # header was decoded with the 8 KB read ahead of it
    csv = tmp_path / "umsatz.csv"
    csv.write_bytes("Monat;Umsatz\n2020-01-01;3,5 €\n".encode("cp1252"))
    argv = ["forecast", "--csv", str(csv), "--sep", ";", "--out", str(tmp_path / "out")]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --csv needs --date-col and --value-col ({str(csv)!r} has the columns Monat, "
        "Umsatz).\n"
    )
    # a header that is no UTF-8 itself, or opens a quote it does not close there: no columns
    # to choose from, so the file's own problem is said first (inputs4; the flags were asked
    # for, then it was refused)
    for header, at in (
        ("Monat;Ums\xe4tz\n", "0xe4 on line 1 (byte 10"),
        ('Monat;"Um\nsatz"\n', "0x80 on line 3 (byte 16"),
    ):
        csv.write_bytes(f"{header}2020-01-01;3,5 €\n".encode("cp1252"))
        assert main(argv) == 2
        utf8 = csv.with_name("umsatz-utf8.csv")  # the command that converts it (sent39)
        assert capsys.readouterr().err == (
            f"error: --csv {str(csv)!r} must be UTF-8 text, got byte {at} of the line), which "
            "is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8, e.g. "
            f"`iconv -f WINDOWS-1252 -t UTF-8 '{csv}' > '{utf8}'`, then pass --csv '{utf8}'.\n"
        )


def test_metrics_name_periods_given_as_y_true_not_text() -> None:
    # "`y_true` must hold numbers, got text (first Period('2000-01', 'M')); select the columns
    # of numbers"
    from lstmkit import metrics

    with pytest.raises(ValueError) as err:
        metrics.rmse(pd.Series(MONTHS), np.arange(36.0))
    assert str(err.value) == (
        f"`y_true` must hold values only, got periods ({SHOWN}); keep the periods apart, as a "
        "pandas index (a PeriodIndex is read as the dates its periods start, as "
        "y_true.dt.to_timestamp() gives them), and pass the values."
    )
