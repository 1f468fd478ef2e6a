"""left28: what ``dir()`` shows of ``lstmkit.nn``'s modules, and three text messages.

``dir(lstmkit.nn.cells)`` listed ``math``, ``np``, ``torch``, ``warnings`` and its helpers beside
its API (no ``__all__``), as ``layers``, ``summary`` and ``trace`` did; a missing Tiny
Shakespeare did not say how to point lstmkit at it; ``text train-lm`` said "--file file not
found", and of the text "ab" "is too short" twice and "its 1 training characters".
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text.charlm import CharLMConfig, check_corpus, shakespeare_path


@pytest.mark.parametrize(
    ("name", "api"),
    [
        (
            "cells",
            ["GRUCell", "GRU_GATES", "GateParams", "LSTMCell", "LSTM_GATES", "MixedArgumentError"],
        ),
        ("layers", ["GRU", "LSTM", "check_lengths", "gru_scan", "lstm_scan"]),
        ("summary", ["Summary", "summary"]),
        ("trace", ["GateTrace", "Trace", "trace"]),
    ],
)
def test_nn_modules_dir_is_their_api(name: str, api: list[str]) -> None:
    importlib.import_module(f"lstmkit.nn.{name}")
    module = sys.modules[f"lstmkit.nn.{name}"]  # lstmkit.nn.summary is the function
    assert [n for n in dir(module) if not n.startswith("__")] == api
    namespace: dict = {}
    exec(f"from lstmkit.nn.{name} import *", namespace)
    assert sorted(n for n in namespace if n != "__builtins__") == sorted(api)


def test_missing_tiny_shakespeare_says_how_to_point_at_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "text" / "sst").mkdir(parents=True)  # a data folder, without Tiny Shakespeare
    where = tmp_path / "text" / "tinyshakespeare" / "input.txt"
    with pytest.raises(FileNotFoundError) as err:
        shakespeare_path(tmp_path)
    assert str(err.value) == (
        f"Tiny Shakespeare file not found: {str(where)!r}. Put it there, or pass `data_dir` "
        "(CLI: --data-dir) with the folder that holds tinyshakespeare/input.txt."
    )
    argv = ["text", "train-lm", "shakespeare", "--data-dir", str(tmp_path)]
    assert main([*argv, "--out", str(tmp_path / "lm")]) == 2
    assert capsys.readouterr().err == (
        f"error: Tiny Shakespeare file not found: {str(where)!r}. Put it there, or pass "
        "--data-dir with the folder that holds tinyshakespeare/input.txt.\n"
    )
    assert not (tmp_path / "lm").exists()


def test_missing_file_is_named_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gone = str(tmp_path / "gone.txt")
    assert main(["text", "train-lm", "--file", gone, "--out", str(tmp_path / "lm")]) == 2
    assert capsys.readouterr().err == f"error: --file {gone!r} not found.\n"
    # the other flags keep their wording
    assert main(["forecast", "--csv", str(tmp_path / "gone.csv")]) == 2
    assert capsys.readouterr().err.startswith(
        f"error: --csv {str(tmp_path / 'gone.csv')!r} not found"
    )


def test_a_corpus_short_in_both_parts_is_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ValueError) as err:
        check_corpus("ab", CharLMConfig())
    assert str(err.value) == (
        "`text` is too short: its 1 training character (all but the `val_fraction`=0.1 held "
        "out) must make `batch_size`=32 streams of at least 2 characters (64 characters), and "
        "its held-out part (`val_fraction`=0.1) must have at least 2 characters, got 1; it has "
        "2 characters in all, where `batch_size`=32 streams of `bptt`=100 + 1 characters and "
        "the held-out part need at least 3,592."
    )
    path = tmp_path / "ab.txt"
    path.write_text("ab")
    assert main(["text", "train-lm", "--file", str(path), "--out", str(tmp_path / "lm")]) == 2
    name = f"--file {str(path)!r}"
    assert capsys.readouterr().err == (
        f"error: {name} is too short: its 1 training character (all but the --val-fraction=0.1 "
        "held out) must make --batch-size=32 streams of at least 2 characters (64 characters), "
        "and its held-out part (--val-fraction=0.1) must have at least 2 characters, got 1; it "
        "has 2 characters in all, where --batch-size=32 streams of --bptt=100 + 1 characters "
        "and the held-out part need at least 3,592.\n"
    )
    # a window too long and a held-out part too short: two problems, each said once
    with pytest.raises(ValueError) as err:
        check_corpus("a" * 40, CharLMConfig(batch_size=2, bptt=100, val_fraction=0.02))
    assert str(err.value) == (
        "`bptt` must be at most 18 (the 39 training characters of `text` make `batch_size`=2 "
        "streams of 19), got 100. `text` is too short: its held-out part (`val_fraction`=0.02) "
        "must have at least 2 characters, got 1; it has 40 characters in all, where "
        "`batch_size`=2 streams of `bptt`=100 + 1 characters and the held-out part need at "
        "least 207."
    )


def test_train_size_is_told_holdout(capsys: pytest.CaptureFixture[str]) -> None:
    # scikit-learn's train_test_split(train_size=0.8) as a flag: it was "unrecognized
    # arguments: --train-size 0.8" alone, where --test-size was told --holdout
    with pytest.raises(SystemExit) as exit_:
        main(["forecast", "airline", "--train-size", "0.8"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "error: unrecognized arguments: --train-size 0.8; did you mean --holdout? "
        "(`lstmkit forecast --help` lists the flags)\n"
    )
