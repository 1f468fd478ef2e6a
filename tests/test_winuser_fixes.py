"""Files as Windows and Excel write them: another encoding than UTF-8, a byte-order mark, CRLF
line endings, rows empty in every field below a table, and folders with spaces in their names."""

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import CLIError, main, read_sentences
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.text.charlm import read_corpus
from lstmkit.text.labelled import read_labelled_csv

QUICK = [
    *("--ensemble", "1", "--epochs", "2", "--lookback", "4", "--season-length", "1"),
    *("--no-calendar", "--hidden-size", "4", "--no-stat-baselines"),
]
LATIN = "(a Latin-1 or Windows-1252 file?); save the file as UTF-8."
# a UTF-16 file is named so for certain, by its byte-order mark, with how to save it (readleft)
UTF16 = (
    "got UTF-16 (it begins with UTF-16's byte-order mark 0xff 0xfe, as Excel saves \"Unicode "
    'Text" and "CSV UTF-16" and Windows PowerShell 5\'s `>` writes); save the file as UTF-8 '
    '(Excel: Save As, "CSV UTF-8 (Comma delimited)"; Notepad: Save As, Encoding UTF-8; '
    "PowerShell: `| Out-File -Encoding utf8 FILE` in place of `> FILE`)."
)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A tiny forecaster fitted on a series named ``sales``, saved as forecast --out saves it."""
    index = pd.date_range("2020-01-01", periods=30, freq="D")
    sales = pd.Series(20.0 + np.arange(30) % 5, index=index, name="sales")
    config = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=2, hidden_size=4, refit=False, interval=None
    )
    out = tmp_path_factory.mktemp("model") / "model"
    Forecaster(config).fit(sales).save(out)
    return out


def _sales_csv(path: Path, encoding: str, header: str = "day,sales €") -> Path:
    """30 days of sales as Excel saves them: CRLF, a header in ``encoding``."""
    rows = [header] + [f"2020-01-{d:02d},{20 + d % 5}" for d in range(1, 31)]
    path.write_bytes("\r\n".join(rows).encode(encoding) + b"\r\n")
    return path


def test_explain_refuses_a_csv_that_is_not_utf8_as_forecast_does(
    model_dir, tmp_path, capsys
) -> None:
    # explain read the header alone first: "has no readable header row: 'utf-8' codec can't
    # decode byte 0x80 in position 7: invalid start byte", a position within pandas' buffer
    cp1252 = _sales_csv(tmp_path / "umsatz.csv", "cp1252")
    utf16 = _sales_csv(tmp_path / "unicode text.txt", "utf-16", "day\tsales")
    argv = ["--date-col", "day", "--value-col", "sales €"]
    assert main(["explain", str(model_dir), "--csv", str(cp1252), *argv]) == 2
    utf8 = cp1252.with_name("umsatz-utf8.csv")  # the command that converts it (sent39)
    assert capsys.readouterr().err == (
        f"error: --csv {str(cp1252)!r} must be UTF-8 text, got byte 0x80 on line 1 (byte 11 of "
        f"the line), which is not UTF-8 {LATIN[:-1]}, e.g. `iconv -f WINDOWS-1252 -t UTF-8 "
        f"'{cp1252}' > '{utf8}'`, then pass --csv '{utf8}'.\n"
    )
    assert main(["explain", str(model_dir), "--csv", str(utf16), "--sep", "tab"]) == 2
    assert capsys.readouterr().err == (f"error: --csv {str(utf16)!r} must be UTF-8 text, {UTF16}\n")
    # and forecast says the same of the same file
    forecast = ["forecast", "--csv", str(cp1252), *argv, *QUICK]
    assert main(forecast) == 2
    assert capsys.readouterr().err.startswith(
        f"error: --csv {str(cp1252)!r} must be UTF-8 text, got byte 0x80 on line 1 (byte 11 of "
    )


def test_explain_refuses_an_empty_csv_and_excels_separator_note_by_what_they_are(
    model_dir, tmp_path, capsys
) -> None:
    # an empty file was "has no readable header row: No columns to parse from file", and
    # "sep=;" was taken for the date column: "gives 0 (none) besides the date column 'sep=;'"
    empty, note = tmp_path / "empty.csv", tmp_path / "note.csv"
    empty.write_bytes(b"")
    note.write_bytes(b"sep=;\r\nday;sales\r\n2020-01-01;1\r\n")
    assert main(["explain", str(model_dir), "--csv", str(empty)]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(empty)!r} is empty; expected a header row naming the columns, then "
        "one row per timestamp.\n"
    )
    assert main(["explain", str(model_dir), "--csv", str(note)]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(note)!r} begins with 'sep=;', Excel's note of the separator, where "
        "the header row belongs; delete that first line, and pass --sep ';'.\n"
    )


def test_explain_reads_a_csv_with_a_byte_order_mark_and_crlf(model_dir, tmp_path, capsys) -> None:
    excel = _sales_csv(tmp_path / "Umsätze 2020.csv", "utf-8-sig", "day,sales")
    assert main(["explain", str(model_dir), "--csv", str(excel), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["csv"], record["origin"], record["time"]) == (
        str(excel),
        "2020-01-30",
        "2020-01-31",
    )


def test_explain_reads_by_position_past_excels_trailing_separators(
    model_dir, tmp_path, capsys
) -> None:
    # "day,Umsatz,,," read as 4 columns besides the dates: "the model was trained on 1
    # column(s) (sales); --csv 'umsatz.csv' gives 4 (Umsatz, Unnamed: 2, Unnamed: 3, Unnamed:
    # 4) besides the date column 'day'"
    rows = ["day,Umsatz,,,"] + [f"2020-01-{d:02d},{20 + d % 5},,," for d in range(1, 31)]
    path = tmp_path / "umsatz.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n,,,,\r\n").encode("utf-8-sig"))
    assert main(["explain", str(model_dir), "--csv", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["origin"] == "2020-01-30"
    assert main(["explain", str(model_dir), "--csv", str(path), "--date-col", "Tag"]) == 2
    assert capsys.readouterr().err == (
        f"error: --date-col 'Tag' is not a column of {str(path)!r}; available columns: ['day', "
        "'Umsatz'].\n"
    )


def test_file_not_utf8_names_its_line_the_likely_encoding_and_the_fix(tmp_path) -> None:
    # "--file 'x.txt' is not UTF-8 text (byte 21: invalid continuation byte)": neither the
    # line nor what to do, where a --csv file in the same encoding got both
    path = tmp_path / "sätze.txt"
    path.write_bytes("a fine film\r\n\r\nun café\r\n".encode("cp1252"))
    # and the command that converts it (sent39)
    utf8 = path.with_name("sätze-utf8.txt")
    iconv = (
        f", e.g. `iconv -f WINDOWS-1252 -t UTF-8 '{path}' > '{utf8}'`, then pass --file '{utf8}'."
    )
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    assert str(err.value) == (
        f"--file {str(path)!r} must be UTF-8 text, got byte 0xe9 on line 3 (byte 7 of the "
        f"line), which is not UTF-8 {LATIN[:-1]}{iconv}"
    )
    # after a UTF-8 byte-order mark the byte is counted in the file, not after the mark
    path.write_bytes(b"\xef\xbb\xbfcaf\xe9\n")
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    assert str(err.value) == (
        f"--file {str(path)!r} must be UTF-8 text, got byte 0xe9 on line 1 (byte 7 of the "
        f"line), which is not UTF-8 {LATIN[:-1]}{iconv}"
    )
    path.write_bytes("a fine film\r\n".encode("utf-16"))
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    assert str(err.value) == (f"--file {str(path)!r} must be UTF-8 text, {UTF16}")


def test_a_corpus_not_utf8_is_refused_as_a_file_is_and_crlf_reads_as_before(tmp_path) -> None:
    path = tmp_path / "corpus.txt"
    path.write_bytes("ROMEO:\r\nAdieu, café\r\n".encode("latin-1"))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == (
        f"{str(path)!r} must be UTF-8 text, got byte 0xe9 on line 2 (byte 11 of the line), "
        f"which is not UTF-8 {LATIN}"
    )
    path.write_bytes("\ufeffROMEO:\r\nAdieu\rcafé\n".encode())
    assert read_corpus(path) == "ROMEO:\nAdieu\ncafé\n"


def test_a_csv_with_mac_line_endings_names_the_line_of_its_byte(tmp_path) -> None:
    # lines were counted at "\n" alone: a file of "\r" line endings was all "line 1"
    from lstmkit._checks import not_utf8

    path = tmp_path / "mac.csv"
    rows = ["day,sales"] + [f"2020-01-{d:02d},{d}" for d in range(1, 6)] + ["2020-01-06,6 €"]
    path.write_bytes("\r".join(rows).encode("cp1252") + b"\r")
    with pytest.raises(ValueError, match=re.escape("got byte 0x80 on line 7 (byte 14 of the")):
        D.read_csv(path, "day", "sales")
    assert not_utf8(b"a\rb\r\nc\n\xff", 7).startswith("got byte 0xff on line 4 (byte 1 of ")


def _reviews(path: Path, tail: str) -> Path:
    rows = [f"good film {k},pos\r\nbad film {k},neg\r\n" for k in range(5)]
    path.write_bytes(("\ufefftext,label\r\n" + "".join(rows) + tail).encode())
    return path


def test_labelled_rows_empty_in_every_field_are_skipped_as_blank_lines(tmp_path) -> None:
    # Excel's rows below a table (",") were refused: "column 'text' ... got none in row(s) 11;
    # column 'label' ... got an empty one in row(s) 11"
    path = _reviews(tmp_path / "reviews.csv", ",\r\n , \r\n\r\n")
    texts, labels = read_labelled_csv(path, "text", "label", training=True)
    assert len(texts) == 10 and texts[-1] == "bad film 4" and labels[-1] == "neg"
    q = repr(str(path))  # as given, quoted
    # a row with a label still needs its text, numbered with the skipped rows
    path = _reviews(tmp_path / "reviews.csv", ",\r\n\r\n,pos\r\n")
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == (
        f"column 'text' of {q} must hold a text with a token in every row, got none in "
        "row 13 (rows counted from 1 below the header); fill it in or remove it."
    )
    path.write_bytes(b"text,label\r\n,\r\n,\r\n")
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == (
        "CSV file 'reviews.csv' has a header row (text, label) but no data rows (the 2 rows "
        "below it are empty in every field); expected one row per labelled text."
    )


def test_the_note_on_held_out_points_quotes_a_folder_and_columns_with_spaces(capsys) -> None:
    # `lstmkit predict runs/sales 2024` forecast from the folder "runs/sales" with "2024" a
    # stray argument, if pasted as shown; so did a future covariate "unit price"
    from lstmkit.cli._forecast_run import _report

    result = {"n": 30, "holdout": 2, "lookback": 4, "fit_seconds": 0.0, "baselines_skipped": []}
    result["forecast"] = {"timestamp": ["2020-01-31"], "forecast": [1.0], "lower": [None]}
    config = ForecasterConfig(horizon=2, interval=None)
    _report("sales", result, {}, None, config, Path("runs/sales 2024"))
    assert capsys.readouterr().out.strip().splitlines()[-1] == (
        "(model/ was fitted without the 2 held-out points, so `lstmkit predict 'runs/sales "
        "2024'` forecasts them again; --holdout 0 fits on everything)"
    )
    result["future_covariates"] = {"columns": ["unit price", "promo"]}
    _report("sales", result, {}, None, config, Path("runs/sales"))
    assert capsys.readouterr().out.strip().splitlines()[-1] == (
        "(model/ was fitted without the 2 held-out points, so `lstmkit predict runs/sales --csv "
        "FILE` (FILE with the training data's columns, its target ending before them, its rows "
        "for them holding unit price, promo) forecasts them again; --holdout 0 fits on "
        "everything)"
    )


def test_a_date_column_of_spreadsheet_serial_numbers_is_named_so(tmp_path) -> None:
    # read silently as integer steps 44197, 44198, ... (no calendar, no daily season), or
    # refused for uneven steps, with no word of the dates they stand for
    path = tmp_path / "serial.csv"
    path.write_text("day,sales\n" + "".join(f"{44197 + k},{k % 7}\n" for k in range(10)))
    serial = (
        "they look like the serial numbers a spreadsheet stores dates as (44197 is "
        "2021-01-01): format the column as dates in the spreadsheet and save the CSV again."
    )
    with pytest.warns(UserWarning) as record:
        frame = D.read_csv(path, "day", "sales")
    assert [str(w.message) for w in record] == [
        f"column 'day' of {str(tmp_path / 'serial.csv')!r} holds whole numbers (44197 to 44206), "
        f"read as integer steps, not dates; {serial}"
    ]
    assert list(frame.index[:2]) == [44197, 44198]
    months = pd.date_range("2021-01-01", periods=4, freq="MS") - pd.Timestamp("1899-12-30")
    path.write_text("day,sales\n" + "".join(f"{d.days},1\n" for d in months))
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "day", "sales")
    assert str(err.value) == (
        f"the integer index of column 'day' of {str(tmp_path / 'serial.csv')!r} must rise by one "
        "constant step, got 44228 then 44256 (row 4); integer steps are read as they are "
        "(missing ones are not inserted, even with a fill), so give every step once, in order, "
        f"or dates; {serial}"
    )
    path.write_text("day,sales\n" + "".join(f"{19990 + k},1\n" for k in range(3)))
    assert list(D.read_csv(path, "day", "sales").index) == [19990, 19991, 19992]  # no warning


def test_percentages_are_named_so_with_the_sign_to_remove(tmp_path) -> None:
    # "column 'rate' has non-numeric values at ... ('12,5 %') ... and 1 more.", no word why
    path = tmp_path / "rates.csv"
    path.write_text("day;rate\n" + "".join(f"2021-01-0{d};{d},5 %\n" for d in range(1, 7)))
    shown = "2021-01-01 ('1,5 %'), 2021-01-02 ('2,5 %'), 2021-01-03 ('3,5 %'), 2021-01-04"
    # with the number each fix reads, 100 times apart (readleft)
    reads = " ('1,5 %' reads as 1.5)"
    fix = (
        "; or format the column as numbers in the spreadsheet and save the CSV again ('1,5 %' "
        "reads as 0.015)."
    )
    start = (
        f"column 'rate' of {str(path)!r} has non-numeric values at {shown} ('4,5 %'), "
        "2021-01-05 ('5,5 %')"
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "day", "rate", sep=";", decimal=",")
    assert str(err.value) == (
        f"{start} and 1 more (percentages, '1,5 %'?): remove the '%' from the file's "
        f"cells{reads}{fix}"
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "day", "rate", sep=";")
    assert str(err.value) == (
        f"{start} and 1 more (percentages, '1,5 %'?): remove the '%' from the file's cells, "
        f"then pass decimal=',' (CLI: --decimal ','){reads}{fix}"
    )
    series = pd.Series(["1%", "2.5%", "3%"], index=pd.date_range("2021-01-01", periods=3))
    with pytest.raises(ValueError) as err:
        D.to_frame(series)
    assert str(err.value) == (
        "column 'value' has non-numeric values at 2021-01-01 ('1%'), 2021-01-02 ('2.5%'), "
        "2021-01-03 ('3%') (percentages, '1%'?): remove the '%' ('1%' reads as 1) (pandas: "
        "pd.to_numeric(column.str.rstrip('%')))."
    )
