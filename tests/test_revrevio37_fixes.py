"""Review of revio37's output fixes: the README's exit codes of a refused write, NO_COLOR in
``explain --help``, sys.stdout put back after a command however it ends."""

import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import lstmkit.cli.datasets as datasets_cli
from lstmkit import _figures
from lstmkit.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


# -- a refused write: the system's refusal exits 1, a read-only file (lstmkit's) exits 2 ---------


@pytest.mark.parametrize(
    "argv",
    [
        lambda p: ["datasets", "--example", "my", "--out", str(p / "my.csv")],
        lambda p: ["demo", "--epochs", "2", "--plot", str(p / "gates.png")],
    ],
    ids=["datasets", "demo"],
)
def test_readme_says_the_exit_codes_of_a_refused_write(argv, tmp_path, monkeypatch, capsys):
    # the README read "what the system refuses, a full disk or a file without permission, ...
    # exit code 1", where a read-only file is refused by lstmkit itself with exit code 2, by
    # datasets --out, demo --plot and forecast --out alike (test_revout25_fixes pins forecast's)
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert (
        "a read-only file (`chmod 0444`), which lstmkit itself refuses to replace, is bad input, "
        "exit code 2, for `datasets --out`, `demo --plot` and `forecast --out` alike" in text
    )
    assert re.search(
        r"what the system refuses, a full disk or a folder without permission "
        r"to make the file in, is one such line too, with exit code 1",
        text,
    )
    argv = argv(tmp_path)
    assert main(argv) == 0
    capsys.readouterr()
    monkeypatch.setattr(_figures.os, "access", lambda path, mode, **kwargs: False)
    assert main(argv) == 2
    assert "it is read-only" in capsys.readouterr().err
    monkeypatch.undo()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    assert main(argv) == 1
    assert capsys.readouterr().err.endswith(
        f"{argv[-2]} {argv[-1]!r} cannot be written: No space left on device.\n"
    )


# -- NO_COLOR told in the help of the flag it stands for ----------------------------------------


def test_explain_help_names_no_color(capsys) -> None:
    # NO_COLOR was heeded but only the README said so: `lstmkit explain --help` did not
    with pytest.raises(SystemExit):
        main(["explain", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert (
        "--no-color plain text instead of ANSI colours, as NO_COLOR set (non-empty) gives too"
        in (help_text)
    )


# -- sys.stdout put back after a command, however it ends --------------------------------------


@pytest.mark.parametrize(
    ("raised", "caught", "said"),
    [
        (None, None, ""),
        (KeyboardInterrupt(), None, "interrupted\n"),
        (SystemExit(3), SystemExit, ""),
        (RuntimeError("boom"), RuntimeError, ""),
        (ValueError("bad"), None, "error: bad\n"),
    ],
    ids=["returns", "ctrl-c", "exit", "error", "refused"],
)
def test_a_file_stdout_is_the_same_object_after_a_command(
    raised, caught, said, tmp_path, monkeypatch, capsys
):
    # a notebook's or a script's stdout with a descriptor is wrapped for the command's run
    # (_ToldStdout): the very object must come back, also when the command stops
    # (test_revio37_fixes' check ran under capsys, which is never wrapped)
    seen = []

    def command(args):
        seen.append(sys.stdout)
        print("some output", flush=True)
        if raised is not None:
            raise raised
        return 0

    monkeypatch.setattr(datasets_cli, "run_datasets", command)
    with open(tmp_path / "out.txt", "w", encoding="utf-8") as file:
        monkeypatch.setattr(sys, "stdout", file)
        if caught is None:
            main(["datasets"])
        else:
            with pytest.raises(caught):
                main(["datasets"])
        assert sys.stdout is file
        assert seen and seen[0] is not file  # it was wrapped while the command ran
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "some output\n"
    assert capsys.readouterr().err == said


# -- demo --plot through a descriptor not open for writing: told before training, exit code 2 --


@pytest.mark.skipif(os.name != "posix", reason="descriptor paths are POSIX's")
def test_demo_plot_refuses_a_descriptor_not_open_for_writing_before_training(
    tmp_path, capsys
) -> None:
    # it trained first, then said "error: [Errno 9] descriptor 97 is not open: '/dev/fd/97'"
    # with exit code 1, where `datasets --out /dev/fd/97` names the flag with exit code 2
    with pytest.raises(OSError):
        os.fstat(97)
    assert main(["demo", "--plot", "/dev/fd/97"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --plot '/dev/fd/97' cannot be written: descriptor 97 is not open.\n",
    )
    (tmp_path / "in.txt").write_text("mine")
    with open(tmp_path / "in.txt", encoding="utf-8") as read:
        plot = f"/dev/fd/{read.fileno()}"
        assert main(["demo", "--plot", plot]) == 2
        assert capsys.readouterr() == (
            "",
            f"error: --plot {plot!r} cannot be written: "
            f"descriptor {read.fileno()} is open for reading only.\n",
        )
    assert main(["datasets", "--example", "my", "--out", "/dev/fd/97"]) == 2
    assert capsys.readouterr().err == (
        "error: --out '/dev/fd/97' cannot be written: descriptor 97 is not open.\n"
    )


# -- an unbuffered stdout's writelines, marked as its write is ---------------------------------

_WRITELINES = """
import sys
import lstmkit.cli.datasets as datasets
from lstmkit.__main__ import run


def lines(args):
    sys.stdout.writelines(["a,b\\n", "1,2\\n"])
    return 0


datasets.run_datasets = lines
sys.argv = ["lstmkit", "datasets"]
sys.exit(run())
"""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_full_stdout_is_named_after_writelines_too(unbuffered, tmp_path) -> None:
    # writelines went to the stream's own, which called the stream's write past the mark:
    # unbuffered, "error: [Errno 28] No space left on device" named nothing
    env = {**os.environ, "PYTHONPATH": str(README.parent / "src"), "PYTHONUNBUFFERED": unbuffered}
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-c", _WRITELINES], stdout=full, stderr=subprocess.PIPE, env=env
        )
    assert (done.returncode, done.stderr.decode()) == (
        1,
        "error: stdout cannot be written: No space left on device.\n",
    )
    done = subprocess.run(
        [sys.executable, "-c", _WRITELINES], capture_output=True, env=env, cwd=tmp_path
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, b"a,b\n1,2\n", b"")
