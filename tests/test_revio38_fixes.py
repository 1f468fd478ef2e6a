"""revio38: the stdout wrapper's write called the stream itself (the hot path), the long-name
check for the input flags too, and a --where condition written with spaces or a colon."""

import argparse
import sys

import pytest

from lstmkit.cli import CLIError, _ToldStdout, main, refuse_long_names


def _python_calls(call) -> list[str]:
    """The Python functions that ``call()`` runs, in the order they start."""
    seen: list[str] = []

    def profile(frame, event, arg) -> None:
        if event == "call":
            seen.append(frame.f_code.co_name)

    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return seen


class _Stream:
    """A stream whose write is not Python code (list.append), so that only the wrapper's own
    Python calls are counted."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.write = self.written.append


def test_the_wrapped_stdouts_write_is_one_python_call() -> None:
    # every print of a command's run goes through it: through _told's getattr and *args,
    # 100,000 prints took 4.6x a bare print's time where the wrapper before it took 2.3x
    stream = _Stream()
    told = _ToldStdout(stream)
    assert _python_calls(lambda: told.write("x")) == ["<lambda>", "write"]
    assert stream.written == ["x"]


# -- the input flags' names past 255 bytes: the flag named, before any work -----------------------

LONG = "c" * 300


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["forecast", "--csv", f"{LONG}.csv"],
            "--csv 'cccccccccccccccccccccccc…cccccccccccccccccccc.csv'",
        ),
        (
            ["text", "train", "--csv", "x.csv", "--dev-csv", f"{LONG}.csv", "--out", "o"],
            "--dev-csv 'cccccccccccccccccccccccc…cccccccccccccccccccc.csv'",
        ),
        (
            ["text", "train-lm", "--file", f"{LONG}.txt", "--out", "o"],
            "--file 'cccccccccccccccccccccccc…cccccccccccccccccccc.txt'",
        ),
        (
            ["explain", "m", "--file", f"{LONG}.txt"],
            "--file 'cccccccccccccccccccccccc…cccccccccccccccccccc.txt'",
        ),
        (
            ["text", "predict", LONG, "hi"],
            "model_dir 'cccccccccccccccccccccccc…cccccccccccccccccccccccc'",
        ),
        (
            ["explain", LONG, "--text", "hi"],
            "model folder 'cccccccccccccccccccccccc…cccccccccccccccccccccccc'",
        ),
    ],
)
def test_an_input_name_past_255_bytes_names_its_flag(argv, said, tmp_path, monkeypatch, capsys):
    # it was "error: [Errno 36] File name too long: 'cccc...'" (all 300 characters), exit code 1
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    size = len(argv[argv.index(next(a for a in argv if a.startswith("ccc")))])
    assert capsys.readouterr().err == (
        f"error: {said} cannot be read: its name is {size} bytes long, and a name holds at "
        "most 255 here; check it.\n"
    )


def test_data_dir_of_a_long_name_and_a_long_folder_on_an_input_path(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["text", "train", "sst2", "--data-dir", LONG, "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        f"error: --data-dir '{LONG[:24]}…{LONG[:24]}' cannot be read: its name is 300 bytes "
        "long, and a name holds at most 255 here; check it.\n"
    )
    assert main(["forecast", "--csv", f"../{LONG}/x.csv"]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv '../{LONG[:21]}…{LONG[:18]}/x.csv' cannot be read: its folder "
        f"'{LONG[:24]}…{LONG[:24]}' is 300 bytes long, and a name holds at most 255 here; "
        "check it.\n"
    )


def test_input_names_of_255_bytes_urls_and_stdin_are_left_to_the_command(tmp_path) -> None:
    name = "é" * 125 + "a.csv"  # 255 bytes, 131 characters
    (tmp_path / name).write_text("a\n")
    for given in (tmp_path / name, str(tmp_path / "sub" / ".." / name), "-", ""):
        refuse_long_names(argparse.Namespace(csv=given, file=[given], model_dir=given))
    # a URL is the command's to refuse ("must be a local folder, got the URL")
    refuse_long_names(argparse.Namespace(model_dir=f"hf://x/{LONG}", model=f"https://a/{LONG}"))
    with pytest.raises(CLIError, match=r"^--csv '.*' cannot be read: its name is 257 bytes long"):
        refuse_long_names(argparse.Namespace(csv=tmp_path / ("é" * 126 + "a.csv")))


# -- --where written as another tool writes it --------------------------------------------------


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (
            ["--where", "Store", "=", "A"],
            "got 'Store' (the shell split 'Store = A' at its spaces); write it as one word: "
            "--where Store=A. unrecognized arguments: A",
        ),
        (
            ["--where=Store", "=New York"],
            "got 'Store' (the shell split \"Store '=New York'\" at its spaces); write it as one "
            "word: --where 'Store=New York'.",
        ),
        (["--where", "Store:A"], "got 'Store:A'; write --where Store=A."),
        (["--where", "Store: New York"], "got 'Store: New York'; write --where 'Store=New York'."),
        (["--where", "Store"], "got 'Store'."),  # nothing to say the value by
        (["--where", "Store", "="], "got 'Store'."),
    ],
)
def test_where_split_at_spaces_or_with_a_colon_says_the_word_to_write(words, said, capsys):
    # both were "--where must be COL=VALUE, e.g. store=A, got 'Store'" alone (fccli38)
    with pytest.raises(SystemExit):
        main(["forecast", "--csv", "stores.csv", *words])
    err = capsys.readouterr().err
    assert err.startswith(f"error: --where must be COL=VALUE, e.g. store=A, {said}"), err


# -- written_together: all of a run's files or none ---------------------------------------------


def test_a_move_that_fails_part_way_puts_the_earlier_runs_files_back(tmp_path) -> None:
    from lstmkit.cli import written_together

    out = tmp_path / "out"
    (out / "b.png").mkdir(parents=True)  # a folder of a file's name: that move is refused
    (out / "b.png" / "mine.txt").write_text("mine")
    (out / "model").mkdir()
    (out / "model" / "w.pt").write_text("old model")
    for name, text in (("a.csv", "old"), ("run.json", "old run"), ("stale.csv", "old")):
        (out / name).write_text(text)
    before = {p.relative_to(out): p.read_text() for p in out.rglob("*") if p.is_file()}

    def run() -> None:
        with written_together(out, ["stale.csv"]) as staging:
            (staging / "model").mkdir()
            (staging / "model" / "w.pt").write_text("new model")
            for name in ("a.csv", "b.png", "run.json"):
                (staging / name).write_text("new")

    # it left a.csv and model/ new beside the earlier run.json, stale.csv removed or not
    with pytest.raises(IsADirectoryError):
        run()
    assert {p.relative_to(out): p.read_text() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in out.iterdir()) == [
        "a.csv",
        "b.png",
        "model",
        "run.json",
        "stale.csv",
    ]

    (out / "b.png" / "mine.txt").unlink()
    (out / "b.png").rmdir()
    run()
    assert {str(p.relative_to(out)): p.read_text() for p in out.rglob("*") if p.is_file()} == {
        "a.csv": "new",
        "b.png": "new",
        "run.json": "new",
        "model/w.pt": "new model",
    }


def test_predict_whose_last_move_is_refused_leaves_the_earlier_prediction(
    tmp_path, monkeypatch, capsys
) -> None:
    import errno
    import os
    from pathlib import Path

    import lstmkit.cli as cli

    quick = ("--ensemble", "1", "--epochs", "2", "--hidden-size", "4", "--no-stat-baselines")
    monkeypatch.chdir(tmp_path)
    assert main(["forecast", "airline", *quick, "--json", "--out", "run"]) == 0
    assert main(["predict", "run", "--out", "pred"]) == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "pred").iterdir()}
    assert sorted(before) == ["forecast.csv", "forecast.png", "prediction.json"]
    capsys.readouterr()
    real = os.replace

    def replace(src, dst) -> None:  # the record, moved last, refused
        if Path(src).parent.name.startswith(".lstmkit-") and Path(dst).name == "prediction.json":
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(src), None, dst)
        real(src, dst)

    monkeypatch.setattr(cli.os, "replace", replace)
    assert main(["predict", "run", "--out", "pred", "--horizon", "3"]) == 1
    assert capsys.readouterr().err == (
        "error: --out 'pred' cannot be written: Permission denied, moving the run's "
        "prediction.json into it (its permissions changed during the run?). It holds what it "
        "held before; run again into another --out.\n"
    )
    # forecast.csv and forecast.png were this run's beside the earlier run's prediction.json
    assert {p.name: p.read_bytes() for p in (tmp_path / "pred").iterdir()} == before


def test_a_lone_surrogate_in_a_name_is_left_to_the_command(tmp_path, monkeypatch, capsys):
    # the long-name check encoded it first: "'utf-8' codec can't encode character '\ud800' in
    # position 0: surrogates not allowed", no flag named, where each command names the file
    monkeypatch.chdir(tmp_path)
    assert main(["forecast", "--csv", "\ud800.csv"]) == 2
    assert capsys.readouterr().err == "error: --csv '\\ud800.csv' not found.\n"
    assert main(["text", "predict", "\ud800", "hi"]) == 2
    assert capsys.readouterr().err == "error: model folder '\\ud800' does not exist.\n"
