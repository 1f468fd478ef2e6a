"""Review of the ioleft range (revio2): each test fails without its fix, but where it says it
covers a merged helper (the same behaviour, one implementation)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from lstmkit.cli import main

CSV = "month,sales,city\n" + "".join(f"2020-{m:02d}-01,{m},München\n" for m in range(1, 13))


def test_a_packed_utf16_csv_with_a_letter_beyond_ascii_is_refused_by_its_nul_byte(
    tmp_path: Path, csv_refusal
) -> None:
    # pandas' UnicodeDecodeError at "ü" (0xfc 0x00) came first: it was said to be a Latin-1 or
    # Windows-1252 file at byte 0xfc, though the same file unpacked is refused by its NUL byte
    csv = tmp_path / "sales.csv.gz"
    csv.write_bytes(gzip.compress(CSV.encode("utf-16-le")))
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv.gz' must be UTF-8 text, got a NUL byte (0x00) on line 1 (byte 2 "
        "of the line), which text does not hold (UTF-16 without a byte-order mark, or not a "
        "text file?); save the file as UTF-8."
    )


def test_a_packed_csv_lists_its_utf8_header_above_other_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # covers cli._forecast_run._first_row_alone, which now reads the line with
    # data._first_line (it unpacked and read it a second way)
    csv = tmp_path / "umsatz.csv.gz"
    csv.write_bytes(gzip.compress(CSV.encode("cp1252")))
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        "error: --csv needs --date-col and --value-col (umsatz.csv.gz has the columns month, "
        "sales, city).\n"
    )
