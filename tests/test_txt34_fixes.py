"""Fixes of txt34: Ctrl-C and SIGTERM stop the remaining commands that ran one native call of
minutes (`lstmkit explain` of a classifier, `text predict --explain`) at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SRC = str(Path(__file__).resolve().parents[1] / "src")


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")
@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_explain_of_a_classifier_stops_at_once_while_lrp_runs_in_one_native_call(
    clf_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    signum: str,
    stopped_in_process: Callable[[list[str], str], tuple[int, float]],
    native_sleep: Callable[[int], Callable[..., Any]],
) -> None:
    # the model and LRP over a text of 200,000 tokens are native calls of minutes: SIGTERM 20 s
    # into `lstmkit explain` of one ended it 467 s later
    from lstmkit.text.sentiment import SentimentPredictor

    sleep = native_sleep(5)

    def batches(*args: Any, **kwargs: Any) -> Any:
        sleep()
        yield from ()

    monkeypatch.setattr(SentimentPredictor, "_explained_batches", batches)
    argv = ["explain", str(clf_dir), "--text", "film 1 was great", "--no-progress"]
    code, took = stopped_in_process(argv, signum)
    assert (code, capsys.readouterr()) == (
        (130, ("", "interrupted\n")) if signum == "SIGINT" else (143, ("", "terminated\n"))
    )
    assert took < 2.5  # 5 s and more without the fix: the handler ran once the sleep returned


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")
@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_text_predict_explain_stops_at_once_while_lrp_runs_in_one_native_call(
    clf_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    signum: str,
    stopped_in_process: Callable[[list[str], str], tuple[int, float]],
    native_sleep: Callable[[int], Callable[..., Any]],
) -> None:
    # the prediction ran in a thread of its own (txt33), its explanation still in the main one
    from lstmkit.text.sentiment import SentimentPredictor

    monkeypatch.setattr(SentimentPredictor, "_relevance", native_sleep(5))
    argv = ["text", "predict", str(clf_dir), "film 1 was great", "--explain", "--no-progress"]
    code, took = stopped_in_process(argv, signum)
    assert (code, capsys.readouterr()) == (
        (130, ("", "interrupted\n")) if signum == "SIGINT" else (143, ("", "terminated\n"))
    )
    assert took < 2.5  # 5 s and more without the fix


def test_explain_of_a_classifier_exits_143_at_once_while_torch_still_runs(
    clf_dir: Path, stopped_command: Callable[..., tuple[Any, float]]
) -> None:
    # the process, real signal and real torch: SIGTERM during an LSTM over a million steps
    # (seconds on one thread) in place of LRP's, exit code 143 at once, the call left running
    argv = ["explain", str(clf_dir), "--text", "a film", "--no-progress"]
    done, took = stopped_command("_explained_batches", argv, generator=True)
    assert (done.returncode, done.stderr, done.stdout) == (143, "terminated\n", "")
    assert took < 3.0  # the whole LSTM call without the fix


# ---- SentimentPredictor from Python: Ctrl-C stops predict and explain at once -----------------

_SCRIPT = """
import os, signal, sys, threading, time, torch
from lstmkit.text.sentiment import SentimentPredictor

def send():
    with open({sent!r}, "w") as f:
        f.write(repr(time.monotonic()))  # the clock the test reads too
    os.kill(os.getpid(), signal.SIGINT)

def long():
    threading.Timer(0.1, send).start()
    with torch.no_grad():
        torch.nn.LSTM(8, 8)(torch.zeros({steps}, 1, 8))  # one native call of seconds

def predicted(*args, **kwargs):
    long()
    print("not stopped", file=sys.stderr)
    return torch.tensor([[0.5, 0.5]]), []

def batches(*args, **kwargs):
    long()
    print("not stopped", file=sys.stderr)
    yield from ()

torch.set_num_threads(1)
SentimentPredictor._predicted = predicted
SentimentPredictor._explained_batches = batches
predictor = SentimentPredictor.load({model!r})
text = "a film " * 200  # 400 tokens: fewer run in the caller's thread (_interrupts._SHORT_CALL)
{call}
"""


def _run_script(tmp_path: Path, **fields: object) -> tuple[subprocess.CompletedProcess, float]:
    """:data:`_SCRIPT` run with ``fields``; its process and the seconds from the signal sent
    to its end."""
    sent = tmp_path / "sent"
    script = _SCRIPT.format(sent=str(sent), **fields)
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    return done, time.monotonic() - float(sent.read_text())


@pytest.mark.parametrize("call", ["predictor.predict(text)", "predictor.explain(text, 'up')"])
def test_ctrl_c_ends_a_python_program_at_once_while_the_model_runs_in_one_native_call(
    clf_dir: Path, tmp_path: Path, call: str
) -> None:
    # torch's LSTM over a text of 200,000 tokens: Ctrl-C 15 s into `predictor.predict(text)`
    # raised its KeyboardInterrupt 492 s later. Now at once, and the program ends as Python
    # ends one on an uncaught KeyboardInterrupt (killed by SIGINT: exit code 130 in a shell),
    # where its shutdown under the call still running would have crashed
    done, took = _run_script(tmp_path, steps=3_000_000, model=str(clf_dir), call=call)
    assert done.returncode == -signal.SIGINT
    assert done.stderr.endswith("\nKeyboardInterrupt\n")
    assert "not stopped" not in done.stderr
    assert took < 3.0  # the whole LSTM call (12 s on one thread here) without the fix


def test_a_program_that_goes_on_after_the_interrupt_ends_as_it_would_once_the_call_is_over(
    clf_dir: Path, tmp_path: Path
) -> None:
    # the KeyboardInterrupt caught: the program goes on at once, and its exit waits for the
    # call left running (Python's shutdown under it crashed), keeping the program's exit code
    call = (
        "try:\n    predictor.predict(text)\nexcept KeyboardInterrupt:\n"
        "    print('caught', flush=True)\nsys.exit(3)"
    )
    done, _ = _run_script(tmp_path, steps=4_000_000, model=str(clf_dir), call=call)
    assert (done.returncode, done.stdout) == (3, "caught\n")
    assert done.stderr == "not stopped\n"  # the call ended before the program did


def test_the_thread_runs_with_the_caller_s_grad_mode() -> None:
    # grad mode is thread-local: `with torch.no_grad(): predictor.predict(text)` built the
    # graph in the thread all the same
    import torch

    from lstmkit._interrupts import _interruptible

    with torch.no_grad():
        assert _interruptible(torch.is_grad_enabled) is False
    assert _interruptible(torch.is_grad_enabled) is True
