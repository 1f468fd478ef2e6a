"""The shared helpers of the command line, called directly, against exact strings: the help
formatter, flag names in messages, the path and CSV-format argument types, the folder checks,
the sentence reader and the printed tables."""

from __future__ import annotations

import argparse
import io
import os
from pathlib import Path

import pytest

from lstmkit.cli import (
    CLIError,
    DefaultsHelpFormatter,
    _one_character,
    _selection,
    add_plan_rows,
    as_flags,
    check_csv,
    check_out_dir,
    csv_format,
    csv_format_flags,
    flag_message,
    out_folder,
    print_sentence_blocks,
    print_table,
    read_sentences,
    refuse_empty_sentences,
    refuse_other_output,
    remove_stale,
    resolve_model_dir,
    user_path,
    user_text,
)


def _helps() -> dict[str, str]:
    p = argparse.ArgumentParser(formatter_class=DefaultsHelpFormatter)
    p.add_argument("path", default="x", help="a positional")
    p.add_argument("--stated", default=3, help="states it (the default)")
    p.add_argument("--colon", default=3, help="states it, default: three")
    p.add_argument("--mention", default=3, help="the default sizes")
    p.add_argument("--none", default=None, help="unset")
    p.add_argument("--flag", action="store_true", help="a switch")
    p.add_argument("--both", action=argparse.BooleanOptionalAction, default=False, help="on/off")
    p.add_argument("--many", action="append", default=[], help="repeated")
    p.add_argument("--zero", type=int, default=0, help="a count")
    p.add_argument("--bare", default="b")
    formatter = p._get_formatter()
    return {a.dest: formatter._get_help_string(a) for a in p._actions}


def test_help_states_each_default_once() -> None:
    assert _helps() == {
        "help": "show this help message and exit",
        "path": "a positional",
        "stated": "states it (the default)",
        "colon": "states it, default: three",
        "mention": "the default sizes (default: %(default)s)",
        "none": "unset",
        "flag": "a switch",
        "both": "on/off (default: %(default)s)",
        "many": "repeated",
        "zero": "a count (default: %(default)s)",
        "bare": "(default: %(default)s)",
    }


def test_flag_message_and_as_flags() -> None:
    message = "`bptt_len` must be below `lookback` and `n`, see `bptt_len + 1`."
    assert flag_message(message, ["bptt_len", "n"]) == (
        "--bptt-len must be below `lookback` and --n, see --bptt-len + 1."
    )
    with pytest.raises(CLIError) as err, as_flags(["max_len"]):
        raise ValueError("`max_len` must be an integer or None, got 'a'.")
    assert str(err.value) == "--max-len must be an integer, got 'a'."
    # a message naming no flag keeps its words: the field may be None there
    with pytest.raises(CLIError) as err, as_flags(["max_len"]):
        raise ValueError("`size` must be an integer or None, got 'a'.")
    assert str(err.value) == "`size` must be an integer or None, got 'a'."


def test_user_paths_expand_the_home_folder(monkeypatch) -> None:
    monkeypatch.setenv("HOME", "/home/someone")
    assert user_path("~/runs") == Path("/home/someone/runs")
    assert user_text("~/a.txt") == "/home/someone/a.txt"
    assert user_text("-") == "-"
    assert out_folder("~/x") == Path("/home/someone/x")
    with pytest.raises(argparse.ArgumentTypeError) as err:
        out_folder("  ")
    assert str(err.value) == "must name a folder, got '  '"


def test_check_out_dir_names_a_folder_where_a_file_goes(tmp_path) -> None:
    (tmp_path / "relevance.json").mkdir()
    check_out_dir(tmp_path)  # no file named: nothing to refuse
    check_out_dir(None)
    with pytest.raises(CLIError) as err:
        check_out_dir(tmp_path, files=("a.png", "relevance.json"))
    assert str(err.value) == (
        f"--out {str(tmp_path)!r} holds a folder named 'relevance.json', where a file of that "
        "name is to be written; move it or choose another folder."
    )


def test_csv_format_argument_types() -> None:
    assert _one_character("tab") == _one_character("\\t") == "\t"
    assert _one_character(";") == ";"
    for bad in ("", ";;"):
        with pytest.raises(argparse.ArgumentTypeError) as err:
            _one_character(bad)
        assert str(err.value) == f"must be one character (or 'tab'), got {bad!r}"
    assert _selection(" store =A=B ") == ("store", "A=B ")
    for bad in ("store", " =A"):
        with pytest.raises(argparse.ArgumentTypeError) as err:
            _selection(bad)
        assert str(err.value) == f"must be COL=VALUE, e.g. store=A, got {bad!r}"


