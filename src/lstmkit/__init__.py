"""lstmkit: recurrent neural networks you can see inside.

Every public name loads on first use, the recurrent core (``lstmkit.nn``) included: ``import
lstmkit`` imports neither torch nor pandas, so the ``lstmkit`` command can catch a Ctrl-C in
its own first import of them, and a script pays for the layers it touches.
"""

from __future__ import annotations

from lstmkit._lazy import lazy_attributes

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


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, _SUBMODULES, globals())

__all__ = ["__version__", *_LAZY]
