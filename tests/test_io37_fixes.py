"""Output writing and the small commands: the clean-up of killed saves in a folder of many
files, figures through descriptors, saved-model files given for their folder, piped output."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch


def _dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", ""])
    gone.wait()
    return gone.pid


def test_a_save_into_a_folder_of_many_files_tries_the_pattern_on_temporary_names_alone(
    tmp_path, monkeypatch
):
    # remove_orphans made a path object and matched a regular expression for every entry of
    # the folder on every save: 5,000 frames beside a model made its save 4 times as long as
    # into an empty folder. Only names of a dot and '.tmp' are tried; the user's files all stay.
    from lstmkit import _orphans
    from lstmkit.io import save_model

    dead = f"{_dead_pid()}.{_orphans._machine()}"
    users = {f"frame_{i:04d}.png": f"{i}".encode() for i in range(2000)}
    users.update(
        {
            ".model.safetensors.tmp": b"a",  # the user's own hidden temporary file
            f".config.json.{dead}-0123abcd.tmp.keep": b"b",  # a longer name
            f".config.json.{dead}-0123abcd.TMP": b"c",  # another case
            f".config.json.{dead}-0123abcg.tmp": b"d",  # no hex
            f"config.json.{dead}-0123abcd.tmp": b"e",  # no dot first
            f".notes.txt.{dead}-0123abcd.tmp": b"f",  # of a file no save writes
        }
    )
    for name, content in users.items():
        (tmp_path / name).write_bytes(content)
    kept = tmp_path.parent / f"{tmp_path.name}-kept"
    kept.mkdir()
    (kept / "inside.txt").write_bytes(b"g")
    link = f".model.safetensors.{dead}-89abcdef.tmp"  # an orphan's name, a link to a folder
    (tmp_path / link).symlink_to(kept)
    orphan = f".config.json.{dead}-0123abcd.tmp"  # the one a killed save left
    (tmp_path / orphan).write_bytes(b"{")
    tried = []

    class Counted:
        def __init__(self, pattern):
            self.pattern = re.compile(pattern)

        def fullmatch(self, name):
            tried.append(name)
            return self.pattern.fullmatch(name)

    def fullmatch(pattern, name):
        tried.append(name)
        return re.fullmatch(pattern, name)

    monkeypatch.setattr(_orphans, "re", SimpleNamespace(compile=Counted, fullmatch=fullmatch))
    save_model(torch.nn.Linear(2, 1), tmp_path, {"kind": "linear"})
    monkeypatch.undo()
    assert sorted(tried) == sorted(
        [
            ".model.safetensors.tmp",
            f".config.json.{dead}-0123abcg.tmp",
            f".notes.txt.{dead}-0123abcd.tmp",
            link,
            orphan,
        ]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*users, "config.json", "model.safetensors"]
    )
    assert {name: (tmp_path / name).read_bytes() for name in users} == users
    assert [(p.name, p.read_bytes()) for p in kept.iterdir()] == [("inside.txt", b"g")]


_SRC = str(Path(__file__).resolve().parents[1] / "src")


def _shell(line: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``line`` run by sh in ``cwd``, ``$PY`` the interpreter running lstmkit from this tree."""
    env = {**os.environ, "PY": sys.executable, "PYTHONPATH": _SRC}
    return subprocess.run(["sh", "-c", line], cwd=cwd, env=env, capture_output=True, check=False)


