"""revleftfc36: review of leftfc36 (the re-read of a file of another separator, paths to
paste)."""

from __future__ import annotations

import io
import os
import shlex
import threading

import numpy as np
import pytest

from lstmkit import data as D
from lstmkit.cli import main


def test_a_quoted_header_of_both_separators_is_told_its_separator_not_a_recursion(
    tmp_path, monkeypatch
) -> None:
    """'"date;y,z"' quoted is one column by ',' and by ';': the re-read that finds the options
    of the other separator read it by each in turn without end (RecursionError); it is told
    the separator, as before the re-read."""
    (tmp_path / "q.csv").write_text('"date;y,z"\n"2020-01-01;1,2"\n"2020-02-01;3,4"\n')
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as e:
        D.read_csv("q.csv", "date", "y")
    assert str(e.value) == (
        "columns ['date', 'y'] not found in 'q.csv'; available columns: ['date;y,z'] (one "
        "column whose name holds ';': the file looks ';'-separated; pass sep=';' (CLI: --sep "
        "';'))."
    )
    assert e.value.read_options is None


@pytest.mark.parametrize("name", ["it's a.csv", 'x\\y "z".csv'])
def test_the_cli_given_a_folder_of_one_csv_names_it_to_paste(tmp_path, capsys, name) -> None:
    """`--csv d` said "got the folder 'd'" alone, where read_csv('d', ...) names the CSV in it
    to pass: the command line names it too, quoted as the shell reads it (pasted, it reads)."""
    folder = tmp_path / "my 'runs'"
    folder.mkdir()
    (folder / name).write_text(
        "date,y\n" + "".join(f"2020-{m:02d}-01,{m}\n" for m in range(1, 13)), encoding="utf-8"
    )
    argv = ["forecast", "--csv", str(folder), "--date-col", "date", "--value-col", "y"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: --csv must be a CSV file, got the folder {str(folder)!r}; it holds {name}: "
        f"pass {shlex.quote(str(folder / name))}.\n"
    )
    assert shlex.split(err.rsplit("pass ", 1)[1].removesuffix(".\n")) == [str(folder / name)]
    # the same folder of two: the first named, as read_csv names it
    (folder / "zz.csv.gz").write_bytes(b"")
    assert main(argv) == 2
    assert capsys.readouterr().err.endswith(
        f"it holds 2 CSV files: pass one, e.g. {shlex.quote(str(folder / name))}.\n"
    )


def test_the_model_folders_to_give_are_quoted_as_the_shell_reads_them(
    tmp_path, capsys, monkeypatch
) -> None:
    """The model folders a CLI refusal gives to pass (did you mean ...?, the folder that holds
    a config.json given, a series' run folder) were a str's repr, which pasted into a shell
    named another folder ('x\\\\y' two backslashes; "it's" in double quotes): quoted as the
    shell reads them, as the CSVs to pass are (pasted_path)."""
    monkeypatch.chdir(tmp_path)
    meant = "r u'n\\s"
    (tmp_path / meant).mkdir()
    quoted = "'r u'\"'\"'n\\s'"
    assert shlex.split(quoted) == [meant]
    assert main(["predict", "r u'n\\x"]) == 2
    assert capsys.readouterr().err == (
        f"error: model folder {'r u' + chr(39) + 'n' + chr(92) + 'x'!r} does not exist "
        f"(did you mean {quoted}?).\n"
    )
    (tmp_path / meant / "config.json").write_text("{}", encoding="utf-8")
    said = f"is a file, not a saved model's folder; give the folder that holds it, {quoted}.\n"
    for argv in (["predict"], ["text", "generate"]):
        assert main([*argv, f"{meant}/config.json"]) == 2
        assert capsys.readouterr().err == f"error: {meant + '/config.json'!r} {said}"
    runs = tmp_path / "all"
    (runs / "it's a" / "model").mkdir(parents=True)
    (runs / "it's a" / "model" / "config.json").write_text("{}", encoding="utf-8")
    (runs / "summary.csv").write_text("series\n", encoding="utf-8")
    assert main(["predict", "all"]) == 2
    assert "give one of them, e.g. 'all/it'\"'\"'s a'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("number", "rows"),
    [(np.float32(0.1), 10), (np.float16(2.5), 10), (np.float64(0.1), 10), (-1, 10)],
)
def test_where_takes_a_numpy_float_as_the_text_it_writes(tmp_path, number, rows) -> None:
    """where={'store': np.float32(0.1)} was compared as '0.10000000149011612' (the float64
    of it), which no cell '0.1' holds: a numpy float is its own text, '0.1', as it prints."""
    path = tmp_path / "stores.csv"
    path.write_text(
        "store,date,value\n"
        + "".join(
            f"{store},2020-01-{day:02d},{day}\n"
            for store in ("0.1", "2.5", "-1")
            for day in range(1, 11)
        ),
        encoding="utf-8",
    )
    frame = D.read_csv(path, "date", "value", where={"store": number})
    assert frame["value"].tolist() == [float(day) for day in range(1, rows + 1)]


