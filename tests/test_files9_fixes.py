"""files9: every reader takes what read_csv takes; a file object open in text mode that does not
decode is refused as its path is, with what a text file object can do besides."""

import gzip
import hashlib
import io
import json
import sys

import pytest

from lstmkit.cli import main
from lstmkit.data import read_csv, series_names

_CSV = "date,y\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n"
_NOT_UTF8 = (
    "CSV file 'sales.csv' must be UTF-8 text, got byte 0xe9 on line 5 (byte 17 of the line), "
    "which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8"
)
_OPEN_AS = ", or open it with the encoding it was saved in (open(path, encoding=...)), not as "


def test_a_latin1_file_open_in_text_mode_is_refused_as_its_path_is(tmp_path) -> None:
    # was Python's bare "'utf-8' codec can't decode byte 0xe9 in position 51: invalid
    # continuation byte", naming neither the file nor the argument
    path = tmp_path / "sales.csv"
    path.write_bytes((_CSV + "2020-01-04,4 café\n").encode("latin-1"))
    with pytest.raises(ValueError) as by_path:
        read_csv(path, "date", "y")
    assert str(by_path.value) == _NOT_UTF8 + "."
    for read in (read_csv, series_names):
        with path.open(encoding="utf-8") as f, pytest.raises(ValueError) as err:
            read(f, "date", "y") if read is read_csv else read(f, "date")
        assert str(err.value) == _NOT_UTF8 + _OPEN_AS + "'utf-8'."


def test_a_utf16_file_open_in_text_mode_is_said_to_be_utf16(tmp_path) -> None:
    path = tmp_path / "sales.csv"
    path.write_bytes(_CSV.encode("utf-16"))  # with its byte-order mark, as Excel saves it
    said = (
        "CSV file 'sales.csv' must be UTF-8 text, got UTF-16 (it begins with UTF-16's "
        'byte-order mark 0xff 0xfe, as Excel saves "Unicode Text" and "CSV UTF-16" and Windows '
        "PowerShell 5's `>` writes); save the file as UTF-8 (Excel: Save As, \"CSV UTF-8 (Comma "
        'delimited)"; Notepad: Save As, Encoding UTF-8; PowerShell: `| Out-File -Encoding utf8 '
        "FILE` in place of `> FILE`)"
    )
    with pytest.raises(ValueError) as by_path:
        read_csv(str(path), "date", "y")
    assert str(by_path.value) == said + "."
    with path.open(encoding="utf-8-sig") as f, pytest.raises(ValueError) as err:
        read_csv(f, "date", "y")
    assert str(err.value) == said + _OPEN_AS + "'utf-8-sig'."
    with path.open(encoding="utf-16") as f:  # the way out it names
        assert read_csv(f, "date", "y")["y"].tolist() == [1.0, 2.0, 3.0]


def test_a_file_open_in_text_mode_with_another_encoding_names_it(tmp_path) -> None:
    # as Windows opens a file by default (cp1252), which has no character for 0x81
    path = tmp_path / "sales.csv"
    path.write_bytes(_CSV.encode() + b"\x81\n")
    with path.open(encoding="cp1252") as f, pytest.raises(ValueError) as err:
        read_csv(f, "date", "y")
    assert str(err.value) == (
        f"`path`, a file object ({str(path)!r}) open in text mode as 'cp1252', cannot be read: "
        "its byte 0x81 on line 5 (byte 1 of the line) is not 'cp1252'; lstmkit reads UTF-8: "
        "open it in binary mode (open(path, 'rb')), or with the encoding it was saved in "
        "(open(path, encoding=...))."
    )
    with path.open(encoding="latin-1") as f, pytest.raises(ValueError) as err:
        read_csv(f, "date", "y")  # an encoding that reads it: its text read as it decodes
    assert str(err.value).startswith(
        f"column 'date' of {str(path)!r} has unparsable dates at row 5 ('\\x81');"
    )


def test_a_compressed_file_open_in_text_mode_reads_as_in_binary_mode(tmp_path) -> None:
    # its bytes, which are no UTF-8, are what a binary file object gives: unpacked as they begin
    path = tmp_path / "sales.csv.gz"
    path.write_bytes(gzip.compress(_CSV.encode()))
    with path.open(encoding="utf-8") as f:
        assert read_csv(f, "date", "y")["y"].tolist() == [1.0, 2.0, 3.0]


