"""Fixes of revmsg35 (review of msg35): warnings at the user's line through a public method's
decorator; counts of one said in the singular."""

from __future__ import annotations

import inspect
import threading
import warnings

import pytest

import lstmkit.text.sentiment as S
from lstmkit._checks import warn_user
from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary


def _line() -> int:
    frame = inspect.currentframe()
    assert frame is not None and frame.f_back is not None
    return frame.f_back.f_lineno


@pytest.mark.parametrize("tokens", [3, 300])
def test_a_warning_in_predict_proba_is_at_the_users_line(
    tokens: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """revmsg35: predict_proba, public and under @torch.no_grad(), is called through torch's
    wrapper from the user's line: a warning in its run pointed at torch/utils/_contextlib.py
    (the wrapper was skipped only between two of lstmkit's frames, as predict's is)."""
    threads: list[str] = []
    code = "def stand_in(output, model, done):\n    threads.append(name())\n    warn('odd ' + done)"
    space = {"warn": warn_user, "threads": threads, "name": lambda: threading.current_thread().name}
    exec(compile(code, S.__file__, "exec"), space)  # a function of lstmkit's file
    monkeypatch.setattr(S, "_check_values", space["stand_in"])
    vocab = Vocabulary.build(["a good film", "a bad film"])
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("bad", "good"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = _line() + 1
        predictor.predict_proba([" ".join(["good"] * tokens)])
    assert [(w.filename, w.lineno, str(w.message)) for w in caught] == [
        (__file__, line, "odd predictions")
    ]
    assert threads == ["lstmkit-interruptible" if tokens >= 256 else "MainThread"]
