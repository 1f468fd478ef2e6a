"""Fixes of msg35: counts said in the singular or plural, not "(s)"; a 0-d tensor out of range
told so, not int(x); warnings of an interruptible call at the user's line."""

from __future__ import annotations

import functools
import threading
import warnings
from collections.abc import Callable

import numpy as np
import pytest
import torch

import lstmkit.text.sentiment as S
from lstmkit._checks import positive_int, warn_user
from lstmkit._interrupts import _interruptible
from lstmkit.backtest import _check_context
from lstmkit.explain.baselines import check_count
from lstmkit.explain.gates import _check_sample
from lstmkit.nn import LSTM
from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary


@pytest.mark.parametrize("size", [1, None])
def test_a_warning_in_an_interruptible_call_is_at_the_callers_line(size: int | None) -> None:
    """msg35: a warning in the call that _interruptible runs in a thread of its own (size None:
    always, in the main thread) pointed at threading.py; as in the caller's thread (size 1),
    it points at the line that called it."""
    with pytest.warns(UserWarning, match="^held$") as caught:
        line = _line() + 1
        _interruptible(functools.partial(warn_user, "held"), size)
    assert [(w.filename, w.lineno) for w in caught] == [(__file__, line)]


def _line() -> int:
    import inspect

    frame = inspect.currentframe()
    assert frame is not None and frame.f_back is not None
    return frame.f_back.f_lineno


@pytest.mark.parametrize("tokens", [3, 300])
def test_a_warning_in_predict_is_at_the_users_line(
    tokens: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """msg35: a warning of lstmkit's inside SentimentPredictor.predict pointed at torch's
    no_grad wrapper of _predicted (torch/utils/_contextlib.py) for a short text, and at
    threading.py for one of 256 tokens or more, which runs in a thread of its own; both point
    at the line that called predict. The warning stands in for one of lstmkit's in the model's
    run: a function of lstmkit's file (a frame of the test's would be the user's line)."""
    threads = []
    code = "\n".join(
        [
            "def stand_in(output, model, done):",
            "    threads.append(name())",
            "    warn('odd ' + done)",
        ]
    )
    space = {"warn": warn_user, "threads": threads, "name": lambda: threading.current_thread().name}
    exec(compile(code, S.__file__, "exec"), space)
    monkeypatch.setattr(S, "_check_values", space["stand_in"])
    vocab = Vocabulary.build(["a good film", "a bad film"])
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("bad", "good"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = _line() + 1
        predictor.predict(" ".join(["good"] * tokens))
    assert [(w.filename, w.lineno, str(w.message)) for w in caught] == [
        (__file__, line, "odd predictions")
    ]
    # the long text ran in the interruptible thread (the short one in the caller's)
    assert threads == ["lstmkit-interruptible" if tokens >= 256 else "MainThread"]


def _refusal(call: Callable[[], object]) -> str:
    with pytest.raises(TypeError) as caught:
        call()
    return str(caught.value)


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (
            lambda: LSTM(3, 4, num_layers=2).gates(layer=torch.tensor(5)),
            "`layer` must be an integer layer index in [0, 1], got Tensor tensor(5) (it holds 5, "
            "which is outside [0, 1] too).",
        ),
        (
            lambda: LSTM(3, 4, num_layers=2).gates(layer=torch.tensor(-1)),
            "`layer` must be an integer layer index in [0, 1], got Tensor tensor(-1) (it holds "
            "-1, which is outside [0, 1] too).",
        ),
        (
            lambda: LSTM(3, 4, num_layers=2).gates(layer=torch.tensor(1)),
            "`layer` must be an integer layer index in [0, 1], got Tensor tensor(1) (give a "
            "Python int: int(x)).",
        ),
        (
            lambda: LSTM(3, 4).gates(direction=np.array(1)),
            "`direction` must be 'forward', 'reverse' or an int direction index, got ndarray "
            "array(1) (it holds 1, which is outside [0, 0] too).",
        ),
        (
            lambda: _check_sample({"forget": torch.zeros(2, 3, 4)}, torch.tensor(2)),
            "`sample` must be an integer in [0, 2) (the traced batch), got Tensor tensor(2) (it "
            "holds 2, which is outside [0, 1] too).",
        ),
        (
            lambda: positive_int(torch.tensor(0), "horizon"),
            "`horizon` must be a positive integer, got tensor(0) (it holds 0, which is below 1 "
            "too).",
        ),
        (
            lambda: check_count(torch.tensor(0), "steps"),
            "`steps` must be a positive integer, got Tensor tensor(0) (it holds 0, which is below "
            "1 too).",
        ),
        (
            lambda: _check_context(np.array(0)),
            "`context` must be a positive integer or None, got array(0) (it holds 0, which is "
            "below 1 too).",
        ),
    ],
)
def test_a_0d_tensor_out_of_range_is_told_so_not_int_x(
    call: Callable[[], object], said: str
) -> None:
    """msg35: a 0-d tensor or array holding an int out of range (layer=torch.tensor(5) of a
    2-layer LSTM) was told "(give a Python int: int(x))", whose int is refused in turn; it is
    told the range, and one in range int(x) as before."""
    assert _refusal(call) == said
