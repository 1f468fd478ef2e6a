"""The docstrings a user reads with ``help()`` name the errors the calls raise."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, NotFittedError

AIR = load_dataset("airline")


def _raises(obj: Callable) -> set[str]:
    """The exception names under ``Raises:`` in ``obj``'s docstring (``A, B: ...`` counts both)."""
    doc = inspect.cleandoc(obj.__doc__ or "")
    if "Raises:" not in doc:
        return set()
    names: set[str] = set()
    for line in doc.split("Raises:", 1)[1].splitlines()[1:]:
        if line and not line.startswith(" "):
            break  # the next section
        if match := re.match(r" {4}(\w+(?:, \w+)*):", line):
            names.update(match.group(1).split(", "))
    return names


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    config = {"horizon": 2, "ensemble": 1, "epochs": 1, "hidden_size": 2, "refit": False}
    return Forecaster(**config, interval=None, progress=False).fit(np.arange(1.0, 41.0))


def _unfitted() -> Forecaster:
    return Forecaster(horizon=12)


CASES: list[tuple[Callable, Callable[[Forecaster], object], type[Exception]]] = [
    (Forecaster.fit, lambda fc: _unfitted().fit([1.0] * 40), TypeError),
    (Forecaster.history, lambda fc: fc.history([1.0] * 40), TypeError),
    (Forecaster.predict, lambda fc: fc.predict(series=[1.0] * 40), TypeError),
    (Forecaster.encoder_inputs, lambda fc: _unfitted().encoder_inputs(), NotFittedError),
    (Forecaster.backtest, lambda fc: _unfitted().backtest(AIR, levels="a"), TypeError),
    (Forecaster.backtest, lambda fc: _unfitted().backtest(AIR, stride=0), ValueError),
    (Forecaster.backtest, lambda fc: _unfitted().backtest(AIR, retrain=False), NotFittedError),
    (Forecaster.save, lambda fc: _unfitted().save("unused"), NotFittedError),
    (Forecaster.load, lambda fc: Forecaster.load(Path("no such folder")), FileNotFoundError),
]


@pytest.mark.parametrize(
    ("documented", "call", "error"),
    CASES,
    ids=[f"{case[0].__qualname__}-{k}" for k, case in enumerate(CASES)],
)
def test_the_error_a_call_raises_is_named_under_raises(documented, call, error, fitted):
    with pytest.raises(error) as raised:
        call(fitted)
    assert type(raised.value).__name__ in _raises(documented)
