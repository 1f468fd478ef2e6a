"""Review of cli19: `lstmkit datasets --example NAME --out FILE` as `>` writes (permissions,
links, devices and pipes), a UTF-16 file named as PowerShell's `>` writes it, the README's
example files' hints."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from lstmkit._examples import example_text
from lstmkit.cli import main

# -- 1. `--out FILE` writes as `>` does --------------------------------------------------------


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_out_gives_a_new_file_the_umask_and_an_old_one_its_mode(tmp_path, umask_027) -> None:
    # was rw------- (mkstemp's) for every file, where `> promo.csv` made rw-r----- here
    new = tmp_path / "promo.csv"
    assert main(["datasets", "--example", "promo", "--out", str(new)]) == 0
    assert new.read_text("utf-8") == example_text("promo")
    if sys.platform != "win32":
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
        new.chmod(0o604)
        assert main(["datasets", "--example", "eu", "--out", str(new)]) == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o604
    assert new.read_text("utf-8") == example_text("eu")
    assert sorted(os.listdir(tmp_path)) == ["promo.csv"]


@pytest.mark.skipif(sys.platform == "win32", reason="links and named pipes of POSIX")
def test_out_writes_through_a_link_and_into_a_pipe(tmp_path) -> None:
    # a link was replaced by a file of its own (`--out /dev/stdout` as root replaced the
    # system's /dev/stdout link by a file, and printed nothing); a pipe was replaced so too
    data = tmp_path / "data"
    data.mkdir()
    (data / "promo.csv").write_text("old", "utf-8")
    link = tmp_path / "promo.csv"
    link.symlink_to(data / "promo.csv")
    assert main(["datasets", "--example", "promo.csv", "--out", str(link)]) == 0
    assert link.is_symlink()
    assert (data / "promo.csv").read_text("utf-8") == example_text("promo")
    assert sorted(os.listdir(data)) == ["promo.csv"]
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # so that the writer's open returns
    try:
        assert main(["datasets", "--example", "promo", "--out", str(pipe)]) == 0
        read = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert read == example_text("promo").encode("utf-8")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.parametrize("out", ["", "  "])
def test_an_empty_out_is_refused_as_typed(out, tmp_path, monkeypatch, capsys) -> None:
    # was "--out must name a file to write, got the folder '.' (`--out NAME.csv`)."
    monkeypatch.chdir(tmp_path)
    assert main(["datasets", "--example", "promo", "--out", out]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        f"error: --out must name a file to write, got {out!r}.\n",
    )
    assert os.listdir(tmp_path) == []


# -- 2. a UTF-16 file is told as PowerShell 5's `>` writes it, the examples with `--out` ------

_UTF16 = (
    "got UTF-16 (it begins with UTF-16's byte-order mark 0xff 0xfe, as Excel saves \"Unicode "
    'Text" and "CSV UTF-16" and Windows PowerShell 5\'s `>` writes); save the file as UTF-8 '
    '(Excel: Save As, "CSV UTF-8 (Comma delimited)"; Notepad: Save As, Encoding UTF-8; '
    "PowerShell: `| Out-File -Encoding utf8 FILE` in place of `> FILE`)"
)


def test_a_utf16_example_file_is_told_as_powershell_writes_it(
    tmp_path, monkeypatch, capsys
) -> None:
    # was 'as Excel saves "Unicode Text" and "CSV UTF-16"); save the file as UTF-8 (Excel: ...;
    # Notepad: ...)', for the README loop's `lstmkit datasets --example promo > promo.csv` run
    # in Windows PowerShell 5, which names neither PowerShell nor `--out`
    monkeypatch.chdir(tmp_path)
    utf16 = "\ufeff" + example_text("promo").replace("\n", "\r\n")
    for name in ("promo.csv", "sales.csv"):
        (tmp_path / name).write_bytes(utf16.encode("utf-16-le"))
    argv = ["forecast", "--date-col", "day", "--value-col", "sales", "--csv"]
    assert main([*argv, "promo.csv"]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv 'promo.csv' must be UTF-8 text, {_UTF16}; it is one of the README's "
        "example files: `lstmkit datasets --example promo --out promo.csv` writes it as UTF-8.\n"
    )
    assert main([*argv, "sales.csv"]) == 2
    assert capsys.readouterr().err == f"error: --csv 'sales.csv' must be UTF-8 text, {_UTF16}.\n"
    # the examples are series: labelled text of that name is told no example command
    argv = ["text", "train", "--csv", "promo.csv", "--text-col", "day", "--label-col", "promo"]
    assert main([*argv, "--out", "m"]) == 2
    assert capsys.readouterr().err == f"error: --csv 'promo.csv' must be UTF-8 text, {_UTF16}.\n"


# -- 3. the hints name `--out`, which writes UTF-8 in any shell -------------------------------


def test_the_hints_write_an_example_with_out(tmp_path, monkeypatch, capsys) -> None:
    # were `lstmkit datasets --example promo > promo.csv`, which Windows PowerShell 5 writes as
    # UTF-16, then refused by --csv; a missing folder was told no command, which --out makes
    from lstmkit._examples import writes_example

    assert writes_example("umsatz_new", "data dir/umsatz_new.csv") == (
        "`lstmkit datasets --example umsatz_new --out 'data dir/umsatz_new.csv'`"
    )
    assert main(["datasets"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "the README's example CSVs (my, promo, eu, umsatz, umsatz_new, load, stores, newer): "
        "lstmkit datasets --example NAME --out NAME.csv"
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("kept", "utf-8")
    said = {
        "data/promo.csv": "; it is one of the README's example files: `lstmkit datasets "
        "--example promo --out data/promo.csv` writes it",
        "notes.txt/promo.csv": "",  # where --out cannot write either
    }
    for path, hint in said.items():
        assert main(["forecast", "--csv", path]) == 2
        assert capsys.readouterr().err == f"error: --csv {path!r} not found{hint}.\n"
    assert main(["datasets", "--example", "promo", "--out", "data/promo.csv"]) == 0
    assert (tmp_path / "data" / "promo.csv").read_text("utf-8") == example_text("promo")


# -- 4. `text predict --file` says it is still running where no bar shows it -----------------


def test_text_predict_says_it_is_still_running(clf_dir, tmp_path, monkeypatch, still_running):
    # `text predict CLF --file reviews.txt --explain > out 2> log` was silent for minutes, where
    # the training commands said "text train: still running after 60 s ..."
    import lstmkit.cli.text as cli_text

    monkeypatch.setattr(cli_text, "refuse_empty_sentences", still_running.work)
    (tmp_path / "reviews.txt").write_text("a fine film\nan awful film\n", "utf-8")
    argv = ["text", "predict", str(clf_dir), "--file", str(tmp_path / "reviews.txt")]
    assert main(argv) == 2
    lines = still_running.lines()
    note = still_running.note
    assert lines[:2] == [note("text predict", "0.05"), note("text predict", "0.1")]
    assert lines[-1] == "error: stopped by the test"
    still_running.quiet_with_either_flag(argv)


def test_out_ending_with_a_slash_is_refused_as_a_folder(tmp_path, monkeypatch, capsys) -> None:
    # `--out data/` (as `lstmkit forecast --out` names a folder) wrote a file named 'data'
    monkeypatch.chdir(tmp_path)
    assert main(["datasets", "--example", "promo", "--out", "data/"]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        "error: --out must name a file to write, got the folder 'data/' "
        f"(`--out {Path('data', 'NAME.csv')}`).\n",
    )
    assert os.listdir(tmp_path) == []


def test_out_without_example_is_told_the_example_it_names(capsys) -> None:
    # `lstmkit datasets --out umsatz.csv` was told `lstmkit datasets --example promo --out
    # promo.csv`, whatever the file
    said = {
        "umsatz.csv": "`lstmkit datasets --example umsatz --out umsatz.csv`",
        "./eu.csv": "`lstmkit datasets --example eu --out ./eu.csv`",
        "data dir/x.csv": "`lstmkit datasets --example NAME --out 'data dir/x.csv'`",
    }
    for out, command in said.items():
        assert main(["datasets", "--out", out]) == 2
        captured = capsys.readouterr()
        assert (captured.out, captured.err) == (
            "",
            f"error: --out writes the CSV of --example NAME, got --out {out!r} without it "
            f"({command}).\n",
        )
