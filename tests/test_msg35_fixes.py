"""Fixes of msg35: counts said in the singular or plural, not "(s)"; a 0-d tensor out of range
told so, not int(x); warnings of an interruptible call at the user's line."""

from __future__ import annotations

import functools
import threading
import warnings

import pytest

import lstmkit.text.sentiment as S
from lstmkit._checks import warn_user
from lstmkit._interrupts import _interruptible
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
