"""revout36: a binary figure sent to a terminal (`path="/dev/stdout"` in a shell, `/dev/tty`,
`lstmkit demo --plot /dev/fd/3 3>/dev/tty`) was written into it as PNG bytes, garbling the
screen; it is refused before anything is drawn, naming the descriptor, while a text format
(SVG) is written and a pipe or a file behind the descriptor still gets the PNG. A file written
through a descriptor that shares stdout's file (`3>&1`) came before the lines `print` held."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lstmkit._figures import figure_file, new_figure, save_figure
from lstmkit.cli import main

pty = pytest.importorskip("pty")

pytestmark = pytest.mark.skipif(
    not os.path.islink("/dev/stdout") or not os.path.isdir("/proc/self/fd"),
    reason="/dev/fd a link into Linux's /proc/self/fd",
)


@pytest.fixture
def terminal():
    """(master, slave) descriptors of a new pseudo-terminal, closed afterwards."""
    master, slave = pty.openpty()
    yield master, slave
    os.close(slave)
    os.close(master)


def test_a_png_into_a_terminal_descriptor_is_refused(terminal, tmp_path) -> None:
    _, slave = terminal
    fig = new_figure()
    with pytest.raises(ValueError) as caught:
        save_figure(fig, f"/dev/fd/{slave}", dpi=50)
    assert str(caught.value) == (
        f"`path` '/dev/fd/{slave}', descriptor {slave}, is a terminal, which a PNG written into "
        f"would garble; write it to a file (e.g. 'figure.png'), or redirect descriptor {slave} "
        f"to one (`{slave}> figure.png`) or a pipe."
    )
    # a link of the user's to the descriptor, its suffix a binary format's: refused as well
    (tmp_path / "fig.pdf").symlink_to(f"/proc/self/fd/{slave}")
    with pytest.raises(ValueError, match=r"descriptor [0-9]+, is a terminal, which a PDF "):
        figure_file(tmp_path / "fig.pdf")


def test_a_terminal_device_is_refused_without_descriptor_advice(terminal) -> None:
    _, slave = terminal
    device = os.ttyname(slave)  # /dev/pts/N, opened by its name
    with pytest.raises(ValueError) as caught:
        figure_file(device)
    assert str(caught.value) == (
        f"`path` {device!r} is a terminal, which a PNG written into would garble; write it "
        "to a file (e.g. 'figure.png')."
    )


def test_an_svg_into_a_terminal_and_a_png_into_a_pipe_are_written(terminal, tmp_path) -> None:
    master, slave = terminal
    fig = new_figure()
    shown: list[bytes] = []
    reader = threading.Thread(target=lambda: shown.append(_read_all(master)), daemon=True)
    reader.start()
    (tmp_path / "fig.svg").symlink_to(f"/dev/fd/{slave}")
    save_figure(fig, tmp_path / "fig.svg", dpi=50)  # text: shown as such
    os.write(slave, b"END")
    reader.join(timeout=30)
    assert b"<svg" in shown[0] and shown[0].rstrip().endswith(b"</svg>\r\nEND")
    read, write = os.pipe()
    with os.fdopen(read, "rb") as pipe:
        try:
            save_figure(fig, f"/dev/fd/{write}", dpi=50)  # a pipe: the PNG, as before
        finally:
            os.close(write)
        assert pipe.read(8) == b"\x89PNG\r\n\x1a\n"


def _read_all(master: int) -> bytes:
    """What the terminal shows, up to the b"END" written after the figure."""
    seen = b""
    while not seen.endswith(b"END"):
        seen += os.read(master, 65536)
    return seen


def test_demo_refuses_a_terminal_plot_before_training(terminal, capsys) -> None:
    _, slave = terminal
    assert main(["demo", "--plot", f"/dev/fd/{slave}"]) == 2
    assert capsys.readouterr().err == (
        f"error: --plot '/dev/fd/{slave}', descriptor {slave}, is a terminal, which a PNG "
        f"written into would garble; write it to a file (e.g. 'figure.png'), or redirect "
        f"descriptor {slave} to one (`{slave}> figure.png`) or a pipe.\n"
    )


def test_the_readme_says_a_terminal_is_refused() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert "(`is a terminal, which a PNG written into would garble`)" in " ".join(readme.split())


def test_a_descriptor_sharing_stdout_s_file_is_written_after_what_print_holds(tmp_path) -> None:
    # `3>&1 | cat`: the JSON came before 'report line', still in print's buffer for the pipe
    script = (
        "from lstmkit.text.vocab import Vocabulary\n"
        "print('report line')\n"
        "Vocabulary(['a']).save('/dev/fd/3')\n"
        "print('after')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "src")
    env["PY"] = sys.executable
    done = subprocess.run(
        ["sh", "-c", f"$PY -c {shlex.quote(script)} 3>&1 | cat"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == b'report line\n["<pad>", "<unk>", "a"]after\n'


def test_demo_plot_dev_stdout_on_a_terminal_says_stdout_is_the_report_s(
    tmp_path, on_a_terminal
) -> None:
    # a terminal's refusal advised `> figure.png`, which the demo refuses in turn (stdout)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    # stdout and stderr the terminal
    code, shown = on_a_terminal(["demo", "--plot", "/dev/stdout"], tmp_path, env)
    assert code == 2
    assert shown == (
        b"error: --plot must name a file or a descriptor other than stdout, got '/dev/stdout', "
        b"descriptor 1, which the demo's report is printed on; write the figure to a file "
        b"(--plot gates.png) or to another descriptor (--plot /dev/fd/3 3>gates.png).\r\n"
    )
