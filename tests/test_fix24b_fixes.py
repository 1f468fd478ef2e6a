"""Command-line leftovers (fix24b): a read-only plot refused again and a read-only folder's
plot written in place (_figures.written_whole), explain --overwrite saying it deletes, the
line guessed for a flag given before the command's name, and no 'tab' guessed for two letters.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lstmkit import _figures
from lstmkit._figures import written_whole
from lstmkit._remedies import meant_word
from lstmkit.cli import build_parser, main

as_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes whatever the mode says"
)


def _read_only(file: Path) -> str:
    return (
        f"{str(file)!r} cannot be written: it is read-only (r--r--r--), and lstmkit does not "
        "replace a read-only file; make it writable (chmod u+w) or choose another path."
    )


def test_a_read_only_file_is_refused_not_replaced(tmp_path, monkeypatch):
    # renamed over from the hidden folder, a plot the user made read-only was replaced unsaid
    file = tmp_path / "p.png"
    file.write_bytes(b"mine")
    file.chmod(0o444)
    # as root, os.access says every file is writable: here it is asked as a user would be
    monkeypatch.setattr(_figures.os, "access", lambda path, mode: False)
    with pytest.raises(PermissionError) as err, written_whole(file) as temp:
        temp.write_bytes(b"new")
    assert str(err.value) == _read_only(file)
    assert file.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.png"]  # no hidden folder left


@as_root
def test_a_read_only_file_is_refused_by_a_plot(tmp_path):
    from lstmkit._figures import new_figure, save_figure

    file = tmp_path / "p.png"
    file.write_bytes(b"mine")
    file.chmod(0o444)
    with pytest.raises(PermissionError) as err:
        save_figure(new_figure(), file, dpi=20)
    assert str(err.value) == _read_only(file)
    assert file.read_bytes() == b"mine"


def test_a_file_in_a_folder_nothing_can_be_made_in_is_written_in_place(tmp_path, monkeypatch):
    # the hidden folder could not be made there, and the write failed where `>` would write
    file = tmp_path / "p.png"
    file.write_bytes(b"old")

    mkdir = Path.mkdir

    def refused(self, *args, **kwargs):  # the hidden folder only: the others exist
        if self.name.startswith("."):
            raise PermissionError(13, "Permission denied", str(self))
        return mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refused)
    with written_whole(file) as temp:
        assert temp == file
        temp.write_bytes(b"new")
    assert file.read_bytes() == b"new"
    monkeypatch.undo()
    new = tmp_path / "new.png"  # no file to write in place: the system's refusal
    monkeypatch.setattr(Path, "mkdir", refused)
    with pytest.raises(PermissionError) as err, written_whole(new) as temp:
        temp.write_bytes(b"new")
    assert err.value.filename.startswith(str(tmp_path / ".new.png."))
    assert not new.exists()


@as_root
def test_a_writable_file_in_a_read_only_folder_is_written(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    file = folder / "p.png"
    file.write_bytes(b"old")
    folder.chmod(0o555)
    try:
        with written_whole(file) as temp:
            temp.write_bytes(b"new")
        assert file.read_bytes() == b"new"
        assert sorted(p.name for p in folder.iterdir()) == ["p.png"]
    finally:
        folder.chmod(0o755)


# explain --overwrite deleted a user's relevance.csv beside a sentence's explanation, said
# "replace"


def test_explain_overwrite_says_it_deletes(clf_dir, tmp_path, capsys):
    out = tmp_path / "why"
    out.mkdir()
    (out / "relevance.csv").write_text("mine\n")
    argv = ["explain", str(clf_dir), "--text", "film 1 was great", "--out", str(out)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds relevance.csv but no explanation.json or "
        "relevance.json, so no explanation (yours or another program's, or left by a save of "
        "lstmkit's stopped before it wrote explanation.json or relevance.json, which it writes "
        "last); `lstmkit explain` would overwrite or delete it. Choose another folder or delete "
        "it first, or pass --overwrite to overwrite or delete it.\n"
    )
    assert main([*argv, "--overwrite"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation.html",
        "relevance.json",
        "relevance.png",
    ]


def test_explain_overwrite_help_says_it_deletes():
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    explain = commands.choices["explain"]
    action = next(a for a in explain._actions if "--overwrite" in a.option_strings)
    assert action.help == (
        "write the explanation's files into --out over files of their names that lstmkit did "
        "not mark as its own (a stopped run's, or yours), deleting those of them this "
        "explanation does not write (a relevance.csv beside a sentence's explanation.html), "
        "instead of refusing the folder"
    )


# the line guessed for a flag given before the command's name


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # "... --epochs 4 --epochs 3": the moved 3 won, where 4, given last, would as typed
        (
            ["--epochs", "3", "forecast", "airline", "--epochs", "4"],
            "unrecognized arguments: --epochs 3; did you mean `lstmkit forecast airline "
            "--epochs 4` (--epochs 3 left out, given again after the command's name)?",
        ),
        (
            ["--epochs=3", "--jsn", "forecast", "airline", "--epochs=4"],
            "unrecognized arguments: --epochs=3 --jsn; did you mean `lstmkit forecast airline "
            "--epochs=4 --json` (--epochs=3 left out, given again after the command's name)?",
        ),
        # "`lstmkit forecast airline --epochs`", which does not parse
        (
            ["--epochs", "forecast", "airline"],
            "unrecognized arguments: --epochs; did you mean `lstmkit forecast --epochs` (it "
            "takes a value, given none)?",
        ),
        (
            ["--epochs", "--jsn", "forecast", "airline"],
            "unrecognized arguments: --epochs --jsn; did you mean `lstmkit forecast --epochs` "
            "(it takes a value, given none) for --epochs, `lstmkit forecast --json` for --jsn?",
        ),
        # unchanged: the value moved with its flag
        (
            ["--epochs", "3", "forecast", "airline"],
            "unrecognized arguments: --epochs 3; did you mean `lstmkit forecast airline "
            "--epochs 3`?",
        ),
    ],
)
def test_the_line_guessed_for_a_moved_flag_parses_as_meant(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    assert flags_refusal(argv) == f"error: {said} (`lstmkit forecast --help` lists the flags)\n"


def test_the_guessed_line_parses():
    build_parser().parse_args(["forecast", "airline", "--epochs", "4"])  # as said above


# two letters are no slip of 'tab'


@pytest.mark.parametrize(
    ("flag", "said"), [("--sep", "one character (or 'tab')"), ("--decimal", "one character")]
)
def test_two_letters_get_no_tab_guess(flags_refusal, flag, said):
    assert flags_refusal(["forecast", "airline", flag, "ab"]) == (
        f"error: {flag} must be {said}, got 'ab'.\n"
    )


def test_meant_word_needs_three_letters_or_the_first_for_a_slip():
    assert meant_word("ab", ["tab"]) is None
    assert meant_word("tb", ["tab"]) == "tab"
    assert meant_word("al", ["auto", "all"]) == "all"  # as test_cli23_fixes pins
    assert meant_word("IG", ["ig", "lrp"]) == "ig"  # the same word in another case still
    assert meant_word("lpr", ["lrp", "ig"]) == "lrp"
    assert meant_word("tabs", ["tab"]) == "tab"
