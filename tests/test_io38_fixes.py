"""io38: the stdout wrapper of a command's run is the stream in every way Python looks up, a
full stdout told by ``main`` itself; output flags of an over-long name; Ctrl-C at the start."""

import copy
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import lstmkit.cli.datasets as datasets_cli
from lstmkit.cli import main

SRC = str(Path(__file__).resolve().parents[1] / "src")
FULL = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


def _said(call):
    """What ``call()`` returns, or its exception's type and message."""
    try:
        return call()
    except Exception as err:  # the very error is the answer
        return f"{type(err).__name__}: {err}"


# -- what Python looks up on the type is the stream's, while a command runs ---------------------


def test_the_wrapped_stdout_answers_as_the_stream_does(tmp_path, monkeypatch) -> None:
    # `with sys.stdout:` failed ("'_ToldStdout' object does not support the context manager
    # protocol"), as did iter(), copy.copy (a RecursionError) and isinstance(..., io.TextIOBase);
    # repr and dir were the wrapper's, and its buffer's writes were not marked as stdout's
    seen = {}

    def command(args):
        out = sys.stdout
        seen["wrapped"] = out is not file
        seen["repr"] = repr(out)
        seen["text"] = isinstance(out, io.TextIOBase), isinstance(out.buffer, io.TextIOBase)
        seen["iter"] = _said(lambda: iter(out) is out)
        seen["next"] = _said(lambda: next(out))
        seen["copy"] = _said(lambda: copy.copy(out))
        seen["dir"] = {"reconfigure", "buffer", "encoding"} <= set(dir(out))
        seen["buffer"] = out.buffer is out.buffer and repr(out.buffer) == repr(file.buffer)
        out.write("text\n")
        out.flush()  # as on the stream itself, the bytes go past what the text layer holds
        out.buffer.write(b"bytes\n")
        with out as entered:
            seen["entered"] = entered is out
            print("last", file=entered)
        seen["closed"] = file.closed
        return 0

    monkeypatch.setattr(datasets_cli, "run_datasets", command)
    with open(tmp_path / "out.txt", "w", encoding="utf-8") as file:
        monkeypatch.setattr(sys, "stdout", file)
        shown = repr(file)
        assert main(["datasets"]) == 0
        monkeypatch.undo()
    assert seen == {
        "wrapped": True,
        "repr": shown,
        "text": (True, False),
        "iter": True,
        "next": "UnsupportedOperation: not readable",
        "copy": "TypeError: cannot pickle '_io.TextIOWrapper' object",
        "dir": True,
        "buffer": True,
        "entered": True,
        "closed": True,
    }
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "text\nbytes\nlast\n"


_WRITES = """
import sys
import lstmkit.cli.datasets as datasets
from lstmkit.__main__ import run

how = sys.argv[1]


def command(args):
    if how == "buffer":
        sys.stdout.buffer.write(b"a,b\\n")
    else:
        with sys.stdout as out:
            out.write("a,b\\n")
    return 0


datasets.run_datasets = command
sys.argv = ["lstmkit", "datasets"]
sys.exit(run())
"""


@FULL
@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize("how", ["buffer", "with"])
def test_a_full_stdout_is_named_after_bytes_and_a_with_too(how, unbuffered, tmp_path) -> None:
    # unbuffered, a refused sys.stdout.buffer.write was "error: [Errno 28] No space left on
    # device", naming nothing; `with sys.stdout:` ended in a TypeError, and a stdout the command
    # closed in a traceback ("ValueError: I/O operation on closed file") from the last flush
    env = {**os.environ, "PYTHONPATH": SRC, "PYTHONUNBUFFERED": unbuffered}
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-c", _WRITES, how], stdout=full, stderr=subprocess.PIPE, env=env
        )
    assert (done.returncode, done.stderr.decode()) == (
        1,
        "error: stdout cannot be written: No space left on device.\n",
    )
    done = subprocess.run(
        [sys.executable, "-c", _WRITES, how], capture_output=True, env=env, cwd=tmp_path
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, b"a,b\n", b"")


