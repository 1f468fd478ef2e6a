"""out36: a file written "through" /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N goes
into the process's own descriptor, at its place and in its mode: it replaced the file the
shell had opened (`--out /dev/stdout >> app.csv` lost app.csv's lines), and a plot's
`/dev/stdout` became a new file /dev/stdout.png."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lstmkit._examples import example_text
from lstmkit._figures import descriptor, figure_file, output_file, written_into, written_whole
from lstmkit.cli import main

pytestmark = pytest.mark.skipif(
    not os.path.islink("/dev/stdout") or not os.path.isdir("/proc/self/fd"),
    reason="/dev/stdout a link into Linux's /proc/self/fd",
)

_SRC = str(Path(__file__).resolve().parents[1] / "src")


def _shell(line: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``line`` run by sh in ``cwd``, ``$PY`` the interpreter running lstmkit from this tree."""
    env = {**os.environ, "PY": sys.executable, "PYTHONPATH": _SRC}
    return subprocess.run(["sh", "-c", line], cwd=cwd, env=env, capture_output=True, check=False)


def test_out_dev_stdout_appends_where_the_shell_appends(tmp_path) -> None:
    # app.csv was replaced by the CSV alone: 'old line' lost
    (tmp_path / "app.csv").write_bytes(b"old line\n")
    done = _shell("$PY -m lstmkit datasets --example my --out /dev/stdout >> app.csv", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    # the CSV after the old line, and no "wrote /dev/stdout" after it
    assert (tmp_path / "app.csv").read_bytes() == b"old line\n" + example_text("my").encode()
    assert sorted(os.listdir(tmp_path)) == ["app.csv"]


def test_out_other_descriptors_append_too(tmp_path) -> None:
    (tmp_path / "app.csv").write_bytes(b"old line\n")
    line = (
        "$PY -m lstmkit datasets --example eu --out /dev/stderr 2>> app.csv && "
        "$PY -m lstmkit datasets --example my --out /dev/fd/3 3>> app.csv && "
        "$PY -m lstmkit datasets --example promo --out /proc/self/fd/3 3>> app.csv"
    )
    done = _shell(line, tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    written = "old line\n" + example_text("eu") + example_text("my") + example_text("promo")
    assert (tmp_path / "app.csv").read_text("utf-8") == written


def test_out_dev_stdout_into_a_pipe_and_dev_null(tmp_path) -> None:
    done = _shell("$PY -m lstmkit datasets --example my --out /dev/stdout | head -3", tmp_path)
    first = "".join(example_text("my").splitlines(keepends=True)[:3])
    assert (done.returncode, done.stdout.decode(), done.stderr) == (0, first, b"")
    done = _shell("$PY -m lstmkit datasets --example my --out /dev/null", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert os.listdir(tmp_path) == []


def test_out_a_descriptor_not_open_for_writing_is_refused(capsys) -> None:
    read, write = os.pipe()
    os.close(write)
    try:
        assert main(["datasets", "--example", "my", "--out", f"/dev/fd/{read}"]) == 2
    finally:
        os.close(read)
    assert capsys.readouterr() == (
        "",
        f"error: --out '/dev/fd/{read}' cannot be written: descriptor {read} is open for "
        "reading only.\n",
    )
    assert main(["datasets", "--example", "my", "--out", f"/dev/fd/{read}"]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --out '/dev/fd/{read}' cannot be written: descriptor {read} is not open.\n",
    )


def test_descriptor_follows_links_as_the_system_does(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.csv").symlink_to("/dev/stdout")
    (tmp_path / "sub").mkdir()
    assert [
        descriptor(p)
        for p in [
            "/dev/stdout",
            "/dev/stderr",
            "/dev/fd/7",
            "/proc/self/fd/3",
            f"/proc/{os.getpid()}/fd/4",
            "out.csv",
            "sub/../out.csv",
            "/dev/null",
            "stdout",
            "/dev/fd",
            "/proc/1/fd/1" if os.getpid() != 1 else "/proc/2/fd/1",
        ]
    ] == [1, 2, 7, 3, 4, 1, 1, None, None, None, None]


def test_a_descriptor_is_written_once_whole(tmp_path) -> None:
    read, write = os.pipe()
    os.set_blocking(read, False)
    path = Path(f"/dev/fd/{write}")
    try:
        # stopped part-way: nothing written into the pipe
        with pytest.raises(RuntimeError, match="stopped"), written_whole(path) as temp:
            temp.write_bytes(b"half")
            raise RuntimeError("stopped")
        with pytest.raises(BlockingIOError):
            os.read(read, 100)
        # a PGF's images have no folder beside a descriptor
        with pytest.raises(ValueError) as err, written_whole(path) as temp:
            temp.write_bytes(b"pgf")
            (temp.parent / f"{temp.name}-img0.png").write_bytes(b"png")
        assert str(err.value) == (
            f"'/dev/fd/{write}' cannot be written: it names descriptor {write}, and the file "
            f"refers to 1 file written beside it ('{write}-img0.png'); write it to a file."
        )
        with written_whole(path) as temp:
            temp.write_bytes(b"whole")
        assert os.read(read, 100) == b"whole"
    finally:
        os.close(read)
        os.close(write)


def test_a_device_or_descriptor_keeps_its_name_without_a_suffix(tmp_path) -> None:
    # figure_file('/dev/stdout') was /dev/stdout.png (a new file in /dev as root), and
    # /dev/null's /dev/null.png; export_npz's '.npz' was added so too
    # a terminal is refused a PNG (revout36): pytest -s in a shell leaves stdout one
    if not os.isatty(1):
        assert figure_file("/dev/stdout") == Path("/dev/stdout")
    assert figure_file("/dev/null") == Path("/dev/null")
    assert output_file("/dev/fd/1", ".npz", example="trace.npz") == Path("/dev/fd/1")
    assert figure_file(tmp_path / "plot") == tmp_path / "plot.png"
    assert (written_into("/dev/null"), written_into(tmp_path / "plot.png")) == (True, False)


def test_a_figure_and_a_trace_append_through_descriptors(tmp_path) -> None:
    script = textwrap.dedent(
        """
        import sys
        import numpy as np, torch
        from lstmkit._figures import new_figure, save_figure
        from lstmkit.explain.gates import export_npz

        fig = new_figure(figsize=(2, 1))
        fig.add_subplot().plot([1, 3, 2])
        save_figure(fig, "ref.png", dpi=40)
        save_figure(fig, "/dev/stdout", dpi=40)
        save_figure(fig, "/dev/null", dpi=40)
        export_npz({"rnn": {"i": torch.ones(1, 2, 3)}}, "/dev/fd/3")
        """
    )
    (tmp_path / "make.py").write_text(script, "utf-8")
    (tmp_path / "app.png").write_bytes(b"old\n")
    (tmp_path / "app.npz").write_bytes(b"")
    done = _shell("$PY make.py >> app.png 3>> app.npz", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    assert (tmp_path / "app.png").read_bytes() == b"old\n" + (tmp_path / "ref.png").read_bytes()
    with __import__("numpy").load(tmp_path / "app.npz") as npz:
        assert {k: npz[k].tolist() for k in npz.files} == {"rnn/i": [[[1.0, 1.0, 1.0]] * 2]}
    assert sorted(os.listdir(tmp_path)) == ["app.npz", "app.png", "make.py", "ref.png"]
    assert not os.path.lexists("/dev/stdout.png") and not os.path.lexists("/dev/null.png")


def test_demo_refuses_its_report_s_stdout_for_the_plot(capsys) -> None:
    # a PNG among the report's lines; /dev/fd/3 3>gates.png is written through
    assert main(["demo", "--plot", "/dev/stdout"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --plot must name a file or a descriptor other than stdout, got '/dev/stdout', "
        "descriptor 1, which the demo's report is printed on; write the figure to a file "
        "(--plot gates.png) or to another descriptor (--plot /dev/fd/3 3>gates.png).\n",
    )


def test_a_vocabulary_and_predictions_append_through_descriptors(tmp_path) -> None:
    # both opened /dev/stdout anew with "w": the file the shell's >> had opened was truncated
    script = textwrap.dedent(
        """
        from lstmkit.text import ClassifierEvaluation, Vocabulary

        Vocabulary(["good", "bad"]).save("/dev/stdout")
        ClassifierEvaluation(
            ("bad", "good"), [[1, 0], [0, 1]], ["a, b", "c"], ["bad", "good"], ["bad", "good"],
            [0.75, 0.5],
        ).write_predictions("/proc/self/fd/3")
        """
    )
    (tmp_path / "make.py").write_text(script, "utf-8")
    (tmp_path / "vocab.txt").write_bytes(b"old\n")
    (tmp_path / "rows.csv").write_bytes(b"old\n")
    done = _shell("$PY make.py >> vocab.txt 3>> rows.csv", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    assert (tmp_path / "vocab.txt").read_text("utf-8") == 'old\n["<pad>", "<unk>", "good", "bad"]'
    assert (tmp_path / "rows.csv").read_bytes() == (
        b'old\ntext,label,predicted,probability\r\n"a, b",bad,bad,0.750000\r\n'
        b"c,good,good,0.500000\r\n"
    )


def test_the_readme_says_a_descriptor_is_written_through() -> None:
    readme = " ".join(
        (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8").split()
    )
    assert (
        "`/dev/stdout`, `/dev/stderr` or `/dev/fd/N` is the process's own descriptor, written at "
        "its place, so that after the shell's `>> app.csv` the CSV follows app.csv's lines"
    ) in readme
    assert '`path="/dev/stdout"` writes a PNG, matplotlib\'s `savefig.format`' in readme


def test_out_dev_stdout_into_a_closed_pipe_exits_141() -> None:
    # "error: --out '/dev/stdout' cannot be written: Broken pipe." (exit 2); without --out 141
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "lstmkit",
                "datasets",
                "--example",
                "my",
                "--out",
                "/dev/stdout",
            ],
            stdout=write,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": _SRC},
            check=False,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, b"")


def test_descriptor_of_a_relative_path_in_a_deleted_folder_is_none(tmp_path, monkeypatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # os.getcwd() raises FileNotFoundError
    assert (descriptor("plot.png"), descriptor("/dev/stdout")) == (None, 1)