def test_a_text_file_read_a_line_into_is_refused_at_the_line_from_there(tmp_path) -> None:
    # Python's error holds the bytes from the last block it decoded (8 KiB in): the byte on
    # line 1001 from where the file stood was said to be on line 448
    path = tmp_path / "sales.csv"
    rows = "".join(f"{2000 + k}-01-01,{k}\n" for k in range(1000))
    path.write_bytes(("date,y\n" + rows).encode() + b"\xe9\n")
    with path.open(encoding="utf-8") as f:
        f.readline()  # past the header, as a binary file object read so
        with pytest.raises(ValueError) as err:
            read_csv(f, "date", "y")
    assert str(err.value) == (
        "CSV file 'sales.csv' must be UTF-8 text, got byte 0xe9 on line 1001 (byte 1 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8"
        + _OPEN_AS
        + "'utf-8'."
    )
    with path.open("rb") as f:  # as a binary file object read a line into says
        f.readline()
        with pytest.raises(ValueError) as binary:
            read_csv(f, "date", "y")
    assert str(err.value).startswith(str(binary.value).removesuffix("."))


# --- `--csv -`: standard input, read once into a copy the command reads as a file ------------

_FAST = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_SERIES = "month,sales\n" + "".join(
    f"20{10 + k // 12}-{k % 12 + 1:02d}-01,{k % 7}\n" for k in range(60)
)


def _pipe(monkeypatch, data: bytes) -> None:
    """Standard input as a pipe of ``data`` gives it (``lstmkit ... < sales.csv``)."""
    raw = io.BytesIO(data)
    raw.name = "<stdin>"  # as sys.stdin.buffer is named
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))


def test_forecast_reads_a_csv_piped_into_standard_input(
    tmp_path, monkeypatch, capsys, undrawn_figures
) -> None:
    # was "--csv must be a CSV file, got '-': standard input is read only once; ..."
    monkeypatch.chdir(tmp_path)
    _pipe(monkeypatch, _SERIES.encode())
    flags = ["--date-col", "month", "--value-col", "sales", *_FAST, "--no-progress"]
    assert main(["forecast", "--csv", "-", *flags, "--out", "run"]) == 0
    run = json.loads((tmp_path / "run" / "run.json").read_text())
    assert run["dataset"] == "<stdin>"  # the run's record says where its data came from
    assert run["dataset_sha256"] == hashlib.sha256(_SERIES.encode()).hexdigest()
    assert run["command"].startswith("lstmkit forecast --csv - --date-col month")
    capsys.readouterr()
    # predict reads it once too (io12; it asked for a file), the run's reading taken
    _pipe(monkeypatch, _SERIES.encode())
    assert main(["predict", "run", "--csv", "-", "--json"]) == 0
    out, err = capsys.readouterr()
    assert (json.loads(out)["data"], err) == ("<stdin>", "")


def test_a_csv_piped_in_is_refused_by_its_flag_and_writes_nothing(
    tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["forecast", "--csv", "-", "--date-col", "month", "--value-col", "sales", "--out", "o"]
    _pipe(monkeypatch, b"")
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --csv '<stdin>' is empty; expected a header row naming the columns, then one "
        "row per timestamp.\n"
    )
    _pipe(monkeypatch, _SERIES.encode())
    assert main([*argv[:5], "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        "error: --csv needs --value-col ('<stdin>' has the columns month, sales).\n"
    )
    assert not (tmp_path / "o").exists()


def test_standard_input_that_is_a_terminal_is_refused_before_it_is_waited_on(
    tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    _pipe(monkeypatch, b"")
    monkeypatch.setattr(sys.stdin.buffer, "isatty", lambda: True, raising=False)
    assert main(["forecast", "--csv", "-", "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        "error: --csv - reads the CSV file from standard input, got a terminal; pipe it in "
        "(--csv - < sales.csv), or pass the file's name.\n"
    )
    assert not (tmp_path / "o").exists()


def test_a_file_open_as_another_encoding_is_refused_at_the_line_from_where_it_stood(
    tmp_path,
) -> None:
    path = tmp_path / "sales.csv"
    rows = "".join(f"{2000 + k}-01-01,{k}\n" for k in range(1000))
    path.write_bytes(("date,y\n" + rows).encode() + b"\x81\n")
    with path.open(encoding="cp1252") as f:
        f.readline()
        with pytest.raises(ValueError) as err:
            read_csv(f, "date", "y")
    assert str(err.value) == (
        f"`path`, a file object ({str(path)!r}) open in text mode as 'cp1252', cannot be read: "
        "its byte 0x81 on line 1001 (byte 1 of the line) is not 'cp1252'; lstmkit reads UTF-8: "
        "open it in binary mode (open(path, 'rb')), or with the encoding it was saved in "
        "(open(path, encoding=...))."
    )
