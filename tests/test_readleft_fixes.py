"""What a spreadsheet user's CSV and a scripter's pipe got wrong (readleft): a UTF-16 file named
for certain with how to save it, negatives in parentheses and percentages with the numbers each
fix reads, serial date-times and year-weeks in a date column, and a closed pipe's exit code."""

from __future__ import annotations

import io
import os
import re
import shlex
import sys

import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.__main__ import run
from lstmkit.cli import PIPE_CLOSED, main

UTF16 = (
    "got UTF-16 (it begins with UTF-16's byte-order mark 0xff 0xfe, as Excel saves \"Unicode "
    'Text" and "CSV UTF-16" and Windows PowerShell 5\'s `>` writes); save the file as UTF-8 '
    '(Excel: Save As, "CSV UTF-8 (Comma delimited)"; Notepad: Save As, Encoding UTF-8; '
    "PowerShell: `| Out-File -Encoding utf8 FILE` in place of `> FILE`)."
)


def _monthly(path, values, header="month,value"):
    rows = "".join(f"{2000 + k // 12}-{k % 12 + 1:02d},{v}\n" for k, v in enumerate(values))
    path.write_text(f"{header}\n{rows}", encoding="utf-8")
    return path


# --- UTF-16 --------------------------------------------------------------------------------------


def test_a_utf16_csv_is_named_utf16_with_how_to_save_it_as_utf8(tmp_path, capsys) -> None:
    # "got byte 0xff on line 1 (byte 1 of the line), which is not UTF-8 (a UTF-16 file?); save
    # the file as UTF-8": a guess, where the byte-order mark is certain, and no word how
    path = tmp_path / "unicode.csv"
    path.write_bytes("month\tvalue\r\n2000-01\t1\r\n2000-02\t2\r\n".encode("utf-16"))
    argv = ["forecast", "--csv", str(path), "--date-col", "month", "--value-col", "value"]
    assert main([*argv, "--sep", "tab"]) == 2
    assert capsys.readouterr().err == f"error: --csv {str(path)!r} must be UTF-8 text, {UTF16}\n"


# --- numbers -------------------------------------------------------------------------------------


def test_negatives_in_parentheses_are_named_with_the_minus_sign_to_write(tmp_path) -> None:
    # "column 'value' has non-numeric values at 2000-03-01 ('(1,003.00)') ...", no word why
    values = ['"1,001.00"', '"1,002.00"', '"(1,003.00)"', '"1,004.00"', '" ( 1,005.50 ) "']
    path = _monthly(tmp_path / "ledger.csv", values)
    minus = "write them with a minus sign in the file's cells"
    spreadsheet = (
        "; or format the column as numbers with a minus sign in the spreadsheet and save the "
        "CSV again."
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "month", "value", thousands=",")
    assert str(err.value) == (
        f"column 'value' of {str(path)!r} has non-numeric values at 2000-03-01 ('(1,003.00)'), "
        "2000-05-01 "
        "(' ( 1,005.50 ) ') (negatives in parentheses, '(1,003.00)' for '-1,003.00'?): "
        f"{minus}{spreadsheet}"
    )
    # without --thousands the others need it too: said after the minus sign
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "month", "value")
    assert str(err.value).endswith(
        " (negatives in parentheses, '(1,003.00)' for '-1,003.00'?): "
        f"{minus}, then pass thousands=',' (CLI: --thousands ','){spreadsheet}"
    )
    # from pandas, with the replacement that writes them so
    series = pd.Series(["1", "(2.5)", "3"], index=pd.date_range("2021-01-01", periods=3))
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert str(err.value) == (
        "column 'value' has non-numeric values at 2021-01-02 ('(2.5)') (negatives in "
        "parentheses, '(2.5)' for '-2.5'?): write them with a minus sign (pandas: "
        r"column.str.replace(r'^\s*\(\s*(.*?)\s*\)\s*$', r'-\1', regex=True))."
    )
    # which does write them so
    fixed = series.str.replace(r"^\s*\(\s*(.*?)\s*\)\s*$", r"-\1", regex=True)
    assert pd.to_numeric(fixed).tolist() == [1.0, -2.5, 3.0]


def test_parentheses_around_words_are_no_negatives(tmp_path) -> None:
    # "()" is no "-" to write with a minus sign, nor a mark of a missing value
    for cell in ["(n/a)", "()", "( )"]:
        path = _monthly(tmp_path / "notes.csv", ["1", cell, "3"])
        with pytest.raises(ValueError) as err:
            D.read_csv(path, "month", "value")
        assert (
            str(err.value)
            == f"column 'value' of {str(path)!r} has non-numeric values at 2000-02-01 ({cell!r})."
        )


