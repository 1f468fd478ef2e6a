"""What the review of readleft found: main() called in-process with a closed pipe, a
sys.exit("message") kept, UTF-32 named so, year-weeks only where the whole cell is one, and
the pandas line for negatives in parentheses that reads them with spaces inside."""

from __future__ import annotations

import io
import os
import sys

import pandas as pd
import pytest

from lstmkit import __version__
from lstmkit import data as D
from lstmkit.__main__ import run
from lstmkit._checks import not_utf8
from lstmkit.cli import PIPE_CLOSED, main


def _broken_pipe(args) -> int:
    raise BrokenPipeError(32, "Broken pipe")  # as a write to a pipe whose reader is gone


def test_main_in_process_with_a_stringio_stdout_returns_141(monkeypatch, capsys) -> None:
    # a notebook's or a script's stdout without a file descriptor: reader_gone's
    # os.dup2(..., sys.stdout.fileno()) raised io.UnsupportedOperation out of main()
    monkeypatch.setattr("lstmkit.cli.datasets.run_datasets", _broken_pipe)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert main(["datasets"]) == PIPE_CLOSED == 141
    assert capsys.readouterr().err == ""


def test_main_in_process_leaves_the_processs_stdout_alone(monkeypatch, tmp_path) -> None:
    # main() pointed file descriptor 1 (here a file's) at devnull for good: whatever the
    # notebook or script wrote afterwards was lost
    monkeypatch.setattr("lstmkit.cli.datasets.run_datasets", _broken_pipe)
    with open(tmp_path / "out.txt", "w", encoding="utf-8") as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["datasets"]) == 141
        stdout.write("still here\n")
        monkeypatch.undo()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "still here\n"


def test_the_console_script_with_a_closed_pipe_still_silences_stdout(monkeypatch) -> None:
    # run(), the process's end, points stdout at devnull so the last flush does not raise
    monkeypatch.setattr("lstmkit.cli.datasets.run_datasets", _broken_pipe)
    monkeypatch.setattr(sys, "argv", ["lstmkit", "datasets"])
    read, write = os.pipe()
    os.close(read)
    stdout = io.TextIOWrapper(io.FileIO(write, "w"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    stdout.write("waiting in the buffer\n")
    assert run() == 141
    stdout.flush()  # devnull's now
    monkeypatch.undo()
    stdout.close()


def test_a_sys_exit_with_a_message_keeps_it(monkeypatch, capsys) -> None:
    # run() turned SystemExit("...") into exit code 1 and dropped the message Python prints
    def stop(argv=None):
        raise SystemExit("lstmkit: something went wrong")

    monkeypatch.setattr("lstmkit.cli.main", stop)
    assert run() == 1
    assert capsys.readouterr().err == "lstmkit: something went wrong\n"


@pytest.mark.parametrize(
    ("encoding", "mark"),
    [("utf-32-le", "0xff 0xfe 0x00 0x00"), ("utf-32-be", "0x00 0x00 0xfe 0xff")],
)
def test_a_utf32_file_is_named_utf32(tmp_path, encoding, mark) -> None:
    # "got UTF-16 (it begins with UTF-16's byte-order mark 0xff 0xfe, as Excel saves ...)"
    # for the little-endian one, whose mark begins as UTF-16's; "byte 0xfe ... (a Latin-1 or
    # Windows-1252 file?)" for the big-endian one
    path = tmp_path / "wide.csv"
    path.write_bytes("\ufeffdate,y\n2020-01-01,1\n".encode(encoding))
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "date", "y")
    assert str(err.value) == (
        f"CSV file 'wide.csv' must be UTF-8 text, got UTF-32 (it begins with UTF-32's "
        f"byte-order mark {mark}); save the file as UTF-8."
    )
    # UTF-16's mark alone is still UTF-16
    assert not_utf8(b"\xff\xfea\x00", 0).startswith("got UTF-16 (it begins with UTF-16's ")


def test_the_pandas_line_for_negatives_in_parentheses_reads_spaces_inside() -> None:
    # ( 5 ) is named a negative, but the line offered wrote '- 5 ', which to_numeric refuses
    series = pd.Series(["1", "( 5 )", " (2.5) "], index=pd.date_range("2021-01-01", periods=3))
    pattern = r"^\s*\(\s*(.*?)\s*\)\s*$"
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert str(err.value) == (
        "column 'value' has non-numeric values at 2021-01-02 ('( 5 )'), 2021-01-03 (' (2.5) ') "
        "(negatives in parentheses, '( 5 )' for '-5'?): write them with a minus sign (pandas: "
        f"column.str.replace(r'{pattern}', r'-\\1', regex=True))."
    )
    fixed = series.str.replace(pattern, r"-\1", regex=True)
    assert pd.to_numeric(fixed).tolist() == [1.0, -5.0, -2.5]


@pytest.mark.parametrize("cell", ["ID-2021{:02d}x", "2021-W{:02d}-3", "#2021{:02d}"])
def test_week_numbers_inside_other_text_get_no_week_advice(tmp_path, cell) -> None:
    # "ID-202113x" was taken for week 13 of 2021 ("write ISO weeks as 2021-W13"): the
    # pattern was searched for anywhere in the cell
    path = tmp_path / "ids.csv"
    rows = "".join(f"{cell.format(k)},{k}\n" for k in range(13, 19))
    path.write_text(f"when,v\n{rows}", encoding="utf-8")
    first = cell.format(13)
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "when", "v")
    assert str(err.value).endswith(
        f"; no date format is inferred from {first!r}: pass date_format (CLI: --date-format), "
        "a strftime format such as '%Y-%m-%d'."
    )


