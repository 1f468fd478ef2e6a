"""Fixes of msg35: counts said in the singular or plural, not "(s)"; a 0-d tensor out of range
told so, not int(x); warnings of an interruptible call at the user's line."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

import lstmkit.text.sentiment as S
from lstmkit._checks import positive_int, warn_user
from lstmkit._interrupts import _interruptible
from lstmkit.backtest import _check_context
from lstmkit.explain import lrp
from lstmkit.explain.baselines import check_count
from lstmkit.explain.gates import _check_sample
from lstmkit.nn import LSTM
from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary, read_labelled_csv
from lstmkit.train import _non_finite_data


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


@pytest.mark.parametrize("method", ["predict", "predict_proba"])
@pytest.mark.parametrize("tokens", [3, 300])
def test_a_warning_in_predict_is_at_the_users_line(
    tokens: int, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """msg35: a warning of lstmkit's inside SentimentPredictor.predict pointed at torch's
    no_grad wrapper of _predicted (torch/utils/_contextlib.py) for a short text, and at
    threading.py for one of 256 tokens or more, which runs in a thread of its own; both point
    at the line that called predict. The warning stands in for one of lstmkit's in the model's
    run: a function of lstmkit's file (a frame of the test's would be the user's line).
    revmsg35: predict_proba, public and under @torch.no_grad() itself, is called through
    torch's wrapper from the user's line, which was skipped only between two of lstmkit's
    frames: its warning pointed at torch/utils/_contextlib.py."""
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
        text = " ".join(["good"] * tokens)
        line = _line() + 1
        getattr(predictor, method)(text if method == "predict" else [text])
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


def test_rows_of_a_labelled_csv_are_counted_in_the_singular_and_plural(tmp_path: Path) -> None:
    """msg35: "got none in row(s) 2" of one row; one is "row 2", several "rows 1, 3"."""
    path = tmp_path / "t.csv"
    path.write_text("text,label\n,pos\nbad,\n,neg\nok,\nfine,neg\n")
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == (
        f"column 'text' of {str(path)!r} must hold a text with a token in every row, got none in "
        f"rows 1, 3; column 'label' of {str(path)!r} must hold a label in every row, got an "
        "empty one in rows 2, 4 (rows counted from 1 below the header); fill them in or remove "
        "them."
    )


@pytest.mark.parametrize(
    ("column", "said"),
    [
        (
            torch.tensor([[1.0], [float("nan")], [2.0]]),
            "`train_data` column 0 holds 1 NaN or infinite value, at index (1, 0); fill or drop "
            "it first (lstmkit.data.to_frame(..., fill=...))",
        ),
        (
            torch.tensor([[1.0], [float("nan")], [float("inf")]]),
            "`train_data` column 0 holds 2 NaN or infinite values, the first at index (1, 0); "
            "fill or drop them first (lstmkit.data.to_frame(..., fill=...))",
        ),
    ],
)
def test_non_finite_training_data_is_counted(column: torch.Tensor, said: str) -> None:
    """msg35: "holds 1 NaN or infinite value(s), the first at index (1, 0); fill or drop them"
    of one value."""
    assert _non_finite_data((column,), None, "train_data") == said


def test_a_head_on_other_states_says_one_direction_and_unit_in_the_singular() -> None:
    """msg35: lrp's refusal of a head on other states said "(..., 1 direction(s) × 1 units,
    concatenated)" of a one-direction LSTM of one unit; it says "1 direction × 1 unit"."""

    class Wide(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn = torch.nn.LSTM(3, 1, batch_first=True)
            self.head = torch.nn.Linear(2, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.head(self.rnn(x)[1][0][-1].repeat(1, 2))

    with pytest.raises(TypeError) as err:
        lrp(Wide(), torch.randn(2, 5, 3))
    assert str(err.value) == (
        "lrp cannot explain this model: its `head` starts with a Linear of in_features=2, but "
        "lrp feeds it the readout 'last' of `rnn` (the final states of the last layer, 1 "
        "direction × 1 unit, concatenated): 1 feature. A head on something else (e.g. "
        "`h_n[-1]`, the reverse direction alone, or the states of every layer) is not supported."
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            {"drop": (41, 42)},
            "The missing timestamps lie in the plan of --future-cols promo, the rows after the "
            "target's last value (2021-02-09): add a row for 2021-02-11, 2021-02-12 with their "
            "values, or --fill makes their values up.",
        ),
        (
            {"blank": (41, 42)},
            "The empty values (promo at 2021-02-11, 2021-02-12) lie in the plan of --future-cols "
            "promo, the rows after the target's last value (2021-02-09), the values known in "
            "advance that the forecast reads: give them there, or --fill makes them up.",
        ),
        (
            {"blank": (10, 40, 41)},
            "The plan of --future-cols promo, the rows after the target's last value "
            "(2021-02-09), leaves values empty too (promo at 2021-02-10, 2021-02-11): give them "
            "there, or --fill makes them up.",
        ),
    ],
)
def test_a_plans_missing_rows_and_empty_values_are_counted(
    written: dict, said: str, promo_plan: Any, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """msg35: "The missing timestamp(s) lie", "The empty value(s) (...) lie", "leaves value(s)
    empty too"; several are said in the plural here, one in the singular in test_cal17_fixes,
    test_l18b_fixes and test_ref18_fixes."""
    assert promo_plan.forecast(promo_plan.write(tmp_path / "plan.csv", **written)) == 2
    assert capsys.readouterr().err.endswith(f" {said}\n")


def test_two_missing_steps_of_future_covariates_are_said_in_the_plural(promo_plan: Any) -> None:
    """msg35: forecast's "The missing timestamp(s) lie in the 4 forecast steps" of two."""
    fc, promo = promo_plan.fitted()
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=promo.drop(promo.index[[41, 42]]))
    assert str(err.value).endswith(
        " The missing timestamps lie in the 4 forecast steps, of which `future_covariates` must "
        "hold a row each, by its timestamp (2021-02-10 … 2021-02-13): add a row for 2021-02-11, "
        "2021-02-12 with their values, or a fill makes their values up."
    )


def test_a_warning_of_a_program_read_from_stdin_is_at_its_line() -> None:
    """msg35: warn_at_user passed the user's module globals to warnings.warn_explicit, whose
    source lookup raised ImportError("'__main__' is not a built-in module") for a program read
    from stdin (``python -``), in place of the warning; it is at the program's line."""
    program = "\n".join(
        [
            "import functools, warnings",
            "from lstmkit._checks import warn_user",
            "from lstmkit._interrupts import _interruptible",
            "warnings.simplefilter('always')",
            "with warnings.catch_warnings(record=True) as caught:",
            "    _interruptible(functools.partial(warn_user, 'held'))",
            "print([(w.filename, w.lineno, str(w.message)) for w in caught])",
        ]
    )
    env = {**os.environ, "PYTHONPATH": str(Path(S.__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, "-"], input=program, capture_output=True, text=True, env=env, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "[('<stdin>', 6, 'held')]\n", "")
