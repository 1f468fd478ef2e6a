"""lstmkit: recurrent neural networks you can see inside.

Every public name loads on first use, the recurrent core (``lstmkit.nn``) included: ``import
lstmkit`` imports neither torch nor pandas, so the ``lstmkit`` command can catch a Ctrl-C in
its own first import of them, and a script pays for the layers it touches.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public names served lazily: name -> module that defines it.
_LAZY = {
    "GRU": "lstmkit.nn",
    "LSTM": "lstmkit.nn",
    "GRUCell": "lstmkit.nn",
    "LSTMCell": "lstmkit.nn",
    "summary": "lstmkit.nn",
    "trace": "lstmkit.nn",
    "Forecaster": "lstmkit.forecast",
    "ForecasterConfig": "lstmkit.forecast",
    "NotFittedError": "lstmkit.forecast",
    "load_dataset": "lstmkit.data",
    "list_datasets": "lstmkit.data",
    "TrainConfig": "lstmkit.train",
    "TextClassifier": "lstmkit.text",
    "CharLM": "lstmkit.text",
    "lrp": "lstmkit.explain",
}

# Subpackages and modules reachable as attributes (``lstmkit.nn.LSTM`` after ``import lstmkit``).
_SUBMODULES = (
    "backtest",
    "baselines",
    "data",
    "explain",
    "forecast",
    "io",
    "metrics",
    "nn",
    "text",
    "train",
)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _SUBMODULES:
        return importlib.import_module(f"lstmkit.{name}")
    raise AttributeError(f"module 'lstmkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_SUBMODULES})


__all__ = ["__version__", *_LAZY]
