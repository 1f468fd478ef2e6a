"""lstmkit: recurrent neural networks you can see inside.

The recurrent core (``lstmkit.nn``) is imported eagerly; the workflow layers (forecasting, data,
training, text, explanations) load on first use, so ``import lstmkit`` stays as light as torch.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell, summary, trace

# Public names served lazily: name -> module that defines it.
_LAZY = {
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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'lstmkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = ["GRU", "LSTM", "GRUCell", "LSTMCell", "__version__", "summary", "trace", *_LAZY]
