"""Review of io37's output fixes: exit codes of a refused `datasets --out`, NO_COLOR, the
clean-up's name pattern, a figure descriptor's reader gone."""

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lstmkit import _figures
from lstmkit.cli import main

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _lstmkit(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC, **kwargs.pop("env", {})}
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "lstmkit", *args], stderr=subprocess.PIPE, env=env, **kwargs
    )


# -- datasets --out: the system's refusal exits 1, as every other command's ---------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_datasets_out_onto_a_full_disk_exits_1() -> None:
    # exit code 2 (bad input) where the README and main say a full disk is exit code 1
    done = _lstmkit("datasets", "--example", "my", "--out", "/dev/full")
    assert (done.returncode, done.stdout, done.stderr.decode()) == (
        1,
        b"",
        "error: --out '/dev/full' cannot be written: No space left on device.\n",
    )


def test_datasets_out_the_system_refused_exits_1_a_read_only_file_2(
    tmp_path, monkeypatch, capsys
) -> None:
    # no permission to make the file: the system's refusal, exit code 1 (it was 2)
    out = tmp_path / "my.csv"

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    assert main(["datasets", "--example", "my", "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} cannot be written: Permission denied.\n"
    )
    monkeypatch.undo()
    # a read-only file, which lstmkit refuses to replace itself: exit code 2, as demo --plot's
    # and forecast --out's
    out.write_text("mine")
    out.chmod(0o444)
    monkeypatch.setattr(_figures.os, "access", lambda path, mode: False)
    assert main(["datasets", "--example", "my", "--out", str(out)]) == 2
    assert "it is read-only (r--r--r--)" in capsys.readouterr().err
    assert out.read_text() == "mine"


def test_datasets_out_mistakes_of_the_flag_still_exit_2(tmp_path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    out = tmp_path / "notes.txt" / "my.csv"
    assert main(["datasets", "--example", "my", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} cannot be written: "
        f"{str(tmp_path / 'notes.txt')!r} is a file, not a folder.\n"
    )
    assert main(["datasets", "--example", "my", "--out", "/dev/fd/97"]) == 2
    assert capsys.readouterr().err == (
        "error: --out '/dev/fd/97' cannot be written: descriptor 97 is not open.\n"
    )


# -- NO_COLOR (https://no-color.org): set and non-empty, no ANSI colours ------------------------


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("", True), ("1", False)])
def test_explain_heeds_no_color_on_a_terminal(
    no_color, coloured, classifier_dir, monkeypatch, capsys
) -> None:
    # NO_COLOR=1 on a terminal still printed colour codes: only --no-color turned them off
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["explain", str(classifier_dir), "--text", "good movie"]) == 0
    out = capsys.readouterr().out
    assert ("\x1b[" in out) is coloured
    if not coloured:  # as --no-color prints it
        assert main(["explain", str(classifier_dir), "--text", "good movie", "--no-color"]) == 0
        assert capsys.readouterr().out == out


# -- an unbuffered stdout (PYTHONUNBUFFERED=1, python -u) that refuses the output ---------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize("command", [["datasets"], ["datasets", "--json"], ["text"]])
def test_a_full_stdout_is_named_also_unbuffered(unbuffered, command, tmp_path) -> None:
    # PYTHONUNBUFFERED=1 (set by many containers): stdout kept nothing for a second flush to
    # fail on, and the command said "error: [Errno 28] No space left on device", naming nothing
    with open("/dev/full", "wb") as full:
        done = _lstmkit(*command, cwd=tmp_path, stdout=full, env={"PYTHONUNBUFFERED": unbuffered})
    assert (done.returncode, done.stderr.decode()) == (
        1,
        "error: stdout cannot be written: No space left on device.\n",
    )


def test_stdout_is_itself_again_after_a_command(capsys) -> None:
    stdout = sys.stdout
    assert main(["datasets", "--json"]) == 0
    assert sys.stdout is stdout
    assert capsys.readouterr().out.startswith('{"datasets": [')


# -- remove_orphans: only the names a save makes ------------------------------------------------


def _dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", ""])
    gone.wait()
    return gone.pid


def test_a_run_s_clean_up_removes_its_staging_folders_alone(tmp_path) -> None:
    # `\w+` after the owner took any name (`-my_old_run`, letters of any script) for mkdtemp's
    # 8 random characters, and `\d+` a process id in any script's digits ('١٢٣' is 123):
    # such a folder of the user's was removed with all it held
    from lstmkit import _orphans
    from lstmkit.cli import written_together

    dead, machine = _dead_pid(), _orphans._machine()
    arabic = str(dead).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    users = [
        f".lstmkit-{dead}.{machine}-my_old_run.tmp",
        f".lstmkit-{dead}.{machine}-abcdéfgh.tmp",
        f".lstmkit-{dead}.{machine}-abcdefg.tmp",
        f".lstmkit-{arabic}.{machine}-abcd_123.tmp",
        f".lstmkit-0{dead}.{machine}-abcd_123.tmp",
    ]
    for name in users:
        (tmp_path / name).mkdir()
        (tmp_path / name / "mine.txt").write_text("mine")
    orphan = tmp_path / f".lstmkit-{dead}.{machine}-abcd_123.tmp"  # a killed run's
    orphan.mkdir()
    (orphan / "config.json").write_text("{")
    with written_together(tmp_path) as staging:
        (staging / "run.json").write_text("{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*users, "run.json"])
    assert all((tmp_path / name / "mine.txt").read_text() == "mine" for name in users)


def test_a_save_s_clean_up_takes_no_digits_of_other_scripts(tmp_path) -> None:
    from lstmkit import _orphans
    from lstmkit.io import save_model

    dead, machine = _dead_pid(), _orphans._machine()
    arabic = str(dead).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    users = {
        f".config.json.{arabic}.{machine}-0123abcd.tmp": b"a",
        f".config.json.0{dead}.{machine}-0123abcd.tmp": b"b",
    }
    for name, content in users.items():
        (tmp_path / name).write_bytes(content)
    orphan = tmp_path / f".config.json.{dead}.{machine}-0123abcd.tmp"
    orphan.write_bytes(b"{")
    import torch

    save_model(torch.nn.Linear(2, 1), tmp_path, {"kind": "linear"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name in users} == users
    assert not orphan.exists()
