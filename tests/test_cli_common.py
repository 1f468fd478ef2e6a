"""What every ``lstmkit`` command shares: errors, ``--out`` between commands, entry points."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lstmkit.cli import main

FAST = ["--epochs", "2", "--ensemble", "1", "--no-stat-baselines"]


def test_python_dash_m_runs_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "lstmkit", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith("lstmkit ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["forecast", "airline", "--bogus"],
            "error: unrecognized arguments: --bogus (`lstmkit forecast --help` lists the flags)\n",
        ),
        (
            ["text", "spell", "model", "7", "--beam", "2", "--zz", "3"],
            "error: unrecognized arguments: --zz 3 (`lstmkit text spell --help` lists the flags)\n",
        ),
        (
            ["--bogus"],
            "error: unrecognized arguments: --bogus; the following arguments are required: "
            "COMMAND (`lstmkit --help` lists the commands)\n",
        ),
        (
            ["text", "train", "sst2", "--epochs", "x"],
            "error: --epochs must be an integer, got 'x'.\n",
        ),
    ],
)
def test_argument_errors_are_one_line(capsys, argv, message):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1 and "usage:" not in err


def test_a_folder_of_another_command_is_refused_before_any_work(
    tmp_path, capsys, undrawn_figures_block
):
    run = tmp_path / "run"
    # the run's PNGs, of which only the names are read, made empty: drawing them was a third of
    # the test's time; predict's forecast.png, whose bytes are compared, is drawn
    with undrawn_figures_block():
        assert main(["forecast", "airline", *FAST, "--out", str(run)]) == 0
    capsys.readouterr()
    before = sorted(p.name for p in run.iterdir())
    argv = ["text", "train-seq2seq", "numbers", "--threads", "1", "--out", str(run)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(run)!r} holds a `lstmkit forecast` run (run.json, model/); "
        "`lstmkit text train-seq2seq` would mix its files with it. Choose another folder.\n"
    )
    assert main(["predict", str(run), "--out", str(run)]) == 2
    assert "`lstmkit predict` would mix its files" in capsys.readouterr().err
    assert main(["forecast", "airline", *FAST, "--out", str(run / "model")]) == 2
    said = "holds a saved model of kind 'lstmkit.Forecaster' (config.json); `lstmkit forecast`"
    assert said in capsys.readouterr().err
    assert sorted(p.name for p in run.iterdir()) == before
    # its own earlier run is fine
    with undrawn_figures_block():
        assert main(["forecast", "airline", *FAST, "--out", str(run)]) == 0
    # predict's output carries no record: its forecast.csv marks it (forecast overwrote it)
    pred = tmp_path / "pred"
    assert main(["predict", str(run), "--out", str(pred)]) == 0
    capsys.readouterr()
    before = {p.name: p.read_bytes() for p in pred.iterdir()}
    assert main(["forecast", "airline", *FAST, "--out", str(pred)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(pred)!r} holds a forecast.csv (`lstmkit predict` writes one); "
        "`lstmkit forecast` would mix its files with it. Choose another folder.\n"
    )
    assert {p.name: p.read_bytes() for p in pred.iterdir()} == before
    with undrawn_figures_block():
        assert main(["predict", str(run), "--horizon", "3", "--out", str(pred)]) == 0  # its own


def test_a_forecast_run_stopped_part_way_leaves_its_folder_as_it_was(tmp_path, capsys, monkeypatch):
    # its files go into --out together once all are written: a rerun stopped after its model
    # and forecast.csv (a plot that failed, Ctrl-C) left them beside the run.json and
    # training.png of the run before, which described seed 0 beside seed 7's model
    import lstmkit.forecast

    def fails(*args, **kwargs):
        raise KeyboardInterrupt

    def files(folder):
        return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.*")}

    run = tmp_path / "run"
    assert main(["forecast", "airline", *FAST, "--out", str(run)]) == 0
    before = files(run)
    assert sorted(before) == [
        "forecast.csv",
        "forecast.png",
        "model/config.json",
        "model/model.safetensors",
        "run.json",
        "training.png",
    ]
    with monkeypatch.context() as patch:
        patch.setattr(lstmkit.forecast, "plot_forecast", fails)  # the command imports it so
        assert main(["forecast", "airline", *FAST, "--seed", "7", "--out", str(run)]) == 130
    assert files(run) == before
    pred = tmp_path / "pred"  # lstmkit predict's files, the same way
    assert main(["predict", str(run), "--out", str(pred)]) == 0
    before = files(pred)
    with monkeypatch.context() as patch:
        patch.setattr(lstmkit.forecast, "plot_forecast", fails)
        assert main(["predict", str(run), "--horizon", "3", "--out", str(pred)]) == 130
    assert files(pred) == before
    assert sorted(before) == ["forecast.csv", "forecast.png", "prediction.json"]
    assert capsys.readouterr().err.endswith("interrupted\n")


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="needs SIGTERM")
@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_a_signal_while_the_files_are_moved_into_out_waits_for_the_last(
    tmp_path, monkeypatch, signum
):
    # Ctrl-C was held back by a signal mask, of this thread alone: with another thread alive
    # (a plain `lstmkit forecast` has 3 at that point) the kernel gave it to that one and Python
    # raised it here between two moves, a new forecast.csv beside the run.json of the run
    # before; SIGTERM, which the command line raises as it raises Ctrl-C, was not held at all
    from lstmkit._interrupts import _raise_terminated, _Terminated
    from lstmkit.cli import written_together

    signum = getattr(signal, signum)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("forecast.csv", "run.json"):
        (out / name).write_text("old")
    replace, moved = os.replace, []

    def replace_then_signal(src, dst):
        replace(src, dst)
        moved.append(Path(dst).name)
        if len(moved) == 1:
            os.kill(os.getpid(), signum)
            time.sleep(0.05)  # the signal's handler runs in this thread meanwhile, unless held

    idle = threading.Event()
    other = threading.Thread(target=idle.wait)
    other.start()
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_terminated)  # as the command line has it
    monkeypatch.setattr(os, "replace", replace_then_signal)
    try:
        with pytest.raises(KeyboardInterrupt) as stopped:
            with written_together(out) as staging:
                for name in ("forecast.csv", "run.json"):
                    (staging / name).write_text("new")
    finally:
        for s, handler in handlers.items():
            signal.signal(s, handler)
        idle.set()
        other.join()
    assert isinstance(stopped.value, _Terminated) == (signum == signal.SIGTERM)
    assert moved == ["forecast.csv", "run.json"]
    assert {p.name: p.read_text() for p in out.iterdir()} == {
        "forecast.csv": "new",
        "run.json": "new",
    }


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--calendar", "season", "--no-calendar"], "--calendar season and --no-calendar"),
        (["--no-early-stopping", "--patience", "3"], "--patience applies to early stopping"),
        (["--threads", "0"], "error: --threads must be a positive integer, got 0.\n"),
    ],
)
def test_forecast_refuses_contradictions(capsys, flags, message):
    assert main(["forecast", "airline", *flags]) == 2
    assert message in capsys.readouterr().err


def test_forecast_threads_and_datasets_json(capsys):
    # a small fit (4 units, no interval, no refit): what is checked is the record of --threads
    small = ["--hidden-size", "4", "--interval", "0", "--no-refit"]
    assert main(["forecast", "airline", *FAST, *small, "--threads", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["config"]["num_threads"] == 2
    assert main(["datasets", "--json"]) == 0
    names = [d["name"] for d in json.loads(capsys.readouterr().out)["datasets"]]
    assert names == ["airline", "car_sales", "milk", "wine"]


def test_shared_flag_names_have_aliases(capsys):
    assert main(["demo", "--hidden-size", "0"]) == 2
    assert capsys.readouterr().err == "error: --hidden must be a positive integer, got 0.\n"
    assert main(["text", "spell", "no-model", "7", "--beam-size", "0"]) == 2
    assert "--beam" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "verbose"),
    [
        (["forecast", "airline", "-v"], True),
        (["-v", "forecast", "airline"], True),
        (["forecast", "airline"], False),
        (["text", "spell", "model", "7", "--verbose"], True),
        (["-v", "text", "spell", "model", "7"], True),
    ],
)
def test_verbose_before_or_after_the_command(argv, verbose):
    from lstmkit.cli import build_parser

    assert build_parser().parse_args(argv).verbose is verbose


def test_ctrl_c_while_the_commands_load_exits_130_without_a_traceback(monkeypatch, capsys):
    import lstmkit.cli
    from lstmkit.__main__ import run

    def interrupted_while_parsing():
        raise KeyboardInterrupt

    monkeypatch.setattr(lstmkit.cli, "main", interrupted_while_parsing)
    assert run() == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_ctrl_c_during_the_first_import_of_torch_exits_130_without_a_traceback():
    # The console script imports the package, then `lstmkit.__main__.run`, and only `run` imports
    # torch: a Ctrl-C in that import (the first second of every command) is caught like any other.
    code = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'torch':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "sys.argv = ['lstmkit', 'demo', '--epochs', '1']\n"  # the demo imports torch as it starts
        "from lstmkit.__main__ import run\n"
        "assert 'torch' not in sys.modules and 'pandas' not in sys.modules\n"
        "sys.exit(run())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (130, "interrupted\n")


def _modules_loaded_by(*argvs: list[str]) -> list[str]:
    """The heavy modules loaded in a fresh interpreter that runs ``main`` on each of ``argvs``."""
    code = (
        "import contextlib, io, sys\n"
        "from lstmkit.cli import main\n"
        f"for argv in {list(argvs)!r}:\n"
        "    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()), "
        "contextlib.redirect_stderr(io.StringIO()):\n"
        "        main(argv)\n"
        "print(' '.join(sorted(m for m in sys.modules if m in ('torch', 'pandas', 'numpy') "
        "or m.startswith('lstmkit.cli.'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_help_version_and_a_mistyped_command_import_no_topic_nor_torch():
    # every topic imported torch before argparse could print `lstmkit --help` (3.6 s)
    assert _modules_loaded_by(["--help"], ["--version"], [], ["forcast"]) == []


def test_every_commands_help_and_the_dataset_list_load_no_torch():
    # the flags come from config dataclasses in modules without torch: 3.7 s -> under 1 s
    loaded = _modules_loaded_by(
        ["forecast", "--help"],
        ["predict", "--help"],
        ["datasets"],
        ["text", "--help"],
        *(["text", c, "--help"] for c in ("train", "predict", "train-lm", "generate")),
        *(["text", c, "--help"] for c in ("train-seq2seq", "spell")),
        ["explain", "--help"],
        ["-v", "demo", "--help"],
    )
    assert "torch" not in loaded and "lstmkit.cli.demo" in loaded


def test_the_dataset_list_loads_neither_pandas_nor_numpy():
    # the table is written in lstmkit._datasets; from the forecasting topic, `lstmkit datasets`
    # imported pandas and numpy (1 s of its 1.2 s) to print it
    loaded = _modules_loaded_by(["datasets"], ["datasets", "--json"])
    assert loaded == ["lstmkit.cli.datasets"]


def test_the_forecasting_and_explain_commands_help_loads_no_pandas():
    # their flags are declared apart from the code that runs them (cli/_forecast_run.py), which
    # imports pandas: `lstmkit forecast --help` took 0.9 s, most of it importing pandas
    loaded = _modules_loaded_by(["forecast", "--help"], ["predict", "--help"], ["explain", "-h"])
    assert loaded == ["lstmkit.cli.explain", "lstmkit.cli.forecast", "numpy"]


@pytest.mark.parametrize("command", ["datasets", "forecast", "predict", "text", "explain", "demo"])
def test_each_command_is_built_in_full_by_the_topic_commands_names(command):
    from lstmkit.cli import COMMANDS, build_parser

    parser = build_parser([command])
    sub = next(a for a in parser._actions if a.dest == "command")
    assert list(sub.choices) == list(COMMANDS)
    built = [name for name, p in sub.choices.items() if p.get_default("func") is not None]
    assert built == [name for name, (topic, _) in COMMANDS.items() if topic == COMMANDS[command][0]]
    listing = next(a for a in build_parser([])._actions if a.dest == "command").choices
    assert {a.dest for a in listing[command]._actions} == {"help", "verbose"}
    assert len(sub.choices[command]._actions) > 2  # the topic's own flags or commands


def test_import_lstmkit_is_light_and_serves_every_public_name():
    code = (
        "import sys, lstmkit\n"
        "light = 'torch' not in sys.modules and 'pandas' not in sys.modules\n"
        "names = [getattr(lstmkit, n).__name__ for n in lstmkit.__all__ if n != '__version__']\n"
        "print(light, lstmkit.nn.LSTM is lstmkit.LSTM, lstmkit.metrics.__name__, len(names))\n"
        # every name loaded, still no plotting library nor torch's compiler (3.5 s with sympy)
        "print(*[m for m in ('matplotlib', 'torch._dynamo', 'sympy') if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["True True lstmkit.metrics 15", ""]


def test_import_lstmkit_text_is_light_and_serves_every_public_name_and_submodule():
    code = (
        "import sys, lstmkit.text as T\n"
        "light = 'torch' not in sys.modules\n"
        "config = T.SentimentConfig().task, 'torch' not in sys.modules\n"
        "names = [getattr(T, n).__name__ for n in T.__all__]\n"
        "print(light, *config, T.sentiment.SentimentConfig is T.SentimentConfig, len(names))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "sst2", "True", "True", "31"]


def test_sentence_files_drop_a_byte_order_mark(tmp_path, monkeypatch):
    # Notepad's "UTF-8 with BOM": the mark was read as part of the first word ("\ufeffa")
    import io

    from lstmkit.cli import read_sentences

    path = tmp_path / "reviews.txt"
    path.write_bytes(b"\xef\xbb\xbfa gorgeous movie\r\n\r\na dull mess\r\n")
    assert read_sentences(str(path)) == [(1, "a gorgeous movie"), (3, "a dull mess")]
    monkeypatch.setattr("sys.stdin", io.StringIO("\ufeffa gorgeous movie\n"))
    assert read_sentences("-") == [(1, "a gorgeous movie")]


def test_sentences_on_stdin_must_be_utf8_as_in_a_file(tmp_path, monkeypatch):
    # stdin as under the C.UTF-8 locale: a Latin-1 "café" was read as "caf\udce9", an unknown
    # word, where the same bytes in a file were refused
    import io

    from lstmkit.cli import CLIError, read_sentences

    def stdin(data: bytes) -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")

    monkeypatch.setattr("sys.stdin", stdin(b"a fine film\ncaf\xe9\n"))
    with pytest.raises(CLIError) as e:
        read_sentences("-")
    assert str(e.value) == (
        "--file '<stdin>' must be UTF-8 text, got byte 0xe9 on line 2 (byte 4 of the line), "
        "which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8."
    )
    (tmp_path / "l.txt").write_bytes(b"a fine film\ncaf\xe9\n")
    with pytest.raises(CLIError) as e:
        read_sentences(str(tmp_path / "l.txt"))
    assert str(e.value) == (
        f"--file {str(tmp_path / 'l.txt')!r} must be UTF-8 text, got byte 0xe9 on line 2 (byte "
        "4 of the line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as "
        f"UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 '{tmp_path / 'l.txt'}' > "
        f"'{tmp_path / 'l-utf8.txt'}'`, then pass --file '{tmp_path / 'l-utf8.txt'}'."
    )
    monkeypatch.setattr("sys.stdin", stdin(b"\xef\xbb\xbfcaf\xc3\xa9\r\n\r\nbien\rok\n"))
    assert read_sentences("-") == [(1, "caf\u00e9"), (3, "bien"), (4, "ok")]


def test_words_after_flags_and_after_a_double_dash_are_sentences_of_text_predict():
    # `text predict DIR --json -- -bad` ended "unrecognized arguments: -- -bad"
    from lstmkit.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["text", "predict", "m", "--json", "a fine film", "--", "-bad"])
    assert args.text == ["a fine film", "-bad"] and args.json
    args = parser.parse_args(["text", "predict", "m", "s1", "--json", "s2"])
    assert args.text == ["s1", "s2"]
    with pytest.raises(SystemExit):
        parser.parse_args(["text", "predict", "m", "--json", "--bogus", "a fine film"])


def test_a_killed_runs_staging_folder_is_removed_by_the_next_run_into_out(tmp_path):
    # SIGKILL left a hidden .lstmkit-*.tmp folder, a whole model, in --out for good
    from lstmkit._orphans import _machine
    from lstmkit.cli import written_together

    gone = subprocess.Popen([sys.executable, "-c", ""])
    gone.wait()
    here = _machine()
    out = tmp_path / "out"
    # mkdtemp's 8 random characters, as a run names its staging folder
    orphan = out / f".lstmkit-{gone.pid}.{here}-abc_1234.tmp"
    live = out / f".lstmkit-{os.getpid()}.{here}-def456.tmp"  # another run writing into out now
    elsewhere = out / f".lstmkit-{gone.pid}.{'0' * 8 if here != '0' * 8 else '1' * 8}-x.tmp"
    foreign = out / ".lstmkit-notes-1.tmp"
    for folder in (orphan, live, elsewhere, foreign):
        (folder / "model").mkdir(parents=True)
    with written_together(out) as staging:
        assert staging.name.startswith(f".lstmkit-{os.getpid()}.{here}-")
        (staging / "run.json").write_text("{}")
    kept = [live.name, elsewhere.name, foreign.name, "run.json"]
    assert sorted(p.name for p in out.iterdir()) == sorted(kept)