_MAIN = """
import sys
from lstmkit.cli import main

code = main(["datasets", "--example", "my"])
print(f"main returned {code}", file=sys.stderr)
"""


@FULL
def test_main_from_python_tells_a_full_stdout_it_held_output_for(tmp_path) -> None:
    # buffered, the CSV waited in stdout's buffer past main, which returned 0; only the
    # interpreter's exit found the disk full ("Exception ignored ... OSError", exit code 120)
    env = {**os.environ, "PYTHONPATH": SRC, "PYTHONUNBUFFERED": ""}
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-c", _MAIN], stdout=full, stderr=subprocess.PIPE, env=env
        )
    assert done.stderr.decode().startswith(
        "error: stdout cannot be written: No space left on device.\nmain returned 1\n"
    )


# -- an output flag whose name is longer than the file system takes: the flag named ------------

LONG = "a" * 300
SHOWN = "a" * 24 + "…" + "a" * 24


@pytest.mark.parametrize(
    "argv",
    [
        ["datasets", "--example", "my", "--out"],
        ["demo", "--epochs", "1", "--plot"],
        ["forecast", "airline", "--epochs", "1", "--out"],
        ["predict", "runs/airline", "--out"],
        ["explain", "runs/airline", "--out"],
        ["text", "train", "sst2", "--out"],
        ["text", "evaluate", "runs/sst2", "--out"],
        ["text", "train-lm", "shakespeare", "--out"],
        ["text", "train-seq2seq", "numbers", "--out"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_an_output_name_past_255_bytes_names_its_flag(argv, tmp_path, monkeypatch, capsys):
    # "error: [Errno 36] File name too long: 'aaaa...'" with the 300 characters, no flag named;
    # forecast and demo trained first
    monkeypatch.chdir(tmp_path)
    flag = argv[-1]
    assert main([*argv, LONG]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: {flag} '{SHOWN}' cannot be written: its name is 300 bytes long, and a name "
        "holds at most 255 here; choose a shorter one.\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_long_folder_name_bytes_and_a_long_path(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    # bytes are counted, not characters: 150 'é' are 300 bytes in UTF-8
    assert main(["datasets", "--example", "my", "--out", f"runs/{'é' * 150}/my.csv"]) == 2
    assert capsys.readouterr().err == (
        f"error: --out 'runs/{'é' * 19}…{'é' * 17}/my.csv' cannot be written: its folder "
        f"'{'é' * 24}…{'é' * 24}' is 300 bytes long, and a name holds at most 255 here; "
        "choose a shorter one.\n"
    )
    deep = "/".join(["b" * 250] * 17) + "/my.csv"  # each name fits, the path (4,273) does not
    assert main(["demo", "--epochs", "1", "--plot", deep]) == 2
    assert capsys.readouterr().err == (
        f"error: --plot '{'b' * 24}…{'b' * 17}/my.csv' cannot be written: its path is 4,273 "
        "bytes long, and a path holds at most 4,095 here.\n"
    )
    assert list(tmp_path.iterdir()) == []
    # 255 bytes are written
    name = "c" * 251 + ".csv"
    assert main(["datasets", "--example", "my", "--out", name]) == 0
    assert capsys.readouterr() == (f"wrote {name}\n", "")
    assert [p.name for p in tmp_path.iterdir()] == [name]


# -- Ctrl-C at the start of a command ------------------------------------------------------------

_CTRL_C_IN_TORCH = """
import os, signal, sys, threading

signal.signal(signal.SIGINT, signal.default_int_handler)  # Python's own, where a shell ignored it


class Stop:
    def find_spec(self, name, path=None, target=None):
        if name == "torch":  # the real SIGINT, 50 ms into torch's import (a second or more)
            threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start()
        return None


sys.meta_path.insert(0, Stop())
sys.argv = ["lstmkit", "demo", "--epochs", "1"]
from lstmkit.__main__ import run

code = run()
print("torch" in sys.modules)  # a failed import leaves no module behind
sys.exit(code)
"""


def test_a_real_ctrl_c_in_torchs_import_is_interrupted_without_a_traceback() -> None:
    # test_cli_common raises KeyboardInterrupt from a finder; the signal itself lands in torch's
    # own (native) import code, which the command line catches all the same
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_IN_TORCH], capture_output=True, text=True, env=env
    )
    assert (done.returncode, done.stdout, done.stderr) == (130, "False\n", "interrupted\n")


def test_the_package_and_its_command_line_entry_import_no_typing() -> None:
    # `import lstmkit.__main__`, which runs before `run` can catch a Ctrl-C, imported typing for
    # TYPE_CHECKING and Any: 30 ms of its 35 (-X importtime), the window where Ctrl-C printed a
    # traceback (SIGINT 40, 50, 60 ms after the start: 6, 6, 6 tracebacks in 6; now 3, 0, 1)
    code = (
        "import sys\n"
        "before = 'typing' in sys.modules\n"
        "import lstmkit.__main__\n"
        "print(before, 'typing' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout == "False False\n"


@pytest.mark.parametrize("folder", ["", "new/"], ids=["here", "new-folder"])
def test_demo_plot_whose_png_suffix_passes_255_bytes_is_refused_before_training(
    folder, tmp_path, monkeypatch, capsys
):
    # `--plot NAME` writes NAME.png: 252 characters given, 256 written, "error: [Errno 36] File
    # name too long: 'bbbb...bbbb.png'" with exit code 1, after the training in a new folder
    monkeypatch.chdir(tmp_path)
    given = folder + "b" * 252
    assert main(["demo", "--epochs", "1", "--plot", given]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --plot '{_shown(given)}' cannot be written: the file it names, "
        f"'{'b' * 24}…{'b' * 20}.png', is 256 bytes long, and a name holds at most 255 here; "
        "choose a shorter one.\n",
    )
    assert list(tmp_path.iterdir()) == []


def _shown(text: str) -> str:
    return text if len(text) <= 48 else f"{text[:24]}…{text[-24:]}"


# -- an ASCII stdout (PYTHONIOENCODING=ascii, a C locale without UTF-8) -------------------------

_NOTE = (
    "note: characters that stdout's encoding (ascii) cannot write are printed as Python's "
    "backslash escapes (\\ud800, \\xe9).\n"
)


@pytest.fixture
def ascii_stdout(monkeypatch):
    """``ascii_stdout()``: sys.stdout made an ASCII stream (in the test: pytest sets its own
    between a fixture and the test); it returns what was written to it, as a call."""

    def install():
        raw = io.BytesIO()
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, "ascii", write_through=True))
        return lambda: raw.getvalue().decode("ascii")

    return install


def test_the_dataset_table_on_an_ascii_stdout(ascii_stdout) -> None:
    # the table stopped after its rule: "error: 'ascii' codec can't encode character
    # '\u2026' in position 27", exit code 2
    written = ascii_stdout()
    assert main(["datasets"]) == 0
    lines = written().splitlines()
    assert lines[:3] == [
        "name       points  span                 units                    description",
        "---------  ------  -------------------  -----------------------  " + "-" * 57,
        "airline    144     1949-01 ... 1960-12  thousands of passengers  "
        "International airline passengers (Box & Jenkins series G)",
    ]


def test_datasets_and_demo_name_a_file_stdout_cannot_write(capsys, ascii_stdout, tmp_path):
    # the file was written, then "error: 'ascii' codec can't encode character '\xe9'", exit 2
    written = ascii_stdout()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert main(["datasets", "--example", "my", "--out", "é.csv"]) == 0
        assert (written(), capsys.readouterr().err) == ("wrote \\xe9.csv\n", _NOTE)
        assert main(["demo", "--epochs", "1", "--plot", "é.png"]) == 0
        assert written().endswith("\n\nthe gates of test sequence 0, unit by unit: \\xe9.png\n")
        assert capsys.readouterr().err == _NOTE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["é.csv", "é.png"]