def test_a_piped_file_of_another_separator_is_told_how_to_pipe_it_again(
    tmp_path, monkeypatch, capsys
) -> None:
    """The line to paste for `--csv -` was `lstmkit forecast --csv - ...`, which pasted alone
    waits on the terminal, and for a pipe the shell named (/dev/fd/63 of <(...)) one that
    names nothing once the run ended: standard input's is to be piped in again, and a pipe's
    is not given (its flags are)."""
    euro = "date;value\n" + "".join(
        f"01.{k % 12 + 1:02d}.{2015 + k // 12};1.0{k:02d},50\n" for k in range(24)
    )
    raw = io.BytesIO(euro.encode())
    raw.name = "<stdin>"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))
    flags = ["--date-col", "date", "--value-col", "value"]
    assert main(["forecast", "--csv", "-", *flags]) == 2
    told = (
        "available columns: ['date;value'] (one column whose name holds ';': the file looks "
        "';'-separated; pass --sep ';' --date-format '%d.%m.%Y' --decimal ',' --thousands '.')"
    )
    assert capsys.readouterr().err == (
        f"error: --date-col 'date' and --value-col 'value' are not columns of '<stdin>'; {told}; "
        "this reads it, piped in again: lstmkit forecast --csv - --date-col date --value-col "
        "value --sep ';' --date-format %d.%m.%Y --decimal , --thousands .\n"
    )
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(euro,))
    writer.start()
    assert main(["forecast", "--csv", str(fifo), *flags]) == 2
    writer.join()
    assert capsys.readouterr().err == (
        f"error: --date-col 'date' and --value-col 'value' are not columns of {str(fifo)!r}; "
        f"{told}.\n"
    )


def test_a_future_cols_file_of_another_separator_is_told_every_option_it_needs(
    tmp_path, monkeypatch, capsys
) -> None:
    """A ';' file with --future-cols (its target blank in the future rows) was told --sep ';'
    alone: the re-read that finds the other options, by read_csv, stopped at the blank rows,
    which it refuses, and named none. The options found are named all at once; no line to
    paste is given, as the re-read did not read the file through."""
    rows = "".join(
        f"01.{k % 12 + 1:02d}.{2015 + k // 12};{f'1.0{k:02d},50' if k < 36 else ''};{k % 2}\n"
        for k in range(39)
    )
    (tmp_path / "euf.csv").write_text("date;y;promo\n" + rows, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    options = "--sep ';' --date-format '%d.%m.%Y' --decimal ',' --thousands '.'"
    argv = ["forecast", "--csv", "euf.csv", "--date-col", "date", "--value-col", "y"]
    argv += ["--future-cols", "promo", "--horizon", "3"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --date-col 'date', --value-col 'y', and --future-cols 'promo' are not columns "
        "of 'euf.csv'; available columns: ['date;y;promo'] (one column whose name holds ';': "
        f"the file looks ';'-separated; pass {options}).\n"
    )
    fast = ["--epochs", "1", "--ensemble", "1", "--interval", "0", "--no-progress", "--json"]
    assert main([*argv, *fast, *shlex.split(options)]) == 0
    capsys.readouterr()
    with pytest.raises(ValueError) as e:
        D.read_csv("euf.csv", "date", ["y", "promo"])
    assert str(e.value).endswith(
        "pass sep=';', date_format='%d.%m.%Y', decimal=',', thousands='.' (CLI: --sep ';' "
        "--date-format '%d.%m.%Y' --decimal ',' --thousands '.'))."
    )
    assert e.value.read_options is None
