"""Review of the winuser change (files from Windows and Excel): what a second look found."""

import tracemalloc
import warnings

import pytest

from lstmkit import data as D
from lstmkit._checks import not_utf8
from lstmkit.cli import main

LATIN = "which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8"


@pytest.mark.parametrize(
    ("data", "start", "line", "byte"),
    [
        (b"\xe9", 0, 1, 1),  # the first byte, a file of one line without a newline
        (b"abc\xe9", 3, 1, 4),
        (b"a\r\n\r\nb\r\xe9", 7, 4, 1),  # \r\n is one line end, \r alone another
        (b"a\n\rb\xe9", 4, 3, 2),  # \n then \r: two
    ],
)
def test_not_utf8_counts_lines_at_every_line_end(data, start, line, byte) -> None:
    assert (
        not_utf8(data, start) == f"got byte 0xe9 on line {line} (byte {byte} of the line), {LATIN}"
    )


def test_not_utf8_counts_the_lines_of_a_large_file_without_copying_them() -> None:
    # the lines before the byte were split into a list: a 100 MB file took 2.6 s and 420 MB
    # here; counted in place, neither grows with the file
    data = b"2021-01-01,1.5\r\n" * 200_000 + b"caf\xe9\r\n"
    tracemalloc.start()
    try:
        said = not_utf8(data, len(data) - 3)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert said == f"got byte 0xe9 on line 200001 (byte 4 of the line), {LATIN}"
    assert peak < 100_000


@pytest.mark.parametrize("first", [20000, 20790, 29220])
def test_unix_days_and_counters_are_not_named_spreadsheet_dates(tmp_path, first) -> None:
    # days since 1970 (20790 is 2026-12-03) and a log's steps from 20000 were warned of as "the
    # serial numbers a spreadsheet stores dates as (20790 is 1956-12-02)"; pytest makes a
    # warning an error
    path = tmp_path / "steps.csv"
    path.write_text("step,y\n" + "".join(f"{first + k},{k % 3}\n" for k in range(4)))
    assert list(D.read_csv(path, "step", "y").index) == [first + k for k in range(4)]


def test_serial_dates_from_1980_on_are_named_so(tmp_path) -> None:
    path = tmp_path / "serial.csv"
    path.write_text("day,y\n" + "".join(f"{29221 + k},{k % 3}\n" for k in range(4)))
    with pytest.warns(UserWarning) as record:
        D.read_csv(path, "day", "y")
    assert [str(w.message) for w in record] == [
        f"column 'day' of {str(tmp_path / 'serial.csv')!r} holds whole numbers (29221 to 29224), "
        "read as integer steps, not dates; they look like the serial numbers a spreadsheet "
        "stores dates as (29221 is 1980-01-01): format the column as dates in the spreadsheet "
        "and save the CSV again."
    ]


def test_serial_dates_are_warned_of_once_with_future_covariates(tmp_path, capsys) -> None:
    # the read of the future covariates' rows warned again of the same column: twice the same
    # line here, and in explain and predict a second one whose range ran to the plan's end
    rows = [f"{44197 + k},{20 + k % 5},{k % 2}" for k in range(40)]
    rows += [f"{44237 + k},,{k % 2}" for k in range(2)]
    path = tmp_path / "serial.csv"
    path.write_text("day,sales,promo\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    argv += ["--future-cols", "promo", "--horizon", "2", "--json", "--interval", "0"]
    argv += ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
    argv += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--no-refit"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # each warning shown, as a first run shows it
        assert main(argv) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: column 'day' of {str(tmp_path / 'serial.csv')!r} holds whole numbers (44197 to "
        "44236), read as integer steps, not dates; they look like the serial numbers a "
        "spreadsheet stores dates as (44197 is 2021-01-01): format the column as dates in the "
        "spreadsheet and save the CSV again.",
        # the planned rows that the holdout leaves unread (tests/test_qa9_fixes.py)
        f"note: {str(path)!r} has 2 rows after the target's last value (the plan of "
        "--future-cols); this run's forecast covers the 2 held-out points (the holdout, by "
        "default --horizon) and none of those rows; pass --holdout 0 to forecast those rows.",
    ]