def test_the_typographic_minus_sign_is_named_with_the_one_to_write(tmp_path) -> None:
    # "column 'value' has non-numeric values at 2000-02-01 ('\u22125')", as a '-' looks
    path = _monthly(tmp_path / "web.csv", ["1", "\u22125", '"\u22121,234.5"'])
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "month", "value")
    assert str(err.value) == (
        f"column 'value' of {str(path)!r} has non-numeric values at 2000-02-01 ('\u22125'), "
        "2000-03-01 "
        "('\u22121,234.5') (numbers with the minus sign U+2212, '\u22125'?): write '-' (the "
        "hyphen-minus) for it in the file's cells, then pass thousands=',' (CLI: --thousands ',')."
    )
    series = pd.Series(["1", "\u22122.5", "3"], index=pd.date_range("2021-01-01", periods=3))
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert str(err.value) == (
        "column 'value' has non-numeric values at 2021-01-02 ('\u22122.5') (numbers with the "
        "minus sign U+2212, '\u22122.5'?): write '-' for it (pandas: "
        "pd.to_numeric(column.str.replace('\\u2212', '-')))."
    )
    assert pd.to_numeric(series.str.replace("\u2212", "-")).tolist() == [1.0, -2.5, 3.0]


@pytest.mark.parametrize("error", ["#REF!", "#NUM!", "#NAME?", "#NULL!"])
def test_a_spreadsheets_errors_are_marks_of_missing_values(tmp_path, error) -> None:
    # as #N/A, #VALUE! and #DIV/0! were: "... ('#REF!')." and no word what to do
    path = _monthly(tmp_path / "sheet.csv", ["1", error, "3"])
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "month", "value")
    assert str(err.value) == (
        f"column 'value' of {str(path)!r} has non-numeric values at 2000-02-01 ({error!r}) (marks "
        "of missing "
        "values?): leave those cells empty and pass fill='ffill', 'bfill', 'interpolate' or "
        "'zero' (CLI: --fill) to fill them."
    )


def test_swiss_thousands_are_named_with_the_flag_that_reads_them(tmp_path) -> None:
    # "column 'value' has non-numeric values at 2000-01-01 (\"1'234.50\")", no word why,
    # where --thousands "'" reads them
    for mark, flag in [("'", '"\'"'), ("\u2019", "'\u2019'")]:
        path = _monthly(tmp_path / "chf.csv", [f"1{mark}234.50", f"2{mark}000", "3"])
        with pytest.raises(ValueError) as err:
            D.read_csv(path, "month", "value")
        shown = f"1{mark}234.50"
        assert str(err.value) == (
            f"column 'value' of {str(path)!r} has non-numeric values at 2000-01-01 ({shown!r}), "
            "2000-02-01 "
            f"({f'2{mark}000'!r}) (numbers with {mark!r} between thousands, {shown!r} for "
            f"1234.50?): pass thousands={mark!r} (CLI: --thousands {flag})."
        )
        read = D.read_csv(path, "month", "value", thousands=mark)
        assert read["value"].tolist() == [1234.5, 2000.0, 3.0]
    # the flag as printed is what a shell passes on
    assert shlex.split('--thousands "\'"') == ["--thousands", "'"]


def test_the_percentage_fixes_say_which_number_each_gives(tmp_path, capsys) -> None:
    # "remove the '%' from the file's cells; or format the column as numbers in the
    # spreadsheet and save the CSV again": 12.5 or 0.125, unsaid which
    path = _monthly(tmp_path / "rates.csv", ["12.5%", "13%", '"1,200%"'])
    argv = ["forecast", "--csv", str(path), "--date-col", "month", "--value-col", "value"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: column 'value' of {str(path)!r} has non-numeric values at 2000-01-01 ('12.5%'), "
        "2000-02-01 "
        "('13%'), 2000-03-01 ('1,200%') (percentages, '12.5%'?): remove the '%' from the "
        "file's cells, then pass --thousands ',' ('12.5%' reads as 12.5); "
        "or format the column as numbers in the spreadsheet and save the CSV again ('12.5%' "
        "reads as 0.125).\n"
    )


# --- dates ---------------------------------------------------------------------------------------


def test_serial_date_times_with_fractions_are_named_so(tmp_path) -> None:
    # "no date format is inferred from '45000.25': pass date_format (CLI: --date-format), a
    # strftime format such as '%Y-%m-%d'", where none reads them
    path = tmp_path / "hours.csv"
    rows = "".join(f"{45000.25 + k / 4},{k}\n" for k in range(8))
    path.write_text(f"when,load\n{rows}", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "when", "load")
    assert str(err.value) == (
        f"column 'when' of {str(tmp_path / 'hours.csv')!r} has unparsable dates at row 2 "
        "('45000.25'), row 3 ('45000.5'), row 4 ('45000.75'), row 5 ('45001.0'), row 6 "
        "('45001.25') and 3 more; no date format is inferred from '45000.25': they look like the "
        "serial numbers a spreadsheet stores dates and times as (45000.25 is 2023-03-15 06:00): "
        "format the column as dates with times in the spreadsheet and save the CSV again."
    )


