"""Reading users' files (inputs3): classic-Mac line ends, header-only files refused before the
column flags are asked for, every refusal of a CSV file named by its flag and path on the
command line, and empty files told what was expected (each test fails without its fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit import data
from lstmkit.cli import main

ROWS = ["date,value,city"] + [f"2020-{m:02d}-01,{m},M\u00fcnchen" for m in range(1, 13)]


def test_a_classic_mac_csv_below_an_ascii_header_lists_its_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel for Mac's "CSV (Macintosh)": lines end in "\r" alone, cells in Mac Roman. Its
    # header, read alone, was the whole file as one line: no columns listed
    csv = tmp_path / "mac.csv"
    csv.write_bytes(("\r".join(ROWS) + "\r").encode("mac_roman"))
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv needs --date-col and --value-col ({str(csv)!r} has the columns date, value, "
        "city).\n"
    )


def test_a_classic_mac_csv_opened_by_excels_separator_note_is_told_to_delete_it(
    tmp_path: Path,
) -> None:
    # its first line was read as "sep=;\rdate;value\r...", no note: "columns not found"
    csv = tmp_path / "note.csv"
    csv.write_bytes(b"sep=;\rdate;value\r2020-01-01;1\r2020-02-01;2\r")
    with pytest.raises(ValueError) as info:
        data.read_csv(csv, "date", "value", sep=";")
    assert str(info.value) == (
        "CSV file 'note.csv' begins with 'sep=;', Excel's note of the separator, where the "
        "header row belongs; delete that first line, and pass sep=';' (CLI: --sep ';')."
    )


@pytest.mark.parametrize(
    ("header", "flags"),
    [
        ("sales", []),
        ("month,sales", []),
        ("month,sales", ["--value-col", "sales"]),
        ("month;sales;store", ["--date-col", "month", "--sep", ";"]),
    ],
)
def test_forecast_refuses_a_header_only_csv_before_asking_for_its_column_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, flags: list[str]
) -> None:
    # "--csv needs --date-col (sales.csv has the columns month, sales)", then, once given,
    # that the file has no rows
    csv = tmp_path / "sales.csv"
    csv.write_text(header + "\n")
    argv = ["forecast", "--csv", str(csv), *flags, "--out", str(tmp_path / "o")]
    assert main(argv) == 2
    shown = header.replace(";", ", ") if "--sep" in flags else header.replace(",", ", ")
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r} has a header row ({shown}) but no data rows; expected one "
        "row per timestamp.\n"
    )


def test_forecast_refuses_rows_empty_in_every_field_before_asking_for_its_column_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "sales.csv"
    csv.write_text("month,sales\n,\n,\n")
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r} has a header row (month, sales) but no data rows (the 2 "
        "rows below it are empty in every field); expected one row per timestamp.\n"
    )


CSV = "month,sales\n" + "".join(f"2020-{m:02d}-01,{m}\n" for m in range(1, 13))


def _zip_of_two(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.csv", CSV)
        archive.writestr("b.csv", CSV)


@pytest.mark.parametrize(
    ("write", "said"),
    [
        (
            lambda p: p.write_bytes(CSV.encode("utf-16-le")),
            "must be UTF-8 text, got a NUL byte (0x00) on line 1 (byte 2 of the line), which text "
            "does not hold (UTF-16-LE without a byte-order mark?); save the file as UTF-8.",
        ),
        (
            lambda p: p.write_bytes(CSV.replace("01,3", "01,\x003").encode()),
            "must be UTF-8 text, got a NUL byte (0x00) at line 4, column 12, in text that is "
            "otherwise UTF-8; delete it.",
        ),
        (
            lambda p: p.write_bytes(CSV.replace("month", "m\u00f6nth").encode("latin-1")),
            "must be UTF-8 text, got byte 0xf6 on line 1 (byte 2 of the line), which is not "
            "UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8.",
        ),
        (
            _zip_of_two,
            "is an archive of several files ('a.csv', 'b.csv'), where one, the CSV, is read; "
            "unpack the one you mean and pass it.",
        ),
    ],
    ids=["utf16", "nul", "latin1", "zip"],
)
def test_forecast_names_a_csv_it_cannot_read_by_its_flag_and_path_as_given(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write,
    said: str,
) -> None:
    # "CSV file 'x.csv' must be UTF-8 text, ...", where an empty one was "--csv 'data/x.csv'"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    name = "data/x.zip" if write is _zip_of_two else "data/x.csv"
    write(tmp_path / name)
    with pytest.raises(ValueError) as info:
        data.read_csv(name, "month", "sales")
    assert str(info.value) == f"CSV file {Path(name).name!r} {said}"  # the library's words
    argv = ["forecast", "--csv", name, "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--out", "o"]) == 2
    if "Windows-1252" in said:  # the command line adds the command that converts it (sent39)
        said = said.removesuffix(".") + (
            ", e.g. `iconv -f WINDOWS-1252 -t UTF-8 'data/x.csv' > 'data/x-utf8.csv'`, then pass "
            "--csv 'data/x-utf8.csv'."
        )
    assert capsys.readouterr().err == f"error: --csv {name!r} {said}\n"


def test_a_classic_mac_csv_whose_header_quotes_a_line_end_lists_that_column_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pandas reads a "\r" inside quotes as the field's: the header line ends at the next one
    csv = tmp_path / "mac.csv"
    rows = ['date,"value\r(EUR)",city', *ROWS[1:]]
    csv.write_bytes(("\r".join(rows) + "\r").encode("mac_roman"))
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv needs --date-col and --value-col ({str(csv)!r} has the columns date, "
        "value\r(EUR), city).\n"
    )