def _csv_args(**given: object) -> argparse.Namespace:
    unset = {"sep": None, "decimal": None, "thousands": None, "where": None}
    return argparse.Namespace(**{**unset, **given})


def test_csv_format_flags_and_values() -> None:
    args = _csv_args(sep=";", where=[("store", "A")])
    assert csv_format_flags(args) == [
        ("--sep", ";"),
        ("--decimal", None),
        ("--thousands", None),
        ("--where", [("store", "A")]),
    ]
    assert csv_format(_csv_args()) == {"sep": ",", "decimal": ".", "thousands": None, "where": None}
    assert csv_format(_csv_args(sep=";", decimal=",", where=[("s", "A"), ("t", "")])) == {
        "sep": ";",
        "decimal": ",",
        "thousands": None,
        "where": {"s": "A", "t": ""},
    }
    with pytest.raises(CLIError) as err:
        csv_format(_csv_args(where=[("s", "A"), ("t", "1"), ("s", "B")]))
    assert str(err.value) == "--where names the column 's' twice; give each column once."


def test_check_csv_names_a_folder_and_a_missing_file(tmp_path) -> None:
    with pytest.raises(CLIError) as err:
        check_csv(tmp_path, "--plan", "plan")
    assert str(err.value) == f"--plan must be a plan file, got the folder {str(tmp_path)!r}."
    with pytest.raises(FileNotFoundError) as err:
        check_csv(tmp_path / "no.csv")
    assert str(err.value) == f"--csv {str(tmp_path / 'no.csv')!r} not found."


def test_add_plan_rows() -> None:
    assert add_plan_rows("temp", "load", None) == (
        "Add rows for the missing steps (their dates and temp, the load cell left empty)."
    )
    assert add_plan_rows("a, b", "y", "read fewer") == (
        "Add rows for the missing steps (their dates and a, b, the y cell left empty), or read "
        "fewer."
    )


def test_refuse_empty_sentences_names_every_one() -> None:
    def tokens(text: str) -> list[str]:
        return [w for w in text.split() if w.isalpha()]

    refuse_empty_sentences([(1, "a b")], tokens, str)
    with pytest.raises(CLIError) as err:
        refuse_empty_sentences([(2, "!!"), (3, "ok"), (5, "1 2")], tokens, lambda n: f"line {n}")
    assert str(err.value) == (
        "line 2 must contain at least one token, got '!!'. "
        "line 5 must contain at least one token, got '1 2'."
    )


def test_print_table_and_sentence_blocks(capsys) -> None:
    print_table(["name", "n"], [("airline", 144), ("ab", 7)])
    # no line ends in spaces: the header's and the last row's last cell are not padded
    assert capsys.readouterr().out == ("name     n\n-------  ---\nairline  144\nab       7\n")
    print_table(["a long header", "b"], [("x", "y")])
    assert capsys.readouterr().out == "a long header  b\n-------------  -\nx              y\n"
    blocks = [({"n": 1}, ["a", "b"]), ({"n": 2, "t": "é"}, ["c"])]
    print_sentence_blocks(blocks, as_json=False)
    assert capsys.readouterr().out == "a\nb\n\nc\n"
    print_sentence_blocks(blocks, as_json=True)
    assert capsys.readouterr().out == '{"n": 1}\n{"n": 2, "t": "\\u00e9"}\n'