def test_years_with_week_numbers_are_refused_with_iso_weeks_to_write(tmp_path) -> None:
    path = tmp_path / "weeks.csv"
    rows = "".join(f"2021{k:02d},{k}\n" for k in range(10, 16))
    path.write_text(f"week,sales\n{rows}", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "week", "sales")
    assert str(err.value) == (
        f"column 'week' of {str(tmp_path / 'weeks.csv')!r} has unparsable dates at row 2 "
        "('202110'), row 3 ('202111'), row 4 ('202112'), row 5 ('202113'), row 6 ('202114') and "
        "1 more; no date format is inferred from '202110': they look like years and week numbers "
        "('202110' for week 10 of 2021?), which no date format reads: write ISO weeks as "
        "2021-W10 (each read as its week's Monday), or write the date each week starts."
    )
    # as told, they read
    path.write_text(
        "week,sales\n" + "".join(f"2021-W{k:02d},{k}\n" for k in range(10, 16)), encoding="utf-8"
    )
    index = D.read_csv(path, "week", "sales").index
    assert [d.strftime("%Y-%m-%d") for d in index[:2]] == ["2021-03-08", "2021-03-15"]


@pytest.mark.parametrize("form", ["2021-W{}", "2021 W{:02d}", "W{:02d} 2021", "w{:02d}/2021"])
def test_weeks_written_otherwise_than_iso_get_the_same_advice(tmp_path, form) -> None:
    path = tmp_path / "weeks.csv"
    rows = "".join(f"{form.format(k)},{k}\n" for k in range(1, 7))
    path.write_text(f"week,sales\n{rows}", encoding="utf-8")
    first = form.format(1)
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "week", "sales")
    assert str(err.value).endswith(
        f"; no date format is inferred from {first!r}: they look like years and week numbers "
        f"({first!r} for week 1 of 2021?), which no date format reads: write ISO weeks as "
        "2021-W01 (each read as its week's Monday), or write the date each week starts."
    )


def test_year_months_still_read_as_year_months(tmp_path) -> None:
    path = tmp_path / "months.csv"
    path.write_text("m,v\n202101,1\n202102,2\n202103,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape("pass date_format='%Y%m' (CLI: ")):
        D.read_csv(path, "m", "v")


# --- a closed pipe -------------------------------------------------------------------------------


def _closed_pipe(monkeypatch, write_through: bool = False) -> io.TextIOWrapper:
    """sys.stdout as a pipe whose reader is gone (``| head -1`` once it has read); set in the
    test itself, after pytest's capture has set its own."""
    read, write = os.pipe()
    os.close(read)
    stream = io.TextIOWrapper(io.FileIO(write, "w"), encoding="utf-8", write_through=write_through)
    monkeypatch.setattr(sys, "stdout", stream)
    return stream


@pytest.mark.parametrize("argv", [["datasets"], ["--version"], ["datasets", "--help"], []])
def test_a_closed_pipe_ends_any_command_with_141_and_no_traceback(
    argv, monkeypatch, capsys
) -> None:
    # "Exception ignored in: <_io.TextIOWrapper name='<stdout>' ...> BrokenPipeError" and exit
    # 120 where the output waited in stdout's buffer, exit 0 where it was written at once
    monkeypatch.setattr(sys, "argv", ["lstmkit", *argv])
    stdout = _closed_pipe(monkeypatch)
    code = run()
    stdout.write("more\n")
    stdout.flush()  # now devnull's: the interpreter's last flush does not raise
    monkeypatch.undo()
    stdout.close()
    assert code == PIPE_CLOSED == 141
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("argv", [["datasets"], ["--version"], ["datasets", "--help"], []])
def test_a_pipe_closed_amid_the_command_ends_it_with_141(argv, monkeypatch, capsys) -> None:
    # the text written at once (PYTHONUNBUFFERED, or more than the buffer holds), so the
    # command's own print fails; argparse's help and version dropped the error: exit 0
    monkeypatch.setattr(sys, "argv", ["lstmkit", *argv])
    stdout = _closed_pipe(monkeypatch, write_through=True)
    code = run()
    monkeypatch.undo()
    stdout.close()
    assert code == 141
    assert capsys.readouterr().err == ""
