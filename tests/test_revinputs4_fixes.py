"""Review of inputs4 (each test fails without its fix): blank lines above a CSV's header, which
pandas skips, no longer cost a whole reading of the file before its column flags are asked
for, Excel's note of the separator ("sep=;") is refused before them, not listed as the
columns, and the first line of a CSV is found with each byte's quotes counted once."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from lstmkit import data
from lstmkit.cli import main

ROWS = "".join(f"2020-01-01 {h % 24:02d}:{h % 60:02d}:00,{h}\n" for h in range(4000))


@pytest.mark.parametrize(
    ("command", "header", "module", "reader", "flags"),
    [
        (["forecast"], "date,value", "lstmkit.data", "_csv_table", "--date-col and --value-col"),
        (
            ["text", "train"],
            "review,rating",  # not text and label, which are read without the flags (txt37)
            "lstmkit.text.labelled",
            "_labelled_table",
            "--text-col and --label-col",
        ),
    ],
    ids=["forecast", "text-train"],
)
def test_blank_lines_above_the_header_list_its_columns_without_reading_the_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    header: str,
    module: str,
    reader: str,
    flags: str,
) -> None:
    # the first blank line was read as the header: no columns, so the whole file was read
    # (a 50 MB file: 7 s and 220 MB more) to find whether it could be read, then "--csv
    # needs ..." listed no columns, where pandas skips those lines and reads the header below
    csv = tmp_path / "big.csv"
    csv.write_text(f"\n \t\n{header}\n{ROWS}")
    assert csv.stat().st_size > 1 << 16
    read = []
    monkeypatch.setattr(f"{module}.{reader}", lambda *a, **k: read.append(a))
    assert main([*command, "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    columns = header.replace(",", ", ")
    named = repr(str(csv))  # text train and forecast alike: by the path given, quoted
    assert capsys.readouterr() == (
        "",
        f"error: --csv needs {flags} ({named} has the columns {columns}).\n",
    )
    assert read == []


class _Counted(bytes):
    """Bytes that add up how many bytes their ``count`` scans."""

    scanned = 0

    def count(self, sub, start=None, end=None):  # type: ignore[no-untyped-def, override]
        start, end, _ = slice(start, end).indices(len(self))
        _Counted.scanned += max(end - start, 0)
        return super().count(sub, start, end)


def test_first_line_counts_each_bytes_quotes_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # counted again from the line's start at each "\r" inside the quotes: quadratic, about
    # 1.5 s for a header line of 64 KiB of them
    line = b'"' + b"\r" * 5000

    class Reader:
        def readline(self, size: int) -> bytes:
            return _Counted(line[:size])

    monkeypatch.setattr(data, "_unpacked", lambda *a, **k: contextlib.nullcontext(Reader()))
    monkeypatch.setattr(_Counted, "scanned", 0)
    csv = tmp_path / "a.csv"
    csv.write_bytes(line)
    assert data._first_line(csv, None, len(line)) == line
    assert _Counted.scanned <= len(line)


@pytest.mark.parametrize("command", [["forecast"], ["text", "train"]])
@pytest.mark.parametrize("sep", [[], ["--sep", ";"]], ids=["comma", "semicolon"])
def test_excels_separator_note_is_refused_before_the_column_flags_are_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], sep: list[str]
) -> None:
    # its line was listed as the header: "--csv needs --date-col and --value-col (sales.csv
    # has the columns sep=;)", or "sep=, (unnamed)" with --sep ';'; once they were given, the
    # file was refused for its note
    csv = tmp_path / "sales.csv"
    csv.write_text("sep=;\ndate;value\n2020-01-01;1\n")
    assert main([*command, "--csv", str(csv), *sep, "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --csv {str(csv)!r} begins with 'sep=;', Excel's note of the separator, where "
        "the header row belongs; delete that first line, and pass --sep ';'.\n",
    )
