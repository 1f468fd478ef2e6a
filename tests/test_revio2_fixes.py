"""Review of the ioleft range (revio2): each test fails without its fix, but where it says it
covers a merged helper (the same behaviour, one implementation)."""

from __future__ import annotations

import gzip
from pathlib import Path

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
