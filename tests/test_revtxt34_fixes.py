"""Fixes of revtxt34: SentimentPredictor's predict and explain run in _interruptible's thread
only where it stops a long call and computes what the caller's thread would."""

from __future__ import annotations

import signal
import threading
from typing import Any

import pytest
import torch
from torch.overrides import TorchFunctionMode
from torch.utils._python_dispatch import TorchDispatchMode

from lstmkit import _interrupts
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import SentimentPredictor
from lstmkit.text.vocab import Vocabulary

LONG = " ".join(["a good film"] * 100)  # 300 tokens: past _SHORT_CALL, a thread of its own


@pytest.fixture
def predictor() -> SentimentPredictor:
    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    return SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))


@pytest.fixture
def threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that ran SentimentPredictor's model, call by call."""
    seen: list[str] = []
    predicted, relevance = SentimentPredictor._predicted, SentimentPredictor._relevance

    def record(method: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            seen.append(threading.current_thread().name)
            return method(*args, **kwargs)

        return run

    monkeypatch.setattr(SentimentPredictor, "_predicted", record(predicted))
    monkeypatch.setattr(SentimentPredictor, "_relevance", record(relevance))
    return seen


def test_a_long_text_runs_in_a_thread_of_its_own(predictor: Any, threads: list[str]) -> None:
    predictor.predict(LONG)
    predictor.explain(LONG, "pos")
    assert threads == ["lstmkit-interruptible"] * 2


def test_short_texts_run_in_the_caller_s_thread(predictor: Any, threads: list[str]) -> None:
    # a thread of its own a call: 2,000 predict("a good film") took 2.7 s of CPU for 2.2 s
    predictor.predict("a good film")
    predictor.predict_many(["a good film"] * 85)  # 255 tokens in all
    predictor.explain("a good film", "pos")
    assert threads == ["MainThread"] * 3


def test_no_thread_where_no_handler_of_python_s_would_raise(
    predictor: Any, threads: list[str]
) -> None:
    # SIGINT ignored, SIGTERM's default: no signal raises anything to stop the wait
    signals = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        predictor.predict(LONG)
    finally:
        for s, handler in signals.items():
            signal.signal(s, handler)
    assert threads == ["MainThread"]


def test_another_thread_s_call_runs_in_it(predictor: Any, threads: list[str]) -> None:
    # a web server's worker, a ThreadPoolExecutor's: no handler there, no thread of its own
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="worker") as pool:
        assert pool.submit(predictor.predict, LONG).result() == predictor.predict(LONG)
    assert threads == ["worker_0", "lstmkit-interruptible"]


def test_autocast_is_the_caller_s(predictor: Any) -> None:
    # thread-local: in a thread of its own the probabilities were float32, 0.5530 in place of
    # autocast's bfloat16 0.5547
    with torch.autocast("cpu", dtype=torch.bfloat16):
        probs = predictor.predict_proba([LONG])
    assert probs.dtype == torch.bfloat16


def test_inference_mode_is_the_caller_s(predictor: Any) -> None:
    with torch.inference_mode():
        assert predictor.predict_proba([LONG]).is_inference()
    assert not predictor.predict_proba([LONG]).is_inference()


def test_a_torch_function_mode_sees_the_model_s_calls(predictor: Any) -> None:
    seen: set[str] = set()

    class Names(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            seen.add(getattr(func, "__name__", ""))
            return func(*args, **(kwargs or {}))

    with Names():
        predictor.predict_proba([LONG])
    assert "softmax" in seen  # _predicted's, where only the main thread's calls were seen


def test_a_torch_dispatch_mode_sees_the_model_s_operations(predictor: Any) -> None:
    seen: set[str] = set()

    class Ops(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            seen.add(str(func.overloadpacket))
            return func(*args, **(kwargs or {}))

    with Ops():
        predictor.predict_proba([LONG])
    assert "aten._softmax" in seen  # none of the model's were seen in a thread of its own


def test_the_device_context_keeps_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []

    def where() -> None:
        ran.append(threading.current_thread().name)

    with torch.device("cpu"):
        _interrupts._interruptible(where)
    _interrupts._interruptible(where)
    assert ran == ["MainThread", "lstmkit-interruptible"]


_GOES_ON = """
import os, signal, sys, threading, torch
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import SentimentPredictor
from lstmkit.text.vocab import Vocabulary

def predicted(*args, **kwargs):
    threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
    with torch.no_grad():  # one native call of a second or so (0.5 s a million steps, AVX-512)
        torch.nn.LSTM(8, 8)(torch.zeros(2_000_000, 1, 8))
    return torch.tensor([[0.5, 0.5]]), []

torch.set_num_threads(1)
SentimentPredictor._predicted = predicted
vocab = Vocabulary.build(["a good film"])
predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))
try:
    predictor.predict("a good film " * 100)
except KeyboardInterrupt:
    print("caught", flush=True)
sys.exit(3)
"""


def test_a_program_that_goes_on_after_the_interrupt_keeps_its_exit_code() -> None:
    # it waited at its exit for the call left running, and then ended as its thread ended:
    # "terminate called without an active exception", exit code 134, in 4 of 8 runs
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _GOES_ON],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    ended = [(run.wait(120), *run.communicate()) for run in runs]
    assert ended == [(3, "caught\n", "")] * 4
