"""Review of inputs3 (reading users' files): files of no rows refused before the column flags
are asked for, and only files that are there to read (each test fails without its fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main


def test_forecast_refuses_a_file_of_no_rows_of_64_kib_exactly_before_asking_for_its_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # one of 65,536 bytes was taken for one longer than 64 KiB, not read: "--csv needs
    # --date-col and --value-col", then, once given, that it has no rows
    csv = tmp_path / "sales.csv"
    csv.write_text("month,sales\n" + ",\n" * 32762)
    assert csv.stat().st_size == 1 << 16
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r} has a header row (month, sales) but no data rows (the 32762 "
        "row(s) below it are empty in every field); expected one row per timestamp.\n"
    )