def test_serial_date_times_from_midnight_on_are_named_so(tmp_path) -> None:
    # a spreadsheet writes midnight as a whole number (45000, 45000.25, ...): "mixes date
    # formats: it starts like '45000', but 4 value(s) are written otherwise ...; pass
    # date_format", which no format reads
    path = tmp_path / "hours.csv"
    path.write_text(
        "when,load\n45000,1\n45000.25,2\n45000.5,3\n45000.75,4\n45001,5\n", encoding="utf-8"
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "when", "load")
    assert str(err.value) == (
        f"column 'when' of {str(tmp_path / 'hours.csv')!r} has numbers for dates, such as '45000' "
        "(row 2), '45000.25' (row 3), '45000.5' (row 4); they look like the serial numbers a "
        "spreadsheet stores dates and times as (45000 is 2023-03-15 00:00): format the column as "
        "dates with times in the spreadsheet and save the CSV again."
    )


@pytest.mark.parametrize("argv", [["--version"], ["datasets"]])
def test_a_closed_stdout_is_no_traceback(argv, monkeypatch, capsys) -> None:
    # `lstmkit --version >&-` (or pythonw, without a console): Python sets sys.stdout to None,
    # and run()'s flush raised "AttributeError: 'NoneType' object has no attribute 'flush'"
    monkeypatch.setattr(sys, "argv", ["lstmkit", *argv])
    monkeypatch.setattr(sys, "stdout", None)
    assert run() == 0
    # argparse writes its version to stderr where stdout is None
    assert capsys.readouterr().err == (f"lstmkit {__version__}\n" if argv == ["--version"] else "")


def test_negative_percentages_in_parentheses_get_one_spreadsheet_fix(tmp_path) -> None:
    # "(12.5%)": "...; or format the column as numbers in the spreadsheet and save the CSV
    # again ('-12.5%' reads as -0.125); or format the column as numbers with a minus sign in
    # the spreadsheet and save the CSV again", two of the same fix
    path = tmp_path / "rates.csv"
    path.write_text("m,v\n2000-01,(12.5%)\n2000-02,5%\n2000-03,6%\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "m", "v")
    assert str(err.value) == (
        f"column 'v' of {str(path)!r} has non-numeric values at 2000-01-01 ('(12.5%)'), "
        "2000-02-01 ('5%'), "
        "2000-03-01 ('6%') (negatives in parentheses, '(12.5%)' for '-12.5%'?): write them "
        "with a minus sign in the file's cells, then remove the '%' from the file's cells "
        "('-12.5%' reads as -12.5); or format the column as numbers with a minus sign in the "
        "spreadsheet and save the CSV again ('-12.5%' reads as -0.125)."
    )