def test_read_sentences_numbers_lines_and_skips_blank_ones(tmp_path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes("\ufeffa good film\n\n  \t\nbad\r\n".encode())
    assert read_sentences(str(path)) == [(1, "a good film"), (4, "bad")]
    path.write_text("\n \n\t\n", "utf-8")
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    assert str(err.value) == (
        f"--file {str(path)!r} holds no sentence (every line is blank); expected one sentence "
        "per line."
    )
    path.write_bytes(b"ok\ncaf\xe9\n")
    with pytest.raises(CLIError) as err:
        read_sentences(str(path))
    assert str(err.value) == (
        f"--file {str(path)!r} must be UTF-8 text, got byte 0xe9 on line 2 (byte 4 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8, "
        f"e.g. `iconv -f WINDOWS-1252 -t UTF-8 '{path}' > '{path.with_name('s-utf8.txt')}'`, "
        f"then pass --file '{path.with_name('s-utf8.txt')}'."
    )
    with pytest.raises(CLIError) as err:
        read_sentences(str(tmp_path))
    assert str(err.value) == f"--file must be a text file, got the folder {str(tmp_path)!r}."


def test_read_sentences_numbers_lines_as_an_editor(tmp_path) -> None:
    # only "\n", "\r\n" and "\r" end a line: str.splitlines() also broke at a form feed,
    # "\x1c", "\x85" and "\u2028", and numbered the lines after them one too high
    path = tmp_path / "s.txt"
    path.write_bytes("one\x0ctwo\nthree\u2028four\x1cfive\x85\rsix\r\n\nseven".encode())
    assert read_sentences(str(path)) == [
        (1, "one\x0ctwo"),
        (2, "three\u2028four\x1cfive\x85"),
        (3, "six"),
        (5, "seven"),
    ]


def test_read_sentences_from_stdin(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbfone\n\ntwo\n")))
    assert read_sentences("-") == [(1, "one"), (3, "two")]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    with pytest.raises(CLIError) as err:
        read_sentences("-")
    assert str(err.value) == (
        "--file '<stdin>' holds no sentence (every line is blank); expected one sentence per line."
    )


def test_remove_stale_keeps_what_this_run_wrote_and_folders(tmp_path) -> None:
    for name in ("a.csv", "b.csv", "c.csv", "mine.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "d.csv").mkdir()
    remove_stale(tmp_path, ["a.csv", "b.csv", "d.csv", "gone.csv"], [tmp_path / "b.csv"])
    assert sorted(os.listdir(tmp_path)) == ["b.csv", "c.csv", "d.csv", "mine.txt"]


def test_refuse_other_output_names_everything_found(tmp_path) -> None:
    refuse_other_output(tmp_path / "none", "lstmkit explain")
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "summary.csv").write_text("")
    with pytest.raises(CLIError) as err:
        refuse_other_output(tmp_path, "lstmkit explain")
    assert str(err.value) == (
        f"--out {str(tmp_path)!r} holds a saved model (config.json) and the runs of `lstmkit "
        "forecast --series-col` (summary.csv); `lstmkit explain` would mix its files with it. "
        "Choose another folder."
    )
    refuse_other_output(tmp_path, "x", ("model", "series runs"))
    # a forecast run's forecast.csv is the run's, told as the run
    run = tmp_path / "run"
    run.mkdir()
    (run / "run.json").write_text(
        '{"versions": {"lstmkit": "0.1.0"}}'
    )  # lstmkit's: a user's is theirs
    (run / "forecast.csv").write_text("")
    with pytest.raises(CLIError) as err:
        refuse_other_output(run, "lstmkit explain")
    assert str(err.value) == (
        f"--out {str(run)!r} holds a `lstmkit forecast` run (run.json); `lstmkit "
        "explain` would mix its files with it. Choose another folder."
    )
    refuse_other_output(run, "lstmkit forecast", ("forecast run",))
    (run / "run.json").unlink()  # a forecast.csv alone: `lstmkit predict`'s
    with pytest.raises(CLIError) as err:
        refuse_other_output(run, "lstmkit explain")
    assert str(err.value) == (
        f"--out {str(run)!r} holds a forecast.csv (`lstmkit predict` writes one); `lstmkit "
        "explain` would mix its files with it. Choose another folder."
    )
    refuse_other_output(run, "lstmkit predict", ("prediction",))


def test_resolve_model_dir_points_to_a_series_run(tmp_path) -> None:
    for series in ("b", "a"):
        (tmp_path / series / "model").mkdir(parents=True)
        (tmp_path / series / "model" / "config.json").write_text("{}")
    assert resolve_model_dir(tmp_path / "a") == tmp_path / "a" / "model"
    plain = (
        f"{str(tmp_path)!r} is not a saved lstmkit model (no config.json in it or in its model/ "
        "subfolder)"
    )
    with pytest.raises(CLIError) as err:
        resolve_model_dir(tmp_path)  # no summary.csv: not the runs of --series-col
    assert str(err.value) == plain + "."
    (tmp_path / "summary.csv").write_text("")
    with pytest.raises(CLIError) as err:
        resolve_model_dir(tmp_path)
    assert str(err.value) == (
        plain + "; it holds the runs of `lstmkit forecast --series-col`, one folder per series: "
        f"give one of them, e.g. {str(tmp_path / 'a')!r}."
    )
