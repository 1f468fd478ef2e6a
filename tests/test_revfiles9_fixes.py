"""revfiles9: standard input and file objects as the files9 merge reads them, reviewed."""

import gzip
import io
import sys
import tracemalloc

import pytest

from lstmkit.cli import CLIError, StandardInput, check_csv, main
from lstmkit.data import read_csv
from lstmkit.text.charlm import read_corpus

_CSV = "month,sales\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n"


def _pipe(monkeypatch, data: bytes) -> None:
    """Standard input as a pipe of ``data`` gives it (``lstmkit ... < sales.csv``)."""
    raw = io.BytesIO(data)
    raw.name = "<stdin>"  # as sys.stdin.buffer is named
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))


def test_damaged_compressed_bytes_piped_in_are_not_told_python_s_way_out(
    tmp_path, monkeypatch, capsys
) -> None:
    # was "... or pass its contents unpacked (gzip.open(...) on a whole file, io.BytesIO of the
    # unpacked bytes)": Python's words, which the command line cannot act on
    monkeypatch.chdir(tmp_path)
    _pipe(monkeypatch, gzip.compress(_CSV.encode())[:30])
    argv = ["forecast", "--csv", "-", "--date-col", "month", "--value-col", "sales", "--out", "o"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --csv '<stdin>' cannot be unpacked, though its bytes begin as a '.gz' file's do "
        "(Compressed file ended before the end-of-stream marker was reached); check where they "
        "came from (cut short or damaged?), or pipe them in unpacked.\n"
    )
    assert not (tmp_path / "o").exists()
    # a Python file object of them is still told Python's way out
    with pytest.raises(ValueError) as err:
        read_csv(io.BytesIO(gzip.compress(_CSV.encode())[:30]), "month", "sales")
    assert str(err.value).endswith(
        "or pass its contents unpacked (gzip.open(...) on a whole file, io.BytesIO of the "
        "unpacked bytes)."
    )


def test_dash_is_standard_input_and_dot_slash_dash_the_file_named_dash(
    tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    # "./-" that is not there was said to be standard input: Path writes it as "-"
    flags = ["--date-col", "month", "--value-col", "sales"]
    assert main(["forecast", "--csv", "./-", *flags]) == 2
    # (io10: named as typed, './-', which was '-')
    assert capsys.readouterr().err == "error: --csv './-' not found.\n"
    # "-" for a command that asks for a file is refused even where a file named "-" is there
    # (read as that file), as the README says: that file is "./-"
    (tmp_path / "-").write_text(_CSV)
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "config.json").write_text("{}")  # a model folder, as far as --csv is read
    # predict reads '-' as standard input (io12), after its model: refused here
    assert main(["predict", "m", "--csv", "-"]) == 2
    assert capsys.readouterr().err == (
        "error: 'm' holds a model whose config.json names no kind, not a forecaster "
        "(kind 'lstmkit.Forecaster').\n"
    )
    with pytest.raises(CLIError) as err:
        check_csv(StandardInput("-"), "--file", "text")
    assert str(err.value) == (
        "--file must be a text file, got '-': standard input is read only once; save the data "
        "to a file and pass its name."
    )
    check_csv(tmp_path / "-")  # the file, named by its path


def _escaping_stdin(data: bytes) -> io.TextIOWrapper:
    """``sys.stdin`` as Python opens it under the C and C.UTF-8 locales: undecodable bytes
    escaped as U+DC80 to U+DCFF, not refused."""
    raw = io.BytesIO(data)
    raw.name = "<stdin>"
    return io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape")


def test_sys_stdin_that_escapes_its_bytes_is_read_as_its_bytes() -> None:
    # a gzip file piped into sys.stdin was refused as text ("got byte 0xed on line 1"), and a
    # Latin-1 0xe9 was named "byte 0xed", its escape written as UTF-8
    frame = read_csv(_escaping_stdin(gzip.compress(_CSV.encode())), "month", "sales")
    assert frame["sales"].tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(ValueError) as err:
        read_csv(
            _escaping_stdin((_CSV + "2020-04-01,4 café\n").encode("latin-1")), "month", "sales"
        )
    assert str(err.value) == (
        "CSV file '<stdin>' must be UTF-8 text, got byte 0xe9 on line 5 (byte 17 of the line), "
        "which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8, or open "
        "it with the encoding it was saved in (open(path, encoding=...)), not as 'utf-8'."
    )


def test_a_corpus_file_object_is_not_held_twice_while_its_copy_is_read(tmp_path) -> None:
    # its bytes were kept while the copy was read: a third copy of the corpus in memory
    path = tmp_path / "notes.txt"
    path.write_bytes(b"to be or not to be\n" * 200_000)  # 3.8 MB

    def peak(read) -> int:
        tracemalloc.start()
        try:
            read()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    def from_object() -> None:
        with path.open("rb") as f:
            read_corpus(f)

    by_path = peak(lambda: read_corpus(path))
    assert peak(from_object) < by_path + path.stat().st_size // 2


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["forecast", "airline", "--csv", "-"], "give either a dataset name or --csv, not both."),
        (
            ["text", "train", "--dev-csv", "-", "--out", "m"],
            "name the data to train on: a task (sst2, sst5) or --csv FILE (your own labelled "
            "texts).",
        ),
        (
            ["text", "train", "sst2", "--csv", "-", "--out", "m"],
            "name the data to train on: a task (sst2, sst5) or --csv FILE (your own labelled "
            "texts), not both.",
        ),
    ],
)
def test_flags_that_refuse_standard_input_are_said_before_it_is_read(
    argv, said, tmp_path, monkeypatch, capsys
) -> None:
    # a terminal there was refused first ("pipe it in (--csv - < sales.csv)"), and the data
    # piped in then was refused by these flags
    monkeypatch.chdir(tmp_path)
    _pipe(monkeypatch, b"")
    monkeypatch.setattr(sys.stdin.buffer, "isatty", lambda: True, raising=False)
    assert main(argv) == 2
    assert capsys.readouterr().err == f"error: {said}\n"