_SHARED = (
    "error: --plot must name a file or a descriptor other than stdout, got '/dev/fd/3', "
    "descriptor 3 (stdout's {} too, as after `3>&1`), which the demo's report is printed on; "
    "write the figure to a file (--plot gates.png) or to another descriptor (--plot /dev/fd/3 "
    "3>gates.png).\n"
)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="Linux's /dev/fd")
def test_demo_refuses_a_plot_descriptor_that_writes_into_stdout_s_pipe_or_file(
    tmp_path, on_a_terminal
):
    # `3>&1 | cat` was written: the PNG's bytes after the report's lines in the pipe; a
    # terminal's refusal told the same duplicate it is a terminal (SVG went in as text)
    demo = "exec $PY -m lstmkit demo --epochs 1 --steps 1 --hidden 1 --plot /dev/fd/3"
    done = _shell(f"{demo} 3>&1", tmp_path)  # stdout: subprocess's pipe
    assert (done.returncode, done.stdout, done.stderr.decode()) == (2, b"", _SHARED.format("pipe"))
    done = _shell(f"{demo} >report.txt 3>>report.txt", tmp_path)
    assert (done.returncode, done.stdout, done.stderr.decode()) == (2, b"", _SHARED.format("file"))
    assert sorted(os.listdir(tmp_path)) == ["report.txt"]
    assert (tmp_path / "report.txt").read_bytes() == b""
    # two files of no report (/dev/null): written through, as before
    done = _shell(f"{demo} >/dev/null 3>/dev/null", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    # stdout and stderr the terminal, 3 a duplicate of it
    code, shown = on_a_terminal(
        demo.split()[4:], tmp_path, {**os.environ, "PYTHONPATH": _SRC}, fd3=True
    )
    assert code == 2
    assert shown.decode() == _SHARED.format("terminal").replace("\n", "\r\n")


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="Linux's /dev/fd")
def test_a_file_written_through_a_full_non_blocking_descriptor_waits_for_its_reader():
    # O_NONBLOCK, set on a pipe or terminal by another process, is shared by every duplicate:
    # a file of more than the pipe holds (64 KiB) raised BlockingIOError part-way, the reader
    # left 65,536 bytes of it and the command said "[Errno 11] Resource temporarily
    # unavailable", no path named; the write waits as a blocking one does, and all arrives
    import fcntl
    import threading
    import time

    from lstmkit._figures import written_whole

    content = bytes(range(256)) * 1200  # 307,200 bytes
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETFL, fcntl.fcntl(write, fcntl.F_GETFL) | os.O_NONBLOCK)
    got = []

    def reader():
        time.sleep(0.3)  # the pipe is full before the first read
        with os.fdopen(read, "rb") as pipe:
            got.append(pipe.read())

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        with written_whole(Path(f"/dev/fd/{write}")) as stage:
            stage.write_bytes(content)
    finally:
        os.close(write)
        thread.join()
    assert got == [content]


_FULL = "error: stdout cannot be written: No space left on device.\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="Linux's /dev/full")
def test_a_stdout_that_refuses_every_write_is_said_in_one_line_exit_code_1(tmp_path):
    # `lstmkit datasets > /dev/full` (a full disk) ended in a traceback from the last flush,
    # Python's "Exception ignored" and exit code 120; `--help` and `--version` exited 0 with
    # nothing written (argparse drops the error); a long output ("datasets --example") said
    # "error: [Errno 28] No space left on device", naming nothing
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = _SRC
    for command in (["datasets"], ["--help"], ["--version"], ["datasets", "--example", "my"]):
        with open("/dev/full", "wb") as full:
            done = subprocess.run(
                [sys.executable, "-m", "lstmkit", *command],
                cwd=tmp_path,
                env=env,
                stdout=full,
                stderr=subprocess.PIPE,
                check=False,
            )
        assert (command, done.returncode, done.stderr.decode()) == (command, 1, _FULL)
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="Linux's /dev/full")
def test_demo_names_the_plot_a_full_disk_refused(capsys):
    from lstmkit.cli import main

    argv = ["demo", "--epochs", "1", "--steps", "1", "--hidden", "1", "--plot", "/dev/full"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err == "error: --plot '/dev/full' cannot be written: No space left on device.\n"


def test_a_closed_stdout_drops_the_output_as_every_command_does(classifier_dir, tmp_path):
    # `lstmkit explain DIR --text good >&-` ended in a traceback ("'NoneType' object has no
    # attribute 'isatty'", exit code 1) where every other command wrote nothing, exit code 0;
    # `--out /dev/stdout >&-` is still told that descriptor 1 is not open
    runs = {
        "explain": f"{shlex.quote(str(classifier_dir))} --text 'a good film'",
        "datasets": "--example my --out /dev/stdout",
    }
    done = {
        name: _shell(f"exec $PY -m lstmkit {name} {argv} >&-", tmp_path)
        for name, argv in runs.items()
    }
    assert {name: (run.returncode, run.stderr.decode()) for name, run in done.items()} == {
        "explain": (0, ""),
        "datasets": (
            2,
            "error: --out '/dev/stdout' cannot be written: descriptor 1 is not open.\n",
        ),
    }


def test_demo_plot_dash_is_stdout_and_the_file_written_is_named(tmp_path, monkeypatch, capsys):
    # `--plot -` wrote a file '-.png' and said "unit by unit: -"; `--plot gates` wrote
    # gates.png and said "unit by unit: gates"
    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    small = ["demo", "--epochs", "1", "--steps", "1", "--hidden", "1"]
    assert main([*small, "--plot", "-"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --plot must name a file or a descriptor other than stdout, got '-', stdout, "
        "which the demo's report is printed on; write the figure to a file (--plot gates.png) "
        "or to another descriptor (--plot /dev/fd/3 3>gates.png).\n",
    )
    assert os.listdir(tmp_path) == []
    assert main([*small, "--plot", "gates"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n\nthe gates of test sequence 0, unit by unit: gates.png\n")
    assert os.listdir(tmp_path) == ["gates.png"]
