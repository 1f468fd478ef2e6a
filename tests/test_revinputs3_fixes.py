"""Review of inputs3 (reading users' files): files of no rows refused before the column flags
are asked for, and only files that are there to read (each test fails without its fix)."""

from __future__ import annotations

import os
import sys
import threading
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
        "rows below it are empty in every field); expected one row per timestamp.\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes (mkfifo) are POSIX")
def test_text_train_asks_for_its_column_flags_without_opening_a_dev_csv_that_is_a_pipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the --dev-csv pipe was opened to see whether it holds rows: with no writer, the command
    # waited for one forever, where it said that --label-col was missing
    monkeypatch.chdir(tmp_path)
    # no column named label: one would be read as --label-col (txt37)
    Path("train.csv").write_text("text,rating\n" + "a film,pos\n" * 10)
    os.mkfifo("dev.csv")
    argv = ["text", "train", "--csv", "train.csv", "--dev-csv", "dev.csv", "--text-col", "text"]
    codes: list[int] = []
    run = threading.Thread(target=lambda: codes.append(main([*argv, "--out", "o"])), daemon=True)
    run.start()
    run.join(60)
    if run.is_alive():  # a writer that closes at once ends the wait: the test ends
        os.close(os.open("dev.csv", os.O_WRONLY | os.O_NONBLOCK))
        run.join(60)
        pytest.fail("the --dev-csv pipe was opened, and waited on, before --label-col was named")
    assert codes == [2]
    # the pipe, read once with the others (io11: tests/test_io11_fixes.py), left unopened as
    # --label-col is asked for
    assert capsys.readouterr().err == (
        "error: --csv needs --label-col ('train.csv' has the columns text, rating).\n"
    )
